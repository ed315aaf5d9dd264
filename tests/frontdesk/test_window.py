"""The comprehensive window: find or register the applicant, start an application for an
item of the hall, check the materials off, and accept (with 容缺 on a signed commitment),
ask for correction in one notice, refuse with the legal basis, or just receive; then hand
the result over at the unified delivery window."""

from __future__ import annotations

import base64
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases import services as case_services
from onewindow.cases.models import Case, CaseState, Delivery
from onewindow.identity.demo import CITIZENS
from onewindow.identity.models import User
from tests.cases.conftest import FORM, at

MONDAY = at(2026, 3, 2, 10)
ZHANGSAN_ID = CITIZENS[0][2]
NEW_ID = "110101199003078515"  # a valid resident ID number nobody has registered
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


def html(r) -> str:
    return r.content.decode()


@pytest.fixture
def clerk(users, login_client):
    return login_client(users["chuangkou"])


@pytest.fixture
def materials(published):
    return {m.name: m for m in published.materials.all()}


@pytest.fixture
def started(published, users, clerk, travel):
    """An intake started for 张三 for the food business licence."""
    with travel(MONDAY):
        r = clerk.post(
            "/window/start/",
            {"item_id": published.item_id, "applicant_id": users["zhangsan"].pk},
        )
    assert r.status_code == 302
    case = Case.objects.get()
    assert r["Location"] == f"/window/intake/{case.pk}/"
    assert case.channel == "window"
    assert case.state == CaseState.DRAFT
    return case


def intake(clerk, case, travel, **data):
    with travel(MONDAY):
        return clerk.post(f"/window/intake/{case.pk}/", data)


def marks(materials, **by_name):
    return {f"mark-{materials[name].pk}": mark for name, mark in by_name.items()}


def test_lookup_by_id_number_shows_the_person_and_the_halls_items(published, clerk):
    r = clerk.get(f"/window/?q={ZHANGSAN_ID}")
    page = html(r)
    assert 'data-testid="applicant"' in page
    assert "张三" in page
    assert published.name in page  # accepted at this hall
    r = clerk.get("/window/?q=12345")
    assert "请输入 18 位居民身份证号码或统一社会信用代码" in html(r)


def test_an_unknown_person_is_registered_at_the_counter(clerk, county):
    page = html(clerk.get(f"/window/?q={NEW_ID}"))
    assert 'data-testid="register"' in page
    r = clerk.post(
        "/window/register/", {"kind": "person", "code": NEW_ID, "name": "王五", "phone": "1380000"}
    )
    assert r.status_code == 422
    assert 'value="王五"' in html(r)  # what was typed stays
    assert not User.objects.filter(name="王五").exists()
    r = clerk.post(
        "/window/register/",
        {"kind": "person", "code": NEW_ID, "name": "王五", "phone": "13800000009"},
    )
    assert r.status_code == 302
    assert r["Location"] == f"/window/?q={NEW_ID}"
    assert "王五" in html(clerk.get(r["Location"]))


def test_the_checklist_offers_tolerance_only_where_allowed(started, clerk, materials, travel):
    with travel(MONDAY):
        page = html(clerk.get(f"/window/intake/{started.pk}/"))
    rules = materials["食品安全管理制度文本"]
    form = materials["食品经营许可申请书"]
    assert f'name="mark-{rules.pk}" id="mark-{rules.pk}-tolerated"' in page
    assert f'id="mark-{form.pk}-tolerated"' not in page
    licence = materials["营业执照"]
    assert f'name="mark-{licence.pk}"' not in page  # an electronic licence: shared
    assert "共享获取" in page


