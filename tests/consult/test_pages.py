"""The pages under /window/consultations/: the logging form, the list with its filters and
the overdue view, one consultation with its refer, follow-up and close forms, and the link
on the workbench home."""

from __future__ import annotations

import re

import pytest

from onewindow.consult.models import Consultation, FollowUp
from onewindow.consult.states import State
from onewindow.core.models import AuditEvent

from .conftest import PHONE, at

BASE = "/window/consultations/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_user(users, login_client):
    return lambda username: login_client(users[username])


def html(response) -> str:
    return response.content.decode()


def field_error(page: str, name: str) -> str:
    match = re.search(rf'data-testid="error-{name}">([^<]*)<', page)
    assert match, f"no error shown for {name}"
    return match.group(1)


FORM = {
    "asker_name": "马先生",
    "asker_phone": "13991765501",
    "asker_kind": "person",
    "channel": "onsite",
    "question": "开面馆要办哪些证？",
    "outcome": "answered",
    "answer": "营业执照和食品经营许可。",
}


# --- logging ---------------------------------------------------------------------------------
def test_the_logging_form(as_user, county):
    response = as_user("chuangkou").get(f"{BASE}new/")
    assert response.status_code == 200
    page = html(response)
    assert 'data-testid="log-form"' in page
    assert 'name="viewport"' in page  # laid out for a phone as well
    for name in ("asker_name", "asker_phone", "question", "answer", "to_department_id", "note"):
        assert f'name="{name}"' in page
    assert "A01 综合受理窗口一" in page  # the clerk's hall's windows
    assert "眉县市场监督管理局" in page  # departments to refer to
    assert 'hx-get="/window/consultations/staff-options/"' in page


@pytest.mark.parametrize("username", ["shenpi", "ducha", "zhangsan"])
def test_the_logging_form_is_refused_to_others(as_user, county, username):
    response = as_user(username).get(f"{BASE}new/")
    assert response.status_code == 403
    assert "只有窗口人员、大厅管理员和帮办代办员可以登记咨询" in html(response)


def test_log_answered_returns_to_an_empty_form(as_user, users, county):
    client = as_user("chuangkou")
    window = county["halls"]["county"].windows.get(number="A02")
    response = client.post(f"{BASE}new/", {**FORM, "window_id": window.pk}, follow=True)
    assert response.redirect_chain == [(f"{BASE}new/", 302)]
    c = Consultation.objects.get()
    assert (c.state, c.responsible, c.window) == (State.CLOSED, users["chuangkou"], window)
    page = html(response)
    assert f"已登记并办结 {c.number}（当场答复）" in page
    assert "马先生" not in page  # the form is empty for the next person
    # The clerk's window is offered again.
    assert f'<option value="{window.pk}" selected>' in page


def test_log_referred_goes_to_the_consultation(as_user, users, county):
    department = county["departments"]["县市场监管局"]
    response = as_user("chuangkou").post(
        f"{BASE}new/",
        {
            **FORM,
            "outcome": "referred",
            "to_department_id": department.pk,
            "to_staff_id": users["shenpi"].pk,
            "note": "请审批人员答复",
        },
    )
    c = Consultation.objects.get()
    assert response["Location"] == f"{BASE}{c.pk}/"
    assert c.state == State.REFERRED
    assert c.referred_to == users["shenpi"]
    assert c.result == ""  # the answer typed before switching to 转办 is not sent


def test_a_validation_error_keeps_what_was_typed(as_user, county):
    data = {**FORM, "answer": "", "asker_phone": "0917-5523318", "note": "不相关"}
    response = as_user("chuangkou").post(f"{BASE}new/", data)
    assert response.status_code == 422
    page = html(response)
    assert field_error(page, "answer") == "当场答复须填写答复内容"
    assert 'value="马先生"' in page
    assert "开面馆要办哪些证？</textarea>" in page
    assert 'value="0917-5523318"' in page
    assert re.search(r'name="outcome" value="answered"[^>]*checked', page)
    assert 'class="form-control is-invalid"' in page
    assert Consultation.objects.count() == 0


def test_form_and_service_errors_are_shown_at_their_fields(as_user, county):
    client = as_user("chuangkou")
    page = html(client.post(f"{BASE}new/", {**FORM, "asker_name": ""}))
    assert field_error(page, "asker_name").startswith("请填写咨询人姓名")
    page = html(client.post(f"{BASE}new/", {**FORM, "asker_phone": "123"}))
    assert field_error(page, "asker_phone").startswith("联系电话应为 11 位手机号码")
    page = html(client.post(f"{BASE}new/", {**FORM, "outcome": "referred"}))
    assert field_error(page, "to_department_id") == "转办须指定转办部门、窗口或人员（至少一项）"
    response = client.post(f"{BASE}new/", {**FORM, "asked_at": "明天上午"})
    assert response.status_code == 422
    assert field_error(html(response), "asked_at") == "请填写日期和时间，如 2026-03-02 10:30"
    response = client.post(f"{BASE}new/", {**FORM, "asked_at": "2026-03-02T11:30"})
    assert field_error(html(response), "asked_at") == "咨询时间不能晚于现在"
    assert Consultation.objects.count() == 0


