"""The case engine under a million cases (issue 4): loading them, the deadline sweeps, the
department inbox with 16 concurrent users, and submitting + accepting through the API.

Targets (on 2 CPUs): inbox page p95 < 50 ms with 16 concurrent users; the sweeps over all
open cases < 10 s; submit + accept >= 200 cases/s.

The size is `BENCH_CASES` (default 1,000,000; 20,000 with --quick). The benchmarks share one
load per process, so run them together, in this order:

    uv run python -m bench cases_load cases_sweep cases_inbox cases_submit

Each one loads the cases itself when run alone (or reuses an earlier load of the same
database, e.g. a PostgreSQL `bench` database).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench import cases_data, runner
from bench.runner import Context, benchmark

FULL_SIZE = 1_000_000
QUICK_SIZE = 20_000
USERS = 16
# What a department's approvers open, in proportion: mostly the review queue.
BOX_MIX = ["to_review", "to_review", "to_review", "to_decide", "warnings", "overdue", "special"]

_world: cases_data.World | None = None


def size(ctx: Context) -> int:
    raw = os.environ.get("BENCH_CASES")
    if raw:
        return int(raw.replace("_", "").replace(",", ""))
    return QUICK_SIZE if ctx.quick else FULL_SIZE


def world(ctx: Context) -> cases_data.World:
    """The loaded world, loading it now if this process has not (set-up, not measured)."""
    global _world
    if _world is None:
        runner.setup_django()
        n = size(ctx)
        start = time.perf_counter()
        _world, loaded = cases_data.ensure_loaded(n)
        what = "loaded" if loaded else "reused"
        print(f"  ({what} {n:,} cases in {time.perf_counter() - start:.1f}s)")
    print(f"  (load average: {_loadavg()})")
    return _world


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def pct(samples: list[float], q: int) -> float:
    """The q-th percentile (inclusive method), e.g. pct(s, 95)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


class QueryCount:
    """Counts the SQL statements this thread's connection runs (no 9,000-query cap, unlike
    CaptureQueriesContext) and their total time; `keep` also keeps the statements."""

    def __init__(self, keep: bool = False) -> None:
        self.count = 0
        self.seconds = 0.0
        self.statements: list[str] | None = [] if keep else None

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        if self.statements is not None:
            self.statements.append(sql)
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


@contextmanager
def counting(keep: bool = False) -> Iterator[QueryCount]:
    from django.db import connection

    counter = QueryCount(keep)
    with connection.execute_wrapper(counter):
        yield counter


# --- cases_load ------------------------------------------------------------------------------
@benchmark("cases_load", help="bulk-load 1,000,000 cases (BENCH_CASES) with a realistic spread")
def bench_cases_load(ctx: Context) -> None:
    global _world
    runner.setup_django()
    from django.db import connection

    from onewindow.cases.models import Case

    vendor = connection.vendor
    start = time.perf_counter()
    w = cases_data.prepare()
    ctx.report(
        "prepare (demo, staff, citizens)",
        time.perf_counter() - start,
        "s",
        db=vendor,
        staff=sum(len(v) for v in w.approvers.values()) + len(w.dept_admins) + len(w.clerks),
    )
    have = cases_data.loaded_count()
    if have:
        _world = w
        raise runner.Skip(f"this database already holds {have:,} benchmark cases (drop it)")
    n = size(ctx)
    timings = cases_data.load(w, n)
    _world = w
    total = timings["total"]
    ctx.report("load cases", total, "s", cases=n, db=vendor)
    ctx.report("load rate", n / total, "cases/s", cases=n, db=vendor)
    ctx.report("  of which rows", timings["rows"], "s", db=vendor)
    ctx.report("  of which indexes", timings["indexes"], "s", db=vendor)
    ctx.report("  of which ANALYZE", timings["analyze"], "s", db=vendor)
    states = Counter(dict(Case.objects.values_list("state").annotate(n=_count())))
    open_ = sum(states[s] for s in cases_data.OPEN_STATES)
    print(f"  (states: {dict(states.most_common())})")
    ctx.report("open cases", open_, "cases", share=f"{open_ / max(n, 1):.1%}", db=vendor)


