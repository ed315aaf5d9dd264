"""Quality rules checked when a version is submitted for review (and in the department
report). Each problem names the element and says what to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from onewindow.core.validators import uscc_error

from .codes import VAGUE_MATERIAL_PATTERNS, HandlingType, LimitUnit
from .models import ItemVersion, SpecialProcedureKind

IMPLEMENTATION_CODE_RE = re.compile(r"[0-9A-Z]{18}[0-9]{13}")
BASIC_CODE_RE = re.compile(r"[0-9]{12}")
_VAGUE_RE = re.compile("|".join(re.escape(p) for p in VAGUE_MATERIAL_PATTERNS))

REQUIRED_TEXT = [
    ("name", "事项名称"),
    ("legal_basis", "设定和实施依据"),
    ("conditions", "受理条件"),
    ("result_name", "办理结果"),
    ("location", "办理地点"),
    ("hours", "办理时间"),
    ("phone", "咨询电话"),
    ("supervision_phone", "监督电话"),
    ("service_objects", "服务对象"),
    ("channels", "办理形式"),
]


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def vague_phrase(text: str) -> str | None:
    match = _VAGUE_RE.search(text)
    return match.group(0) if match else None


def allowed_special_procedures() -> set[str]:
    return set(SpecialProcedureKind.objects.filter(is_active=True).values_list("name", flat=True))


def check(version: ItemVersion, *, allowed_kinds: set[str] | None = None) -> list[Problem]:
    """Problems of one saved version. Related rows are read through `.all()` (content_of), so
    a caller checking many versions can prefetch them; `allowed_kinds` likewise."""
    from .content import content_of

    item = version.item
    return check_content(
        content_of(version),
        basic_code=item.basic_code,
        implementation_code=item.implementation_code,
        department=item.department,
        allowed_kinds=allowed_kinds,
    )


def check_content(
    c: dict[str, Any],
    *,
    basic_code: str,
    implementation_code: str,
    department: Any,
    allowed_kinds: set[str] | None = None,
    materials: bool = True,
) -> list[Problem]:
    """The rules on a content dict (content.py's shape) and the item's codes: what submit
    checks and what the Excel import checks on each row. `materials=False` leaves out the
    per-material rules, for a caller that checks material rows itself."""
    problems: list[Problem] = []
    add = problems.append
    for field, label in REQUIRED_TEXT:
        if not str(c.get(field) or "").strip():
            add(Problem(field, f"缺少必备要素：{label}"))
    if not BASIC_CODE_RE.fullmatch(basic_code):
        add(Problem("basic_code", f"基本编码“{basic_code}”应为 12 位数字"))
    code = implementation_code
    if not IMPLEMENTATION_CODE_RE.fullmatch(code):
        add(
            Problem(
                "implementation_code",
                f"实施编码“{code}”应为 31 位：实施主体统一社会信用代码 18 位 + 13 位数字",
            )
        )
    else:
        if uscc_error(code[:18]) is not None:
            add(Problem("implementation_code", "实施编码前 18 位不是有效的统一社会信用代码"))
        elif code[:18] != department.uscc:
            add(
                Problem(
                    "implementation_code",
                    f"实施编码前 18 位应为实施主体（{department.name}）的统一社会信用代码 "
                    f"{department.uscc}",
                )
            )
        if code[18:30] != basic_code:
            add(Problem("implementation_code", "实施编码第 19–30 位应与基本编码一致"))
    if c["promised_unit"] != c["statutory_unit"]:
        add(Problem("promised_unit", "承诺时限与法定时限的单位应一致（均为工作日或均为自然日）"))
    elif c["promised_limit"] > c["statutory_limit"]:
        unit = LimitUnit(c["statutory_unit"]).label
        add(
            Problem(
                "promised_limit",
                f"承诺时限 {c['promised_limit']} 个{unit}超过法定时限 "
                f"{c['statutory_limit']} 个{unit}",
            )
        )
    if c["handling_type"] == HandlingType.IMMEDIATE and c["promised_limit"] > 1:
        add(Problem("promised_limit", "即办件的承诺时限应为当场或 1 个工作日内"))
    if c["charges_fee"] and not (c["fee_standard"].strip() and c["fee_basis"].strip()):
        add(Problem("fee_standard", "收费事项须写明收费标准和收费依据"))
    allowed = allowed_kinds if allowed_kinds is not None else allowed_special_procedures()
    for entry in c.get("special_procedures") or []:
        kind = str(entry.get("kind", ""))
        if kind not in allowed:
            add(
                Problem(
                    "special_procedures",
                    f"特别程序“{kind}”不在允许的种类中（{'、'.join(sorted(allowed))}）",
                )
            )
        if not isinstance(entry.get("max_days"), int) or entry["max_days"] < 1:
            add(Problem("special_procedures", f"特别程序“{kind}”须写明最长时限（工作日）"))
    if not c["process"]:
        add(Problem("process", "缺少办理流程"))
    if phrase := vague_phrase(c["conditions"]):
        add(Problem("conditions", f"受理条件含模糊表述“{phrase}”"))
    if not c["materials"]:
        add(Problem("materials", "至少列出一项申请材料"))
    else:
        if c["tolerant_acceptance"] and not any(m["tolerable"] for m in c["materials"]):
            add(Problem("tolerant_acceptance", "标为可容缺受理的事项须至少有一项可容缺材料"))
        waivable = any(m["waivable"] for m in c["materials"])
        if c["commitment"] and not waivable:
            add(Problem("commitment", "标为可告知承诺的事项须至少有一项告知承诺可免提交的材料"))
        elif waivable and not c["commitment"]:
            add(Problem("commitment", "未实行告知承诺的事项不能有告知承诺可免提交的材料"))
    if materials:
        for index, m in enumerate(c["materials"], start=1):
            if phrase := vague_phrase(m["name"]) or vague_phrase(m.get("notes") or ""):
                add(
                    Problem(
                        "materials",
                        f"第 {index} 项材料“{m['name']}”含模糊表述“{phrase}”，请写明具体材料名称",
                    )
                )
    if not c["fields"]:
        add(Problem("fields", "缺少申请表单字段"))
    if c["visits"] not in (0, 1):
        add(Problem("visits", "到现场次数应为 0 或 1"))
    return problems
