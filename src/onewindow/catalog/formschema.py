"""Server-side validation of an application form against an item version's form schema.

Every terminal renders the fields of `FormField`/`DataElement` and sends back a dict keyed
by data-element key; `validate()` checks it the same way for all of them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from onewindow.core.validators import (
    mobile_error,
    normalize_resident_id,
    normalize_uscc,
    resident_id_error,
    uscc_error,
)

from .codes import FieldType
from .models import ItemVersion

_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _check(kind: str, element: Any, value: Any) -> tuple[Any, str | None]:
    """(cleaned value, error) for one non-empty value."""
    if kind in {FieldType.TEXT, FieldType.TEXTAREA}:
        text = str(value).strip()
        if element.max_length and len(text) > element.max_length:
            return text, f"不能超过 {element.max_length} 个字"
        return text, None
    if kind == FieldType.NUMBER:
        try:
            number = int(str(value).strip())
        except ValueError:
            return value, "应为整数"
        if element.min_value is not None and number < element.min_value:
            return number, f"不能小于 {element.min_value}"
        if element.max_value is not None and number > element.max_value:
            return number, f"不能大于 {element.max_value}"
        return number, None
    if kind == FieldType.DATE:
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat(), None
        except ValueError:
            return value, "应为日期，如 2026-12-31"
    if kind == FieldType.SELECT:
        if str(value) not in element.options:
            return value, f"应为以下之一：{'、'.join(element.options)}"
        return str(value), None
    if kind == FieldType.MULTISELECT:
        values = value if isinstance(value, list) else [value]
        if bad := [str(v) for v in values if str(v) not in element.options]:
            return values, f"“{'、'.join(bad)}”不在可选项中"
        return [str(v) for v in values], None
    if kind == FieldType.CHECKBOX:
        if value in (True, "true", "1", "on", 1):
            return True, None
        if value in (False, "false", "0", "", 0):
            return False, None
        return value, "应为是或否"
    if kind == FieldType.ID_NUMBER:
        id_number = normalize_resident_id(str(value))
        return id_number, resident_id_error(id_number)
    if kind == FieldType.USCC:
        code = normalize_uscc(str(value))
        return code, uscc_error(code)
    if kind == FieldType.PHONE:
        return str(value).strip(), mobile_error(str(value))
    if kind == FieldType.EMAIL:
        text = str(value).strip()
        return text, None if _EMAIL_RE.fullmatch(text) else "电子邮箱格式不正确"
    return value, None


def validate(version: ItemVersion, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """(cleaned values, errors by key) of an application form; unknown keys are errors too,
    so nothing the applicant did not mean to send is stored."""
    return validate_fields(list(version.fields.select_related("element")), data)


def validate_fields(
    fields: list[Any], data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """`validate` over form fields already loaded with their elements (e.g. prefetched)."""
    known = {f.element.key for f in fields}
    errors: dict[str, str] = {k: "该表单没有这一项" for k in data if k not in known}
    clean: dict[str, Any] = {}
    for field in fields:
        element, key = field.element, field.element.key
        value = data.get(key)
        empty = value is None or value == "" or value == []
        if empty:
            if field.required and element.type != FieldType.CHECKBOX:
                errors[key] = f"{field.display_label}：必填"
            continue
        cleaned, error = _check(element.type, element, value)
        if error:
            errors[key] = f"{field.display_label}：{error}"
        else:
            clean[key] = cleaned
    return clean, errors