def _count() -> Any:
    from django.db.models import Count

    return Count("pk")


# --- cases_sweep -----------------------------------------------------------------------------
SWEEPS = ["auto_accept", "near_sweep", "overdue_sweep", "supervision_sweep"]


def _run_sweeps(ctx: Context, label: str, today: dt.date | None, vendor: str) -> None:
    """`sweeps.run_all(today)`, one sweep at a time so each gets its own time and rows."""
    from onewindow.cases import sweeps

    total = 0.0
    rows_total = 0
    for name in SWEEPS:
        fn = getattr(sweeps, name)
        with counting(keep=True) as queries:
            start = time.perf_counter()
            rows = fn(today)
            seconds = time.perf_counter() - start
        total += seconds
        rows_total += rows
        if rows and queries.statements:
            shapes = Counter(_shape(s) for s in queries.statements)
            top = ", ".join(f"{k} ×{v}" for k, v in shapes.most_common(8))
            print(f"  ({label} {name}: {top})")
        ctx.report(
            f"{label}: {name}",
            seconds,
            "s",
            rows=rows,
            queries=queries.count,
            sql_s=round(queries.seconds, 2),
            db=vendor,
        )
    ctx.report(f"{label}: run_all total", total, "s", rows=rows_total, db=vendor)


@benchmark("cases_sweep", help="sweeps.run_all() over the open cases of the 1,000,000 (< 10 s)")
def bench_cases_sweep(ctx: Context) -> None:
    w = world(ctx)
    from django.db import connection

    from onewindow.cases.models import CLOCK_RUNNING, Case, CaseWarning, SupervisionOrder
    from onewindow.core.workdays import Calendar

    vendor = connection.vendor
    open_cases = Case.objects.filter(state__in=cases_data.OPEN_STATES).count()
    running = Case.objects.filter(state__in=CLOCK_RUNNING, paused_on__isnull=True).count()
    ctx.report("open cases", open_cases, "cases", running_clocks=running, db=vendor)
    print(f"  (load average: {_loadavg()})")
    if CaseWarning.objects.exists() or SupervisionOrder.objects.exists():
        print("  (warnings exist already: the first run is not a backlog run)")
    # First run over a fresh load: every near and overdue case is new (a backlog).
    _run_sweeps(ctx, "first run", None, vendor)
    # Same day again: nothing new, the cost of looking (every 30 minutes in production).
    _run_sweeps(ctx, "again", None, vendor)
    # The next working day: the day's newly near and overdue cases.
    _run_sweeps(ctx, "next day", Calendar().add_working_days(w.today, 1), vendor)


# --- the live server -------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`onewindow serve` (waitress, its default 16 threads) in a subprocess on this database.

    `serve` refuses the development secrets; when they are in use (a throw-away benchmark
    database) the same waitress server is started through `cli._serve_wsgi`, which is what
    `serve` calls after its checks and collectstatic.
    """

    def __init__(self) -> None:
        from onewindow import cli

        self.port = _free_port()
        defaults = cli.build_parser().parse_args(["serve"])
        self.threads, self.workers = defaults.threads, defaults.workers
        self.log_path = os.path.join(os.environ.get("ONEWINDOW_VAR_DIR", "/tmp"), "serve.log")
        if cli._production_problems():
            self.how = "cli._serve_wsgi (development keys)"
            code = (
                "import sys; from onewindow import cli; cli._django(); "
                "cli._serve_wsgi('127.0.0.1', int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))"
            )
            cmd = [
                sys.executable,
                "-c",
                code,
                str(self.port),
                str(self.threads),
                str(self.workers),
            ]
        else:
            self.how = "onewindow serve"
            cmd = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(self.port)]
        env = os.environ.copy()
        env.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.config.settings")
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/cases/inbox")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start in {timeout}s:\n{self.tail()}")

    def cpu_seconds(self) -> float:
        """User + system CPU the server (its processes: the parent and the forked server
        processes) has used (Linux), to tell its own cost per request from time spent
        waiting for the CPU on a busy machine."""
        total = 0.0
        try:
            pids = [self.proc.pid]
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat") as f:
                            if int(f.read().rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                                pids.append(int(entry))
                    except OSError:
                        continue
            for pid in pids:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return float("nan")
        return total

    def tail(self) -> str:
        self.log.flush()
        with open(self.log_path) as f:
            return "".join(f.readlines()[-20:])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def __enter__(self) -> Server:
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Http:
    """One keep-alive connection, as one browser or terminal holds it."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = headers
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes, float]:
        """(status, body, seconds)."""
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        return response.status, payload, time.perf_counter() - start