def test_staff_options_follow_the_department(as_user, county, users):
    department = county["departments"]["县市场监管局"]
    response = as_user("chuangkou").get(
        f"{BASE}staff-options/", {"to_department_id": department.pk}, **HTMX
    )
    page = html(response)
    assert f'<option value="{users["shenpi"].pk}">赵军</option>' in page
    assert f'<option value="{users["bumen"].pk}">刘洋</option>' in page
    assert "王芳" not in page
    assert "先选择部门" in html(as_user("chuangkou").get(f"{BASE}staff-options/"))


# --- the list --------------------------------------------------------------------------------
@pytest.fixture
def three(log, departments, travel):
    with travel(at(2026, 2, 26, 10)):
        old = log("referred", asker_name="孙大爷", to_department_id=departments["县人社局"].pk)
    answered = log("answered", asker_name="刘女士")
    deferred = log("follow_up", asker_name="周女士")
    return old, answered, deferred


def test_list_with_filters(as_user, three):
    old, answered, deferred = three
    client = as_user("chuangkou")
    page = html(client.get(BASE))
    assert page.count('data-testid="consultation"') == 3
    assert "共 3 条" in page
    assert page.index(deferred.number) < page.index(answered.number) < page.index(old.number)
    page = html(client.get(BASE, {"state": "closed"}))
    assert answered.number in page
    assert old.number not in page
    page = html(client.get(BASE, {"q": "周女士"}))
    assert page.count('data-testid="consultation"') == 1
    assert deferred.number in page
    page = html(client.get(BASE, {"q": PHONE}))
    assert page.count('data-testid="consultation"') == 3
    page = html(client.get(BASE, {"since": "2026-03-02", "until": "2026-03-02"}))
    assert old.number not in page
    assert page.count('data-testid="consultation"') == 2


def test_the_overdue_view(as_user, three):
    old, _answered, _deferred = three
    page = html(as_user("dating").get(BASE, {"overdue": "on"}))
    assert page.count('data-testid="consultation"') == 1
    assert old.number in page
    assert 'data-testid="overdue">超期' in page
    assert "按跟进期限排序" in page


def test_bad_filters_are_shown_not_a_500(as_user, three):
    response = as_user("chuangkou").get(BASE, {"since": "2026-03-05", "until": "2026-03-01"})
    assert response.status_code == 200
    assert "起始日期晚于截止日期" in html(response)
    response = as_user("chuangkou").get(BASE, {"since": "昨天"})
    assert "请填写日期，如 2026-03-02" in html(response)


def test_the_list_answers_htmx_with_the_rows_only(as_user, three):
    response = as_user("chuangkou").get(BASE, {"state": "pending"}, **HTMX)
    page = html(response)
    assert "<html" not in page
    assert page.count('data-testid="consultation"') == 2


def test_the_list_is_for_staff_and_scoped(as_user, three):
    assert as_user("zhangsan").get(BASE).status_code == 403
    page = html(as_user("shenpi").get(BASE))
    assert 'data-testid="empty"' in page  # nothing was referred to 县市场监管局
    assert 'data-testid="log-link"' not in page


# --- one consultation ------------------------------------------------------------------------
def test_detail_for_the_responsible_person(as_user, referred):
    page = html(as_user("chuangkou").get(f"{BASE}{referred.pk}/"))
    assert referred.number in page
    assert 'data-testid="panel-close"' in page
    assert 'data-testid="panel-refer"' in page
    assert 'data-testid="follow-up-form"' in page
    assert 'data-testid="phone-masked">139****5501' in page
    assert PHONE not in page
    assert 'data-testid="phone-reveal"' in page


def test_detail_for_a_referee_and_a_supervisor(as_user, referred):
    page = html(as_user("shenpi").get(f"{BASE}{referred.pk}/"))
    assert 'data-testid="panel-close"' not in page
    assert 'data-testid="follow-up-form"' in page
    page = html(as_user("ducha").get(f"{BASE}{referred.pk}/"))
    assert 'data-testid="follow-up-form"' not in page
    assert 'data-testid="phone-reveal"' not in page
    response = as_user("bangban").get(f"{BASE}999999/")
    assert response.status_code == 404
    assert "咨询登记不存在或您无权查看" in html(response)


