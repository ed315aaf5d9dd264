"""Excel (.xlsx) exchange of the whole catalog: items, their materials and form fields.

The workbook has three sheets with the GB/T 39046 element names as Chinese headers:
"事项" (one row per item version), "申请材料" and "表单字段" (one row per entry, tied to the
item by 实施编码). Cells hold what a person reads: code-set labels ("行政许可", "县级", "是"),
departments by full name, themes by name, and the structured elements as one entry per line
with "｜" between the parts (办理流程 "受理｜眉县行政审批服务局｜window_clerk", 特别程序
"现场勘验｜5", 常见问题 "问题｜回答"; a "｜", "|", "\\" or line break inside a part is written
"\\｜", "\\|", "\\\\", "\\n").

Rows become content dicts (the shape of `content.content_of`), so an export imported into an
empty county reproduces every item's content exactly. An import validates every row of every
sheet and, if anything is wrong, reports each problem (sheet, row, column, what to fix) and
writes nothing; otherwise it writes all rows in one transaction with bulk inserts."""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from xml.etree import ElementTree

from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from onewindow.core import audit
from onewindow.core.errors import Conflict, DomainError, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.org.models import Department

from . import quality, search, services
from .codes import Channel, ServiceObject
from .content import JSON_FIELDS, MATERIAL_FIELDS, SCALAR_FIELDS, content_of
from .models import (
    DataElement,
    FormField,
    ImportJob,
    Item,
    ItemVersion,
    Material,
    MaterialType,
    Review,
    SearchPosting,
    SpecialProcedureKind,
    Theme,
    VersionStatus,
)

SHEET_ITEMS = "事项"
SHEET_MATERIALS = "申请材料"
SHEET_FIELDS = "表单字段"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # what the file may expand to (a zip bomb is refused)
MAX_ROWS = 100_000  # per sheet: a guard against decompression bombs, far above a county's catalog
MAX_REPORTED_ERRORS = 1000
PROGRESS_EVERY = 100
IMPORT_OPINION = "Excel 导入"

Progress = Callable[[int, int], None]
_M = TypeVar("_M", bound=models.Model)


# --- errors -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowError:
    """One problem in the file, where the person sees it: sheet, Excel row number, column."""

    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"“{self.sheet}”表第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ParsedItem:
    """One item as a workbook holds it: its identity and its content dict (the shape of
    `content.content_of`). `row`, `material_rows` and `field_rows` are the Excel rows it was
    read from (0 and empty for an item about to be written)."""

    row: int
    implementation_code: str
    basic_code: str
    department: str
    delegated_from: str
    content: dict[str, Any]
    material_rows: list[int] = field(default_factory=list)
    field_rows: list[int] = field(default_factory=list)


class _CellError(Exception):
    """A cell value that cannot be read; the message says what to write instead."""


_REQUIRED = object()  # default of a column that must be filled in


# --- text in cells ----------------------------------------------------------------------------
# OOXML cannot hold most control characters, and XML parsers turn "\r" into "\n"; both are
# written as `_xHHHH_` (what Excel itself does), a literal `_xHHHH_` as `_x005F_xHHHH_`.
_OOXML_UNSAFE = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b-\x0d\x0e-\x1f]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_escape(text: str) -> str:
    def sub(match: re.Match[str]) -> str:
        s = match.group(0)
        return "_x005F_" + s[1:] if len(s) > 1 else f"_x{ord(s):04X}_"

    return _OOXML_UNSAFE.sub(sub, text)


def _ooxml_unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text(raw: Any) -> str:
    """A cell as text, verbatim (free text is not trimmed, so it round-trips exactly)."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return _ooxml_unescape(raw)
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if hasattr(raw, "isoformat"):
        return str(raw.isoformat())
    return str(raw)


def _word(raw: Any) -> str:
    """A cell holding a name, code or label: text without surrounding blanks."""
    return _text(raw).strip()


_LIST_SPLIT = re.compile(r"[、，,；;\n]+")


def _words(raw: Any) -> list[str]:
    return [w.strip() for w in _LIST_SPLIT.split(_text(raw)) if w.strip()]


_ENTRY_SEPARATORS = "｜|"
_UNESCAPE = {"n": "\n", "r": "\r", "\\": "\\", "｜": "｜", "|": "|"}


def _escape_part(part: str) -> str:
    return (
        part.replace("\\", "\\\\")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("｜", "\\｜")
        .replace("|", "\\|")
    )


def _join_entries(entries: Iterable[Sequence[Any]]) -> str:
    return "\n".join("｜".join(_escape_part(str(p)) for p in entry) for entry in entries)


def _split_entries(text: str) -> list[list[str]]:
    """The lines of a structured cell, each split at "｜" (or "|"); blank lines are skipped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    entries: list[list[str]] = []
    parts: list[str] = []
    buf: list[str] = []
    i = 0
    while i <= len(text):
        ch = text[i] if i < len(text) else "\n"
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            buf.append(_UNESCAPE.get(nxt, "\\" + nxt))
            i += 2
            continue
        if ch in _ENTRY_SEPARATORS:
            parts.append("".join(buf).strip())
            buf = []
        elif ch == "\n":
            parts.append("".join(buf).strip())
            if any(parts):
                entries.append(parts)
            parts, buf = [], []
        else:
            buf.append(ch)
        i += 1
    return entries


# --- what the columns refer to ----------------------------------------------------------------
@dataclass
class _Lookups:
    """Departments, themes, data elements and special-procedure kinds, loaded once."""

    departments: dict[str, Department]
    departments_by_short: dict[str, list[Department]]
    department_names: dict[int, str]
    themes: dict[str, Theme]
    themes_by_name: dict[str, list[Theme]]
    elements: dict[str, int]
    special_kinds: list[str]

    @classmethod
    def load(cls) -> _Lookups:
        departments = list(Department.objects.all())
        by_short: dict[str, list[Department]] = defaultdict(list)
        for d in departments:
            by_short[d.short_name].append(d)
        themes = list(Theme.objects.all())
        by_name: dict[str, list[Theme]] = defaultdict(list)
        for t in themes:
            by_name[t.name].append(t)
        return cls(
            departments={d.name: d for d in departments},
            departments_by_short=dict(by_short),
            department_names={d.pk: d.name for d in departments},
            themes={t.code: t for t in themes},
            themes_by_name=dict(by_name),
            elements=dict(DataElement.objects.values_list("key", "pk")),
            special_kinds=sorted(
                SpecialProcedureKind.objects.filter(is_active=True).values_list("name", flat=True)
            ),
        )

    def department(self, name: str) -> Department:
        found = self.departments.get(name)
        if found is None:
            same_short = self.departments_by_short.get(name, [])
            if len(same_short) == 1:
                found = same_short[0]
        if found is None:
            raise _CellError(f"部门“{name}”不存在，请填写部门全称（如“眉县市场监督管理局”）")
        return found

    def theme_code(self, word: str) -> str:
        if word in self.themes:
            return word
        named = self.themes_by_name.get(word, [])
        if len(named) == 1:
            return named[0].code
        if named:
            codes = "、".join(t.code for t in named)
            raise _CellError(f"主题名称“{word}”对应多个主题，请改填主题代码（{codes}）")
        raise _CellError(f"主题“{word}”不存在")

    def theme_label(self, code: str) -> str:
        theme = self.themes.get(code)
        if theme is not None and len(self.themes_by_name.get(theme.name, [])) == 1:
            return theme.name
        return code


