"""The bundle API (/api/v1/bundles/): the list and guides of the seed-001 bundles, a plan for
a set of answers, one multipart application (Chinese material names as field names), the
applicant's and the lead department's views, unified delivery and the fully-online measure."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.bundles import selectors, services
from onewindow.bundles.models import BundleCase, BundleFile, BundleMemberCase
from onewindow.cases.models import Case
from tests.bundles.conftest import HANDLERS, NEWBORN_ANSWERS, PDF, grant, newborn_files

API = "/api/v1/bundles"


def _multipart(answers: dict[str, Any], form: dict[str, Any], files: dict[str, Any], **extra):
    data: dict[str, Any] = {"answers": json.dumps(answers), "form": json.dumps(form), **extra}
    data.update({f"material-{key}": upload for key, upload in files.items()})
    return data


def _rows() -> tuple[int, int, int, int]:
    return (
        BundleCase.objects.count(),
        BundleMemberCase.objects.count(),
        BundleFile.objects.count(),
        Case.objects.count(),
    )


def _work_to_ready(bc: BundleCase, users: dict[str, Any]) -> None:
    """Grant every member case as its department, stage after stage, until none is left."""
    for _ in range(5):
        started = bc.members.select_related("case").filter(status="started")
        if not started:
            break
        for row in started:
            grant(row.case, users[HANDLERS[row.key]])
    bc.refresh_from_db()
    assert bc.status == "ready"


# --------------------------------------------------------------------------------------------
# The list, the guide and the plan (public)
# --------------------------------------------------------------------------------------------
def test_list_shows_published_bundles_with_lead_members_and_limit(county):
    response = Client().get(f"{API}/")
    assert response.status_code == 200
    rows = {r["code"]: r for r in response.json()}
    assert len(rows) == 27
    assert rows["newborn"]["name"] == "新生儿出生"
    assert rows["newborn"]["lead_department"] == "县卫健局"
    assert rows["newborn"]["member_count"] == 7
    assert rows["newborn"]["audience"] == "person"
    assert rows["newborn"]["promised_limit"] == 10
    assert rows["enterprise_change"]["lead_department"] == "县行政审批局"
    assert rows["enterprise_change"]["member_count"] == 6
    assert rows["enterprise_change"]["audience_label"] == "法人"


def test_list_filters_by_audience_and_refuses_an_unknown_one(county):
    rows = Client().get(f"{API}/", {"audience": "enterprise"}).json()
    assert rows
    assert {r["audience"] for r in rows} == {"enterprise"}
    assert "newborn" not in {r["code"] for r in rows}
    response = Client().get(f"{API}/", {"audience": "everyone"})
    assert response.status_code == 422
    assert "person" in response.json()["message"]


def test_guide_of_newborn_shows_its_seed_001_members_in_stages(county):
    response = Client().get(f"{API}/newborn")
    assert response.status_code == 200
    guide = response.json()
    members = {m["key"]: m for m in guide["members"]}
    assert members["birth_cert"]["name"] == "《出生医学证明》办理（首签）"
    assert members["birth_cert"]["department"] == "县卫健局"
    assert members["birth_cert"]["stage"] == 1
    assert members["hukou"]["name"] == "出生登记（申报户口）"
    assert members["hukou"]["department"] == "县公安局"
    assert members["hukou"]["after"] == ["《出生医学证明》办理（首签）"]
    assert members["hukou"]["stage"] == 2
    assert members["social_card"]["when"] == ["是否同时为新生儿申领社会保障卡？：是"]
    assert members["social_card"]["stage"] == 3
    assert guide["departments"] == ["县卫健局", "县公安局", "县人社局", "县医保局"]
    assert guide["stage_count"] == 3
    assert [q["key"] for q in guide["questions"]] == list(NEWBORN_ANSWERS)
    assert guide["questions"][0]["options"] == [
        {"value": "yes", "label": "是"},
        {"value": "no", "label": "否"},
    ]
    assert guide["answers"] == {}
    assert guide["saved_fields"] > 0
    assert guide["saved_materials"] > 0
    form = {f["key"]: f for f in guide["form"]}
    assert form["child.name"]["required"] is True
    assert "birth_cert" in form["child.name"]["members"]
    materials = {m["key"]: m for m in guide["materials"]}
    # the birth certificate is the first member's result: the applicant does not give it
    assert materials["出生医学证明"]["provided_by"] == "birth_cert"
    assert materials["出生医学证明"]["asked"] is False
    assert materials["出生医学证明办理登记表"]["asked"] is True


def test_guide_of_enterprise_change_shows_the_city_level_member_as_external(county):
    guide = Client().get(f"{API}/enterprise_change").json()
    members = {m["name"]: m for m in guide["members"]}
    bank = members["基本账户变更"]
    assert bank["external"] is True
    assert bank["note"] == "市级权限"
    assert bank["department"] == "人民银行宝鸡市分行"
    assert members["企业变更登记"]["external"] is False
    assert members["企业变更登记"]["department"] == "县行政审批局"
    assert guide["lead_department"] == "县行政审批局"


def test_unknown_bundle_is_404_everywhere(county, users, login_client):
    client = login_client(users["zhangsan"])
    assert Client().get(f"{API}/no_such_thing").status_code == 404
    response = Client().post(
        f"{API}/no_such_thing/plan", {"answers": {}}, content_type="application/json"
    )
    assert response.status_code == 404
    response = client.post(f"{API}/no_such_thing/apply", {"answers": "{}", "form": "{}"})
    assert response.status_code == 404
    assert "no_such_thing" in response.json()["message"]


def test_plan_for_answers_gives_the_applicable_members_form_and_materials(county):
    response = Client().post(
        f"{API}/newborn/plan", {"answers": NEWBORN_ANSWERS}, content_type="application/json"
    )
    assert response.status_code == 200
    plan = response.json()
    assert [m["key"] for m in plan["members"]] == [
        "birth_cert",
        "vaccination",
        "hukou",
        "social_card",
        "parenting",
    ]
    assert plan["answers"] == NEWBORN_ANSWERS
    asked = {m["key"] for m in plan["materials"] if m["asked"]}
    # exactly what the fixture uploads: no hospital bills without reimbursement
    assert asked == set(newborn_files())
    assert "医疗收费票据" not in {m["key"] for m in plan["materials"]}
    assert "socialcard.bank" in {f["key"] for f in plan["form"]}

    with_bills = {**NEWBORN_ANSWERS, "reimbursement": "yes", "social_card": "no"}
    plan = (
        Client()
        .post(f"{API}/newborn/plan", {"answers": with_bills}, content_type="application/json")
        .json()
    )
    keys = [m["key"] for m in plan["members"]]
    assert "reimbursement" in keys
    assert "social_card" not in keys
    assert "医疗收费票据" in {m["key"] for m in plan["materials"] if m["asked"]}


def test_plan_without_answers_or_with_a_wrong_one_is_422_with_each_question(county):
    response = Client().post(
        f"{API}/newborn/plan", {"answers": {}}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "请回答全部情形引导问题"
    errors = body["details"]["errors"]
    assert errors["answer-social_card"] == "请回答：是否同时为新生儿申领社会保障卡？"
    assert set(errors) == {f"answer-{k}" for k in NEWBORN_ANSWERS}

    wrong = {**NEWBORN_ANSWERS, "parenting": "maybe"}
    response = Client().post(
        f"{API}/newborn/plan", {"answers": wrong}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "是、否" in response.json()["message"]

    response = Client().post(f"{API}/newborn/plan", {}, content_type="application/json")
    assert response.status_code == 422
    assert "answers" in response.json()["message"]


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------
def test_apply_multipart_with_files_opens_the_bundle_case(
    county, users, login_client, newborn_form
):
    client = login_client(users["zhangsan"])
    response = client.post(
        f"{API}/newborn/apply", _multipart(NEWBORN_ANSWERS, newborn_form, newborn_files())
    )
    assert response.status_code == 201, response.json()
    bc = response.json()
    assert bc["number"].startswith("YJS")
    assert bc["status"] == "in_progress"
    assert bc["lead_department"] == "县卫健局"
    assert bc["channel"] == "pc"
    assert bc["needs_visit"] is False
    assert bc["clock"] == f"还剩 {bc['remaining']} 个工作日"
    status = {m["key"]: m["status"] for m in bc["members"]}
    assert status == {
        "birth_cert": "started",
        "vaccination": "waiting",
        "hukou": "waiting",
        "social_card": "waiting",
        "parenting": "waiting",
    }
    first = bc["members"][0]
    assert first["case_number"]
    assert first["case_state"] == "submitted"
    assert Case.objects.get(pk=first["case_id"]).bundle_link.bundle_case_id == bc["id"]
    assert {f["material_key"] for f in bc["files"]} == set(newborn_files())
    assert [n["kind"] for n in bc["notices"]] == ["receipt"]
    receipt = bc["notices"][0]
    assert bc["number"] in receipt["body"]
    assert "出生登记（申报户口）" in receipt["body"]
    assert receipt["number"].startswith("一件事收〔")
    assert any("提交“新生儿出生”一件事申请" in t["text"] for t in bc["timeline"])
    # the applicant finds it among their bundle cases
    mine = client.get(f"{API}/cases/mine").json()
    assert [r["number"] for r in mine["items"]] == [bc["number"]]
    assert mine["items"][0]["member_total"] == 5
    assert mine["items"][0]["member_done"] == 0


def test_material_field_names_in_rfc_2231_form_are_understood(
    county, users, login_client, newborn_form
):
    """Some clients send a non-ASCII field name as name*=UTF-8''…; Django decodes it."""
    boundary = "BoUnDaRy"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (
            ("answers", json.dumps(NEWBORN_ANSWERS)),
            ("form", json.dumps(newborn_form, ensure_ascii=False)),
        )
    ]
    for key in newborn_files():
        encoded = quote(f"material-{key}")
        parts.append(
            (
                f"--{boundary}\r\nContent-Disposition: form-data; name*=UTF-8''{encoded}; "
                f'filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + PDF
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = login_client(users["zhangsan"]).post(
        f"{API}/newborn/apply", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 201, response.json()
    assert {f["material_key"] for f in response.json()["files"]} == set(newborn_files())


def test_apply_with_form_errors_is_422_field_by_field_and_writes_nothing(
    county, users, login_client, newborn_form
):
    before = _rows()
    bad = {**newborn_form, "child.gender": "未知", "applicant.phone": "12"}
    del bad["child.name"]
    response = login_client(users["zhangsan"]).post(
        f"{API}/newborn/apply", _multipart(NEWBORN_ANSWERS, bad, newborn_files())
    )
    assert response.status_code == 422
    body = response.json()
    assert body["message"].startswith("申请表有 ")
    errors = body["details"]["errors"]
    assert {"child.name", "child.gender", "applicant.phone"} <= set(errors)
    assert _rows() == before


def test_apply_without_a_required_material_is_422_and_writes_nothing(
    county, users, login_client, newborn_form
):
    before = _rows()
    files = newborn_files()
    del files["社会保障卡申领登记表"]
    response = login_client(users["zhangsan"]).post(
        f"{API}/newborn/apply", _multipart(NEWBORN_ANSWERS, newborn_form, files)
    )
    assert response.status_code == 422
    errors = response.json()["details"]["errors"]
    assert errors == {"material-社会保障卡申领登记表": "请上传“社会保障卡申领登记表”"}
    assert _rows() == before


def test_apply_refuses_bad_json_stray_files_and_unanswered_questions(
    county, users, login_client, newborn_form
):
    client = login_client(users["zhangsan"])
    before = _rows()
    response = client.post(
        f"{API}/newborn/apply", {"answers": "{not json", "form": json.dumps(newborn_form)}
    )
    assert response.status_code == 422
    assert response.json()["message"] == "answers：不是有效的 JSON"

    data = _multipart(NEWBORN_ANSWERS, newborn_form, newborn_files())
    data["file"] = newborn_files()["近期免冠证件照片"]
    response = client.post(f"{API}/newborn/apply", data)
    assert response.status_code == 422
    assert "不认识的文件字段“file”" in response.json()["message"]

    response = client.post(f"{API}/newborn/apply", _multipart({}, newborn_form, newborn_files()))
    assert response.status_code == 422
    assert "answer-parenting" in response.json()["details"]["errors"]
    assert _rows() == before


def test_apply_to_an_unpublished_bundle_is_409(county, users, login_client, newborn_form):
    newborn_bundle = selectors.bundle_by_code("newborn")
    item_id = newborn_bundle.published_version.members.exclude(item=None).first().item_id
    services.bundle_define(
        actor=None,
        code="draft_only",
        name="尚未发布的一件事",
        audience="person",
        lead_department_id=newborn_bundle.published_version.lead_department_id,
        promised_limit=5,
        members=[{"key": "one", "item_id": item_id}],
    )
    assert Client().get(f"{API}/draft_only").status_code == 404
    response = login_client(users["zhangsan"]).post(
        f"{API}/draft_only/apply", _multipart({}, newborn_form, {})
    )
    assert response.status_code == 409
    assert response.json()["code"] == "bundle_unpublished"
    assert "尚未发布" in response.json()["message"]


def test_apply_needs_a_login(county, newborn_form):
    response = Client().post(
        f"{API}/newborn/apply", _multipart(NEWBORN_ANSWERS, newborn_form, newborn_files())
    )
    assert response.status_code == 401


# --------------------------------------------------------------------------------------------
# Who sees what
# --------------------------------------------------------------------------------------------
def test_routes_under_cases_are_not_taken_for_a_bundle_code(county, users, login_client, newborn):
    citizen = login_client(users["zhangsan"])
    # /cases is the coordination list (403 for a citizen), not the guide of a bundle "cases"
    response = citizen.get(f"{API}/cases")
    assert response.status_code == 403
    assert response.json()["message"] == "一件事协调列表只对牵头部门和大厅的工作人员开放"
    assert citizen.get(f"{API}/cases/mine").json()["items"][0]["id"] == newborn.pk
    assert citizen.get(f"{API}/cases/{newborn.pk}").json()["number"] == newborn.number
    staff = login_client(users["weijian"])
    assert staff.get(f"{API}/reports/fully-online").status_code == 200
    assert citizen.get(f"{API}/reports/fully-online").status_code == 403


def test_detail_shows_members_with_their_cases_notices_and_timeline(
    county, users, login_client, newborn
):
    detail = login_client(users["zhangsan"]).get(f"{API}/cases/{newborn.pk}").json()
    assert detail["status"] == "in_progress"
    assert detail["status_label"] == "办理中"
    assert detail["promised_due"] == newborn.promised_due.isoformat()
    assert detail["remaining"] > 0
    assert "工作日" in detail["clock"]
    assert detail["answers"] == NEWBORN_ANSWERS
    assert detail["can_deliver"] is False
    birth = detail["members"][0]
    assert birth["key"] == "birth_cert"
    assert birth["department"] == "县卫健局"
    assert birth["status_label"] == "办理中"
    assert birth["case_state_label"] == "已提交"
    assert detail["members"][2]["status"] == "waiting"
    assert detail["members"][2]["case_id"] is None
    assert detail["notices"][0]["title"] == "“一件事”受理回执"
    assert detail["timeline"][0]["member"] == "《出生医学证明》办理（首签）"


def test_a_citizen_cannot_see_anothers_bundle_case_nor_the_coordination_list(
    county, users, login_client, newborn
):
    other = login_client(users["qiye"])
    response = other.get(f"{API}/cases/{newborn.pk}")
    assert response.status_code == 404
    assert newborn.number not in response.content.decode()
    assert other.get(f"{API}/cases/mine").json()["items"] == []
    assert other.get(f"{API}/cases").status_code == 403
    response = other.post(
        f"{API}/cases/{newborn.pk}/deliver", {"method": "online"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_lead_department_sees_the_case_in_coordination(county, users, login_client, newborn):
    staff = login_client(users["weijian"])
    response = staff.get(f"{API}/cases", {"status": "open"})
    assert response.status_code == 200
    page = response.json()
    assert page["has_more"] is False
    row = next(r for r in page["items"] if r["id"] == newborn.pk)
    assert row["lead_department"] == "县卫健局"
    assert row["member_total"] == 5
    assert row["member_done"] == 0
    assert [m["status"] for m in row["members"]][:2] == ["started", "waiting"]
    # filters
    assert staff.get(f"{API}/cases", {"status": "done"}).json()["items"] == []
    assert staff.get(f"{API}/cases", {"bundle": "enterprise_change"}).json()["items"] == []
    response = staff.get(f"{API}/cases", {"status": "sleeping"})
    assert response.status_code == 422
    # another department's lead list does not have it (公安 is a member, not the lead)
    gongan = login_client(users["gongan"]).get(f"{API}/cases").json()
    assert newborn.pk not in [r["id"] for r in gongan["items"]]


def _queries(client: Client, url: str, rows: int, **params: Any) -> list[str]:
    client.get(url, params)  # warm the per-process caches (working-day calendar, policy)
    with CaptureQueriesContext(connection) as captured:
        assert len(client.get(url, params).json()["items"]) == rows
    return [q["sql"] for q in captured.captured_queries]


def test_lists_take_a_fixed_number_of_queries_whatever_the_rows(
    county, users, login_client, newborn, newborn_form
):
    staff = login_client(users["weijian"])
    citizen = login_client(users["zhangsan"])
    coordination_one = _queries(staff, f"{API}/cases", 1)
    mine_one = _queries(citizen, f"{API}/cases/mine", 1)
    services.bundle_apply(
        actor=users["zhangsan"],
        bundle_id=newborn.bundle_id,
        answers=NEWBORN_ANSWERS,
        form_data=newborn_form,
        files=newborn_files(),
    )
    coordination_two = _queries(staff, f"{API}/cases", 2)
    assert len(coordination_two) == len(coordination_one), "\n".join(coordination_two)
    mine_two = _queries(citizen, f"{API}/cases/mine", 2)
    assert len(mine_two) == len(mine_one), "\n".join(mine_two)


def test_coordination_pages_with_limit_and_offset(
    county, users, login_client, newborn, newborn_form
):
    services.bundle_apply(
        actor=users["zhangsan"],
        bundle_id=newborn.bundle_id,
        answers=NEWBORN_ANSWERS,
        form_data=newborn_form,
        files=newborn_files(),
    )
    staff = login_client(users["weijian"])
    first = staff.get(f"{API}/cases", {"limit": 1}).json()
    second = staff.get(f"{API}/cases", {"limit": 1, "offset": 1}).json()
    assert first["has_more"] is True
    assert second["has_more"] is False
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    response = staff.get(f"{API}/cases", {"limit": 0})
    assert response.status_code == 422
    assert response.json()["message"] == "limit：数值过小"


# --------------------------------------------------------------------------------------------
# Unified delivery and the fully-online measure
# --------------------------------------------------------------------------------------------
def test_deliver_before_ready_is_409(county, users, login_client, newborn):
    response = login_client(users["weijian"]).post(
        f"{API}/cases/{newborn.pk}/deliver", {"method": "online"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert "办理中" in response.json()["message"]
    newborn.refresh_from_db()
    assert newborn.status == "in_progress"


def test_deliver_when_all_members_are_granted_finishes_the_bundle(
    county, users, login_client, newborn
):
    _work_to_ready(newborn, users)
    before = {
        r["code"]: r
        for r in login_client(users["weijian"]).get(f"{API}/reports/fully-online").json()
    }["newborn"]

    citizen = login_client(users["zhangsan"])
    detail = citizen.get(f"{API}/cases/{newborn.pk}").json()
    assert detail["status"] == "ready"
    assert detail["can_deliver"] is False
    assert "completion" in [n["kind"] for n in detail["notices"]]
    response = citizen.post(
        f"{API}/cases/{newborn.pk}/deliver", {"method": "online"}, content_type="application/json"
    )
    assert response.status_code == 403

    staff = login_client(users["weijian"])
    assert staff.get(f"{API}/cases/{newborn.pk}").json()["can_deliver"] is True
    response = staff.post(
        f"{API}/cases/{newborn.pk}/deliver", {"method": "online"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    done = response.json()
    assert done["status"] == "done"
    assert done["clock"] == "已办结"
    assert done["fully_online"] is True
    assert {m["status"] for m in done["members"]} == {"granted"}
    assert {m["case_state"] for m in done["members"]} == {"delivered"}
    assert any(t["text"].startswith("统一出件：电子送达") for t in done["timeline"])

    after = {r["code"]: r for r in staff.get(f"{API}/reports/fully-online").json()}["newborn"]
    assert after["finished"] == before["finished"] + 1
    assert after["fully_online"] == before["fully_online"] + 1
    assert after["open"] == before["open"] - 1
    assert after["share"] == after["fully_online"] / after["finished"]


def test_deliver_refuses_an_unknown_method(county, users, login_client, newborn):
    _work_to_ready(newborn, users)
    response = login_client(users["weijian"]).post(
        f"{API}/cases/{newborn.pk}/deliver", {"method": "pigeon"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "online（电子送达）" in response.json()["message"]
    newborn.refresh_from_db()
    assert newborn.status == "ready"


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------
def test_openapi_document_has_the_bundle_operations(county):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    ops = {
        op["operationId"]: (path, method)
        for path, methods in doc["paths"].items()
        for method, op in methods.items()
    }
    expected = {
        "bundles_list": ("/api/v1/bundles/", "get"),
        "bundles_guide": ("/api/v1/bundles/{code}", "get"),
        "bundles_plan": ("/api/v1/bundles/{code}/plan", "post"),
        "bundles_apply": ("/api/v1/bundles/{code}/apply", "post"),
        "bundles_cases_mine": ("/api/v1/bundles/cases/mine", "get"),
        "bundles_coordination": ("/api/v1/bundles/cases", "get"),
        "bundles_case_get": ("/api/v1/bundles/cases/{bundle_case_id}", "get"),
        "bundles_case_deliver": ("/api/v1/bundles/cases/{bundle_case_id}/deliver", "post"),
        "bundles_report_fully_online": ("/api/v1/bundles/reports/fully-online", "get"),
    }
    assert {k: ops.get(k) for k in expected} == expected
    apply = doc["paths"]["/api/v1/bundles/{code}/apply"]["post"]
    multipart = apply["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert {"answers", "form", "channel", "delivery_mode"} <= set(multipart["properties"])
    assert multipart["patternProperties"]["^material-.+$"]["format"] == "binary"
    assert set(apply["responses"]) >= {"201"}
    for key in expected:
        path, method = expected[key]
        assert doc["paths"][path][method]["summary"]


@pytest.mark.parametrize(("code", "status"), [("cases", 401), ("reports", 404)])
def test_reserved_words_are_not_bundle_codes(county, code, status):
    """The routes under /cases and /reports rely on no bundle having these codes: /cases is
    the coordination list (login needed), /reports alone is no bundle."""
    assert not selectors.published().filter(code=code).exists()
    assert Client().get(f"{API}/{code}").status_code == status


def test_a_window_clerk_applies_on_the_applicants_behalf(county, users, login_client, newborn_form):
    clerk = login_client(users["chuangkou"])
    data = _multipart(
        NEWBORN_ANSWERS,
        newborn_form,
        newborn_files(),
        channel="window",
        applicant_id=str(users["zhangsan"].pk),
    )
    response = clerk.post(f"{API}/newborn/apply", data)
    assert response.status_code == 201, response.json()
    bc = response.json()
    assert bc["applicant_name"] == "张三"
    assert bc["channel"] == "window"
    assert bc["needs_visit"] is True
    assert bc["hall"] == users["chuangkou"].hall.name
    assert bc["members"][0]["status"] == "started"
    # the applicant finds it among their own
    mine = login_client(users["zhangsan"]).get(f"{API}/cases/mine").json()
    assert [r["id"] for r in mine["items"]] == [bc["id"]]
    # a citizen cannot claim the window channel
    response = login_client(users["zhangsan"]).post(
        f"{API}/newborn/apply",
        _multipart(NEWBORN_ANSWERS, newborn_form, newborn_files(), channel="window"),
    )
    assert response.status_code == 403
    assert response.json()["message"] == "窗口申请由窗口人员录入"