def test_accept_with_a_tolerated_material_on_the_signed_commitment(
    started, clerk, materials, travel
):
    data = {
        **FORM,
        **marks(materials, 食品经营许可申请书="paper", 食品安全管理制度文本="tolerated"),
        "action": "accept",
    }
    r = intake(clerk, started, travel, **data)
    assert r.status_code == 422
    assert "容缺受理承诺书" in html(r)
    started.refresh_from_db()
    assert started.state == CaseState.DRAFT
    # The marks and the form were kept.
    assert started.form_data == FORM
    assert set(started.materials.values_list("status", flat=True)) == {"received", "tolerated"}
    r = intake(clerk, started, travel, **data, commitment_signer="张三")
    assert r.status_code == 302
    assert r["Location"] == f"/window/issued/{started.pk}/"
    started.refresh_from_db()
    assert started.state == CaseState.ACCEPTED
    kinds = set(started.notices.values_list("kind", flat=True))
    assert kinds == {"acceptance", "tolerance"}
    with travel(MONDAY):
        page = html(clerk.get(r["Location"]))
    for n in started.notices.all():
        assert f"/cases/{started.pk}/notices/{n.pk}/pdf" in page


def test_one_correction_notice_lists_everything_missing(started, clerk, materials, travel):
    data = {
        **FORM,
        **marks(materials, 食品经营许可申请书="defective", 食品安全管理制度文本="missing"),
        "action": "correct",
    }
    r = intake(clerk, started, travel, **data)
    assert r.status_code == 422  # a defective material needs its problem written
    assert 'data-testid="material-error"' in html(r)
    data[f"problem-{materials['食品经营许可申请书'].pk}"] = "未签字盖章"
    r = intake(clerk, started, travel, **data)
    assert r.status_code == 302
    started.refresh_from_db()
    assert started.state == CaseState.CORRECTION
    body = started.notices.get(kind="correction").body
    assert "1. 食品经营许可申请书：未签字盖章" in body
    assert "2. 食品安全管理制度文本：未提交该材料" in body


def test_accepting_with_materials_missing_is_refused(started, clerk, materials, travel):
    data = {**FORM, **marks(materials, 食品经营许可申请书="paper"), "action": "accept"}
    r = intake(clerk, started, travel, **data)
    assert r.status_code == 422
    assert "食品安全管理制度文本" in html(r)
    started.refresh_from_db()
    assert started.state == CaseState.DRAFT


