"""Queries over cases: inboxes (per staff member and per department), counts for the
workbench, the applicant's own cases, one case with everything on it.

Every list is ordered by time left: the promised due date for accepted cases, the Art. 32
acceptance deadline for cases still waiting to be accepted. Rows carry `remaining` (working
days) and `clock` (the same in words) computed for the page only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from onewindow.core.errors import NotFound, PermissionDenied
from onewindow.core.permissions import Role, Scope, scope_of
from onewindow.core.workdays import Calendar

from . import clock, lifecycle
from .models import (
    BEFORE_ACCEPTANCE,
    FINISHED,
    RUNNING_QUEUES,
    Case,
    CaseNotice,
    CaseState,
    ClockPolicy,
    SupervisionOrder,
)

S = CaseState


@dataclass(frozen=True)
class Box:
    code: str
    label: str
    roles: tuple[str, ...]


BOXES: dict[str, Box] = {
    b.code: b
    for b in [
        Box("to_accept", "待受理", (Role.WINDOW_CLERK, Role.HALL_ADMIN)),
        Box("correction", "待补正", (Role.WINDOW_CLERK, Role.HALL_ADMIN)),
        Box("to_review", "待审查", (Role.APPROVER, Role.DEPT_ADMIN)),
        Box("to_decide", "待决定", (Role.APPROVER, Role.DEPT_ADMIN)),
        Box("special", "特别程序中", (Role.APPROVER, Role.DEPT_ADMIN)),
        Box("to_deliver", "待出件", (Role.WINDOW_CLERK, Role.HALL_ADMIN)),
        Box(
            "warnings",
            "临期",
            (Role.APPROVER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.COUNTY_LEADER),
        ),
        Box(
            "overdue", "超期", (Role.APPROVER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.COUNTY_LEADER)
        ),
    ]
}


def boxes_for(user: Any) -> list[Box]:
    scope = scope_of(user)
    return [b for b in BOXES.values() if scope.has_role(*b.roles)]


def _reach(scope: Scope, box: Box) -> Q:
    """Which cases of a box this user sees: halls for window boxes, departments for the
    back office, everything for county-wide roles."""
    if scope.county_wide and scope.has_role(Role.SUPERVISOR, Role.COUNTY_LEADER):
        return Q()
    q = Q(pk__in=[])
    hall_roles = {Role.WINDOW_CLERK, Role.HALL_ADMIN}
    if scope.has_role(*hall_roles) and hall_roles & set(box.roles):
        q |= _one_or_in("hall_id", scope.hall_ids)
    if scope.has_role(Role.APPROVER, Role.DEPT_ADMIN) and {Role.APPROVER, Role.DEPT_ADMIN} & set(
        box.roles
    ):
        q |= _one_or_in("current_department_id", scope.department_ids)
    return q


def _one_or_in(column: str, ids: Any) -> Q:
    """`column = id` for the usual single hall or department (an index walk in due-date
    order), `column IN (…)` otherwise."""
    ids = list(ids)
    return Q(**{column: ids[0]}) if len(ids) == 1 else Q(**{f"{column}__in": ids})


def _box_filter(code: str, today: dt.date) -> Q:
    """Each box's condition: the case's stored queue (`Case.queue`, kept by `save()`), and
    for the time-based boxes the due date over the queues whose clock is running."""
    if code in ("to_accept", "correction", "to_review", "to_decide", "special", "to_deliver"):
        return Q(queue=code)
    if code == "warnings":
        # `near_due` is the due date the near sweep warned for, set only on running clocks
        # and cleared by `Case.save` when the due date moves or the clock stops: still
        # ahead means near now. Read through the (department, near_due) index in order.
        return Q(near_due__gte=today)
    if code == "overdue":
        return Q(queue__in=RUNNING_QUEUES, paused_on__isnull=True, promised_due__lt=today)
    raise NotFound(f"没有“{code}”这个收件箱，可选：{'、'.join(BOXES)}")


def inbox(
    user: Any, code: str, *, mine: bool = False, today: dt.date | None = None
) -> QuerySet[Case]:
    """One box for this user, ordered by time left. `mine` keeps only the cases the user
    is handling (personal inbox); otherwise the whole department's or hall's."""
    today = today or timezone.localdate()
    box = BOXES.get(code)
    if box is None:
        raise NotFound(f"没有“{code}”这个收件箱，可选：{'、'.join(BOXES)}")
    scope = scope_of(user)
    if not scope.has_role(*box.roles):
        raise PermissionDenied(f"“{box.label}”收件箱不对您的岗位开放")
    qs = Case.objects.filter(_box_filter(code, today)).filter(_reach(scope, box))
    if mine:
        qs = qs.filter(handler=user)
    if code in ("to_accept", "correction"):
        order = ["received_on", "pk"]
    elif code == "to_deliver":
        order = ["decided_at", "pk"]
    elif code == "warnings":
        order = ["near_due", "pk"]  # equal to promised_due in this box
    else:
        order = ["promised_due", "pk"]
    return (
        qs.select_related("department", "current_department", "handler")
        .defer("form_data")
        .order_by(*order)
    )


COUNT_CAP = 1000  # badges show "1000+": counting a whole county's backlog exactly is wasted work


def capped_count(qs: QuerySet[Case], cap: int = COUNT_CAP) -> int:
    """The number of rows, or `cap` when there are at least that many (pages show "1000+")."""
    return qs.order_by().values("pk")[:cap].count()


def counts(user: Any, *, today: dt.date | None = None) -> dict[str, int]:
    """Box sizes for the workbench, each capped at COUNT_CAP."""
    today = today or timezone.localdate()
    return {b.code: capped_count(inbox(user, b.code, today=today)) for b in boxes_for(user)}


def with_clock(
    rows: Any, *, today: dt.date | None = None, cal: Calendar | None = None
) -> list[Case]:
    """Attach `remaining`, `clock` and `acceptance_due` to each case of a page."""
    today = today or timezone.localdate()
    cal = cal or Calendar()
    policy = ClockPolicy.current()
    out = []
    for case in rows:
        case.remaining = clock.remaining(case, cal, today)
        case.clock = clock.describe(
            case.remaining, unit=case.promised_unit, paused=case.state == S.SPECIAL
        )
        case.acceptance_due = (
            cal.add_working_days(case.received_on, policy.correction_days)
            if case.state in BEFORE_ACCEPTANCE and case.received_on
            else None
        )
        case.level = (
            "overdue"
            if case.remaining is not None and case.remaining < 0
            else "near"
            if case.remaining is not None
            and case.remaining <= policy.near_threshold(case.promised_limit)
            else ""
        )
        out.append(case)
    return out


# What an inbox row shows (`schemas.CaseRowOut`), read as plain values: a page of 50 rows
# builds no model instances.
ROW_FIELDS = (
    "id",
    "number",
    "item_name",
    "applicant_name",
    "state",
    "channel",
    "department__short_name",
    "current_department__short_name",
    "handler__name",
    "created_at",
    "received_on",
    "accepted_on",
    "promised_due",
    "statutory_due",
    "promised_limit",
    "promised_unit",
    "paused_on",
)
_STATE_LABELS = dict(CaseState.choices)


def row_dicts(
    qs: QuerySet[Case], start: int, stop: int, *, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Rows `start:stop` of an inbox query as `CaseRowOut` dicts, clocks included."""
    values = list(qs.values(*ROW_FIELDS)[start:stop])
    rows: list[Any] = with_clock([SimpleNamespace(**v) for v in values], today=today)
    return [
        {
            "id": r.id,
            "number": r.number,
            "item_name": r.item_name,
            "applicant_name": r.applicant_name,
            "state": r.state,
            "state_label": str(_STATE_LABELS.get(r.state, r.state)),
            "channel": r.channel,
            "department": r.department__short_name,
            "current_department": r.current_department__short_name,
            "handler": r.handler__name,
            "created_at": r.created_at,
            "received_on": r.received_on,
            "accepted_on": r.accepted_on,
            "promised_due": r.promised_due,
            "statutory_due": r.statutory_due,
            "remaining": r.remaining,
            "clock": r.clock,
            "paused": r.paused_on is not None,
            "acceptance_due": r.acceptance_due,
            "level": r.level,
        }
        for r in rows
    ]


