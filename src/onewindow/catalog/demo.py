"""Demo catalog for 眉县: themes, the material dictionary, data elements, synonyms and 75+
published items (every county component service of seed 001's bundles among them), each
created, submitted, approved and published through the services like a real one."""

from __future__ import annotations

from typing import Any

from onewindow.org.models import Department, Hall

from . import services
from .demo_data import DATA_ELEMENTS, ITEMS, MATERIAL_TYPES, SYNONYMS, THEMES
from .models import DataElement, Item, ItemHall, MaterialType, Synonym, Theme
from .reference import ensure_special_procedure_kinds

SUPERVISION_PHONE = "0917-12345"


def _reference_data(ctx: Any) -> None:
    ensure_special_procedure_kinds()
    for theme in THEMES:
        _, created = Theme.objects.get_or_create(
            code=theme["code"],
            defaults={
                "name": theme["name"],
                "audience": theme["audience"],
                "order": theme.get("order", 0),
            },
        )
        ctx.count(created)
    for m in MATERIAL_TYPES:
        _, created = MaterialType.objects.get_or_create(
            name=m["name"],
            defaults={
                "issuer": m.get("issuer", ""),
                "source": m.get("source", "applicant"),
                "licence_type": m.get("licence_type", ""),
                "description": m.get("description", ""),
            },
        )
        ctx.count(created)
    for e in DATA_ELEMENTS:
        _, created = DataElement.objects.get_or_create(
            key=e["key"],
            defaults={
                "label": e["label"],
                "type": e["type"],
                "options": e.get("options", []),
                "max_length": e.get("max_length"),
                "min_value": e.get("min"),
                "max_value": e.get("max"),
                "help": e.get("help", ""),
            },
        )
        ctx.count(created)
    for phrase, expansions in SYNONYMS:
        _, created = Synonym.objects.get_or_create(
            phrase=phrase, defaults={"expansions": " ".join(expansions)}
        )
        ctx.count(created)


def content_from_demo(
    data: dict[str, Any], departments: dict[str, Department], hall: Hall | None
) -> dict[str, Any]:
    """The catalog content dict for one item of demo_data.ITEMS."""
    implementing = departments[data["department"]]
    fee = data.get("fee")
    return {
        "name": data["name"],
        "item_type": data["item_type"],
        "level": data["level"],
        "competent_department": departments[
            data.get("competent_department") or data["department"]
        ].pk,
        "joint_departments": [departments[d].pk for d in data.get("joint_departments", [])],
        "legal_basis": data["legal_basis"],
        "service_objects": "".join(data["service_objects"]),
        "conditions": data["conditions"],
        "process": [
            {"name": n, "department": departments[d].pk, "role": r} for n, d, r in data["process"]
        ],
        "handling_type": data["handling_type"],
        "statutory_limit": data["statutory_limit"],
        "statutory_unit": data["statutory_unit"],
        "statutory_note": data.get("limit_note", ""),
        "promised_limit": data["promised_limit"],
        "promised_unit": data["promised_unit"],
        "charges_fee": fee is not None,
        "fee_standard": fee["standard"] if fee else "",
        "fee_basis": fee["basis"] if fee else "",
        "result_name": data["result_name"],
        "result_licence_type": data.get("result_licence_type", ""),
        "quantity_limit": data.get("quantity_limit", ""),
        "annual_inspection": data.get("annual_inspection", False),
        "special_procedures": [
            {"kind": k, "max_days": d} for k, d in data.get("special_procedures", [])
        ],
        "intermediary_services": data.get("intermediary_services", ""),
        "channels": "".join(data["channels"]),
        "online_depth": data["online_depth"],
        "visits": data["visits"],
        "appointment": data.get("appointment", False),
        "postal_delivery": data.get("postal_delivery", False),
        "cross_region_scope": data.get("cross_region_scope", ""),
        "location": f"{hall.name}（{hall.address}）" if hall else implementing.address,
        "hours": hall.opening_hours_display if hall else "工作日 09:00–12:00、13:00–17:00",
        "phone": implementing.phone or "0917-5512345",
        "supervision_phone": SUPERVISION_PHONE,
        "faq": [{"q": q, "a": a} for q, a in data.get("faq", [])],
        "high_frequency": data.get("high_frequency", False),
        "tolerant_acceptance": data.get("tolerant_acceptance", False),
        "commitment": data.get("commitment", False),
        "accept_on_receipt": data.get("accept_on_receipt", False),
        "themes": data.get("themes", []),
        "materials": [
            {
                "material_type": m["name"],
                "originals": m.get("originals", 1),
                "copies": m.get("copies", 0),
                "form": m.get("form", "both"),
                "required": m.get("required", True),
                "tolerable": m.get("tolerable", False),
                "waivable": m.get("waivable", False),
                "notes": m.get("notes", ""),
            }
            for m in data["materials"]
        ],
        "fields": [
            f if isinstance(f, dict) else {"key": f, "required": True} for f in data["fields"]
        ],
    }


def _halls_for(data: dict[str, Any], halls: dict[str, Hall]) -> list[tuple[Hall, str]]:
    """三级清单: county items at the county centre, and the high-frequency personal ones also
    at every town centre (委托受理); town and village items at their town's centre and its
    village stations."""
    if data["level"] == 4:
        accepted: list[tuple[Hall, str]] = [(halls["county"], ItemHall.Mode.DIRECT)]
        if data.get("high_frequency") and "1" in data["service_objects"]:
            accepted += [
                (h, ItemHall.Mode.DELEGATED)
                for key, h in halls.items()
                if key != "county" and h.kind == Hall.Kind.TOWN_CENTER
            ]
        return accepted
    town_center = halls[data["department"]]
    stations = list(Hall.objects.filter(parent=town_center, kind=Hall.Kind.VILLAGE_STATION))
    if data["level"] == 6 and stations:
        direct: list[tuple[Hall, str]] = [(s, ItemHall.Mode.DIRECT) for s in stations]
        return [*direct, (town_center, ItemHall.Mode.PROXY)]
    return [(town_center, str(ItemHall.Mode.DIRECT))]


def load(ctx: Any) -> None:
    _reference_data(ctx)
    departments: dict[str, Department] = ctx.objects["departments"]
    halls: dict[str, Hall] = ctx.objects["halls"]
    existing = set(Item.objects.values_list("department_id", "basic_code"))
    for data in ITEMS:
        department = departments[data["department"]]
        if (department.pk, data["basic_code"]) in existing:
            ctx.count(False)
            continue
        accepted = _halls_for(data, halls)
        version = services.item_create(
            actor=None,
            department_id=department.pk,
            basic_code=data["basic_code"],
            content=content_from_demo(data, departments, accepted[0][0]),
        )
        services.version_submit(actor=None, version_id=version.pk)
        services.version_approve(actor=None, version_id=version.pk, opinion="要素齐全，同意")
        services.version_publish(actor=None, version_id=version.pk)
        services.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(h.pk, mode) for h, mode in accepted]
        )
        ctx.count(True)