# --- columns ----------------------------------------------------------------------------------
class _Codec:
    """How one column's content value becomes a cell and back."""

    width = 14
    text_format = False  # codes: stored as text so Excel keeps leading zeros

    def to_cell(self, value: Any, lk: _Lookups) -> Any:
        return value

    def from_cell(self, raw: Any, lk: _Lookups) -> Any:
        raise NotImplementedError


class _Text(_Codec):
    def __init__(self, max_length: int | None, *, width: int = 24) -> None:
        self.max_length = max_length
        self.width = width

    def from_cell(self, raw: Any, lk: _Lookups) -> str:
        value = _text(raw)
        if self.max_length is not None and len(value) > self.max_length:
            raise _CellError(f"不能超过 {self.max_length} 个字（现有 {len(value)} 个字）")
        return value


class _Code(_Codec):
    text_format = True

    def __init__(self, *, digits: int | None = None, required: bool = True) -> None:
        self.digits = digits
        self.required = required
        self.width = 36 if digits is None else 16

    def from_cell(self, raw: Any, lk: _Lookups) -> str:
        if isinstance(raw, int) and self.digits:  # typed as a number: leading zeros were lost
            return str(raw).zfill(self.digits)
        if isinstance(raw, float) and not raw.is_integer():
            raise _CellError("应为文本格式的编码，请将单元格设为文本后重新填写")
        value = _word(raw)
        if not value and self.required:
            raise _CellError("请填写编码")
        return value


class _Int(_Codec):
    def __init__(self, default: Any, maximum: int) -> None:
        self.default = default
        self.maximum = maximum
        self.width = 10

    def from_cell(self, raw: Any, lk: _Lookups) -> int:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.default is _REQUIRED:
                raise _CellError("请填写整数")
            return int(self.default)
        if isinstance(raw, bool):
            raise _CellError("应为整数")
        integral = isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer())
        if integral or (isinstance(raw, str) and re.fullmatch(r"\s*[+-]?\d+\s*", raw)):
            number = int(raw)
        else:
            raise _CellError(f"应为整数，现为“{_text(raw)}”")
        if number < 0:
            raise _CellError("不能为负数")
        if number > self.maximum:
            raise _CellError(f"不能大于 {self.maximum}")
        return number


_TRUE = {"是", "true", "1", "y", "yes", "√", "✓"}
_FALSE = {"否", "false", "0", "n", "no", "×", "✗"}


class _Bool(_Codec):
    width = 8

    def __init__(self, default: bool) -> None:
        self.default = default

    def to_cell(self, value: Any, lk: _Lookups) -> str:
        return "是" if value else "否"

    def from_cell(self, raw: Any, lk: _Lookups) -> bool:
        if isinstance(raw, bool):
            return raw
        word = _word(raw).lower()
        if not word:
            return self.default
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise _CellError(f"应填“是”或“否”，现为“{_word(raw)}”")


class _Choice(_Codec):
    """A code-set value, written as its label and read from the label or the code."""

    def __init__(self, choices: Sequence[tuple[Any, Any]], default: Any) -> None:
        self.labels = {value: str(label) for value, label in choices}
        self.default = default
        self.aliases: dict[str, Any] = {}
        for value, label in self.labels.items():
            self.aliases[str(value)] = value
            if isinstance(value, str) and value.isdigit():
                self.aliases[str(int(value))] = value  # "1" for "01"
            self.aliases[label] = value
            if "：" in label:
                self.aliases[label.split("：", 1)[0]] = value  # "四级" for "四级：全程网办"
        self.width = max(10, *(len(label) * 2 + 2 for label in self.labels.values()))

    def to_cell(self, value: Any, lk: _Lookups) -> str:
        return self.labels.get(value, str(value))

    def from_cell(self, raw: Any, lk: _Lookups) -> Any:
        word = _word(raw)
        if not word:
            if self.default is _REQUIRED:
                raise _CellError(f"请填写，可选：{self.options()}")
            return self.default
        if word in self.aliases:
            return self.aliases[word]
        raise _CellError(f"“{word}”不是有效的值，可选：{self.options()}")

    def options(self) -> str:
        return "、".join(label for label in self.labels.values() if label)


class _Codes(_Codec):
    """A set of codes (服务对象, 办理形式) written as labels separated by "、"."""

    width = 24

    def __init__(self, choices: type[models.TextChoices]) -> None:
        self.choice = _Choice(choices.choices, "")
        self.codes = set(choices.values)

    def to_cell(self, value: str, lk: _Lookups) -> str:
        return "、".join(self.choice.to_cell(c, lk) for c in value)

    def from_cell(self, raw: Any, lk: _Lookups) -> str:
        found: set[str] = set()
        for word in _words(raw):
            if word.isdigit() and set(word) <= self.codes:
                found.update(word)  # "12" as codes
            elif word in self.choice.aliases:
                found.add(self.choice.aliases[word])
            else:
                raise _CellError(f"“{word}”不是有效的值，可选：{self.choice.options()}")
        return "".join(sorted(found))


class _DepartmentCodec(_Codec):
    width = 28

    def from_cell(self, raw: Any, lk: _Lookups) -> str:
        name = _word(raw)
        if not name:
            raise _CellError("请填写部门全称")
        return lk.department(name).name


class _Departments(_Codec):
    width = 28

    def to_cell(self, value: list[str], lk: _Lookups) -> str:
        return "、".join(value)

    def from_cell(self, raw: Any, lk: _Lookups) -> list[str]:
        return sorted({lk.department(word).name for word in _words(raw)})


class _Themes(_Codec):
    width = 20

    def to_cell(self, value: list[str], lk: _Lookups) -> str:
        return "、".join(lk.theme_label(code) for code in value)

    def from_cell(self, raw: Any, lk: _Lookups) -> list[str]:
        return sorted({lk.theme_code(word) for word in _words(raw)})


def _entries(raw: Any, parts: int, example: str) -> Iterator[tuple[int, list[str]]]:
    for line, entry in enumerate(_split_entries(_text(raw)), start=1):
        if len(entry) != parts:
            raise _CellError(f"第 {line} 条应为用“｜”分隔的 {parts} 段，如“{example}”")
        yield line, entry


class _Process(_Codec):
    width = 44
    example = "受理｜眉县行政审批服务局｜window_clerk"

    def to_cell(self, value: list[dict[str, Any]], lk: _Lookups) -> str:
        return _join_entries(
            (
                step.get("name", ""),
                lk.department_names.get(step.get("department") or 0, step.get("department", "")),
                step.get("role", ""),
            )
            for step in value
        )

    def from_cell(self, raw: Any, lk: _Lookups) -> list[dict[str, Any]]:
        roles = {**{r.value: r.value for r in Role}, **{str(r.label): r.value for r in Role}}
        steps = []
        for line, (name, department, role) in _entries(raw, 3, self.example):
            if not name:
                raise _CellError(f"第 {line} 条缺少环节名称")
            try:
                dept = lk.department(department)
            except _CellError as exc:
                raise _CellError(f"第 {line} 条：{exc}") from exc
            if role not in roles:
                raise _CellError(
                    f"第 {line} 条的岗位“{role}”无效，可选：{'、'.join(r.value for r in Role)}"
                )
            steps.append({"name": name, "department": dept.pk, "role": roles[role]})
        return steps


