"""A realistic case load for the case-engine benchmarks (issue 4): the demo county and
catalog, some staff and citizens, then N cases written in bulk.

The spread (fixed seed, so every run loads the same data):

- 12 departments (the demo catalog's twelve busiest), their ~100 published items, each item
  with a random popularity weight; halls from the item's accepting halls;
- 87 % finished (archived, delivered, not accepted, withdrawn, terminated) over the last two
  years, 1 % drafts, 12 % open: waiting for acceptance, in correction, accepted, under review
  (one of the item's review steps, handled by an approver of that step's department), paused
  in a special procedure, decided and waiting for delivery;
- running clocks: promised due dates from 10 working days ago to the item's whole limit
  ahead, about 4 % overdue; some with an extension or with days not counted;
- a few applications waiting past the Art. 32 period (`stale`), for the auto-accept sweep.

Dates are computed with the platform's own `Calendar` (through a precomputed table of
working days), so the stored due dates are the ones `clock.recompute` would store.

Rows go in with `executemany` (SQLite) or `COPY` (PostgreSQL) in one transaction, bypassing
model instances (this is set-up, and it is what a migration from an old system would do); the
case table's plain indexes are dropped first and built again after, then `ANALYZE` — without
statistics SQLite plans the department inbox over the wrong index. Timeline, notice and audit
rows are not generated: the benchmarked queries reach them only by case.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MARKER = "bench:cases"  # CaseCounter prefix recording how many cases the loader put in
BATCH = 10_000
PASSWORD = "Demo#2026"
DEPARTMENT_COUNT = 12
APPROVERS_PER_DEPARTMENT = 3
CITIZENS = 300

# Share of all cases per state (sums to 1). Open: 12 %.
STATE_MIX: list[tuple[str, float]] = [
    ("archived", 0.740),
    ("delivered", 0.060),
    ("not_accepted", 0.020),
    ("withdrawn", 0.040),
    ("terminated", 0.010),
    ("draft", 0.010),
    ("submitted", 0.006),
    ("prereview", 0.006),
    ("correction", 0.008),
    ("accepted", 0.024),
    ("reviewing", 0.056),
    ("special", 0.006),
    ("approved", 0.012),
    ("denied", 0.002),
]
OPEN_STATES = {
    "submitted",
    "prereview",
    "correction",
    "accepted",
    "reviewing",
    "special",
    "approved",
    "denied",
}
CLOCK_STATES = {"accepted", "reviewing", "special"}
OVERDUE_SHARE = 0.04  # of running clocks
CHANNELS = [("window", 0.55), ("pc", 0.2), ("mobile", 0.2), ("kiosk", 0.05)]


@dataclass
class World:
    """What the loader built around the cases; the benchmarks use it to pick users."""

    departments: list[Any]
    items: list[Any]  # catalog.Item with published_version, for cases
    approvers: dict[int, list[Any]]  # department id -> approvers
    dept_admins: dict[int, Any]
    clerks: dict[int, Any]  # hall id -> window clerk
    citizens: list[Any]
    today: dt.date
    extra: dict[str, Any] = field(default_factory=dict)


class WorkingDays:
    """Working days as a sorted list, from the platform's Calendar, for index arithmetic."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        from onewindow.core.workdays import Calendar

        cal = Calendar()
        days, day = [], first
        while day <= last:
            if cal.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        self.days = days
        self.ordinals = [d.toordinal() for d in days]

    def floor(self, day: dt.date) -> int:
        """Index of the last working day on or before `day`."""
        return bisect_right(self.ordinals, day.toordinal()) - 1

    def add(self, day: dt.date, n: int) -> dt.date:
        """`Calendar.add_working_days(day, n)` for n >= 0."""
        return day if n == 0 else self.days[self.floor(day) + n]


def declare_next_year(today: dt.date) -> None:
    """Due dates of cases accepted now reach into next year: enter it as an administrator
    would once the State Council publishes it (here the plain weekday rule)."""
    from onewindow.core.models import CalendarYear
    from onewindow.core.workdays import library_covers

    year = today.year + 1
    if not library_covers(year):
        CalendarYear.objects.get_or_create(
            year=year, defaults={"source": f"基准测试：假定 {year} 年周一至周五上班"}
        )


