"""The staff workbench pages of the case engine: inboxes, the case page with one form per
action, supervision orders, and the counts on the workbench home."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases import services, supervision
from onewindow.cases.models import (
    Case,
    CaseMaterial,
    CaseState,
    CorrectionRequest,
    Extension,
    SpecialProcedure,
    SupervisionEvent,
    SupervisionOrder,
)
from onewindow.core.sm import sm3_hex

from .conftest import FORM, at

PDF = b"%PDF-1.4\n% onewindow test file\n"
MONDAY = at(2026, 3, 2, 10)  # no holiday until 4 April: 5 working days end on 9 March


@pytest.fixture
def make_case(published, users, enterprise, travel):
    """`make_case(when=MONDAY, accept=False)`: a case the enterprise agent submitted."""

    def make(when=MONDAY, *, accept: bool = False) -> Case:
        with travel(when):
            case = services.apply(
                actor=users["qiye"],
                item_id=published.item_id,
                channel="pc",
                enterprise_id=enterprise.pk,
                form_data=FORM,
            )
            if accept:
                case = services.accept(actor=users["chuangkou"], case_id=case.pk)
        return case

    return make


@pytest.fixture
def as_user(users, login_client):
    """`as_user("chuangkou")`: a test client logged in now (make it inside `travel`)."""
    return lambda username: login_client(users[username])


def post(client, case: Case, action: str, data: dict | None = None):
    return client.post(f"/cases/{case.pk}/actions/{action}/", data or {})


def html(response) -> str:
    return response.content.decode()


def state(case: Case) -> str:
    return Case.objects.get(pk=case.pk).state


# --- inboxes ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "tabs"),
    [
        ("chuangkou", ["to_accept", "correction", "to_deliver"]),
        ("shenpi", ["to_review", "to_decide", "special", "warnings", "overdue"]),
        ("bumen", ["to_review", "to_decide", "special", "warnings", "overdue"]),
        ("ducha", ["warnings", "overdue"]),
    ],
)
def test_inbox_shows_the_boxes_of_the_role(county, as_user, username, tabs):
    response = as_user(username).get("/cases/inbox/")
    assert response.status_code == 200
    shown = re.findall(r'data-testid="box-([a-z_]+)"', html(response))
    assert shown == tabs


def test_hall_admin_sees_the_halls_window_boxes(county, as_user):
    response = as_user("dating").get("/cases/inbox/")
    assert response.status_code == 200
    shown = re.findall(r'data-testid="box-([a-z_]+)"', html(response))
    assert shown == ["to_accept", "correction", "to_deliver"]


@pytest.mark.parametrize("username", ["zhangsan", "qiye", "admin"])
def test_inbox_is_refused_to_roles_without_boxes(county, as_user, username):
    response = as_user(username).get("/cases/inbox/")
    assert response.status_code == 403
    assert "没有办件收件箱" in html(response)


def test_inbox_needs_login_and_knows_its_boxes(county, as_user, client):
    assert client.get("/cases/inbox/")["Location"].startswith("/login/")
    clerk = as_user("chuangkou")
    unknown = clerk.get("/cases/inbox/?box=nope")
    assert unknown.status_code == 404
    assert "没有“nope”这个收件箱" in html(unknown)
    other = clerk.get("/cases/inbox/?box=to_review")
    assert other.status_code == 403
    assert "不对您的岗位开放" in html(other)


def test_clerk_inbox_lists_a_submitted_case_with_its_acceptance_deadline(
    make_case, as_user, travel
):
    case = make_case()
    with travel(at(2026, 3, 3, 9)):
        response = as_user("chuangkou").get("/cases/inbox/?box=to_accept")
    page = html(response)
    assert response.status_code == 200
    assert case.number in page
    assert f'href="/cases/{case.pk}/"' in page
    assert "陕西眉香猕猴桃有限公司" in page
    assert 'data-testid="count-to_accept">1<' in page
    # Received Monday 2 March: 5 working days to accept or ask for corrections.
    assert "受理期限 2026-03-09" in page
    assert "3月9日前受理或一次性告知补正" in page


@pytest.mark.parametrize(
    ("moment", "text", "level"),
    [
        (at(2026, 3, 2, 15), "还剩 5 个工作日", ""),
        (at(2026, 3, 5, 9), "还剩 2 个工作日", "near"),
        (at(2026, 3, 9, 9), "今天到期", "near"),
        (at(2026, 3, 11, 9), "已超期 2 个工作日", "overdue"),
    ],
)
def test_inbox_rows_carry_the_clock_and_its_colour(make_case, as_user, travel, moment, text, level):
    case = make_case(accept=True)
    assert str(case.promised_due) == "2026-03-09"
    with travel(moment):
        page = html(as_user("shenpi").get("/cases/inbox/?box=to_review"))
    assert case.number in page
    assert f'data-level="{level}">{text}<' in page
    if level == "overdue":
        assert "table-danger" in page
        assert "list-group-item-danger" in page
    elif level == "near":
        assert "table-warning" in page


def test_paused_case_says_so_in_the_special_box(make_case, as_user, travel, users, expert_review):
    case = make_case(accept=True)
    with travel(at(2026, 3, 3, 10)):
        services.start_review(actor=users["shenpi"], case_id=case.pk)
        services.start_special(
            actor=users["shenpi"],
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="组织专家评审",
            expected_days=3,
        )
    with travel(at(2026, 3, 20, 10)):
        page = html(as_user("shenpi").get("/cases/inbox/?box=special"))
    assert "已暂停计时，还剩 4 个工作日" in page


def test_mine_shows_only_the_cases_i_handle(make_case, as_user, travel, users):
    mine = make_case(accept=True)
    other = make_case(accept=True)
    with travel(at(2026, 3, 3, 10)):
        services.start_review(actor=users["shenpi"], case_id=mine.pk)
        approver = as_user("shenpi")
        everyone = html(approver.get("/cases/inbox/?box=to_review"))
        personal = html(approver.get("/cases/inbox/?box=to_review&mine=1"))
    assert mine.number in everyone
    assert other.number in everyone
    assert "本部门" in everyone
    assert mine.number in personal
    assert other.number not in personal


def test_inbox_query_count_does_not_grow_with_rows(make_case, as_user, travel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with travel(at(2026, 3, 3, 10)):
            client = as_user("shenpi")
            client.get("/cases/inbox/?box=to_review")  # warm the session
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/cases/inbox/?box=to_review").status_code == 200
        return len(ctx.captured_queries)

    make_case(accept=True)
    few = queries()
    for _ in range(4):
        make_case(accept=True)
    assert queries() == few


def test_inbox_pages_fifty_rows_at_a_time(make_case, as_user, travel):
    first = make_case(accept=True)
    # 50 more, accepted later the same day (so they sort after the first by due date, pk).
    for _ in range(50):
        make_case(at(2026, 3, 2, 11), accept=True)
    with travel(at(2026, 3, 3, 10)):
        client = as_user("shenpi")
        one = html(client.get("/cases/inbox/?box=to_review"))
        two = html(client.get("/cases/inbox/?box=to_review&page=2"))
    assert one.count('data-testid="inbox-row"') == 50
    assert two.count('data-testid="inbox-row"') == 1
    assert "共 51 件" in one
    assert first.number in one
    assert "1 / 2" in one


# --- the case page ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("chuangkou", 200),  # the hall that received it
        ("shenpi", 200),  # the department
        ("bumen", 200),
        ("ducha", 200),  # county-wide
        ("qiye", 200),  # the applicant (the notices link here)
        ("zhangsan", 404),  # someone else
    ],
)
def test_case_page_is_shown_to_who_may_see_the_case(make_case, as_user, travel, username, status):
    case = make_case()
    with travel(at(2026, 3, 2, 11)):
        response = as_user(username).get(f"/cases/{case.pk}/")
    assert response.status_code == status
    if status == 404:
        assert "办件不存在或您无权查看" in html(response)
    else:
        assert case.number in html(response)


def test_case_page_of_another_department_is_404(make_case, travel, county, login_client):
    from onewindow.identity import services as identity

    case = make_case()
    with travel(at(2026, 3, 2, 11)):
        other = identity.staff_create(
            actor=None,
            username="other",
            name="钱七",
            password="Abcdef#2026",
            department_id=county["departments"]["县发改局"].pk,
            roles=["approver"],
        )
        assert login_client(other).get(f"/cases/{case.pk}/").status_code == 404
    assert login_client(other).get("/cases/999999/").status_code == 404


def test_case_page_shows_form_materials_notices_and_timeline(
    published, users, enterprise, travel, as_user
):
    material = published.materials.get(name="食品经营许可申请书")
    with travel(MONDAY):
        case = services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        services.material_add(
            actor=users["qiye"],
            case_id=case.pk,
            material_id=material.pk,
            upload=SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf"),
        )
        case = services.submit(actor=users["qiye"], case_id=case.pk)
        services.request_correction(
            actor=users["chuangkou"],
            case_id=case.pk,
            items=[{"material": "营业执照", "problem": "复印件不清晰"}],
        )
        clerk = as_user("chuangkou")
        page = html(clerk.get(f"/cases/{case.pk}/"))
        row = CaseMaterial.objects.get(case=case)
        download = clerk.get(f"/cases/{case.pk}/materials/{row.pk}/")
        stranger = as_user("zhangsan").get(f"/cases/{case.pk}/materials/{row.pk}/")
    # The application form with the labels of the version's fields.
    assert "企业名称" in page
    assert "统一社会信用代码" in page
    assert "眉县首善街道平阳街 18 号" in page
    # The material with its checksum and a download link that checks who asks.
    assert sm3_hex(PDF) in page
    assert f"/cases/{case.pk}/materials/{row.pk}/" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert stranger.status_code == 404
    # The notice in full, numbered.
    notice = case.notices.get(kind="correction")
    assert "补正材料一次性告知书" in page
    assert notice.number in page
    assert "营业执照：复印件不清晰" in page
    # The timeline and the correction.
    assert page.count('data-testid="timeline-row"') == 3  # 申请, 收件, 补正 (open)
    assert "一次性告知补正" in page
    assert 'data-testid="corrections"' in page


def test_clerk_sees_exactly_the_forms_of_the_actions_available(make_case, as_user, travel):
    case = make_case()
    with travel(at(2026, 3, 2, 11)):
        page = html(as_user("chuangkou").get(f"/cases/{case.pk}/"))
    actions = re.findall(r'data-testid="action-([a-z_]+)"', page)
    assert actions == ["prereview", "request_correction", "accept", "refuse", "withdraw"]
    # 一次性告知: at least five rows, each offering the item's materials.
    assert page.count('data-testid="correction-row"') >= 5
    correction = page[page.index('data-testid="panel-request_correction"') :]
    correction = correction[: correction.index("</details>")]
    for name in ["食品经营许可申请书", "营业执照", "食品安全管理制度文本"]:
        assert f'<option value="{name}">{name}</option>' in correction
    refusal = page[page.index('data-testid="panel-refuse"') :]
    refusal = refusal[: refusal.index("</details>")]
    assert 'name="reason"' in refusal
    assert 'name="legal_basis"' in refusal
    assert 'name="opinion"' not in refusal
    # No supervision form for a clerk.
    assert 'data-testid="panel-supervise"' not in page


def test_applicant_sees_their_actions_but_no_supervision(make_case, as_user, travel):
    case = make_case()
    with travel(at(2026, 3, 2, 11)):
        page = html(as_user("qiye").get(f"/cases/{case.pk}/"))
    assert re.findall(r'data-testid="action-([a-z_]+)"', page) == ["withdraw"]
    assert 'data-testid="panel-supervise"' not in page
    assert 'data-testid="nav-cases"' not in page


def test_applicant_submits_a_draft_from_the_case_page(
    published, users, enterprise, travel, as_user
):
    with travel(MONDAY):
        draft = services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        agent = as_user("qiye")
        page = html(agent.get(f"/cases/{draft.pk}/"))
        assert re.findall(r'data-testid="action-([a-z_]+)"', page) == ["submit"]
        response = post(agent, draft, "submit")
        assert response.status_code == 302
        page = html(agent.get(response["Location"]))
    draft.refresh_from_db()
    assert draft.state == CaseState.SUBMITTED
    assert f"办件 {draft.number}：提交申请已完成" in page


def test_promised_case_through_every_form(
    published, users, enterprise, travel, as_user, expert_review
):
    """The 承诺件 path of test_lifecycle, taken through the pages' forms."""
    with travel(at(2026, 2, 11, 10)):
        case = services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )

    def step(moment, username, action, data=None, expect=CaseState.SUBMITTED) -> str:
        with travel(moment):
            client = as_user(username)
            response = post(client, case, action, data)
            assert response.status_code == 302, html(response)
            assert response["Location"] == f"/cases/{case.pk}/"
            page = html(client.get(response["Location"]))
        assert state(case) == expect
        return page

    page = step(at(2026, 2, 11, 11), "chuangkou", "prereview", expect=CaseState.PREREVIEW)
    assert "开始预审已完成" in page
    page = step(
        at(2026, 2, 11, 15),
        "chuangkou",
        "request_correction",
        {
            "item_material": ["食品经营许可申请书", "", "食品安全管理制度文本", "", ""],
            "item_problem": ["未签字盖章", "", "缺少进货查验制度", "", ""],
            "note": "请于补正后重新提交",
        },
        expect=CaseState.CORRECTION,
    )
    request = CorrectionRequest.objects.get(case=case)
    assert request.items == [
        {"material": "食品经营许可申请书", "problem": "未签字盖章"},
        {"material": "食品安全管理制度文本", "problem": "缺少进货查验制度"},
    ]
    assert "已出具《补正材料一次性告知书》" in page
    step(at(2026, 2, 12, 18, 30), "qiye", "resubmit", expect=CaseState.PREREVIEW)
    page = step(
        at(2026, 2, 13, 9, 30), "chuangkou", "accept", {"opinion": ""}, expect=CaseState.ACCEPTED
    )
    assert "已出具《受理通知书》" in page
    assert 'data-testid="promised-due">2026-02-27<' in page
    step(at(2026, 2, 24, 9), "shenpi", "start_review", expect=CaseState.REVIEWING)
    step(
        at(2026, 2, 24, 10),
        "shenpi",
        "start_special",
        {"kind_id": expert_review.pk, "reason": "组织专家评审工艺布局", "expected_days": "3"},
        expect=CaseState.SPECIAL,
    )
    page = step(
        at(2026, 2, 27, 16),
        "shenpi",
        "end_special",
        {"opinion": "专家评审通过"},
        expect=CaseState.REVIEWING,
    )
    assert SpecialProcedure.objects.get(case=case).days_not_counted == 3
    assert 'data-testid="not-counted">3 个工作日' in page
    page = step(
        at(2026, 3, 2, 9),
        "bumen",
        "extend",
        {"days": "5", "reason": "需补充核查供货商资质"},
        expect=CaseState.REVIEWING,
    )
    assert Extension.objects.get(case=case).days == 5
    assert 'data-testid="promised-due">2026-03-10<' in page
    assert 'data-testid="statutory-due">2026-03-31<' in page
    step(
        at(2026, 3, 3, 10),
        "shenpi",
        "pass",
        {"opinion": "材料齐全，现场符合要求"},
        expect=CaseState.REVIEWING,
    )
    page = step(
        at(2026, 3, 4, 10), "shenpi", "approve", {"opinion": "准予许可"}, expect=CaseState.APPROVED
    )
    assert "已出具《准予许可决定书》" in page
    step(
        at(2026, 3, 5, 10),
        "chuangkou",
        "deliver",
        {"method": "post", "note": "EMS 1234567890"},
        expect=CaseState.DELIVERED,
    )
    page = step(at(2026, 3, 5, 11), "chuangkou", "archive", expect=CaseState.ARCHIVED)
    assert page.count('data-testid="timeline-row"') == 13  # lifecycle test's 12 + 预审
    assert "邮寄送达：EMS 1234567890" in page
    assert "当前状态下您没有可执行的办理操作" in page


