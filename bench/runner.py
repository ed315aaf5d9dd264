"""The benchmark registry, timing helpers and command line behind `python -m bench`.

A benchmark is a function taking a `Context`, registered with `@benchmark(name, help=...)` in
a module `bench/bench_<area>.py`; every such module is imported by `discover()`.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import importlib
import json
import os
import pkgutil
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent


class Skip(Exception):
    """Raised by a benchmark (or `setup_django`) when it cannot run here; results reported
    before the raise are kept."""


class DjangoUnavailable(Skip):
    """Django could not be set up: the apps do not import or the migrations do not apply."""


@dataclass
class Result:
    benchmark: str
    metric: str
    value: float
    unit: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What a benchmark receives: the options and a place to report measurements."""

    name: str
    quick: bool = False
    keep_db: bool = False
    results: list[Result] = field(default_factory=list)

    def report(self, metric: str, value: float, unit: str, **params: Any) -> None:
        result = Result(self.name, metric, float(value), unit, params)
        self.results.append(result)
        print(f"  {metric:<34} {_fmt(result.value):>14} {unit:<10} {_fmt_params(params)}")

    # Timing defaults: each repeat runs at least `min_time` seconds; the median repeat counts.
    @property
    def min_time(self) -> float:
        return 0.05 if self.quick else 0.25

    @property
    def repeat(self) -> int:
        return 3 if self.quick else 7

    def per_call(self, fn: Callable[[], object]) -> float:
        """Median seconds per call of `fn`, with this context's time budget."""
        return time_per_call(fn, min_time=self.min_time, repeat=self.repeat)

    def rate(self, fn: Callable[[], object], *, items: int = 1) -> float:
        """Items per second when one call of `fn` handles `items` items."""
        return items / self.per_call(fn)


@dataclass
class Benchmark:
    name: str
    func: Callable[[Context], None]
    help: str


REGISTRY: dict[str, Benchmark] = {}


def benchmark(
    name: str, *, help: str = ""
) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register `func(ctx)` under `name` for `python -m bench <name>`."""

    def register(func: Callable[[Context], None]) -> Callable[[Context], None]:
        if name in REGISTRY or name == "all":
            raise ValueError(f"benchmark name {name!r} is taken")
        REGISTRY[name] = Benchmark(name, func, help or (func.__doc__ or "").strip())
        return func

    return register


def discover() -> list[str]:
    """Import every `bench/bench_*.py`; return messages for modules that failed to import."""
    errors = []
    for module in sorted(pkgutil.iter_modules([str(BENCH_DIR)]), key=lambda m: m.name):
        if module.name.startswith("bench_"):
            try:
                importlib.import_module(f"bench.{module.name}")
            except Exception as exc:
                errors.append(f"bench/{module.name}.py: {type(exc).__name__}: {exc}")
    return errors


# --- timing ------------------------------------------------------------------------------
def time_per_call(fn: Callable[[], object], *, min_time: float = 0.25, repeat: int = 7) -> float:
    """Median seconds per call over `repeat` runs of a loop sized to last >= `min_time`."""
    fn()  # warm up caches and lazy imports
    loops = 1
    while True:  # calibrate like timeit.autorange
        elapsed = _loop(fn, loops)
        if elapsed >= min_time:
            break
        loops *= 10 if elapsed < min_time / 10 else 2
    samples = [elapsed / loops] + [_loop(fn, loops) / loops for _ in range(repeat - 1)]
    return statistics.median(samples)


def _loop(fn: Callable[[], object], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        fn()
    return time.perf_counter() - start


def median_time(fn: Callable[[], object], *, repeat: int) -> float:
    """Median wall time of `repeat` single calls (for operations too slow to loop)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


# --- Django ------------------------------------------------------------------------------
_OPTIONS = argparse.Namespace(keep_db=False)
_django_ready = False


