"""督办 (issue 4 item 5): supervision orders with follow-up, replies, a recorded talk and
closure; one open order per case."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases import services, supervision, sweeps
from onewindow.cases.models import SupervisionEvent, SupervisionOrder
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.models import AuditEvent

from .conftest import at
from .test_services import ITEMS, START, applied, reviewing, staff

D = dt.date
LATER = at(2026, 3, 11, 9)  # two working days after the promised due date (9 March)


def unchanged(call, error: type[Exception], **kwargs):
    """`call(**kwargs)` raises `error` and writes no order, event or audit row."""
    counts = (
        SupervisionOrder.objects.count(),
        SupervisionEvent.objects.count(),
        AuditEvent.objects.count(),
        list(SupervisionOrder.objects.values_list("state", "supervisor_id", "conclusion")),
    )
    with pytest.raises(error) as exc:
        call(**kwargs)
    assert counts == (
        SupervisionOrder.objects.count(),
        SupervisionEvent.objects.count(),
        AuditEvent.objects.count(),
        list(SupervisionOrder.objects.values_list("state", "supervisor_id", "conclusion")),
    )
    assert exc.value.message.strip()
    return exc.value


@pytest.fixture
def overdue(published, users, enterprise, travel):
    """A case under review by `shenpi`, overdue, with the order the sweep opened."""
    with travel(START):
        case = reviewing(published, users, enterprise)
    with travel(LATER):
        assert sweeps.supervision_sweep() == 1
    order = SupervisionOrder.objects.get()
    assert order.responsible == users["shenpi"]
    return case, order


def test_follow_up_reply_talk_and_close(overdue, users, travel):
    case, order = overdue
    supervisor, approver, head = users["ducha"], users["shenpi"], users["bumen"]
    with travel(at(2026, 3, 11, 10)):
        supervision.follow_up(actor=supervisor, order_id=order.pk, note="请说明超期原因")
        order.refresh_from_db()
        assert order.supervisor == supervisor  # the first to follow up leads it
        supervision.reply(actor=approver, order_id=order.pk, note="等待供货商资质核查结果")
        supervision.reply(actor=head, order_id=order.pk, note="已督促，本周内办结")
        event = supervision.talk(
            actor=supervisor,
            order_id=order.pk,
            note="约谈承办人，要求 3 个工作日内办结",
            participants=" 周涛、赵军、刘洋 ",
            talk_on=D(2026, 3, 11),
        )
    assert (event.participants, event.talk_on) == ("周涛、赵军、刘洋", D(2026, 3, 11))
    with travel(at(2026, 3, 12, 10)):
        err = unchanged(
            supervision.close, Conflict, actor=supervisor, order_id=order.pk, conclusion="已办结"
        )
        assert err.code == "unresolved"
        services.pass_step(actor=approver, case_id=case.pk, opinion="同意")
        services.approve(actor=approver, case_id=case.pk, opinion="准予许可")
        unchanged(
            supervision.close, InvalidInput, actor=supervisor, order_id=order.pk, conclusion=" "
        )
        order = supervision.close(
            actor=supervisor, order_id=order.pk, conclusion="已作出准予决定，超期 3 个工作日"
        )
    assert order.state == SupervisionOrder.State.CLOSED
    assert order.closed_at is not None
    assert order.conclusion == "已作出准予决定，超期 3 个工作日"
    assert list(order.events.values_list("kind", "actor__username")) == [
        ("follow_up", "ducha"),
        ("reply", "shenpi"),
        ("reply", "bumen"),
        ("talk", "ducha"),
        ("close", "ducha"),
    ]
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {
        "cases.supervision_open",
        "cases.supervision_follow_up",
        "cases.supervision_reply",
        "cases.supervision_talk",
        "cases.supervision_close",
    } <= codes
    # A closed order takes nothing more.
    for call, kwargs in [
        (supervision.follow_up, {"actor": supervisor, "note": "再问"}),
        (supervision.reply, {"actor": approver, "note": "补充"}),
        (supervision.talk, {"actor": supervisor, "note": "再谈", "participants": "赵军"}),
        (supervision.close, {"actor": supervisor, "conclusion": "再关"}),
    ]:
        err = unchanged(call, Conflict, order_id=order.pk, **kwargs)
        assert err.code == "supervision_closed"


def test_who_may_do_what(overdue, users, travel, county):
    _case, order = overdue
    other_approver = staff(county, "approver4", ["approver"], department="县市场监管局")
    other_head = staff(county, "head4", ["dept_admin"], department="县发改局")
    with travel(at(2026, 3, 11, 10)):
        for actor in (users["shenpi"], users["bumen"], users["chuangkou"], users["qiye"]):
            unchanged(
                supervision.follow_up, PermissionDenied, actor=actor, order_id=order.pk, note="x"
            )
            unchanged(
                supervision.talk,
                PermissionDenied,
                actor=actor,
                order_id=order.pk,
                note="x",
                participants="赵军",
            )
            unchanged(
                supervision.close, PermissionDenied, actor=actor, order_id=order.pk, conclusion="x"
            )
        # Replies: the responsible person or the responsible department's head only.
        for actor in (other_approver, other_head, users["ducha"], users["lingdao"], users["qiye"]):
            unchanged(supervision.reply, PermissionDenied, actor=actor, order_id=order.pk, note="x")
        unchanged(
            supervision.reply, InvalidInput, actor=users["shenpi"], order_id=order.pk, note=" "
        )
        unchanged(supervision.follow_up, NotFound, actor=users["ducha"], order_id=987654, note="x")
        # The county leader supervises too.
        supervision.follow_up(actor=users["lingdao"], order_id=order.pk, note="请加快办理")


def test_talk_needs_participants_and_a_date_not_in_the_future(overdue, users, travel):
    _case, order = overdue
    supervisor = users["ducha"]
    with travel(at(2026, 3, 11, 10)):
        err = unchanged(
            supervision.talk,
            InvalidInput,
            actor=supervisor,
            order_id=order.pk,
            note="约谈",
            participants="  ",
        )
        assert err.details["field"] == "participants"
        err = unchanged(
            supervision.talk,
            InvalidInput,
            actor=supervisor,
            order_id=order.pk,
            note="约谈",
            participants="赵军",
            talk_on=D(2026, 3, 12),
        )
        assert err.details["field"] == "talk_on"
        unchanged(
            supervision.talk,
            InvalidInput,
            actor=supervisor,
            order_id=order.pk,
            note=" ",
            participants="赵军",
        )
        today = supervision.talk(
            actor=supervisor, order_id=order.pk, note="约谈", participants="赵军"
        )
        earlier = supervision.talk(
            actor=supervisor,
            order_id=order.pk,
            note="补记上周的约谈",
            participants="赵军",
            talk_on=D(2026, 3, 10),
        )
    assert (today.talk_on, earlier.talk_on) == (D(2026, 3, 11), D(2026, 3, 10))


def test_one_open_order_per_case(overdue, users, travel):
    case, order = overdue
    supervisor = users["ducha"]
    with travel(at(2026, 3, 11, 10)):
        err = unchanged(
            supervision.open_order,
            Conflict,
            actor=supervisor,
            subject=case,
            label="办件",
            department_id=case.current_department_id,
            reason="再次督办",
        )
    assert err.code == "supervision_open"
    # Once the case is decided and the order closed, a new order may be opened.
    with travel(at(2026, 3, 12, 10)):
        services.pass_step(actor=users["shenpi"], case_id=case.pk, opinion="同意")
        services.deny(actor=users["shenpi"], case_id=case.pk, opinion="不符合", reason="场所不符合")
        supervision.close(actor=supervisor, order_id=order.pk, conclusion="已作出决定")
        again = supervision.open_order(
            actor=supervisor,
            subject=case,
            label="办件复查",
            department_id=case.current_department_id,
            reason="复查不予许可决定的送达",
        )
    assert again.state == "open"
    assert SupervisionOrder.objects.count() == 2


def test_open_order_by_hand(published, users, enterprise, travel, county):
    supervisor = users["ducha"]
    with travel(START):
        case = reviewing(published, users, enterprise)
        base = {
            "subject": case,
            "label": f"办件 {case.number}",
            "department_id": case.current_department_id,
        }
        unchanged(
            supervision.open_order, PermissionDenied, actor=users["bumen"], reason="x", **base
        )
        unchanged(supervision.open_order, InvalidInput, actor=supervisor, reason=" ", **base)
        unchanged(
            supervision.open_order,
            NotFound,
            actor=supervisor,
            reason="群众投诉",
            responsible_id=users["qiye"].pk,  # not staff
            **base,
        )
        err = unchanged(
            supervision.open_order,
            InvalidInput,
            actor=supervisor,
            reason="群众投诉",
            reply_due=D(2026, 3, 1),
            **base,
        )
        assert err.details["field"] == "reply_due"
        order = supervision.open_order(actor=supervisor, reason=" 群众投诉办理慢 ", **base)
    assert order.supervisor == supervisor
    assert order.responsible == users["bumen"]  # the department head by default
    assert order.reason == "群众投诉办理慢"
    assert not order.automatic
    assert order.reply_due == D(2026, 3, 5)


def test_close_is_refused_while_the_case_awaits_correction(published, users, enterprise, travel):
    """A case waiting for corrections is not decided: the order stays open."""
    supervisor = users["ducha"]
    with travel(START):
        case = applied(published, users, enterprise)
        services.request_correction(actor=users["chuangkou"], case_id=case.pk, items=ITEMS)
        order = supervision.open_order(
            actor=supervisor,
            subject=case,
            label=f"办件 {case.number}",
            department_id=case.current_department_id,
            reason="群众反映补正告知不清楚",
        )
        err = unchanged(
            supervision.close, Conflict, actor=supervisor, order_id=order.pk, conclusion="已处理"
        )
    assert err.code == "unresolved"
