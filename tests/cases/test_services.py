"""Case services (issue 4 items 2–4 and 6): default templates, required fields, roles and
steps, templates edited in the database, corrections, extensions, special procedures and
the errors of creating a case.

The plain helpers at the top (`applied`, `accepted`, `reviewing`, `snapshot`, `staff`) are
shared with the other case test modules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from onewindow.cases import clock, lifecycle, services
from onewindow.cases.models import (
    Case,
    CaseCounter,
    CaseNotice,
    CaseState,
    CaseStep,
    CorrectionRequest,
    Extension,
    ProcessTemplate,
    SpecialProcedure,
    Transition,
)
from onewindow.catalog import services as catalog
from onewindow.catalog.models import SpecialProcedureKind
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.core.workdays import Calendar
from onewindow.identity import services as identity
from onewindow.notifications.models import Channel, Notification
from tests.catalog.conftest import content

from .conftest import FORM, at

D = dt.date
START = at(2026, 3, 2, 10)  # Monday 2 March 2026


# ---------------------------------------------------------------------------------------------
# Helpers shared by the case test modules
# ---------------------------------------------------------------------------------------------
def applied(version, users, enterprise, *, actor: Any = None) -> Case:
    """A submitted application by the enterprise's agent over the web (call under travel)."""
    return services.apply(
        actor=actor or users["qiye"],
        item_id=version.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )


def accepted(version, users, enterprise) -> Case:
    case = applied(version, users, enterprise)
    return services.accept(actor=users["chuangkou"], case_id=case.pk)


def reviewing(version, users, enterprise) -> Case:
    case = accepted(version, users, enterprise)
    return services.start_review(actor=users["shenpi"], case_id=case.pk)


def staff(county, username: str, roles: list[str], *, department: str, hall: str | None = None):
    """Another staff member (a clerk of a town hall, an approver of another bureau…)."""
    return identity.staff_create(
        actor=None,
        username=username,
        name="测试" + username,
        password="Abcdef#2026",
        department_id=county["departments"][department].pk,
        hall_id=county["halls"][hall].pk if hall else None,
        roles=roles,
    )


def town_hall(county) -> str:
    return next(k for k in county["halls"] if k != "county")


def snapshot(case_id: int) -> dict[str, Any]:
    """Everything an action could change: the case row and the counts of what hangs off it."""
    case = Case.objects.get(pk=case_id)
    return {
        "case": model_to_dict(case),
        "steps": list(CaseStep.objects.filter(case_id=case_id).values()),
        "notices": CaseNotice.objects.filter(case_id=case_id).count(),
        "corrections": CorrectionRequest.objects.filter(case_id=case_id).count(),
        "special": list(SpecialProcedure.objects.filter(case_id=case_id).values()),
        "extensions": Extension.objects.filter(case_id=case_id).count(),
        "audit": AuditEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "counters": list(CaseCounter.objects.order_by("prefix").values_list("prefix", "value")),
    }


def refused(error: type[Exception], pk: int, call, /, *args: Any, **kwargs: Any):
    """Run `call`, expect `error`, and check that nothing about case `pk` changed."""
    before = snapshot(pk)
    with pytest.raises(error) as exc:
        call(*args, **kwargs)
    assert snapshot(pk) == before
    return exc.value


# ---------------------------------------------------------------------------------------------
# Default templates
# ---------------------------------------------------------------------------------------------
def test_default_templates(published, immediate):
    promised = ProcessTemplate.objects.get(handling_type=2, is_default=True)
    instant = ProcessTemplate.objects.get(handling_type=1, is_default=True)
    assert set(promised.transitions.values_list("action", flat=True)) == set(
        lifecycle.ACTION_LABELS
    )
    assert set(instant.transitions.values_list("action", flat=True)) == {
        "submit",
        "prereview",
        "request_correction",
        "resubmit",
        "accept",
        "refuse",
        "approve",
        "deny",
        "deliver",
        "archive",
        "withdraw",
        "terminate",
    }
    for template in (promised, instant):
        for t in template.transitions.all():
            assert lifecycle.validate_transition(t) == {}, t


