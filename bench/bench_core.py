"""Core building blocks: identity-number validators, SM3/SM4 helpers and the audit chain."""

from __future__ import annotations

import random
import time

from bench import runner
from bench.runner import Context, benchmark
from onewindow.core import sm, validators

SEED = 20250101
SAMPLES = 200  # distinct valid numbers per validator run


def valid_resident_ids(n: int, rng: random.Random) -> list[str]:
    """`n` distinct resident ID numbers that pass `resident_id_error`."""
    out: set[str] = set()
    while len(out) < n:
        region = rng.choice(["610326", "610102", "110101", "440305", "510107"])
        birth = f"{rng.randint(1930, 2015)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        first17 = f"{region}{birth}{rng.randint(0, 999):03d}"
        out.add(first17 + validators.resident_id_check_char(first17))
    return sorted(out)


def valid_usccs(n: int, rng: random.Random) -> list[str]:
    """`n` distinct unified social credit codes that pass `uscc_error`."""
    charset = validators.USCC_CHARSET
    out: set[str] = set()
    while len(out) < n:
        head = rng.choice(["91", "92", "11", "12", "51", "52"])
        region = rng.choice(["610326", "610102", "110101"])
        first17 = head + region + "".join(rng.choice(charset) for _ in range(9))
        out.add(first17 + validators.uscc_check_char(first17))
    return sorted(out)


@benchmark("core", help="validators, SM3/SM4, audit chain")
def bench_core(ctx: Context) -> None:
    bench_validators(ctx)
    bench_sm(ctx)
    bench_audit(ctx)


def bench_validators(ctx: Context) -> None:
    rng = random.Random(SEED)
    ids, usccs = valid_resident_ids(SAMPLES, rng), valid_usccs(SAMPLES, rng)
    assert all(validators.resident_id_error(v) is None for v in ids)
    assert all(validators.uscc_error(v) is None for v in usccs)
    id_heads, uscc_heads = [v[:17] for v in ids], [v[:17] for v in usccs]

    def check_ids() -> None:
        for v in ids:
            validators.resident_id_error(v)

    def check_usccs() -> None:
        for v in usccs:
            validators.uscc_error(v)

    def id_check_chars() -> None:
        for v in id_heads:
            validators.resident_id_check_char(v)

    def uscc_check_chars() -> None:
        for v in uscc_heads:
            validators.uscc_check_char(v)

    n = len(ids)
    ctx.report("resident_id_error (valid)", ctx.rate(check_ids, items=n), "ops/s", samples=n)
    ctx.report("resident_id_check_char", ctx.rate(id_check_chars, items=n), "ops/s", samples=n)
    ctx.report("uscc_error (valid)", ctx.rate(check_usccs, items=n), "ops/s", samples=n)
    ctx.report("uscc_check_char", ctx.rate(uscc_check_chars, items=n), "ops/s", samples=n)


def bench_sm(ctx: Context) -> None:
    key = bytes(range(16))
    value = "610326199001011234"  # an 18-character value, as stored for resident IDs
    data = value.encode()
    kib = bytes(random.Random(SEED).randrange(256) for _ in range(1024))
    token = sm.sm4_encrypt(key, value)
    assert sm.sm4_decrypt(key, token) == value

    ctx.report("sm3_hex", ctx.rate(lambda: sm.sm3_hex(data)), "ops/s", bytes=len(data))
    ctx.report("sm3_hex throughput", ctx.rate(lambda: sm.sm3_hex(kib)), "KiB/s", bytes=1024)
    ctx.report("hmac_sm3", ctx.rate(lambda: sm.hmac_sm3(key, data)), "ops/s", bytes=len(data))
    ctx.report("sm4_encrypt", ctx.rate(lambda: sm.sm4_encrypt(key, value)), "ops/s", chars=18)
    ctx.report("sm4_decrypt", ctx.rate(lambda: sm.sm4_decrypt(key, token)), "ops/s", chars=18)


def bench_audit(ctx: Context) -> None:
    runner.setup_django()  # raises runner.Skip when the apps or migrations are not ready
    try:
        from django.db import transaction

        from onewindow.core import audit, context
    except ImportError as exc:
        raise runner.DjangoUnavailable(f"cannot import the audit trail: {exc}") from exc

    n = 300 if ctx.quick else 2000
    vendor = runner.db_vendor()
    with context.bind(ip="127.0.0.1"):
        start = time.perf_counter()
        for i in range(n):
            with transaction.atomic():
                audit.record(
                    code="bench.item_changed",
                    object_type="bench.item",
                    object_id=str(i),
                    object_repr=f"基准对象 {i}",
                    after={"i": i, "name": f"事项 {i}", "state": "已受理"},
                )
        elapsed = time.perf_counter() - start
    ctx.report("audit.record (1 txn/event)", n / elapsed, "events/s", n=n, db=vendor)

    result = audit.verify()
    if not result.ok:
        raise AssertionError(f"audit chain does not verify after the benchmark: {result}")
    per_run = runner.median_time(audit.verify, repeat=3 if ctx.quick else 5)
    ctx.report("audit.verify", result.checked / per_run, "events/s", n=result.checked, db=vendor)