def visible_cases(user: Any) -> QuerySet[Case]:
    """Every case this user may look at: staff by hall, department (any step's department
    counts through `current_department` and the owning `department`) or county reach; the
    public their own and their enterprises'."""
    scope = scope_of(user)
    if scope.is_staff:
        if scope.county_wide:
            return Case.objects.all()
        return Case.objects.filter(
            Q(hall_id__in=scope.hall_ids)
            | Q(receiving_hall_id__in=scope.hall_ids)
            | Q(department_id__in=scope.department_ids)
            | Q(current_department_id__in=scope.department_ids)
        )
    if scope.user_id is None:
        return Case.objects.none()
    return Case.objects.filter(_own(scope))


def _own(scope: Scope) -> Q:
    """Cases a member of the public applied for, acted as agent on, or their enterprises'."""
    return (
        Q(applicant_id=scope.user_id)
        | Q(agent_id=scope.user_id)
        | Q(enterprise_id__in=scope.enterprise_ids)
    )


def case_detail(user: Any, case_id: int) -> Case:
    case = (
        visible_cases(user)
        .select_related("item", "version", "department", "current_department", "hall", "handler")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("办件不存在或您无权查看")
    return with_clock([case])[0]


def my_cases(user: Any) -> QuerySet[Case]:
    scope = scope_of(user)
    if scope.user_id is None:
        return Case.objects.none()
    return (
        Case.objects.filter(_own(scope)).select_related("department").order_by("-created_at", "-pk")
    )


def actions_for(case: Case, user: Any) -> list[dict[str, Any]]:
    return [
        {"action": t.action, "label": t.label, "requires": list(t.requires)}
        for t in lifecycle.available_actions(case, user)
    ]


def supervision_orders(user: Any, *, state: str | None = None) -> QuerySet[SupervisionOrder]:
    scope = scope_of(user)
    qs = SupervisionOrder.objects.select_related("department", "responsible", "supervisor")
    if not (scope.county_wide and scope.is_staff):
        qs = qs.filter(Q(department_id__in=scope.department_ids) | Q(responsible_id=scope.user_id))
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("state", "-opened_at")


def open_case_count() -> int:
    return Case.objects.exclude(state__in=(*FINISHED, S.DRAFT)).count()


def notice_for(user: Any, case_id: int, notice_id: int) -> CaseNotice:
    """A notice on a case this user may see (404 otherwise, without saying which)."""
    notice = (
        CaseNotice.objects.select_related("case__department")
        .filter(pk=notice_id, case_id=case_id, case__in=visible_cases(user).values("pk"))
        .first()
    )
    if notice is None:
        raise NotFound("文书不存在或您无权查看")
    return notice


def notice_by_code(code: str) -> CaseNotice:
    """The notice a verification code printed on paper stands for; anyone may ask."""
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    notice = (
        CaseNotice.objects.select_related("case__department").filter(verify_code=code).first()
        if code
        else None
    )
    if notice is None:
        raise NotFound(
            "没有查到这份文书：请核对核验码（12 位，不含数字 0、1 和字母 O、I、L）。"
            "查不到的文书不是本平台出具的，请向出具机关核实。"
        )
    return notice