def test_immediate_case_is_decided_by_the_window_clerk(immediate, users, enterprise, travel):
    clerk = users["chuangkou"]
    with travel(START):
        case = applied(immediate, users, enterprise)
        assert case.template.code == "immediate"
        case = services.accept(actor=clerk, case_id=case.pk)
        assert case.state == CaseState.ACCEPTED
        # Promised limit 0: due the day it is accepted.
        assert case.accepted_on == case.promised_due == case.statutory_due == D(2026, 3, 2)
        assert case.handler == clerk
        err = refused(Conflict, case.pk, services.start_review, actor=clerk, case_id=case.pk)
        assert "已受理" in err.message
        # An approver of the item's bureau does not hold the window step.
        refused(PermissionDenied, case.pk, services.approve, actor=users["shenpi"], case_id=case.pk)
        case = services.approve(actor=clerk, case_id=case.pk)
        assert case.state == CaseState.APPROVED
        assert case.decided_on_time is True
        case = services.deliver(actor=clerk, case_id=case.pk)
        case = services.archive(actor=clerk, case_id=case.pk)
    assert case.state == CaseState.ARCHIVED
    steps = list(case.timeline.order_by("seq"))
    assert [s.action for s in steps] == ["submit", "accept", "approve", "deliver", "archive"]
    assert all(s.ended_at is not None for s in steps)
    assert list(case.notices.values_list("kind", flat=True)) == ["acceptance", "grant"]


def test_immediate_denial_needs_a_reason(immediate, users, enterprise, travel):
    clerk = users["chuangkou"]
    with travel(START):
        case = applied(immediate, users, enterprise)
        services.accept(actor=clerk, case_id=case.pk)
        err = refused(
            InvalidInput,
            case.pk,
            services.deny,
            actor=clerk,
            case_id=case.pk,
            opinion="",
            reason="",
        )
        assert err.details["field"] == "reason"
        case = services.deny(actor=clerk, case_id=case.pk, opinion="", reason="不符合条件")
    assert case.state == CaseState.DENIED
    assert "不符合条件" in case.notices.get(kind="denial").body


# ---------------------------------------------------------------------------------------------
# Required fields, roles, steps
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("setup", "action", "kwargs", "field"),
    [
        ("submitted", "refuse", {"reason": "  "}, "reason"),
        ("submitted", "request_correction", {"items": []}, "items"),
        ("submitted", "withdraw", {"reason": ""}, "reason"),
        ("reviewing", "pass", {"opinion": ""}, "opinion"),
        ("reviewing", "start_special", {"reason": "", "kind_id": 0, "expected_days": 1}, "reason"),
        ("reviewing", "extend", {"days": 3, "reason": ""}, "reason"),
        ("reviewing", "terminate", {"reason": ""}, "reason"),
        ("deciding", "approve", {"opinion": ""}, "opinion"),
        ("deciding", "deny", {"opinion": "不符合", "reason": ""}, "reason"),
        ("deciding", "deny", {"opinion": "", "reason": "不符合"}, "opinion"),
        ("special", "end_special", {"opinion": " "}, "opinion"),
    ],
)
def test_required_fields(
    published, users, enterprise, travel, expert_review, setup, action, kwargs, field
):
    actors = {
        "refuse": "chuangkou",
        "request_correction": "chuangkou",
        "withdraw": "qiye",
        "extend": "bumen",
        "terminate": "bumen",
    }
    with travel(START):
        case = applied(published, users, enterprise)
        if setup != "submitted":
            case = services.accept(actor=users["chuangkou"], case_id=case.pk)
            case = services.start_review(actor=users["shenpi"], case_id=case.pk)
        if setup == "deciding":
            case = services.pass_step(actor=users["shenpi"], case_id=case.pk, opinion="同意")
        if setup == "special":
            case = services.start_special(
                actor=users["shenpi"],
                case_id=case.pk,
                kind_id=expert_review.pk,
                reason="专家评审",
                expected_days=3,
            )
        actor = users[actors.get(action, "shenpi")]
        err = refused(
            InvalidInput, case.pk, services.ACTIONS[action], actor=actor, case_id=case.pk, **kwargs
        )
    assert err.details["field"] == field
    assert lifecycle.REQUIREMENTS[field] in err.message


