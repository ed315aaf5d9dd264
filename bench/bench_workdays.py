"""Working-day arithmetic (issue 4 target: 1,000,000 `add_working_days` calls < 2 s).

One `Calendar` instance, as a sweep or a request uses it; start dates spread over 2025-2026
(late enough in 2026 that every result stays within `chinese-calendar`'s data) and limits
0-60 working days. Before timing, a sample of results is checked against stepping day by
day with `Calendar.is_working_day`, so a fast path that counts wrong fails the benchmark.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from bench import runner
from bench.runner import Context, benchmark

CALLS = 1_000_000
QUICK_CALLS = 100_000
MAX_LIMIT = 60


def _reference_add(cal: object, start: dt.date, days: int) -> dt.date:
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):  # type: ignore[attr-defined]
            left -= 1
    return day


def _reference_between(cal: object, start: dt.date, end: dt.date) -> int:
    if end < start:
        return -_reference_between(cal, end, start)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += cal.is_working_day(day)  # type: ignore[attr-defined]
    return count


def _timed(fn: object, args: list[tuple], repeat: int) -> float:
    """Median seconds for one pass of `fn(*a)` over all `args`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for a in args:
            fn(*a)  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@benchmark("workdays", help="1,000,000 Calendar.add_working_days / working_days_between calls")
def bench_workdays(ctx: Context) -> None:
    runner.setup_django()
    from onewindow.core.workdays import Calendar

    cal = Calendar()
    n = QUICK_CALLS if ctx.quick else CALLS
    repeat = 3 if ctx.quick else 5
    rng = random.Random(7)
    first = dt.date(2025, 1, 1)
    last = cal.add_working_days(dt.date(2026, 12, 31), -MAX_LIMIT)
    span = (last - first).days + 1
    starts = [first + dt.timedelta(days=rng.randrange(span)) for _ in range(n)]
    add_args = [(s, rng.randint(0, MAX_LIMIT)) for s in starts]
    # Pairs like a clock's: from a day to a due date up to 90 natural days later (or before).
    between_args = [(s, s + dt.timedelta(days=rng.randint(-10, 90))) for s in starts]
    between_args = [(a, min(b, dt.date(2026, 12, 31))) for a, b in between_args]

    for s, d in add_args[:2000]:
        got, want = cal.add_working_days(s, d), _reference_add(cal, s, d)
        if got != want:
            raise AssertionError(f"add_working_days({s}, {d}) = {got}, stepping gives {want}")
    for a, b in between_args[:2000]:
        got_n, want_n = cal.working_days_between(a, b), _reference_between(cal, a, b)
        if got_n != want_n:
            raise AssertionError(
                f"working_days_between({a}, {b}) = {got_n}, stepping gives {want_n}"
            )

    seconds = _timed(cal.add_working_days, add_args, repeat)
    ctx.report("add_working_days total", seconds, "s", calls=n, limits=f"0-{MAX_LIMIT}")
    ctx.report("add_working_days", n / seconds, "calls/s", calls=n)
    negative = [(s, -d) for s, d in add_args]
    negative = [(max(s, cal.add_working_days(first, MAX_LIMIT)), d) for s, d in negative]
    seconds = _timed(cal.add_working_days, negative, repeat)
    ctx.report("add_working_days (back) total", seconds, "s", calls=n, limits=f"0..-{MAX_LIMIT}")
    seconds = _timed(cal.working_days_between, between_args, repeat)
    ctx.report("working_days_between total", seconds, "s", calls=n, span="-10..90 days")
    ctx.report("working_days_between", n / seconds, "calls/s", calls=n)