def test_refuse_deny_return_withdraw_and_terminate_forms(
    make_case, as_user, travel, users, published
):
    refused = make_case()
    with travel(at(2026, 3, 2, 11)):
        response = post(
            as_user("chuangkou"),
            refused,
            "refuse",
            {"reason": "不属于本机关职权范围", "legal_basis": "《行政许可法》第三十二条第一款"},
        )
    assert response.status_code == 302
    assert state(refused) == CaseState.NOT_ACCEPTED
    assert "《行政许可法》第三十二条第一款" in refused.notices.get(kind="refusal").body

    withdrawn = make_case()
    with travel(at(2026, 3, 2, 11)):
        response = post(as_user("qiye"), withdrawn, "withdraw", {"reason": "暂不经营"})
    assert response.status_code == 302
    assert state(withdrawn) == CaseState.WITHDRAWN

    terminated = make_case(accept=True)
    with travel(at(2026, 3, 3, 9)):
        post(as_user("bumen"), terminated, "terminate", {"reason": "申请人死亡"})
    assert state(terminated) == CaseState.TERMINATED

    denied = make_case(accept=True)
    with travel(at(2026, 3, 3, 9)):
        approver = as_user("shenpi")
        post(approver, denied, "start_review")
        post(approver, denied, "pass", {"opinion": "进入决定环节"})
        response = post(approver, denied, "return", {"opinion": "审查意见不完整，退回重审"})
        assert response.status_code == 302
        assert Case.objects.get(pk=denied.pk).step_index == 0
        post(approver, denied, "pass", {"opinion": "已补充"})
        response = post(
            approver, denied, "deny", {"opinion": "经审查不符合条件", "reason": "场所不符合要求"}
        )
    assert response.status_code == 302
    assert state(denied) == CaseState.DENIED
    assert "场所不符合要求" in denied.notices.get(kind="denial").body