def test_permissions(published, users, enterprise, travel, county):
    town = town_hall(county)
    other_clerk = staff(county, "clerk2", ["window_clerk"], department="县行政审批局", hall=town)
    other_approver = staff(county, "approver2", ["approver"], department="县发改局")
    other_head = staff(county, "head2", ["dept_admin"], department="县发改局")
    with travel(START):
        case = applied(published, users, enterprise)
        for actor in (
            users["qiye"],
            other_clerk,
            users["ducha"],
            users["shenpi"],
            users["zhangsan"],
        ):
            refused(PermissionDenied, case.pk, services.accept, actor=actor, case_id=case.pk)
        # A citizen who is not the applicant cannot withdraw it.
        refused(
            PermissionDenied,
            case.pk,
            services.withdraw,
            actor=users["zhangsan"],
            case_id=case.pk,
            reason="不想办了",
        )
        case = services.accept(actor=users["chuangkou"], case_id=case.pk)
        for actor in (other_approver, users["chuangkou"], users["qiye"], users["ducha"]):
            refused(PermissionDenied, case.pk, services.start_review, actor=actor, case_id=case.pk)
        case = services.start_review(actor=users["shenpi"], case_id=case.pk)
        for actor in (other_approver, users["ducha"], users["lingdao"], users["admin"]):
            refused(
                PermissionDenied,
                case.pk,
                services.pass_step,
                actor=actor,
                case_id=case.pk,
                opinion="同意",
            )
        # Extension: the department head only.
        for actor in (users["shenpi"], other_head, users["ducha"], users["chuangkou"]):
            refused(
                PermissionDenied,
                case.pk,
                services.extend,
                actor=actor,
                case_id=case.pk,
                days=3,
                reason="需要核查",
            )
        # Termination: the department head (or the platform), not the applicant.
        refused(
            PermissionDenied,
            case.pk,
            services.terminate,
            actor=users["qiye"],
            case_id=case.pk,
            reason="x",
        )
        # The department head may act at a review step too.
        case = services.pass_step(actor=users["bumen"], case_id=case.pk, opinion="同意")
    assert case.step_index == 1


def test_review_steps(published, users, enterprise, travel, county):
    approver = users["shenpi"]
    with travel(START):
        case = reviewing(published, users, enterprise)
        assert [s["name"] for s in case.steps] == ["审查", "决定"]
        assert case.current_department_id == county["departments"]["县市场监管局"].pk
        err = refused(
            Conflict, case.pk, services.approve, actor=approver, case_id=case.pk, opinion="准予"
        )
        assert "“审查中”" in err.message
        assert "“审查”不是决定环节" in err.message
        refused(
            Conflict,
            case.pk,
            services.deny,
            actor=approver,
            case_id=case.pk,
            opinion="x",
            reason="y",
        )
        err = refused(
            Conflict, case.pk, services.return_step, actor=approver, case_id=case.pk, opinion="退回"
        )
        assert "“审查中”" in err.message
        assert "第一个" in err.message
        case = services.pass_step(actor=approver, case_id=case.pk, opinion="同意")
        assert (case.step_index, case.state) == (1, CaseState.REVIEWING)
        err = refused(
            Conflict, case.pk, services.pass_step, actor=approver, case_id=case.pk, opinion="x"
        )
        assert "“审查中”" in err.message
        assert "最后一个" in err.message
        case = services.return_step(actor=approver, case_id=case.pk, opinion="请补充核查")
        assert case.step_index == 0
        assert case.handler is None
        open_steps = case.timeline.filter(ended_at__isnull=True)
        assert [s.name for s in open_steps] == ["审查"]
        assert case.timeline.get(action="return").opinion == "请补充核查"
        names = {t.action for t in lifecycle.available_actions(case, approver)}
        assert "pass" in names
        assert not names & {"approve", "deny", "return"}


def test_an_unknown_case_is_not_found(db):
    with pytest.raises(NotFound):
        services.accept(actor=None, case_id=987654)


# ---------------------------------------------------------------------------------------------
# The table is data: edits apply at once
# ---------------------------------------------------------------------------------------------
def test_editing_the_template_changes_behaviour_at_once(published, users, enterprise, travel):
    clerk = users["chuangkou"]
    accept_row = Transition.objects.get(template__code="promised", action="accept")
    with travel(START):
        case = applied(published, users, enterprise)
        assert "accept" in {t.action for t in lifecycle.available_actions(case, clerk)}
        accept_row.roles = ["system"]
        accept_row.save()
        assert "accept" not in {t.action for t in lifecycle.available_actions(case, clerk)}
        refused(PermissionDenied, case.pk, services.accept, actor=clerk, case_id=case.pk)

        accept_row.roles = ["window_clerk"]
        accept_row.requires = ["attachment"]
        accept_row.label = "收件受理"
        accept_row.save()
        err = refused(InvalidInput, case.pk, services.accept, actor=clerk, case_id=case.pk)
        assert err.details["field"] == "attachment"
        assert "收件受理" in err.message
        case = lifecycle.perform(
            case.pk, "accept", actor=clerk, payload={"attachment": "受理审批表.pdf"}
        )
        assert case.state == CaseState.ACCEPTED
        assert case.timeline.get(action="accept").action_label == "收件受理"

        # A state taken off a row's sources: the action is now illegal there.
        start = Transition.objects.get(template__code="promised", action="start_review")
        start.sources = ["reviewing"]
        start.save()
        err = refused(
            Conflict, case.pk, services.start_review, actor=users["shenpi"], case_id=case.pk
        )
        assert "已受理" in err.message
        # A removed row: the action no longer exists in this process.
        start.delete()
        refused(Conflict, case.pk, services.start_review, actor=users["shenpi"], case_id=case.pk)


