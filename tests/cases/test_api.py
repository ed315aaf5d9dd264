"""The case API (/api/v1/cases/): every operation through a logged-in session, its errors
(Chinese messages, nothing written), scoping by hall, department and applicant, and the
OpenAPI contract."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from onewindow.cases import selectors, services
from onewindow.cases.api import _PARAMS
from onewindow.cases.models import (
    Case,
    CaseMaterial,
    CaseNotice,
    CaseState,
    CaseStep,
    SupervisionEvent,
    SupervisionOrder,
)
from onewindow.cases.schemas import ActionIn, CaseRowOut, InboxPage
from onewindow.identity import services as identity
from tests.api.utils import (
    API,
    CJK,
    api_get,
    api_patch,
    api_post,
    assert_error,
    nothing_written,
)

from .conftest import FORM, at

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _sessions_outlive_travel(settings):
    """Tests travel weeks between requests; a logged-in session must not time out."""
    settings.SESSION_IDLE_MINUTES = 10**6
    settings.SESSION_COOKIE_AGE = 10**9


@pytest.fixture
def as_(users, login_client):
    """`as_("chuangkou")` → a session client for that demo account."""
    return lambda username: login_client(users[username])


@pytest.fixture
def outsiders(county, login_client):
    """Staff who must not reach the demo cases: a clerk of a town hall and an approver of
    another department."""
    halls = county["halls"]
    town_hall = next(h for key, h in halls.items() if key != "county")
    departments = county["departments"]
    clerk = identity.staff_create(
        actor=None,
        username="clerk_town",
        name="孙八",
        password="Abcdef#2026",
        department_id=departments["县行政审批局"].pk,
        hall_id=town_hall.pk,
        roles=["window_clerk"],
    )
    approver = identity.staff_create(
        actor=None,
        username="approver_fgj",
        name="钱七",
        password="Abcdef#2026",
        department_id=departments["县发改局"].pk,
        roles=["approver"],
    )
    return {"clerk": login_client(clerk), "approver": login_client(approver)}


def _create(client, published, enterprise, **extra):
    body = {"item_id": published.item_id, "channel": "pc", "enterprise_id": enterprise.pk}
    return api_post(client, "/cases/", {**body, **extra})


def _apply(client, published, enterprise) -> dict:
    response = api_post(
        client,
        "/cases/apply",
        {
            "item_id": published.item_id,
            "channel": "pc",
            "enterprise_id": enterprise.pk,
            "form_data": FORM,
        },
    )
    assert response.status_code == 201, response.content.decode()
    return response.json()


def _act(client, case_id: int, action: str, body: dict | None = None):
    return api_post(client, f"/cases/{case_id}/actions/{action}", body)


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content.decode()
    return response.json()


def _upload(client, case_id: int, content: bytes, filename: str, **fields):
    return client.post(
        f"{API}/cases/{case_id}/materials",
        {"file": SimpleUploadedFile(filename, content), **fields},
    )


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------
def test_agent_drafts_fills_in_uploads_and_submits(as_, published, enterprise, travel):
    qiye = as_("qiye")
    with travel(at(2026, 3, 2, 10)):
        draft = _ok(_create(qiye, published, enterprise), 201)
        assert draft["state"] == "draft"
        assert draft["state_label"] == "草稿"
        assert draft["number"] is None
        assert draft["item"]["id"] == published.item_id
        assert draft["item"]["version"] == published.number
        assert draft["applicant"]["kind"] == "enterprise"
        assert draft["applicant"]["name"] == "陕西眉香猕猴桃有限公司"
        assert draft["applicant"]["agent"]["name"] == "李秀梅"
        assert draft["channel_label"] == "网上（PC 端）"
        assert draft["department"]["name"] == published.item.department.name
        assert draft["actions"] == [{"action": "submit", "label": "提交申请", "requires": []}]
        assert [(s["seq"], s["name"]) for s in draft["timeline"]] == [(1, "申请")]
        case_id = draft["id"]

        filled = _ok(api_patch(qiye, f"/cases/{case_id}/form", {"form_data": FORM}))
        assert filled["form_data"]["enterprise.name"] == FORM["enterprise.name"]
        assert filled["form_data"]["business.address"] == FORM["business.address"]

        material = published.materials.order_by("order").first()
        added = _ok(
            _upload(qiye, case_id, PDF, "申请书.pdf", material_id=material.pk, note="已签字"), 201
        )
        assert added["name"] == material.name
        assert added["material_id"] == material.pk
        assert added["content_type"] == "application/pdf"
        assert added["size"] == len(PDF)
        assert re.fullmatch(r"[0-9a-f]{64}", added["sm3"])
        assert added["has_file"] is True
        assert added["status_label"] == "已收取"

        listed = _ok(api_get(qiye, f"/cases/{case_id}/materials"))
        assert [m["id"] for m in listed] == [added["id"]]
        download = qiye.get(f"{API}/cases/{case_id}/materials/{added['id']}/file")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF

        submitted = _ok(_act(qiye, case_id, "submit"))
    assert submitted["state"] == "submitted"
    assert submitted["number"].startswith(published.item.implementation_code + "20260302")
    assert submitted["dates"]["received_on"] == "2026-03-02"
    assert submitted["clock"]["acceptance_due"] == "2026-03-09"
    assert [m["name"] for m in submitted["materials"]] == [material.name]
    assert [s["name"] for s in submitted["timeline"]] == ["申请", "收件"]
    assert submitted["timeline"][0]["action_label"] == "提交申请"
    assert submitted["timeline"][0]["actor_name"] == "李秀梅"


def test_apply_creates_and_submits_in_one_call(as_, published, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case = _apply(as_("qiye"), published, enterprise)
    assert case["state"] == "submitted"
    assert case["number"]
    assert Case.objects.get(pk=case["id"]).state == CaseState.SUBMITTED


def test_clerk_applies_for_a_citizen_at_the_window(as_, users, immediate, travel):
    clerk = as_("chuangkou")
    with travel(at(2026, 3, 2, 10)):
        response = api_post(
            clerk,
            "/cases/apply",
            {
                "item_id": immediate.item_id,
                "channel": "window",
                "applicant_id": users["zhangsan"].pk,
                "form_data": FORM,
            },
        )
        case = _ok(response, 201)
        assert case["applicant"]["kind"] == "person"
        assert case["applicant"]["name"] == "张三"
        # Masked identity number: first 4 and last 4 shown.
        assert re.fullmatch(r"\d{4}\*{10}[\dX]{4}", case["applicant"]["code_masked"])
        assert case["hall"] == users["chuangkou"].hall.name
        case = _ok(_act(clerk, case["id"], "accept", {"opinion": "材料齐全"}))
        assert case["state"] == "accepted"
        case = _ok(_act(clerk, case["id"], "approve"))
        assert case["state"] == "approved"
        case = _ok(_act(clerk, case["id"], "deliver", {"method": "window", "note": "本人领取"}))
    assert case["state"] == "delivered"
    assert case["timeline"][-2]["opinion"] == "窗口领取：本人领取"
    assert [n["title"] for n in case["notices"]] == ["受理通知书", "准予许可决定书"]
    # The citizen sees it among their own cases.
    mine = _ok(api_get(as_("zhangsan"), "/cases/mine"))
    assert [row["id"] for row in mine["items"]] == [case["id"]]


def test_promised_case_through_the_api(as_, published, enterprise, travel, expert_review):
    """The 承诺件 path of test_lifecycle through the API, reading the clock on the way."""
    qiye, clerk, approver, head = as_("qiye"), as_("chuangkou"), as_("shenpi"), as_("bumen")
    with travel(at(2026, 2, 11, 10)):
        case_id = _apply(qiye, published, enterprise)["id"]
    with travel(at(2026, 2, 11, 15)):
        case = _ok(
            _act(
                clerk,
                case_id,
                "request_correction",
                {
                    "items": [
                        {"material": "食品经营许可申请书", "problem": "未签字盖章"},
                        {"material": "食品安全管理制度文本", "problem": "缺少进货查验制度"},
                    ],
                    "note": "请于五日内补正",
                },
            )
        )
    assert case["state"] == "correction"
    assert case["corrections"][0]["items"][1]["problem"] == "缺少进货查验制度"
    assert case["corrections"][0]["answered_at"] is None
    correction = case["notices"][0]
    assert correction["title"] == "补正材料一次性告知书"
    assert "未签字盖章" in correction["body"]
    assert correction["number"]

    with travel(at(2026, 2, 12, 18, 30)):
        case = _ok(_act(qiye, case_id, "resubmit"))
    assert case["dates"]["received_on"] == "2026-02-13"
    assert case["corrections"][0]["answered_at"] is not None

    with travel(at(2026, 2, 13, 9, 30)):
        case = _ok(_act(clerk, case_id, "accept"))
        assert case["clock"]["accepted_on"] == "2026-02-13"
        assert case["clock"]["promised_due"] == "2026-02-27"
        assert case["clock"]["statutory_due"] == "2026-03-19"
        assert case["clock"]["remaining"] == 5
        assert case["clock"]["text"] == "还剩 5 个工作日"
        # The window may no longer act; the review has not started.
        assert [a["action"] for a in case["actions"]] == ["withdraw"]

    with travel(at(2026, 2, 24, 9)):
        detail = _ok(api_get(approver, f"/cases/{case_id}"))
        assert "start_review" in [a["action"] for a in detail["actions"]]
        case = _ok(_act(approver, case_id, "start_review"))
        assert case["current_step"]["name"] == "审查"
        assert case["handler"]["name"] == "赵军"
    with travel(at(2026, 2, 24, 10)):
        case = _ok(
            _act(
                approver,
                case_id,
                "start_special",
                {
                    "kind_id": expert_review.pk,
                    "reason": "新建中央厨房，需组织专家评审工艺布局",
                    "expected_days": 3,
                },
            )
        )
    assert case["state"] == "special"
    assert case["clock"]["paused"] is True
    assert case["clock"]["paused_on"] == "2026-02-24"
    with travel(at(2026, 2, 26, 10)):
        frozen = _ok(api_get(approver, f"/cases/{case_id}"))
    assert frozen["clock"]["text"].startswith("已暂停计时")
    assert frozen["clock"]["remaining"] == case["clock"]["remaining"]
    with travel(at(2026, 2, 27, 16)):
        case = _ok(_act(approver, case_id, "end_special", {"opinion": "专家评审通过"}))
    assert case["state"] == "reviewing"
    assert case["clock"]["paused"] is False
    assert case["clock"]["promised_due"] == "2026-03-03"
    special = case["special_procedures"][0]
    assert special["kind"] == "专家评审"
    assert special["days_not_counted"] == 3
    assert special["ended_on"] == "2026-02-27"

    with travel(at(2026, 3, 2, 9)):
        case = _ok(_act(head, case_id, "extend", {"days": 5, "reason": "需补充核查供货商资质"}))
    assert case["clock"]["promised_due"] == "2026-03-10"
    assert case["clock"]["extension_days"] == 5
    assert case["extensions"] == [
        {
            "days": 5,
            "reason": "需补充核查供货商资质",
            "created_at": case["extensions"][0]["created_at"],
            "promised_due_before": "2026-03-03",
            "promised_due_after": "2026-03-10",
            "statutory_due_before": "2026-03-24",
            "statutory_due_after": "2026-03-31",
        }
    ]

    with travel(at(2026, 3, 3, 10)):
        case = _ok(_act(approver, case_id, "pass", {"opinion": "材料齐全，现场符合要求"}))
        assert case["current_step"]["name"] == "决定"
        assert case["handler"] is None
    with travel(at(2026, 3, 4, 10)):
        case = _ok(_act(approver, case_id, "approve", {"opinion": "准予许可"}))
    assert case["state"] == "approved"
    assert case["clock"]["remaining"] is None
    with travel(at(2026, 3, 5, 10)):
        case = _ok(_act(clerk, case_id, "deliver", {"method": "post"}))
        case = _ok(_act(clerk, case_id, "archive"))
    assert case["state"] == "archived"
    assert case["actions"] == []
    assert all(step["ended_at"] for step in case["timeline"])
    assert [n["title"] for n in case["notices"]] == [
        "补正材料一次性告知书",
        "受理通知书",
        "特别程序告知书",
        "延长审查期限告知书",
        "准予许可决定书",
    ]
    by_action = {s["action"]: s for s in case["timeline"]}
    assert by_action["pass"]["opinion"] == "材料齐全，现场符合要求"
    assert by_action["pass"]["department"] == published.item.department.name
    assert by_action["deliver"]["opinion"] == "邮寄送达"


# --------------------------------------------------------------------------------------------
# Bad input on create and form
# --------------------------------------------------------------------------------------------
def test_create_refuses_wrong_types(as_, published, enterprise, travel):
    with travel(at(2026, 3, 2, 10)), nothing_written(Case, CaseStep):
        body = assert_error(
            api_post(as_("qiye"), "/cases/", {"item_id": "abc", "channel": 3}), 422, "invalid"
        )
    assert "item_id" in body["message"]
    assert "channel：应为文本" in body["message"]


def test_create_refuses_an_unknown_item(as_, published, travel):
    with travel(at(2026, 3, 2, 10)), nothing_written(Case, CaseStep):
        body = assert_error(
            api_post(as_("zhangsan"), "/cases/", {"item_id": 999999, "channel": "pc"}),
            404,
            "not_found",
        )
    assert "999999" in body["message"]


def test_create_refuses_an_unpublished_item(as_, make_item, published, travel):
    with travel(at(2026, 3, 2, 9)):
        draft = make_item("000103009000", publish=False)
        with nothing_written(Case, CaseStep):
            body = assert_error(
                api_post(as_("zhangsan"), "/cases/", {"item_id": draft.item_id, "channel": "pc"}),
                409,
                "item_unpublished",
            )
    assert "尚未发布" in body["message"]


def test_create_refuses_an_unknown_channel(as_, published, travel):
    with travel(at(2026, 3, 2, 10)), nothing_written(Case, CaseStep):
        body = assert_error(
            api_post(as_("zhangsan"), "/cases/", {"item_id": published.item_id, "channel": "fax"}),
            422,
        )
    assert body["details"]["field"] == "channel"


def test_form_failing_the_schema_gives_per_field_errors(as_, published, enterprise, travel):
    qiye = as_("qiye")
    bad = {**FORM, "enterprise.uscc": FORM["enterprise.uscc"][:-1] + "0"}
    if bad["enterprise.uscc"] == FORM["enterprise.uscc"]:
        bad["enterprise.uscc"] = FORM["enterprise.uscc"][:-1] + "1"
    with travel(at(2026, 3, 2, 10)):
        with nothing_written(Case, CaseStep):
            body = assert_error(_create(qiye, published, enterprise, form_data=bad), 422)
        assert body["details"]["field"] == "form_data"
        assert "enterprise.uscc" in body["details"]["errors"]

        case_id = _ok(_create(qiye, published, enterprise, form_data=FORM), 201)["id"]
        with nothing_written(Case):
            body = assert_error(api_patch(qiye, f"/cases/{case_id}/form", {"form_data": bad}), 422)
        assert list(body["details"]["errors"]) == ["enterprise.uscc"]
        assert_error(api_patch(qiye, f"/cases/{case_id}/form", {"form_data": "x"}), 422)
    assert Case.objects.get(pk=case_id).form_data["enterprise.uscc"] == FORM["enterprise.uscc"]


def test_form_cannot_change_after_submission(as_, published, enterprise, travel):
    qiye = as_("qiye")
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(qiye, published, enterprise)["id"]
        body = assert_error(
            api_patch(qiye, f"/cases/{case_id}/form", {"form_data": FORM}),
            409,
            "illegal_transition",
        )
    assert "已提交" in body["message"]


def test_incomplete_form_cannot_be_submitted(as_, published, enterprise, travel):
    qiye = as_("qiye")
    with travel(at(2026, 3, 2, 10)):
        case_id = _ok(_create(qiye, published, enterprise), 201)["id"]
        with nothing_written(CaseStep):
            body = assert_error(_act(qiye, case_id, "submit"), 422)
    assert "必填" in body["message"]
    assert Case.objects.get(pk=case_id).state == CaseState.DRAFT


# --------------------------------------------------------------------------------------------
# Materials
# --------------------------------------------------------------------------------------------
@override_settings(CASE_UPLOAD_MAX_BYTES=1024 * 1024)
def test_oversized_file_is_refused(as_, published, enterprise, travel):
    qiye = as_("qiye")
    with travel(at(2026, 3, 2, 10)):
        case_id = _ok(_create(qiye, published, enterprise), 201)["id"]
        big = PDF + b"0" * (1024 * 1024)
        with nothing_written(CaseMaterial):
            body = assert_error(_upload(qiye, case_id, big, "big.pdf", name="营业执照"), 422)
    assert "超过 1 MB" in body["message"]


def test_disguised_file_is_refused(as_, published, enterprise, travel):
    qiye = as_("qiye")
    with travel(at(2026, 3, 2, 10)):
        case_id = _ok(_create(qiye, published, enterprise), 201)["id"]
        with nothing_written(CaseMaterial):
            body = assert_error(_upload(qiye, case_id, PNG, "执照.pdf", name="营业执照"), 422)
            assert "扩展名与内容不符" in body["message"]
            body = assert_error(
                _upload(qiye, case_id, b"MZ\x90\x00", "a.exe", name="营业执照"), 422
            )
            assert "类型不支持" in body["message"]


def test_material_rules(as_, published, enterprise, travel):
    qiye, clerk = as_("qiye"), as_("chuangkou")
    with travel(at(2026, 3, 2, 10)):
        case_id = _ok(_create(qiye, published, enterprise), 201)["id"]
        with nothing_written(CaseMaterial):
            # A material without a file needs the window's confirmation of paper.
            assert_error(qiye.post(f"{API}/cases/{case_id}/materials", {"name": "营业执照"}), 422)
            # Only the window records missing materials; an applicant may ask for 容缺 only
            # on a material the item lets be tolerated.
            assert_error(
                qiye.post(
                    f"{API}/cases/{case_id}/materials", {"name": "营业执照", "status": "missing"}
                ),
                403,
            )
            assert_error(
                qiye.post(
                    f"{API}/cases/{case_id}/materials", {"name": "营业执照", "status": "tolerated"}
                ),
                422,
            )
            # Wrong types in the form fields.
            body = assert_error(
                qiye.post(f"{API}/cases/{case_id}/materials", {"material_id": "abc"}), 422
            )
            assert "material_id" in body["message"]
        tolerable = published.materials.get(tolerable=True)
        row = _ok(
            clerk.post(
                f"{API}/cases/{case_id}/materials",
                {"material_id": tolerable.pk, "status": "tolerated", "note": "三日内补交"},
            ),
            201,
        )
        assert row["status"] == "tolerated"
        assert row["has_file"] is False
        paper = _ok(
            clerk.post(
                f"{API}/cases/{case_id}/materials", {"name": "营业执照", "paper_received": "true"}
            ),
            201,
        )
        assert paper["paper_received"] is True
        assert_error(qiye.get(f"{API}/cases/{case_id}/materials/{paper['id']}/file"), 404)


# --------------------------------------------------------------------------------------------
# Actions: bad input, state, concurrency
# --------------------------------------------------------------------------------------------
def test_every_action_argument_has_a_field():
    fields = set(ActionIn.model_fields)
    for action, params in _PARAMS.items():
        assert set(params) <= fields, action


def test_unknown_action_lists_the_valid_ones(as_, published, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        body = assert_error(_act(as_("chuangkou"), case_id, "approve_all"), 404, "not_found")
    assert "approve_all" in body["message"]
    assert "accept" in body["details"]["actions"]
    assert "terminate" in body["message"]


def test_action_refuses_fields_it_does_not_take(as_, published, enterprise, travel):
    clerk = as_("chuangkou")
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        with nothing_written(CaseStep, CaseNotice):
            body = assert_error(_act(clerk, case_id, "accept", {"days": 5, "foo": 1}), 422)
            assert "延长天数（days）" in body["message"]
            assert "foo" in body["details"]["fields"]
            assert "办理意见（opinion）" in body["message"]
            # Wrong types are refused by the schema, naming the field.
            body = assert_error(_act(clerk, case_id, "accept", {"opinion": 12}), 422)
            assert "opinion：应为文本" in body["message"]
            body = assert_error(
                _act(clerk, case_id, "request_correction", {"items": [{"material": "营业执照"}]}),
                422,
            )
            assert "items.0.problem：缺少必填项" in body["message"]
            body = assert_error(_act(clerk, case_id, "accept", "{not json"), 422)
            assert CJK.search(body["message"])
            # Missing what the process requires.
            body = assert_error(_act(clerk, case_id, "refuse", {"legal_basis": "第三十二条"}), 422)
            assert "需要填写理由" in body["message"]
            body = assert_error(_act(clerk, case_id, "request_correction", {"items": []}), 422)
            assert "补正" in body["message"]
    assert Case.objects.get(pk=case_id).state == CaseState.SUBMITTED


def test_illegal_action_is_a_conflict_naming_the_state(as_, published, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        body = assert_error(
            _act(as_("shenpi"), case_id, "approve", {"opinion": "准予"}), 409, "illegal_transition"
        )
    assert "已提交" in body["message"]
    assert body["details"]["state"] == "submitted"


def test_second_clerk_accepting_gets_409(
    as_, users, county, login_client, published, enterprise, travel
):
    second = identity.staff_create(
        actor=None,
        username="clerk2",
        name="周九",
        password="Abcdef#2026",
        department_id=county["departments"]["县行政审批局"].pk,
        hall_id=users["chuangkou"].hall_id,
        roles=["window_clerk"],
    )
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        first = _act(as_("chuangkou"), case_id, "accept")
        with nothing_written(CaseNotice, CaseStep):
            again = _act(login_client(second), case_id, "accept")
    assert first.status_code == 200
    body = assert_error(again, 409, "illegal_transition")
    assert "已受理" in body["message"]
    assert CaseNotice.objects.filter(case_id=case_id, kind="acceptance").count() == 1


def test_wrong_role_on_a_visible_case_is_forbidden(as_, published, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        # The department's approver sees the case but does not accept at the window.
        body = assert_error(_act(as_("shenpi"), case_id, "accept"), 403, "forbidden")
        assert "受理" in body["message"]
        # The applicant may withdraw, not accept.
        assert_error(_act(as_("qiye"), case_id, "accept"), 403)
    assert Case.objects.get(pk=case_id).state == CaseState.SUBMITTED


# --------------------------------------------------------------------------------------------
# Scoping
# --------------------------------------------------------------------------------------------
def test_staff_outside_the_hall_or_department_cannot_reach_a_case(
    as_, outsiders, published, enterprise, travel
):
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        for client in outsiders.values():
            assert_error(api_get(client, f"/cases/{case_id}"), 404)
            assert_error(api_get(client, f"/cases/{case_id}/materials"), 404)
        with nothing_written(CaseStep):
            assert_error(_act(outsiders["clerk"], case_id, "accept"), 404)
        assert _ok(api_get(outsiders["clerk"], "/cases/inbox/to_accept"))["count"] == 0
        _ok(_act(as_("chuangkou"), case_id, "accept"))
        with nothing_written(CaseStep):
            assert_error(_act(outsiders["approver"], case_id, "start_review"), 404)
        assert _ok(api_get(outsiders["approver"], "/cases/inbox/to_review"))["count"] == 0
        assert _ok(api_get(as_("shenpi"), "/cases/inbox/to_review"))["count"] == 1
    assert Case.objects.get(pk=case_id).state == CaseState.ACCEPTED


def test_a_step_in_another_department_is_reached_only_while_it_is_there(
    as_, outsiders, make_item, county, enterprise, travel
):
    """An item reviewed first by 县发改局, decided by 县市场监管局: the 发改局 approver works
    the case while it is at their step, sees the result of passing it on, then loses it."""
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item(
            "000103005000",
            process=[
                {"name": "受理", "department": "县行政审批局", "role": "window_clerk"},
                {"name": "联合审查", "department": "县发改局", "role": "approver"},
                {"name": "决定", "department": "县市场监管局", "role": "approver"},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    other = outsiders["approver"]
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), version, enterprise)["id"]
        assert_error(api_get(other, f"/cases/{case_id}"), 404)
        _ok(_act(as_("chuangkou"), case_id, "accept"))
        assert _ok(api_get(other, "/cases/inbox/to_review"))["count"] == 1
        case = _ok(_act(other, case_id, "start_review"))
        assert case["current_step"]["name"] == "联合审查"
        # The decision is not theirs to take.
        assert_error(_act(other, case_id, "approve", {"opinion": "准予"}), 409)
        passed = _ok(_act(other, case_id, "pass", {"opinion": "符合产业政策"}))
        assert passed["current_step"]["name"] == "决定"
        assert passed["current_department"]["short_name"] == "县市场监管局"
        assert passed["actions"] == []
        assert_error(api_get(other, f"/cases/{case_id}"), 404)
        decide = _ok(api_get(as_("shenpi"), "/cases/inbox/to_decide"))
        assert [row["id"] for row in decide["items"]] == [case_id]


def test_citizen_sees_only_their_own_cases(as_, published, enterprise, travel):
    zhangsan = as_("zhangsan")
    with travel(at(2026, 3, 2, 10)):
        theirs = _apply(as_("qiye"), published, enterprise)["id"]
        own = _ok(
            api_post(
                zhangsan,
                "/cases/apply",
                {"item_id": published.item_id, "channel": "mobile", "form_data": FORM},
            ),
            201,
        )["id"]
        assert_error(api_get(zhangsan, f"/cases/{theirs}"), 404)
        assert_error(api_get(zhangsan, f"/cases/{theirs}/materials"), 404)
        with nothing_written(CaseStep, CaseMaterial):
            assert_error(_act(zhangsan, theirs, "withdraw", {"reason": "不办了"}), 404)
            assert_error(api_patch(zhangsan, f"/cases/{theirs}/form", {"form_data": {}}), 404)
            assert_error(_upload(zhangsan, theirs, PDF, "a.pdf", name="营业执照"), 404)
        mine = _ok(api_get(zhangsan, "/cases/mine"))
        assert [row["id"] for row in mine["items"]] == [own]
        assert mine["count"] == 1
        assert [row["id"] for row in _ok(api_get(as_("qiye"), "/cases/mine"))["items"]] == [theirs]
        # No inbox for the public.
        assert _ok(api_get(zhangsan, "/cases/inbox")) == []
        assert_error(api_get(zhangsan, "/cases/inbox/to_accept"), 403)
        # The applicant withdraws their own case.
        withdrawn = _ok(_act(zhangsan, own, "withdraw", {"reason": "材料准备不全，先撤回"}))
    assert withdrawn["state"] == "withdrawn"


def test_anonymous_is_refused(anon_client, published):
    assert_error(api_get(anon_client, "/cases/mine"), 401, "unauthenticated")
    assert_error(
        api_post(anon_client, "/cases/", {"item_id": published.item_id, "channel": "pc"}), 401
    )


@pytest.fixture
def anon_client():
    from django.test import Client

    return Client()


# --------------------------------------------------------------------------------------------
# Inboxes
# --------------------------------------------------------------------------------------------
def test_inboxes_count_and_list_by_time_left(as_, published, enterprise, travel):
    qiye, clerk, approver = as_("qiye"), as_("chuangkou"), as_("shenpi")
    with travel(at(2026, 3, 2, 10)):
        first = _apply(qiye, published, enterprise)["id"]
    with travel(at(2026, 3, 3, 10)):
        second = _apply(qiye, published, enterprise)["id"]
        counts = {c["box"]: c for c in _ok(api_get(clerk, "/cases/inbox"))}
        assert counts["to_accept"] == {"box": "to_accept", "label": "待受理", "count": 2}
        assert set(counts) == {"to_accept", "correction", "to_deliver"}
        page = _ok(api_get(clerk, "/cases/inbox/to_accept"))
        assert page["label"] == "待受理"
        assert [row["id"] for row in page["items"]] == [first, second]
        assert page["items"][0]["acceptance_due"] == "2026-03-09"
        assert page["page_size"] == 50
        _ok(_act(clerk, second, "accept"))
    with travel(at(2026, 3, 4, 10)):
        _ok(_act(clerk, first, "accept"))
        rows = _ok(api_get(approver, "/cases/inbox/to_review"))["items"]
        # Sorted by remaining time: the case accepted first is due first.
        assert [row["id"] for row in rows] == [second, first]
        assert [row["remaining"] for row in rows] == [4, 5]
        assert rows[0]["clock"] == "还剩 4 个工作日"
        assert rows[0]["promised_due"] == "2026-03-10"
        counts = {c["box"]: c["count"] for c in _ok(api_get(approver, "/cases/inbox"))}
        assert counts["to_review"] == 2
        assert "to_accept" not in counts
        _ok(_act(approver, second, "start_review"))
        mine = _ok(api_get(approver, "/cases/inbox/to_review", {"mine": "true"}))
        assert [row["id"] for row in mine["items"]] == [second]
        assert mine["items"][0]["handler"] == "赵军"
        assert _ok(api_get(approver, "/cases/inbox/to_review", {"page": 2}))["items"] == []
    with travel(at(2026, 3, 12, 10)):
        overdue = _ok(api_get(approver, "/cases/inbox/overdue"))
    assert [row["level"] for row in overdue["items"]] == ["overdue", "overdue"]
    assert overdue["items"][0]["clock"].startswith("已超期")


@pytest.mark.parametrize("box", ["to_review", "to_decide", "overdue", "special"])
def test_inbox_json_is_what_the_schema_writes(as_, users, published, enterprise, travel, box):
    """The inbox writes its rows straight to JSON: the same fields and values as the
    `InboxPage` schema gives for the model rows."""
    qiye, clerk, approver = as_("qiye"), as_("chuangkou"), as_("shenpi")
    with travel(at(2026, 3, 2, 10)):
        for _ in range(3):
            case_id = _apply(qiye, published, enterprise)["id"]
            _ok(_act(clerk, case_id, "accept"))
        _ok(_act(approver, case_id, "start_review"))
        _ok(_act(approver, case_id, "pass", {"opinion": "同意"}))
    with travel(at(2026, 3, 20, 10)):
        body = _ok(api_get(approver, f"/cases/inbox/{box}"))
        qs = selectors.inbox(users["shenpi"], box)
        expected = InboxPage.model_validate(
            {
                "box": box,
                "label": selectors.BOXES[box].label,
                "count": qs.count(),
                "page": 1,
                "page_size": 50,
                "items": selectors.with_clock(list(qs)),
            }
        ).model_dump(mode="json")

    def moments(page: dict) -> list:
        # The one field whose spelling may differ ("Z" or "+00:00"): compare the instants.
        return [dt.datetime.fromisoformat(row.pop("created_at")) for row in page["items"]]

    assert moments(body) == moments(expected)
    assert body == expected
    assert all(set(row) == set(CaseRowOut.model_fields) - {"created_at"} for row in body["items"])
    if box in ("to_review", "overdue"):
        assert body["items"], "the test data must put cases in this box"


def test_inbox_errors(as_, published, travel):
    clerk = as_("chuangkou")
    body = assert_error(api_get(clerk, "/cases/inbox/nope"), 404)
    assert "to_accept" in body["message"]
    body = assert_error(api_get(clerk, "/cases/inbox/to_accept", {"page": 0}), 422)
    assert "page" in body["message"]
    assert_error(api_get(clerk, "/cases/inbox/to_accept", {"mine": "maybe"}), 422)
    # An approver's box is not a window clerk's.
    assert_error(api_get(clerk, "/cases/inbox/to_review"), 403)


def test_inbox_queries_do_not_grow_with_rows(as_, published, enterprise, travel):
    clerk = as_("chuangkou")
    with travel(at(2026, 3, 2, 10)):
        _apply(as_("qiye"), published, enterprise)
        with CaptureQueriesContext(connection) as one:
            assert _ok(api_get(clerk, "/cases/inbox/to_accept"))["count"] == 1
        for _ in range(3):
            _apply(as_("qiye"), published, enterprise)
        with CaptureQueriesContext(connection) as four:
            assert _ok(api_get(clerk, "/cases/inbox/to_accept"))["count"] == 4
    assert len(four) == len(one)


def test_mine_is_paginated(as_, published, enterprise, travel, monkeypatch):
    from onewindow.cases import api

    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    qiye = as_("qiye")
    ids = []
    for hour in (9, 10, 11):
        with travel(at(2026, 3, 2, hour)):
            ids.append(_ok(_create(qiye, published, enterprise), 201)["id"])
    first = _ok(api_get(qiye, "/cases/mine"))
    second = _ok(api_get(qiye, "/cases/mine", {"page": 2}))
    assert first["count"] == second["count"] == 3
    assert [r["id"] for r in first["items"] + second["items"]] == sorted(ids, reverse=True)


# --------------------------------------------------------------------------------------------
# Supervision
# --------------------------------------------------------------------------------------------
@pytest.fixture
def overdue_case(as_, published, enterprise, travel) -> int:
    with travel(at(2026, 3, 2, 10)):
        case_id = _apply(as_("qiye"), published, enterprise)["id"]
        _ok(_act(as_("chuangkou"), case_id, "accept"))
    return case_id


def test_supervision_order_from_opening_to_closing(as_, users, overdue_case, travel):
    ducha, head, approver = as_("ducha"), as_("bumen"), as_("shenpi")
    with travel(at(2026, 3, 12, 10)):
        order = _ok(
            api_post(
                ducha,
                "/cases/supervision",
                {"case_id": overdue_case, "reason": "办件已超承诺时限，请说明原因并尽快办结"},
            ),
            201,
        )
        assert order["case_id"] == overdue_case
        assert order["state"] == "open"
        assert order["state_label"] == "督办中"
        assert order["responsible"]["name"] == users["bumen"].name
        assert order["supervisor"]["name"] == users["ducha"].name
        assert order["due_on"] == "2026-03-09"
        assert order["reply_due"] == "2026-03-17"
        assert order["number"].startswith("DB20260312")
        with nothing_written(SupervisionOrder):
            assert_error(
                api_post(
                    ducha, "/cases/supervision", {"case_id": overdue_case, "reason": "再督办"}
                ),
                409,
            )
        order_id = order["id"]

        listed = _ok(api_get(ducha, "/cases/supervision", {"state": "open"}))
        assert [o["id"] for o in listed["items"]] == [order_id]
        assert _ok(api_get(ducha, "/cases/supervision", {"state": "closed"}))["count"] == 0
        assert [o["id"] for o in _ok(api_get(head, "/cases/supervision"))["items"]] == [order_id]

        event = _ok(
            api_post(ducha, f"/cases/supervision/{order_id}/follow-up", {"note": "电话催办"}), 201
        )
        assert event["kind"] == "follow_up"
        assert event["kind_label"] == "跟进督办"
        assert event["actor"] == users["ducha"].name
        _ok(
            api_post(
                head,
                f"/cases/supervision/{order_id}/reply",
                {"note": "专家未到位，明日完成审查"},
            ),
            201,
        )
        talk = _ok(
            api_post(
                ducha,
                f"/cases/supervision/{order_id}/talk",
                {"note": "约谈部门负责人", "participants": "刘洋、赵军", "talk_on": "2026-03-12"},
            ),
            201,
        )
        assert talk["participants"] == "刘洋、赵军"
        with nothing_written(SupervisionEvent):
            body = assert_error(
                api_post(ducha, f"/cases/supervision/{order_id}/close", {"conclusion": "已办结"}),
                409,
            )
            assert "尚未办结" in body["message"]
        _ok(_act(approver, overdue_case, "start_review"))
        _ok(_act(approver, overdue_case, "pass", {"opinion": "同意"}))
        _ok(_act(approver, overdue_case, "approve", {"opinion": "准予"}))
        closed = _ok(
            api_post(
                ducha, f"/cases/supervision/{order_id}/close", {"conclusion": "已作出准予决定"}
            )
        )
    assert closed["state"] == "closed"
    assert closed["conclusion"] == "已作出准予决定"
    assert [e["kind"] for e in closed["events"]] == ["follow_up", "reply", "talk", "close"]
    detail = _ok(api_get(head, f"/cases/supervision/{order_id}"))
    assert detail["events"][1]["note"] == "专家未到位，明日完成审查"


def test_supervision_is_for_supervisors(as_, overdue_case, travel):
    ducha = as_("ducha")
    with travel(at(2026, 3, 12, 10)):
        with nothing_written(SupervisionOrder):
            assert_error(
                api_post(
                    as_("shenpi"), "/cases/supervision", {"case_id": overdue_case, "reason": "x"}
                ),
                403,
            )
            # A citizen cannot even see someone else's case to supervise it.
            assert_error(
                api_post(
                    as_("zhangsan"), "/cases/supervision", {"case_id": overdue_case, "reason": "x"}
                ),
                404,
            )
            assert_error(
                api_post(ducha, "/cases/supervision", {"case_id": overdue_case, "reason": "  "}),
                422,
            )
            assert_error(
                api_post(
                    ducha,
                    "/cases/supervision",
                    {"case_id": overdue_case, "reason": "督办", "reply_due": "soon"},
                ),
                422,
            )
        order_id = _ok(
            api_post(ducha, "/cases/supervision", {"case_id": overdue_case, "reason": "超期督办"}),
            201,
        )["id"]
        with nothing_written(SupervisionEvent):
            assert_error(
                api_post(as_("bumen"), f"/cases/supervision/{order_id}/follow-up", {"note": "x"}),
                403,
            )
            assert_error(
                api_post(as_("shenpi"), f"/cases/supervision/{order_id}/reply", {"note": "x"}),
                403,
            )
            assert_error(
                api_post(
                    ducha,
                    f"/cases/supervision/{order_id}/talk",
                    {"note": "约谈", "participants": "刘洋", "talk_on": "2026-12-31"},
                ),
                422,
            )
    assert_error(api_get(as_("zhangsan"), f"/cases/supervision/{order_id}"), 404)
    assert _ok(api_get(as_("zhangsan"), "/cases/supervision"))["count"] == 0
    assert_error(api_get(ducha, "/cases/supervision", {"state": "done"}), 422)
    assert_error(api_get(ducha, "/cases/supervision/999999"), 404)


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------
OPERATIONS = {
    ("post", "/cases/"): "cases_create",
    ("post", "/cases/apply"): "cases_apply",
    ("get", "/cases/{case_id}"): "cases_get",
    ("patch", "/cases/{case_id}/form"): "cases_form_update",
    ("get", "/cases/{case_id}/materials"): "cases_materials",
    ("post", "/cases/{case_id}/materials"): "cases_material_add",
    ("get", "/cases/{case_id}/materials/{material_id}/file"): "cases_material_file",
    ("post", "/cases/{case_id}/actions/{action}"): "cases_action",
    ("get", "/cases/inbox"): "cases_inbox_counts",
    ("get", "/cases/inbox/{box}"): "cases_inbox",
    ("get", "/cases/mine"): "cases_mine",
    ("get", "/cases/export"): "cases_export",
    ("get", "/cases/supervision"): "cases_supervision_list",
    ("post", "/cases/supervision"): "cases_supervision_open",
    ("get", "/cases/supervision/{order_id}"): "cases_supervision_get",
    ("post", "/cases/supervision/{order_id}/follow-up"): "cases_supervision_follow_up",
    ("post", "/cases/supervision/{order_id}/reply"): "cases_supervision_reply",
    ("post", "/cases/supervision/{order_id}/talk"): "cases_supervision_talk",
    ("post", "/cases/supervision/{order_id}/close"): "cases_supervision_close",
    ("get", "/cases/{case_id}/notices/{notice_id}/pdf"): "cases_notice_pdf",
    ("post", "/cases/{case_id}/commitments"): "cases_commitment",
    ("get", "/cases/postchecks"): "cases_postchecks",
    ("post", "/cases/postchecks/{check_id}/result"): "cases_postcheck_result",
    ("post", "/cases/postchecks/{check_id}"): "cases_postcheck_update",
    ("post", "/cases/revocations/{revocation_id}/decide"): "cases_revocation_decide",
    ("post", "/cases/credit-records/{record_id}/repair"): "cases_credit_repair",
}


def test_openapi_documents_every_case_operation(db, client):
    schema = client.get(f"{API}/openapi.json").json()
    for (method, path), operation_id in OPERATIONS.items():
        operation = schema["paths"][API + path][method]
        assert operation["operationId"] == operation_id
        assert CJK.search(operation["summary"]), operation_id
        assert operation["tags"] == ["办件"]
    ours = [
        op["operationId"]
        for path, item in schema["paths"].items()
        if path.startswith(f"{API}/cases")
        for op in item.values()
    ]
    assert sorted(ours) == sorted(OPERATIONS.values())
    create = schema["paths"][f"{API}/cases/"]["post"]
    assert "201" in create["responses"]
    action = schema["paths"][f"{API}/cases/{{case_id}}/actions/{{action}}"]["post"]
    assert "request_correction" in action["description"]
    assert (
        "multipart/form-data"
        in (schema["paths"][f"{API}/cases/{{case_id}}/materials"]["post"]["requestBody"]["content"])
    )


def test_services_used_by_the_api_are_the_services_module():
    # The action dispatch is the services' own table, not a copy of it.
    from onewindow.cases import api

    assert set(api._PARAMS) == set(services.ACTIONS)
