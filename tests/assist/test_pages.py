"""The 帮办代办 pages: the one-to-one view by role, the hall admin's forms, the applicant's
consents, and refusals that keep what was typed."""

from __future__ import annotations

import pytest

from onewindow.assist import actionlog, services
from onewindow.assist.models import Assignment, Consent, KeyProject
from onewindow.cases import services as cases

from .conftest import FORM, apply_for, pdf


@pytest.fixture
def as_user(users, login_client):
    return lambda username: login_client(users[username])


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def carried(helper, users, published, give):
    """郑丽 carries 张三, who consented; she filled in and submitted a case for him."""
    services.assignment_create(
        actor=users["dating"], helper_id=helper.pk, kind="person", applicant_id=users["zhangsan"].pk
    )
    give(days=3)
    case = apply_for(helper, published, applicant_id=users["zhangsan"].pk)
    cases.submit(actor=helper, case_id=case.pk)
    case = cases.accept(actor=users["chuangkou"], case_id=case.pk)
    actionlog.sync()
    return case


def test_the_helpers_one_to_one_view(carried, as_user):
    response = as_user("bangban").get("/assist/")
    assert response.status_code == 200
    page = html(response)
    assert "我的一对一帮办" in page
    assert carried.number in page
    assert "还剩 5 个工作日" in page  # the clock in words
    assert 'data-testid="applicant">个人：张三' in page
    assert "7 天内到期的委托" in page
    assert page.count('data-testid="consent"') == 2  # expiring, and in force
    assert "新建申请" in page
    assert "提交申请" in page
    assert 'data-testid="roster"' not in page  # a helper does not keep the roster


def test_the_hall_admins_roster_and_forms(carried, as_user, helper):
    page = html(as_user("dating").get("/assist/"))
    assert 'data-testid="roster-row"' in page
    assert 'data-testid="load"><span class="">1 / 20</span>' in page
    assert 'data-testid="panel-assign"' in page
    assert "张三 → <span" in page


def test_a_county_leader_sees_their_projects(helper, as_user, users, enterprise, published):
    project = services.project_create(
        actor=users["dating"],
        name="冷链物流园",
        enterprise_id=enterprise.pk,
        investment=100,
        leader_id=users["lingdao"].pk,
    )
    case = cases.apply(
        actor=users["qiye"],
        item_id=published.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )
    services.project_add_case(actor=users["dating"], project_id=project.pk, case_id=case.pk)
    page = html(as_user("lingdao").get("/assist/"))
    assert "我包抓的重点项目" in page
    assert "冷链物流园" in page
    assert case.number in page
    project_page = as_user("lingdao").get(f"/assist/projects/{project.pk}/")
    assert project_page.status_code == 200
    assert case.number in html(project_page)
    assert "纳入项目" not in html(project_page)  # the leader follows; the hall adds cases


def test_who_may_open_the_page(helper, as_user, client):
    assert as_user("chuangkou").get("/assist/").status_code == 403
    assert "帮办代办页面对" in html(as_user("chuangkou").get("/assist/"))
    response = as_user("zhangsan").get("/assist/")
    assert response.status_code == 302
    assert response["Location"] == "/assist/my/"
    assert client.get("/assist/").status_code == 302  # to the login page
    assert as_user("bangban").get("/assist/my/").status_code == 403
    # The navigation leads there.
    assert 'data-testid="nav-assist"' in html(as_user("bangban").get("/assist/"))
    assert 'data-testid="nav-assist"' not in html(as_user("chuangkou").get("/"))
    assert 'data-testid="nav-my-assist"' in html(as_user("zhangsan").get("/assist/my/"))


def test_assigning_from_the_page_keeps_the_input_on_refusal(helper, as_user, users):
    dating = as_user("dating")
    data = {"helper": str(helper.pk), "kind": "person", "id_number": "610326199001011234"}
    response = dating.post("/assist/assign/", {**data, "note": "需要上门指导"})
    assert response.status_code == 422
    page = html(response)
    assert "没有找到该身份证号码的个人用户" in page
    assert 'value="需要上门指导"' in page
    assert 'value="610326199001011234"' in page
    assert not Assignment.objects.exists()
    response = dating.post(
        "/assist/assign/",
        {**data, "id_number": users["zhangsan"].id_number, "note": "需要上门指导"},
    )
    assert response.status_code == 302
    assert Assignment.objects.get().applicant == users["zhangsan"]
    # The same target again: the service's 409, shown on the form with the input kept.
    response = dating.post(
        "/assist/assign/", {**data, "id_number": users["zhangsan"].id_number, "note": "再次"}
    )
    assert response.status_code == 409
    assert "已由帮办员郑丽帮办" in html(response)
    assert 'value="再次"' in html(response)