def test_a_notice_added_to_a_row_is_issued(published, users, enterprise, travel):
    row = Transition.objects.get(template__code="promised", action="withdraw")
    row.notice = "termination"
    row.save()
    with travel(START):
        case = applied(published, users, enterprise)
        case = services.withdraw(actor=users["qiye"], case_id=case.pk, reason="不再经营")
    assert case.notices.get().kind == "termination"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"action": "fly"}, "action"),
        ({"sources": []}, "sources"),
        ({"sources": "accepted"}, "sources"),
        ({"sources": ["accepted", "flying"]}, "sources"),
        ({"roles": []}, "roles"),
        ({"roles": ["approver", "mayor"]}, "roles"),
        ({"roles": [["approver"]]}, "roles"),
        ({"requires": ["signature"]}, "requires"),
        ({"requires": [{"opinion": True}]}, "requires"),
        ({"notice": "medal"}, "notice"),
    ],
)
def test_transition_clean_rejects_unknown_things(published, changes, field):
    row = Transition.objects.get(template__code="promised", action="extend")
    row.clean()  # the shipped row is valid
    for key, value in changes.items():
        setattr(row, key, value)
    with pytest.raises(ValidationError) as exc:
        row.clean()
    assert field in exc.value.message_dict
    assert all(m.strip() for m in exc.value.message_dict[field])


# ---------------------------------------------------------------------------------------------
# Correction (行政许可法第三十二条)
# ---------------------------------------------------------------------------------------------
ITEMS = [
    {"material": "食品经营许可申请书", "problem": "未签字盖章"},
    {"material": "营业执照", "problem": "复印件不清晰"},
    {"material": "食品安全管理制度文本", "problem": "缺少进货查验制度"},
]


def test_correction_lists_every_item_in_one_notice(
    published, users, enterprise, travel, django_capture_on_commit_callbacks, sms_outbox
):
    clerk = users["chuangkou"]
    with travel(START):
        case = applied(published, users, enterprise)
        case = services.prereview(actor=clerk, case_id=case.pk)
        assert case.handler == clerk
        with django_capture_on_commit_callbacks(execute=True):
            case = services.request_correction(
                actor=clerk, case_id=case.pk, items=ITEMS, note="请在 30 日内补正"
            )
    assert case.state == CaseState.CORRECTION
    request = case.corrections.get()
    assert request.items == ITEMS
    assert request.answered_at is None
    notice = case.notices.get()
    assert notice.title == "补正材料一次性告知书"
    for entry in ITEMS:
        assert entry["problem"] in notice.body
        assert entry["material"] in notice.body
    assert "请在 30 日内补正" in notice.body
    step = case.timeline.get(action="request_correction")
    assert step.opinion.count("\n") == 2
    agent = users["qiye"]
    assert Notification.objects.filter(
        recipient=agent, template="cases.notice", channel=Channel.IN_APP
    ).exists()
    assert any("补正材料一次性告知书" in m["text"] for m in sms_outbox)


@pytest.mark.parametrize(
    "items",
    [
        [],
        None,
        "营业执照",
        [{"material": "营业执照", "problem": ""}],
        [{"material": "", "problem": "不清晰"}],
        [ITEMS[0], "营业执照"],
    ],
)
def test_correction_without_proper_items_is_refused(published, users, enterprise, travel, items):
    with travel(START):
        case = applied(published, users, enterprise)
        err = refused(
            InvalidInput,
            case.pk,
            services.request_correction,
            actor=users["chuangkou"],
            case_id=case.pk,
            items=items,
        )
    assert err.details["field"] == "items"


def test_resubmission_restarts_the_correction_period(published, users, enterprise, travel):
    clerk, agent = users["chuangkou"], users["qiye"]
    with travel(START):
        case = applied(published, users, enterprise)
        services.request_correction(actor=clerk, case_id=case.pk, items=ITEMS[:1])
    assert case.received_on == D(2026, 3, 2)
    # The applicant cannot change the form after submission, only while correcting.
    with travel(at(2026, 3, 9, 11)):
        case = services.case_update_form(
            actor=agent, case_id=case.pk, form_data={"business.address": "眉县首善街道平阳街 20 号"}
        )
        case = services.resubmit(actor=agent, case_id=case.pk)
    assert case.state == CaseState.PREREVIEW
    assert case.received_on == D(2026, 3, 9)
    assert case.form_data["business.address"] == "眉县首善街道平阳街 20 号"
    assert case.corrections.get().answered_at is not None
    with travel(at(2026, 3, 9, 12)):
        err = refused(
            Conflict,
            case.pk,
            services.case_update_form,
            actor=agent,
            case_id=case.pk,
            form_data={"business.address": "别处"},
        )
    assert "预审中" in err.message