def test_refusal_needs_a_reason_and_its_legal_basis(started, clerk, travel):
    r = intake(clerk, started, travel, action="refuse", reason="不属于本机关职权范围")
    assert r.status_code == 422
    assert "法律依据" in html(r)
    assert "不属于本机关职权范围" in html(r)  # kept
    r = intake(
        clerk,
        started,
        travel,
        action="refuse",
        reason="不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    assert r.status_code == 302
    started.refresh_from_db()
    assert started.state == CaseState.NOT_ACCEPTED
    assert "第三十二条第一款" in started.notices.get(kind="refusal").body


def test_receive_leaves_acceptance_to_prereview(started, clerk, materials, travel):
    data = {
        **FORM,
        **marks(materials, 食品经营许可申请书="paper", 食品安全管理制度文本="paper"),
        "action": "receive",
    }
    r = intake(clerk, started, travel, **data)
    assert r.status_code == 302
    started.refresh_from_db()
    assert started.state == CaseState.SUBMITTED
    assert started.number
    assert not started.notices.exists()


def test_an_item_marked_accept_on_receipt_is_accepted_when_received(
    make_item, county, users, clerk, travel
):
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103004000", name="收件即受理事项", accept_on_receipt=True)
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    with travel(MONDAY):
        clerk.post(
            "/window/start/", {"item_id": version.item_id, "applicant_id": users["zhangsan"].pk}
        )
    case = Case.objects.get()
    mats = {m.name: m for m in version.materials.all()}
    data = {
        **FORM,
        **{f"mark-{mats[n].pk}": "paper" for n in ("食品经营许可申请书", "食品安全管理制度文本")},
        "action": "receive",
    }
    r = intake(clerk, case, travel, **data)
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.notices.filter(kind="acceptance").exists()


def test_a_scan_is_attached_to_its_material(started, clerk, materials, travel):
    m = materials["食品经营许可申请书"]
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%scan\n", content_type="application/pdf")
    r = intake(clerk, started, travel, **{f"mark-{m.pk}": "scan", f"file-{m.pk}": scan})
    assert r.status_code == 302
    row = started.materials.get(material=m)
    assert row.original_name == "scan.pdf"
    assert row.sm3


def test_other_halls_and_other_roles_are_kept_out(started, users, login_client, travel):
    approver = login_client(users["shenpi"])
    with travel(MONDAY):
        assert approver.get("/window/").status_code == 403
        assert approver.get(f"/window/intake/{started.pk}/").status_code in (403, 404)
    citizen = login_client(users["zhangsan"])
    assert citizen.get("/window/").status_code == 403


# --- delivery ---------------------------------------------------------------------------------
@pytest.fixture
def approved(published, users, travel):
    clerk, approver = users["chuangkou"], users["shenpi"]
    with travel(MONDAY):
        case = case_services.apply(
            actor=users["zhangsan"], item_id=published.item_id, channel="pc", form_data=FORM
        )
        case = case_services.accept(actor=clerk, case_id=case.pk)
        case_services.start_review(actor=approver, case_id=case.pk)
        case_services.pass_step(actor=approver, case_id=case.pk, opinion="符合条件")
        return case_services.approve(actor=approver, case_id=case.pk, opinion="准予许可")


def test_delivery_at_the_window(approved, clerk, travel):
    with travel(at(2026, 3, 3, 10)):
        queue = html(clerk.get("/window/delivery/"))
        assert f"/window/delivery/{approved.pk}/" in queue
        r = clerk.post(
            f"/window/delivery/{approved.pk}/",
            {
                "method": "window",
                "by_applicant": "1",
                "collector_name": "张三",
                "collector_id_number": CITIZENS[1][2],
                "signature": SIGNATURE,
            },
        )
        assert r.status_code == 422
        page = html(r)
        assert "身份证号码与申请人（经办人）不一致" in page
        assert f'value="{CITIZENS[1][2]}"' in page
        r = clerk.post(
            f"/window/delivery/{approved.pk}/",
            {
                "method": "window",
                "by_applicant": "1",
                "collector_name": "张三",
                "collector_id_number": ZHANGSAN_ID,
                "signature": SIGNATURE,
            },
        )
        assert r.status_code == 302
        flash = html(clerk.get(r["Location"]))
    assert "已出件" in flash
    approved.refresh_from_db()
    assert approved.state == CaseState.DELIVERED
    assert Delivery.objects.get(case=approved).id_checked is True
    with travel(at(2026, 3, 3, 10, 5)):
        r = clerk.get(f"/window/delivery/{approved.pk}/")
    assert r.status_code == 409
    assert "不在待出件环节" in html(r)


def test_the_signature_pad_is_on_the_page(approved, clerk, travel):
    with travel(at(2026, 3, 3, 10)):
        page = html(clerk.get(f"/window/delivery/{approved.pk}/"))
    assert "data-signature-pad" in page
    assert re.search(r'src="/static/frontdesk/signature\.js"', page)


def test_portal_submission_of_an_accept_on_receipt_item_is_accepted(
    make_item, county, users, login_client, travel
):
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item(
            "000103005000",
            name="网上收件即受理事项",
            accept_on_receipt=True,
            tolerant_acceptance=False,
            materials=[
                {"material_type": "营业执照", "originals": 0, "copies": 1, "form": "electronic"}
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    citizen = login_client(users["zhangsan"])
    with travel(MONDAY):
        r = citizen.post(f"/portal/apply/{version.item_id}/", {**FORM, "action": "submit"})
    assert r.status_code == 302, html(r)[:500]
    case = Case.objects.get()
    assert case.state == CaseState.ACCEPTED
    assert "收件即受理" in case.timeline.get(action="accept").opinion


# --- the API ----------------------------------------------------------------------------------
def test_api_counter_flow(published, users, clerk, materials, travel):
    r = clerk.get(f"/api/v1/window/lookup?q={ZHANGSAN_ID}")
    assert r.json()["found"] is True
    assert r.json()["name"] == "张三"
    assert clerk.get("/api/v1/window/lookup?q=123").status_code == 422
    with travel(MONDAY):
        r = clerk.post(
            "/api/v1/window/intake",
            {"item_id": published.item_id, "applicant_id": users["zhangsan"].pk},
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
        case_id = r.json()["id"]
        r = clerk.post(
            f"/api/v1/window/intake/{case_id}/marks",
            {
                "form_data": {**FORM, "enterprise.uscc": "bad"},
                "marks": [
                    {"material_id": materials["食品经营许可申请书"].pk, "mark": "paper"},
                    {"material_id": materials["食品安全管理制度文本"].pk, "mark": "defective"},
                ],
            },
            content_type="application/json",
        )
        body = r.json()
        assert set(body["errors"]) == {
            "enterprise.uscc",
            f"material-{materials['食品安全管理制度文本'].pk}",
        }
        blocking = [ln["name"] for ln in body["lines"] if ln["blocks_acceptance"]]
        assert blocking == ["食品安全管理制度文本"]
        r = clerk.post(
            f"/api/v1/window/intake/{case_id}/accept", {}, content_type="application/json"
        )
        assert r.status_code == 422
        r = clerk.post(
            f"/api/v1/window/intake/{case_id}/correct", {}, content_type="application/json"
        )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "correction"
    notice = Case.objects.get(pk=case_id).notices.get(kind="correction")
    # The form's gap is on the same notice as the material's.
    assert "食品安全管理制度文本：未提交该材料" in notice.body
    assert "申请表：统一社会信用代码：必填" in notice.body


def test_api_delivery(approved, clerk, travel):
    with travel(at(2026, 3, 3, 10)):
        queue = clerk.get("/api/v1/window/delivery").json()
        assert [row["id"] for row in queue] == [approved.pk]
        r = clerk.post(
            f"/api/v1/window/delivery/{approved.pk}",
            {"method": "post", "courier": "EMS"},
            content_type="application/json",
        )
        assert r.status_code == 422
        r = clerk.post(
            f"/api/v1/window/delivery/{approved.pk}",
            {
                "method": "post",
                "courier": "EMS",
                "tracking_number": "1151234567890",
                "address": "眉县",
            },
            content_type="application/json",
        )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "delivered"


# --- 告知承诺 at the counter --------------------------------------------------------------------
def test_the_counter_records_the_signed_commitment_and_waives_the_proof(
    make_item, county, users, clerk, travel
):
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item(
            "000103009000",
            name="窗口告知承诺事项",
            commitment=True,
            tolerant_acceptance=False,
            materials=[
                {"material_type": "食品经营许可申请书", "originals": 1, "form": "both"},
                {"material_type": "食品安全管理制度文本", "waivable": True},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    with travel(MONDAY):
        clerk.post(
            "/window/start/", {"item_id": version.item_id, "applicant_id": users["zhangsan"].pk}
        )
    case = Case.objects.get()
    form_material = version.materials.get(name="食品经营许可申请书")
    data = {**FORM, f"mark-{form_material.pk}": "paper", "action": "accept"}
    r = intake(clerk, case, travel, **data)
    assert r.status_code == 422  # the proof is missing and no commitment was signed
    r = intake(clerk, case, travel, **data, notification="1", notification_signer="张三")
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.commitments.get().via == "paper"
    assert set(case.notices.values_list("kind", flat=True)) == {"acceptance", "commitment"}


def test_reception_offers_only_items_for_this_kind_of_applicant(make_item, county, clerk, travel):
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103010000", name="只面向企业的事项", service_objects="2")
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    page = html(clerk.get(f"/window/?q={ZHANGSAN_ID}"))
    assert "只面向企业的事项" not in page
