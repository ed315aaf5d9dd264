"""Writes of 帮办代办: the roster, assignments, key projects and consents, and the check the
case engine calls before a helper applies for someone (`require_consent`).

Who may do what:

- the roster, assignments and key projects are kept by hall admins (for the helpers of
  their hall), department admins (for a department's own helpers) and system admins;
- a helper may add a case of their project's enterprise to the project;
- an applicant gives an online consent (在线确认) on the portal themself; a written
  (书面委托, with the signed form scanned) or telephone (电话录音) consent is recorded by the
  helper or by a window clerk or hall admin of the helper's hall;
- a consent is revoked by the applicant side (the person, or any authorised agent of the
  enterprise) or by a hall admin who keeps the helper.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from onewindow.cases import uploads
from onewindow.cases.models import Case
from onewindow.catalog.models import Item, Theme
from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, Scope, require_role, scope_of
from onewindow.core.validation import integrity_as_conflict
from onewindow.identity.models import Enterprise, EnterpriseAgent, User
from onewindow.notifications import templates_registry
from onewindow.notifications.services import notify
from onewindow.org.models import Department, Hall

from .models import Assignment, Consent, HelperProfile, KeyProject, ProjectCase

# Consents last at most a year; a new one is given after that.
CONSENT_MAX_DAYS = 366
MAX_TAGS = 10
PHONE = re.compile(r"^[0-9][0-9-]{5,18}[0-9]$")
MANAGING_ROLES = (Role.HALL_ADMIN, Role.DEPT_ADMIN, Role.SYSTEM_ADMIN)
PROJECT_ROLES = (Role.HALL_ADMIN, Role.SYSTEM_ADMIN)
# Staff who may record a written or telephone consent at the window (besides the helper).
RECORDING_ROLES = (Role.WINDOW_CLERK, Role.HALL_ADMIN)

PROFILE_FIELDS = ["hall", "department", "tags", "phone", "is_active", "max_load"]
PROJECT_FIELDS = ["name", "enterprise", "investment", "leader", "status", "description"]

templates_registry.register(
    "assist.assigned",
    subject="帮办代办：{{ target }}",
    body="您被安排为{{ target }}的帮办代办员（{{ kind }}）。{{ note }}",
)
templates_registry.register(
    "assist.consent_recorded",
    subject="授权委托已登记：帮办员{{ helper }}",
    body=(
        "{{ staff }}为{{ party }}登记了对帮办代办员{{ helper }}的{{ method }}"
        "（{{ scope }}，有效期至{{ until }}）。如非本人意愿，请在“我的帮办代办”中撤销。"
    ),
    sms="【{{ county }}政务服务】已登记您对帮办员{{ helper }}的授权委托，如非本人意愿请登录撤销。",
)
templates_registry.register(
    "assist.consent_revoked",
    subject="授权委托已撤销：{{ party }}",
    body="{{ party }}对您的授权委托（{{ scope }}）已于{{ at }}撤销，此后不能再代为申请。",
)


# ---------------------------------------------------------------------------------------------
# Who may
# ---------------------------------------------------------------------------------------------
def manages(scope: Scope, profile: HelperProfile) -> bool:
    """Whether a user (by scope) keeps this helper on their roster."""
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    if scope.has_role(Role.HALL_ADMIN) and profile.hall_id in scope.hall_ids:
        return True
    return (
        scope.has_role(Role.DEPT_ADMIN)
        and profile.hall_id is None
        and profile.department_id in scope.department_ids
    )


def _require_manager(actor: Any, profile: HelperProfile) -> Scope:
    scope = require_role(actor, *MANAGING_ROLES)
    if not manages(scope, profile):
        raise PermissionDenied(
            f"帮办员{profile}不在您管理的名册中（只能管理本大厅或本部门的帮办员）"
        )
    return scope


def _profile(user_id: Any, *, lock: bool = False, field: str = "helper_id") -> HelperProfile:
    qs = HelperProfile.objects.select_related("user", "hall", "department")
    if lock:
        qs = qs.select_for_update(of=("self",)) if _has_for_update_of() else qs.select_for_update()
    profile = qs.filter(user_id=user_id).first() if isinstance(user_id, int) else None
    if profile is None:
        raise InvalidInput("所选人员不在帮办代办员名册中", field=field)
    return profile


def _has_for_update_of() -> bool:
    from django.db import connection

    return bool(connection.features.has_select_for_update_of)


def active_agent_q(enterprise: str = "enterprise", user: str = "grantor") -> Exists:
    """The row's `user` is, now, an authorised agent of the row's `enterprise`."""
    return Exists(
        EnterpriseAgent.objects.active().filter(
            enterprise_id=OuterRef(enterprise), user_id=OuterRef(user)
        )
    )


# ---------------------------------------------------------------------------------------------
# The roster
# ---------------------------------------------------------------------------------------------
def _clean_phone(phone: str) -> str:
    phone = (phone or "").strip().replace(" ", "")
    if not PHONE.match(phone):
        raise InvalidInput(
            "服务电话应为座机或手机号码（数字和“-”，如 0917-5512366 或 13800000000）",
            field="phone",
        )
    return phone


def _clean_tags(tags: Iterable[Any] | str) -> list[str]:
    if isinstance(tags, str):
        tags = re.split(r"[,，、;；\s]+", tags)
    out: list[str] = []
    for raw in tags:
        tag = str(raw).strip()
        if not tag:
            continue
        if len(tag) > 20:
            raise InvalidInput(f"专长“{tag[:20]}…”过长，每个不超过 20 个字", field="tags")
        if tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise InvalidInput(f"专长最多填写 {MAX_TAGS} 个", field="tags")
    return out


def _clean_load(max_load: Any) -> int:
    if isinstance(max_load, bool) or not isinstance(max_load, int) or not 1 <= max_load <= 200:
        raise InvalidInput("最多同时承担的数量应为 1 到 200 之间的整数", field="max_load")
    return max_load


def _themes(theme_ids: Iterable[int]) -> list[Theme]:
    ids = list(dict.fromkeys(theme_ids))
    themes = list(Theme.objects.filter(pk__in=ids))
    if len(themes) != len(ids):
        raise InvalidInput("所选主题不存在", field="theme_ids")
    return themes


@transaction.atomic
def helper_create(
    *,
    actor: Any,
    user_id: int,
    phone: str,
    tags: Iterable[str] | str = (),
    theme_ids: Iterable[int] = (),
    max_load: int = 20,
    hall_id: int | None = None,
    department_id: int | None = None,
) -> HelperProfile:
    """Put a staff member holding the helper role on the roster. The hall and department
    default to the account's own."""
    user = User.objects.filter(pk=user_id, kind=User.Kind.STAFF, is_active=True).first()
    if user is None:
        raise InvalidInput("该账户不存在或不是在岗的工作人员", field="user_id")
    if not user.has_role(Role.HELPER):
        raise InvalidInput(
            f"{user.name}没有“帮办代办员”角色，请先在账户管理中授予该角色", field="user_id"
        )
    if HelperProfile.objects.filter(user=user).exists():
        raise Conflict(f"{user.name}已在帮办代办员名册中")
    hall = Hall.objects.filter(pk=hall_id).first() if hall_id is not None else user.hall
    if hall_id is not None and hall is None:
        raise InvalidInput(f"大厅 {hall_id} 不存在", field="hall_id")
    department = (
        Department.objects.filter(pk=department_id).first()
        if department_id is not None
        else user.department
    )
    if department_id is not None and department is None:
        raise InvalidInput(f"部门 {department_id} 不存在", field="department_id")
    if hall is None and department is None:
        raise InvalidInput("请指定帮办员所在的大厅或部门", field="hall_id")
    profile = HelperProfile(
        user=user,
        hall=hall,
        department=department,
        phone=_clean_phone(phone),
        tags=_clean_tags(tags),
        max_load=_clean_load(max_load),
    )
    _require_manager(actor, profile)
    themes = _themes(theme_ids)
    with integrity_as_conflict(f"{user.name}已在帮办代办员名册中"):
        profile.save()
    profile.themes.set(themes)
    audit.record(
        code="assist.helper.created",
        actor=actor,
        obj=profile,
        after={**audit.snapshot(profile, PROFILE_FIELDS), "themes": [t.pk for t in themes]},
    )
    return profile


