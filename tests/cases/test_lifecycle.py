"""A 承诺件 from submission to archive across the 2026 Spring Festival (issue 4, done-when)."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases import services
from onewindow.cases.models import Case, CaseState, CaseStep
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied

from .conftest import FORM, at

D = dt.date


def test_promised_case_through_spring_festival(
    published, users, enterprise, travel, expert_review, django_capture_on_commit_callbacks
):
    agent, clerk, approver, head = (
        users["qiye"],
        users["chuangkou"],
        users["shenpi"],
        users["bumen"],
    )
    with travel(at(2026, 2, 11, 10)):
        case = services.case_create(
            actor=agent,
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        case = services.submit(actor=agent, case_id=case.pk)
    assert case.state == CaseState.SUBMITTED
    assert case.number.startswith(published.item.implementation_code + "20260211")
    assert case.number.endswith("0001")
    assert case.received_on == D(2026, 2, 11)

    with travel(at(2026, 2, 11, 15)):
        case = services.request_correction(
            actor=clerk,
            case_id=case.pk,
            items=[
                {"material": "食品经营许可申请书", "problem": "未签字盖章"},
                {"material": "食品安全管理制度文本", "problem": "缺少进货查验制度"},
            ],
        )
    assert case.state == CaseState.CORRECTION
    notice = case.notices.get(kind="correction")
    assert "未签字盖章" in notice.body
    assert "缺少进货查验制度" in notice.body

    # Corrected after office hours on Thursday: received on Friday 13 February.
    with travel(at(2026, 2, 12, 18, 30)):
        case = services.resubmit(actor=agent, case_id=case.pk)
    assert case.received_on == D(2026, 2, 13)

    with travel(at(2026, 2, 13, 9, 30)):
        case = services.accept(actor=clerk, case_id=case.pk)
    assert case.state == CaseState.ACCEPTED
    assert case.accepted_on == D(2026, 2, 13)
    # 5 working days: Sat 14 Feb (make-up day), then 24–27 Feb after the holiday.
    assert case.promised_due == D(2026, 2, 27)
    assert case.statutory_due == D(2026, 3, 19)

    with travel(at(2026, 2, 24, 9)):
        case = services.start_review(actor=approver, case_id=case.pk)
    with travel(at(2026, 2, 24, 10)):
        case = services.start_special(
            actor=approver,
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="新建中央厨房，需组织专家评审工艺布局",
            expected_days=3,
        )
    assert case.state == CaseState.SPECIAL
    assert case.paused_on == D(2026, 2, 24)
    with travel(at(2026, 2, 27, 16)):
        case = services.end_special(actor=approver, case_id=case.pk, opinion="专家评审通过")
    assert case.state == CaseState.REVIEWING
    assert case.suspended_working_days == 3
    assert case.promised_due == D(2026, 3, 3)
    assert case.statutory_due == D(2026, 3, 24)

    with travel(at(2026, 3, 2, 9)):
        case = services.extend(actor=head, case_id=case.pk, days=5, reason="需补充核查供货商资质")
    assert case.promised_due == D(2026, 3, 10)
    assert case.statutory_due == D(2026, 3, 31)

    with travel(at(2026, 3, 3, 10)):
        case = services.pass_step(actor=approver, case_id=case.pk, opinion="材料齐全，现场符合要求")
    with travel(at(2026, 3, 4, 10)):
        case = services.approve(actor=approver, case_id=case.pk, opinion="准予许可")
    assert case.state == CaseState.APPROVED
    assert case.decided_on_time is True
    with travel(at(2026, 3, 5, 10)):
        case = services.deliver(actor=clerk, case_id=case.pk, method="window")
        case = services.archive(actor=clerk, case_id=case.pk)
    assert case.state == CaseState.ARCHIVED

    steps = list(CaseStep.objects.filter(case=case).order_by("seq"))
    assert [s.name for s in steps] == [
        "申请",
        "收件",
        "补正",
        "预审",
        "待审查",
        "审查",
        "特别程序：专家评审",
        "审查",
        "审查",
        "决定",
        "出件",
        "归档",
    ]
    assert [s.action for s in steps][6:9] == ["end_special", "extend", "pass"]
    assert all(s.ended_at is not None for s in steps)
    assert [s.action for s in steps][-3:] == ["approve", "deliver", "archive"]
    kinds = list(case.notices.order_by("issued_at", "id").values_list("kind", flat=True))
    assert kinds == ["correction", "acceptance", "special", "extension", "grant"]


def test_illegal_action_names_the_state(published, users, enterprise, travel):
    agent, clerk = users["qiye"], users["chuangkou"]
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=agent,
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        with pytest.raises(Conflict) as exc:
            services.approve(actor=users["shenpi"], case_id=case.pk, opinion="x")
        assert "已提交" in exc.value.message
        assert "准予" in exc.value.message
        services.accept(actor=clerk, case_id=case.pk)
        with pytest.raises(Conflict) as exc:
            services.accept(actor=clerk, case_id=case.pk)
        assert "已受理" in exc.value.message


def test_wrong_department_cannot_review(published, users, enterprise, travel, county):
    from onewindow.identity import services as identity

    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        services.accept(actor=users["chuangkou"], case_id=case.pk)
        other = identity.staff_create(
            actor=None,
            username="other",
            name="钱七",
            password="Abcdef#2026",
            department_id=county["departments"]["县发改局"].pk,
            roles=["approver"],
        )
        with pytest.raises(PermissionDenied):
            services.start_review(actor=other, case_id=case.pk)
        assert Case.objects.get(pk=case.pk).state == CaseState.ACCEPTED


def test_submit_refuses_bad_form_and_writes_nothing(published, users, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case = services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
        )
        with pytest.raises(InvalidInput) as exc:
            services.submit(actor=users["qiye"], case_id=case.pk)
    assert "必填" in exc.value.message
    case.refresh_from_db()
    assert case.state == CaseState.DRAFT
    assert case.number is None
