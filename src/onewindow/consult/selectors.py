"""Queries over consultations, scoped to what the user may see.

Who sees what: county-wide staff (supervisors, county leaders, hotline agents, system
administrators) every consultation; hall staff (window clerks, hall admins, helpers) their
hall's, including ones referred to a window of their hall; department staff (approvers,
department admins) the ones referred to their department; and everyone the ones they are
responsible for or that were referred to them by name. The public sees none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from onewindow.core.errors import InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Scope, scope_of
from onewindow.identity import crypto
from onewindow.identity.models import User

from . import services
from .models import Consultation
from .phones import looks_like_phone, normalise_phone
from .states import PENDING, State

# The list's state filter: a state, or every consultation still waiting for an answer.
STATE_FILTERS: dict[str, str] = {
    "pending": "未办结",
    State.REFERRED.value: State.REFERRED.label,
    State.FOLLOW_UP.value: State.FOLLOW_UP.label,
    State.CLOSED.value: State.CLOSED.label,
}


def require_staff(user: Any) -> Scope:
    scope = scope_of(user)
    if not scope.is_staff or scope.user_id is None:
        raise PermissionDenied("咨询登记只对工作人员开放")
    return scope


def visible(user: Any) -> QuerySet[Consultation]:
    """Every consultation this user may look at (see the module docstring)."""
    scope = scope_of(user)
    if not scope.is_staff or scope.user_id is None:
        return Consultation.objects.none()
    if scope.county_wide:
        return Consultation.objects.all()
    q = Q(responsible_id=scope.user_id) | Q(referred_to_id=scope.user_id)
    if scope.hall_ids:
        q |= Q(hall_id__in=scope.hall_ids) | Q(referred_window__hall_id__in=scope.hall_ids)
    if scope.department_ids:
        q |= Q(referred_department_id__in=scope.department_ids)
    return Consultation.objects.filter(q)


@dataclass(frozen=True)
class Filters:
    state: str = ""  # a key of STATE_FILTERS, or "" for all
    since: dt.date | None = None  # asked on or after
    until: dt.date | None = None  # asked on or before
    responsible_id: int | None = None
    q: str = ""
    overdue: bool = False


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _search(text: str) -> Q:
    """A phone number is matched exactly by its keyed digest (it is stored encrypted);
    anything else as part of the number, the asker's name, the question or the answer."""
    text = text.strip()
    if looks_like_phone(text):
        return Q(asker_phone_digest=crypto.lookup_digest("phone", normalise_phone(text)))
    return (
        Q(number__icontains=text)
        | Q(asker_name__icontains=text)
        | Q(question__icontains=text)
        | Q(result__icontains=text)
    )


def overdue_q(today: dt.date) -> Q:
    """Referred or deferred and still not closed after the follow-up deadline."""
    return Q(state__in=PENDING, follow_up_due__lt=today)


def consultations(
    user: Any, filters: Filters | None = None, *, today: dt.date | None = None
) -> QuerySet[Consultation]:
    """The list: newest first, filtered. Refuses a filter it does not know (422)."""
    require_staff(user)
    filters = filters or Filters()
    qs = visible(user)
    if filters.state:
        if filters.state not in STATE_FILTERS:
            choices = "、".join(f"{k} {v}" for k, v in STATE_FILTERS.items())
            raise InvalidInput(f"状态“{filters.state}”无效，可选：{choices}", field="state")
        if filters.state == "pending":
            qs = qs.filter(state__in=PENDING)
        else:
            qs = qs.filter(state=filters.state)
    if filters.since and filters.until and filters.since > filters.until:
        raise InvalidInput("起始日期晚于截止日期：请重新选择日期范围", field="since")
    if filters.since:
        qs = qs.filter(asked_at__gte=_start_of(filters.since))
    if filters.until:
        qs = qs.filter(asked_at__lt=_start_of(filters.until + dt.timedelta(days=1)))
    if filters.responsible_id is not None:
        qs = qs.filter(responsible_id=filters.responsible_id)
    if filters.q.strip():
        qs = qs.filter(_search(filters.q))
    if filters.overdue:
        qs = qs.filter(overdue_q(today or timezone.localdate()))
    return qs.select_related(
        "hall", "window", "responsible", "referred_department", "referred_to"
    ).order_by("-asked_at", "-id")


def overdue(user: Any, *, today: dt.date | None = None) -> QuerySet[Consultation]:
    """Referred or follow-up consultations still open after their follow-up deadline
    (`CONSULT_FOLLOW_UP_DAYS` working days), the longest-waiting first."""
    return consultations(user, Filters(overdue=True), today=today).order_by(
        "follow_up_due", "asked_at", "id"
    )


def consultation_detail(user: Any, consultation_id: int) -> Consultation:
    require_staff(user)
    consultation = (
        visible(user)
        .select_related(
            "hall",
            "window",
            "responsible",
            "item",
            "referred_department",
            "referred_window",
            "referred_to",
            "closed_by",
        )
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        raise NotFound("咨询登记不存在或您无权查看")
    return consultation


def follow_ups(consultation: Consultation) -> Any:
    return consultation.follow_ups.select_related("actor").order_by("created_at", "id")


# Actions offered on a stored consultation (answer and defer are taken only when logging).
LATER_ACTIONS = ("refer", "follow_up", "close")


def actions_for(consultation: Consultation, user: Any) -> list[str]:
    """What this user may do to the consultation now."""
    return [a for a in LATER_ACTIONS if services.may(consultation, user, a)]


def may_reveal_phone(consultation: Consultation, user: Any) -> bool:
    return bool(consultation.asker_phone_enc) and any(
        services.plays(role, consultation, user) for role in services.PHONE_ROLES
    )


def responsible_people(user: Any) -> QuerySet[User]:
    """The staff responsible for consultations this user sees (the list's person filter)."""
    ids = visible(user).values("responsible_id")
    return User.objects.filter(pk__in=ids).order_by("name")


def summary(user: Any, *, today: dt.date | None = None) -> dict[str, int]:
    """Counts for the workbench: waiting for an answer, overdue, and the user's own."""
    today = today or timezone.localdate()
    me = user.pk
    row = (
        visible(user)
        .filter(state__in=PENDING)
        .aggregate(
            pending=Count("pk"),
            overdue=Count("pk", filter=Q(follow_up_due__lt=today)),
            mine=Count("pk", filter=Q(responsible_id=me) | Q(referred_to_id=me)),
        )
    )
    return {key: row[key] or 0 for key in ("pending", "overdue", "mine")}


def referable_staff(department_id: int) -> QuerySet[User]:
    """Active staff of a department, to refer a consultation to by name."""
    return User.objects.filter(
        kind=User.Kind.STAFF, is_active=True, department_id=department_id
    ).order_by("name")
