"""Excel import of a 5,000-item catalog (issue target: < 30 s on the 2-core machine)."""

from __future__ import annotations

import random
import time
from importlib import import_module
from typing import Any

from bench import runner
from bench.runner import Context, benchmark

TARGET_ITEMS = 5000
QUICK_ITEMS = 500
SEED = 20261122

SUBJECTS = [
    "食品经营许可",
    "药品零售许可",
    "道路运输经营许可",
    "建筑工程施工许可",
    "公共场所卫生许可",
    "取水许可",
    "排污许可",
    "户外广告设置许可",
    "城镇污水排入排水管网许可",
    "特种设备使用登记",
    "民办学校办学许可",
    "医疗机构执业登记",
    "出版物零售业务经营许可",
    "营业性演出许可",
    "烟草专卖零售许可",
    "临时占用城市道路许可",
    "社会团体成立登记",
    "残疾人证核发",
    "最低生活保障金给付",
    "城乡居民养老保险待遇申领",
]
ACTIONS = ["新办", "变更", "延续", "注销", "补办", "首次申请", "迁移", "换领"]
MATERIALS = [
    ("申请书", "applicant", ""),
    ("营业执照", "licence", "营业执照"),
    ("居民身份证", "licence", "居民身份证"),
    ("法定代表人身份证明", "applicant", ""),
    ("经营场所使用证明", "applicant", ""),
    ("场所平面布局图", "applicant", ""),
    ("从业人员健康证明", "government", ""),
    ("设备设施清单", "applicant", ""),
    ("管理制度文本", "applicant", ""),
    ("授权委托书", "applicant", ""),
]
ELEMENTS = [
    ("bench.applicant_name", "申请人姓名"),
    ("bench.id_number", "身份证号码"),
    ("bench.phone", "联系电话"),
    ("bench.enterprise_name", "企业名称"),
    ("bench.uscc", "统一社会信用代码"),
    ("bench.address", "经营场所"),
    ("bench.scope", "经营范围"),
    ("bench.area", "面积（平方米）"),
]
THEMES = [
    ("bench_open_business", "开办企业", "enterprise"),
    ("bench_birth", "生育收养", "person"),
    ("bench_retire", "退休养老", "person"),
]
ROLES = ["window_clerk", "approver", "approver"]


def synthetic_items(n: int, rng: random.Random) -> list[Any]:
    """`n` valid catalog rows: varied names, the demo county's departments, 3–5 materials and
    3–5 form fields each, every quality rule satisfied."""
    from onewindow.catalog.excel import ParsedItem
    from onewindow.org.models import Department

    departments = list(Department.objects.order_by("pk"))
    operator = next(d for d in departments if d.is_platform_operator)
    items = []
    for i in range(n):
        department = departments[i % len(departments)]
        basic = f"9{i:011d}"
        subject = rng.choice(SUBJECTS)
        statutory = rng.choice([5, 10, 15, 20, 30, 60])
        materials = []
        for name, source, licence in rng.sample(MATERIALS, rng.randint(3, 5)):
            materials.append(
                {
                    "material_type": name,
                    "name": f"{name}（{subject}）" if source == "applicant" else name,
                    "issuer": "" if source == "applicant" else "发证机关",
                    "originals": 1,
                    "copies": rng.randint(0, 2),
                    "form": rng.choice(["paper", "electronic", "both"]),
                    "required": True,
                    "tolerable": False,
                    "source": source,
                    "licence_type": licence,
                    "notes": rng.choice(["", "加盖公章", "原件核验后退还"]),
                }
            )
        materials[-1]["tolerable"] = tolerant = rng.random() < 0.3
        fields = [
            {"key": key, "label": rng.choice(["", label]), "required": rng.random() < 0.8}
            for key, label in rng.sample(ELEMENTS, rng.randint(3, 5))
        ]
        items.append(
            ParsedItem(
                row=0,
                implementation_code=department.uscc + basic + "0",
                basic_code=basic,
                department=department.name,
                delegated_from="",
                content={
                    "name": f"{subject}（{rng.choice(ACTIONS)}）第{i}号",
                    "item_type": rng.choice(["01", "07", "20"]),
                    "level": 4,
                    "legal_basis": f"《中华人民共和国行政许可法》第{rng.randint(1, 80)}条",
                    "service_objects": rng.choice(["1", "2", "12", "126"]),
                    "conditions": f"申请人符合{subject}的法定条件，提交的申请材料齐全、符合法定形式。",
                    "process": [
                        {"name": "受理", "department": operator.pk, "role": ROLES[0]},
                        {"name": "审查", "department": department.pk, "role": ROLES[1]},
                        {"name": "决定", "department": department.pk, "role": ROLES[2]},
                    ],
                    "handling_type": 2,
                    "statutory_limit": statutory,
                    "statutory_unit": "working",
                    "statutory_note": "",
                    "promised_limit": rng.randint(1, statutory),
                    "promised_unit": "working",
                    "promised_note": "",
                    "charges_fee": False,
                    "fee_standard": "",
                    "fee_basis": "",
                    "result_name": f"{subject}决定书",
                    "result_licence_type": "",
                    "quantity_limit": "",
                    "annual_inspection": False,
                    "special_procedures": (
                        [{"kind": "现场勘验", "max_days": 5}] if rng.random() < 0.3 else []
                    ),
                    "intermediary_services": "",
                    "channels": rng.choice(["1", "12", "123"]),
                    "online_depth": rng.randint(1, 4),
                    "visits": rng.choice([0, 1]),
                    "appointment": rng.random() < 0.5,
                    "postal_delivery": rng.random() < 0.5,
                    "cross_region_scope": rng.choice(["", "", "跨省"]),
                    "location": "眉县政务服务中心",
                    "hours": "周一至周五 09:00–12:00、13:00–17:00",
                    "phone": department.phone or "0917-5512345",
                    "supervision_phone": "0917-12345",
                    "faq": [{"q": f"{subject}需要本人到场吗？", "a": "可委托他人办理。"}],
                    "high_frequency": rng.random() < 0.2,
                    "tolerant_acceptance": tolerant,
                    "commitment": False,
                    "competent_department": department.name,
                    "joint_departments": [],
                    "themes": sorted(t[0] for t in rng.sample(THEMES, rng.randint(0, 2))),
                    "materials": materials,
                    "fields": fields,
                },
            )
        )
    return items