@transaction.atomic
def helper_update(
    *,
    actor: Any,
    profile_id: int,
    phone: str | None = None,
    tags: Iterable[str] | str | None = None,
    theme_ids: Iterable[int] | None = None,
    max_load: int | None = None,
    is_active: bool | None = None,
) -> HelperProfile:
    """Change a helper's entry. Taking a helper off duty needs their work handed on first."""
    profile = (
        HelperProfile.objects.select_for_update()
        .select_related("user")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:
        raise NotFound("名册中没有这位帮办员")
    _require_manager(actor, profile)
    before = audit.snapshot(profile, PROFILE_FIELDS)
    if phone is not None:
        profile.phone = _clean_phone(phone)
    if tags is not None:
        profile.tags = _clean_tags(tags)
    if max_load is not None:
        profile.max_load = _clean_load(max_load)
    if is_active is not None:
        if not is_active and profile.is_active:
            carrying = load_of(profile.user_id)
            if carrying:
                raise Conflict(
                    f"{profile}还在帮办 {carrying} 项，请先改派或结束后再设为不在岗",
                    code="helper_busy",
                )
        profile.is_active = is_active
    profile.save()
    after = audit.snapshot(profile, PROFILE_FIELDS)
    if theme_ids is not None:
        themes = _themes(theme_ids)
        before["themes"] = sorted(profile.themes.values_list("pk", flat=True))
        profile.themes.set(themes)
        after["themes"] = sorted(t.pk for t in themes)
    audit.record(code="assist.helper.updated", actor=actor, obj=profile, before=before, after=after)
    return profile


def load_of(helper_id: int) -> int:
    return Assignment.objects.filter(helper_id=helper_id, ended_at__isnull=True).count()


# ---------------------------------------------------------------------------------------------
# Assignments
# ---------------------------------------------------------------------------------------------
def _target(
    kind: str,
    *,
    applicant_id: int | None,
    enterprise_id: int | None,
    case_id: int | None,
    project_id: int | None,
) -> dict[str, Any]:
    """The one target of an assignment of this kind, checked."""
    given = {
        "applicant_id": applicant_id,
        "enterprise_id": enterprise_id,
        "case_id": case_id,
        "project_id": project_id,
    }
    wanted = {
        Assignment.Kind.PERSON: "applicant_id",
        Assignment.Kind.ENTERPRISE: "enterprise_id",
        Assignment.Kind.CASE: "case_id",
        Assignment.Kind.PROJECT: "project_id",
    }
    if kind not in wanted:
        raise InvalidInput(
            f"分派对象类型“{kind}”无效，可选：person 个人、enterprise 企业、case 办件、project 重点项目",
            field="kind",
        )
    field = wanted[Assignment.Kind(kind)]
    extra = [k for k, v in given.items() if v is not None and k != field]
    if extra:
        raise InvalidInput(f"分派给{Assignment.Kind(kind).label}时只需填写 {field}", field=extra[0])
    value = given[field]
    if value is None:
        raise InvalidInput(f"请指定要帮办的{Assignment.Kind(kind).label}", field=field)
    if kind == Assignment.Kind.PERSON:
        applicant = User.objects.filter(pk=value, kind=User.Kind.PUBLIC).first()
        if applicant is None:
            raise NotFound(f"个人用户 {value} 不存在", field=field)
        return {"applicant": applicant}
    if kind == Assignment.Kind.ENTERPRISE:
        enterprise = Enterprise.objects.filter(pk=value).first()
        if enterprise is None:
            raise NotFound(f"企业 {value} 不存在", field=field)
        return {"enterprise": enterprise}
    if kind == Assignment.Kind.CASE:
        case = Case.objects.filter(pk=value).first()
        if case is None:
            raise NotFound(f"办件 {value} 不存在", field=field)
        return {"case": case}
    project = KeyProject.objects.filter(pk=value).first()
    if project is None:
        raise NotFound(f"重点项目 {value} 不存在", field=field)
    if project.status != KeyProject.Status.ACTIVE:
        raise Conflict(f"重点项目“{project}”{project.get_status_display()}，不再安排帮办")
    return {"project": project}


def _check_capacity(profile: HelperProfile) -> None:
    if not profile.is_active:
        raise Conflict(f"帮办员{profile}不在岗，请选择其他帮办员", code="helper_inactive")
    carrying = load_of(profile.user_id)
    if carrying >= profile.max_load:
        raise Conflict(
            f"帮办员{profile}已承担 {carrying} 项，达到上限 {profile.max_load}，"
            "请选择其他帮办员或先调整其上限",
            code="helper_full",
        )


def _busy_message(current: Assignment) -> str:
    return (
        f"{current.get_kind_display()}“{current.target_label}”已由帮办员{current.helper.name}"
        f"帮办（自 {timezone.localtime(current.started_at):%Y-%m-%d} 起），如需更换请改派"
    )


def _notify_assigned(assignment: Assignment) -> None:
    notify(
        recipient=assignment.helper,
        template="assist.assigned",
        key=f"assist:assigned:{assignment.pk}",
        context={
            "target": assignment.target_label,
            "kind": assignment.get_kind_display(),
            "note": assignment.note,
        },
        link="/assist/",
    )


ASSIGNMENT_FIELDS = ["helper", "kind", "applicant", "enterprise", "case", "project", "note"]


@transaction.atomic
def assignment_create(
    *,
    actor: Any,
    helper_id: int,
    kind: str,
    applicant_id: int | None = None,
    enterprise_id: int | None = None,
    case_id: int | None = None,
    project_id: int | None = None,
    note: str = "",
) -> Assignment:
    """Give a helper an applicant, a case or a key project to carry. One helper per target
    at a time: a target already carried is reassigned instead."""
    # The helper's row is locked first, so two assignments to one helper count their load
    # one after the other.
    profile = _profile(helper_id, lock=True)
    _require_manager(actor, profile)
    target = _target(
        kind,
        applicant_id=applicant_id,
        enterprise_id=enterprise_id,
        case_id=case_id,
        project_id=project_id,
    )
    current = (
        Assignment.objects.select_related("helper", "applicant", "enterprise", "case", "project")
        .filter(ended_at__isnull=True, **target)
        .first()
    )
    if current is not None:
        raise Conflict(_busy_message(current), code="already_assigned")
    _check_capacity(profile)
    assignment = Assignment(
        helper=profile.user, kind=kind, assigned_by=actor, note=(note or "").strip()[:200], **target
    )
    with integrity_as_conflict("该对象刚刚已分派给其他帮办员，请刷新后改派"):
        assignment.save()
    audit.record(
        code="assist.assignment.created",
        actor=actor,
        obj=assignment,
        after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    _notify_assigned(assignment)
    return assignment


def _lock_assignment(assignment_id: int) -> Assignment:
    qs = Assignment.objects.select_related(
        "helper", "applicant", "enterprise", "case", "project"
    ).filter(pk=assignment_id)
    qs = qs.select_for_update(of=("self",)) if _has_for_update_of() else qs.select_for_update()
    assignment = qs.first()
    if assignment is None:
        raise NotFound("分派记录不存在")
    if assignment.ended_at is not None:
        raise Conflict(
            f"该分派已于 {timezone.localtime(assignment.ended_at):%Y-%m-%d %H:%M} 结束",
            code="assignment_ended",
        )
    return assignment


def _end(assignment: Assignment, *, actor: Any, note: str) -> None:
    assignment.ended_at = timezone.now()
    assignment.ended_by = actor if getattr(actor, "is_authenticated", False) else None
    assignment.end_note = note[:200]
    assignment.save(update_fields=["ended_at", "ended_by", "end_note"])
    audit.record(
        code="assist.assignment.ended",
        actor=actor,
        obj=assignment,
        before={"ended_at": None},
        after={"ended_at": assignment.ended_at, "note": assignment.end_note},
    )


@transaction.atomic
def assignment_end(*, actor: Any, assignment_id: int, note: str = "") -> Assignment:
    """The helper stops carrying the target (the work is done, or the applicant asked)."""
    assignment = _lock_assignment(assignment_id)
    _require_manager(actor, _profile(assignment.helper_id))
    _end(assignment, actor=actor, note=(note or "").strip() or "帮办结束")
    return assignment


@transaction.atomic
def assignment_reassign(
    *, actor: Any, assignment_id: int, helper_id: int, note: str = ""
) -> Assignment:
    """Hand a target on to another helper: the current assignment ends and a new one,
    pointing back at it, starts now."""
    old = _lock_assignment(assignment_id)
    if helper_id == old.helper_id:
        raise InvalidInput("改派对象与当前帮办员相同，请选择另一位帮办员", field="helper_id")
    _require_manager(actor, _profile(old.helper_id))
    profile = _profile(helper_id, lock=True)
    _require_manager(actor, profile)
    _check_capacity(profile)
    note = (note or "").strip()[:200]
    _end(old, actor=actor, note=f"改派给{profile}" + (f"：{note}" if note else ""))
    new = Assignment(
        helper=profile.user,
        kind=old.kind,
        applicant=old.applicant,
        enterprise=old.enterprise,
        case=old.case,
        project=old.project,
        assigned_by=actor,
        note=note,
        previous=old,
    )
    new.save()
    audit.record(
        code="assist.assignment.created",
        actor=actor,
        obj=new,
        after={**audit.snapshot(new, ASSIGNMENT_FIELDS), "previous": old.pk},
    )
    _notify_assigned(new)
    return new


# ---------------------------------------------------------------------------------------------
# Key projects
# ---------------------------------------------------------------------------------------------
def _investment(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput("总投资应为数字（万元）", field="investment") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("10000000000"):
        raise InvalidInput("总投资应在 0 到 99 亿万元之间", field="investment")
    return amount.quantize(Decimal("0.01"))


def _leader(leader_id: Any) -> User:
    leader = (
        User.objects.filter(pk=leader_id, kind=User.Kind.STAFF, is_active=True).first()
        if isinstance(leader_id, int)
        else None
    )
    if leader is None or not leader.has_role(Role.COUNTY_LEADER):
        raise InvalidInput("包抓领导应为在岗的县领导", field="leader_id")
    return leader


def _departments(department_ids: Iterable[int]) -> list[Department]:
    ids = list(dict.fromkeys(department_ids))
    departments = list(Department.objects.filter(pk__in=ids, is_active=True))
    if len(departments) != len(ids):
        raise InvalidInput("所选涉及部门不存在或已停用", field="department_ids")
    return departments


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("请填写项目名称", field="name")
    if len(name) > 120:
        raise InvalidInput("项目名称不超过 120 个字", field="name")
    return name


@transaction.atomic
def project_create(
    *,
    actor: Any,
    name: str,
    enterprise_id: int,
    investment: Any,
    leader_id: int,
    department_ids: Iterable[int] = (),
    description: str = "",
) -> KeyProject:
    require_role(actor, *PROJECT_ROLES)
    enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
    if enterprise is None:
        raise InvalidInput(f"企业 {enterprise_id} 不存在", field="enterprise_id")
    project = KeyProject(
        name=_name(name),
        enterprise=enterprise,
        investment=_investment(investment),
        leader=_leader(leader_id),
        description=(description or "").strip(),
        created_by=actor,
    )
    departments = _departments(department_ids)
    if KeyProject.objects.filter(enterprise=enterprise, name=project.name).exists():
        raise Conflict(f"{enterprise.name}已有名为“{project.name}”的重点项目")
    with integrity_as_conflict(f"{enterprise.name}已有名为“{project.name}”的重点项目"):
        project.save()
    project.departments.set(departments)
    audit.record(
        code="assist.project.created",
        actor=actor,
        obj=project,
        after={
            **audit.snapshot(project, PROJECT_FIELDS),
            "departments": [d.pk for d in departments],
        },
    )
    return project


def _lock_project(project_id: int) -> KeyProject:
    project = KeyProject.objects.select_for_update().filter(pk=project_id).first()
    if project is None:
        raise NotFound("重点项目不存在")
    return project


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project_id: int,
    name: str | None = None,
    investment: Any = None,
    leader_id: int | None = None,
    department_ids: Iterable[int] | None = None,
    description: str | None = None,
    status: str | None = None,
) -> KeyProject:
    """Change a project. Once it is in production or terminated it is closed: its helpers'
    assignments end, and it no longer changes."""
    require_role(actor, *PROJECT_ROLES)
    project = _lock_project(project_id)
    if project.status != KeyProject.Status.ACTIVE:
        raise Conflict(f"项目“{project}”{project.get_status_display()}，不能再修改")
    before = audit.snapshot(project, PROJECT_FIELDS)
    if name is not None:
        project.name = _name(name)
    if investment is not None:
        project.investment = _investment(investment)
    if leader_id is not None:
        project.leader = _leader(leader_id)
    if description is not None:
        project.description = description.strip()
    if status is not None:
        if status not in KeyProject.Status.values:
            raise InvalidInput(
                "项目状态只能是 active 推进中、producing 已投产、terminated 已终止", field="status"
            )
        project.status = status
    if (
        name is not None
        and KeyProject.objects.filter(enterprise_id=project.enterprise_id, name=project.name)
        .exclude(pk=project.pk)
        .exists()
    ):
        raise Conflict(f"该企业已有名为“{project.name}”的重点项目")
    project.save()
    after = audit.snapshot(project, PROJECT_FIELDS)
    if department_ids is not None:
        departments = _departments(department_ids)
        before["departments"] = sorted(project.departments.values_list("pk", flat=True))
        project.departments.set(departments)
        after["departments"] = sorted(d.pk for d in departments)
    audit.record(
        code="assist.project.updated", actor=actor, obj=project, before=before, after=after
    )
    if project.status != KeyProject.Status.ACTIVE:
        label = project.get_status_display()
        for assignment in Assignment.objects.select_for_update().filter(
            project=project, ended_at__isnull=True
        ):
            _end(assignment, actor=actor, note=f"项目{label}，帮办结束")
    return project


def _may_edit_project_cases(actor: Any, project: KeyProject) -> None:
    scope = scope_of(actor)
    if scope.has_role(*PROJECT_ROLES):
        return
    carries = Assignment.objects.filter(
        project=project, helper_id=scope.user_id, ended_at__isnull=True
    ).exists()
    if not carries:
        raise PermissionDenied("只有大厅管理员或该项目的帮办员可以调整项目办件")


@transaction.atomic
def project_add_case(*, actor: Any, project_id: int, case_id: int) -> ProjectCase:
    project = _lock_project(project_id)
    _may_edit_project_cases(actor, project)
    if project.status != KeyProject.Status.ACTIVE:
        raise Conflict(f"项目“{project}”{project.get_status_display()}，不能再加入办件")
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"办件 {case_id} 不存在", field="case_id")
    if case.enterprise_id != project.enterprise_id:
        raise InvalidInput("该办件的申请单位不是项目单位，不能加入本项目", field="case_id")
    existing = ProjectCase.objects.filter(case=case).select_related("project").first()
    if existing is not None:
        raise Conflict(f"该办件已属于重点项目“{existing.project}”")
    with integrity_as_conflict("该办件刚刚已加入其他重点项目"):
        link = ProjectCase.objects.create(project=project, case=case, added_by=actor)
    audit.record(
        code="assist.project.case_added",
        actor=actor,
        obj=project,
        after={"case": case.pk, "number": case.number},
    )
    return link


@transaction.atomic
def project_remove_case(*, actor: Any, project_id: int, case_id: int) -> None:
    project = _lock_project(project_id)
    _may_edit_project_cases(actor, project)
    link = ProjectCase.objects.filter(project=project, case_id=case_id).first()
    if link is None:
        raise NotFound("该办件不在本项目中", field="case_id")
    link.delete()
    audit.record(
        code="assist.project.case_removed", actor=actor, obj=project, before={"case": case_id}
    )


# ---------------------------------------------------------------------------------------------
# Consents (授权委托)
# ---------------------------------------------------------------------------------------------
def _valid_until(value: Any, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput("请填写委托有效期（日期，如 2026-12-31）", field="valid_until")
    if value < today:
        raise InvalidInput("委托有效期不能早于今天", field="valid_until")
    if value > today + dt.timedelta(days=CONSENT_MAX_DAYS):
        last = today + dt.timedelta(days=CONSENT_MAX_DAYS)
        raise InvalidInput(
            f"委托有效期最长一年（不晚于 {last:%Y-%m-%d}），期满后请重新委托", field="valid_until"
        )
    return value


def _party(
    actor: Any, method: str, applicant_id: int | None, enterprise_id: int | None, grantor_id: Any
) -> tuple[User | None, Enterprise | None, User]:
    """Whose consent it is, and who gives it."""
    if (applicant_id is None) == (enterprise_id is None):
        raise InvalidInput(
            "请指定委托人：个人（applicant_id）或企业（enterprise_id），二者选一",
            field="applicant_id",
        )
    online = method == Consent.Method.ONLINE
    if enterprise_id is not None:
        enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
        if enterprise is None:
            raise NotFound(f"企业 {enterprise_id} 不存在", field="enterprise_id")
        grantor_pk = actor.pk if online else grantor_id
        grantor = (
            User.objects.filter(pk=grantor_pk, kind=User.Kind.PUBLIC).first()
            if isinstance(grantor_pk, int)
            else None
        )
        if grantor is None:
            raise InvalidInput("请指定签署委托的企业经办人", field="grantor_id")
        if (
            not EnterpriseAgent.objects.active()
            .filter(enterprise=enterprise, user=grantor)
            .exists()
        ):
            message = (
                "您不是该企业的有效授权经办人，不能代表企业委托"
                if online
                else f"{grantor.name}不是该企业的有效授权经办人，不能代表企业委托"
            )
            raise PermissionDenied(message) if online else InvalidInput(message, field="grantor_id")
        return None, enterprise, grantor
    assert applicant_id is not None  # exactly one of the two, checked above
    applicant = User.objects.filter(pk=applicant_id, kind=User.Kind.PUBLIC).first()
    if applicant is None:
        raise NotFound(f"个人用户 {applicant_id} 不存在", field="applicant_id")
    if online and applicant.pk != actor.pk:
        raise PermissionDenied("在线确认只能由申请人本人为自己委托")
    if grantor_id is not None and grantor_id != applicant.pk:
        raise InvalidInput("个人委托须由申请人本人签署", field="grantor_id")
    return applicant, None, applicant


def _scope_targets(
    scope: str,
    item_ids: Iterable[int],
    case_id: int | None,
    applicant: User | None,
    enterprise: Enterprise | None,
) -> tuple[list[Item], Case | None]:
    ids = list(dict.fromkeys(item_ids))
    if scope not in Consent.Scope.values:
        raise InvalidInput(
            "委托范围只能是 all 全部事项、items 指定事项、case 单个办件", field="scope"
        )
    if scope == Consent.Scope.ALL:
        if ids or case_id is not None:
            raise InvalidInput("委托全部事项时不需要指定事项或办件", field="scope")
        return [], None
    if scope == Consent.Scope.ITEMS:
        if case_id is not None:
            raise InvalidInput("委托指定事项时不需要指定办件", field="case_id")
        if not ids:
            raise InvalidInput("请至少选择一个委托事项", field="item_ids")
        items = list(Item.objects.filter(pk__in=ids))
        if len(items) != len(ids):
            raise InvalidInput("所选事项不存在", field="item_ids")
        return items, None
    if ids:
        raise InvalidInput("委托单个办件时不需要指定事项", field="item_ids")
    case = Case.objects.filter(pk=case_id).first() if case_id is not None else None
    if case is None:
        raise InvalidInput("请选择委托办理的办件", field="case_id")
    own = (
        case.enterprise_id == enterprise.pk
        if enterprise is not None
        else case.enterprise_id is None
        and applicant is not None
        and case.applicant_id == applicant.pk
    )
    if not own:
        raise InvalidInput("该办件不是委托人的办件", field="case_id")
    return [], case


def _may_record(actor: Any, method: str, profile: HelperProfile) -> None:
    scope = scope_of(actor)
    if method == Consent.Method.ONLINE:
        if scope.is_staff or scope.user_id is None:
            raise PermissionDenied(
                "在线确认须由申请人本人在门户“我的帮办代办”中操作；工作人员请登记书面委托或电话录音"
            )
        return
    if not scope.is_staff:
        raise PermissionDenied("书面委托和电话录音由帮办员或窗口人员登记；您可以在线确认委托")
    if actor.pk == profile.user_id:
        return
    if scope.has_role(*RECORDING_ROLES) and profile.hall_id in scope.hall_ids:
        return
    raise PermissionDenied("只有受托帮办员本人或其所在大厅的窗口人员、大厅管理员可以登记委托")


CONSENT_FIELDS = [
    "helper",
    "applicant",
    "enterprise",
    "grantor",
    "scope",
    "case",
    "method",
    "document_sm3",
    "recording_ref",
    "valid_until",
]


@transaction.atomic
def consent_create(
    *,
    actor: Any,
    helper_id: int,
    method: str,
    scope: str,
    valid_until: dt.date,
    applicant_id: int | None = None,
    enterprise_id: int | None = None,
    grantor_id: int | None = None,
    item_ids: Iterable[int] = (),
    case_id: int | None = None,
    document: UploadedFile | None = None,
    recording_ref: str = "",
    note: str = "",
) -> Consent:
    """Record an applicant's consent that `helper` fills in and submits for them."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    if method not in Consent.Method.values:
        raise InvalidInput(
            "委托方式只能是 online 在线确认、written 书面委托、phone 电话录音", field="method"
        )
    profile = _profile(helper_id)
    if not profile.is_active:
        raise InvalidInput(f"帮办员{profile}不在岗，请选择其他帮办员", field="helper_id")
    _may_record(actor, method, profile)
    applicant, enterprise, grantor = _party(actor, method, applicant_id, enterprise_id, grantor_id)
    today = timezone.localdate()
    until = _valid_until(valid_until, today)
    items, case = _scope_targets(scope, item_ids, case_id, applicant, enterprise)
    recording_ref = (recording_ref or "").strip()
    if method == Consent.Method.WRITTEN and document is None:
        raise InvalidInput("书面委托须上传签字的委托书扫描件（PDF、JPG、PNG 或 OFD）", field="file")
    if method == Consent.Method.PHONE and not recording_ref:
        raise InvalidInput("电话录音委托须填写录音编号", field="recording_ref")
    if method != Consent.Method.WRITTEN and document is not None:
        raise InvalidInput("只有书面委托需要上传委托书", field="file")
    consent = Consent(
        helper=profile.user,
        applicant=applicant,
        enterprise=enterprise,
        grantor=grantor,
        scope=scope,
        case=case,
        method=method,
        recording_ref=recording_ref[:80] if method == Consent.Method.PHONE else "",
        note=(note or "").strip()[:200],
        recorded_by=actor,
        valid_until=until,
    )
    if document is not None:
        checked = uploads.check(document)
        consent.document_name = checked.name[:200]
        consent.document_type = checked.content_type
        consent.document_size = checked.size
        consent.document_sm3 = checked.sm3
        extension = checked.name.rsplit(".", 1)[-1].lower()
        consent.document.save(f"{checked.sm3[:24]}.{extension}", document, save=False)
    consent.save()
    consent.items.set(items)
    audit.record(
        code="assist.consent.created",
        actor=actor,
        obj=consent,
        after={**audit.snapshot(consent, CONSENT_FIELDS), "items": [i.pk for i in items]},
    )
    if method != Consent.Method.ONLINE:
        notify(
            recipient=grantor,
            template="assist.consent_recorded",
            key=f"assist:consent:{consent.pk}",
            context={
                "staff": getattr(actor, "name", ""),
                "party": consent.party_name,
                "helper": profile.user.name,
                "method": consent.get_method_display(),
                "scope": describe_scope(consent, items=items),
                "until": f"{until:%Y年%m月%d日}",
            },
            link="/assist/my/",
        )
    return consent


def describe_scope(consent: Consent, *, items: Iterable[Item] | None = None) -> str:
    if consent.scope == Consent.Scope.ALL:
        return "全部事项"
    if consent.scope == Consent.Scope.CASE:
        case = consent.case
        return f"办件 {case.number or '（草稿）'} {case.item_name}" if case else "单个办件"
    names = [str(i) for i in (items if items is not None else consent.items.all())]
    return "指定事项：" + "、".join(names)


def _applicant_side(actor: Any, consent: Consent) -> bool:
    scope = scope_of(actor)
    if scope.user_id is None or scope.is_staff:
        return False
    if consent.applicant_id is not None:
        return consent.applicant_id == scope.user_id
    return consent.enterprise_id in scope.enterprise_ids


@transaction.atomic
def consent_revoke(*, actor: Any, consent_id: int, reason: str = "") -> Consent:
    """The applicant withdraws a consent (or a hall admin records their withdrawal). From
    then on the helper can no longer apply for them under it."""
    consent = (
        Consent.objects.select_for_update()
        .select_related("helper")  # not the nullable case: PostgreSQL locks no outer join
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        raise NotFound("授权委托不存在")
    if not _applicant_side(actor, consent):
        scope = scope_of(actor)
        profile = HelperProfile.objects.filter(user_id=consent.helper_id).first()
        if not (
            scope.has_role(Role.HALL_ADMIN, Role.SYSTEM_ADMIN)
            and profile
            and manages(scope, profile)
        ):
            raise PermissionDenied(
                "只有委托人（企业的授权经办人）或管理该帮办员的大厅管理员可以撤销委托"
            )
    if consent.revoked_at is not None:
        raise Conflict(
            f"该委托已于 {timezone.localtime(consent.revoked_at):%Y-%m-%d %H:%M} 撤销",
            code="consent_revoked",
        )
    consent.revoked_at = timezone.now()
    consent.revoked_by = actor
    consent.revoke_reason = (reason or "").strip()[:200]
    consent.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        code="assist.consent.revoked",
        actor=actor,
        obj=consent,
        before={"revoked_at": None},
        after={"revoked_at": consent.revoked_at, "reason": consent.revoke_reason},
    )
    notify(
        recipient=consent.helper,
        template="assist.consent_revoked",
        key=f"assist:consent_revoked:{consent.pk}",
        context={
            "party": consent.party_name,
            "scope": describe_scope(consent),
            "at": f"{timezone.localtime(consent.revoked_at):%Y年%m月%d日 %H:%M}",
        },
        link="/assist/",
    )
    return consent


def valid_consents(*, now: dt.datetime | None = None) -> QuerySet[Consent]:
    """Consents in force now: given, not revoked, not past their last day, and — for an
    enterprise — given by someone who is still its authorised agent."""
    now = now or timezone.now()
    return (
        Consent.objects.filter(
            revoked_at__isnull=True, valid_until__gte=timezone.localdate(now), given_at__lte=now
        )
        .annotate(_agent=active_agent_q())
        .filter(Q(enterprise__isnull=True) | Q(_agent=True))
    )


NO_CONSENT = "没有该申请人有效的授权委托"
HOW_TO_CONSENT = (
    "请申请人在门户“我的帮办代办”中在线确认委托，或到窗口签署书面委托，登记后再代为申请。"
)


def require_consent(
    *,
    helper: Any,
    applicant: User | None = None,
    enterprise: Enterprise | None = None,
    item_id: int,
    case_id: int | None = None,
) -> Consent:
    """The consent that lets `helper` apply for this applicant (a citizen, or an
    enterprise) for item `item_id` (or act on case `case_id`), locked until the caller's
    transaction ends so a revocation cannot slip in between. Raises `PermissionDenied`
    saying why there is none."""
    if enterprise is None and applicant is None:
        raise InvalidInput("请指定申请人（自然人或企业）", field="applicant_id")
    party = (
        Q(enterprise=enterprise)
        if enterprise is not None
        else Q(applicant=applicant, enterprise__isnull=True)
    )
    mine = Consent.objects.filter(party, helper_id=getattr(helper, "pk", None))
    covers = Q(scope=Consent.Scope.ALL) | Q(scope=Consent.Scope.ITEMS, items__id=item_id)
    if case_id is not None:
        covers |= Q(scope=Consent.Scope.CASE, case_id=case_id)
    now = timezone.now()
    ids = (
        valid_consents(now=now).filter(party, helper_id=getattr(helper, "pk", None)).filter(covers)
    )
    consent = (
        Consent.objects.select_for_update()
        .filter(pk__in=ids.values("pk"))
        .order_by("-given_at", "-pk")
        .first()
    )
    if consent is not None:
        return consent
    raise PermissionDenied(
        f"{NO_CONSENT}{_why_not(mine, now, item_id)}。{HOW_TO_CONSENT}", code="no_consent"
    )


def _why_not(mine: QuerySet[Consent], now: dt.datetime, item_id: int) -> str:
    """A short reason in brackets when the helper has consents from this applicant that
    do not apply: out of scope, revoked, expired, or the signing agent left."""
    today = timezone.localdate(now)
    rows = list(mine.annotate(_agent=active_agent_q()).order_by("-given_at"))
    if not rows:
        return ""
    live = [c for c in rows if c.revoked_at is None and c.valid_until >= today]
    if live:
        if all(c.enterprise_id is not None and not c._agent for c in live):
            return "（签署委托的经办人已不再是该企业的授权经办人）"
        return "（现有委托不包括该事项）"
    latest = rows[0]
    if latest.revoked_at is not None:
        return f"（委托已于 {timezone.localtime(latest.revoked_at):%Y-%m-%d} 撤销）"
    return f"（委托已于 {latest.valid_until:%Y-%m-%d} 到期）"
