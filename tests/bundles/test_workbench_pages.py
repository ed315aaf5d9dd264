"""The staff workbench pages of bundles: the lead department's coordination list (牵头协调),
one bundle case with its members, single timeline and unified delivery (统一出件), and the
fully-online measure (全程网办率)."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.bundles import selectors, services
from onewindow.bundles.models import BundleCase, BundleCaseStatus, BundleEvent, MemberStatus
from onewindow.cases.models import Case, CaseState, Delivery

from .conftest import HANDLERS, NEWBORN_ANSWERS, grant, newborn_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


@pytest.fixture
def as_user(users, login_client):
    """`as_user("weijian")`: a test client logged in as that demo account."""
    return lambda username: login_client(users[username])


def html(response) -> str:
    return response.content.decode()


def row_of(page: str, number: str) -> str:
    """The coordination table row of one bundle case."""
    match = re.search(rf'<tr [^>]*data-number="{number}">(.*?)</tr>', page, re.S)
    assert match, f"no row for {number}"
    return match.group(1)


def grant_all(bc: BundleCase, users: dict[str, Any]) -> BundleCase:
    """Grant every started member, again and again, until none is started (successors
    start when their predecessors are granted)."""
    for _ in range(10):
        started = list(bc.members.select_related("case").filter(status=MemberStatus.STARTED))
        if not started:
            break
        for m in started:
            grant(m.case, users[HANDLERS[m.key]])
    bc.refresh_from_db()
    return bc


def window_pickup(users: dict[str, Any], **changes: str) -> dict[str, str]:
    return {
        "method": "window",
        "by_applicant": "1",
        "collector_name": "张三",
        "collector_id_number": users["zhangsan"].id_number,
        "signature": SIGNATURE,
        **changes,
    }


# --- coordination list -----------------------------------------------------------------------
def test_lead_department_sees_its_bundle_case_with_clock_and_progress(newborn, as_user):
    expected = selectors.with_clock([BundleCase.objects.get(pk=newborn.pk)])[0]
    assert expected.clock.startswith("还剩")

    response = as_user("weijian").get("/bundles/")

    assert response.status_code == 200
    page = html(response)
    row = row_of(page, newborn.number)
    assert f'href="/bundles/cases/{newborn.pk}/"' in row
    assert "新生儿出生" in row
    assert "张三" in row
    assert 'data-status="in_progress"' in row
    assert expected.clock in row
    assert newborn.promised_due.strftime("%Y-%m-%d") in row
    assert "0/5 项办结" in row
    # One pill per member: 出生医学证明 started, the four that follow it waiting.
    pills = re.findall(r'data-testid="member-pill" data-status="(\w+)"', row)
    assert pills == ["started", "waiting", "waiting", "waiting", "waiting"]
    assert "本部门牵头" in page


def test_progress_follows_the_members(newborn, users, as_user):
    birth = newborn.members.select_related("case").get(key="birth_cert")
    grant(birth.case, users["weijian"])

    row = row_of(html(as_user("weijian").get("/bundles/")), newborn.number)

    assert "1/5 项办结" in row
    pills = re.findall(r'data-testid="member-pill" data-status="(\w+)"', row)
    assert pills[0] == "granted"
    assert pills.count("started") == 3  # 预防接种证, 出生登记, 科学育儿 started by themselves


def test_filters_by_status_and_bundle(newborn, as_user):
    client = as_user("weijian")

    assert newborn.number in html(client.get("/bundles/?status=in_progress&bundle=newborn"))
    assert newborn.number in html(client.get("/bundles/?status=all"))
    done = html(client.get("/bundles/?status=done"))
    assert newborn.number not in done
    assert 'data-testid="coordination-empty"' in done
    other = html(client.get("/bundles/?status=open&bundle=retirement"))
    assert newborn.number not in other
    # An unknown filter value falls back to the default instead of failing.
    response = client.get("/bundles/?status=nonsense&bundle=nonsense&page=x")
    assert response.status_code == 200
    assert newborn.number in html(response)


def test_an_unrelated_department_does_not_see_it(newborn, as_user):
    response = as_user("shenpi").get("/bundles/")  # 县市场监管局 leads none of them

    assert response.status_code == 200
    page = html(response)
    assert newborn.number not in page
    assert 'data-testid="coordination-empty"' in page


def test_county_wide_roles_see_every_bundle_case(newborn, as_user):
    page = html(as_user("lingdao").get("/bundles/"))

    assert newborn.number in row_of(page, newborn.number)
    assert "全县" in page


@pytest.mark.parametrize("path", ["/bundles/", "/bundles/cases/{pk}/", "/bundles/report/"])
def test_citizens_are_refused(newborn, as_user, path):
    response = as_user("zhangsan").get(path.format(pk=newborn.pk))

    assert response.status_code == 403
    assert 'data-testid="error-message"' in html(response)
    assert newborn.number not in html(response)


def test_anonymous_visitors_are_sent_to_log_in(newborn, client):
    response = client.get("/bundles/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_pages_the_list_without_counting_more_queries_per_row(newborn, users, as_user):
    client = as_user("weijian")
    client.get("/bundles/")  # warm up the session and the clock policy
    with CaptureQueriesContext(connection) as one:
        assert client.get("/bundles/").status_code == 200
    services.bundle_apply(
        actor=users["zhangsan"],
        bundle_id=newborn.bundle_id,
        answers=NEWBORN_ANSWERS,
        form_data=newborn.form_data,
        files=newborn_files(),
    )
    with CaptureQueriesContext(connection) as two:
        page = html(client.get("/bundles/"))
    assert page.count('data-testid="coordination-row"') == 2
    assert len(two) == len(one)


def test_pagination(newborn, as_user, monkeypatch):
    from onewindow.bundles import views_workbench

    monkeypatch.setattr(views_workbench, "PAGE_SIZE", 1)
    services.bundle_apply(
        actor=newborn.applicant,
        bundle_id=newborn.bundle_id,
        answers=NEWBORN_ANSWERS,
        form_data=newborn.form_data,
        files=newborn_files(),
    )
    client = as_user("weijian")

    first = html(client.get("/bundles/?status=open"))
    second = html(client.get("/bundles/?status=open&page=2"))

    assert first.count('data-testid="coordination-row"') == 1
    assert 'data-testid="page-next"' in first
    assert 'data-testid="page-previous"' not in first
    assert second.count('data-testid="coordination-row"') == 1
    assert 'data-testid="page-previous"' in second
    assert 'data-testid="page-next"' not in second
    numbers = set(re.findall(r'data-number="(YJS\d+)"', first + second))
    assert len(numbers) == 2
    assert newborn.number in numbers


# --- one bundle case -------------------------------------------------------------------------
def test_detail_shows_members_answers_and_the_single_timeline(newborn, as_user):
    birth = newborn.members.get(key="birth_cert")

    response = as_user("weijian").get(f"/bundles/cases/{newborn.pk}/")

    assert response.status_code == 200
    page = html(response)
    assert newborn.number in page
    members = re.findall(r'data-testid="member" data-key="(\w+)"', page)
    assert members == ["birth_cert", "vaccination", "hukou", "social_card", "parenting"]
    assert "《出生医学证明》办理（首签）" in page
    assert "眉县公安局" in page
    assert f'href="/cases/{birth.case_id}/"' in page  # the member case, worked in its own page
    assert page.count('data-testid="member-case-link"') == 1  # the others wait for it
    assert "前序事项办结后自动启动" in page
    # Answers in words, not codes.
    assert "是否同时为新生儿申领社会保障卡？" in page
    assert re.findall(r'data-testid="answer">(.*?)<', page) == ["是", "否", "否", "是"]
    # One timeline: the bundle's own events and the member case's steps.
    entries = page.count('data-testid="timeline-entry"')
    assert entries == len(selectors.timeline(newborn)) >= 2
    assert "提交“新生儿出生”一件事申请" in page
    assert "申请：提交申请" in page
    # The receipt, and the flags of 全程网办 (applied online: no visit, no paper so far).
    assert "“一件事”受理回执" in page
    assert re.search(r'data-testid="needs-visit">否<', page)
    assert "办结后认定" in page
    assert 'data-testid="deliver-form"' not in page


def test_detail_is_for_those_who_may_see_the_bundle_case(newborn, as_user):
    # 县公安局 handles a member: it sees the bundle case, though it does not lead it.
    assert as_user("gongan").get(f"/bundles/cases/{newborn.pk}/").status_code == 200
    assert newborn.number not in html(as_user("gongan").get("/bundles/"))
    # 县市场监管局 has nothing to do with it.
    response = as_user("shenpi").get(f"/bundles/cases/{newborn.pk}/")
    assert response.status_code == 404
    assert newborn.number not in html(response)
    assert as_user("weijian").get("/bundles/cases/999999/").status_code == 404


def test_delivery_before_everything_is_decided_is_refused(newborn, users, as_user):
    response = as_user("weijian").post(
        f"/bundles/cases/{newborn.pk}/deliver/", window_pickup(users)
    )

    assert response.status_code == 409
    assert "全部事项办结后才能统一出件" in html(response)
    assert 'data-testid="action-error"' in html(response)
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.IN_PROGRESS
    assert not Delivery.objects.filter(case__bundle_link__bundle_case=newborn).exists()


def test_delivery_needs_a_window_clerk_of_the_hall(newborn, users, as_user):
    bc = grant_all(newborn, users)
    assert bc.status == BundleCaseStatus.READY

    # 县市场监管局 cannot see the bundle case at all.
    response = as_user("shenpi").post(f"/bundles/cases/{bc.pk}/deliver/", window_pickup(users))
    assert response.status_code == 404
    # 县领导 sees it, has no delivery form, and is refused when posting one anyway.
    page = html(as_user("lingdao").get(f"/bundles/cases/{bc.pk}/"))
    assert 'data-testid="deliver-form"' not in page
    assert "统一出件由受理大厅的窗口人员办理" in page
    response = as_user("lingdao").post(f"/bundles/cases/{bc.pk}/deliver/", window_pickup(users))
    assert response.status_code == 403
    bc.refresh_from_db()
    assert bc.status == BundleCaseStatus.READY


@pytest.mark.parametrize(
    ("data", "share", "needs_visit"),
    [
        ("window", "0%", True),  # collected at the window: a visit, so not fully online
        ("online", "100%", False),
    ],
)
def test_unified_delivery_finishes_the_bundle_and_counts_in_the_report(
    newborn, users, as_user, data, share, needs_visit
):
    bc = grant_all(newborn, users)
    assert bc.status == BundleCaseStatus.READY
    client = as_user("weijian")
    page = html(client.get(f"/bundles/cases/{bc.pk}/"))
    assert 'data-testid="deliver-form"' in page
    assert 'data-testid="signature-pad"' in page
    assert "“一件事”办结通知书" in page

    form = window_pickup(users) if data == "window" else {"method": "online"}
    response = client.post(f"/bundles/cases/{bc.pk}/deliver/", form)

    assert response.status_code == 302
    assert response["Location"] == f"/bundles/cases/{bc.pk}/"
    bc.refresh_from_db()
    assert bc.status == BundleCaseStatus.DONE
    assert bc.needs_visit is needs_visit
    assert bc.fully_online is (not needs_visit)
    member_cases = list(Case.objects.filter(bundle_link__bundle_case=bc))
    assert len(member_cases) == 5
    assert {c.state for c in member_cases} == {CaseState.DELIVERED}
    deliveries = Delivery.objects.filter(case__in=member_cases)
    assert deliveries.count() == 5
    assert {d.method for d in deliveries} == {data}
    if data == "window":
        assert all(d.id_checked and d.collector_name == "张三" for d in deliveries)
    assert BundleEvent.objects.filter(bundle_case=bc, text__startswith="统一出件").count() == 1

    after = html(client.get(response["Location"]))
    assert f"一件事 {bc.number} 已统一出件" in after
    assert 'data-status="done"' in after
    assert 'data-testid="deliver-form"' not in after

    report = html(as_user("dating").get("/bundles/report/"))
    match = re.search(r'data-code="newborn">(.*?)</tr>', report, re.S)
    assert match
    row = match.group(1)
    assert re.search(r'data-testid="finished">1<', row)
    assert re.search(rf'data-testid="fully-online">{0 if needs_visit else 1}<', row)
    assert re.search(rf'data-testid="share">{share}<', row)
    assert re.search(r'data-testid="open">0<', row)


def test_a_refused_delivery_keeps_what_was_typed(newborn, users, as_user):
    bc = grant_all(newborn, users)
    client = as_user("weijian")

    wrong = window_pickup(users, collector_id_number="610326199001011234")
    response = client.post(f"/bundles/cases/{bc.pk}/deliver/", wrong)

    assert response.status_code == 422
    page = html(response)
    assert 'data-testid="deliver-error"' in page
    assert "身份证号码" in page
    assert 'value="张三"' in page  # the collector's name is kept
    assert "is-invalid" in page
    response = client.post(f"/bundles/cases/{bc.pk}/deliver/", window_pickup(users, signature=""))
    assert response.status_code == 422
    assert "签名" in html(response)
    response = client.post(f"/bundles/cases/{bc.pk}/deliver/", {"method": "post"})
    assert response.status_code == 422
    assert "快递单号" in html(response)
    bc.refresh_from_db()
    assert bc.status == BundleCaseStatus.READY
    assert not Delivery.objects.filter(case__bundle_link__bundle_case=bc).exists()


def test_delivery_takes_only_post(newborn, as_user):
    response = as_user("weijian").get(f"/bundles/cases/{newborn.pk}/deliver/")

    assert response.status_code == 405


# --- fully-online measure --------------------------------------------------------------------
def test_report_shows_open_bundle_cases_before_any_is_finished(newborn, as_user):
    response = as_user("lingdao").get("/bundles/report/")

    assert response.status_code == 200
    match = re.search(r'data-code="newborn">(.*?)</tr>', html(response), re.S)
    assert match
    row = match.group(1)
    assert re.search(r'data-testid="finished">0<', row)
    assert re.search(r'data-testid="share">—<', row)
    assert re.search(r'data-testid="open">1<', row)


@pytest.mark.parametrize(
    ("username", "status"),
    [("dating", 200), ("weijian", 200), ("lingdao", 200), ("shenpi", 403), ("chuangkou", 403)],
)
def test_report_is_for_those_who_answer_for_the_service(county, as_user, username, status):
    response = as_user(username).get("/bundles/report/")

    assert response.status_code == status
    if status == 403:
        assert "此操作需要以下角色之一" in html(response)
    else:
        assert 'data-testid="report-title"' in html(response)


# --- ways in ---------------------------------------------------------------------------------
def test_the_staff_home_and_nav_lead_to_the_coordination_list(county, as_user):
    page = html(as_user("weijian").get("/"))
    assert 'data-testid="home-bundles-coordination"' in page
    assert 'href="/bundles/report/"' in page  # 县卫健局's department admin
    assert 'data-testid="nav-bundles"' in page

    page = html(as_user("shenpi").get("/"))
    assert 'data-testid="home-bundles-coordination"' in page
    assert 'data-testid="home-bundles-report"' not in page

    page = html(as_user("zhangsan").get("/"))
    assert 'data-testid="nav-bundles"' not in page


def test_the_progress_strip_escapes_what_comes_from_the_database():
    from types import SimpleNamespace

    from onewindow.bundles.selectors import MemberBrief
    from onewindow.bundles.views_workbench import _progress_html

    bc = SimpleNamespace(
        member_done=1,
        member_total=2,
        brief=[
            MemberBrief("a", "<b>甲</b>", "granted", "县<局>", 1, "N1", "approved"),
            MemberBrief("b", "乙", "started", None, 2, "N2", "correction"),
        ],
    )
    html = _progress_html(bc)  # type: ignore[arg-type]
    assert "<b>" not in html
    assert "&lt;b&gt;甲&lt;/b&gt;" in html
    assert "（县&lt;局&gt;）" in html
    assert 'class="badge rounded-pill text-bg-success"' in html
    assert 'class="badge rounded-pill text-bg-info"' in html  # started, awaiting correction
    assert "1/2 项办结" in html


def test_the_detail_page_shows_the_progress_strip(newborn, users, login_client):
    html = login_client(users["weijian"]).get(f"/bundles/cases/{newborn.pk}/").content.decode()
    assert html.count('data-testid="member-pill"') == 5


def test_the_hall_window_finds_a_bundle_case_ready_to_hand_over(newborn, users, as_user):
    """An online application has no receiving hall, but its member cases are handled at
    the county centre: its window clerks see the bundle case once it is ready."""
    client = as_user("chuangkou")  # window clerk of the county centre, 县行政审批局
    assert newborn.number not in html(client.get("/bundles/?status=open"))  # not ready yet
    bc = grant_all(newborn, users)
    assert bc.status == BundleCaseStatus.READY
    listed = html(client.get("/bundles/?status=ready"))
    assert newborn.number in row_of(listed, newborn.number)
    page = client.get(f"/bundles/cases/{bc.pk}/")
    assert page.status_code == 200
    assert "“一件事”办结通知书" in html(page)
    # Someone with no part in it still does not see it.
    assert as_user("shenpi").get(f"/bundles/cases/{bc.pk}/").status_code == 404
