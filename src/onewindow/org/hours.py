"""Opening hours as a short text a hall admin can type, e.g.

    1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00

Weekdays 1 (Monday) to 7 (Sunday), a range or a comma list, then one or more time ranges.
Parsed into a structure that answers "is it open at this moment?" and renders in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAY_NAMES = "一二三四五六日"
_RANGE_RE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class HoursError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Rule:
    weekdays: tuple[int, ...]
    spans: tuple[Span, ...]


def _days(spec: str) -> tuple[int, ...]:
    days: set[int] = set()
    for part in spec.split(","):
        bounds = part.split("-")
        try:
            nums = [int(b) for b in bounds]
        except ValueError as exc:
            raise HoursError(f"“{spec}”不是星期（1–7）") from exc
        if len(nums) == 2:
            lo, hi = nums
        elif len(nums) == 1:
            lo = hi = nums[0]
        else:
            raise HoursError(f"“{spec}”不是星期（1–7）")
        if not 1 <= lo <= hi <= 7:
            raise HoursError(f"星期“{part}”应在 1–7 之间且从小到大")
        days.update(range(lo, hi + 1))
    return tuple(sorted(days))


def _span(spec: str) -> Span:
    m = _RANGE_RE.match(spec.strip())
    if m is None:
        raise HoursError(f"时间段“{spec}”应写成 09:00-12:00")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError as exc:
        raise HoursError(f"时间段“{spec}”中的时间不存在") from exc
    if start >= end:
        raise HoursError(f"时间段“{spec}”的结束时间应晚于开始时间")
    return Span(start, end)


def parse(text: str) -> tuple[Rule, ...]:
    text = text.strip()
    if not text:
        return ()
    rules = []
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        day_spec, _, ranges = chunk.partition(" ")
        if not ranges.strip():
            raise HoursError(f"“{chunk}”缺少时间段，应写成 1-5 09:00-12:00")
        spans = tuple(_span(r) for r in ranges.replace(" ", "").split(","))
        rules.append(Rule(_days(day_spec), spans))
    return tuple(rules)


def is_open(text: str, at: dt.datetime) -> bool:
    weekday, moment = at.isoweekday(), at.time()
    return any(
        weekday in rule.weekdays and span.start <= moment < span.end
        for rule in parse(text)
        for span in rule.spans
    )


def _day_label(days: tuple[int, ...]) -> str:
    if len(days) > 1 and days == tuple(range(days[0], days[-1] + 1)):
        return f"周{_DAY_NAMES[days[0] - 1]}至周{_DAY_NAMES[days[-1] - 1]}"
    return "、".join(f"周{_DAY_NAMES[d - 1]}" for d in days)


def display(text: str) -> str:
    try:
        rules = parse(text)
    except HoursError:
        return text
    return "；".join(
        _day_label(rule.weekdays)
        + " "
        + "、".join(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in rule.spans)
        for rule in rules
    )
