"""督办: supervision orders with follow-up, the responsible person's replies, a recorded
talk (约谈) and closure. Generic over the subject (a case now; a hotline order later)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.workdays import Calendar
from onewindow.identity.models import User
from onewindow.notifications import templates_registry

from .models import Case, CaseState, ClockPolicy, SupervisionEvent, SupervisionOrder
from .numbering import next_value, next_values

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.COUNTY_LEADER)


def _require_supervisor(actor: Any) -> None:
    if actor is not None and not scope_of(actor).has_role(*SUPERVISING_ROLES):
        raise PermissionDenied("只有督查人员或县领导可以督办")


def department_head(department_id: int) -> User | None:
    return (
        User.objects.filter(
            department_id=department_id, staff_roles__role=Role.DEPT_ADMIN, is_active=True
        )
        .order_by("pk")
        .first()
    )


def department_heads(department_ids: set[int]) -> dict[int, int]:
    """`department_head` of many departments in one query: {department id: user id}."""
    heads: dict[int, int] = {}
    for department_id, user_id in (
        User.objects.filter(
            department_id__in=department_ids, staff_roles__role=Role.DEPT_ADMIN, is_active=True
        )
        .order_by("pk")
        .values_list("department_id", "pk")
    ):
        heads.setdefault(department_id, user_id)
    return heads


def resolved(order: SupervisionOrder) -> bool:
    subject = order.subject
    if isinstance(subject, Case):
        return subject.state not in (
            CaseState.SUBMITTED,
            CaseState.PREREVIEW,
            CaseState.CORRECTION,
            CaseState.ACCEPTED,
            CaseState.REVIEWING,
            CaseState.SPECIAL,
        )
    return True


@transaction.atomic
def open_order(
    *,
    actor: Any,
    subject: models.Model,
    label: str,
    department_id: int,
    reason: str,
    responsible_id: int | None = None,
    reply_due: dt.date | None = None,
    automatic: bool = False,
    due_on: dt.date | None = None,
) -> SupervisionOrder:
    _require_supervisor(actor)
    if not reason.strip():
        raise InvalidInput("请填写督办事由", field="reason")
    responsible = None
    if responsible_id is not None:
        responsible = User.objects.filter(pk=responsible_id, kind=User.Kind.STAFF).first()
        if responsible is None:
            raise NotFound("责任人不存在")
    responsible = responsible or department_head(department_id)
    today = timezone.localdate()
    if reply_due is None:
        reply_due = Calendar().add_working_days(today, ClockPolicy.current().supervision_reply_days)
    elif reply_due < today:
        raise InvalidInput("反馈期限不能早于今天", field="reply_due")
    content_type = ContentType.objects.get_for_model(subject)
    try:
        with transaction.atomic():
            order = SupervisionOrder.objects.create(
                number=f"DB{today:%Y%m%d}{next_value(f'supervision:{today:%Y%m%d}'):04d}",
                subject_type=content_type,
                subject_id=subject.pk,
                subject_label=label[:200],
                department_id=department_id,
                responsible=responsible,
                supervisor=actor,
                reason=reason.strip(),
                automatic=automatic,
                reply_due=reply_due,
                due_on=due_on,
            )
    except IntegrityError:
        raise Conflict("该对象已有一张未办结的督办单", code="supervision_open") from None
    audit.record(code="cases.supervision_open", actor=actor, obj=order, after={"reason": reason})
    if responsible is not None:
        from onewindow.notifications.models import Channel
        from onewindow.notifications.services import notify

        notify(
            recipient=responsible,
            template="cases.supervision",
            key=f"cases:supervision:{order.pk}",
            context={
                "order": order.number,
                "subject": order.subject_label,
                "reason": order.reason,
                "reply_due": f"{reply_due:%Y年%m月%d日}",
            },
            channels=(Channel.IN_APP, Channel.SMS),
            link=f"/cases/supervision/{order.pk}/",
        )
    return order


@dataclass(frozen=True)
class AutomaticOrder:
    """What the sweep knows of one subject to supervise."""

    subject_id: int
    label: str
    department_id: int
    reason: str
    responsible_id: int | None
    due_on: dt.date


@transaction.atomic
def open_automatic_orders(
    rows: Sequence[AutomaticOrder],
    *,
    subject_type: ContentType,
    today: dt.date,
    reply_due: dt.date,
) -> list[SupervisionOrder]:
    """Open the orders a sweep found due, as one batch in one transaction: one block of
    numbers, one insert, one audit write, and one message per responsible person naming
    all of their new orders. A subject that has an open order, or an order for the same
    due date, is skipped, including one that a concurrent sweep or a supervisor opened
    meanwhile (re-checked here; an order committed between that check and the insert makes
    the insert skip the row, whose number is then left unused). Returns the orders opened,
    in the order of `rows`."""
    taken = SupervisionOrder.objects.filter(
        subject_type=subject_type, subject_id__in={row.subject_id for row in rows}
    ).filter(Q(state=SupervisionOrder.State.OPEN) | Q(due_on__in={row.due_on for row in rows}))
    open_subjects: set[int] = set()
    ordered: set[tuple[int, dt.date | None]] = set()
    for subject_id, due_on, state in taken.values_list("subject_id", "due_on", "state"):
        ordered.add((subject_id, due_on))
        if state == SupervisionOrder.State.OPEN:
            open_subjects.add(subject_id)
    todo: list[AutomaticOrder] = []
    for row in rows:
        if row.subject_id not in open_subjects and (row.subject_id, row.due_on) not in ordered:
            todo.append(row)
            open_subjects.add(row.subject_id)  # and never twice in one batch
    if not todo:
        return []
    now = timezone.now()
    serials = next_values(f"supervision:{today:%Y%m%d}", len(todo))
    orders = [
        SupervisionOrder(
            number=f"DB{today:%Y%m%d}{serial:04d}",
            subject_type=subject_type,
            subject_id=row.subject_id,
            subject_label=row.label[:200],
            department_id=row.department_id,
            responsible_id=row.responsible_id,
            supervisor=None,
            reason=row.reason.strip(),
            automatic=True,
            reply_due=reply_due,
            due_on=row.due_on,
            opened_at=now,
        )
        for serial, row in zip(serials, todo, strict=True)
    ]
    # A row that an order opened since the check above would duplicate (one open order per
    # subject) is left out rather than failing the batch; what was written is read back.
    SupervisionOrder.objects.bulk_create(orders, ignore_conflicts=True)
    ids = dict(
        SupervisionOrder.objects.filter(number__in=[o.number for o in orders]).values_list(
            "number", "pk"
        )
    )
    opened = [(o, row) for o, row in zip(orders, todo, strict=True) if o.number in ids]
    for order, _row in opened:
        order.pk = ids[order.number]
        order._state.adding = False
    audit.record_many(
        {"code": "cases.supervision_open", "obj": order, "after": {"reason": row.reason}}
        for order, row in opened
    )
    _tell_responsible([o for o, _row in opened], today=today, reply_due=reply_due)
    return [o for o, _row in opened]


def _tell_responsible(
    orders: list[SupervisionOrder], *, today: dt.date, reply_due: dt.date
) -> None:
    """One message (in-app and SMS) per responsible person: the order itself when there is
    one, else a digest. The key names exactly the orders in it, so a retried batch sends
    nothing new."""
    from onewindow.notifications.models import Channel
    from onewindow.notifications.services import notify

    by_user: dict[int, list[SupervisionOrder]] = {}
    for order in orders:
        if order.responsible_id is not None:
            by_user.setdefault(order.responsible_id, []).append(order)
    users = User.objects.in_bulk(list(by_user))
    for user_id, mine in by_user.items():
        user = users.get(user_id)
        if user is None:
            continue
        if len(mine) == 1:
            (order,) = mine
            notify(
                recipient=user,
                template="cases.supervision",
                key=f"cases:supervision:{order.pk}",
                context={
                    "order": order.number,
                    "subject": order.subject_label,
                    "reason": order.reason,
                    "reply_due": f"{reply_due:%Y年%m月%d日}",
                },
                channels=(Channel.IN_APP, Channel.SMS),
                link=f"/cases/supervision/{order.pk}/",
            )
            continue
        numbers = sorted(o.number for o in mine)
        signature = hashlib.sha256(";".join(numbers).encode()).hexdigest()[:20]
        notify(
            recipient=user,
            template="cases.supervision_digest",
            key=f"cases:supervision:{user_id}:{today}:{signature}",
            context={
                "count": len(numbers),
                "orders": "、".join(numbers[:10])
                + (f" 等 {len(numbers)} 张" if len(numbers) > 10 else ""),
                "reply_due": f"{reply_due:%Y年%m月%d日}",
            },
            channels=(Channel.IN_APP, Channel.SMS),
            link="/cases/supervision/",
        )


# The digest of `open_automatic_orders`, registered beside its only sender (the one-order
# message `cases.supervision` is in notices.py with the other cases.* templates).
templates_registry.register(
    "cases.supervision_digest",
    subject="督办提醒：您有 {{ count }} 张新的督办单",
    body="您被列为 {{ count }} 张督办单的责任人：{{ orders }}。所督办的办件已超过承诺办结时限，"
    "请于{{ reply_due }}前逐件反馈办理情况。",
    sms="【{{ county }}政务服务】您有{{ count }}张督办单，请于{{ reply_due }}前反馈。",
)


def _order(order_id: int) -> SupervisionOrder:
    order = SupervisionOrder.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise NotFound("督办单不存在")
    return order


def _add(
    order: SupervisionOrder, kind: str, actor: Any, note: str, **extra: Any
) -> SupervisionEvent:
    if not note.strip():
        raise InvalidInput("请填写内容", field="note")
    event = SupervisionEvent.objects.create(
        order=order, kind=kind, note=note.strip(), actor=actor, **extra
    )
    audit.record(
        code=f"cases.supervision_{kind}", actor=actor, obj=order, after={"note": note[:200]}
    )
    return event


def _open(order: SupervisionOrder) -> None:
    if order.state != SupervisionOrder.State.OPEN:
        raise Conflict("督办单已办结", code="supervision_closed")


@transaction.atomic
def follow_up(*, actor: Any, order_id: int, note: str) -> SupervisionEvent:
    _require_supervisor(actor)
    order = _order(order_id)
    _open(order)
    if order.supervisor_id is None:
        order.supervisor = actor
        order.save(update_fields=["supervisor"])
    return _add(order, SupervisionEvent.Kind.FOLLOW_UP, actor, note)


@transaction.atomic
def reply(*, actor: Any, order_id: int, note: str) -> SupervisionEvent:
    order = _order(order_id)
    _open(order)
    scope = scope_of(actor)
    if actor.pk != order.responsible_id and not (
        scope.has_role(Role.DEPT_ADMIN) and order.department_id in scope.department_ids
    ):
        raise PermissionDenied("只有责任人或责任部门管理员可以反馈督办")
    return _add(order, SupervisionEvent.Kind.REPLY, actor, note)


@transaction.atomic
def talk(
    *, actor: Any, order_id: int, note: str, participants: str, talk_on: dt.date | None = None
) -> SupervisionEvent:
    """Record a talk (约谈) with the person responsible: when, who took part, what was said."""
    _require_supervisor(actor)
    order = _order(order_id)
    _open(order)
    if not participants.strip():
        raise InvalidInput("请填写约谈参加人", field="participants")
    talk_on = talk_on or timezone.localdate()
    if talk_on > timezone.localdate():
        raise InvalidInput("约谈日期不能晚于今天：请在约谈后记录", field="talk_on")
    return _add(
        order,
        SupervisionEvent.Kind.TALK,
        actor,
        note,
        participants=participants.strip()[:200],
        talk_on=talk_on,
    )


@transaction.atomic
def close(*, actor: Any, order_id: int, conclusion: str) -> SupervisionOrder:
    _require_supervisor(actor)
    order = _order(order_id)
    _open(order)
    if not conclusion.strip():
        raise InvalidInput("请填写督办结论", field="conclusion")
    if not resolved(order):
        raise Conflict("督办事项尚未办结，不能关闭督办单：请等待办件作出决定", code="unresolved")
    _add(order, SupervisionEvent.Kind.CLOSE, actor, conclusion)
    order.state = SupervisionOrder.State.CLOSED
    order.closed_at = timezone.now()
    order.conclusion = conclusion.strip()
    order.save(update_fields=["state", "closed_at", "conclusion"])
    return order