class _Special(_Codec):
    width = 20
    example = "现场勘验｜5"

    def to_cell(self, value: list[dict[str, Any]], lk: _Lookups) -> str:
        return _join_entries((e.get("kind", ""), e.get("max_days", "")) for e in value)

    def from_cell(self, raw: Any, lk: _Lookups) -> list[dict[str, Any]]:
        entries = []
        for line, (kind, days) in _entries(raw, 2, self.example):
            if kind not in lk.special_kinds:  # the quality rule, where the person can fix it
                raise _CellError(
                    f"第 {line} 条：特别程序“{kind}”不在允许的种类中（{'、'.join(lk.special_kinds)}）"
                )
            if not re.fullmatch(r"\d+", days) or int(days) < 1:
                raise _CellError(
                    f"第 {line} 条：特别程序“{kind}”须写明最长时限（工作日），如“{self.example}”"
                )
            entries.append({"kind": kind, "max_days": int(days)})
        return entries


class _Faq(_Codec):
    width = 40
    example = "需要本人到场吗？｜需要本人持身份证到场"

    def to_cell(self, value: list[dict[str, Any]], lk: _Lookups) -> str:
        return _join_entries((e.get("q", ""), e.get("a", "")) for e in value)

    def from_cell(self, raw: Any, lk: _Lookups) -> list[dict[str, Any]]:
        entries = []
        for line, (q, a) in _entries(raw, 2, self.example):
            if not q:
                raise _CellError(f"第 {line} 条缺少问题")
            entries.append({"q": q, "a": a})
        return entries


def _auto(model: type[models.Model], name: str, *, width: int = 24) -> _Codec:
    """The codec a model field implies: its choices, default, maximum and length."""
    f = model._meta.get_field(name)
    assert isinstance(f, models.Field)
    default = f.get_default() if f.has_default() else _REQUIRED
    if isinstance(f, models.BooleanField):
        return _Bool(bool(default))
    if f.choices:
        return _Choice(list(f.choices), default)
    if isinstance(f, models.IntegerField):
        small = isinstance(f, models.PositiveSmallIntegerField)
        return _Int(default, 32767 if small else 2147483647)
    return _Text(f.max_length, width=width)


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    codec: _Codec


def _v(header: str, key: str, codec: _Codec | None = None, **kw: Any) -> Column:
    return Column(header, key, codec or _auto(ItemVersion, key, **kw))


def _m(header: str, key: str, codec: _Codec | None = None, **kw: Any) -> Column:
    return Column(header, key, codec or _auto(Material, key, **kw))


# Item-level columns (keys not in the content dict).
CODE, BASIC, DEPARTMENT, DELEGATED = "implementation_code", "basic_code", "department", "delegated"

ITEM_COLUMNS = [
    Column("实施编码", CODE, _Code()),
    Column("基本编码", BASIC, _Code(digits=12)),
    _v("事项名称", "name", width=30),
    _v("事项类型", "item_type"),
    _v("行使层级", "level"),
    Column("实施主体", DEPARTMENT, _DepartmentCodec()),
    Column("主管部门", "competent_department", _DepartmentCodec()),
    Column("联办部门", "joint_departments", _Departments()),
    _v("设定和实施依据", "legal_basis", width=40),
    Column("服务对象", "service_objects", _Codes(ServiceObject)),
    _v("受理条件", "conditions", width=40),
    Column("办理流程", "process", _Process()),
    _v("办件类型", "handling_type"),
    _v("法定办结时限", "statutory_limit"),
    _v("法定时限单位", "statutory_unit"),
    _v("法定时限说明", "statutory_note"),
    _v("承诺办结时限", "promised_limit"),
    _v("承诺时限单位", "promised_unit"),
    _v("承诺时限说明", "promised_note"),
    _v("是否收费", "charges_fee"),
    _v("收费标准", "fee_standard"),
    _v("收费依据", "fee_basis"),
    _v("办理结果", "result_name"),
    _v("结果证照类型", "result_licence_type"),
    _v("数量限制", "quantity_limit"),
    _v("年检年报", "annual_inspection"),
    Column("特别程序", "special_procedures", _Special()),
    _v("中介服务", "intermediary_services"),
    Column("办理形式", "channels", _Codes(Channel)),
    _v("网办深度", "online_depth"),
    _v("到现场次数", "visits"),
    _v("支持预约", "appointment"),
    _v("支持物流快递", "postal_delivery"),
    _v("通办范围", "cross_region_scope"),
    _v("办理地点", "location", width=30),
    _v("办理时间", "hours", width=30),
    _v("咨询电话", "phone", width=16),
    _v("监督电话", "supervision_phone", width=16),
    Column("常见问题", "faq", _Faq()),
    _v("高频事项", "high_frequency"),
    _v("可容缺受理", "tolerant_acceptance"),
    _v("可告知承诺", "commitment"),
    _v("收件即受理", "accept_on_receipt"),
    Column("主题", "themes", _Themes()),
    Column("委托自", DELEGATED, _Code(required=False)),
]
MATERIAL_COLUMNS = [
    Column("实施编码", CODE, _Code()),
    Column("序号", "order", _Int(_REQUIRED, 32767)),
    _m("材料名称", "name", width=30),
    Column("材料字典名称", "material_type", _Text(100, width=30)),
    _m("出具单位", "issuer"),
    _m("原件份数", "originals"),
    _m("复印件份数", "copies"),
    _m("材料形式", "form"),
    _m("是否必要", "required"),
    _m("可容缺", "tolerable"),
    _m("告知承诺可免提交", "waivable"),
    _m("来源", "source"),
    _m("电子证照类型", "licence_type"),
    _m("填报说明", "notes", width=40),
]
FIELD_COLUMNS = [
    Column("实施编码", CODE, _Code()),
    Column("序号", "order", _Int(_REQUIRED, 32767)),
    Column("数据元代码", "key", _Code()),
    Column("显示名称", "label", _Text(60, width=20)),
    Column("是否必填", "required", _Bool(True)),
]
SHEETS = {SHEET_ITEMS: ITEM_COLUMNS, SHEET_MATERIALS: MATERIAL_COLUMNS, SHEET_FIELDS: FIELD_COLUMNS}
_ITEM_KEYS = {CODE, BASIC, DEPARTMENT, DELEGATED}
HEADER_OF = {c.key: c.header for c in ITEM_COLUMNS}

# Every element of the content dict has a column (content.py is the single representation).
assert {c.key for c in ITEM_COLUMNS} - _ITEM_KEYS == {
    *SCALAR_FIELDS,
    *JSON_FIELDS,
    "competent_department",
    "joint_departments",
    "themes",
}
assert {c.key for c in MATERIAL_COLUMNS} - {CODE, "order"} == set(MATERIAL_FIELDS)


# --- export -----------------------------------------------------------------------------------
def exportable_versions() -> QuerySet[ItemVersion]:
    """The published catalog with everything `content_of` and the export read, in code order."""
    return (
        ItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("item__department", "item__delegated_from", "competent_department")
        .prefetch_related(
            "themes",
            "joint_departments",
            Prefetch("materials", queryset=Material.objects.select_related("material_type")),
            Prefetch("fields", queryset=FormField.objects.select_related("element")),
        )
        .order_by("item__implementation_code")
    )


