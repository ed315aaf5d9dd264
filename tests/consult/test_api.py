"""The consultation API: statuses, the error format and its Chinese messages, masking."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.consult.models import Consultation
from onewindow.core.models import AuditEvent
from tests.api.utils import API, api_get, api_post, assert_error, nothing_written

from .conftest import PHONE, at


@pytest.fixture
def as_user(users, login_client):
    return lambda username: login_client(users[username])


BODY = {
    "asker_name": "王先生",
    "question": "办理食品经营许可需要哪些材料？",
    "outcome": "answered",
    "answer": "营业执照、场所平面图、管理制度。",
    "asker_phone": PHONE,
    "channel": "phone",
}


def test_create_answered(as_user, users, county):
    response = api_post(as_user("chuangkou"), "/consultations/", BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "ZX202603020001"
    assert (body["state"], body["state_label"]) == ("closed", "已办结")
    assert (body["outcome"], body["outcome_label"]) == ("answered", "当场答复")
    assert body["responsible"] == {"id": users["chuangkou"].pk, "name": "王芳"}
    assert body["hall"]["name"] == "眉县政务服务中心"
    assert body["channel"] == "phone"
    assert body["asker_phone_masked"] == "139****5501"
    assert PHONE not in response.content.decode()
    assert body["result"] == BODY["answer"]
    assert body["asker_informed"] is True
    assert body["overdue"] is False
    assert body["actions"] == []
    assert body["follow_ups"] == []


def test_create_referred_and_read_it(as_user, county):
    department = county["departments"]["县市场监管局"]
    body = {**BODY, "outcome": "referred", "answer": "", "to_department_id": department.pk}
    created = api_post(as_user("chuangkou"), "/consultations/", body).json()
    assert created["state"] == "referred"
    assert created["referred_department"] == {"id": department.pk, "name": department.name}
    assert created["follow_up_due"] == "2026-03-04"
    assert created["actions"] == ["refer", "follow_up", "close"]
    assert created["follow_ups"][0]["kind_label"] == "转办"
    detail = api_get(as_user("shenpi"), f"/consultations/{created['id']}").json()
    assert detail["number"] == created["number"]
    assert detail["actions"] == ["follow_up"]


@pytest.mark.parametrize(
    ("username", "status", "code", "text"),
    [
        ("shenpi", 403, "forbidden", "只有窗口人员、大厅管理员和帮办代办员可以登记咨询"),
        ("zhangsan", 403, "forbidden", "只有窗口人员、大厅管理员和帮办代办员可以登记咨询"),
    ],
)
def test_create_refused_by_role(as_user, county, username, status, code, text):
    with nothing_written(Consultation):
        body = assert_error(api_post(as_user(username), "/consultations/", BODY), status, code)
    assert body["message"] == text


@pytest.mark.parametrize(
    ("change", "status", "field", "text"),
    [
        ({"answer": ""}, 422, "answer", "当场答复须填写答复内容"),
        ({"outcome": "referred", "answer": ""}, 422, "to_department_id", "至少一项"),
        (
            {"outcome": "referred", "answer": "", "to_department_id": 999999},
            404,
            "to_department_id",
            "转办部门不存在（ID 999999）：请从部门列表中选择",
        ),
        ({"asker_phone": "110"}, 422, "asker_phone", "11 位手机号码"),
        ({"outcome": "soon"}, 422, "outcome", "answered 当场答复、referred 转办、follow_up 需跟进"),
    ],
)
def test_create_refused_for_bad_input(as_user, county, change, status, field, text):
    with nothing_written(Consultation):
        body = assert_error(
            api_post(as_user("chuangkou"), "/consultations/", {**BODY, **change}), status
        )
    assert body["details"]["field"] == field
    assert text in body["message"]


def test_malformed_body_is_a_422_in_the_api_format(as_user, county):
    body = {k: v for k, v in BODY.items() if k != "question"}
    error = assert_error(api_post(as_user("chuangkou"), "/consultations/", body), 422, "invalid")
    assert "question：缺少必填项" in error["message"]
    error = assert_error(
        api_post(as_user("chuangkou"), "/consultations/", {**BODY, "window_id": "A01"}), 422
    )
    assert "window_id：应为整数" in error["message"]


def test_anonymous_is_401(county):
    assert_error(Client().get(f"{API}/consultations/"), 401, "unauthenticated")


@pytest.fixture
def referred_id(as_user, county):
    department = county["departments"]["县市场监管局"]
    body = {**BODY, "outcome": "referred", "answer": "", "to_department_id": department.pk}
    return api_post(as_user("chuangkou"), "/consultations/", body).json()["id"]


def test_list_filters_and_pages(as_user, referred_id, county):
    clerk = as_user("chuangkou")
    api_post(clerk, "/consultations/", {**BODY, "asker_name": "刘女士"})
    page = api_get(clerk, "/consultations/").json()
    assert page["count"] == 2
    assert (page["page"], page["page_size"]) == (1, 50)
    assert [row["asker_name"] for row in page["items"]] == ["刘女士", "王先生"]
    pending = api_get(clerk, "/consultations/", {"state": "pending"}).json()
    assert [row["id"] for row in pending["items"]] == [referred_id]
    assert api_get(clerk, "/consultations/", {"q": "刘女士"}).json()["count"] == 1
    assert api_get(clerk, "/consultations/", {"overdue": "true"}).json()["count"] == 0
    assert api_get(as_user("shenpi"), "/consultations/").json()["count"] == 1
    assert api_get(clerk, "/consultations/", {"page": 2}).json() == {
        "count": 2,
        "page": 2,
        "page_size": 50,
        "items": [],
    }
    error = assert_error(api_get(clerk, "/consultations/", {"state": "done"}), 422, "invalid")
    assert "状态“done”无效" in error["message"]
    error = assert_error(
        api_get(clerk, "/consultations/", {"since": "2026-03-05", "until": "2026-03-01"}), 422
    )
    assert error["message"] == "起始日期晚于截止日期：请重新选择日期范围"
    assert_error(api_get(as_user("zhangsan"), "/consultations/"), 403, "forbidden")


def test_overdue_list(as_user, referred_id, travel):
    with travel(at(2026, 3, 5, 9)):
        page = api_get(as_user("dating"), "/consultations/", {"overdue": "true"}).json()
    assert [row["id"] for row in page["items"]] == [referred_id]
    assert page["items"][0]["overdue"] is True


def test_detail_of_an_invisible_consultation_is_a_404(
    as_user, referred_id, labour_approver, login_client
):
    error = assert_error(
        api_get(login_client(labour_approver), f"/consultations/{referred_id}"), 404, "not_found"
    )
    assert error["message"] == "咨询登记不存在或您无权查看"
    assert_error(api_get(as_user("chuangkou"), "/consultations/999999"), 404, "not_found")


def test_refer_follow_up_close(as_user, referred_id, county, users):
    labour = county["departments"]["县人社局"]
    clerk = as_user("chuangkou")
    response = api_post(
        clerk,
        f"/consultations/{referred_id}/refer",
        {"to_department_id": labour.pk, "note": "属社保问题"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["referred_department"]["name"] == labour.name
    # 县市场监管局 no longer sees it.
    assert_error(api_get(as_user("shenpi"), f"/consultations/{referred_id}"), 404)
    response = api_post(clerk, f"/consultations/{referred_id}/follow-ups", {"note": "已催办"})
    assert response.status_code == 201
    assert response.json()["note"] == "已催办"
    assert response.json()["actor"]["name"] == "王芳"
    response = api_post(
        clerk,
        f"/consultations/{referred_id}/close",
        {"result": "县人社局已电话答复", "asker_informed": True},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["result"], body["asker_informed"]) == (
        "closed",
        "县人社局已电话答复",
        True,
    )
    assert [f["kind"] for f in body["follow_ups"]] == ["refer", "refer", "note"]


def test_action_refusals(as_user, referred_id, county):
    with nothing_written(Consultation):
        error = assert_error(
            api_post(
                as_user("ducha"),
                f"/consultations/{referred_id}/close",
                {"result": "x", "asker_informed": True},
            ),
            403,
            "forbidden",
        )
    assert error["message"] == "只有首问责任人、本大厅管理员可以办结这条咨询"
    error = assert_error(
        api_post(as_user("chuangkou"), f"/consultations/{referred_id}/follow-ups", {"note": ""}),
        422,
    )
    assert error["details"]["field"] == "note"
    error = assert_error(
        api_post(
            as_user("chuangkou"),
            f"/consultations/{referred_id}/refer",
            {"to_department_id": 999999},
        ),
        404,
    )
    assert "转办部门不存在" in error["message"]
    api_post(
        as_user("chuangkou"),
        f"/consultations/{referred_id}/close",
        {"result": "已答复", "asker_informed": True},
    )
    error = assert_error(
        api_post(
            as_user("chuangkou"),
            f"/consultations/{referred_id}/close",
            {"result": "再次", "asker_informed": True},
        ),
        409,
        "illegal_state",
    )
    assert "当前状态为“已办结”" in error["message"]
    assert error["details"]["state"] == "closed"
    error = assert_error(
        api_post(as_user("chuangkou"), f"/consultations/{referred_id}/close", {"result": "x"}),
        422,
    )
    assert "asker_informed：缺少必填项" in error["message"]


def test_full_phone_number_for_the_referee_only(as_user, referred_id):
    response = api_post(as_user("shenpi"), f"/consultations/{referred_id}/phone")
    assert response.json() == {"phone": PHONE}
    assert AuditEvent.objects.filter(code="consult.consultation.phone_revealed").count() == 1
    error = assert_error(api_post(as_user("ducha"), f"/consultations/{referred_id}/phone"), 403)
    assert "完整电话" in error["message"]


def test_openapi_documents_the_router(county):
    schema = Client().get(f"{API}/openapi.json").json()
    operations = {
        op["operationId"]: (op["tags"], op["summary"])
        for path, item in schema["paths"].items()
        if path.startswith(f"{API}/consultations")
        for op in item.values()
    }
    assert set(operations) == {
        "consult_list",
        "consult_create",
        "consult_get",
        "consult_refer",
        "consult_follow_up",
        "consult_close",
        "consult_phone",
    }
    assert all(tags == ["首问负责"] for tags, _ in operations.values())
    assert operations["consult_create"][1] == "登记咨询"