# ---------------------------------------------------------------------------------------------
# Extension (第四十二条)
# ---------------------------------------------------------------------------------------------
def test_extension(
    published, users, enterprise, travel, django_capture_on_commit_callbacks, sms_outbox
):
    head = users["bumen"]
    with travel(START):
        case = reviewing(published, users, enterprise)
        before = case.promised_due, case.statutory_due
        err = refused(
            InvalidInput, case.pk, services.extend, actor=head, case_id=case.pk, days=11, reason="x"
        )
        assert err.details["field"] == "days"
        for days in (0, -1, "十", True, None):
            refused(
                InvalidInput,
                case.pk,
                services.extend,
                actor=head,
                case_id=case.pk,
                days=days,
                reason="x",
            )
        with django_capture_on_commit_callbacks(execute=True):
            case = services.extend(
                actor=head, case_id=case.pk, days=10, reason="需要现场核查供货商"
            )
    cal = Calendar()
    assert case.extension_days == 10
    assert cal.working_days_between(before[0], case.promised_due) == 10
    assert cal.working_days_between(before[1], case.statutory_due) == 10
    assert cal.working_days_between(case.accepted_on, case.promised_due) == 15
    ext = case.extensions.get()
    assert (ext.days, ext.approved_by, ext.reason) == (10, head, "需要现场核查供货商")
    assert (ext.promised_due_before, ext.promised_due_after) == (before[0], case.promised_due)
    assert (ext.statutory_due_before, ext.statutory_due_after) == (before[1], case.statutory_due)
    notice = case.notices.get(kind="extension")
    assert notice.title == "延长审查期限告知书"
    assert "10 个工作日" in notice.body
    assert f"{case.promised_due:%Y年%m月%d日}" in notice.body
    assert f"{case.statutory_due:%Y年%m月%d日}" in notice.body
    assert "需要现场核查供货商" in notice.body
    agent = users["qiye"]
    rows = Notification.objects.filter(recipient=agent, template="cases.notice")
    assert {r.channel for r in rows if "延长审查期限告知书" in r.subject} == {
        Channel.IN_APP,
        Channel.SMS,
    }
    assert any("延长审查期限告知书" in m["text"] and m["phone"] == agent.phone for m in sms_outbox)
    step = case.timeline.get(action="extend")
    assert "10" in step.opinion
    assert step.actor == head
    # Only once.
    with travel(at(2026, 3, 3, 10)):
        err = refused(
            Conflict, case.pk, services.extend, actor=head, case_id=case.pk, days=1, reason="再延"
        )
    assert "延期一次" in err.message


def test_extension_of_joint_handling_allows_fifteen_days(
    make_item, county, users, enterprise, travel
):
    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103004000", joint_departments=["县发改局"])
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    with travel(START):
        case = accepted(version, users, enterprise)
        refused(
            InvalidInput,
            case.pk,
            services.extend,
            actor=users["bumen"],
            case_id=case.pk,
            days=16,
            reason="联合审查",
        )
        case = services.extend(actor=users["bumen"], case_id=case.pk, days=15, reason="联合审查")
    assert case.extension_days == 15
    assert Calendar().working_days_between(case.accepted_on, case.statutory_due) == 35


def test_extension_only_while_the_clock_runs(published, users, enterprise, travel, expert_review):
    head, approver = users["bumen"], users["shenpi"]
    with travel(START):
        case = applied(published, users, enterprise)
        err = refused(
            Conflict, case.pk, services.extend, actor=head, case_id=case.pk, days=3, reason="x"
        )
        assert "已提交" in err.message
        services.accept(actor=users["chuangkou"], case_id=case.pk)
        services.start_review(actor=approver, case_id=case.pk)
        services.start_special(
            actor=approver,
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="评审",
            expected_days=3,
        )
        err = refused(
            Conflict, case.pk, services.extend, actor=head, case_id=case.pk, days=3, reason="x"
        )
        assert "特别程序中" in err.message


