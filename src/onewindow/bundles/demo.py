"""Demo bundles: the 27 "高效办成一件事" of seeds 001 and 003 (`seed_data.BUNDLES`),
defined and published through the services (so every one passes the publication checks),
and bundle cases in progress for the demo applicants."""

from __future__ import annotations

from typing import Any

from onewindow.catalog.models import Item
from onewindow.org.models import Department

from . import services
from .models import Bundle
from .seed_data import BUNDLES


def item_ids_by_name() -> dict[str, int]:
    """Published items by name (a name shared by two items is left out: seed data must name
    an item unambiguously)."""
    out: dict[str, int] = {}
    seen: set[str] = set()
    for pk, name in Item.objects.filter(published_version__isnull=False).values_list(
        "pk", "published_version__name"
    ):
        if name in seen:
            out.pop(name, None)
        else:
            out[name] = pk
        seen.add(name)
    return out


def define(data: dict[str, Any], *, items: dict[str, int], departments: dict[str, int]) -> Any:
    members = []
    for m in data["members"]:
        row: dict[str, Any] = {
            "key": m["key"],
            "after": m.get("after", []),
            "when": m.get("when", {}),
        }
        if "item" in m:
            if m["item"] not in items:
                raise KeyError(f"{data['name']}: no published item named {m['item']!r}")
            row["item_id"] = items[m["item"]]
        else:
            row.update(external_name=m["external"], external_body=m["body"], note=m.get("note", ""))
        members.append(row)
    version = services.bundle_define(
        actor=None,
        code=data["code"],
        name=data["name"],
        audience=data["audience"],
        lead_department_id=departments[data["lead"]],
        promised_limit=data["promised_limit"],
        members=members,
        questions=data.get("questions", []),
        labels=data.get("labels", {}),
        summary=data.get("summary", ""),
        sources="、".join(SOURCE_NAMES[s] for s in data.get("sources", [])),
        order=data.get("order", 0),
    )
    return services.version_publish(actor=None, version_id=version.pk)


SOURCE_NAMES = {
    "001": "眉政办发〔2024〕26号（“高效办成一件事”2024年度重点事项清单）",
    "003": "平利县“一件事一次办”（15个）",
}


def load_definitions(ctx: Any, *, codes: set[str] | None = None) -> None:
    items = item_ids_by_name()
    departments = {d.short_name: d.pk for d in Department.objects.all()}
    existing = set(
        Bundle.objects.filter(published_version__isnull=False).values_list("code", flat=True)
    )
    for order, data in enumerate(BUNDLES, start=1):
        if codes is not None and data["code"] not in codes:
            continue
        if data["code"] in existing:
            ctx.count(False)
            continue
        define({**data, "order": order}, items=items, departments=departments)
        ctx.count(True)


def load(ctx: Any) -> None:
    load_definitions(ctx)
    from .demo_cases import load_cases

    load_cases(ctx)
