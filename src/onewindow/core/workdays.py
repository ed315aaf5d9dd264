"""The working-day calendar (行政许可法第八十二条: periods count working days).

A day's status comes from, in order: an administrator's override (`CalendarOverride`);
`chinese-calendar`'s data for the year (statutory holidays and make-up workdays); or, for a
year an administrator declared complete (`CalendarYear`), the plain weekday rule. A date in
any other year raises `CalendarUnavailable` — never a silent guess.

Counting: "within N working days of D" ends on the N-th working day after D (D itself not
counted), so `working_days_between(d, add_working_days(d, n)) == n`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cached_property, lru_cache

import chinese_calendar
from django.conf import settings
from django.utils import timezone

from . import context
from .errors import DomainError


class CalendarUnavailable(DomainError):
    status = 409
    code = "calendar_unavailable"


# chinese-calendar raises NotImplementedError for years it has no data for.
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


_LIBRARY_YEARS: dict[int, bool] = {}


@lru_cache(maxsize=64)
def _base_year(year: int, rule: str) -> list[int]:
    """Working-day ordinals of a year before any override: chinese-calendar's data, or the
    plain weekday rule for a declared year. Never changes while the process runs."""
    first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    if rule == "library":
        return [
            o for o in range(first, last + 1) if chinese_calendar.is_workday(dt.date.fromordinal(o))
        ]
    return [o for o in range(first, last + 1) if dt.date.fromordinal(o).weekday() < 5]


def library_covers(year: int) -> bool:
    if year not in _LIBRARY_YEARS:
        _LIBRARY_YEARS[year] = _library_knows(year)
    return _LIBRARY_YEARS[year]


class Calendar:
    """The calendar as the database says now. Build one per request or sweep and reuse it:
    overrides and declared years are read once (two queries)."""

    @cached_property
    def overrides(self) -> dict[dt.date, bool]:
        from .models import CalendarOverride

        def read() -> dict[dt.date, bool]:
            return {
                o.date: o.kind == CalendarOverride.Kind.WORKDAY
                for o in CalendarOverride.objects.only("date", "kind")
            }

        return context.memo("calendar.overrides", read)

    @cached_property
    def declared_years(self) -> set[int]:
        from .models import CalendarYear

        return context.memo(
            "calendar.years", lambda: set(CalendarYear.objects.values_list("year", flat=True))
        )

    def covers(self, year: int) -> bool:
        return library_covers(year) or year in self.declared_years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if library_covers(day.year):
            return bool(chinese_calendar.is_workday(day))
        if day.year in self.declared_years:
            return day.weekday() < 5
        raise CalendarUnavailable(
            f"{day.year} 年的节假日安排尚未录入，无法计算工作日：请系统管理员在“工作日历调整”中录入该年的"
            f"节假日和调休上班日，并在“已录入的年度日历”中确认 {day.year} 年",
            year=day.year,
        )

    # --- arithmetic over a precomputed table of working days ----------------------------------
    # `_ordinals` holds the ordinals of every working day in the years `_lo`..`_hi`, sorted;
    # counting and stepping are then bisections instead of day-by-day loops.
    _ordinals: list[int]
    _lo: int
    _hi: int

    def _year_ordinals(self, year: int) -> list[int]:
        if library_covers(year):
            base = _base_year(year, "library")
        elif year in self.declared_years:
            base = _base_year(year, "weekday")
        else:
            self.is_working_day(dt.date(year, 1, 1))  # raises CalendarUnavailable
            raise AssertionError("unreachable")
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if not any(first <= day <= last for day in self.overrides):
            return base
        return [
            o
            for o in range(first.toordinal(), last.toordinal() + 1)
            if self.is_working_day(dt.date.fromordinal(o))
        ]

    def _cover(self, year: int) -> None:
        """Extend the table so it spans `year` (raises CalendarUnavailable for a year
        without data, naming that year)."""
        if not hasattr(self, "_ordinals"):
            self._ordinals, self._lo, self._hi = self._year_ordinals(year), year, year
            return
        while year > self._hi:
            self._ordinals = self._ordinals + self._year_ordinals(self._hi + 1)
            self._hi += 1
        while year < self._lo:
            self._ordinals = self._year_ordinals(self._lo - 1) + self._ordinals
            self._lo -= 1

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (`start` itself not counted); `days` may
        be negative (the `-days`-th working day before); 0 returns `start`."""
        if days == 0:
            return start
        self._cover(start.year)
        target = start.toordinal()
        while True:
            table = self._ordinals
            if days > 0:
                index = bisect_right(table, target) + days - 1
                if index < len(table):
                    return dt.date.fromordinal(table[index])
                self._cover(self._hi + 1)
            else:
                index = bisect_left(table, target) + days
                if index >= 0:
                    return dt.date.fromordinal(table[index])
                self._cover(self._lo - 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when `end` is before `start`."""
        if end < start:
            return -self.working_days_between(end, start)
        if end == start:
            return 0
        self._cover(start.year)
        self._cover(end.year)
        table = self._ordinals
        return bisect_right(table, end.toordinal()) - bisect_right(table, start.toordinal())

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def receipt_date(self, moment: dt.datetime) -> dt.date:
        """The date an application counts as received: the same day if it arrived on a
        working day before the end of office hours (`OFFICE_HOURS_END`), else the next
        working day."""
        local = timezone.localtime(moment)
        day = local.date()
        if not self.is_working_day(day) or local.time() >= settings.OFFICE_HOURS_END:
            return self.add_working_days(day, 1)
        return day

    def missing_years(self, years: Iterable[int]) -> list[int]:
        return [y for y in years if not self.covers(y)]


def add_natural_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def natural_days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


# Module-level conveniences for one-off calls (each builds a fresh Calendar).
def is_working_day(day: dt.date) -> bool:
    return Calendar().is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    return Calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return Calendar().working_days_between(start, end)


def receipt_date(moment: dt.datetime) -> dt.date:
    return Calendar().receipt_date(moment)


def calendar_warnings(today: dt.date | None = None) -> list[str]:
    """What the admin home warns about: this year or next without calendar data."""
    today = today or timezone.localdate()
    missing = Calendar().missing_years([today.year, today.year + 1])
    return [
        f"{year} 年的节假日安排尚未录入：涉及 {year} 年日期的办理时限将无法计算。"
        "国务院办公厅每年 11 月前后发布次年安排，请在“工作日历调整”中录入节假日和调休上班日，"
        f"再在“已录入的年度日历”中确认 {year} 年。"
        for year in missing
    ]