# ---------------------------------------------------------------------------------------------
# Special procedures (第四十五条)
# ---------------------------------------------------------------------------------------------
def test_special_procedure_pauses_and_notifies(
    published, users, enterprise, travel, expert_review, django_capture_on_commit_callbacks
):
    approver = users["shenpi"]
    with travel(START):
        case = reviewing(published, users, enterprise)
        due = case.promised_due
    with travel(at(2026, 3, 3, 10)), django_capture_on_commit_callbacks(execute=True):
        case = services.start_special(
            actor=approver,
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="组织专家评审工艺布局",
            expected_days=15,
        )
    assert case.state == CaseState.SPECIAL
    assert case.paused_on == D(2026, 3, 3)
    assert case.paused_from_state == CaseState.REVIEWING
    procedure = case.special_procedures.get()
    assert (procedure.kind, procedure.expected_days, procedure.started_on) == (
        expert_review,
        15,
        D(2026, 3, 3),
    )
    assert procedure.ended_on is None
    notice = case.notices.get(kind="special")
    assert notice.title == "特别程序告知书"
    for text in ("专家评审", "组织专家评审工艺布局", "15 个工作日", "第四十五条"):
        assert text in notice.body
    assert Notification.objects.filter(
        recipient=users["qiye"], subject__contains="特别程序告知书"
    ).exists()
    cal = Calendar()
    frozen = clock.remaining(case, cal, D(2026, 3, 3))
    assert clock.remaining(case, cal, D(2026, 3, 20)) == frozen
    with travel(at(2026, 3, 10, 15)):
        case = services.end_special(actor=approver, case_id=case.pk, opinion="评审通过")
    assert case.state == CaseState.REVIEWING
    assert case.paused_on is None
    assert case.suspended_working_days == 5
    assert cal.working_days_between(due, case.promised_due) == 5
    procedure.refresh_from_db()
    assert (procedure.ended_on, procedure.days_not_counted, procedure.result) == (
        D(2026, 3, 10),
        5,
        "评审通过",
    )
    assert clock.remaining(case, cal, D(2026, 3, 10)) == frozen


@pytest.mark.parametrize(
    ("kind", "days", "field"),
    [
        ("专家评审", 16, "expected_days"),
        ("专家评审", 0, "expected_days"),
        ("现场勘验", 6, "expected_days"),
        ("检验", 2, "kind_id"),  # a kind the item's guide does not list
        ("inactive", 2, "kind_id"),
        ("missing", 2, "kind_id"),
        ("text-id", 2, "kind_id"),
    ],
)
def test_special_procedure_refusals(published, users, enterprise, travel, kind, days, field):
    if kind == "inactive":
        SpecialProcedureKind.objects.filter(name="专家评审").update(is_active=False)
        kind_id: Any = SpecialProcedureKind.objects.get(name="专家评审").pk
    elif kind == "missing":
        kind_id = 987654
    elif kind == "text-id":
        kind_id = str(SpecialProcedureKind.objects.get(name="专家评审").pk) + "x"
    else:
        kind_id = SpecialProcedureKind.objects.get(name=kind).pk
    with travel(START):
        case = reviewing(published, users, enterprise)
        err = refused(
            InvalidInput,
            case.pk,
            services.start_special,
            actor=users["shenpi"],
            case_id=case.pk,
            kind_id=kind_id,
            reason="需要",
            expected_days=days,
        )
    assert err.details["field"] == field
    if kind == "检验":
        assert "办事指南未列明“检验”" in str(err)
        assert "专家评审（≤15个工作日）" in str(err)


def test_declared_maximum_is_allowed(published, users, enterprise, travel):
    kind = SpecialProcedureKind.objects.get(name="现场勘验")
    with travel(START):
        case = reviewing(published, users, enterprise)
        case = services.start_special(
            actor=users["shenpi"], case_id=case.pk, kind_id=kind.pk, reason="勘验", expected_days=5
        )
    assert case.special_procedures.get().expected_days == 5


@pytest.mark.parametrize("how", ["withdraw", "terminate"])
def test_stopping_during_a_pause_closes_it(
    published, users, enterprise, travel, expert_review, how
):
    with travel(START):
        case = reviewing(published, users, enterprise)
        services.start_special(
            actor=users["shenpi"],
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="专家评审",
            expected_days=5,
        )
    with travel(at(2026, 3, 5, 10)):
        if how == "withdraw":
            case = services.withdraw(actor=users["qiye"], case_id=case.pk, reason="不再经营")
        else:
            case = services.terminate(actor=users["bumen"], case_id=case.pk, reason="申请人死亡")
    assert case.state == (CaseState.WITHDRAWN if how == "withdraw" else CaseState.TERMINATED)
    assert case.paused_on is None
    assert case.closed_at is not None
    assert case.suspended_working_days == 3
    procedure = case.special_procedures.get()
    assert procedure.ended_on == D(2026, 3, 5)
    assert procedure.days_not_counted == 3
    assert ("撤回" if how == "withdraw" else "终止") in procedure.result
    assert not case.timeline.filter(ended_at__isnull=True).exists()
    if how == "terminate":
        assert "申请人死亡" in case.notices.get(kind="termination").body
    with travel(at(2026, 3, 6, 10)):
        case = services.archive(actor=users["chuangkou"], case_id=case.pk)
    assert case.state == CaseState.ARCHIVED


