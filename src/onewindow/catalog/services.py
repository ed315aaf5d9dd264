"""Writes to the catalog: items and their versions, the review workflow, halls.

A version is edited only while it is a draft. Submitting runs the quality rules; the
platform operator's reviewers approve or return it; publishing makes it the version in
force (the previous one is retired) and indexes it for search. Published versions never
change again: a change is a new version."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.validation import full_clean
from onewindow.org.models import Department, Hall

from . import quality, search
from .codes import Channel, ServiceObject
from .content import JSON_FIELDS, SCALAR_FIELDS, content_of, diff
from .models import (
    DataElement,
    FormField,
    Item,
    ItemHall,
    ItemVersion,
    Material,
    MaterialType,
    Review,
    Theme,
    VersionStatus,
)

OPEN = [VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.APPROVED]


# --- who may do what --------------------------------------------------------------------------
def can_maintain(actor: Any, department_id: int) -> bool:
    if actor is None:
        return True
    scope = scope_of(actor)
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    return scope.has_role(Role.DEPT_ADMIN) and department_id in scope.department_ids


def can_review(actor: Any) -> bool:
    """The county approval bureau reviews and publishes: its hall admins, or system admins."""
    if actor is None:
        return True
    scope = scope_of(actor)
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    department = getattr(actor, "department", None)
    return scope.has_role(Role.HALL_ADMIN) and bool(department and department.is_platform_operator)


def _require_maintain(actor: Any, item: Item) -> None:
    if not can_maintain(actor, item.department_id):
        raise PermissionDenied(f"只有{item.department.name}的部门管理员可以维护该事项")


def _require_review(actor: Any) -> None:
    if not can_review(actor):
        raise PermissionDenied("只有县行政审批服务局的大厅管理员或系统管理员可以审核、发布事项")


# --- resolving references in content ----------------------------------------------------------
def _department(value: Any, label: str) -> Department:
    if isinstance(value, Department):
        return value
    qs = Department.objects
    found = None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = qs.filter(pk=int(value)).first()
    elif isinstance(value, str) and value.strip():
        found = qs.filter(name=value.strip()).first() or qs.filter(short_name=value.strip()).first()
    if found is None:
        raise InvalidInput(f"{label}“{value}”不存在", field=label)
    return found


def _codes(value: Any, allowed: Iterable[str], label: str) -> str:
    if isinstance(value, (list, tuple)):
        value = "".join(str(v) for v in value)
    value = "".join(sorted(set(str(value or ""))))
    bad = [c for c in value if c not in set(allowed)]
    if bad:
        raise InvalidInput(f"{label}代码“{''.join(bad)}”无效", field=label)
    return value


def _apply_content(version: ItemVersion, content: dict[str, Any]) -> None:
    """Set every element of a draft from `content` (see content.py for the shape)."""
    unknown = set(content) - {
        *SCALAR_FIELDS,
        *JSON_FIELDS,
        "competent_department",
        "joint_departments",
        "themes",
        "materials",
        "fields",
    }
    if unknown:
        raise InvalidInput(f"未知要素：{'、'.join(sorted(unknown))}")
    for field in SCALAR_FIELDS:
        if field in content:
            setattr(version, field, content[field])
    version.service_objects = _codes(version.service_objects, ServiceObject.values, "服务对象")
    version.channels = _codes(version.channels, Channel.values, "办理形式")
    for field in JSON_FIELDS:
        if field in content:
            value = content[field] or []
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise InvalidInput(f"{field} 应为对象列表", field=field)
            setattr(version, field, value)
    version.process = [
        {
            "name": str(step.get("name", "")).strip(),
            "department": _department(step.get("department"), "办理环节的部门").pk,
            "role": str(step.get("role", "")),
        }
        for step in version.process
    ]
    if bad := [s["role"] for s in version.process if s["role"] not in Role.values]:
        raise InvalidInput(f"办理环节的岗位“{'、'.join(bad)}”无效", field="process")
    if "competent_department" in content:
        version.competent_department = _department(content["competent_department"], "主管部门")
    full_clean(version, exclude=["item", "created_by", "based_on", "result_sample"])
    version.save()
    if "joint_departments" in content:
        version.joint_departments.set(
            [_department(d, "联办部门") for d in content["joint_departments"] or []]
        )
    if "themes" in content:
        codes = list(content["themes"] or [])
        themes = list(Theme.objects.filter(code__in=codes))
        if missing := set(codes) - {t.code for t in themes}:
            raise InvalidInput(f"主题“{'、'.join(sorted(missing))}”不存在", field="themes")
        version.themes.set(themes)
    if "materials" in content:
        _apply_materials(version, content["materials"] or [])
    if "fields" in content:
        _apply_fields(version, content["fields"] or [])


def _apply_materials(
    version: ItemVersion,
    materials: list[dict[str, Any]],
    files: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """Replace the version's materials. Uploaded blank forms and samples follow their
    dictionary entry, so saving a draft (or starting a new one) keeps them."""
    if files is None:
        files = {
            m.material_type.name: (m.blank_form, m.sample)
            for m in version.materials.select_related("material_type")
        }
    version.materials.all().delete()
    rows = []
    for index, data in enumerate(materials, start=1):
        type_name = str(data.get("material_type") or data.get("name") or "").strip()
        if not type_name:
            raise InvalidInput(f"第 {index} 项材料缺少名称", field="materials")
        mtype, _ = MaterialType.objects.get_or_create(name=type_name)
        material = Material(
            version=version,
            material_type=mtype,
            order=index,
            name=str(data.get("name") or mtype.name).strip(),
            issuer=data.get("issuer", mtype.issuer) or "",
            originals=data.get("originals", 1),
            copies=data.get("copies", 0),
            form=data.get("form", "both"),
            required=bool(data.get("required", True)),
            tolerable=bool(data.get("tolerable", False)),
            waivable=bool(data.get("waivable", False)),
            source=data.get("source") or mtype.source,
            licence_type=data.get("licence_type", mtype.licence_type) or "",
            notes=data.get("notes", "") or "",
        )
        try:
            full_clean(material, exclude=["version", "blank_form", "sample"])
        except InvalidInput as exc:
            raise InvalidInput(f"第 {index} 项材料：{exc.message}", field="materials") from exc
        material.blank_form, material.sample = files.get(mtype.name, ("", ""))
        rows.append(material)
    Material.objects.bulk_create(rows)


def _apply_fields(version: ItemVersion, fields: list[Any]) -> None:
    version.fields.all().delete()
    wanted = [f if isinstance(f, dict) else {"key": f} for f in fields]
    keys = [str(f.get("key", "")) for f in wanted]
    if len(set(keys)) != len(keys):
        raise InvalidInput("表单字段有重复的数据元", field="fields")
    elements = {e.key: e for e in DataElement.objects.filter(key__in=keys)}
    if missing := [k for k in keys if k not in elements]:
        raise InvalidInput(f"数据元“{'、'.join(missing)}”不存在", field="fields")
    FormField.objects.bulk_create(
        [
            FormField(
                version=version,
                element=elements[f["key"]],
                label=f.get("label", "") or "",
                required=bool(f.get("required", True)),
                order=i,
            )
            for i, f in enumerate(wanted, start=1)
        ]
    )


# --- items and drafts -------------------------------------------------------------------------
@transaction.atomic
def item_create(
    *,
    actor: Any,
    department_id: int,
    basic_code: str,
    content: dict[str, Any],
    delegated_from_id: int | None = None,
) -> ItemVersion:
    """A new item with its first draft. The implementation code is the implementing body's
    USCC, the 12-digit basic code and a 1-digit sequence."""
    department = Department.objects.filter(pk=department_id).first()
    if department is None:
        raise InvalidInput("实施主体不存在", field="department_id")
    if not can_maintain(actor, department.pk):
        raise PermissionDenied(f"只有{department.name}的部门管理员可以新增该部门的事项")
    basic_code = basic_code.strip()
    if not quality.BASIC_CODE_RE.fullmatch(basic_code):
        raise InvalidInput(f"基本编码“{basic_code}”应为 12 位数字", field="basic_code")
    prefix = department.uscc + basic_code
    taken = set(
        Item.objects.filter(implementation_code__startswith=prefix).values_list(
            "implementation_code", flat=True
        )
    )
    free = [d for d in "0123456789" if prefix + d not in taken]
    if not free:
        raise Conflict("该实施主体下此基本编码的事项已满 10 项")
    delegated_from = None
    if delegated_from_id is not None:
        delegated_from = Item.objects.filter(pk=delegated_from_id).first()
        if delegated_from is None:
            raise InvalidInput("委托的县级事项不存在", field="delegated_from_id")
    item = Item.objects.create(
        implementation_code=prefix + free[0],
        basic_code=basic_code,
        department=department,
        delegated_from=delegated_from,
    )
    version = ItemVersion(
        item=item, number=1, created_by=_user(actor), competent_department=department
    )
    content = {"competent_department": department.pk, **content}
    _apply_content(version, content)
    audit.record(
        code="catalog.item.created",
        actor=actor,
        obj=item,
        after={
            "implementation_code": item.implementation_code,
            "name": version.name,
            "version": version.number,
        },
    )
    return version


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked_version(version_id: int) -> ItemVersion:
    version = (
        ItemVersion.objects.select_for_update()
        .select_related("item__department")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise NotFound("事项版本不存在")
    return version


@transaction.atomic
def version_update(*, actor: Any, version_id: int, content: dict[str, Any]) -> ItemVersion:
    version = _locked_version(version_id)
    _require_maintain(actor, version.item)
    if not version.is_editable:
        raise Conflict(f"当前状态为“{version.get_status_display()}”，只有草稿可以修改")
    before = content_of(version)
    _apply_content(version, content)
    changes = diff(before, content_of(version))
    audit.record(
        code="catalog.version.updated",
        actor=actor,
        obj=version,
        after={"changed": [c["field"] for c in changes]},
    )
    return version


@transaction.atomic
def version_new_draft(*, actor: Any, item_id: int) -> ItemVersion:
    """Start a change: a new draft copied from the latest version."""
    item = Item.objects.select_for_update().select_related("department").filter(pk=item_id).first()
    if item is None:
        raise NotFound("事项不存在")
    _require_maintain(actor, item)
    if item.versions.filter(status__in=OPEN).exists():
        raise Conflict("该事项已有未发布的版本，请在该版本上修改")
    latest = item.versions.order_by("-number").first()
    assert latest is not None
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ItemVersion(
        item=item,
        number=number,
        based_on=latest,
        created_by=_user(actor),
        competent_department=latest.competent_department,
    )
    content = content_of(latest)
    _apply_content(draft, {k: v for k, v in content.items() if k != "materials"})
    _apply_materials(
        draft,
        content["materials"],
        files={
            m.material_type.name: (m.blank_form, m.sample)
            for m in latest.materials.select_related("material_type")
        },
    )
    audit.record(
        code="catalog.version.drafted",
        actor=actor,
        obj=draft,
        after={"number": number, "based_on": latest.number},
    )
    return draft


def _transition(
    version: ItemVersion,
    *,
    actor: Any,
    action: str,
    to: str,
    opinion: str = "",
    stamp: str | None = None,
) -> ItemVersion:
    before = version.status
    version.status = to
    fields = ["status"]
    if stamp:
        setattr(version, stamp, timezone.now())
        fields.append(stamp)
    version.save(update_fields=fields)
    Review.objects.create(version=version, action=action, actor=_user(actor), opinion=opinion)
    audit.record(
        code=f"catalog.version.{action}",
        actor=actor,
        obj=version,
        before={"status": before},
        after={"status": to, "opinion": opinion[:200]},
    )
    return version


def _require_status(version: ItemVersion, *allowed: str, doing: str) -> None:
    if version.status not in allowed:
        raise Conflict(f"当前状态为“{version.get_status_display()}”，不能{doing}")


ALLOWED_UPLOADS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".jpg", ".jpeg", ".png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@transaction.atomic
def material_attach(
    *, actor: Any, version_id: int, position: int, kind: str, upload: Any
) -> Material:
    """Attach a blank form (`kind="blank_form"`) or a sample (`"sample"`) to the material at
    `position` (1-based) of a draft."""
    version = _locked_version(version_id)
    _require_maintain(actor, version.item)
    if not version.is_editable:
        raise Conflict(f"当前状态为“{version.get_status_display()}”，只有草稿可以上传附件")
    if kind not in {"blank_form", "sample"}:
        raise InvalidInput("附件类别应为 blank_form（空白表格）或 sample（示例样表）", field="kind")
    material = version.materials.filter(order=position).first()
    if material is None:
        raise NotFound(f"第 {position} 项材料不存在")
    name = str(getattr(upload, "name", ""))
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in ALLOWED_UPLOADS:
        raise InvalidInput(
            f"文件类型“{suffix or '无扩展名'}”不允许，请上传 PDF、Word、Excel、WPS 或图片",
            field="file",
        )
    if not 0 < getattr(upload, "size", 0) <= MAX_UPLOAD_BYTES:
        raise InvalidInput("文件为空或超过 10 MB", field="file")
    getattr(material, kind).save(name, upload, save=False)
    material.save(update_fields=[kind])
    audit.record(
        code="catalog.material.file_attached",
        actor=actor,
        obj=version,
        after={"position": position, "kind": kind, "file": getattr(material, kind).name},
    )
    return material


@transaction.atomic
def version_submit(*, actor: Any, version_id: int) -> ItemVersion:
    version = _locked_version(version_id)
    _require_maintain(actor, version.item)
    _require_status(version, VersionStatus.DRAFT, doing="提交审核")
    problems = quality.check(version)
    if problems:
        raise InvalidInput(
            "事项要素未通过质量检查：" + "；".join(p.message for p in problems),
            code="quality_failed",
            problems=[p.as_dict() for p in problems],
        )
    return _transition(
        version,
        actor=actor,
        action=Review.Action.SUBMIT,
        to=VersionStatus.SUBMITTED,
        stamp="submitted_at",
    )


@transaction.atomic
def version_withdraw(*, actor: Any, version_id: int) -> ItemVersion:
    version = _locked_version(version_id)
    _require_maintain(actor, version.item)
    _require_status(version, VersionStatus.SUBMITTED, doing="撤回")
    return _transition(version, actor=actor, action=Review.Action.WITHDRAW, to=VersionStatus.DRAFT)


@transaction.atomic
def version_approve(*, actor: Any, version_id: int, opinion: str = "") -> ItemVersion:
    version = _locked_version(version_id)
    _require_review(actor)
    _require_status(version, VersionStatus.SUBMITTED, doing="审核通过")
    return _transition(
        version,
        actor=actor,
        action=Review.Action.APPROVE,
        to=VersionStatus.APPROVED,
        opinion=opinion,
        stamp="approved_at",
    )


@transaction.atomic
def version_reject(*, actor: Any, version_id: int, opinion: str) -> ItemVersion:
    version = _locked_version(version_id)
    _require_review(actor)
    _require_status(version, VersionStatus.SUBMITTED, VersionStatus.APPROVED, doing="退回")
    if not opinion.strip():
        raise InvalidInput("退回修改须填写审核意见，说明需要修改什么", field="opinion")
    return _transition(
        version, actor=actor, action=Review.Action.REJECT, to=VersionStatus.DRAFT, opinion=opinion
    )


@transaction.atomic
def version_publish(*, actor: Any, version_id: int, opinion: str = "") -> ItemVersion:
    version = _locked_version(version_id)
    _require_review(actor)
    _require_status(version, VersionStatus.APPROVED, doing="发布")
    item = Item.objects.select_for_update().get(pk=version.item_id)
    previous = item.versions.filter(status=VersionStatus.PUBLISHED).first()
    if previous is not None:
        _transition(
            previous,
            actor=actor,
            action=Review.Action.RETIRE,
            to=VersionStatus.RETIRED,
            opinion=f"由第 {version.number} 版取代",
            stamp="retired_at",
        )
        search.unindex(previous)
    _transition(
        version,
        actor=actor,
        action=Review.Action.PUBLISH,
        to=VersionStatus.PUBLISHED,
        opinion=opinion,
        stamp="published_at",
    )
    item.published_version = version
    item.save(update_fields=["published_version", "updated_at"])
    search.index(version)
    return version


@transaction.atomic
def item_retire(*, actor: Any, item_id: int, opinion: str) -> Item:
    item = Item.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound("事项不存在")
    _require_review(actor)
    version = item.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise Conflict("该事项没有已发布的版本，无需停用")
    if not opinion.strip():
        raise InvalidInput("停用事项须说明理由", field="opinion")
    _transition(
        version,
        actor=actor,
        action=Review.Action.RETIRE,
        to=VersionStatus.RETIRED,
        opinion=opinion,
        stamp="retired_at",
    )
    item.published_version = None
    item.save(update_fields=["published_version", "updated_at"])
    search.unindex(version)
    return item


@transaction.atomic
def item_set_halls(*, actor: Any, item_id: int, halls: list[tuple[int, str]]) -> Item:
    """Set the halls that accept an item (县镇村三级: 直接受理, 委托受理, 代收代办)."""
    item = Item.objects.select_for_update().select_related("department").filter(pk=item_id).first()
    if item is None:
        raise NotFound("事项不存在")
    if not (can_maintain(actor, item.department_id) or can_review(actor)):
        raise PermissionDenied("只有事项所属部门管理员或县行政审批服务局可以设置受理大厅")
    modes = dict(halls)
    if bad := [m for m in modes.values() if m not in ItemHall.Mode.values]:
        raise InvalidInput(f"受理方式“{'、'.join(bad)}”无效", field="halls")
    found = {h.pk for h in Hall.objects.filter(pk__in=list(modes))}
    if missing := set(modes) - found:
        raise InvalidInput(f"大厅 {sorted(missing)} 不存在", field="halls")
    before = sorted(ItemHall.objects.filter(item=item).values_list("hall_id", "mode"))
    ItemHall.objects.filter(item=item).delete()
    ItemHall.objects.bulk_create([ItemHall(item=item, hall_id=h, mode=m) for h, m in modes.items()])
    audit.record(
        code="catalog.item.halls_set",
        actor=actor,
        obj=item,
        before={"halls": before},
        after={"halls": sorted(modes.items())},
    )
    return item
