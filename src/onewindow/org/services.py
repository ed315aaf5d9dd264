"""Writes to the organisation tables. Every change is audited in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, require_role
from onewindow.core.validation import full_clean, integrity_as_conflict
from onewindow.core.validators import normalize_uscc

from .models import Department, Division, Hall, Window

_KIND_LEVEL = {
    Division.Kind.COUNTY: Division.Level.COUNTY,
    Division.Kind.TOWN: Division.Level.TOWN,
    Division.Kind.STREET: Division.Level.TOWN,
    Division.Kind.VILLAGE: Division.Level.VILLAGE,
    Division.Kind.COMMUNITY: Division.Level.VILLAGE,
}

DEPARTMENT_FIELDS = [
    "name",
    "short_name",
    "uscc",
    "division",
    "is_platform_operator",
    "phone",
    "supervision_phone",
    "address",
    "is_active",
]
HALL_FIELDS = [
    "name",
    "kind",
    "division",
    "parent",
    "managing_department",
    "address",
    "phone",
    "opening_hours",
    "is_active",
]
WINDOW_FIELDS = ["hall", "number", "name", "kind", "opening_hours", "is_active"]


def _admin(actor: Any) -> None:
    """`actor=None` is the platform itself (demo loader, migrations, commands)."""
    if actor is not None:
        require_role(actor, Role.SYSTEM_ADMIN)


def division_by_code(code: str) -> Division:
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise InvalidInput(f"行政区划代码 {code} 不存在", field="division_code")
    return division


@transaction.atomic
def division_create(
    *, actor: Any, code: str, name: str, kind: str, parent_code: str | None = None
) -> Division:
    _admin(actor)
    if kind not in Division.Kind.values:
        raise InvalidInput(f"区划类别“{kind}”无效，可选：{'、'.join(Division.Kind.values)}")
    level = _KIND_LEVEL[Division.Kind(kind)]
    parent = division_by_code(parent_code) if parent_code else None
    if level == Division.Level.COUNTY and parent is not None:
        raise InvalidInput("县级区划不能有上级区划")
    if level != Division.Level.COUNTY:
        if parent is None:
            raise InvalidInput("乡镇/街道和村/社区必须指定上级区划", field="parent_code")
        if parent.level != level - 1:
            raise InvalidInput(f"上级区划“{parent.name}”的层级不对：{kind} 应隶属于上一级区划")
        if (
            code[: 6 if level == Division.Level.TOWN else 9]
            != parent.code[: 6 if level == Division.Level.TOWN else 9]
        ):
            raise InvalidInput(f"区划代码 {code} 与上级区划 {parent.code} 的前缀不一致")
    if Division.objects.filter(code=code).exists():
        raise Conflict(f"区划代码 {code} 已存在")
    division = Division(code=code, name=name.strip(), kind=kind, level=level, parent=parent)
    full_clean(division)
    with integrity_as_conflict(f"区划代码 {code} 已存在"):
        division.save()
    audit.record(
        code="org.division.created",
        actor=actor,
        obj=division,
        after=audit.snapshot(division, ["code", "name", "kind", "level", "parent"]),
    )
    return division


@transaction.atomic
def department_create(
    *,
    actor: Any,
    name: str,
    short_name: str,
    uscc: str,
    division_code: str,
    is_platform_operator: bool = False,
    phone: str = "",
    supervision_phone: str = "",
    address: str = "",
) -> Department:
    _admin(actor)
    uscc = normalize_uscc(uscc)
    department = Department(
        name=name.strip(),
        short_name=short_name.strip(),
        uscc=uscc,
        division=division_by_code(division_code),
        is_platform_operator=is_platform_operator,
        phone=phone,
        supervision_phone=supervision_phone,
        address=address,
    )
    full_clean(department)
    _check_department_unique(department)
    with integrity_as_conflict("部门名称或统一社会信用代码已存在"):
        department.save()
    audit.record(
        code="org.department.created",
        actor=actor,
        obj=department,
        after=audit.snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


def _check_department_unique(department: Department) -> None:
    others = Department.objects.exclude(pk=department.pk)
    if others.filter(name=department.name).exists():
        raise Conflict(f"部门“{department.name}”已存在")
    if others.filter(uscc=department.uscc).exists():
        raise Conflict(f"统一社会信用代码 {department.uscc} 已被其他部门使用")
    if department.is_platform_operator and others.filter(is_platform_operator=True).exists():
        raise Conflict("平台运营主体只能有一个，请先取消原部门的标记")


@transaction.atomic
def department_update(*, actor: Any, department_id: int, **changes: Any) -> Department:
    _admin(actor)
    department = Department.objects.select_for_update().filter(pk=department_id).first()
    if department is None:
        raise NotFound("部门不存在")
    before = audit.snapshot(department, DEPARTMENT_FIELDS)
    allowed = set(DEPARTMENT_FIELDS) - {"division"}
    for key, value in changes.items():
        if key == "division_code":
            department.division = division_by_code(value)
        elif key in allowed:
            setattr(department, key, normalize_uscc(value) if key == "uscc" else value)
        else:
            raise InvalidInput(f"不能修改字段 {key}")
    full_clean(department)
    _check_department_unique(department)
    department.save()
    audit.record(
        code="org.department.updated",
        actor=actor,
        obj=department,
        before=before,
        after=audit.snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


@transaction.atomic
def hall_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    division_code: str,
    parent_id: int | None = None,
    managing_department_id: int | None = None,
    address: str = "",
    phone: str = "",
    opening_hours: str = "",
) -> Hall:
    _admin(actor)
    hall = Hall(
        name=name.strip(),
        kind=kind,
        division=division_by_code(division_code),
        parent=Hall.objects.filter(pk=parent_id).first() if parent_id else None,
        managing_department=(
            Department.objects.filter(pk=managing_department_id).first()
            if managing_department_id
            else None
        ),
        address=address,
        phone=phone,
        opening_hours=opening_hours,
    )
    if parent_id and hall.parent is None:
        raise InvalidInput("上级大厅不存在", field="parent_id")
    if managing_department_id and hall.managing_department is None:
        raise InvalidInput("管理部门不存在", field="managing_department_id")
    full_clean(hall)
    if Hall.objects.filter(name=hall.name).exists():
        raise Conflict(f"大厅“{hall.name}”已存在")
    with integrity_as_conflict(f"大厅“{hall.name}”已存在"):
        hall.save()
    audit.record(
        code="org.hall.created", actor=actor, obj=hall, after=audit.snapshot(hall, HALL_FIELDS)
    )
    return hall


def _window_admin(actor: Any, hall: Hall) -> None:
    if actor is None:
        return
    scope = require_role(actor, Role.SYSTEM_ADMIN, Role.HALL_ADMIN)
    if not scope.has_role(Role.SYSTEM_ADMIN) and hall.pk not in scope.hall_ids:
        raise PermissionDenied("大厅管理员只能管理本大厅的窗口")


@transaction.atomic
def window_create(
    *,
    actor: Any,
    hall_id: int,
    number: str,
    name: str,
    kind: str,
    department_ids: Iterable[int] = (),
    opening_hours: str = "",
) -> Window:
    hall = Hall.objects.filter(pk=hall_id).first()
    if hall is None:
        raise InvalidInput("大厅不存在", field="hall_id")
    _window_admin(actor, hall)
    window = Window(
        hall=hall, number=number.strip(), name=name.strip(), kind=kind, opening_hours=opening_hours
    )
    full_clean(window)
    if Window.objects.filter(hall=hall, number=window.number).exists():
        raise Conflict(f"{hall.name}已有 {window.number} 号窗口")
    departments = list(Department.objects.filter(pk__in=list(department_ids)))
    if len(departments) != len(set(department_ids)):
        raise InvalidInput("进驻部门中有不存在的部门", field="department_ids")
    with integrity_as_conflict(f"{hall.name}已有 {window.number} 号窗口"):
        window.save()
    window.departments.set(departments)
    audit.record(
        code="org.window.created",
        actor=actor,
        obj=window,
        after={
            **audit.snapshot(window, WINDOW_FIELDS),
            "departments": sorted(d.pk for d in departments),
        },
    )
    return window


@transaction.atomic
def window_update(*, actor: Any, window_id: int, **changes: Any) -> Window:
    window = Window.objects.select_for_update().select_related("hall").filter(pk=window_id).first()
    if window is None:
        raise NotFound("窗口不存在")
    _window_admin(actor, window.hall)
    before = {
        **audit.snapshot(window, WINDOW_FIELDS),
        "departments": sorted(window.departments.values_list("pk", flat=True)),
    }
    departments = None
    for key, value in changes.items():
        if key in {"name", "kind", "opening_hours", "is_active", "number"}:
            setattr(window, key, value)
        elif key == "department_ids":
            departments = list(Department.objects.filter(pk__in=list(value)))
            if len(departments) != len(set(value)):
                raise InvalidInput("进驻部门中有不存在的部门", field="department_ids")
        else:
            raise InvalidInput(f"不能修改字段 {key}")
    full_clean(window)
    if Window.objects.filter(hall=window.hall, number=window.number).exclude(pk=window.pk).exists():
        raise Conflict(f"{window.hall.name}已有 {window.number} 号窗口")
    window.save()
    if departments is not None:
        window.departments.set(departments)
    audit.record(
        code="org.window.updated",
        actor=actor,
        obj=window,
        before=before,
        after={
            **audit.snapshot(window, WINDOW_FIELDS),
            "departments": sorted(window.departments.values_list("pk", flat=True)),
        },
    )
    return window