# --- the world around the cases --------------------------------------------------------------
def prepare() -> World:
    """Demo county and catalog, the default templates, staff for 12 departments and every
    hall, citizens. Idempotent: a second call finds what the first made."""
    from django.db import transaction
    from django.db.models import Count
    from django.test.utils import override_settings
    from django.utils import timezone

    from onewindow import demo
    from onewindow.cases import lifecycle
    from onewindow.catalog.models import Item
    from onewindow.catalog.reference import ensure_special_procedure_kinds
    from onewindow.core.permissions import Role
    from onewindow.core.validators import resident_id_check_char
    from onewindow.identity import services as identity
    from onewindow.identity.models import User
    from onewindow.org.models import Department, Hall

    # The county, its people and its catalog; not the demo cases (this loader makes its own).
    demo.load_all(upto="onewindow.catalog.demo")
    lifecycle.ensure_default_templates()
    ensure_special_procedure_kinds()
    today = timezone.localdate()
    declare_next_year(today)

    busiest = list(
        Department.objects.filter(items__published_version__isnull=False)
        .annotate(n=Count("items"))
        .order_by("-n", "pk")[:DEPARTMENT_COUNT]
    )
    items = list(
        Item.objects.filter(department__in=busiest, published_version__isnull=False)
        .select_related("published_version", "department")
        .order_by("pk")
    )
    # Staff with a fast hasher: set-up only; the benchmarks log in with sessions or tokens.
    fast_hasher = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast_hasher, transaction.atomic():
        approvers: dict[int, list[Any]] = defaultdict(list)
        dept_admins: dict[int, Any] = {}
        for dep in busiest:
            for i in range(1, APPROVERS_PER_DEPARTMENT + 1):
                approvers[dep.pk].append(
                    _staff(f"bsp{dep.pk}_{i}", f"审批{dep.pk}-{i}", dep, None, Role.APPROVER)
                )
            dept_admins[dep.pk] = _staff(
                f"bbm{dep.pk}", f"部门{dep.pk}", dep, None, Role.DEPT_ADMIN
            )
        operator = Department.objects.get(short_name="县行政审批局")
        clerks = {
            hall.pk: _staff(f"bck{hall.pk}", f"窗口{hall.pk}", operator, hall, Role.WINDOW_CLERK)
            for hall in Hall.objects.order_by("pk")
        }
        citizens = list(User.objects.filter(username__startswith="bcz").order_by("pk"))
        rng = random.Random(11)
        while len(citizens) < CITIZENS:
            n = len(citizens)
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20_000))
            first17 = f"610326{birth:%Y%m%d}{n:03d}"
            citizens.append(
                identity.citizen_register(
                    actor=None,
                    name=f"居民{n:03d}",
                    id_number=first17 + resident_id_check_char(first17),
                    phone=f"139{n:08d}",
                    username=f"bcz{n:03d}",
                    password=PASSWORD,
                    real_name_verified=True,
                )
            )
    return World(
        departments=busiest,
        items=items,
        approvers=dict(approvers),
        dept_admins=dept_admins,
        clerks=clerks,
        citizens=citizens,
        today=today,
    )


def _staff(username: str, name: str, dep: Any, hall: Any, role: str) -> Any:
    from onewindow.identity import services as identity
    from onewindow.identity.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = identity.staff_create(
            actor=None,
            username=username,
            name=name,
            password=PASSWORD,
            department_id=dep.pk,
            hall_id=hall.pk if hall else None,
            roles=[role],
        )
    return user


def loaded_count() -> int:
    """How many cases an earlier run of the loader put in this database (0 if none)."""
    from onewindow.cases.models import CaseCounter

    return CaseCounter.objects.filter(prefix=MARKER).values_list("value", flat=True).first() or 0


# --- the cases -------------------------------------------------------------------------------
SAMPLE_ID = "610326199003151234"[:17]
SAMPLE_USCC = "91610326MA6X8K2Q7"