def export_workbook(versions: Iterable[ItemVersion]) -> bytes:
    """One row per version on "事项", its materials and form fields on the other sheets."""
    return workbook_of(
        ParsedItem(
            row=0,
            implementation_code=v.item.implementation_code,
            basic_code=v.item.basic_code,
            department=v.item.department.name,
            delegated_from=(
                v.item.delegated_from.implementation_code if v.item.delegated_from else ""
            ),
            content=content_of(v),
        )
        for v in versions
    )


def workbook_of(items: Iterable[ParsedItem]) -> bytes:
    """The workbook holding these items: what `parse_workbook` reads back."""
    lk = _Lookups.load()
    book = Workbook(write_only=True)
    sheets = {name: _start_sheet(book, name, columns) for name, columns in SHEETS.items()}
    for item in items:
        code = item.implementation_code
        values = {
            CODE: code,
            BASIC: item.basic_code,
            DEPARTMENT: item.department,
            DELEGATED: item.delegated_from,
            **item.content,
        }
        _append(sheets[SHEET_ITEMS], ITEM_COLUMNS, values, lk)
        for order, material in enumerate(item.content["materials"], start=1):
            _append(
                sheets[SHEET_MATERIALS],
                MATERIAL_COLUMNS,
                {CODE: code, "order": order, **material},
                lk,
            )
        for order, entry in enumerate(item.content["fields"], start=1):
            _append(sheets[SHEET_FIELDS], FIELD_COLUMNS, {CODE: code, "order": order, **entry}, lk)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _start_sheet(book: Workbook, name: str, columns: list[Column]) -> Any:
    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = max(column.codec.width, len(column.header) * 2 + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _append(sheet: Any, columns: list[Column], values: dict[str, Any], lk: _Lookups) -> None:
    row: list[Any] = []
    for column in columns:
        value = column.codec.to_cell(values[column.key], lk)
        if isinstance(value, str):
            value = _ooxml_escape(value)
            if value.startswith("=") or column.codec.text_format:
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, never a formula
                cell.number_format = "@"
                value = cell
        row.append(value)
    sheet.append(row)


# --- reading a workbook -----------------------------------------------------------------------
@dataclass
class _Sheet:
    name: str
    index: dict[str, int]  # header → column position
    raw_rows: Iterator[tuple[Any, ...]]  # after the header row
    data_rows: int  # rows after the header, counted in the file

    def get(self, values: tuple[Any, ...], header: str) -> Any:
        i = self.index[header]
        return values[i] if i < len(values) else None

    def rows(self, counter: _Counter) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, values) of the rows that hold anything; every row read,
        blank or not, counts as progress."""
        for number, values in enumerate(self.raw_rows, start=2):
            counter.tick()
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                yield number, values


# Reading. openpyxl writes the export, but reads slowly what it writes: its read-only mode
# parses every sheet once just to size it (openpyxl writes no size) and builds objects per
# cell, 11 s of the 30 s budget for a 5,000-item catalog. `_Book` reads just what the import
# needs from the package (sheet names, shared strings, rows) with ElementTree, about 4x faster.
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN, _SHEET, _SI = (
    f"{{{_MAIN_NS}}}{tag}" for tag in ("row", "c", "v", "is", "t", "r", "sheet", "si")
)
_RELATIONSHIP = f"{{{_PACKAGE_NS}}}Relationship"
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
# What reading a damaged or foreign file raises (zip, deflate, XML, references in it).
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,  # an encrypted zip entry
    NotImplementedError,  # a compression method zipfile does not know
    KeyError,
    ValueError,
    IndexError,
    ElementTree.ParseError,
)
_NOT_XLSX = (
    "文件不是有效的 Excel（.xlsx）文件：请用 Excel 或 WPS 另存为“Excel 工作簿（*.xlsx）”后再上传"
)


class _Book:
    """The parts of an .xlsx package the import reads: sheet names and paths, the shared
    strings, and each sheet's rows as values (formulas by their cached values)."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in self.zip.infolist()) > MAX_UNPACKED_BYTES:
            raise InvalidInput("文件内容过大，请拆分后分批导入", field="file")
        workbook = self._target("_rels/.rels", "", "/officeDocument") or "xl/workbook.xml"
        rels = self._relationships(workbook)
        root = self._xml(workbook)
        if root.tag != f"{{{_MAIN_NS}}}workbook":  # e.g. "Strict Open XML"
            raise ValueError(root.tag)
        self.paths = {
            sheet.get("name", ""): rels[sheet.get(f"{{{_REL_NS}}}id", "")][1]
            for sheet in root.iter(_SHEET)
        }
        strings = [path for kind, path in rels.values() if kind.endswith("/sharedStrings")]
        self.strings: list[str] = []
        if strings:
            self.strings = [_string_item(si) for si in self._xml(strings[0]).iter(_SI)]

    def _xml(self, path: str) -> Any:
        data = self.zip.read(path)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # never in a real workbook
            raise ValueError(path)
        return ElementTree.fromstring(data)  # noqa: S314 - entities refused above

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, package path) of a part's relationships."""
        folder, _, name = part.rpartition("/")
        path = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if path not in self.zip.namelist():
            return {}
        out = {}
        for rel in self._xml(path).iter(_RELATIONSHIP):
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return out

    def _target(self, rels_path: str, folder: str, kind: str) -> str | None:
        if rels_path not in self.zip.namelist():
            return None
        for rel in self._xml(rels_path).iter(_RELATIONSHIP):
            if rel.get("Type", "").endswith(kind):
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "").lstrip("/")))
        return None

    @property
    def sheetnames(self) -> list[str]:
        return list(self.paths)

    def count_rows(self, name: str) -> int:
        """The number of rows in a sheet, counted in its XML without parsing it."""
        tail, count = b"", 0
        with self.zip.open(self.paths[name]) as source:
            while chunk := source.read(1 << 20):
                buf = tail + chunk
                count += sum(1 for m in _ROW_TAG.finditer(buf) if m.end() > len(tail))
                tail = buf[-32:]
        return count

    def rows(self, name: str) -> Iterator[tuple[Any, ...]]:
        """Every row from row 1; a row missing from the file is an empty tuple."""
        path = self.paths[name]
        with self.zip.open(path) as source:
            head = source.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise ValueError(path)
        expected = 1
        with self.zip.open(path) as source:
            for _, element in ElementTree.iterparse(source):  # noqa: S314 - entities refused
                if element.tag != _ROW:
                    continue
                ref = element.get("r")
                number = int(ref) if ref else expected
                while expected < number:
                    yield ()
                    expected += 1
                values: list[Any] = []
                for cell in element.iterfind(_CELL):
                    coordinate = cell.get("r")
                    if coordinate:
                        column = _column_index(coordinate.rstrip("0123456789"))
                        if column < len(values):  # out of order: put it where it says
                            values[column] = self._value(cell)
                            continue
                        values.extend([None] * (column - len(values)))
                    values.append(self._value(cell))
                element.clear()
                yield tuple(values)
                expected = number + 1

    def _value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return None if inline is None else _string_item(inline)
        value = cell.findtext(_VALUE)
        if not value:  # no value, or a formula never calculated
            return None
        if kind == "s":
            return self.strings[int(value)]
        if kind == "n":
            return float(value) if any(c in value for c in ".eE") else int(value)
        if kind == "b":
            return value == "1"
        return value  # "str" (a formula's text), "e" (an error such as #N/A), "d" (ISO date)

    def close(self) -> None:
        self.zip.close()


