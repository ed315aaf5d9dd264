"""跨域通办: a town window receives an application for an item the county hall handles,
checks the materials and forwards the paper by courier; the county hall confirms receipt,
accepts and decides; the result goes back to the town window, which hands it over. Both
sides see the case. And the other way: an application received by another region's window,
registered by the handling hall."""

from __future__ import annotations

import base64

import pytest

from onewindow.cases import proxy
from onewindow.cases import services as case_services
from onewindow.cases.models import Case, CaseState, ProxyTransfer
from onewindow.core.errors import Conflict, PermissionDenied
from onewindow.core.permissions import Role
from onewindow.identity import services as identity
from onewindow.identity.demo import CITIZENS
from tests.cases.conftest import FORM, at

MONDAY = at(2026, 3, 2, 10)
SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 32).decode()


@pytest.fixture
def cross(make_item, county, travel):
    """A 跨县 item handled at the county hall only."""
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103007000", name="跨域通办事项", cross_region_scope="跨县")
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


@pytest.fixture
def town_clerk(county, login_client):
    hall = county["halls"]["横渠镇"]
    user = identity.staff_create(
        actor=None,
        username="hengqu",
        name="横渠窗口",
        password="Town-Clerk-2026",
        department_id=county["departments"]["横渠镇"].pk,
        hall_id=hall.pk,
        roles=[Role.WINDOW_CLERK],
    )
    return user, login_client(user)


def test_received_in_town_handled_at_the_county(cross, users, town_clerk, login_client, travel):
    town, town_client = town_clerk
    county_client = login_client(users["chuangkou"])
    # Reception in town: the item is offered for 代收, not for direct acceptance.
    with travel(MONDAY):
        page = town_client.get(f"/window/?q={CITIZENS[0][2]}").content.decode()
        assert 'data-testid="proxy-items"' in page
        assert "跨域通办事项" in page
        r = town_client.post(
            "/window/start/",
            {"item_id": cross.item_id, "applicant_id": users["zhangsan"].pk, "proxy": "1"},
        )
        case = Case.objects.get()
        assert case.channel == "proxy"
        assert case.receiving_hall.name == "横渠镇便民服务中心"
        assert case.hall.name == "眉县政务服务中心"
        marks = {
            f"mark-{m.pk}": "paper"
            for m in cross.materials.all()
            if m.name in ("食品经营许可申请书", "食品安全管理制度文本")
        }
        # Without a tracking number nothing is forwarded.
        r = town_client.post(
            f"/window/intake/{case.pk}/",
            {**FORM, **marks, "action": "forward", "return_method": "window"},
        )
        assert r.status_code == 422
        case.refresh_from_db()
        assert case.state == CaseState.DRAFT
        r = town_client.post(
            f"/window/intake/{case.pk}/",
            {
                **FORM,
                **marks,
                "action": "forward",
                "courier": "EMS",
                "tracking_number": "1150000000001",
                "return_method": "window",
            },
        )
        assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    transfer = case.transfer
    assert transfer.tracking_number == "1150000000001"
    # The town window may not accept: acceptance is the handling hall's.
    with travel(MONDAY), pytest.raises(PermissionDenied):
        case_services.accept(actor=town, case_id=case.pk)
    # Both sides see it and where it stands.
    with travel(MONDAY):
        assert "材料寄送中" in town_client.get("/window/proxy/").content.decode()
        handling = county_client.get("/window/proxy/?side=handling").content.decode()
        assert case.number in handling
        r = county_client.post(
            "/window/proxy/?side=handling", {"case_id": case.pk, "step": "materials_received"}
        )
        assert r.status_code == 302
        case_services.accept(actor=users["chuangkou"], case_id=case.pk)
        case_services.start_review(actor=users["shenpi"], case_id=case.pk)
        case_services.pass_step(actor=users["shenpi"], case_id=case.pk, opinion="符合")
        case_services.approve(actor=users["shenpi"], case_id=case.pk, opinion="准予")
        # The county hall does not hand it over: it goes back to the town window.
        assert (
            f"/window/delivery/{case.pk}/"
            not in county_client.get("/window/delivery/").content.decode()
        )
        r = county_client.post(
            "/window/proxy/?side=handling",
            {
                "case_id": case.pk,
                "step": "result_sent",
                "courier": "EMS",
                "tracking_number": "1150000000002",
            },
        )
        assert r.status_code == 302
        assert "结果寄回中" in town_client.get("/window/proxy/").content.decode()
        town_client.post("/window/proxy/", {"case_id": case.pk, "step": "result_received"})
        assert (
            f"/window/delivery/{case.pk}/" in town_client.get("/window/delivery/").content.decode()
        )
        r = town_client.post(
            f"/window/delivery/{case.pk}/",
            {
                "method": "window",
                "collector_name": "张三",
                "collector_id_number": CITIZENS[0][2],
                "signature": SIGNATURE,
            },
        )
        assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.DELIVERED
    assert proxy.stage(ProxyTransfer.objects.get()) == "已送达申请人"


def test_a_window_does_not_proxy_what_its_hall_handles(cross, users, login_client, travel):
    clerk = login_client(users["chuangkou"])
    with travel(MONDAY):
        r = clerk.post(
            "/window/start/",
            {"item_id": cross.item_id, "applicant_id": users["zhangsan"].pk, "proxy": "1"},
        )
    assert r.status_code == 422
    assert "无需跨域代收" in r.content.decode()
    assert not Case.objects.exists()


def test_an_application_received_by_another_region(cross, users, login_client, travel):
    clerk = login_client(users["chuangkou"])
    with travel(MONDAY):
        r = clerk.post(
            "/window/start/",
            {
                "item_id": cross.item_id,
                "applicant_id": users["zhangsan"].pk,
                "source_region": "宝鸡市渭滨区政务服务中心",
            },
        )
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.receiving_hall is None
    transfer = case.transfer
    assert transfer.source_region == "宝鸡市渭滨区政务服务中心"
    assert transfer.return_method == "post"
    assert transfer.materials_received_at is not None
    with travel(MONDAY), pytest.raises(Conflict, match="已登记转递"):
        proxy.forward(
            actor=users["chuangkou"], case_id=case.pk, return_method="post", source_region="x"
        )