def _session_cookie(user: Any) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _closed_loop(
    workers: list[Callable[[int], tuple[bool, float]]],
    seconds: float,
    think: tuple[float, float] | None = None,
) -> tuple[list[float], int, float]:
    """Run each worker (one thread each) for `seconds`, back to back or pausing a random
    `think` time (seconds, uniform in the range) after each call, as a person reading the
    page would. A worker call returns (ok, latency). Returns (latencies of successful
    calls, failures, elapsed)."""
    latencies: list[list[float]] = [[] for _ in workers]
    failures = [0] * len(workers)
    stop = time.perf_counter() + seconds
    start_gate = threading.Barrier(len(workers) + 1)
    reasons: Counter[str] = Counter()

    def run(i: int) -> None:
        pause = random.Random(i)
        start_gate.wait()
        if think:
            # People do not all click at the same instant: each starts somewhere in their
            # first reading pause instead of the 16 arriving together at the gate.
            time.sleep(pause.uniform(0, think[1]))
        n = 0
        while time.perf_counter() < stop:
            if think and n:
                time.sleep(pause.uniform(*think))
            try:
                ok, latency = workers[i](n)
            except Exception as exc:
                ok, latency = False, 0.0
                reasons[f"{type(exc).__name__}: {exc}"[:120]] += 1
            if ok:
                latencies[i].append(latency)
            else:
                failures[i] += 1
            n += 1

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(workers))]
    for t in threads:
        t.start()
    start_gate.wait()
    begin = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - begin
    if reasons:
        print(f"  (failures: {dict(reasons.most_common(3))})")
    return [x for xs in latencies for x in xs], sum(failures), elapsed