@functools.lru_cache(maxsize=4096)
def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _string_item(element: Any) -> str:
    """The text of an <is> or <si>: its <t>, or the <t> of its runs (not phonetic hints)."""
    text = element.find(_TEXT)
    if text is not None:
        return text.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in element.iterfind(_RUN))


def _open(data: bytes) -> _Book:
    if not data:
        raise InvalidInput("上传的文件是空的，请选择导出的事项清单 Excel 文件", field="file")
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，请拆分后分批导入", field="file"
        )
    try:
        return _Book(data)
    except _BROKEN as exc:
        raise InvalidInput(_NOT_XLSX, field="file") from exc


def _sheets(book: _Book) -> tuple[dict[str, _Sheet], list[RowError]]:
    """The three sheets with their header positions, or the problems with the headers."""
    found: dict[str, _Sheet] = {}
    errors: list[RowError] = []
    names = book.sheetnames
    for name, columns in SHEETS.items():
        if name not in names:
            errors.append(RowError(name, 0, "", f"缺少工作表“{name}”（应有：{'、'.join(SHEETS)}）"))
            continue
        rows = _guarded(book.rows(name))
        header_row = next(rows, None) or ()
        index: dict[str, int] = {}
        for position, raw in enumerate(header_row):
            header = _word(raw)
            if not header:
                continue
            if header in index:
                errors.append(RowError(name, 1, header, f"列“{header}”出现了两次，请删除一列"))
            index.setdefault(header, position)
        for column in columns:
            if column.header not in index:
                errors.append(
                    RowError(name, 1, column.header, f"缺少列“{column.header}”，请使用导出的模板")
                )
        found[name] = _Sheet(name, index, rows, max(book.count_rows(name) - 1, 0))
    return found, errors