def test_refusals_are_shown_on_the_page_and_write_nothing(make_case, as_user, travel):
    case = make_case()
    with travel(at(2026, 3, 2, 11)):
        clerk = as_user("chuangkou")
        # Missing what the table requires: 422 with the service's message.
        response = post(clerk, case, "refuse", {"reason": "  "})
        assert response.status_code == 422
        assert "“不予受理”需要填写理由" in html(response)
        assert 'data-testid="panel-error"' in html(response)
        # A correction row with a material but no problem.
        response = post(
            clerk, case, "request_correction", {"item_material": ["营业执照"], "item_problem": [""]}
        )
        assert response.status_code == 422
        assert "第 1 项补正内容要写明材料名称和存在的问题" in html(response)
        assert "营业执照" in html(response)
        # No rows at all.
        response = post(clerk, case, "request_correction", {})
        assert response.status_code == 422
        assert "需要补正的材料清单" in html(response)
        # Someone who may see the case but not act on it.
        response = post(as_user("shenpi"), case, "accept")
        assert response.status_code == 403
        assert "您没有在本办件上执行“受理”的权限" in html(response)
        # An action the state does not allow names the state.
        response = post(clerk, case, "approve", {"opinion": "x"})
        assert response.status_code == 409
        assert "办件当前状态为“已提交”，不能执行“准予”" in html(response)
        assert not CorrectionRequest.objects.filter(case=case).exists()
        assert state(case) == CaseState.SUBMITTED
        # Accepting twice: the second is a 409 naming the new state.
        assert post(clerk, case, "accept").status_code == 302
        response = post(clerk, case, "accept")
        assert response.status_code == 409
        assert "“已受理”" in html(response)
        # Unknown action, wrong method, a case the person cannot see.
        assert post(clerk, case, "fly").status_code == 404
        assert clerk.get(f"/cases/{case.pk}/actions/accept/").status_code == 405
        assert post(as_user("zhangsan"), case, "withdraw", {"reason": "x"}).status_code == 404