def test_refer_from_the_page(as_user, referred, county, users):
    labour = county["departments"]["县人社局"]
    client = as_user("chuangkou")
    response = client.post(f"{BASE}{referred.pk}/refer/", {"to_department_id": labour.pk})
    assert response["Location"] == f"{BASE}{referred.pk}/"
    referred.refresh_from_db()
    assert referred.referred_department == labour
    response = client.post(
        f"{BASE}{referred.pk}/refer/",
        {"to_department_id": labour.pk, "to_staff_id": users["shenpi"].pk, "note": "再转"},
    )
    assert response.status_code == 422
    page = html(response)
    assert field_error(page, "to_staff_id") == "所选人员不在该部门：请重新选择人员，或不指定人员"
    assert "再转</textarea>" in page
    assert re.search(r'<details[^>]* open data-testid="panel-refer"', page)


def test_refused_refer_shows_the_message(as_user, referred, county):
    labour = county["departments"]["县人社局"]
    response = as_user("ducha").post(f"{BASE}{referred.pk}/refer/", {"to_department_id": labour.pk})
    assert response.status_code == 403
    assert "只有首问责任人、本大厅管理员可以转办这条咨询" in html(response)


def test_close_from_the_page(as_user, referred):
    client = as_user("chuangkou")
    response = client.post(f"{BASE}{referred.pk}/close/", {"result": "", "asker_informed": "1"})
    assert response.status_code == 422
    assert field_error(html(response), "result").startswith("请填写答复内容")
    response = client.post(f"{BASE}{referred.pk}/close/", {"result": "已答复"})
    assert field_error(html(response), "asker_informed") == "请选择是否已将答复告知咨询人"
    assert "已答复</textarea>" in html(response)
    response = client.post(
        f"{BASE}{referred.pk}/close/", {"result": "县市场监管局已答复", "asker_informed": "0"}
    )
    assert response.status_code == 302
    referred.refresh_from_db()
    assert (referred.state, referred.asker_informed) == (State.CLOSED, False)
    page = html(client.get(f"{BASE}{referred.pk}/"))
    assert 'data-testid="result">县市场监管局已答复' in page
    assert "未能告知咨询人" in page
    # Closing again: the state is named, not a 500.
    response = client.post(f"{BASE}{referred.pk}/close/", {"result": "x", "asker_informed": "1"})
    assert response.status_code == 409
    assert "当前状态为“已办结”，不能办结" in html(response)


def test_follow_up_with_htmx(as_user, referred):
    client = as_user("shenpi")
    response = client.post(f"{BASE}{referred.pk}/follow-up/", {"note": "已电话答复"}, **HTMX)
    assert response.status_code == 200
    page = html(response)
    assert "<html" not in page
    assert 'data-testid="follow-up-saved"' in page
    assert "已电话答复" in page
    assert FollowUp.objects.filter(consultation=referred, actor__username="shenpi").exists()
    response = client.post(f"{BASE}{referred.pk}/follow-up/", {"note": " "}, **HTMX)
    assert response.status_code == 422
    assert field_error(html(response), "note") == "请填写跟进情况"


def test_follow_up_without_javascript(as_user, referred):
    response = as_user("chuangkou").post(f"{BASE}{referred.pk}/follow-up/", {"note": "已催办"})
    assert response["Location"] == f"{BASE}{referred.pk}/"
    assert referred.follow_ups.filter(note="已催办").exists()


def test_reveal_the_phone(as_user, referred):
    response = as_user("chuangkou").post(f"{BASE}{referred.pk}/phone/", **HTMX)
    assert html(response).strip() == (
        f'<a href="tel:{PHONE}" class="fw-semibold" data-testid="phone-full">{PHONE}</a>'
    )
    assert AuditEvent.objects.filter(code="consult.consultation.phone_revealed").count() == 1
    page = html(as_user("chuangkou").post(f"{BASE}{referred.pk}/phone/"))
    assert f'data-testid="phone-full">{PHONE}' in page
    assert as_user("ducha").post(f"{BASE}{referred.pk}/phone/").status_code == 403


# --- the workbench ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "card", "log_link"),
    [
        ("chuangkou", True, True),
        ("dating", True, True),
        ("bangban", True, True),
        ("shenpi", True, False),
        ("ducha", True, False),
        ("rexian", False, False),
    ],
)
def test_the_workbench_links_to_the_log(as_user, county, username, card, log_link):
    page = html(as_user(username).get("/"))
    assert ('data-testid="home-consult"' in page) is card
    assert ('data-testid="home-consult-log"' in page) is log_link


def test_the_workbench_counts(as_user, three):
    page = html(as_user("chuangkou").get(f"{BASE}summary/", **HTMX))
    assert 'data-testid="consult-pending">2<' in page
    assert 'data-testid="consult-overdue">1<' in page
    assert 'data-testid="consult-mine">2<' in page
    assert html(as_user("zhangsan").get(f"{BASE}summary/")).strip() == ""
