"""高效办成一件事 (issue 6): submitting a whole bundle through the API, and the lead
department's coordination list over 10,000 bundle cases with 60,000 member cases.

Targets: submitting the 7-member 新生儿出生 through the API p95 < 150 ms; the coordination
list p95 < 50 ms with 10,000 bundle cases and 60,000 member cases.

    uv run python -m bench bundles_submit bundles_coordination

Both run in-process through Django's test client (one thread: the server's own work per
request, without HTTP), on a fresh SQLite database unless `DATABASE_URL` names another.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

from bench import runner
from bench.runner import Context, benchmark

NEWBORN_ALL = {
    "social_card": "yes",
    "medical_insurance": "yes",
    "reimbursement": "yes",
    "parenting": "yes",
}
BUNDLE_CASES = 10_000
MEMBERS_PER_CASE = 6
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

_ready = False


def pct(samples: list[float], q: int) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def prepare() -> None:
    """The demo county, catalog and the 27 published bundles (not measured)."""
    global _ready
    if _ready:
        return
    runner.setup_django()
    from django.db import transaction

    from onewindow import demo
    from onewindow.bundles import demo as bundle_demo

    with transaction.atomic():
        ctx = demo.load_all(upto="onewindow.catalog.demo")
        bundle_demo.load_definitions(ctx)
    _ready = True


def _queries() -> Any:
    from bench.bench_cases import counting

    return counting()


def _token(user: Any) -> str:
    from onewindow.identity.services import token_issue

    return token_issue(actor=None, user_id=user.pk, name="基准测试", days=1)[1]


@benchmark("bundles_submit", help="POST /api/v1/bundles/newborn/apply, 7 members (p95 < 150 ms)")
def bench_bundles_submit(ctx: Context) -> None:
    prepare()
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from onewindow.bundles import selectors
    from onewindow.bundles.demo_cases import sample_value
    from onewindow.bundles.models import BundleCase
    from onewindow.identity.models import User

    citizen = User.objects.get(username="zhangsan")
    bundle = selectors.bundle_by_code("newborn")
    plan = selectors.guide(bundle, NEWBORN_ALL)
    assert len(plan.members) == 7, [m.name for m in plan.members]
    form = {f.key: sample_value(f, citizen, None) for f in plan.form}
    asked = [m for m in plan.materials if m.asked]
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {_token(citizen)}")
    count = 20 if ctx.quick else 200
    ms: list[float] = []
    queries: list[int] = []
    cpu_start = time.process_time()
    for k in range(count + 3):
        body: dict[str, Any] = {
            "answers": json.dumps(NEWBORN_ALL, ensure_ascii=False),
            "form": json.dumps(form, ensure_ascii=False),
            "channel": "mobile",
        }
        for m in asked:
            body[f"material-{m.key}"] = SimpleUploadedFile(
                f"{m.name}.pdf", PDF, content_type="application/pdf"
            )
        with _queries() as q:
            t0 = time.perf_counter()
            r = client.post("/api/v1/bundles/newborn/apply", body)
            elapsed = time.perf_counter() - t0
        if r.status_code != 201:
            raise RuntimeError(f"apply: HTTP {r.status_code}: {r.content[:400]!r}")
        if k >= 3:  # the first requests warm caches and imports
            ms.append(elapsed * 1000)
            queries.append(q.count)
    cpu = time.process_time() - cpu_start
    last = BundleCase.objects.order_by("-id").first()
    assert last is not None
    members = last.members.count()
    started = last.members.filter(status="started").count()
    params = {"db": runner.db_vendor(), "members": members, "started": started, "n": count}
    ctx.report("apply p50", statistics.median(ms), "ms", **params)
    ctx.report("apply p95", pct(ms, 95), "ms", target="< 150", **params)
    ctx.report("apply max", max(ms), "ms", **params)
    ctx.report("CPU per apply", cpu / (count + 3) * 1000, "ms", **params)
    ctx.report("queries per apply", statistics.median(queries), "queries", **params)
    ctx.report("materials uploaded per apply", len(asked), "files", **params)


def load_coordination(total: int, per_case: int, *, seed: int = 6) -> dict[str, Any]:
    """`total` bundle cases over the 27 bundles, `per_case` member cases each (the first
    members of the bundle's version; waiting ones have no case yet), bulk-inserted."""
    from django.db import connection, transaction
    from django.utils import timezone

    from bench import cases_data
    from onewindow.bundles.models import Bundle, BundleCase, BundleMemberCase
    from onewindow.cases.models import Case
    from onewindow.core.workdays import Calendar
    from onewindow.identity.models import User

    rng = random.Random(seed)
    world = cases_data.prepare()
    member_total = total * per_case
    if cases_data.loaded_count() == 0:
        cases_data.load(world, member_total)
    case_rows = list(
        Case.objects.filter(bundled=False)
        .order_by("id")
        .values_list("id", "state", "department_id")[:member_total]
    )
    rng.shuffle(case_rows)
    bundles = list(Bundle.objects.select_related("published_version").order_by("id"))
    members = {
        b.pk: list(b.published_version.members.select_related("item").order_by("order"))
        for b in bundles
        if b.published_version
    }
    citizens = list(User.objects.filter(kind=User.Kind.PUBLIC).order_by("id")[:300])
    cal = Calendar()
    today = timezone.localdate()
    state_of = {
        "approved": "granted",
        "delivered": "granted",
        "archived": "granted",
        "denied": "refused",
        "not_accepted": "refused",
        "withdrawn": "cancelled",
        "terminated": "cancelled",
    }
    start = time.perf_counter()
    with transaction.atomic():
        rows: list[BundleCase] = []
        for i in range(total):
            bundle = bundles[i % len(bundles)]
            version = bundle.published_version
            received = today - dt.timedelta(days=rng.randint(0, 40))
            finished = rng.random() < 0.6
            person = citizens[i % len(citizens)]
            rows.append(
                BundleCase(
                    number=f"YJS{received:%Y%m%d}{i:06d}",
                    bundle=bundle,
                    version=version,
                    bundle_name=bundle.name,
                    lead_department_id=version.lead_department_id,
                    applicant_kind="person",
                    applicant=person,
                    applicant_name=person.name,
                    channel=rng.choice(["pc", "mobile", "window"]),
                    created_by=person,
                    status=rng.choice(["done", "stopped"])
                    if finished
                    else rng.choice(["in_progress"] * 6 + ["correction", "ready"]),
                    received_on=received,
                    submitted_at=timezone.make_aware(
                        dt.datetime.combine(received, dt.time(9, rng.randint(0, 59)))
                    ),
                    promised_limit=version.promised_limit,
                    promised_due=cal.add_working_days(received, version.promised_limit),
                    finished_at=timezone.now() if finished else None,
                    fully_online=rng.random() < 0.7 if finished else None,
                )
            )
        before = BundleCase.objects.order_by("-id").values_list("id", flat=True).first() or 0
        BundleCase.objects.bulk_create(rows, batch_size=2000)
        created = list(
            BundleCase.objects.filter(id__gt=before).order_by("id").values_list("id", "bundle_id")
        )
        member_rows: list[BundleMemberCase] = []
        next_case = 0
        for bc_id, bundle_id in created:
            ms = members[bundle_id]
            for order in range(per_case):
                m = ms[order % len(ms)]
                case_id, state, department_id = case_rows[next_case]
                next_case += 1
                member_rows.append(
                    BundleMemberCase(
                        bundle_case_id=bc_id,
                        member=m,
                        key=f"{m.key}-{order}" if order >= len(ms) else m.key,
                        name=str(m),
                        department_id=department_id,
                        status=state_of.get(state, "started"),
                        case_id=case_id,
                        order=order + 1,
                    )
                )
        BundleMemberCase.objects.bulk_create(member_rows, batch_size=5000)
        Case.objects.filter(pk__in=[c for c, _s, _d in case_rows]).update(bundled=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"seconds": time.perf_counter() - start, "members": len(member_rows)}


@benchmark(
    "bundles_coordination",
    help="GET the lead department's coordination list over 10,000 bundle cases (p95 < 50 ms)",
)
def bench_bundles_coordination(ctx: Context) -> None:
    prepare()
    from django.db.models import Count
    from django.test import Client

    from onewindow.bundles import selectors
    from onewindow.bundles.models import BundleCase
    from onewindow.core.permissions import Role
    from onewindow.identity.models import User

    total = 1_000 if ctx.quick else BUNDLE_CASES
    if BundleCase.objects.count() < total:  # bundles_submit may have added a few hundred
        loaded = load_coordination(total, MEMBERS_PER_CASE)
        ctx.report(
            "load", loaded["seconds"], "s", bundle_cases=total, member_cases=loaded["members"]
        )
    lead_id, led = (
        BundleCase.objects.values_list("lead_department_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    in_lead = list(User.objects.filter(kind=User.Kind.STAFF, department_id=lead_id).order_by("id"))
    staff = next((u for u in in_lead if u.has_role(Role.APPROVER)), in_lead[0])
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {_token(staff)}")
    leader = User.objects.get(username="lingdao")
    pages = {
        "API open, page 1": ("/api/v1/bundles/cases?status=open&limit=50", client),
        "API all, page 5": ("/api/v1/bundles/cases?limit=50&offset=200", client),
        "API county-wide (县领导)": (
            "/api/v1/bundles/cases?status=open&limit=50",
            Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {_token(leader)}"),
        ),
    }
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # as `onewindow serve` needs
    html = Client(HTTP_HOST="127.0.0.1")
    html.force_login(staff, backend="onewindow.identity.auth.LockoutModelBackend")
    pages["page /bundles/?status=open"] = ("/bundles/?status=open", html)
    n = 30 if ctx.quick else 200
    print(f"  (as {staff.username}: {', '.join(sorted(staff.role_codes))})")
    params = {
        "db": runner.db_vendor(),
        "bundle_cases": BundleCase.objects.count(),
        "lead_cases": led,
        "n": n,
    }
    for label, (url, c) in pages.items():
        for _ in range(3):
            r = c.get(url)
            if r.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {r.status_code}: {r.content[:300]!r}")
        ms: list[float] = []
        with _queries() as q:
            c.get(url)
        for _ in range(n):
            t0 = time.perf_counter()
            c.get(url)
            ms.append((time.perf_counter() - t0) * 1000)
        ctx.report(f"{label} p50", statistics.median(ms), "ms", **params)
        ctx.report(
            f"{label} p95",
            pct(ms, 95),
            "ms",
            target="< 50",
            queries=q.count,
            **params,
        )
    t0 = time.perf_counter()
    for _ in range(n):
        selectors.coordination(staff, status="open")
    ctx.report("selector only, per page", (time.perf_counter() - t0) / n * 1000, "ms", **params)