@benchmark("catalog_import", help="Excel import of a 5,000-item catalog (target < 30 s)")
def bench_catalog_import(ctx: Context) -> None:
    runner.setup_django()
    from django.db import connection

    from onewindow import demo
    from onewindow.catalog import excel
    from onewindow.catalog.models import DataElement, Item, Theme
    from onewindow.identity.models import User

    try:
        demo.load_all()
    except Exception as exc:  # another app's demo data is not ready: the county is enough
        print(f"  (demo.load_all failed: {type(exc).__name__}: {exc}; loading the county only)")
        ctx_demo = demo.DemoContext()
        for path in ("onewindow.org.demo", "onewindow.identity.demo"):
            import_module(path).load(ctx_demo)
    existing = Item.objects.count()
    for key, label in ELEMENTS:
        DataElement.objects.get_or_create(key=key, defaults={"label": label, "type": "text"})
    for code, name, audience in THEMES:
        Theme.objects.get_or_create(code=code, defaults={"name": name, "audience": audience})
    admin = User.objects.get(username="admin")

    n = QUICK_ITEMS if ctx.quick else TARGET_ITEMS
    start = time.perf_counter()
    items = synthetic_items(n, random.Random(SEED))
    data = excel.workbook_of(items)
    rows = n + sum(len(p.content["materials"]) + len(p.content["fields"]) for p in items)
    del items  # the import starts from the file alone
    print(f"  (workbook of {n} items, {rows} rows, {len(data) / 1e6:.1f} MB ready in "
          f"{time.perf_counter() - start:.1f}s)")  # fmt: skip
    vendor = connection.vendor

    start = time.perf_counter()
    _, errors = excel.parse_workbook(data)
    parse_seconds = time.perf_counter() - start
    if errors:
        raise AssertionError(f"the synthetic workbook does not validate: {errors[:5]}")
    ctx.report("parse_workbook", parse_seconds, "s", items=n, rows=rows, db=vendor)

    progress: list[tuple[int, int]] = []
    start = time.perf_counter()
    result = excel.import_catalog(
        actor=admin, data=data, publish=True, progress=lambda d, t: progress.append((d, t))
    )
    seconds = time.perf_counter() - start
    assert result.versions == n, result
    assert Item.objects.count() == existing + n
    assert progress[-1] == (rows, rows), progress[-3:]
    ctx.report("import_catalog (publish)", seconds, "s", items=n, rows=rows, db=vendor)
    ctx.report("import_catalog items/s", n / seconds, "items/s", items=n, db=vendor)
    ctx.report("import_catalog rows/s", rows / seconds, "rows/s", rows=rows, db=vendor)
    if not ctx.quick and seconds >= 30:
        print(f"  WARNING: {seconds:.1f}s is over the 30 s target")

    start = time.perf_counter()
    exported = excel.export_workbook(excel.exportable_versions())
    ctx.report("export_workbook", time.perf_counter() - start, "s", items=n, db=vendor)
    assert len(exported) > 0