# --- cases_inbox -----------------------------------------------------------------------------
def _inbox_users(w: cases_data.World, count: int) -> list[Any]:
    """Approvers of the departments with most running cases, round robin (16 people of 12
    departments)."""
    from django.db.models import Count

    from onewindow.cases.models import CLOCK_RUNNING, Case

    busy = [
        dep
        for dep, _n in Case.objects.filter(state__in=CLOCK_RUNNING)
        .values_list("current_department_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        if dep in w.approvers
    ]
    users: list[Any] = []
    for i in range(cases_data.APPROVERS_PER_DEPARTMENT):
        users += [w.approvers[dep][i] for dep in busy]
    return users[:count]


def _inbox_profile(ctx: Context, user: Any, vendor: str) -> None:
    """Where the time of one page goes, in-process: the rows (values and clocks), the capped
    count, the JSON; and how many SQL statements a request runs."""
    from django.test import Client

    from onewindow.cases import selectors
    from onewindow.cases.api import IsoJSONEncoder
    from onewindow.core.permissions import scope_of

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/api/v1/cases/inbox/to_review")  # the session's first write
    for box in ["to_review", "to_decide", "warnings", "overdue"]:
        with counting() as q:
            response = client.get(f"/api/v1/cases/inbox/{box}?page=1")
        assert response.status_code == 200, response.content[:300]
        data = response.json()
        ctx.report(
            f"queries per page ({box})",
            q.count,
            "queries",
            rows=len(data["items"]),
            count=data["count"],
            db=vendor,
        )
    box = "to_review"
    parts: dict[str, list[float]] = {"rows": [], "count": [], "json": []}
    for _ in range(10 if ctx.quick else 30):
        user.__dict__.pop("_onewindow_scope", None)
        scope_of(user)
        t0 = time.perf_counter()
        qs = selectors.inbox(user, box)
        rows = selectors.row_dicts(qs, 0, 50)  # values, clocks, the row dicts
        t1 = time.perf_counter()
        count = selectors.capped_count(qs)
        t2 = time.perf_counter()
        page = {"box": box, "label": "", "count": count, "page": 1, "page_size": 50}
        json.dumps({**page, "items": rows}, cls=IsoJSONEncoder, ensure_ascii=False)
        t3 = time.perf_counter()
        for key, seconds in zip(parts, [t1 - t0, t2 - t1, t3 - t2], strict=True):
            parts[key].append(seconds * 1000)
    for key, samples in parts.items():
        ctx.report(f"in-process {box}: {key}", statistics.median(samples), "ms", db=vendor)


@benchmark("cases_inbox", help="department inbox API page, 16 concurrent users (p95 < 50 ms)")
def bench_cases_inbox(ctx: Context) -> None:
    w = world(ctx)
    from django.db import connection

    from onewindow.cases import sweeps
    from onewindow.cases.models import CaseWarning

    vendor = connection.vendor
    n = cases_data.loaded_count()
    if not CaseWarning.objects.exists():
        start = time.perf_counter()
        made = sweeps.near_sweep()
        print(
            f"  (near sweep for the warnings box: {made} warnings, {time.perf_counter() - start:.1f}s)"
        )
    users = _inbox_users(w, USERS)
    _inbox_profile(ctx, users[0], vendor)
    cookies = [_session_cookie(u) for u in users]
    seconds = 5.0 if ctx.quick else 30.0

    with Server() as server:
        print(
            f"  (server: {server.how}, {server.workers} processes × {server.threads} threads,"
            f" port {server.port})"
        )
        clients = [Http(server.port, {"Cookie": c}) for c in cookies]
        for client in clients:  # warm up: connections, sessions' first write, caches
            for box in set(BOX_MIX):
                status, body, _ = client.request("GET", f"/api/v1/cases/inbox/{box}?page=1")
                if status != 200:
                    raise RuntimeError(f"inbox {box}: HTTP {status}: {body[:300]!r}")

        # One user, each box in turn (the busiest department's first approver).
        per_box: dict[str, list[float]] = {box: [] for box in dict.fromkeys(BOX_MIX)}
        rounds = 10 if ctx.quick else 40
        for _ in range(rounds):
            for box in per_box:
                status, _body, latency = clients[0].request(
                    "GET", f"/api/v1/cases/inbox/{box}?page=1"
                )
                assert status == 200
                per_box[box].append(latency * 1000)
        mixed = [x for box in BOX_MIX for x in per_box[box]]  # weighted as the mix
        ctx.report("1 user p50", statistics.median(mixed), "ms", cases=n, db=vendor)
        ctx.report("1 user p95", pct(mixed, 95), "ms", cases=n, db=vendor)
        for box, samples in per_box.items():
            ctx.report(
                f"1 user {box} p95",
                pct(samples, 95),
                "ms",
                p50=round(statistics.median(samples), 1),
                db=vendor,
            )

        def worker(i: int) -> Callable[[int], tuple[bool, float]]:
            # A fresh connection: waitress closes one left idle for 120 s (channel_timeout),
            # as the 15 others are while the single user runs.
            client = Http(server.port, {"Cookie": cookies[i]})
            offset = i  # users start at different boxes

            def call(k: int) -> tuple[bool, float]:
                box = BOX_MIX[(k + offset) % len(BOX_MIX)]
                status, body, latency = client.request("GET", f"/api/v1/cases/inbox/{box}?page=1")
                if status != 200:
                    raise RuntimeError(f"{box}: HTTP {status} {body[:80]!r}")
                return True, latency * 1000

            return call

        cpu = server.cpu_seconds()
        latencies, failures, elapsed = _closed_loop([worker(i) for i in range(USERS)], seconds)
        cpu = server.cpu_seconds() - cpu
        # The same 16 people as people work: each reads a page for 0.5-1.5 s before the next.
        paced, paced_failures, paced_elapsed = _closed_loop(
            [worker(i) for i in range(USERS)], seconds, think=(0.5, 1.5)
        )
    if not latencies or not paced:
        raise RuntimeError("no successful requests")
    params: dict[str, Any] = {"users": USERS, "cases": n, "db": vendor}
    for samples, fails, took, think in [
        (latencies, failures, elapsed, "none"),
        (paced, paced_failures, paced_elapsed, "0.5-1.5s"),
    ]:
        ctx.report(f"{USERS} users p50", statistics.median(samples), "ms", think=think, **params)
        ctx.report(f"{USERS} users p95", pct(samples, 95), "ms", think=think, **params)
        ctx.report(f"{USERS} users p99", pct(samples, 99), "ms", think=think, **params)
        ctx.report(
            f"{USERS} users throughput",
            len(samples) / took,
            "req/s",
            think=think,
            failures=fails,
            seconds=round(took, 1),
            **params,
        )
    ctx.report("server CPU per request", cpu / len(latencies) * 1000, "ms", **params)
    print(f"  (load average: {_loadavg()})")


# --- cases_submit ----------------------------------------------------------------------------
_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


def _shape(sql: str) -> str:
    """'SELECT cases_case', 'INSERT core_auditevent', 'SAVEPOINT'… for a query summary."""
    verb = sql.split(None, 1)[0].upper()
    match = _TABLE.search(sql)
    return f"{verb} {match.group(1)}" if match and verb not in ("SAVEPOINT", "RELEASE") else verb


def _submit_items(w: cases_data.World) -> list[tuple[Any, Any, dict[str, Any]]]:
    """(item, clerk of its accepting hall, a complete form) for 承诺件 a citizen can apply
    for online."""
    from onewindow.catalog.formschema import validate
    from onewindow.catalog.models import ItemHall

    out = []
    for item in w.items:
        v = item.published_version
        if v.handling_type != 2 or "2" not in v.channels:
            continue
        if v.service_objects and "1" not in v.service_objects:
            continue
        hall = ItemHall.objects.filter(item=item).order_by("id").values_list("hall_id", flat=True)
        clerk = w.clerks.get(hall.first() or 0)
        form = cases_data.sample_form(v)
        if clerk is None or validate(v, form)[1]:
            continue
        out.append((item, clerk, form))
    return out


@benchmark("cases_submit", help="apply + accept through the API, cases/s (target >= 200)")
def bench_cases_submit(ctx: Context) -> None:
    w = world(ctx)
    from django.db import connection
    from django.test import Client

    from onewindow.identity.services import token_issue

    vendor = connection.vendor
    n = cases_data.loaded_count()
    items = _submit_items(w)
    if not items:
        raise runner.Skip("no 承诺件 open to citizens online in the demo catalog")
    print(f"  ({len(items)} items of {len({i.department_id for i, _c, _f in items})} departments)")
    threads = 8
    applicants = w.citizens[: max(threads, 4)]
    tokens = {
        u.pk: token_issue(actor=None, user_id=u.pk, name="基准测试", days=1)[1]
        for u in [*applicants, *{clerk.pk: clerk for _i, clerk, _f in items}.values()]
    }
    opinion = {"opinion": "申请材料齐全，符合法定形式，予以受理"}

    # In-process (Django's test client, one thread): the server's own work per request,
    # without HTTP, and the SQL each request runs.
    def client_for(user: Any) -> Client:
        return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {tokens[user.pk]}")

    citizen = client_for(applicants[0])
    clerks = {clerk.pk: client_for(clerk) for _i, clerk, _f in items}
    apply_q: list[int] = []
    accept_q: list[int] = []
    shapes: dict[str, Counter[str]] = {"apply": Counter(), "accept": Counter()}
    count = 30 if ctx.quick else 300
    start = time.perf_counter()
    cpu_start = time.process_time()
    for k in range(count):
        item, clerk, form = items[k % len(items)]
        body = {"item_id": item.pk, "channel": "pc", "form_data": form}
        with counting(keep=k == 0) as q1:
            r = citizen.post("/api/v1/cases/apply", body, content_type="application/json")
        if r.status_code != 201:
            raise RuntimeError(f"apply: HTTP {r.status_code}: {r.content[:300]!r}")
        case_id = r.json()["id"]
        with counting(keep=k == 0) as q2:
            r = clerks[clerk.pk].post(
                f"/api/v1/cases/{case_id}/actions/accept", opinion, content_type="application/json"
            )
        if r.status_code != 200:
            raise RuntimeError(f"accept: HTTP {r.status_code}: {r.content[:300]!r}")
        apply_q.append(q1.count)
        accept_q.append(q2.count)
        if k == 0:
            shapes["apply"].update(_shape(s) for s in q1.statements or [])
            shapes["accept"].update(_shape(s) for s in q2.statements or [])
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    params = {"cases": n, "db": vendor}
    ctx.report("in-process apply+accept", count / elapsed, "cases/s", threads=1, **params)
    ctx.report("in-process CPU per apply+accept", cpu / count * 1000, "ms", **params)
    ctx.report("queries per apply", statistics.median(apply_q), "queries", **params)
    ctx.report("queries per accept", statistics.median(accept_q), "queries", **params)
    for what, shape in shapes.items():
        print(f"  ({what}: " + ", ".join(f"{k} ×{v}" for k, v in shape.most_common()) + ")")

    # The live server, several terminals at once (each its own citizen; the clerk of the
    # item's hall accepts).
    seconds = 5.0 if ctx.quick else 30.0
    apply_ms: list[float] = []
    accept_ms: list[float] = []
    with Server() as server:
        print(
            f"  (server: {server.how}, {server.workers} processes × {server.threads} threads,"
            f" port {server.port})"
        )
        clerk_http = {
            (i, pk): Http(server.port, {"Authorization": f"Bearer {tokens[pk]}"})
            for i in range(threads)
            for pk in clerks
        }

        def worker(i: int) -> Callable[[int], tuple[bool, float]]:
            http = Http(server.port, {"Authorization": f"Bearer {tokens[applicants[i].pk]}"})

            def call(k: int) -> tuple[bool, float]:
                item, clerk, form = items[(k * threads + i) % len(items)]
                body = {"item_id": item.pk, "channel": "pc", "form_data": form}
                status, payload, t1 = http.request("POST", "/api/v1/cases/apply", body)
                if status != 201:
                    raise RuntimeError(f"apply: HTTP {status} {payload[:80]!r}")
                case_id = json.loads(payload)["id"]
                status, payload, t2 = clerk_http[(i, clerk.pk)].request(
                    "POST", f"/api/v1/cases/{case_id}/actions/accept", opinion
                )
                if status != 200:
                    raise RuntimeError(f"accept: HTTP {status} {payload[:80]!r}")
                apply_ms.append(t1 * 1000)
                accept_ms.append(t2 * 1000)
                return True, (t1 + t2) * 1000

            return call

        cpu = server.cpu_seconds()
        done, failures, elapsed = _closed_loop([worker(i) for i in range(threads)], seconds)
        cpu = server.cpu_seconds() - cpu
    ctx.report(
        "live server apply+accept",
        len(done) / elapsed,
        "cases/s",
        threads=threads,
        failures=failures,
        **params,
    )
    ctx.report("server CPU per apply+accept", cpu / max(len(done), 1) * 1000, "ms", **params)
    print(f"  (load average: {_loadavg()})")
    ctx.report("live apply p50", statistics.median(apply_ms), "ms", threads=threads, **params)
    ctx.report("live apply p95", pct(apply_ms, 95), "ms", threads=threads, **params)
    ctx.report("live accept p50", statistics.median(accept_ms), "ms", threads=threads, **params)
    ctx.report("live accept p95", pct(accept_ms, 95), "ms", threads=threads, **params)