def sample_form(version: Any) -> dict[str, Any]:
    """A complete application form for the version: a valid value for every field."""
    from onewindow.catalog.codes import FieldType
    from onewindow.core.validators import resident_id_check_char, uscc_check_char

    sample: dict[str, Any] = {}
    for f in version.fields.select_related("element"):
        e = f.element
        if e.type == FieldType.NUMBER:
            sample[e.key] = e.min_value if e.min_value is not None else 1
        elif e.type == FieldType.DATE:
            sample[e.key] = "2026-03-01"
        elif e.type == FieldType.SELECT:
            sample[e.key] = e.options[0] if e.options else ""
        elif e.type == FieldType.MULTISELECT:
            sample[e.key] = e.options[:1]
        elif e.type == FieldType.CHECKBOX:
            sample[e.key] = True
        elif e.type == FieldType.PHONE:
            sample[e.key] = "13900000001"
        elif e.type == FieldType.EMAIL:
            sample[e.key] = "zhangsan@example.cn"
        elif e.type == FieldType.ID_NUMBER:
            sample[e.key] = SAMPLE_ID + resident_id_check_char(SAMPLE_ID)
        elif e.type == FieldType.USCC:
            sample[e.key] = SAMPLE_USCC + uscc_check_char(SAMPLE_USCC)
        else:
            sample[e.key] = "眉县首善街道平阳街 18 号"[: e.max_length or 40]
    return sample


class _Pick:
    """Weighted choice by bisecting a cumulative table (fast for millions of draws)."""

    def __init__(self, rng: random.Random, pairs: list[tuple[Any, float]]) -> None:
        self.rng = rng
        self.values = [v for v, _ in pairs]
        total, self.cum = 0.0, []
        for _, w in pairs:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self) -> Any:
        return self.values[bisect_right(self.cum, self.rng.random() * self.total)]


