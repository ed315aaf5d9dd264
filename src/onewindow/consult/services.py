"""Consultation services: log a question, refer it, follow it up, close it.

Each service checks first — the actor's role, the consultation's state against the table in
`states.py`, the input — and then writes, all in one transaction with its audit event, so
a refusal leaves nothing behind (not even a used serial number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from onewindow.cases.numbering import next_value
from onewindow.catalog.models import Item
from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.workdays import Calendar
from onewindow.identity.models import User
from onewindow.notifications import templates_registry
from onewindow.org.models import Department, Window

from .models import Consultation, FollowUp
from .phones import normalise_phone, phone_error
from .states import (
    HALL_ADMIN,
    OUTCOME_ACTION,
    REFEREE,
    RESPONSIBLE,
    ROLE_LABELS,
    TRANSITIONS,
    AskerKind,
    Channel,
    Outcome,
    State,
    allowed_from,
)

# Who may log a consultation: the staff who meet people in a hall.
LOGGING_ROLES = (Role.WINDOW_CLERK, Role.HALL_ADMIN, Role.HELPER)
TEXT_MAX = 2000
NAME_MAX = 60
# A consultation may be logged a little after it was asked, never before.
CLOCK_SKEW = dt.timedelta(minutes=5)

templates_registry.register(
    "consult.referred",
    subject="咨询转办：{{ number }}",
    body="{{ responsible }}（{{ hall }}）将一条群众咨询转办给您：{{ question }}"
    "{% if note %}。转办说明：{{ note }}{% endif %}。请于{{ due }}前答复咨询人，"
    "并在咨询登记中记录跟进情况。",
)


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------
def plays(role: str, consultation: Consultation, actor: Any) -> bool:
    """Whether `actor` holds a pseudo-role of the table (`states.py`) on this consultation."""
    scope = scope_of(actor)
    if not scope.is_staff:
        return False
    if role == RESPONSIBLE:
        return bool(actor.pk == consultation.responsible_id)
    if role == HALL_ADMIN:
        return scope.has_role(Role.HALL_ADMIN) and consultation.hall_id in scope.hall_ids
    if role == REFEREE:
        if actor.pk == consultation.referred_to_id:
            return True
        if consultation.referred_department_id in scope.department_ids:
            return True
        window = consultation.referred_window
        return window is not None and window.hall_id in scope.hall_ids
    return False


def may(consultation: Consultation, actor: Any, action: str) -> bool:
    """Whether `actor` may take `action` now: the state allows it and they hold a role."""
    transition = TRANSITIONS[action]
    return consultation.state in transition.sources and any(
        plays(role, consultation, actor) for role in transition.roles
    )


def _check(consultation: Consultation, action: str, actor: Any) -> None:
    """Refuse an action the state does not allow (409, naming the state) or the actor may
    not take (403). `actor=None` is the platform itself."""
    transition = TRANSITIONS[action]
    if consultation.state not in transition.sources:
        state = State(consultation.state)
        raise Conflict(
            f"咨询 {consultation.number} 当前状态为“{state.label}”，不能{transition.label}："
            f"只有{allowed_from(action)}的咨询可以{transition.label}",
            code="illegal_state",
            state=state.value,
        )
    if actor is not None and not any(plays(r, consultation, actor) for r in transition.roles):
        who = "、".join(ROLE_LABELS[r] for r in transition.roles)
        raise PermissionDenied(f"只有{who}可以{transition.label}这条咨询")


def require_logger(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录再登记咨询")
    if not scope_of(actor).has_role(*LOGGING_ROLES):
        raise PermissionDenied("只有窗口人员、大厅管理员和帮办代办员可以登记咨询")
    if actor.hall_id is None:
        raise PermissionDenied(
            "您的账户没有所在大厅，不能登记咨询：请系统管理员在账户中设置所在大厅"
        )


def _text(value: str | None, *, field: str, missing: str, label: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(missing, field=field)
    if len(text) > limit:
        raise InvalidInput(f"{label}不能超过 {limit} 个字（现有 {len(text)} 个）", field=field)
    return text


def _optional_text(value: str | None, *, field: str, label: str) -> str:
    text = (value or "").strip()
    if len(text) > TEXT_MAX:
        raise InvalidInput(f"{label}不能超过 {TEXT_MAX} 个字（现有 {len(text)} 个）", field=field)
    return text


def _lock(consultation_id: int) -> Consultation:
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    consultation = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFound(f"咨询登记 {consultation_id} 不存在")
    return consultation


def follow_up_due(asked_at: dt.datetime, calendar: Calendar | None = None) -> dt.date:
    """The last day to answer a referred or deferred consultation: the N-th working day
    (`CONSULT_FOLLOW_UP_DAYS`) after the day it counts from — the day it was asked, or the
    next working day when it was asked after office hours or on a day off."""
    calendar = calendar or Calendar()
    return calendar.add_working_days(
        calendar.receipt_date(asked_at), settings.CONSULT_FOLLOW_UP_DAYS
    )


def _state_summary(c: Consultation) -> dict[str, Any]:
    return audit.snapshot(
        c,
        [
            "state",
            "referred_department",
            "referred_window",
            "referred_to",
            "follow_up_due",
            "asker_informed",
            "closed_at",
        ],
    )


# --------------------------------------------------------------------------------------------
# Referral targets
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    department: Department | None
    window: Window | None
    staff: User | None

    def describe(self) -> str:
        parts = []
        if self.department is not None:
            parts.append(self.department.name)
        if self.window is not None:
            parts.append(f"{self.window.number} {self.window.name}")
        if self.staff is not None:
            parts.append(self.staff.name)
        return " · ".join(parts)


def _target(
    actor: Any,
    *,
    to_department_id: int | None,
    to_window_id: int | None,
    to_staff_id: int | None,
) -> Target:
    if to_department_id is None and to_window_id is None and to_staff_id is None:
        raise InvalidInput("转办须指定转办部门、窗口或人员（至少一项）", field="to_department_id")
    department = window = staff = None
    if to_department_id is not None:
        department = Department.objects.filter(pk=to_department_id).first()
        if department is None:
            raise NotFound(
                f"转办部门不存在（ID {to_department_id}）：请从部门列表中选择",
                field="to_department_id",
            )
        if not department.is_active:
            raise InvalidInput(f"{department.name}已停用，不能转办", field="to_department_id")
    if to_window_id is not None:
        window = Window.objects.select_related("hall").filter(pk=to_window_id).first()
        if window is None:
            raise NotFound(
                f"转办窗口不存在（ID {to_window_id}）：请从窗口列表中选择", field="to_window_id"
            )
        if not window.is_active:
            raise InvalidInput(f"{window}已停用，不能转办", field="to_window_id")
    if to_staff_id is not None:
        staff = (
            User.objects.select_related("department")
            .filter(pk=to_staff_id, kind=User.Kind.STAFF)
            .first()
        )
        if staff is None:
            raise NotFound(f"转办人员不存在或不是工作人员（ID {to_staff_id}）", field="to_staff_id")
        if not staff.is_active:
            raise InvalidInput(f"{staff.name}的账户已停用，不能转办", field="to_staff_id")
        if actor is not None and staff.pk == actor.pk:
            raise InvalidInput(
                "不能转办给自己：需要自己查询后答复的，请选择“需跟进”", field="to_staff_id"
            )
        if department is not None and staff.department_id != department.pk:
            raise InvalidInput(
                f"{staff.name}不在{department.name}：请重新选择转办人员，或只选部门",
                field="to_staff_id",
            )
        if department is None:
            department = staff.department
    return Target(department, window, staff)


# --------------------------------------------------------------------------------------------
# Transitions (each runs inside the caller's transaction, on a locked or new row)
# --------------------------------------------------------------------------------------------
def _answer(c: Consultation, actor: Any, answer: str) -> None:
    _check(c, "answer", actor)
    before = _state_summary(c)
    c.state = State.CLOSED
    c.result = answer
    c.asker_informed = True
    c.closed_at = timezone.now()
    c.closed_by = actor
    c.save(
        update_fields=["state", "result", "asker_informed", "closed_at", "closed_by", "updated_at"]
    )
    audit.record(
        code="consult.consultation.answered",
        actor=actor,
        obj=c,
        before=before,
        after=_state_summary(c),
    )


def _defer(c: Consultation, actor: Any, note: str) -> None:
    _check(c, "defer", actor)
    before = _state_summary(c)
    c.state = State.FOLLOW_UP
    c.follow_up_due = c.follow_up_due or follow_up_due(c.asked_at)
    c.save(update_fields=["state", "follow_up_due", "updated_at"])
    if note:
        FollowUp.objects.create(consultation=c, kind=FollowUp.Kind.NOTE, note=note, actor=actor)
    audit.record(
        code="consult.consultation.deferred",
        actor=actor,
        obj=c,
        before=before,
        after=_state_summary(c),
    )


def _refer(c: Consultation, actor: Any, target: Target, note: str) -> FollowUp:
    _check(c, "refer", actor)
    before = _state_summary(c)
    c.state = State.REFERRED
    c.referred_department = target.department
    c.referred_window = target.window
    c.referred_to = target.staff
    c.referral_note = note
    c.referred_at = timezone.now()
    # The clock runs from when the question was asked: passing it on does not restart it.
    c.follow_up_due = c.follow_up_due or follow_up_due(c.asked_at)
    c.save(
        update_fields=[
            "state",
            "referred_department",
            "referred_window",
            "referred_to",
            "referral_note",
            "referred_at",
            "follow_up_due",
            "updated_at",
        ]
    )
    text = f"转办至 {target.describe()}" + (f"。转办说明：{note}" if note else "")
    record = FollowUp.objects.create(
        consultation=c, kind=FollowUp.Kind.REFER, note=text, actor=actor
    )
    audit.record(
        code="consult.consultation.referred",
        actor=actor,
        obj=c,
        before=before,
        after={**_state_summary(c), "note": note[:200]},
    )
    if target.staff is not None:
        _tell_referee(c, target.staff, record, note)
    return record


def _tell_referee(c: Consultation, staff: User, record: FollowUp, note: str) -> None:
    from onewindow.notifications.services import notify

    responsible = c.responsible
    notify(
        recipient=staff,
        template="consult.referred",
        key=f"consult:referred:{c.pk}:{record.pk}",
        context={
            "number": c.number,
            "responsible": responsible.name,
            "hall": c.hall.name,
            "question": c.question[:200],
            "note": note[:200],
            "due": f"{c.follow_up_due:%Y年%m月%d日}" if c.follow_up_due else "尽快",
        },
        link=f"/window/consultations/{c.pk}/",
    )


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------
@transaction.atomic
def consultation_log(
    *,
    actor: Any,
    question: str,
    asker_name: str,
    outcome: str,
    asker_kind: str = AskerKind.PERSON,
    channel: str = Channel.ONSITE,
    asker_phone: str = "",
    window_id: int | None = None,
    item_id: int | None = None,
    asked_at: dt.datetime | None = None,
    answer: str = "",
    to_department_id: int | None = None,
    to_window_id: int | None = None,
    to_staff_id: int | None = None,
    note: str = "",
) -> Consultation:
    """Log a question asked at the actor's hall, with what the first-asked staff member did:
    answered it on the spot (`answer` required), referred it (`to_department_id`,
    `to_window_id` and/or `to_staff_id`; `note` optional) or will follow it up (`note`
    optional). The actor becomes the responsible person (首问责任人)."""
    require_logger(actor)
    if outcome not in Outcome.values:
        choices = "、".join(f"{o.value} {o.label}" for o in Outcome)
        raise InvalidInput(f"处理方式“{outcome}”无效，可选：{choices}", field="outcome")
    if asker_kind not in AskerKind.values:
        choices = "、".join(f"{k.value} {k.label}" for k in AskerKind)
        raise InvalidInput(f"咨询人类型“{asker_kind}”无效，可选：{choices}", field="asker_kind")
    if channel not in Channel.values:
        choices = "、".join(f"{c.value} {c.label}" for c in Channel)
        raise InvalidInput(f"咨询渠道“{channel}”无效，可选：{choices}", field="channel")
    name = _text(
        asker_name,
        field="asker_name",
        missing="请填写咨询人姓名（不愿留全名的可填“王先生”“李女士”）",
        label="咨询人姓名",
        limit=NAME_MAX,
    )
    text = _text(
        question, field="question", missing="请填写咨询内容", label="咨询内容", limit=TEXT_MAX
    )
    phone = normalise_phone(asker_phone or "")
    if phone and (error := phone_error(phone)):
        raise InvalidInput(error, field="asker_phone")
    now = timezone.now()
    if asked_at is None:
        asked_at = now
    elif timezone.is_naive(asked_at):
        asked_at = timezone.make_aware(asked_at)
    if asked_at > now + CLOCK_SKEW:
        raise InvalidInput("咨询时间不能晚于现在", field="asked_at")
    window = None
    if window_id is not None:
        window = Window.objects.filter(pk=window_id).first()
        if window is None:
            raise NotFound(f"窗口不存在（ID {window_id}）", field="window_id")
        if window.hall_id != actor.hall_id:
            raise InvalidInput("只能选择您所在大厅的窗口", field="window_id")
    item = None
    if item_id is not None:
        item = Item.objects.filter(pk=item_id).first()
        if item is None:
            raise NotFound(f"事项不存在（ID {item_id}）", field="item_id")
    answer = _optional_text(answer, field="answer", label="答复内容")
    note = _optional_text(note, field="note", label="说明")
    target = None
    referral = {"to_department_id": to_department_id, "to_window_id": to_window_id}
    referral["to_staff_id"] = to_staff_id
    if outcome == Outcome.REFERRED:
        target = _target(actor, **referral)
    else:
        given = next((k for k, v in referral.items() if v is not None), None)
        if given is not None:
            raise InvalidInput(
                f"处理方式为“{Outcome(outcome).label}”时不填写转办对象：要转办请选择“转办”",
                field=given,
            )
    if outcome == Outcome.ANSWERED and not answer:
        raise InvalidInput("当场答复须填写答复内容", field="answer")
    if outcome != Outcome.ANSWERED and answer:
        raise InvalidInput(
            f"处理方式为“{Outcome(outcome).label}”时不填写答复内容：办结时再填写",
            field="answer",
        )

    day = timezone.localdate(asked_at)
    consultation = Consultation(
        number=f"ZX{day:%Y%m%d}{next_value(f'consult:{day:%Y%m%d}'):04d}",
        hall_id=actor.hall_id,
        window=window,
        responsible=actor,
        asked_at=asked_at,
        asker_name=name,
        asker_kind=asker_kind,
        channel=channel,
        question=text,
        item=item,
        outcome=outcome,
        state=State.OPEN,
        created_at=now,
    )
    consultation.set_phone(phone)
    consultation.save()
    audit.record(
        code="consult.consultation.created",
        actor=actor,
        obj=consultation,
        after=audit.snapshot(
            consultation,
            ["number", "hall", "window", "channel", "asker_kind", "item", "outcome", "asked_at"],
        ),
    )
    action = OUTCOME_ACTION[Outcome(outcome)]
    if action == "answer":
        _answer(consultation, actor, answer)
    elif action == "refer":
        assert target is not None
        _refer(consultation, actor, target, note)
    else:
        _defer(consultation, actor, note)
    return consultation


@transaction.atomic
def consultation_refer(
    *,
    actor: Any,
    consultation_id: int,
    to_department_id: int | None = None,
    to_window_id: int | None = None,
    to_staff_id: int | None = None,
    note: str = "",
) -> Consultation:
    """Refer (or refer again) to a department, a window and/or a named staff member. The
    follow-up deadline stays where it was: the asker has been waiting since they asked."""
    consultation = _lock(consultation_id)
    _check(consultation, "refer", actor)
    note = _optional_text(note, field="note", label="转办说明")
    target = _target(
        actor,
        to_department_id=to_department_id,
        to_window_id=to_window_id,
        to_staff_id=to_staff_id,
    )
    _refer(consultation, actor, target, note)
    return consultation


@transaction.atomic
def consultation_follow_up(*, actor: Any, consultation_id: int, note: str) -> FollowUp:
    """Add a follow-up record (what was done, what the department answered, …)."""
    consultation = _lock(consultation_id)
    _check(consultation, "follow_up", actor)
    text = _text(note, field="note", missing="请填写跟进情况", label="跟进情况", limit=TEXT_MAX)
    record = FollowUp.objects.create(
        consultation=consultation, kind=FollowUp.Kind.NOTE, note=text, actor=actor
    )
    consultation.save(update_fields=["updated_at"])
    audit.record(
        code="consult.consultation.followed_up",
        actor=actor,
        obj=consultation,
        after={"follow_up": record.pk, "note": text[:200]},
    )
    return record


@transaction.atomic
def consultation_close(
    *, actor: Any, consultation_id: int, result: str, asker_informed: bool
) -> Consultation:
    """Close with the answer the asker got (or will get) and whether they were told."""
    consultation = _lock(consultation_id)
    _check(consultation, "close", actor)
    text = _text(
        result,
        field="result",
        missing="请填写答复内容：最终给咨询人的答复或办理结果",
        label="答复内容",
        limit=TEXT_MAX,
    )
    before = _state_summary(consultation)
    consultation.state = State.CLOSED
    consultation.result = text
    consultation.asker_informed = bool(asker_informed)
    consultation.closed_at = timezone.now()
    consultation.closed_by = actor
    consultation.save(
        update_fields=["state", "result", "asker_informed", "closed_at", "closed_by", "updated_at"]
    )
    audit.record(
        code="consult.consultation.closed",
        actor=actor,
        obj=consultation,
        before=before,
        after={**_state_summary(consultation), "result": text[:200]},
    )
    return consultation


PHONE_ROLES = (RESPONSIBLE, HALL_ADMIN, REFEREE)


@transaction.atomic
def consultation_reveal_phone(*, actor: Any, consultation_id: int) -> str:
    """The asker's full phone number, to call them back. Only those who answer for the
    consultation may read it, and every reading is audited."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFound(f"咨询登记 {consultation_id} 不存在")
    if not any(plays(role, consultation, actor) for role in PHONE_ROLES):
        who = "、".join(ROLE_LABELS[r] for r in PHONE_ROLES)
        raise PermissionDenied(f"只有{who}可以查看咨询人的完整电话")
    phone = consultation.asker_phone
    if not phone:
        raise NotFound("咨询人没有留联系电话")
    audit.record(code="consult.consultation.phone_revealed", actor=actor, obj=consultation)
    return phone