def _guarded(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows, a broken sheet (bad XML, a bad shared-string index) as `InvalidInput`."""
    try:
        yield from rows
    except _BROKEN as exc:
        raise InvalidInput(_NOT_XLSX, field="file") from exc


def check_structure(data: bytes) -> int:
    """Refuse a file that is not a catalog workbook (unreadable, sheets or columns missing)
    before it is queued; returns the number of data rows."""
    book = _open(data)
    try:
        sheets, errors = _sheets(book)
        if errors:
            raise _invalid(errors)
        return sum(s.data_rows for s in sheets.values())
    finally:
        book.close()


def _invalid(errors: list[RowError]) -> InvalidInput:
    shown = errors[:MAX_REPORTED_ERRORS]
    more = f"（仅列出前 {len(shown)} 处）" if len(errors) > len(shown) else ""
    first = "；".join(str(e) for e in errors[:3])
    return InvalidInput(
        f"文件未通过校验，共 {len(errors)} 处问题{more}，未导入任何数据。{first}"
        + ("……" if len(errors) > 3 else ""),
        code="import_invalid",
        errors=[e.as_dict() for e in shown],
    )


# --- parsing ----------------------------------------------------------------------------------
class _Errors:
    def __init__(self) -> None:
        self.items: list[RowError] = []

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        self.items.append(RowError(sheet, row, column, message))


class _Counter:
    """Reports (rows read, rows expected) every PROGRESS_EVERY rows."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def tick(self) -> None:
        self.done += 1
        if self.done > self.total:
            self.total = self.done
        if self.progress and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.total = self.done
        if self.progress:
            self.progress(self.done, self.total)


def parse_workbook(
    data: bytes, *, progress: Progress | None = None
) -> tuple[list[ParsedItem], list[RowError]]:
    """Read and validate every row of every sheet. A file that cannot be read at all raises
    `InvalidInput`; everything else wrong is a `RowError` (sorted by sheet, row, column)."""
    book = _open(data)
    try:
        sheets, header_errors = _sheets(book)
        if header_errors:
            return [], header_errors
        counter = _Counter(sum(s.data_rows for s in sheets.values()), progress)
        lk = _Lookups.load()
        errors = _Errors()
        items, listed = _parse_items(sheets[SHEET_ITEMS], lk, errors, counter)
        owners = _Owners({p.implementation_code: p for p in items}, listed)
        _parse_materials(sheets[SHEET_MATERIALS], owners, errors, counter, lk)
        _parse_fields(sheets[SHEET_FIELDS], owners, errors, counter, lk)
        counter.finish()
    finally:
        book.close()
    if not items and not errors.items:
        errors.add(SHEET_ITEMS, 2, "", "“事项”表没有数据行")
    for item in items:
        for column, message in _check_item(item, lk):
            errors.add(SHEET_ITEMS, item.row, column, message)
    _check_against_catalog(items, errors)
    order = {name: i for i, name in enumerate(SHEETS)}
    positions = {name: {c.header: i for i, c in enumerate(cols)} for name, cols in SHEETS.items()}
    errors.items.sort(
        key=lambda e: (order.get(e.sheet, 9), e.row, positions.get(e.sheet, {}).get(e.column, -1))
    )
    return items, errors.items


def _read_row(
    sheet: _Sheet,
    columns: list[Column],
    number: int,
    values: tuple[Any, ...],
    lk: _Lookups,
    errors: _Errors,
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    ok = True
    for column in columns:
        try:
            out[column.key] = column.codec.from_cell(sheet.get(values, column.header), lk)
        except _CellError as exc:
            errors.add(sheet.name, number, column.header, str(exc))
            ok = False
    return out if ok else None


def _parse_items(
    sheet: _Sheet, lk: _Lookups, errors: _Errors, counter: _Counter
) -> tuple[list[ParsedItem], set[str]]:
    """The valid item rows, and every 实施编码 the sheet lists (valid or not)."""
    items: list[ParsedItem] = []
    first_row: dict[str, int] = {}
    for count, (number, values) in enumerate(sheet.rows(counter)):
        if count >= MAX_ROWS:
            errors.add(sheet.name, number, "", f"行数超过 {MAX_ROWS}，请拆分后分批导入")
            break
        code = _word(sheet.get(values, "实施编码"))
        if code in first_row:
            errors.add(
                sheet.name, number, "实施编码", f"实施编码“{code}”与第 {first_row[code]} 行重复"
            )
            continue
        if code:
            first_row[code] = number
        row = _read_row(sheet, ITEM_COLUMNS, number, values, lk, errors)
        if row is None:
            continue
        items.append(
            ParsedItem(
                row=number,
                implementation_code=row.pop(CODE),
                basic_code=row.pop(BASIC),
                department=row.pop(DEPARTMENT),
                delegated_from=row.pop(DELEGATED),
                content={**row, "materials": [], "fields": []},
            )
        )
    return items, set(first_row)


@dataclass
class _Owners:
    """The items that material and field rows may belong to."""

    valid: dict[str, ParsedItem]
    listed: set[str]  # codes on the "事项" sheet, including rows with errors

    def code_of(self, sheet: _Sheet, number: int, values: tuple[Any, ...], errors: _Errors) -> str:
        """The row's 实施编码 if the "事项" sheet lists it (a listed row with errors has
        them reported there); "" after reporting a missing or unknown code."""
        code = _word(sheet.get(values, "实施编码"))
        if not code:
            errors.add(sheet.name, number, "实施编码", "请填写该行所属事项的实施编码")
        elif code not in self.listed:
            errors.add(
                sheet.name, number, "实施编码", f"实施编码“{code}”不在“事项”表中，请核对编码"
            )
            code = ""
        return code


def _ordered(
    sheet: _Sheet,
    entries: dict[str, list[tuple[int, int, dict[str, Any]]]],
    errors: _Errors,
) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Entries of each item in 序号 order; a 序号 used twice for one item is an error."""
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for code, rows in entries.items():
        seen: dict[int, int] = {}
        for order, number, _ in rows:
            if order in seen:
                errors.add(
                    sheet.name,
                    number,
                    "序号",
                    f"序号 {order} 与第 {seen[order]} 行重复（同一事项内）",
                )
            seen.setdefault(order, number)
        out[code] = [(number, entry) for _, number, entry in sorted(rows, key=lambda r: r[:2])]
    return out


def _parse_materials(
    sheet: _Sheet,
    owners: _Owners,
    errors: _Errors,
    counter: _Counter,
    lk: _Lookups,
) -> None:
    entries: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    for count, (number, values) in enumerate(sheet.rows(counter)):
        if count >= MAX_ROWS:
            errors.add(sheet.name, number, "", f"行数超过 {MAX_ROWS}，请拆分后分批导入")
            break
        code = owners.code_of(sheet, number, values, errors)
        row = _read_row(sheet, MATERIAL_COLUMNS, number, values, lk, errors)
        if row is None:
            continue
        if not row["name"].strip():
            errors.add(sheet.name, number, "材料名称", "请填写材料名称")
            continue
        row["material_type"] = row["material_type"].strip() or row["name"].strip()
        for column, key in (("材料名称", "name"), ("填报说明", "notes")):
            if phrase := quality.vague_phrase(row[key]):
                errors.add(sheet.name, number, column, f"含模糊表述“{phrase}”，请写明具体材料名称")
        if row["tolerable"] and not row["required"]:
            errors.add(sheet.name, number, "可容缺", "非必要材料，无需标为可容缺")
        if code:
            entries[code].append((row.pop("order"), number, {k: row[k] for k in MATERIAL_FIELDS}))
    for code, rows in _ordered(sheet, entries, errors).items():
        if owner := owners.valid.get(code):
            owner.content["materials"] = [entry for _, entry in rows]
            owner.material_rows = [number for number, _ in rows]


def _parse_fields(
    sheet: _Sheet,
    owners: _Owners,
    errors: _Errors,
    counter: _Counter,
    lk: _Lookups,
) -> None:
    entries: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    keys_seen: dict[tuple[str, str], int] = {}
    for count, (number, values) in enumerate(sheet.rows(counter)):
        if count >= MAX_ROWS:
            errors.add(sheet.name, number, "", f"行数超过 {MAX_ROWS}，请拆分后分批导入")
            break
        code = owners.code_of(sheet, number, values, errors)
        row = _read_row(sheet, FIELD_COLUMNS, number, values, lk, errors)
        if row is None:
            continue
        key = row["key"]
        if key not in lk.elements:
            errors.add(
                sheet.name, number, "数据元代码", f"数据元“{key}”不存在，请先在数据元目录中登记"
            )
            continue
        if not code:
            continue
        if (code, key) in keys_seen:
            errors.add(
                sheet.name,
                number,
                "数据元代码",
                f"数据元“{key}”在该事项中重复（见第 {keys_seen[code, key]} 行）",
            )
            continue
        keys_seen[code, key] = number
        entry = {"key": key, "label": row["label"], "required": row["required"]}
        entries[code].append((row["order"], number, entry))
    for code, rows in _ordered(sheet, entries, errors).items():
        if owner := owners.valid.get(code):
            owner.content["fields"] = [entry for _, entry in rows]
            owner.field_rows = [number for number, _ in rows]


# Where a quality problem of a row is reported, and what to add to its message there.
_PROBLEM_COLUMN = {
    "basic_code": ("基本编码", ""),
    "implementation_code": ("实施编码", ""),
    "materials": ("实施编码", "“申请材料”表中没有该事项的材料，"),
    "fields": ("实施编码", "“表单字段”表中没有该事项的字段，"),
    "process": ("办理流程", ""),
}


def _check_item(item: ParsedItem, lk: _Lookups) -> list[tuple[str, str]]:
    """The catalog quality rules (quality.check_content) on a parsed row: (column, what to
    fix). Material-level rules were checked on the material rows."""
    problems = quality.check_content(
        item.content,
        basic_code=item.basic_code,
        implementation_code=item.implementation_code,
        department=lk.departments[item.department],
        allowed_kinds=set(lk.special_kinds),
        materials=False,
    )
    out = []
    for problem in problems:
        column, prefix = _PROBLEM_COLUMN.get(problem.field, (HEADER_OF.get(problem.field, ""), ""))
        message = problem.message
        if problem.field == "process":
            message += "，每行一个环节，如“受理｜眉县行政审批服务局｜window_clerk”"
        out.append((column, prefix + message))
    return out


def _check_against_catalog(items: list[ParsedItem], errors: _Errors) -> None:
    """Rows that conflict with what is already in the catalog."""
    codes = [p.implementation_code for p in items]
    existing = dict(_in_chunks(Item.objects.all(), "implementation_code", codes, "pk"))
    open_versions = {
        item_id: (number, status)
        for item_id, number, status in _in_chunks(
            ItemVersion.objects.filter(status__in=services.OPEN),
            "item_id",
            list(existing.values()),
            "number",
            "status",
        )
    }
    in_file = set(codes)
    delegated = {p.delegated_from for p in items if p.delegated_from} - in_file
    known = {
        code for code, _ in _in_chunks(Item.objects.all(), "implementation_code", delegated, "pk")
    }
    for p in items:
        item_id = existing.get(p.implementation_code)
        if item_id in open_versions:
            number, status = open_versions[item_id]
            errors.add(
                SHEET_ITEMS,
                p.row,
                "实施编码",
                f"该事项已有未发布的第 {number} 版（{VersionStatus(status).label}），"
                "请先发布、退回或删除该版本后再导入",
            )
        if p.delegated_from:
            if p.delegated_from == p.implementation_code:
                errors.add(SHEET_ITEMS, p.row, "委托自", "事项不能委托给自己")
            elif p.delegated_from not in known and p.delegated_from not in in_file:
                errors.add(
                    SHEET_ITEMS,
                    p.row,
                    "委托自",
                    f"委托的县级事项“{p.delegated_from}”既不在本文件中，也不在事项清单中",
                )


def _in_chunks(
    qs: QuerySet[_M], lookup: str, values: Iterable[Any], *fields: str, size: int = 500
) -> Iterator[tuple[Any, ...]]:
    """`values_list(lookup, *fields)` for `lookup__in=values`, a few hundred at a time (SQLite
    limits the number of parameters of one query)."""
    values = list(values)
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield from qs.filter(**{f"{lookup}__in": chunk}).values_list(lookup, *fields)


# --- importing --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    items_created: int
    items_updated: int
    materials: int
    fields: int
    published: bool
    version_ids: list[int]

    @property
    def versions(self) -> int:
        return len(self.version_ids)

    def summary(self) -> str:
        state = "已直接发布" if self.published else "均为草稿，请提交审核"
        return (
            f"已导入 {self.versions} 个事项（新增 {self.items_created} 个，"
            f"更新 {self.items_updated} 个），{state}；申请材料 {self.materials} 项，"
            f"表单字段 {self.fields} 个"
        )


def import_catalog(
    *,
    actor: Any,
    data: bytes,
    publish: bool,
    progress: Progress | None = None,
    job_id: int | None = None,
) -> ImportResult:
    """Import a catalog workbook: every row becomes a new version of its item (a new item
    when the 实施编码 is new), a draft or — for reviewers, `publish=True` — published at once.
    Any problem in any row raises `InvalidInput` with `errors` and writes nothing."""
    if publish and not services.can_review(actor):
        raise PermissionDenied("只有县行政审批服务局的大厅管理员或系统管理员可以导入并直接发布事项")
    items, errors = parse_workbook(data, progress=progress)
    if errors:
        raise _invalid(errors)
    if not publish:
        departments = {p.department for p in items}
        lk_departments = {d.name: d for d in Department.objects.filter(name__in=departments)}
        refused = sorted(
            name
            for name in departments
            if not services.can_maintain(actor, lk_departments[name].pk)
        )
        if refused:
            raise PermissionDenied(
                f"您不能维护以下部门的事项：{'、'.join(refused)}。请删除这些行，或由该部门管理员导入",
                departments=refused,
            )
    with transaction.atomic():
        return _write(items, actor=actor, publish=publish, job_id=job_id)


def _write(
    parsed: list[ParsedItem], *, actor: Any, publish: bool, job_id: int | None
) -> ImportResult:
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    lk = _Lookups.load()
    if _references_gone(parsed, lk):
        raise Conflict("导入期间部门、主题或数据元有变动，请重新导入")
    codes = [p.implementation_code for p in parsed]

    # Lock the items that exist and make sure nothing opened a version since validation.
    existing: dict[str, Item] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        for item in Item.objects.select_for_update().filter(implementation_code__in=chunk):
            existing[item.implementation_code] = item
    latest: dict[int, tuple[int, int]] = {}  # item id → (number, version id) of the newest
    published_before: dict[int, tuple[int, int]] = {}
    for item_id, number, version_id, status in _in_chunks(
        ItemVersion.objects.all(),
        "item_id",
        [i.pk for i in existing.values()],
        "number",
        "id",
        "status",
    ):
        if status in services.OPEN:
            raise Conflict("导入期间有事项新建了草稿，请刷新后重新导入")
        if item_id not in latest or number > latest[item_id][0]:
            latest[item_id] = (number, version_id)
        if status == VersionStatus.PUBLISHED:
            published_before[item_id] = (number, version_id)

    new_items = [
        Item(
            implementation_code=p.implementation_code,
            basic_code=p.basic_code,
            department=lk.departments[p.department],
        )
        for p in parsed
        if p.implementation_code not in existing
    ]
    Item.objects.bulk_create(new_items, batch_size=500)
    items = {**existing, **{i.implementation_code: i for i in new_items}}
    delegation_changed = _set_delegations(parsed, items)

    retired_ids = [vid for _, vid in published_before.values()] if publish else []
    if retired_ids:
        ItemVersion.objects.filter(pk__in=retired_ids).update(
            status=VersionStatus.RETIRED, retired_at=now
        )
        SearchPosting.objects.filter(version_id__in=retired_ids).delete()

    versions = []
    for p in parsed:
        item = items[p.implementation_code]
        number, based_on = latest.get(item.pk, (0, None))
        c = p.content
        versions.append(
            ItemVersion(
                item=item,
                number=number + 1,
                based_on_id=based_on,
                status=VersionStatus.PUBLISHED if publish else VersionStatus.DRAFT,
                created_by=user,
                created_at=now,
                published_at=now if publish else None,
                competent_department=lk.departments[c["competent_department"]],
                **{f: c[f] for f in (*SCALAR_FIELDS, *JSON_FIELDS)},
            )
        )
    ItemVersion.objects.bulk_create(versions, batch_size=500)

    _link(ItemVersion, "themes", versions, parsed, lambda code: lk.themes[code].pk)
    _link(
        ItemVersion,
        "joint_departments",
        versions,
        parsed,
        lambda name: lk.departments[name].pk,
    )
    materials = _create_materials(versions, parsed)
    form_fields = FormField.objects.bulk_create(
        [
            FormField(
                version_id=version.pk,
                element_id=lk.elements[f["key"]],
                label=f["label"],
                required=f["required"],
                order=order,
            )
            for version, p in zip(versions, parsed, strict=True)
            for order, f in enumerate(p.content["fields"], start=1)
        ],
        batch_size=1000,
    )

    if publish:
        reviews = [
            Review(
                version_id=v.pk,
                action=Review.Action.PUBLISH,
                actor=user,
                opinion=IMPORT_OPINION,
                created_at=now,
            )
            for v in versions
        ]
        by_item = {v.item_id: v for v in versions}
        reviews += [
            Review(
                version_id=version_id,
                action=Review.Action.RETIRE,
                actor=user,
                opinion=f"由第 {by_item[item_id].number} 版取代（{IMPORT_OPINION}）",
                created_at=now,
            )
            for item_id, (_, version_id) in published_before.items()
        ]
        Review.objects.bulk_create(reviews, batch_size=1000)
        in_force = ItemVersion.objects.filter(
            item=OuterRef("pk"), status=VersionStatus.PUBLISHED
        ).values("pk")[:1]
        item_ids = list(by_item)
        for start in range(0, len(item_ids), 500):
            Item.objects.filter(pk__in=item_ids[start : start + 500]).update(
                published_version=Subquery(in_force), updated_at=now
            )
        _index(versions)

    for version, p in zip(versions, parsed, strict=True):
        previous = published_before.get(version.item_id)
        audit.record(
            code="catalog.version.imported",
            actor=actor,
            obj=version,
            before={"published": previous[0]} if previous and publish else None,
            after={
                "implementation_code": p.implementation_code,
                "number": version.number,
                "status": version.status,
                "new_item": p.implementation_code not in existing,
                **(
                    {"delegated_from": p.delegated_from or None}
                    if p.implementation_code in delegation_changed
                    else {}
                ),
            },
        )
    result = ImportResult(
        items_created=len(new_items),
        items_updated=len(existing),
        materials=len(materials),
        fields=len(form_fields),
        published=publish,
        version_ids=[v.pk for v in versions],
    )
    audit.record(
        code="catalog.imported",
        actor=actor,
        object_type="catalog.importjob" if job_id else "catalog.item",
        object_id=str(job_id or ""),
        object_repr="Excel 导入事项清单",
        after={
            "versions": result.versions,
            "items_created": result.items_created,
            "items_updated": result.items_updated,
            "materials": result.materials,
            "fields": result.fields,
            "published": publish,
        },
    )
    return result


def _references_gone(parsed: list[ParsedItem], lk: _Lookups) -> bool:
    """Whether a department, theme or data element the rows name was removed after they
    were validated (they are read again inside the import's transaction)."""
    for p in parsed:
        c = p.content
        names = {p.department, c["competent_department"], *c["joint_departments"]}
        if not names <= lk.departments.keys() or not set(c["themes"]) <= lk.themes.keys():
            return True
        if any(f["key"] not in lk.elements for f in c["fields"]):
            return True
        if any(s["department"] not in lk.department_names for s in c["process"]):
            return True
    return False


def _set_delegations(parsed: list[ParsedItem], items: dict[str, Item]) -> set[str]:
    """Point each item at the county item it is delegated from; the codes that changed."""
    wanted = {p.delegated_from for p in parsed if p.delegated_from}
    ids = {code: item.pk for code, item in items.items() if code in wanted}
    ids.update(dict(_in_chunks(Item.objects.all(), "implementation_code", wanted - set(ids), "pk")))
    changed = []
    for p in parsed:
        item = items[p.implementation_code]
        target = ids[p.delegated_from] if p.delegated_from else None
        if item.delegated_from_id != target:
            item.delegated_from_id = target
            changed.append(item)
    Item.objects.bulk_update(changed, ["delegated_from"], batch_size=500)
    return {item.implementation_code for item in changed}


def _link(
    model: type[models.Model],
    name: str,
    versions: list[ItemVersion],
    parsed: list[ParsedItem],
    target_pk: Callable[[str], int],
) -> None:
    """Bulk-insert the through rows of a many-to-many element (themes, joint departments)."""
    m2m = model._meta.get_field(name)
    assert isinstance(m2m, models.ManyToManyField)
    through: Any = getattr(model, name).through
    source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    rows = [
        through(**{source: version.pk, target: target_pk(value)})
        for version, p in zip(versions, parsed, strict=True)
        for value in p.content[name]
    ]
    through.objects.bulk_create(rows, batch_size=1000)


def _create_materials(versions: list[ItemVersion], parsed: list[ParsedItem]) -> list[Material]:
    """Materials of all versions, with the dictionary entries they name created as needed."""
    names = {m["material_type"] for p in parsed for m in p.content["materials"]}
    types = dict(_in_chunks(MaterialType.objects.all(), "name", names, "pk"))
    missing = [MaterialType(name=name) for name in sorted(names - set(types))]
    if missing:
        MaterialType.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
        types.update(
            _in_chunks(MaterialType.objects.all(), "name", [m.name for m in missing], "pk")
        )
    return Material.objects.bulk_create(
        [
            Material(
                version_id=version.pk,
                material_type_id=types[m["material_type"]],
                order=order,
                **{k: m[k] for k in MATERIAL_FIELDS if k != "material_type"},
            )
            for version, p in zip(versions, parsed, strict=True)
            for order, m in enumerate(p.content["materials"], start=1)
        ],
        batch_size=1000,
    )


def _index(versions: list[ItemVersion]) -> None:
    """Search postings of newly published versions, read back with what they index."""
    ids = [v.pk for v in versions]
    for start in range(0, len(ids), 500):
        chunk = (
            ItemVersion.objects.filter(pk__in=ids[start : start + 500])
            .select_related("item__department", "competent_department")
            .prefetch_related("themes", "materials")
        )
        rows = [
            (posting.version_id, posting.term, posting.weight)
            for version in chunk
            for posting in search.postings_for(version)
        ]
        _insert(SearchPosting, ["version_id", "term", "weight"], rows)


def _insert(model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """A plain multi-row INSERT for rows of simple values, where `bulk_create` spends more
    time building instances than the database spends storing them (search postings)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column_of = {f.attname: f.column for f in model._meta.concrete_fields}
    names = ", ".join(quote(column_of[c]) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


# --- import jobs (uploaded files imported by the worker) --------------------------------------
def _require_import_rights(actor: Any, *, publish: bool) -> None:
    if publish:
        if not services.can_review(actor):
            raise PermissionDenied(
                "只有县行政审批服务局的大厅管理员或系统管理员可以导入并直接发布事项"
            )
    elif actor is not None and not scope_of(actor).has_role(Role.DEPT_ADMIN, Role.SYSTEM_ADMIN):
        raise PermissionDenied("只有部门管理员或系统管理员可以导入事项")


def import_job_create(*, actor: Any, data: bytes, filename: str, publish: bool) -> ImportJob:
    """Queue an uploaded workbook for import. A file that is not a catalog workbook is
    refused at once; the rows are validated by the worker (`run_import`)."""
    _require_import_rights(actor, publish=publish)
    rows = check_structure(data)  # before the transaction: SQLite holds a write lock in it
    name = filename if filename.lower().endswith(".xlsx") else "catalog.xlsx"
    with transaction.atomic():
        job = ImportJob(
            publish=publish,
            total_rows=rows,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        job.file.save(name, ContentFile(data), save=False)
        job.save()
        audit.record(
            code="catalog.import.queued",
            actor=actor,
            obj=job,
            after={"file": job.file.name, "publish": publish, "rows": rows},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_import

    run_import.enqueue(job_id)


def import_job_run(job_id: int) -> str:
    """Run one queued import (called by the worker). Idempotent: a job that is no longer
    pending is left alone, so a retried task never imports twice."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, summary="正在校验"
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        fields: dict[str, Any] = {"processed_rows": done, "total_rows": total}
        if done >= total:
            fields["summary"] = "校验通过，正在写入"
        ImportJob.objects.filter(pk=job_id).update(**fields)

    try:
        with job.file.open("rb") as f:
            data = f.read()
        result = import_catalog(
            actor=job.created_by, data=data, publish=job.publish, progress=progress, job_id=job.pk
        )
    except DomainError as exc:
        errors = exc.details.get("errors") or [
            {"sheet": "", "row": 0, "column": "", "message": exc.message}
        ]
        _finish(job_id, ImportJob.Status.FAILED, summary=exc.message[:200], errors=errors)
        return "failed"
    except Exception:
        _finish(
            job_id,
            ImportJob.Status.FAILED,
            summary="导入时发生内部错误，未导入任何数据，请联系系统管理员",
            errors=[],
        )
        raise
    _finish(job_id, ImportJob.Status.DONE, summary=result.summary()[:200], errors=[])
    return "done"


@transaction.atomic
def _finish(job_id: int, status: str, *, summary: str, errors: list[dict[str, Any]]) -> None:
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    job.status = status
    job.summary = summary
    job.errors = errors
    job.finished_at = timezone.now()
    if status == ImportJob.Status.DONE:
        job.processed_rows = job.total_rows
    job.save(update_fields=["status", "summary", "errors", "finished_at", "processed_rows"])
    if status == ImportJob.Status.FAILED:
        audit.record(
            code="catalog.import.failed",
            actor=job.created_by,
            obj=job,
            after={"summary": summary, "errors": len(errors)},
        )


def import_job_get(*, actor: Any, job_id: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        raise NotFound("导入任务不存在")
    if not (
        actor is None
        or services.can_review(actor)
        or (job.created_by_id is not None and job.created_by_id == getattr(actor, "pk", None))
    ):
        raise PermissionDenied("只能查看自己提交的导入任务")
    return job
