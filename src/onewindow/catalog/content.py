"""An item version's content as a plain dict: what the API, the Excel exchange, the demo
loader and the maintenance pages read and write, and what version diffs compare."""

from __future__ import annotations

from typing import Any

from .models import ItemVersion

SCALAR_FIELDS = [
    "name",
    "item_type",
    "level",
    "legal_basis",
    "service_objects",
    "conditions",
    "handling_type",
    "statutory_limit",
    "statutory_unit",
    "statutory_note",
    "promised_limit",
    "promised_unit",
    "promised_note",
    "charges_fee",
    "fee_standard",
    "fee_basis",
    "result_name",
    "result_licence_type",
    "quantity_limit",
    "annual_inspection",
    "intermediary_services",
    "channels",
    "online_depth",
    "visits",
    "appointment",
    "postal_delivery",
    "cross_region_scope",
    "location",
    "hours",
    "phone",
    "supervision_phone",
    "high_frequency",
    "tolerant_acceptance",
    "commitment",
    "accept_on_receipt",
]
JSON_FIELDS = ["process", "special_procedures", "faq"]
MATERIAL_FIELDS = [
    "material_type",
    "name",
    "issuer",
    "originals",
    "copies",
    "form",
    "required",
    "tolerable",
    "waivable",
    "source",
    "licence_type",
    "notes",
]


def content_of(version: ItemVersion) -> dict[str, Any]:
    """The version's content with departments, themes and dictionary entries by name/code,
    so two versions compare equal when they say the same thing. Process steps keep their
    department ids (the Excel exchange writes them as names)."""
    data: dict[str, Any] = {f: getattr(version, f) for f in SCALAR_FIELDS}
    for f in JSON_FIELDS:
        data[f] = getattr(version, f) or []
    data["competent_department"] = version.competent_department.name
    data["joint_departments"] = sorted(d.name for d in version.joint_departments.all())
    data["themes"] = sorted(t.code for t in version.themes.all())
    data["materials"] = [
        {
            "material_type": m.material_type.name,
            "name": m.name,
            "issuer": m.issuer,
            "originals": m.originals,
            "copies": m.copies,
            "form": m.form,
            "required": m.required,
            "tolerable": m.tolerable,
            "waivable": m.waivable,
            "source": m.source,
            "licence_type": m.licence_type,
            "notes": m.notes,
        }
        for m in version.materials.all()
    ]
    data["fields"] = [
        {"key": f.element.key, "label": f.label, "required": f.required}
        for f in version.fields.all()
    ]
    return data


LABELS = {
    "name": "事项名称",
    "item_type": "事项类型",
    "level": "行使层级",
    "legal_basis": "设定和实施依据",
    "service_objects": "服务对象",
    "conditions": "受理条件",
    "handling_type": "办件类型",
    "statutory_limit": "法定办结时限",
    "statutory_unit": "法定时限单位",
    "statutory_note": "法定时限说明",
    "promised_limit": "承诺办结时限",
    "promised_unit": "承诺时限单位",
    "promised_note": "承诺时限说明",
    "charges_fee": "是否收费",
    "fee_standard": "收费标准",
    "fee_basis": "收费依据",
    "result_name": "办理结果",
    "result_licence_type": "结果证照类型",
    "quantity_limit": "数量限制",
    "annual_inspection": "年检年报",
    "intermediary_services": "中介服务",
    "channels": "办理形式",
    "online_depth": "网办深度",
    "visits": "到现场次数",
    "appointment": "支持预约",
    "postal_delivery": "支持物流快递",
    "cross_region_scope": "通办范围",
    "location": "办理地点",
    "hours": "办理时间",
    "phone": "咨询电话",
    "supervision_phone": "监督电话",
    "high_frequency": "高频事项",
    "tolerant_acceptance": "可容缺受理",
    "commitment": "可告知承诺",
    "accept_on_receipt": "收件即受理",
    "process": "办理流程",
    "special_procedures": "特别程序",
    "faq": "常见问题",
    "competent_department": "主管部门",
    "joint_departments": "联办部门",
    "themes": "主题",
    "materials": "申请材料",
    "fields": "申请表单",
}


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Element-by-element differences between two contents, in guide order."""
    changes = []
    for key, label in LABELS.items():
        old, new = before.get(key), after.get(key)
        if old != new:
            changes.append({"field": key, "label": label, "before": old, "after": new})
    return changes
