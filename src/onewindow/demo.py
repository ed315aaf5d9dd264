"""Demo data for 眉县, built from the seed documents. Each app contributes a loader module
(`<app>/demo.py` with `load(ctx)`); later capabilities append theirs to LOADERS. Every
loader is idempotent: it creates what is missing and leaves what exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db import transaction

LOADERS = [
    "onewindow.org.demo",
    "onewindow.identity.demo",
    "onewindow.catalog.demo",
    "onewindow.cases.demo",
    "onewindow.assist.demo",
    "onewindow.consult.demo",
    "onewindow.bundles.demo",
]

DEMO_PASSWORD = "Demo#2026"


@dataclass
class DemoContext:
    created: int = 0
    existing: int = 0
    objects: dict[str, Any] = field(default_factory=dict)

    def count(self, was_created: bool) -> None:
        if was_created:
            self.created += 1
        else:
            self.existing += 1


# (username, display role, what they see) — printed by `onewindow demo`.
DEMO_LOGINS: list[tuple[str, str]] = [
    ("zhangsan", "个人用户（市民）"),
    ("qiye", "企业经办人（陕西眉香猕猴桃有限公司法定代表人）"),
    ("chuangkou", "窗口人员（县政务服务中心综合窗口）"),
    ("shenpi", "审批人员（县市场监管局）"),
    ("bumen", "部门管理员（县市场监管局）"),
    ("dating", "大厅管理员（县政务服务中心）"),
    ("ducha", "督查人员（县行政审批服务局）"),
    ("rexian", "12345 话务员（县发改局）"),
    ("bangban", "帮办代办员（县政务服务中心）"),
    ("weijian", "窗口与审批人员（县卫健局，“新生儿出生”一件事牵头部门）"),
    ("gongan", "窗口与审批人员（县公安局户籍）"),
    ("lingdao", "县领导"),
    ("admin", "系统管理员（可进入管理后台）"),
]


def stories_told(event_code: str) -> dict[str, int]:
    """Story key → object id, for every demo story already told: each loader appends an
    audit event `event_code` naming the story's key when it tells one, so loading twice
    creates nothing."""
    from onewindow.core.models import AuditEvent

    out: dict[str, int] = {}
    for after, object_id in AuditEvent.objects.filter(code=event_code).values_list(
        "after", "object_id"
    ):
        if after:
            out[after["key"]] = int(object_id)
    return out


def load_all(*, upto: str | None = None) -> DemoContext:
    """Run the loaders in order; `upto="onewindow.identity.demo"` stops after that one
    (tests that need only the county load less)."""
    ctx = DemoContext()
    with transaction.atomic():
        for path in LOADERS:
            import_module(path).load(ctx)
            if path == upto:
                break
    return ctx


def banner(*, url: str, db: str, created: int) -> str:
    lines = [
        "",
        "眉县一体化政务服务平台（演示）",
        f"  网址：      {url}",
        f"  接口文档：  {url}/api/v1/docs",
        f"  管理后台：  {url}/admin/",
        f"  数据库：    {db}" + ("（已载入演示数据）" if created else "（沿用已有数据）"),
        f"  演示账户（密码均为 {DEMO_PASSWORD}）：",
    ]
    lines += [f"    {username:<10} {role}" for username, role in DEMO_LOGINS]
    lines.append("  按 Ctrl+C 停止。")
    return "\n".join(lines)
