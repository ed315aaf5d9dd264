"""The legal clock (issue 4 item 3): due dates in working and natural days, pauses for
special procedures, remaining time, the receipt-date rule and the 2025/2026 holidays."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from onewindow.cases import clock, services
from onewindow.cases.models import Case, CaseState
from onewindow.catalog import services as catalog
from onewindow.core.workdays import Calendar

from .conftest import FORM, SHANGHAI, at

D = dt.date
DB_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PURE_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Dates whose clocks (up to ~90 working days) stay inside the years chinese-calendar knows.
dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 6, 30))
moments = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 6, 30, 23, 59)
).map(lambda m: m.replace(tzinfo=SHANGHAI, second=0, microsecond=0))


def clock_case(
    *,
    accepted_on: dt.date,
    promised: int,
    statutory: int,
    promised_unit: str = "working",
    statutory_unit: str = "working",
) -> Case:
    """An unsaved case whose clock was started on `accepted_on` (the clock is pure)."""
    case = Case(state=CaseState.ACCEPTED)
    version = SimpleNamespace(
        statutory_limit=statutory,
        statutory_unit=statutory_unit,
        promised_limit=promised,
        promised_unit=promised_unit,
    )
    clock.start(case, Calendar(), on=accepted_on, version=version)
    return case


@pytest.fixture
def cal(db):
    return Calendar()


# ---------------------------------------------------------------------------------------------
# Properties of the pure clock
# ---------------------------------------------------------------------------------------------
@PURE_SETTINGS
@given(
    moment=moments,
    promised=st.integers(0, 30),
    statutory=st.integers(0, 45),
    extension=st.integers(0, 15),
    suspended=st.integers(0, 20),
)
def test_due_dates_count_exactly_the_working_days(
    cal, moment, promised, statutory, extension, suspended
):
    accepted_on = cal.receipt_date(moment)
    case = clock_case(accepted_on=accepted_on, promised=promised, statutory=statutory)
    case.extension_days = extension
    case.suspended_working_days = suspended
    clock.recompute(case, cal)
    assert cal.is_working_day(accepted_on)
    for limit, due in ((promised, case.promised_due), (statutory, case.statutory_due)):
        assert due is not None
        assert cal.is_working_day(due)
        assert cal.working_days_between(accepted_on, due) == limit + extension + suspended
        # The due date is the first day on which that many working days have passed.
        if limit + extension + suspended:
            assert cal.working_days_between(accepted_on, due - dt.timedelta(days=1)) < (
                limit + extension + suspended
            )


@PURE_SETTINGS
@given(moment=moments)
def test_receipt_date_rule(cal, moment):
    """Received on a working day before 17:00 → that day; otherwise the next working day."""
    received = cal.receipt_date(moment)
    local = moment.date()
    assert cal.is_working_day(received)
    if cal.is_working_day(local) and moment.time() < dt.time(17):
        assert received == local
    else:
        assert received > local
        assert cal.working_days_between(local, received) == 1


@PURE_SETTINGS
@given(
    accepted=dates,
    promised=st.integers(1, 20),
    pause_after=st.integers(0, 40),
    pause_length=st.integers(0, 40),
)
def test_pause_adds_exactly_the_working_days_of_the_pause(
    cal, accepted, promised, pause_after, pause_length
):
    accepted_on = cal.next_working_day(accepted)
    case = clock_case(accepted_on=accepted_on, promised=promised, statutory=20)
    before = case.promised_due, case.statutory_due
    paused = accepted_on + dt.timedelta(days=pause_after)
    resumed = paused + dt.timedelta(days=pause_length)
    clock.pause(case, on=paused)
    case.state = CaseState.SPECIAL
    working, natural = clock.resume(case, cal, on=resumed)
    assert working == cal.working_days_between(paused, resumed)
    assert natural == pause_length
    assert case.paused_on is None
    assert case.suspended_working_days == working
    assert case.suspended_natural_days == natural
    assert cal.working_days_between(before[0], case.promised_due) == working
    assert cal.working_days_between(before[1], case.statutory_due) == working
    assert cal.working_days_between(accepted_on, case.promised_due) == promised + working


@PURE_SETTINGS
@given(
    accepted=dates,
    promised=st.integers(0, 60),
    pauses=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=3),
)
def test_natural_day_units(cal, accepted, promised, pauses):
    case = clock_case(
        accepted_on=accepted,
        promised=promised,
        statutory=60,
        promised_unit="natural",
        statutory_unit="natural",
    )
    assert case.promised_due == accepted + dt.timedelta(days=promised)
    assert case.statutory_due == accepted + dt.timedelta(days=60)
    day, total = accepted, 0
    for gap, length in pauses:
        day += dt.timedelta(days=gap)
        clock.pause(case, on=day)
        day += dt.timedelta(days=length)
        _working, natural = clock.resume(case, cal, on=day)
        total += natural
    assert case.suspended_natural_days == total
    assert case.promised_due == accepted + dt.timedelta(days=promised + total)
    assert case.statutory_due == accepted + dt.timedelta(days=60 + total)
    case.state = CaseState.REVIEWING
    assert clock.remaining(case, cal, accepted) == promised + total


@PURE_SETTINGS
@given(
    accepted=dates,
    promised=st.integers(1, 20),
    pause_after=st.integers(0, 30),
    later=st.lists(st.integers(0, 60), min_size=1, max_size=4),
)
def test_remaining_is_frozen_while_paused(cal, accepted, promised, pause_after, later):
    accepted_on = cal.next_working_day(accepted)
    case = clock_case(accepted_on=accepted_on, promised=promised, statutory=20)
    case.state = CaseState.REVIEWING
    assert clock.remaining(case, cal, accepted_on) == promised
    paused = accepted_on + dt.timedelta(days=pause_after)
    resumed = paused + dt.timedelta(days=max(later))
    # Staff start and end special procedures on working days. (On a day off right after the
    # due date a case counts as 1 day overdue though no working day has passed, so a pause
    # starting then would not resume at the same count.)
    assume(cal.is_working_day(paused) and cal.is_working_day(resumed))
    at_pause = clock.remaining(case, cal, paused)
    clock.pause(case, on=paused)
    case.state = CaseState.SPECIAL
    for days in later:
        assert clock.remaining(case, cal, paused + dt.timedelta(days=days)) == at_pause
    clock.resume(case, cal, on=resumed)
    case.state = CaseState.REVIEWING
    # After the pause the clock runs on from where it stopped.
    assert clock.remaining(case, cal, resumed) == at_pause


@PURE_SETTINGS
@given(day=dates, promised=st.integers(1, 20))
def test_remaining_counts_down_and_goes_negative(cal, day, promised):
    accepted_on = cal.next_working_day(day)
    case = clock_case(accepted_on=accepted_on, promised=promised, statutory=20)
    case.state = CaseState.REVIEWING
    due = case.promised_due
    assert clock.remaining(case, cal, due) == 0
    later = cal.add_working_days(due, 3)
    assert clock.remaining(case, cal, later) == -3
    assume(promised >= 2)
    assert clock.remaining(case, cal, cal.add_working_days(accepted_on, 2)) == promised - 2


def test_remaining_is_none_before_acceptance_and_after_the_decision(cal):
    case = clock_case(accepted_on=D(2026, 3, 2), promised=5, statutory=20)
    for state in (CaseState.SUBMITTED, CaseState.APPROVED, CaseState.DENIED, CaseState.ARCHIVED):
        case.state = state
        assert clock.remaining(case, cal, D(2026, 3, 3)) is None
    empty = Case(state=CaseState.ACCEPTED)
    clock.recompute(empty, cal)
    assert empty.promised_due is None
    assert empty.statutory_due is None


@pytest.mark.parametrize(
    ("days", "unit", "paused", "text"),
    [
        (None, "working", False, ""),
        (3, "working", False, "还剩 3 个工作日"),
        (1, "natural", False, "还剩 1 个自然日"),
        (0, "working", False, "今天到期"),
        (-2, "working", False, "已超期 2 个工作日"),
        (-5, "natural", False, "已超期 5 个自然日"),
        (4, "working", True, "已暂停计时，还剩 4 个工作日"),
        (0, "working", True, "已暂停计时，今天到期"),
        (-1, "working", True, "已暂停计时，已超期 1 个工作日"),
    ],
)
def test_describe(days, unit, paused, text):
    assert clock.describe(days, unit=unit, paused=paused) == text


# ---------------------------------------------------------------------------------------------
# Holiday tables through the services (a 承诺件: promised 5, statutory 20 working days)
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def item(make_item, county):
    """The food licence, published before 2025 so 2025 acceptances use it."""
    with time_machine.travel(at(2024, 12, 2, 9), tick=False):
        version = make_item("000103001000")
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


def _apply_and_accept(item, users, enterprise, travel, submitted, accepted) -> Case:
    with travel(submitted):
        case = services.apply(
            actor=users["qiye"],
            item_id=item.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
    with travel(accepted):
        return services.accept(actor=users["chuangkou"], case_id=case.pk)


@pytest.mark.parametrize(
    ("accepted", "promised_due"),
    [
        # National Day 2025: 10/1–10/8 off, Saturday 10/11 worked.
        (at(2025, 9, 30, 10), D(2025, 10, 14)),
        # Sunday 9/28 worked, then the holiday.
        (at(2025, 9, 26, 10), D(2025, 10, 10)),
        # Spring Festival 2025: Sunday 1/26 worked, 1/28–2/4 off.
        (at(2025, 1, 24, 10), D(2025, 2, 7)),
        # Labour Day 2025: 5/1–5/5 off.
        (at(2025, 4, 30, 10), D(2025, 5, 12)),
        # Spring Festival 2026: Saturday 2/14 worked, 2/15–2/23 off.
        (at(2026, 2, 13, 10), D(2026, 2, 27)),
        # Mid-Autumn 9/25–9/27 and National Day 10/1–10/7 2026, Saturday 10/10 worked.
        (at(2026, 9, 24, 10), D(2026, 10, 9)),
        (at(2026, 9, 30, 10), D(2026, 10, 13)),
        # New Year 2026: 1/1–1/3 off, Sunday 1/4 worked.
        (at(2025, 12, 31, 10), D(2026, 1, 8)),
        # Labour Day 2026: 5/1–5/5 off, Saturday 5/9 worked.
        (at(2026, 4, 30, 10), D(2026, 5, 11)),
        # Dragon Boat 2026: 6/19–6/21 off.
        (at(2026, 6, 18, 10), D(2026, 6, 26)),
    ],
)
def test_acceptance_around_holidays(item, users, enterprise, travel, accepted, promised_due):
    case = _apply_and_accept(item, users, enterprise, travel, accepted, accepted)
    assert case.accepted_on == accepted.date()
    assert case.promised_due == promised_due
    cal = Calendar()
    assert cal.working_days_between(case.accepted_on, case.statutory_due) == 20
    assert cal.is_working_day(case.statutory_due)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.promised_due, stored.statutory_due) == (case.promised_due, case.statutory_due)


def test_statutory_due_across_national_day_2025(item, users, enterprise, travel):
    case = _apply_and_accept(
        item, users, enterprise, travel, at(2025, 9, 30, 10), at(2025, 9, 30, 10)
    )
    # 9–10, 11 (Sat), 13–17, 20–24, 27–31 October are 18 working days; 3 and 4 November
    # are the 19th and 20th.
    assert case.statutory_due == D(2025, 11, 4)


@pytest.mark.parametrize(
    ("submitted", "received_on"),
    [
        (at(2025, 9, 30, 16, 59), D(2025, 9, 30)),
        # 17:00 is after office hours: the next working day is after National Day.
        (at(2025, 9, 30, 17, 0), D(2025, 10, 9)),
        # A weekend make-up day counts as a working day.
        (at(2026, 2, 14, 11), D(2026, 2, 14)),
        (at(2025, 10, 11, 9), D(2025, 10, 11)),
        # After hours on Friday 13 February 2026: the next working day is Saturday 14.
        (at(2026, 2, 13, 17, 30), D(2026, 2, 14)),
        # On the holiday: the first working day after it.
        (at(2026, 2, 15, 10), D(2026, 2, 24)),
        (at(2026, 2, 28, 17), D(2026, 3, 2)),
        (at(2026, 1, 1, 8), D(2026, 1, 4)),
    ],
)
def test_receipt_after_hours_and_on_non_working_days(
    item, users, enterprise, travel, submitted, received_on
):
    case = _apply_and_accept(item, users, enterprise, travel, submitted, submitted)
    assert case.received_on == received_on
    # Accepted at the same moment: the clock starts on the same counted day.
    assert case.accepted_on == received_on
    assert Calendar().working_days_between(case.accepted_on, case.promised_due) == 5


@DB_SETTINGS
@given(moment=moments)
def test_accepting_at_any_moment(item, users, enterprise, travel, moment):
    case = _apply_and_accept(item, users, enterprise, travel, moment, moment)
    cal = Calendar()
    assert case.received_on == case.accepted_on == cal.receipt_date(moment)
    assert cal.is_working_day(case.promised_due)
    assert cal.working_days_between(case.accepted_on, case.promised_due) == 5
    assert cal.working_days_between(case.accepted_on, case.statutory_due) == 20
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.number.startswith(item.item.implementation_code + f"{moment:%Y%m%d}")


def test_the_clock_follows_the_version_in_force_at_acceptance(published, users, enterprise, travel):
    """Applied under version 1 (5 days); version 2 (3 days, one review step) is published
    before the clerk accepts: the case is handled under version 2."""
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
    with travel(at(2026, 3, 2, 11)):
        draft = catalog.version_new_draft(actor=None, item_id=published.item_id)
        catalog.version_update(
            actor=None,
            version_id=draft.pk,
            content={
                "promised_limit": 3,
                "statutory_limit": 15,
                "process": [
                    {"name": "受理", "department": "县行政审批局", "role": "window_clerk"},
                    {"name": "审批", "department": "县市场监管局", "role": "approver"},
                ],
            },
        )
        for step in (catalog.version_submit, catalog.version_approve, catalog.version_publish):
            step(actor=None, version_id=draft.pk)
    with travel(at(2026, 3, 2, 14)):
        case = services.accept(actor=users["chuangkou"], case_id=case.pk)
    assert case.version_id == draft.pk
    assert (case.promised_limit, case.statutory_limit) == (3, 15)
    assert case.promised_due == D(2026, 3, 5)
    assert [s["name"] for s in case.steps] == ["审批"]
    assert case.step_count == 1
    stored = Case.objects.get(pk=case.pk)
    assert (stored.version_id, stored.promised_due) == (draft.pk, D(2026, 3, 5))


def test_a_case_due_on_friday_is_overdue_on_the_weekend(published, users, enterprise, travel):
    from onewindow.core.workdays import Calendar

    from .test_services import accepted

    with travel(at(2026, 3, 2, 10)):
        case = accepted(published, users, enterprise)
    assert case.promised_due == dt.date(2026, 3, 9)
    cal = Calendar()
    assert clock.remaining(case, cal, dt.date(2026, 3, 9)) == 0
    # Due on Friday 6 March: overdue on Saturday the 7th, though no working day has passed.
    case.promised_due = dt.date(2026, 3, 6)
    assert clock.remaining(case, cal, dt.date(2026, 3, 7)) == -1
    assert clock.describe(clock.remaining(case, cal, dt.date(2026, 3, 7))) == "已超期 1 个工作日"
    assert clock.remaining(case, cal, dt.date(2026, 3, 10)) == -2