def test_bad_numbers_and_choices_are_422(make_case, as_user, travel, users):
    case = make_case(accept=True)
    with travel(at(2026, 3, 3, 9)):
        services.start_review(actor=users["shenpi"], case_id=case.pk)
        approver, head = as_user("shenpi"), as_user("bumen")
        response = post(approver, case, "start_special", {"reason": "检测", "expected_days": "3"})
        assert response.status_code == 422
        assert "请选择一种已启用的特别程序" in html(response)
        response = post(head, case, "extend", {"days": "abc", "reason": "x"})
        assert response.status_code == 422
        assert "延长天数" in html(response)
        response = post(head, case, "extend", {"days": "30", "reason": "x"})
        assert response.status_code == 422
        response = post(approver, case, "pass", {"opinion": ""})
        assert response.status_code == 422
        assert "“通过”需要填写办理意见" in html(response)
        response = post(as_user("chuangkou"), case, "deliver", {"method": "drone"})
        assert response.status_code == 422
        assert "出件方式" in html(response)
    assert state(case) == CaseState.REVIEWING
    assert not Extension.objects.filter(case=case).exists()


# --- supervision ------------------------------------------------------------------------------
def test_supervisor_opens_follows_talks_and_closes(make_case, as_user, travel, users):
    case = make_case(accept=True)
    with travel(at(2026, 3, 11, 9)):  # two working days overdue
        supervisor = as_user("ducha")
        page = html(supervisor.get(f"/cases/{case.pk}/"))
        assert 'data-testid="panel-supervise"' in page
        assert "刘洋" in page  # the department admin may be named responsible
        response = supervisor.post(
            f"/cases/{case.pk}/supervise/",
            {"reason": "已超期两个工作日，请说明原因并加快办理", "responsible": users["bumen"].pk},
        )
        assert response.status_code == 302
        order = SupervisionOrder.objects.get()
        assert response["Location"] == f"/cases/supervision/{order.pk}/"
        assert order.responsible == users["bumen"]
        assert order.supervisor == users["ducha"]
        page = html(supervisor.get(response["Location"]))
        kinds = re.findall(r'data-testid="supervision-([a-z_]+)"', page)
        assert kinds == ["follow_up", "talk", "close"]
        assert case.number in page
        # The case page now lists the order and offers no second one.
        page = html(supervisor.get(f"/cases/{case.pk}/"))
        assert order.number in page
        assert 'data-testid="panel-supervise"' not in page
        # Follow up, then the responsible person replies.
        url = f"/cases/supervision/{order.pk}/"
        assert supervisor.post(url + "follow_up/", {"note": "请今日反馈"}).status_code == 302
        head = as_user("bumen")
        assert re.findall(r'data-testid="supervision-([a-z_]+)"', html(head.get(url))) == ["reply"]
        assert head.post(url + "reply/", {"note": "已安排专人办理"}).status_code == 302
        # A talk in the future is refused; one today is recorded.
        response = supervisor.post(
            url + "talk/", {"note": "约谈", "participants": "刘洋", "talk_on": "2026-03-20"}
        )
        assert response.status_code == 422
        assert "约谈日期不能晚于今天" in html(response)
        response = supervisor.post(
            url + "talk/",
            {"note": "说明超期原因", "participants": "刘洋（部门管理员）", "talk_on": "2026-03-11"},
        )
        assert response.status_code == 302
        # Not closable while the case is undecided.
        response = supervisor.post(url + "close/", {"note": "已办结"})
        assert response.status_code == 409
        assert "尚未办结" in html(response)
        open_list = html(supervisor.get("/cases/supervision/"))
        assert order.number in open_list
    with travel(at(2026, 3, 12, 9)):
        approver = as_user("shenpi")
        post(approver, case, "start_review")
        post(approver, case, "pass", {"opinion": "通过"})
        post(approver, case, "approve", {"opinion": "准予"})
        supervisor = as_user("ducha")
        assert supervisor.post(url + "close/", {"note": "已准予，督办办结"}).status_code == 302
        page = html(supervisor.get(url))
        assert 'data-testid="order-state">已办结<' in page
        assert order.number in html(supervisor.get("/cases/supervision/?state=closed"))
        assert order.number not in html(supervisor.get("/cases/supervision/?state=open"))
    kinds = list(SupervisionEvent.objects.filter(order=order).values_list("kind", flat=True))
    assert kinds == ["follow_up", "reply", "talk", "close"]
    talk = SupervisionEvent.objects.get(order=order, kind="talk")
    assert talk.participants == "刘洋（部门管理员）"
    assert str(talk.talk_on) == "2026-03-11"