def setup_django() -> None:
    """Configure Django with a fresh SQLite database (unless --keep-db) and migrate it.

    Raises `DjangoUnavailable` when the project cannot be imported or migrated, so the
    runner reports the Django part of a benchmark as skipped instead of crashing.
    `DATABASE_URL`, when set, is honoured (and then the database is not fresh).
    """
    global _django_ready
    if _django_ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.config.settings")
    if _OPTIONS.keep_db:
        var_dir = Path(os.environ.get("ONEWINDOW_VAR_DIR", Path.cwd() / "var"))
        var_dir.mkdir(parents=True, exist_ok=True)
    else:
        var_dir = Path(tempfile.mkdtemp(prefix="onewindow-bench-"))
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
        os.environ["ONEWINDOW_VAR_DIR"] = str(var_dir)
    try:
        import django
        from django.core.management import call_command

        django.setup()
    except Exception as exc:
        raise DjangoUnavailable(f"Django setup failed: {type(exc).__name__}: {exc}") from exc
    try:
        call_command("migrate", verbosity=0, interactive=False)
    except Exception as exc:
        raise DjangoUnavailable(f"migrate failed: {type(exc).__name__}: {exc}") from exc
    from django.apps import apps
    from django.db import connection

    # An app without migrations migrates "successfully" and leaves its tables out.
    tables = set(connection.introspection.table_names())
    missing = sorted(
        model._meta.label
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in tables
    )
    if missing:
        shown = ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
        raise DjangoUnavailable(f"migrate left {len(missing)} model(s) without tables: {shown}")

    where = os.environ.get("DATABASE_URL") or f"fresh SQLite in {var_dir}"
    print(f"  (Django ready: {connection.vendor}, {where.split('@')[-1]})")
    _django_ready = True


def db_vendor() -> str:
    from django.db import connection

    return connection.vendor


# --- output ------------------------------------------------------------------------------
def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:,.2f}"
    return f"{value:.4g}"


def _fmt_params(params: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items())


def print_table(results: Sequence[Result]) -> None:
    rows = [("benchmark", "metric", "value", "unit", "parameters")]
    rows += [(r.benchmark, r.metric, _fmt(r.value), r.unit, _fmt_params(r.params)) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2])]
        print("  ".join([*cells, row[3].ljust(widths[3]), row[4]]).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in [*widths, len("parameters")]))


def machine_info() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "git_commit": commit,
    }


# --- command line ------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Run onewindow benchmarks and print a table."
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run, or 'all'")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer iterations (smoke test)")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="use the configured ONEWINDOW_VAR_DIR/DATABASE_URL instead of a fresh temp DB",
    )
    args = parser.parse_args(argv)
    import_errors = discover()
    for message in import_errors:
        print(f"warning: could not import {message}", file=sys.stderr)

    if args.list or not args.names:
        for bench in REGISTRY.values():
            print(f"{bench.name:<16} {bench.help}")
        if not args.list:
            parser.print_usage()
        return 0 if args.list else 2
    names = list(REGISTRY) if "all" in args.names else args.names
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (see --list)")

    _OPTIONS.keep_db = args.keep_db
    results: list[Result] = []
    skipped: list[dict[str, str]] = []
    failed: list[str] = []
    for name in names:
        ctx = Context(name, quick=args.quick, keep_db=args.keep_db)
        print(f"== {name}{' (quick)' if args.quick else ''} ==")
        start = time.perf_counter()
        try:
            REGISTRY[name].func(ctx)
        except Skip as exc:
            print(f"  SKIPPED (rest of {name}): {exc}")
            skipped.append({"benchmark": name, "reason": str(exc)})
        except Exception:
            traceback.print_exc()
            print(f"  FAILED: {name}")
            failed.append(name)
        print(f"  ({time.perf_counter() - start:.1f}s)")
        results.extend(ctx.results)

    print()
    print_table(results)
    for skip in skipped:
        print(f"skipped part of {skip['benchmark']}: {skip['reason']}")
    if args.json:
        payload = {
            "machine": machine_info(),
            "options": {"quick": args.quick, "keep_db": args.keep_db, "benchmarks": names},
            "results": [asdict(r) for r in results],
            "skipped": skipped,
            "failed": failed,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {args.json}")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