def generate(world: World, n: int, *, seed: int = 4, stale: float = 0.005) -> Iterator[dict]:
    """`n` case rows (dicts by column attname, without `id`). `stale` is the share of
    applications waiting for acceptance that are past the Art. 32 period. The queries this
    needs run at the call; iterating runs none (a COPY may hold the connection)."""
    from onewindow.cases import services
    from onewindow.cases.models import CaseCounter, ProcessTemplate
    from onewindow.catalog.models import ItemHall
    from onewindow.identity.models import Enterprise, User

    rng = random.Random(seed)
    today = world.today
    wd = WorkingDays(dt.date(today.year - 2, 1, 1), dt.date(today.year + 1, 12, 31))
    t_idx = wd.floor(today)  # the last working day up to today
    due_today = int(wd.days[t_idx] == today)  # on a day off nothing falls due today
    start_idx = wd.floor(today - dt.timedelta(days=730))
    tz = dt.timezone(dt.timedelta(hours=8))
    templates = {t.handling_type: t.pk for t in ProcessTemplate.objects.filter(is_default=True)}
    halls: dict[int, list[int | None]] = defaultdict(list)
    for item_id, hall_id in ItemHall.objects.order_by("pk").values_list("item_id", "hall_id"):
        halls[item_id].append(hall_id)
    enterprise = Enterprise.objects.order_by("pk").first()
    agent = User.objects.filter(username="qiye").first()

    specs = []
    for item in world.items:
        v = item.published_version
        steps = services.review_steps(v, item.department_id)
        specs.append(
            {
                "item": item,
                "version": v,
                "steps": steps,
                "steps_json": json.dumps(steps, ensure_ascii=False),
                "form_json": json.dumps(sample_form(v), ensure_ascii=False),
                "halls": halls.get(item.pk) or [None],
                "promised": v.handling_type == 2 and v.promised_limit > 0,
            }
        )
    weights = [(s, rng.lognormvariate(0, 0.7)) for s in specs]
    any_item = _Pick(rng, weights)
    clock_item = _Pick(rng, [(s, w) for s, w in weights if s["promised"]])
    state_of = _Pick(rng, STATE_MIX)
    channel_of = _Pick(rng, CHANNELS)
    # Case numbers continue any serials already handed out (numbering.case_number).
    serials: dict[str, int] = defaultdict(int)
    serials.update(CaseCounter.objects.values_list("prefix", "value"))
    citizens = world.citizens
    approvers = world.approvers
    fallback_approvers = [u for us in approvers.values() for u in us]

    def moment(idx: int, *, late: bool = False) -> dt.datetime:
        day = wd.days[idx]
        minute = rng.randrange(8 * 60 + 30, 18 * 60 if late else 17 * 60)
        return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=tz)

    def due(a_idx: int, limit: int, unit: str, extra_days: int) -> dt.date:
        if unit == "natural":
            return wd.days[a_idx] + dt.timedelta(days=limit + extra_days)
        return wd.days[a_idx + limit + extra_days]

    # Everything above queries the database; the rows below do not, so they can be
    # produced while a COPY holds the connection.
    def rows() -> Iterator[dict]:
        for _ in range(n):
            extension = suspended = 0
            state = state_of()
            spec = clock_item() if state in CLOCK_STATES else any_item()
            item, v, steps = spec["item"], spec["version"], spec["steps"]
            promised, statutory = v.promised_limit, v.statutory_limit
            p_unit, s_unit = v.promised_unit, v.statutory_unit
            handling = v.handling_type
            row: dict[str, Any] = {
                "item_id": item.pk,
                "version_id": v.pk,
                "item_name": v.name,
                "department_id": item.department_id,
                "hall_id": rng.choice(spec["halls"]),
                "template_id": templates[handling],
                "steps": spec["steps_json"],
                "step_index": 0,
                "step_count": len(steps),
                "current_department_id": item.department_id,
                "state": state,
                "paused_from_state": "",
                "channel": channel_of(),
                "form_data": spec["form_json"],
                "statutory_limit": 0,
                "statutory_unit": "working",
                "promised_limit": 0,
                "promised_unit": "working",
            }
            if rng.random() < 0.15 and enterprise is not None:
                row.update(
                    applicant_kind="enterprise",
                    enterprise_id=enterprise.pk,
                    agent_id=agent.pk if agent else None,
                    applicant_name=enterprise.name,
                    applicant_code_masked=enterprise.uscc,
                )
            else:
                who = rng.choice(citizens)
                row.update(
                    applicant_kind="person",
                    applicant_id=who.pk,
                    applicant_name=who.name,
                    applicant_code_masked=who.id_number_masked,
                )
            hall_id = row["hall_id"]
            clerk = world.clerks.get(hall_id) if hall_id else None

            # When it arrived. Open cases are recent; finished ones spread over two years.
            if state in CLOCK_STATES:
                # Working days r from the last working day to the due date: 1..limit (0 too
                # when today is a working day), skewed high: most cases are decided well
                # before the limit, so open ones are young. OVERDUE_SHARE are 1-10 days late.
                extension = 10 if rng.random() < 0.03 else 0
                suspended = rng.randint(3, 15) if rng.random() < 0.05 else 0
                limit = promised + extension
                r = (
                    -rng.randint(1, 10)
                    if rng.random() < OVERDUE_SHARE
                    else limit - int((limit + due_today) * rng.random() ** 1.6)
                )
                if p_unit == "natural":
                    a_idx = wd.floor(
                        today + dt.timedelta(days=r - promised - extension - suspended)
                    )
                else:
                    a_idx = t_idx + r - promised - extension - suspended
                recv_idx = a_idx - rng.choice((0, 0, 0, 1, 2))
            elif state in ("submitted", "prereview"):
                k = rng.randint(5, 12) if rng.random() < stale else rng.randint(0, 4)
                recv_idx = t_idx - k
                a_idx = -1
            elif state == "correction":
                recv_idx = t_idx - rng.randint(0, 15)
                a_idx = -1
            elif state in ("approved", "denied"):
                recv_idx = t_idx - rng.randint(2, promised + 8)
                a_idx = recv_idx + rng.choice((0, 0, 1))
            elif state == "draft":
                recv_idx = t_idx - rng.randint(0, 30)
                a_idx = -1
            else:
                recv_idx = rng.randint(start_idx, t_idx - 40)
                a_idx = recv_idx + rng.choice((0, 0, 0, 1, 2))
            # Some arrive after office hours (received the next working day), never in the future.
            recv_idx = min(recv_idx, t_idx)
            early = rng.random() < 0.1 and state not in ("submitted", "prereview", "correction")
            submitted = moment(recv_idx - early, late=early or state == "submitted")
            received_on = wd.floor(submitted.date())
            received_idx = (
                received_on + 1
                if submitted.hour >= 17 or wd.days[received_on] != submitted.date()
                else received_on
            )
            row["created_at"] = submitted - dt.timedelta(minutes=rng.randint(2, 600))
            if state == "draft":
                row["number"] = None
                yield row
                continue
            row["submitted_at"] = submitted
            row["received_on"] = wd.days[received_idx]
            prefix = f"{item.implementation_code}{submitted:%Y%m%d}"
            serials[prefix] += 1
            row["number"] = f"{prefix}{serials[prefix]:04d}"
            if state in ("submitted", "prereview", "correction"):
                if state != "submitted" and clerk is not None:
                    row["handler_id"] = clerk.pk
                yield row
                continue
            if state == "not_accepted":
                row["handler_id"] = clerk.pk if clerk else None
                row["decided_at"] = row["closed_at"] = moment(received_idx + rng.randint(0, 3))
                yield row
                continue

            # Accepted: start the clock.
            a_idx = max(a_idx, received_idx)
            accepted_at = moment(a_idx)
            row.update(
                accepted_at=accepted_at,
                accepted_on=wd.days[a_idx],
                statutory_limit=statutory,
                statutory_unit=s_unit,
                promised_limit=promised,
                promised_unit=p_unit,
            )
            row["extension_days"] = extension
            if p_unit == "natural":
                row["suspended_natural_days"] = suspended
            else:
                row["suspended_working_days"] = suspended
            row["promised_due"] = due(a_idx, promised, p_unit, extension + suspended)
            row["statutory_due"] = due(a_idx, statutory, s_unit, extension + suspended)
            step_deps = [s["department"] for s in steps] or [item.department_id]

            def approver_of(dep_id: int) -> Any:
                pool = approvers.get(dep_id) or fallback_approvers
                return rng.choice(pool)

            if state == "accepted":
                row["current_department_id"] = step_deps[0]
                row["handler_id"] = None if handling == 2 else (clerk.pk if clerk else None)
            elif state in ("reviewing", "special"):
                index = rng.randrange(len(steps)) if steps else 0
                row["step_index"] = index
                row["current_department_id"] = step_deps[min(index, len(step_deps) - 1)]
                row["handler_id"] = approver_of(row["current_department_id"]).pk
                if state == "special":
                    row["paused_from_state"] = "reviewing"
                    row["paused_on"] = wd.days[rng.randint(a_idx, t_idx)]
            else:  # decided, then perhaps delivered, archived, withdrawn or terminated
                late = rng.random() < 0.05
                limit_days = promised if p_unit == "working" else max(promised * 5 // 7, 0)
                d_idx = a_idx + (
                    limit_days + rng.randint(1, 5) if late else rng.randint(0, max(limit_days, 0))
                )
                d_idx = min(d_idx, t_idx)
                decided_at = moment(d_idx)
                last = step_deps[-1]
                row["step_index"] = max(len(steps) - 1, 0)
                row["current_department_id"] = last
                row["handler_id"] = approver_of(last).pk
                if state in ("withdrawn", "terminated"):
                    row["closed_at"] = decided_at
                else:
                    row["decided_at"] = row["closed_at"] = decided_at
                    row["decided_on_time"] = decided_at.date() <= row["promised_due"]
                if state in ("delivered", "archived"):
                    row["delivered_at"] = moment(min(d_idx + rng.randint(0, 5), t_idx))
                if state == "archived":
                    row["handler_id"] = None
            yield row
        world.extra["serials"] = serials

    return rows()


# --- writing ---------------------------------------------------------------------------------
def _columns() -> tuple[list[str], dict[str, Any]]:
    """Case columns (without id) and the default of each."""
    from onewindow.cases.models import Case

    columns, defaults = [], {}
    for f in Case._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(f.column)
        default = f.get_default()
        if f.get_internal_type() == "JSONField":
            default = json.dumps(default)
        defaults[f.attname] = default
    return columns, defaults


def load(world: World, n: int, *, seed: int = 4, stale: float = 0.005) -> dict[str, float]:
    """Insert `n` cases (plus their counters and open special procedures); returns timings.
    Raises if this database already holds a load (drop it, or use a fresh one)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from onewindow.cases.models import Case, CaseCounter, SpecialProcedure, queue_of
    from onewindow.catalog.models import SpecialProcedureKind

    if loaded_count():
        raise RuntimeError("this database already holds a benchmark case load")
    columns, defaults = _columns()
    attnames = [f.attname for f in Case._meta.concrete_fields if not f.primary_key]
    vendor = connection.vendor
    utc = dt.UTC
    first_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    timings: dict[str, float] = {}
    start = time.perf_counter()
    specials: list[tuple[int, dt.date]] = []

    fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
    datetimes = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"]
    dates = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateField"]

    def sqlite_row(case_id: int, row: dict[str, Any]) -> list[Any]:
        # What Django's SQLite backend stores: naive UTC datetimes and ISO dates, as text.
        values = [row.get(a, defaults[a]) for a in attnames]
        for i in datetimes:
            if (v := values[i]) is not None:
                values[i] = str(v.astimezone(utc).replace(tzinfo=None))
        for i in dates:
            if (v := values[i]) is not None:
                values[i] = v.isoformat()
        return [case_id, *values]

    if vendor == "sqlite":
        # A page cache that holds the growing indexes: the default 2 MB spills pages to the
        # WAL again and again during one big transaction (a 1 GB WAL by 200,000 rows).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -1000000")
    with transaction.atomic():
        cursor_ctx = connection.cursor()
        with cursor_ctx as cursor:
            # Drop the plain indexes and build them again after the rows are in: one sort
            # per index instead of a million B-tree inserts into each of twenty.
            indexes = _plain_indexes(cursor, vendor, Case._meta.db_table)
            for name, _sql in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            rows = (
                {**row, "queue": queue_of(row["state"], row["step_index"], row["step_count"])}
                for row in generate(world, n, seed=seed, stale=stale)
            )
            next_id = first_id
            if vendor == "postgresql":
                sql = f"COPY {Case._meta.db_table} (id, {', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        values = [next_id, *(row.get(a, defaults[a]) for a in attnames)]
                        if row["state"] == "special":
                            specials.append((next_id, row["paused_on"]))
                        copy.write_row(values)
                        next_id += 1
            else:
                placeholders = ", ".join(["%s"] * (len(columns) + 1))
                sql = (
                    f"INSERT INTO {Case._meta.db_table} (id, {', '.join(columns)}) "
                    f"VALUES ({placeholders})"
                )
                batch: list[list[Any]] = []
                for row in rows:
                    if row["state"] == "special":
                        specials.append((next_id, row["paused_on"]))
                    batch.append(sqlite_row(next_id, row))
                    next_id += 1
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
            timings["rows"] = time.perf_counter() - start
            t0 = time.perf_counter()
            if vendor == "postgresql":
                # Check the rows' deferred foreign keys now: PostgreSQL builds no index on a
                # table with pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, index_sql in indexes:
                cursor.execute(index_sql)
            timings["indexes"] = time.perf_counter() - t0
        timings["cases"] = time.perf_counter() - start

        t0 = time.perf_counter()
        serials = world.extra.pop("serials", {})
        existing = dict(CaseCounter.objects.values_list("prefix", "pk"))
        CaseCounter.objects.bulk_create(
            [CaseCounter(prefix=p, value=v) for p, v in serials.items() if p not in existing],
            batch_size=5000,
        )
        CaseCounter.objects.bulk_update(
            [CaseCounter(pk=existing[p], value=v) for p, v in serials.items() if p in existing],
            ["value"],
            batch_size=1000,
        )
        kinds = list(SpecialProcedureKind.objects.filter(is_active=True).order_by("pk"))
        rng = random.Random(seed)
        SpecialProcedure.objects.bulk_create(
            [
                SpecialProcedure(
                    case_id=case_id,
                    kind=rng.choice(kinds),
                    reason="需要组织专家评审",
                    expected_days=rng.randint(3, 15),
                    started_on=on,
                )
                for case_id, on in specials
            ],
            batch_size=5000,
        )
        CaseCounter.objects.create(prefix=MARKER, value=n)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case]):
                cursor.execute(sql)
        timings["counters"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        cursor.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - start
    return timings


def _plain_indexes(cursor: Any, vendor: str, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that back no constraint."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
    return [(name, sql) for name, sql in cursor.fetchall()]


def ensure_loaded(n: int) -> tuple[World, bool]:
    """The world, with `n` cases loaded unless an earlier run left at least that many.
    Returns (world, loaded_now)."""
    world = prepare()
    have = loaded_count()
    if have >= n:
        return world, False
    if have:
        raise RuntimeError(
            f"this database holds {have:,} benchmark cases, fewer than {n:,}: use a fresh one"
        )
    start = time.perf_counter()
    timings = load(world, n)
    world.extra["timings"] = timings
    world.extra["load_seconds"] = time.perf_counter() - start
    return world, True