def test_reassigning_and_ending_from_the_page(helper, as_user, users, staff_user):
    other = staff_user("bangban2", ["helper"])
    services.helper_create(actor=users["dating"], user_id=other.pk, phone="0917-5512367")
    row = services.assignment_create(
        actor=users["dating"], helper_id=helper.pk, kind="person", applicant_id=users["zhangsan"].pk
    )
    dating = as_user("dating")
    response = dating.post(f"/assist/assignments/{row.pk}/reassign/", {"helper": str(other.pk)})
    assert response.status_code == 302
    new = Assignment.objects.get(ended_at__isnull=True)
    assert new.helper == other
    assert new.previous == row
    response = dating.post(f"/assist/assignments/{row.pk}/end/", {})
    assert response.status_code == 409
    assert "已于" in html(response)
    assert dating.post(f"/assist/assignments/{new.pk}/end/", {"note": "办结"}).status_code == 302
    assert not Assignment.objects.filter(ended_at__isnull=True).exists()


def test_the_applicant_gives_and_revokes_consent_online(helper, as_user, users):
    zhangsan = as_user("zhangsan")
    page = html(zhangsan.get("/assist/my/"))
    assert "在线确认委托" in page
    assert "郑丽" in page
    assert "0917-5512366" in page
    data = {"helper": str(helper.pk), "party": "self", "scope": "all", "note": "请帮我申请低保"}
    # A form error (no date) and a service refusal (too far ahead) keep what was typed.
    response = zhangsan.post("/assist/my/consent/", data)
    assert response.status_code == 422
    assert "有效期至" in html(response)
    assert 'value="请帮我申请低保"' in html(response)
    response = zhangsan.post("/assist/my/consent/", {**data, "valid_until": "2028-01-01"})
    assert response.status_code == 422
    assert "委托有效期最长一年" in html(response)
    assert 'value="请帮我申请低保"' in html(response)
    assert 'value="2028-01-01"' in html(response)
    assert not Consent.objects.exists()
    response = zhangsan.post("/assist/my/consent/", {**data, "valid_until": "2026-04-30"})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.method == "online"
    assert consent.grantor == users["zhangsan"]
    page = html(zhangsan.get("/assist/my/"))
    assert 'data-testid="consent-state">有效' in page
    assert f'data-testid="revoke-{consent.pk}"' in page
    response = zhangsan.post(f"/assist/consents/{consent.pk}/revoke/", {"reason": "自己办"})
    assert response.status_code == 302
    assert response["Location"] == "/assist/my/"
    consent.refresh_from_db()
    assert consent.revoke_reason == "自己办"
    # Someone else's consent is not found.
    assert as_user("qiye").post(f"/assist/consents/{consent.pk}/revoke/").status_code == 404


def test_staff_record_a_written_consent_with_its_form(helper, as_user, users):
    page = html(as_user("bangban").get("/assist/consents/new/"))
    assert "登记授权委托" in page
    data = {
        "method": "written",
        "helper": str(helper.pk),
        "party_kind": "person",
        "id_number": users["zhangsan"].id_number,
        "scope": "all",
        "valid_until": "2026-06-30",
        "note": "在窗口签署",
    }
    response = as_user("bangban").post("/assist/consents/new/", data)
    assert response.status_code == 422
    assert "书面委托须上传签字的委托书扫描件" in html(response)
    assert 'value="在窗口签署"' in html(response)
    response = as_user("bangban").post("/assist/consents/new/", {**data, "file": pdf()})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.method == "written"
    assert consent.recorded_by == helper
    assert consent.document_sm3
    # A clerk of the hall may record for the hall's helpers; an approver may not.
    assert as_user("chuangkou").get("/assist/consents/new/").status_code == 200
    assert as_user("shenpi").get("/assist/consents/new/").status_code == 403


def test_the_hall_admin_registers_a_project_and_adds_a_case(
    helper, as_user, users, enterprise, published
):
    dating = as_user("dating")
    data = {
        "name": "冷链物流园",
        "uscc": "91610326MA0000000X",
        "investment": "32000",
        "leader": str(users["lingdao"].pk),
    }
    response = dating.post("/assist/projects/add/", data)
    assert response.status_code == 422
    assert "没有找到该统一社会信用代码的企业" in html(response)
    assert 'value="冷链物流园"' in html(response)
    response = dating.post("/assist/projects/add/", {**data, "uscc": enterprise.uscc})
    assert response.status_code == 302
    project = KeyProject.objects.get()
    assert response["Location"] == f"/assist/projects/{project.pk}/"
    case = cases.apply(
        actor=users["qiye"],
        item_id=published.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )
    response = dating.post(f"/assist/projects/{project.pk}/cases/", {"case_number": "nope"})
    assert response.status_code == 422
    assert "没有找到该编号的办件" in html(response)
    response = dating.post(f"/assist/projects/{project.pk}/cases/", {"case_number": case.number})
    assert response.status_code == 302
    assert list(project.cases.all()) == [case]
    response = dating.post(f"/assist/projects/{project.pk}/status/", {"status": "terminated"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "terminated"