# ---------------------------------------------------------------------------------------------
# Refusal, withdrawal, notices
# ---------------------------------------------------------------------------------------------
def test_refusal(published, users, enterprise, travel):
    with travel(START):
        case = applied(published, users, enterprise)
        case = services.refuse(
            actor=users["chuangkou"],
            case_id=case.pk,
            reason="不属于本机关职权范围",
            legal_basis="《行政许可法》第三十二条第一款第（二）项",
        )
    assert case.state == CaseState.NOT_ACCEPTED
    assert case.closed_at is not None
    assert case.accepted_on is None
    assert case.promised_due is None
    notice = case.notices.get()
    assert notice.title == "不予受理通知书"
    assert "不属于本机关职权范围" in notice.body
    assert "第三十二条第一款" in notice.body
    assert not case.timeline.filter(ended_at__isnull=True).exists()


def test_notice_numbers(published, users, enterprise, travel, county):
    with travel(START):
        first = accepted(published, users, enterprise)
        second = accepted(published, users, enterprise)
    short = county["departments"]["县市场监管局"].short_name
    numbers = [c.notices.get(kind="acceptance").number for c in (first, second)]
    assert numbers == [f"{short}受〔2026〕0001号", f"{short}受〔2026〕0002号"]
    body = first.notices.get().body
    assert first.number in body
    assert "2026年03月09日" in body  # promised due: 5 working days after 2 March


def test_notice_numbers_stay_unique_when_departments_share_a_short_name(
    published, users, enterprise, travel, county
):
    """Two bodies with the same short name (简称 is not unique) must not both issue
    “…受〔2026〕0001号”: the second acceptance would fail on the unique notice number."""
    from onewindow.org import services as org
    from onewindow.org.demo import usc_code

    short = county["departments"]["县市场监管局"].short_name
    twin = org.department_create(
        actor=None,
        name="眉县市场监督管理局直属分局",
        short_name=short,
        uscc=usc_code(90),
        division_code="610326000000",
    )
    with travel(at(2026, 1, 5, 9)):
        version = catalog.item_create(
            actor=None, department_id=twin.pk, basic_code="000103012000", content=content()
        )
        for step in (catalog.version_submit, catalog.version_approve, catalog.version_publish):
            step(actor=None, version_id=version.pk)
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    with travel(START):
        first = accepted(published, users, enterprise)
        second = services.accept(
            actor=users["chuangkou"], case_id=applied(version, users, enterprise).pk
        )
    numbers = {c.notices.get(kind="acceptance").number for c in (first, second)}
    assert len(numbers) == 2
    assert all(n.startswith(f"{short}受〔2026〕") for n in numbers)


# ---------------------------------------------------------------------------------------------
# Creating a case: every refusal writes nothing
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def nothing_created():
    def check(error: type[Exception], **kwargs: Any):
        before = (Case.objects.count(), CaseStep.objects.count(), AuditEvent.objects.count())
        with pytest.raises(error) as exc:
            services.case_create(**kwargs)
        after = (Case.objects.count(), CaseStep.objects.count(), AuditEvent.objects.count())
        assert after == before
        assert exc.value.message.strip()
        return exc.value

    return check


