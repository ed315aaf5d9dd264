"""Items move draft → submitted → approved → published → retired; published versions are
kept unchanged and a change is a new version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from onewindow.catalog import selectors, services
from onewindow.catalog.content import content_of, diff
from onewindow.catalog.models import Item, ItemVersion, Review, VersionStatus
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.core.models import AuditEvent

from .conftest import content


def test_implementation_code_is_department_uscc_basic_code_and_sequence(make_item, county):
    v1 = make_item("000103001000", publish=False)
    v2 = make_item("000103001000", publish=False)
    uscc = county["departments"]["县市场监管局"].uscc
    assert v1.item.implementation_code == uscc + "000103001000" + "0"
    assert v2.item.implementation_code == uscc + "000103001000" + "1"
    assert len(v1.item.implementation_code) == 31


def test_full_lifecycle_by_department_admin_and_reviewer(make_item, users):
    bumen, dating = users["bumen"], users["dating"]
    version = services.item_create(
        actor=bumen,
        department_id=bumen.department_id,
        basic_code="000103009000",
        content=content(name="小作坊登记"),
    )
    assert version.status == VersionStatus.DRAFT
    services.version_submit(actor=bumen, version_id=version.pk)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=bumen, version_id=version.pk)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=users["shenpi"], version_id=version.pk)
    services.version_approve(actor=dating, version_id=version.pk, opinion="同意")
    services.version_publish(actor=dating, version_id=version.pk)
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.item.published_version == version
    actions = list(Review.objects.filter(version=version).values_list("action", flat=True))
    assert actions == ["submit", "approve", "publish"]
    codes = set(AuditEvent.objects.filter(object_id=str(version.pk)).values_list("code", flat=True))
    assert {"catalog.version.submit", "catalog.version.approve", "catalog.version.publish"} <= codes


def test_vague_material_is_rejected_at_submit_with_the_offending_line(make_item):
    version = make_item(
        publish=False,
        materials=[
            {"material_type": "食品经营许可申请书"},
            {"material_type": "其他材料"},
        ],
    )
    with pytest.raises(InvalidInput) as exc:
        services.version_submit(actor=None, version_id=version.pk)
    problems = exc.value.details["problems"]
    assert {
        "field": "materials",
        "message": "第 2 项材料“其他材料”含模糊表述“其他材料”，请写明具体材料名称",
    } in problems
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"promised_limit": 25}, "超过法定时限"),
        ({"promised_unit": "natural"}, "单位应一致"),
        ({"special_procedures": [{"kind": "抽签", "max_days": 3}]}, "不在允许的种类中"),
        ({"special_procedures": [{"kind": "检测"}]}, "最长时限"),
        ({"legal_basis": ""}, "设定和实施依据"),
        ({"supervision_phone": ""}, "监督电话"),
        ({"materials": []}, "至少列出一项申请材料"),
        ({"fields": []}, "缺少申请表单字段"),
        ({"charges_fee": True}, "收费标准和收费依据"),
        ({"handling_type": 1, "promised_limit": 3}, "即办件"),
        ({"conditions": "提供相关材料即可"}, "受理条件含模糊表述"),
        ({"materials": [{"material_type": "营业执照"}]}, "可容缺材料"),
        ({"commitment": True}, "标为可告知承诺的事项须至少有一项告知承诺可免提交的材料"),
        (
            {"materials": [{"material_type": "营业执照", "tolerable": True, "waivable": True}]},
            "未实行告知承诺的事项不能有告知承诺可免提交的材料",
        ),
    ],
)
def test_quality_rules(make_item, changes, fragment):
    version = make_item(publish=False, **changes)
    with pytest.raises(InvalidInput) as exc:
        services.version_submit(actor=None, version_id=version.pk)
    assert any(fragment in p["message"] for p in exc.value.details["problems"])


WAIVED = {"material_type": "住所（经营场所）使用证明", "tolerable": True, "waivable": True}


def test_commitment_problems_name_the_commitment_element(make_item):
    for changes in [
        {"commitment": True},
        {"materials": [*content()["materials"], WAIVED]},
    ]:
        version = make_item(publish=False, **changes)
        with pytest.raises(InvalidInput) as exc:
            services.version_submit(actor=None, version_id=version.pk)
        assert [p["field"] for p in exc.value.details["problems"]] == ["commitment"]


def test_waivable_materials_round_trip_through_content_and_new_drafts(make_item, users):
    materials = [*content()["materials"], WAIVED]
    v1 = make_item(commitment=True, materials=materials)
    assert v1.status == VersionStatus.PUBLISHED
    c1 = content_of(v1)
    assert [m["waivable"] for m in c1["materials"]] == [False, False, False, True]
    assert [m.waivable for m in v1.materials.all()] == [False, False, False, True]
    # A new draft copies the flag; clearing it is a change of the materials element.
    bumen = users["bumen"]
    v2 = services.version_new_draft(actor=bumen, item_id=v1.item_id)
    assert content_of(v2) == c1
    cleared = [{**m, "waivable": False} for m in c1["materials"]]
    services.version_update(
        actor=bumen, version_id=v2.pk, content={"commitment": False, "materials": cleared}
    )
    v2.refresh_from_db()
    changes = diff(c1, content_of(v2))
    assert [c["field"] for c in changes] == ["commitment", "materials"]
    assert changes[1]["before"][3]["waivable"] is True
    assert changes[1]["after"][3]["waivable"] is False
    services.version_submit(actor=bumen, version_id=v2.pk)


def test_bad_content_is_refused_before_anything_is_written(make_item, county):
    before = (Item.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count())
    dept = county["departments"]["县市场监管局"].pk
    for bad, message in [
        ({"item_type": "99"}, "事项类型"),
        ({"service_objects": "17"}, "服务对象代码"),
        ({"themes": ["nope"]}, "主题"),
        ({"fields": [{"key": "no.such"}]}, "数据元"),
        ({"competent_department": "不存在局"}, "主管部门"),
        ({"process": [{"name": "受理", "department": "县公安局", "role": "boss"}]}, "岗位"),
        ({"materials": [{"material_type": "营业执照", "form": "stone"}]}, "第 1 项材料"),
        ({"colour": "red"}, "未知要素"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            services.item_create(
                actor=None, department_id=dept, basic_code="000103001000", content=content(**bad)
            )
    with pytest.raises(InvalidInput, match="12 位数字"):
        services.item_create(actor=None, department_id=dept, basic_code="12345", content=content())
    assert (Item.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count()) == before


def test_only_drafts_change_and_a_change_is_a_new_version(make_item, users):
    v1 = make_item()
    bumen = users["bumen"]
    with pytest.raises(Conflict, match="只有草稿可以修改"):
        services.version_update(actor=bumen, version_id=v1.pk, content={"name": "改名"})
    v2 = services.version_new_draft(actor=bumen, item_id=v1.item_id)
    assert (v2.number, v2.based_on_id, v2.status) == (2, v1.pk, "draft")
    assert content_of(v2) == content_of(v1)
    with pytest.raises(Conflict, match="已有未发布的版本"):
        services.version_new_draft(actor=bumen, item_id=v1.item_id)
    services.version_update(
        actor=bumen, version_id=v2.pk, content={"promised_limit": 3, "visits": 0}
    )
    v2.refresh_from_db()
    changes = diff(content_of(v1), content_of(v2))
    assert [c["field"] for c in changes] == ["promised_limit"]
    assert (changes[0]["before"], changes[0]["after"]) == (5, 3)
    # Publishing v2 retires v1, which keeps its content.
    services.version_submit(actor=bumen, version_id=v2.pk)
    services.version_approve(actor=users["admin"], version_id=v2.pk)
    services.version_publish(actor=users["admin"], version_id=v2.pk)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == ("retired", "published")
    assert v1.promised_limit == 5
    assert selectors.guide(v1.item.implementation_code) == v2


def test_department_admin_maintains_only_their_department(make_item, users):
    version = make_item(department="县公安局", publish=False)
    with pytest.raises(PermissionDenied, match="县公安局"):
        services.version_update(actor=users["bumen"], version_id=version.pk, content={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=users["bumen"],
            department_id=version.item.department_id,
            basic_code="000103001000",
            content=content(),
        )
    with pytest.raises(PermissionDenied):
        services.version_submit(actor=users["zhangsan"], version_id=version.pk)


def test_reject_needs_an_opinion_and_returns_to_draft(make_item, users):
    version = make_item(publish=False)
    services.version_submit(actor=None, version_id=version.pk)
    with pytest.raises(InvalidInput, match="审核意见"):
        services.version_reject(actor=users["dating"], version_id=version.pk, opinion=" ")
    services.version_reject(
        actor=users["dating"], version_id=version.pk, opinion="承诺时限请再压缩"
    )
    version.refresh_from_db()
    assert version.status == "draft"
    assert version.reviews.last().opinion == "承诺时限请再压缩"
    with pytest.raises(Conflict, match="草稿"):
        services.version_publish(actor=users["dating"], version_id=version.pk)


def test_retire_and_version_in_force(make_item, users):
    version = make_item()
    accepted_at = timezone.now()
    with pytest.raises(InvalidInput, match="理由"):
        services.item_retire(actor=users["admin"], item_id=version.item_id, opinion="")
    services.item_retire(actor=users["admin"], item_id=version.item_id, opinion="事项取消")
    assert selectors.guide(version.item.implementation_code) is None
    assert selectors.version_in_force(version.item_id, accepted_at) == version
    assert selectors.version_in_force(version.item_id, timezone.now()) is None
    assert selectors.version_in_force(version.item_id, accepted_at - dt.timedelta(days=1)) is None


def test_halls_accepting_an_item(make_item, users, county):
    version = make_item()
    town = county["halls"]["横渠镇"]
    center = county["halls"]["county"]
    services.item_set_halls(
        actor=users["bumen"],
        item_id=version.item_id,
        halls=[(center.pk, "direct"), (town.pk, "delegated")],
    )
    assert set(version.item.itemhall_set.values_list("hall__name", "mode")) == {
        ("眉县政务服务中心", "direct"),
        ("横渠镇便民服务中心", "delegated"),
    }
    with pytest.raises(InvalidInput, match="受理方式"):
        services.item_set_halls(
            actor=users["bumen"], item_id=version.item_id, halls=[(town.pk, "magic")]
        )
    with pytest.raises(PermissionDenied):
        services.item_set_halls(actor=users["chuangkou"], item_id=version.item_id, halls=[])


def test_quality_report_lists_failing_items_per_department(make_item):
    make_item("000103001000")
    bad = make_item("000103002000", publish=False, materials=[{"material_type": "有关证明"}])
    report = selectors.quality_report()
    (row,) = [r for r in report if r["department"].short_name == "县市场监管局"]
    assert row["items"] == 2
    assert [f["version"].pk for f in row["failing"]] == [bad.pk]
