"""The legal clock of a case (行政许可法第四十二、四十五、八十二条).

From the acceptance date: due = the (limit + extension + days not counted)-th day after it,
in working days (or natural days where the item's limit is in natural days). Special
procedures pause the clock; their days are added back when they end. Every change calls
`recompute`, which stores both due dates on the case.
"""

from __future__ import annotations

import datetime as dt

from onewindow.core.workdays import Calendar

from .models import Case, CaseState

ART42_EXTENSION = 10  # single body
ART42_EXTENSION_JOINT = 15  # joint / centralised handling


def _due(cal: Calendar, start: dt.date, days: int, unit: str) -> dt.date:
    if unit == "natural":
        return start + dt.timedelta(days=days)
    return cal.add_working_days(start, days)


def recompute(case: Case, cal: Calendar) -> None:
    if case.accepted_on is None:
        case.statutory_due = case.promised_due = None
        return
    for prefix in ("statutory", "promised"):
        limit = getattr(case, f"{prefix}_limit")
        unit = getattr(case, f"{prefix}_unit")
        suspended = (
            case.suspended_natural_days if unit == "natural" else case.suspended_working_days
        )
        setattr(
            case,
            f"{prefix}_due",
            _due(cal, case.accepted_on, limit + case.extension_days + suspended, unit),
        )


def start(case: Case, cal: Calendar, *, on: dt.date, version: object) -> None:
    """Start the clock on acceptance from the limits of the version in force."""
    case.accepted_on = on
    case.statutory_limit = version.statutory_limit  # type: ignore[attr-defined]
    case.statutory_unit = version.statutory_unit  # type: ignore[attr-defined]
    case.promised_limit = version.promised_limit  # type: ignore[attr-defined]
    case.promised_unit = version.promised_unit  # type: ignore[attr-defined]
    case.extension_days = 0
    case.suspended_working_days = case.suspended_natural_days = 0
    recompute(case, cal)


def pause(case: Case, *, on: dt.date) -> None:
    case.paused_on = on


def resume(case: Case, cal: Calendar, *, on: dt.date) -> tuple[int, int]:
    """End a pause; returns (working, natural) days not counted."""
    assert case.paused_on is not None
    working = max(cal.working_days_between(case.paused_on, on), 0)
    natural = max((on - case.paused_on).days, 0)
    case.suspended_working_days += working
    case.suspended_natural_days += natural
    case.paused_on = None
    recompute(case, cal)
    return working, natural


def allowed_extension(case: Case) -> int:
    joint = case.version.joint_departments.exists()
    return (ART42_EXTENSION_JOINT if joint else ART42_EXTENSION) - case.extension_days


def remaining(case: Case, cal: Calendar, today: dt.date) -> int | None:
    """Working days left to the promised due date (negative: overdue by that many); frozen
    at the pause date while paused; None before acceptance or after the decision."""
    if case.promised_due is None or case.state not in (
        CaseState.ACCEPTED,
        CaseState.REVIEWING,
        CaseState.SPECIAL,
    ):
        return None
    reference = case.paused_on or today
    if case.promised_unit == "natural":
        return (case.promised_due - reference).days
    if case.promised_due < reference:
        # Past due, even on a weekend right after a Friday due date: at least 1 day over.
        return -max(1, cal.working_days_between(case.promised_due, reference))
    return cal.working_days_between(reference, case.promised_due)


def describe(days: int | None, *, unit: str = "working", paused: bool = False) -> str:
    """The clock in plain words for lists and pages."""
    if days is None:
        return ""
    prefix = "已暂停计时，" if paused else ""
    word = "自然日" if unit == "natural" else "工作日"
    if days > 0:
        return f"{prefix}还剩 {days} 个{word}"
    if days == 0:
        return f"{prefix}今天到期"
    return f"{prefix}已超期 {-days} 个{word}"