def test_create_refusals(published, make_item, users, enterprise, travel, nothing_created, county):
    agent, citizen, clerk = users["qiye"], users["zhangsan"], users["chuangkou"]
    with travel(at(2026, 1, 5, 9)):
        draft = make_item("000103005000", publish=False)
        companies = make_item("000103006000", service_objects="2")
    with travel(START):
        base = {"item_id": published.item_id, "channel": "pc", "enterprise_id": enterprise.pk}
        nothing_created(PermissionDenied, actor=None, **base)
        nothing_created(NotFound, actor=agent, **{**base, "item_id": 987654})
        err = nothing_created(Conflict, actor=agent, **{**base, "item_id": draft.item_id})
        assert err.code == "item_unpublished"
        err = nothing_created(InvalidInput, actor=agent, **{**base, "channel": "mail"})
        assert err.details["field"] == "channel"
        err = nothing_created(InvalidInput, actor=agent, **{**base, "channel": "fax"})
        assert err.details["field"] == "channel"
        # The item serves enterprises only: a citizen applying for themself is refused.
        err = nothing_created(InvalidInput, actor=citizen, item_id=companies.item_id, channel="pc")
        assert err.details["field"] == "applicant_id"
        # A citizen who is not an agent of the enterprise.
        nothing_created(PermissionDenied, actor=citizen, **base)
        nothing_created(NotFound, actor=agent, **{**base, "enterprise_id": 987654})
        # Only window clerks and helpers apply on someone's behalf.
        nothing_created(PermissionDenied, actor=users["shenpi"], **base)
        nothing_created(InvalidInput, actor=clerk, item_id=published.item_id, channel="window")
        nothing_created(
            NotFound,
            actor=clerk,
            item_id=published.item_id,
            channel="window",
            applicant_id=clerk.pk,
        )
        # Proxy (跨域代收) needs an item in the cross-region scope, and a region.
        err = nothing_created(
            InvalidInput,
            actor=clerk,
            item_id=published.item_id,
            channel="proxy",
            applicant_id=citizen.pk,
            proxy_region="宝鸡市渭滨区",
        )
        assert err.details["field"] == "channel"
        # The form: every bad field named.
        err = nothing_created(
            InvalidInput,
            actor=agent,
            **base,
            form_data={
                **FORM,
                "enterprise.uscc": FORM["enterprise.uscc"][:-1] + "0",
                "pets.name": "旺财",
            },
        )
        assert err.details["field"] == "form_data"
        assert set(err.details["errors"]) == {"enterprise.uscc", "pets.name"}
        assert "2 处" in err.message
        nothing_created(InvalidInput, actor=agent, **base, form_data=["not", "a", "dict"])


def test_proxy_channel(make_item, users, county, travel, nothing_created):
    clerk, citizen = users["chuangkou"], users["zhangsan"]
    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103007000", cross_region_scope="全国")
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    with travel(START):
        base = {"item_id": version.item_id, "channel": "proxy", "applicant_id": citizen.pk}
        err = nothing_created(InvalidInput, actor=clerk, **base, proxy_region="  ")
        assert err.details["field"] == "proxy_region"
        # Receiving for another region is a window's job, not an applicant's.
        err = nothing_created(
            PermissionDenied,
            actor=citizen,
            item_id=version.item_id,
            channel="proxy",
            proxy_region="宝鸡市",
            hall_id=987654,
        )
        assert "窗口人员" in err.message
        case = services.case_create(actor=clerk, **base, proxy_region=" 宝鸡市渭滨区 ")
    assert case.proxy_region == "宝鸡市渭滨区"
    assert case.applicant == citizen
    assert case.created_by == clerk
    assert case.hall == county["halls"]["county"]


def test_create_on_behalf(published, users, enterprise, travel, county):
    clerk, citizen, agent = users["chuangkou"], users["zhangsan"], users["qiye"]
    with travel(START):
        for_citizen = services.case_create(
            actor=clerk, item_id=published.item_id, channel="window", applicant_id=citizen.pk
        )
        for_company = services.case_create(
            actor=clerk,
            item_id=published.item_id,
            channel="window",
            enterprise_id=enterprise.pk,
            applicant_id=agent.pk,
            form_data={"business.address": "眉县首善街道平阳街 18 号"},
        )
    assert (for_citizen.applicant, for_citizen.enterprise, for_citizen.agent) == (
        citizen,
        None,
        None,
    )
    assert for_citizen.applicant_name == citizen.name
    assert for_citizen.hall == county["halls"]["county"]
    assert (for_company.applicant, for_company.enterprise, for_company.agent) == (
        None,
        enterprise,
        agent,
    )
    assert for_company.applicant_kind == "enterprise"
    assert for_company.state == CaseState.DRAFT
    assert for_company.number is None
    # The agent sees it as theirs and can submit once the form is complete.
    with travel(START):
        services.case_update_form(actor=agent, case_id=for_company.pk, form_data=FORM)
        case = services.submit(actor=agent, case_id=for_company.pk)
    assert case.state == CaseState.SUBMITTED
    assert case.version == published
    assert case.timeline.get(seq=1).name == "申请"


def test_apply_is_all_or_nothing(published, users, enterprise, travel):
    """Create and submit in one call: an incomplete form leaves no draft behind."""
    counts = (Case.objects.count(), CaseStep.objects.count(), CaseCounter.objects.count())
    with travel(START), pytest.raises(InvalidInput) as exc:
        services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data={"enterprise.name": FORM["enterprise.name"]},
        )
    assert "必填" in exc.value.message
    assert set(exc.value.details["errors"]) == {"enterprise.uscc", "business.address"}
    assert counts == (Case.objects.count(), CaseStep.objects.count(), CaseCounter.objects.count())