def test_supervision_pages_refuse_who_may_not(make_case, as_user, travel, users):
    case = make_case(accept=True)
    with travel(at(2026, 3, 11, 9)):
        # A clerk cannot open an order: the refusal is shown on the case page.
        response = as_user("chuangkou").post(f"/cases/{case.pk}/supervise/", {"reason": "x"})
        assert response.status_code == 403
        assert "只有督查人员或县领导可以督办" in html(response)
        assert not SupervisionOrder.objects.exists()
        # A supervisor must give a reason.
        response = as_user("ducha").post(f"/cases/{case.pk}/supervise/", {"reason": ""})
        assert response.status_code == 422
        assert "请填写督办事由" in html(response)
        order = supervision.open_order(
            actor=users["ducha"],
            subject=case,
            label=case.number,
            department_id=case.current_department_id,
            reason="超期",
        )
        url = f"/cases/supervision/{order.pk}/"
        # The public never sees supervision.
        assert as_user("zhangsan").get("/cases/supervision/").status_code == 403
        assert as_user("qiye").get(url).status_code == 403
        # The approver of the department sees it but may not reply or follow up.
        approver = as_user("shenpi")
        page = html(approver.get(url))
        assert 'data-testid="supervision-' not in page
        response = approver.post(url + "reply/", {"note": "收到"})
        assert response.status_code == 403
        assert approver.post(url + "follow_up/", {"note": "x"}).status_code == 403
        assert approver.post(url + "dance/", {"note": "x"}).status_code == 404
        # A clerk of the hall is not in the department: the order is not theirs to see.
        assert as_user("chuangkou").get(url).status_code == 404
    assert not SupervisionEvent.objects.exists()


# --- workbench home and navigation ------------------------------------------------------------
def test_workbench_home_counts_the_boxes(make_case, as_user, travel):
    make_case()
    make_case(accept=True)
    with travel(at(2026, 3, 3, 9)):
        clerk = html(as_user("chuangkou").get("/"))
        approver = html(as_user("shenpi").get("/"))
        admin = html(as_user("admin").get("/"))
    assert 'data-testid="home-count-to_accept">1<' in clerk
    assert 'href="/cases/inbox/?box=to_accept"' in clerk
    assert 'data-testid="nav-cases"' in clerk
    assert 'data-testid="home-count-to_review">1<' in approver
    assert 'data-testid="home-count-overdue">0<' in approver
    assert "home-count-" not in admin
    assert 'data-testid="nav-cases"' not in admin


def test_cases_root_goes_to_the_inbox(county, as_user):
    assert as_user("chuangkou").get("/cases/")["Location"] == "/cases/inbox/"
