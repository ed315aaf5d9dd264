"""Catalog search and guide pages over a 5,000-item published catalog (issue 3 targets:
search p95 < 30 ms, guide page p95 < 50 ms server time)."""

from __future__ import annotations

import copy
import random
import statistics
import time

from bench import runner
from bench.runner import Context, benchmark

TARGET_ITEMS = 5000
QUERIES = [
    "生孩子",
    "开饭店",
    "营业执照",
    "食品经营许可",
    "社会保障卡",
    "残疾人证",
    "退休",
    "公积金提取",
    "上户口",
    "企业注销",
    "我想开公司",
    "道路运输",
    "不动产登记",
    "结婚登记",
    "低保",
    "供电报装",
    "出生医学证明",
    "税务注销",
    "居住证",
    "医保报销",
    "新生儿",
    "消防安全检查",
    "户外招牌",
    "信用修复",
    "上学报名",
    "养老保险",
    "护理补贴",
    "驾驶员",
    "许可",
    "证明",
]
VARIANTS = [
    "首善街道",
    "横渠镇",
    "槐芽镇",
    "汤峪镇",
    "常兴镇",
    "金渠镇",
    "营头镇",
    "齐镇",
    "经开区",
    "变更",
    "延续",
    "补办",
    "注销",
    "新办",
    "换领",
    "首次",
    "转移",
    "抵押",
    "预告",
    "更正",
]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _grow_catalog(target: int) -> int:
    """Clone published demo versions (varied names, same materials and fields) until the
    catalog has `target` published items. Bulk inserts: this is set-up, not measured."""
    from django.db import transaction

    from onewindow.catalog import search
    from onewindow.catalog.models import (
        FormField,
        Item,
        ItemVersion,
        Material,
        SearchPosting,
        VersionStatus,
    )

    templates = list(
        ItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("item__department")
        .prefetch_related("materials", "fields", "themes")
    )
    if not templates:
        raise runner.Skip("no published demo items to clone (catalog demo data missing)")
    have = len(templates)
    rng = random.Random(3)
    with transaction.atomic():
        serial = 0
        while have < target:
            batch = min(500, target - have)
            items, versions, sources = [], [], []
            for _ in range(batch):
                serial += 1
                tpl = rng.choice(templates)
                basic = f"9{serial:011d}"
                items.append(
                    Item(
                        implementation_code=tpl.item.department.uscc + basic + "0",
                        basic_code=basic,
                        department=tpl.item.department,
                    )
                )
                sources.append(tpl)
            Item.objects.bulk_create(items)
            for item, tpl in zip(items, sources, strict=True):
                clone = ItemVersion.objects.get(pk=tpl.pk)
                clone.pk = None
                clone.item = item
                clone.number = 1
                clone.name = f"{tpl.name}（{rng.choice(VARIANTS)}{rng.randint(1, 99)}）"
                versions.append(clone)
            ItemVersion.objects.bulk_create(versions)
            materials, fields, themes, postings = [], [], [], []
            through = ItemVersion.themes.through
            for version, tpl in zip(versions, sources, strict=True):
                for m in tpl.materials.all():
                    m = copy.copy(m)
                    m.pk, m.version = None, version
                    materials.append(m)
                for f in tpl.fields.all():
                    f = copy.copy(f)
                    f.pk, f.version = None, version
                    fields.append(f)
                themes += [through(itemversion=version, theme=t) for t in tpl.themes.all()]
            Material.objects.bulk_create(materials)
            FormField.objects.bulk_create(fields)
            through.objects.bulk_create(themes)
            for version in (
                ItemVersion.objects.filter(pk__in=[v.pk for v in versions])
                .select_related("item__department", "competent_department")
                .prefetch_related("themes", "materials")
            ):
                postings += search.postings_for(version)
            SearchPosting.objects.bulk_create(postings, batch_size=2000)
            Item.objects.bulk_update(
                [Item(pk=v.item_id, published_version_id=v.pk) for v in versions],
                ["published_version"],
            )
            have += batch
    return have


@benchmark("catalog_search", help="search and guide pages over 5,000 published items")
def bench_catalog_search(ctx: Context) -> None:
    runner.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from onewindow import demo
    from onewindow.catalog import selectors
    from onewindow.catalog.models import Item

    start = time.perf_counter()
    demo.load_all()
    target = 1000 if ctx.quick else TARGET_ITEMS
    total = _grow_catalog(target)
    print(f"  (catalog of {total} published items ready in {time.perf_counter() - start:.1f}s)")
    vendor = connection.vendor

    rounds = 3 if ctx.quick else 10
    samples: list[float] = []
    hits = 0
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            result = selectors.find_items(q=q)
            samples.append((time.perf_counter() - t0) * 1000)
            hits += bool(result.versions)
    ctx.report("search p50", statistics.median(samples), "ms", items=total, db=vendor)
    ctx.report(
        "search p95",
        p95(samples),
        "ms",
        items=total,
        db=vendor,
        queries=len(samples),
        with_hits=f"{hits}/{len(samples)}",
    )

    # Pages use the manifest static-files storage, as `onewindow serve` does.
    call_command("collectstatic", "--no-input", verbosity=0)
    codes = list(Item.objects.order_by("?").values_list("implementation_code", flat=True)[:60])
    client = Client(HTTP_HOST="127.0.0.1")
    for label, path in [("guide API", "/api/v1/catalog/items/{}"), ("guide page", "/services/{}/")]:
        samples = []
        status = set()
        for code in codes * (1 if ctx.quick else 3):
            t0 = time.perf_counter()
            response = client.get(path.format(code))
            samples.append((time.perf_counter() - t0) * 1000)
            status.add(response.status_code)
        if status != {200}:
            print(f"  ({label}: statuses {sorted(status)}; skipped)")
            continue
        ctx.report(f"{label} p50", statistics.median(samples), "ms", items=total, db=vendor)
        ctx.report(
            f"{label} p95", p95(samples), "ms", items=total, db=vendor, requests=len(samples)
        )
