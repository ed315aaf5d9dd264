"""The working-day calendar: table tests for every 2025 and 2026 holiday and make-up
workday (domain.md §3), property tests for the arithmetic, overrides and missing years."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.core import workdays
from onewindow.core.models import CalendarOverride, CalendarYear
from onewindow.core.workdays import Calendar, CalendarUnavailable

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(n) for n in range((end - start).days + 1)]


HOLIDAYS_2025 = [
    D(2025, 1, 1),
    *days(D(2025, 1, 28), D(2025, 2, 4)),
    *days(D(2025, 4, 4), D(2025, 4, 6)),
    *days(D(2025, 5, 1), D(2025, 5, 5)),
    *days(D(2025, 5, 31), D(2025, 6, 2)),
    *days(D(2025, 10, 1), D(2025, 10, 8)),
]
MAKEUP_2025 = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
HOLIDAYS_2026 = [
    *days(D(2026, 1, 1), D(2026, 1, 3)),
    *days(D(2026, 2, 15), D(2026, 2, 23)),
    *days(D(2026, 4, 4), D(2026, 4, 6)),
    *days(D(2026, 5, 1), D(2026, 5, 5)),
    *days(D(2026, 6, 19), D(2026, 6, 21)),
    *days(D(2026, 9, 25), D(2026, 9, 27)),
    *days(D(2026, 10, 1), D(2026, 10, 7)),
]
MAKEUP_2026 = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


@pytest.mark.django_db
@pytest.mark.parametrize("day", HOLIDAYS_2025 + HOLIDAYS_2026, ids=str)
def test_statutory_holidays_are_not_working_days(day):
    assert workdays.is_working_day(day) is False


@pytest.mark.django_db
@pytest.mark.parametrize("day", MAKEUP_2025 + MAKEUP_2026, ids=str)
def test_makeup_weekends_are_working_days(day):
    assert day.weekday() >= 5
    assert workdays.is_working_day(day) is True


@pytest.mark.django_db
def test_counting_across_national_day_2026():
    cal = Calendar()
    # Accepted Wed 2026-09-30: the holiday runs 10/1–10/7, Sat 10/10 is a make-up workday.
    assert cal.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert cal.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    # 10/8 9 10 12–16 19–23 26–30 11/2 3: the 20th working day is Tuesday 11/3.
    assert cal.add_working_days(D(2026, 9, 30), 20) == D(2026, 11, 3)
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 11, 3)) == 20
    assert cal.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)


@pytest.mark.django_db
def test_receipt_after_hours_or_on_a_day_off_counts_from_the_next_working_day():
    cal = Calendar()
    assert cal.receipt_date(dt.datetime(2026, 11, 23, 16, 59, tzinfo=SHANGHAI)) == D(2026, 11, 23)
    assert cal.receipt_date(dt.datetime(2026, 11, 23, 17, 0, tzinfo=SHANGHAI)) == D(2026, 11, 24)
    assert cal.receipt_date(dt.datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)) == D(2026, 11, 23)
    # Received 2026-09-30 evening: next working day is 10/8, after the National Day break.
    assert cal.receipt_date(dt.datetime(2026, 9, 30, 18, 0, tzinfo=SHANGHAI)) == D(2026, 10, 8)
    # A UTC timestamp is read in Shanghai time: 09:30 UTC is 17:30 in the county.
    assert cal.receipt_date(dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)) == D(2026, 11, 24)


@pytest.mark.django_db
def test_a_year_without_data_is_an_error_not_a_guess():
    with pytest.raises(CalendarUnavailable, match="2027 年的节假日安排尚未录入"):
        workdays.is_working_day(D(2027, 3, 1))
    with pytest.raises(CalendarUnavailable):
        workdays.add_working_days(D(2026, 12, 30), 5)
    assert workdays.calendar_warnings(D(2026, 11, 22))[0].startswith("2027 年的节假日安排尚未录入")


@pytest.mark.django_db
def test_an_administrator_enters_a_new_year_and_local_days():
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    CalendarOverride.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    CalendarOverride.objects.create(date=D(2027, 2, 6), kind="workday", name="春节调休上班")
    cal = Calendar()
    assert cal.is_working_day(D(2027, 1, 1)) is False  # a Friday, made a holiday
    assert cal.is_working_day(D(2027, 2, 6)) is True  # a Saturday, made a workday
    assert cal.is_working_day(D(2027, 1, 4)) is True  # an ordinary Monday
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert workdays.calendar_warnings(D(2026, 11, 22)) == []
    # A local extra day off in a year the library covers wins over the library.
    CalendarOverride.objects.create(date=D(2026, 7, 15), kind="holiday", name="防汛停工")
    assert Calendar().is_working_day(D(2026, 7, 15)) is False


@pytest.mark.django_db
def test_admin_home_shows_the_missing_year(users, login_client, monkeypatch):
    monkeypatch.setattr(workdays.timezone, "localdate", lambda: D(2026, 11, 22))
    html = login_client(users["admin"]).get("/admin/").content.decode()
    assert 'data-testid="calendar-warning"' in html
    assert "2027 年的节假日安排尚未录入" in html


def test_natural_days():
    assert workdays.add_natural_days(D(2026, 2, 27), 2) == D(2026, 3, 1)
    assert workdays.natural_days_between(D(2026, 2, 27), D(2026, 3, 1)) == 2


covered = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 10, 31))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None)
@given(start=covered, n=st.integers(min_value=0, max_value=40))
def test_adding_then_counting_gives_back_n(start, n):
    cal = Calendar()
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert cal.working_days_between(end, start) == -n
    if n:
        assert cal.is_working_day(end)
        assert end > start
        assert cal.add_working_days(end, -n) <= start or not cal.is_working_day(start)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None)
@given(start=covered, a=st.integers(0, 20), b=st.integers(0, 20))
def test_adding_is_additive_and_monotonic(start, a, b):
    cal = Calendar()
    assert cal.add_working_days(cal.add_working_days(start, a), b) == cal.add_working_days(
        start, a + b
    )
    if a <= b:
        assert cal.add_working_days(start, a) <= cal.add_working_days(start, b)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None)
@given(start=covered, end=covered)
def test_working_days_never_exceed_natural_days(start, end):
    cal = Calendar()
    between = cal.working_days_between(start, end)
    assert abs(between) <= abs((end - start).days)
    assert (between >= 0) == (end >= start) or between == 0


def naive_add(cal: Calendar, start: dt.date, n: int) -> dt.date:
    """The definition, one day at a time: what the table-based arithmetic must match."""
    step, day, left = (1 if n >= 0 else -1), start, abs(n)
    while left:
        day += dt.timedelta(days=step)
        left -= cal.is_working_day(day)
    return day


@pytest.mark.django_db
@settings(max_examples=150, deadline=None)
@given(
    start=covered,
    n=st.integers(min_value=-40, max_value=40),
    end=covered,
    local_day=st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31)),
    local_kind=st.sampled_from(["holiday", "workday"]),
)
def test_table_arithmetic_matches_the_day_by_day_definition(start, n, end, local_day, local_kind):
    CalendarOverride.objects.update_or_create(date=local_day, defaults={"kind": local_kind})
    cal = Calendar()
    assert cal.add_working_days(start, n) == naive_add(cal, start, n)
    lo, hi = sorted([start, end])
    expected = sum(
        cal.is_working_day(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1)
    )
    assert cal.working_days_between(start, end) == (expected if end >= start else -expected)


def test_one_request_reads_the_calendar_once_and_sees_its_own_changes(db):
    """Within a request (`context.bind(memo=True)`, as the middleware does) the overrides
    and declared years are read once however many calendars are built; saving an override
    makes the next calendar of the same request read again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onewindow.core import context

    with context.bind(ip=None, memo=True):
        with CaptureQueriesContext(connection) as first:
            assert Calendar().is_working_day(D(2026, 7, 15))
        with CaptureQueriesContext(connection) as again:
            assert Calendar().is_working_day(D(2026, 7, 15))
            assert Calendar().overrides == {}
        assert len(first.captured_queries) == 1
        assert len(again.captured_queries) == 0
        CalendarOverride.objects.create(date=D(2026, 7, 15), kind="holiday", name="防汛停工")
        assert not Calendar().is_working_day(D(2026, 7, 15))
    # Outside a request nothing is memoised.
    with CaptureQueriesContext(connection) as outside:
        assert Calendar().overrides == Calendar().overrides
    assert len(outside.captured_queries) == 2
