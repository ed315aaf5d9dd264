"""Writes for bundles (高效办成一件事): define and publish a bundle version, apply once for
all applicable members, follow the member cases (start waiting members when their
predecessors are granted, end them when a predecessor fails), tell the applicant once per
stage, and deliver everything together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onewindow.cases import lifecycle, numbering, uploads
from onewindow.cases import services as cases
from onewindow.cases.models import (
    DECIDED,
    Case,
    CaseChannel,
    CaseState,
    CorrectionRequest,
    Delivery,
)
from onewindow.catalog.formschema import validate_fields
from onewindow.catalog.models import Item
from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.workdays import Calendar
from onewindow.identity.models import Enterprise, User
from onewindow.notifications import templates_registry
from onewindow.org.models import Department

from . import definition
from .models import (
    Audience,
    Bundle,
    BundleCase,
    BundleCaseStatus,
    BundleEvent,
    BundleFile,
    BundleMember,
    BundleMemberCase,
    BundleNotice,
    BundleStatus,
    BundleVersion,
    DeliveryMode,
    MemberStatus,
)

ONLINE_CHANNELS = (CaseChannel.PC, CaseChannel.MOBILE)
BUNDLE_CHANNELS = (CaseChannel.PC, CaseChannel.MOBILE, CaseChannel.WINDOW, CaseChannel.KIOSK)
ENDED = (MemberStatus.GRANTED, MemberStatus.REFUSED, MemberStatus.CANCELLED, MemberStatus.EXTERNAL)
DELIVERED_STATES = (CaseState.DELIVERED, CaseState.ARCHIVED)


# ---------------------------------------------------------------------------------------
# Definitions
# ---------------------------------------------------------------------------------------
def _require_editor(actor: Any) -> None:
    if actor is None:
        return  # the platform itself (demo loader, data migration)
    scope = scope_of(actor)
    if not scope.has_role(Role.HALL_ADMIN, Role.SYSTEM_ADMIN, Role.DEPT_ADMIN):
        raise PermissionDenied("只有大厅管理员、部门管理员或系统管理员可以维护一件事")


def _require_publisher(actor: Any) -> None:
    """Like an item, a bundle drafted by a department is reviewed and published by the
    county centre (the approval bureau's hall admin) or a system admin."""
    if actor is None:
        return
    if not scope_of(actor).has_role(Role.HALL_ADMIN, Role.SYSTEM_ADMIN):
        raise PermissionDenied("一件事由部门起草，经政务服务中心（大厅管理员）审核后发布")


@transaction.atomic
def bundle_define(
    *,
    actor: Any,
    code: str,
    name: str,
    audience: str,
    lead_department_id: int,
    promised_limit: int,
    members: list[dict[str, Any]],
    questions: list[dict[str, Any]] | None = None,
    labels: dict[str, str] | None = None,
    summary: str = "",
    sources: str = "",
    order: int = 0,
) -> BundleVersion:
    """A new draft version of the bundle `code` (created if new). Members are
    {"key", "item_id"} or {"key", "external_name", "external_body", "note"}, with optional
    "after" (keys) and "when" ({question: [options]}). Checked in full when published."""
    _require_editor(actor)
    if audience not in Audience.values:
        raise InvalidInput("服务对象应为个人或法人", field="audience")
    if not name.strip():
        raise InvalidInput("请填写一件事名称", field="name")
    lead = Department.objects.filter(pk=lead_department_id).first()
    if lead is None:
        raise InvalidInput(f"牵头部门 {lead_department_id} 不存在", field="lead_department_id")
    bundle, _ = Bundle.objects.get_or_create(
        code=code, defaults={"name": name.strip(), "audience": audience, "order": order}
    )
    if bundle.versions.filter(status=BundleStatus.DRAFT).exists():
        raise Conflict(f"“{bundle.name}”已有一个草稿版本，请先发布或删除它")
    number = (bundle.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BundleVersion.objects.create(
        bundle=bundle,
        number=number,
        name=name.strip(),
        summary=summary,
        sources=sources,
        lead_department=lead,
        promised_limit=promised_limit,
        questions=questions or [],
        labels=labels or {},
        created_by=actor,
    )
    items = Item.objects.in_bulk([m["item_id"] for m in members if m.get("item_id")])
    rows = []
    for order_no, m in enumerate(members, start=1):
        key = str(m.get("key") or "").strip()
        if not key:
            raise InvalidInput(f"第 {order_no} 个成员没有代码", field="members")
        item = items.get(m["item_id"]) if m.get("item_id") else None
        if m.get("item_id") and item is None:
            raise InvalidInput(f"成员“{key}”的事项 {m['item_id']} 不存在", field="members")
        rows.append(
            BundleMember(
                version=version,
                key=key,
                item=item,
                external_name=str(m.get("external_name", ""))[:200],
                external_body=str(m.get("external_body", ""))[:100],
                note=str(m.get("note", ""))[:100],
                after=list(m.get("after") or []),
                when=dict(m.get("when") or {}),
                order=order_no,
            )
        )
    keys = [r.key for r in rows]
    if len(set(keys)) != len(keys):
        raise InvalidInput(
            "成员代码重复：" + "、".join(sorted({k for k in keys if keys.count(k) > 1})),
            field="members",
        )
    BundleMember.objects.bulk_create(rows)
    audit.record(
        code="bundles.define",
        actor=actor,
        obj=version,
        after={"bundle": bundle.code, "number": number, "members": keys},
    )
    return version


@transaction.atomic
def version_publish(*, actor: Any, version_id: int) -> BundleVersion:
    """Publish a draft after checking it whole: cyclic dependencies, unpublished members,
    answers that select nothing, merged-form conflicts are refused here, with every reason."""
    _require_publisher(actor)
    version = (
        BundleVersion.objects.select_for_update()
        .select_related("bundle")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise NotFound("一件事版本不存在")
    if version.status != BundleStatus.DRAFT:
        raise Conflict(f"该版本状态为“{version.get_status_display()}”，只有草稿可以发布")
    errors = definition.check(definition.load(version))
    if errors:
        raise InvalidInput(
            f"“{version.name}”不能发布："
            + "；".join(errors[:5])
            + (f"（另有 {len(errors) - 5} 处）" if len(errors) > 5 else ""),
            field="version",
            errors=errors,
        )
    bundle = version.bundle
    now = timezone.now()
    previous = bundle.published_version
    if previous is not None:
        BundleVersion.objects.filter(pk=previous.pk).update(
            status=BundleStatus.RETIRED, retired_at=now
        )
    version.status = BundleStatus.PUBLISHED
    version.published_at = now
    version.save(update_fields=["status", "published_at"])
    bundle.published_version = version
    bundle.name = version.name
    bundle.save(update_fields=["published_version", "name"])
    audit.record(
        code="bundles.publish",
        actor=actor,
        obj=version,
        after={"bundle": bundle.code, "number": version.number},
    )
    return version


@transaction.atomic
def version_new_draft(*, actor: Any, bundle_id: int) -> BundleVersion:
    """A draft copied from the version in force, to edit (a version in use never changes)."""
    _require_editor(actor)
    bundle = Bundle.objects.select_related("published_version").filter(pk=bundle_id).first()
    if bundle is None:
        raise NotFound("一件事不存在")
    current = bundle.published_version
    if current is None:
        raise Conflict("该一件事没有现行版本可复制")
    members = [
        {
            "key": m.key,
            "item_id": m.item_id,
            "external_name": m.external_name,
            "external_body": m.external_body,
            "note": m.note,
            "after": m.after,
            "when": m.when,
        }
        for m in current.members.order_by("order", "id")
    ]
    return bundle_define(
        actor=actor,
        code=bundle.code,
        name=current.name,
        audience=bundle.audience,
        lead_department_id=current.lead_department_id,
        promised_limit=current.promised_limit,
        members=members,
        questions=current.questions,
        labels=current.labels,
        summary=current.summary,
        sources=current.sources,
    )


# ---------------------------------------------------------------------------------------
# Application
# ---------------------------------------------------------------------------------------
@dataclass
class Applicant:
    kind: str
    person: User | None
    enterprise: Enterprise | None
    name: str
    hall_id: int | None
    on_behalf: bool


def _applicant(
    actor: Any, bundle: Bundle, applicant_id: int | None, enterprise_id: int | None
) -> Applicant:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("请先登录再申请")
    scope = scope_of(actor)
    on_behalf = scope.is_staff
    person: User | None = None
    enterprise: Enterprise | None = None
    if on_behalf:
        if not scope.has_role(Role.WINDOW_CLERK, Role.HELPER):
            raise PermissionDenied("只有窗口人员和帮办代办员可以代为申请")
        if actor.hall_id is None:
            raise PermissionDenied("您的账户没有所在大厅，不能代为申请")
        if applicant_id is not None:
            person = User.objects.filter(pk=applicant_id, kind=User.Kind.PUBLIC).first()
            if person is None:
                raise NotFound(f"申请人 {applicant_id} 不存在")
    else:
        person = actor
    if bundle.audience == Audience.PERSON and enterprise_id is not None:
        raise InvalidInput(f"“{bundle.name}”由个人申请，不能以企业名义申请", field="enterprise_id")
    if enterprise_id is not None:
        enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
        if enterprise is None:
            raise NotFound(f"企业 {enterprise_id} 不存在")
        if not on_behalf and enterprise.pk not in scope.enterprise_ids:
            raise PermissionDenied("您不是该企业的有效授权经办人")
    if bundle.audience == Audience.ENTERPRISE and enterprise is None:
        raise InvalidInput(f"“{bundle.name}”由企业申请，请选择企业", field="enterprise_id")
    if person is None:
        raise InvalidInput("请指定申请人（经办人）", field="applicant_id")
    kind = Audience.ENTERPRISE if enterprise else Audience.PERSON
    name = enterprise.name if enterprise else person.name
    return Applicant(
        kind, person, enterprise, name, actor.hall_id if on_behalf else None, on_behalf
    )


def _check_form(
    defn: definition.Definition, members: list[BundleMember], form_data: Any
) -> dict[str, Any]:
    if not isinstance(form_data, dict):
        raise InvalidInput("申请表格式不对", field="form")
    merged = {f.key for f in definition.merged_form(defn, members)}
    errors = {k: "本“一件事”的申请表没有这一项" for k in form_data if k not in merged}
    clean: dict[str, Any] = {}
    for member in members:
        version = defn.item_versions.get(member.key)
        if version is None:
            continue
        fields = list(version.fields.all())  # prefetched by definition.load
        keys = {f.element.key for f in fields}
        subset = {k: v for k, v in form_data.items() if k in keys}
        values, errs = validate_fields(fields, subset)
        clean.update(values)
        for k, v in errs.items():
            errors.setdefault(k, v)
    if errors:
        raise InvalidInput(
            f"申请表有 {len(errors)} 处需要修改：" + "；".join(list(errors.values())[:3]),
            field="form",
            errors=errors,
        )
    return clean


def _check_files(
    defn: definition.Definition, members: list[BundleMember], files: Mapping[str, UploadedFile]
) -> dict[str, uploads.CheckedFile]:
    materials = {m.key: m for m in definition.merged_materials(defn, members)}
    errors: dict[str, str] = {}
    checked: dict[str, uploads.CheckedFile] = {}
    for key, upload in files.items():
        merged = materials.get(key)
        if merged is None or not merged.asked:
            errors[f"material-{key}"] = f"“{key}”不是本“一件事”需要您提交的材料"
            continue
        try:
            checked[key] = uploads.check(upload)
        except InvalidInput as exc:
            errors[f"material-{key}"] = exc.message
    for merged in materials.values():
        if merged.asked and merged.required and merged.key not in files:
            errors.setdefault(f"material-{merged.key}", f"请上传“{merged.name}”")
    if errors:
        raise InvalidInput(
            f"材料有 {len(errors)} 处需要处理：" + "；".join(list(errors.values())[:3]),
            field="materials",
            errors=errors,
        )
    return checked


def bundle_apply(
    *,
    actor: Any,
    bundle_id: int,
    answers: dict[str, Any],
    form_data: dict[str, Any],
    files: Mapping[str, UploadedFile] | None = None,
    channel: str = CaseChannel.PC,
    applicant_id: int | None = None,
    enterprise_id: int | None = None,
    delivery_mode: str = DeliveryMode.TOGETHER,
) -> BundleCase:
    """One application for the whole bundle (一表申请、一套材料): everything is checked
    before anything is written; then one bundle case, a started case for every applicable
    member without predecessors, a waiting row for the others, and one receipt."""
    files = files or {}
    bundle = Bundle.objects.select_related("published_version").filter(pk=bundle_id).first()
    if bundle is None:
        raise NotFound(f"一件事 {bundle_id} 不存在")
    version = bundle.published_version
    if version is None:
        raise Conflict(f"“{bundle.name}”尚未发布或已停用，不能申请", code="bundle_unpublished")
    if channel not in BUNDLE_CHANNELS:
        raise InvalidInput(
            "申请渠道无效，可选：" + "、".join(str(CaseChannel(c).label) for c in BUNDLE_CHANNELS),
            field="channel",
        )
    if delivery_mode not in DeliveryMode.values:
        raise InvalidInput("出件方式应为一次出件或逐项出件", field="delivery_mode")
    who = _applicant(actor, bundle, applicant_id, enterprise_id)
    if channel == CaseChannel.WINDOW and not who.on_behalf:
        raise PermissionDenied("窗口申请由窗口人员录入")
    defn = definition.load(version)
    if not isinstance(answers, dict):
        raise InvalidInput("情形选择格式不对", field="answers")
    members = definition.applicable(defn, answers)
    # Every problem with the form and the materials is reported at once.
    problems: list[InvalidInput] = []
    clean: dict[str, Any] = {}
    checked: dict[str, uploads.CheckedFile] = {}
    try:
        clean = _check_form(defn, members, form_data)
    except InvalidInput as exc:
        problems.append(exc)
    try:
        checked = _check_files(defn, members, files)
    except InvalidInput as exc:
        problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InvalidInput(
            "；".join(p.message for p in problems),
            field="form",
            errors={k: v for p in problems for k, v in p.details.get("errors", {}).items()},
        )
    saved: list[BundleFile] = []
    try:
        with transaction.atomic():
            bc = _create(actor, bundle, version, who, answers, clean, channel, delivery_mode)
            for key, upload in files.items():
                info = checked[key]
                row = BundleFile(
                    bundle_case=bc,
                    material_key=key,
                    name=key,
                    original_name=info.name[:200],
                    content_type=info.content_type,
                    size=info.size,
                    sm3=info.sm3,
                    uploaded_by=actor,
                )
                ext = info.name.rsplit(".", 1)[-1].lower()
                row.file.save(f"{bc.number}-{info.sm3[:16]}.{ext}", upload, save=False)
                saved.append(row)
                row.save()
            _open_members(bc, defn, members, actor)
            _receipt(bc, defn, actor)
            _refresh(bc)
    except Exception:
        for row in saved:
            row.file.storage.delete(row.file.name)
        raise
    return bc


def _create(
    actor: Any,
    bundle: Bundle,
    version: BundleVersion,
    who: Applicant,
    answers: dict[str, Any],
    form_data: dict[str, Any],
    channel: str,
    delivery_mode: str,
) -> BundleCase:
    now = timezone.now()
    cal = Calendar()
    received = cal.receipt_date(now)
    day = timezone.localdate(now)
    serial = numbering.next_value(f"bundle{day:%Y%m%d}")
    bc = BundleCase.objects.create(
        number=f"YJS{day:%Y%m%d}{serial:04d}",
        bundle=bundle,
        version=version,
        bundle_name=version.name,
        lead_department_id=version.lead_department_id,
        applicant_kind=who.kind,
        applicant=who.person,
        enterprise=who.enterprise,
        applicant_name=who.name,
        channel=channel,
        hall_id=who.hall_id,
        created_by=actor,
        answers={k: str(v) for k, v in answers.items()},
        form_data=form_data,
        delivery_mode=delivery_mode,
        submitted_at=now,
        received_on=received,
        promised_limit=version.promised_limit,
        promised_due=cal.add_working_days(received, version.promised_limit),
        needs_visit=channel not in ONLINE_CHANNELS,
        paper=channel not in ONLINE_CHANNELS,
    )
    audit.record(
        code="bundles.apply",
        actor=actor,
        obj=bc,
        after={"bundle": bundle.code, "number": bc.number, "channel": channel},
    )
    return bc


def _open_members(
    bc: BundleCase, defn: definition.Definition, members: list[BundleMember], actor: Any
) -> None:
    rows = []
    for order_no, member in enumerate(members, start=1):
        version = defn.item_versions.get(member.key)
        rows.append(
            BundleMemberCase(
                bundle_case=bc,
                member=member,
                key=member.key,
                name=version.name if version else member.external_name,
                department_id=member.item.department_id if member.item_id and member.item else None,
                status=MemberStatus.EXTERNAL if member.is_external else MemberStatus.WAITING,
                note=(
                    f"由{member.external_body}办理（{member.note}），请按其要求另行办理"
                    if member.is_external
                    else ""
                ),
                order=order_no,
            )
        )
    BundleMemberCase.objects.bulk_create(rows)
    present = {m.key for m in members}
    started = []
    for row, member in zip(rows, members, strict=True):
        if member.is_external:
            continue
        if not [a for a in member.after if a in present]:
            _start(bc, defn, row, member, actor)
            started.append(row.name)
    BundleEvent.objects.create(
        bundle_case=bc,
        actor=actor,
        text=f"提交“{bc.bundle_name}”一件事申请，同时启动：{'、'.join(started)}",
    )


def _start(
    bc: BundleCase,
    defn: definition.Definition,
    row: BundleMemberCase,
    member: BundleMember,
    actor: Any,
) -> Case:
    """Create and submit the member's case from the bundle's form and files, with the
    results of granted predecessors as its materials."""
    version = defn.item_versions[member.key]
    keys = {f.element.key for f in version.fields.all()}
    who: dict[str, Any] = {}
    creator = bc.created_by
    if scope_of(creator).is_staff:
        who["applicant_id"] = bc.applicant_id
    if bc.enterprise_id is not None:
        who["enterprise_id"] = bc.enterprise_id
    assert member.item_id is not None
    case = cases.case_create(
        actor=creator,
        item_id=member.item_id,
        channel=bc.channel,
        form_data={k: v for k, v in bc.form_data.items() if k in keys},
        bundled=True,
        **who,
    )
    feeds = definition.result_feeds(defn, member)
    by_key = {m.key: m for m in bc.members.select_related("case")}
    files = {f.material_key: f for f in bc.files.all()}
    for material in version.materials.all():
        pred = feeds.get(material.pk)
        pred_row = by_key.get(pred) if pred else None
        if pred_row is not None and pred_row.case is not None:
            cases.material_record(
                actor=creator,
                case_id=case.pk,
                material_id=material.pk,
                note=f"由“{pred_row.name}”办理结果提供（办件编号 {pred_row.case.number}），无需再次提交",
            )
            continue
        stored = files.get(material.material_type.name)
        if stored is not None:
            cases.material_record(
                actor=creator,
                case_id=case.pk,
                material_id=material.pk,
                note=f"一件事申请时提交（{bc.number}）",
                stored={
                    "name": stored.file.name,
                    "original_name": stored.original_name,
                    "content_type": stored.content_type,
                    "size": stored.size,
                    "sm3": stored.sm3,
                },
            )
    case = cases.submit(actor=creator, case_id=case.pk)
    if version.accept_on_receipt:
        case = cases.accept_on_receipt(case_id=case.pk)
    row.case = case
    row.status = MemberStatus.STARTED
    row.started_at = timezone.now()
    row.save(update_fields=["case", "status", "started_at"])
    return case


# ---------------------------------------------------------------------------------------
# Following the member cases
# ---------------------------------------------------------------------------------------
FAILED_ACTIONS = {"deny": "不予许可", "refuse": "不予受理", "terminate": "终止办理"}


@lifecycle.after_action
def on_case_action(case: Case, action: str, before: str, actor: Any) -> None:
    """Runs inside the member case's transaction after each of its actions."""
    if not case.bundled:
        return
    link = (
        BundleMemberCase.objects.filter(case_id=case.pk).values_list("pk", "bundle_case_id").first()
    )
    if link is None:  # the member case is being created by the bundle itself
        return
    bc = BundleCase.objects.select_for_update().filter(pk=link[1]).get()
    row = BundleMemberCase.objects.select_related("member").get(pk=link[0])
    if action == "approve":
        row.status = MemberStatus.GRANTED
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "finished_at"])
        _event(bc, row, f"“{row.name}”已办结（准予）", actor)
        _advance(bc, row, actor)
    elif action in FAILED_ACTIONS or action == "withdraw":
        row.status = MemberStatus.REFUSED if action in FAILED_ACTIONS else MemberStatus.CANCELLED
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "finished_at"])
        word = FAILED_ACTIONS.get(action, "撤回")
        _event(bc, row, f"“{row.name}”{word}", actor)
        _cancel_dependants(bc, row, actor)
    elif action == "request_correction":
        _event(bc, row, f"“{row.name}”需要补正材料", actor)
        _correction_notice(bc)
    elif action == "resubmit":
        _event(bc, row, f"“{row.name}”已提交补正材料", actor)
    elif action == "deliver":
        method = Delivery.objects.filter(case_id=case.pk).values_list("method", flat=True).last()
        if method == "window" and not bc.needs_visit:
            bc.needs_visit = True
            bc.save(update_fields=["needs_visit"])
    _refresh(bc)


def _event(bc: BundleCase, row: BundleMemberCase | None, text: str, actor: Any) -> None:
    BundleEvent.objects.create(
        bundle_case=bc,
        member_key=row.key if row else "",
        text=text[:300],
        actor=actor if actor is not None and actor.is_authenticated else None,
    )


def _advance(bc: BundleCase, granted: BundleMemberCase, actor: Any) -> None:
    """Start every waiting member whose predecessors (those that apply) are all granted, and
    tell the applicant in one stage notice — with, when results are handed over member by
    member (逐项出件), that this one's result is ready."""
    rows = list(bc.members.select_related("member", "member__item"))
    status = {r.key: r.status for r in rows}
    waiting = [
        r
        for r in rows
        if r.status == MemberStatus.WAITING
        and granted.key in r.member.after
        and all(status[a] == MemberStatus.GRANTED for a in r.member.after if a in status)
    ]
    started = []
    if waiting:
        defn = definition.load(bc.version)
        for r in waiting:
            _start(bc, defn, r, r.member, actor)
            started.append(r.name)
        _event(bc, None, f"前序事项“{granted.name}”已办结，自动启动：{'、'.join(started)}", actor)
    last = not waiting and all(r.status in ENDED for r in rows if r.pk != granted.pk)
    ready = bc.delivery_mode == DeliveryMode.PER_MEMBER and not last  # else: the completion notice
    if not started and not ready:
        return
    text = f"{bc.applicant_name}：\n您申请的“{bc.bundle_name}”一件事（编号 {bc.number}）中，“{granted.name}”已办结。"
    if ready:
        text += "其办理结果已可领取：请按该事项的出件通知到窗口领取，或在网上下载电子结果。"
    if started:
        text += "以下事项已自动启动，使用其办理结果作为申请材料，您无需再次提交：\n" + "\n".join(
            f"{i}. {n}" for i, n in enumerate(started, 1)
        )
    _notice(bc, BundleNotice.Kind.STAGE, text)


def _cancel_dependants(bc: BundleCase, failed: BundleMemberCase, actor: Any) -> None:
    rows = list(bc.members.select_related("member"))
    doomed = {failed.key}
    changed = True
    while changed:
        changed = False
        for r in rows:
            if (
                r.key not in doomed
                and r.status == MemberStatus.WAITING
                and doomed & set(r.member.after)
            ):
                doomed.add(r.key)
                changed = True
    cancelled = [r for r in rows if r.key in doomed and r.key != failed.key]
    for r in cancelled:
        r.status = MemberStatus.CANCELLED
        r.finished_at = timezone.now()
        r.note = f"前序事项“{failed.name}”未办结，本事项不再办理"
        r.save(update_fields=["status", "finished_at", "note"])
    if cancelled:
        names = "、".join(r.name for r in cancelled)
        _event(bc, failed, f"因“{failed.name}”未办结，不再办理：{names}", actor)
        _notice(
            bc,
            BundleNotice.Kind.STAGE,
            f"{bc.applicant_name}：\n"
            f"您申请的“{bc.bundle_name}”一件事（编号 {bc.number}）中，“{failed.name}”未能办结，"
            f"依赖其结果的以下事项不再办理：{names}。详情请查看各事项的告知书，"
            "或到“一件事”窗口咨询。",
        )


def _correction_notice(bc: BundleCase) -> BundleNotice | None:
    """One notice listing every open correction request of every member (一次性告知)."""
    open_requests = (
        CorrectionRequest.objects.filter(
            case__bundle_link__bundle_case=bc,
            case__state=CaseState.CORRECTION,
            answered_at__isnull=True,
        )
        .select_related("case", "case__department")
        .order_by("case_id", "issued_at")
    )
    sections = []
    for n, request in enumerate(open_requests, 1):
        lines = "\n".join(
            f"   {i}. {x['material']}：{x['problem']}" for i, x in enumerate(request.items, 1)
        )
        sections.append(
            f"{_cn(n)}、“{request.case.item_name}”（{request.case.department.short_name}，"
            f"办件编号 {request.case.number}）\n{lines}"
        )
    if not sections:
        return None
    return _notice(
        bc,
        BundleNotice.Kind.CORRECTION,
        f"{bc.applicant_name}：\n"
        f"您申请的“{bc.bundle_name}”一件事（编号 {bc.number}）需要补正以下材料，"
        "现一次性告知。请在“我的一件事”中逐项上传补正材料，补齐后各事项继续办理：\n"
        + "\n".join(sections),
    )


_CN = "一二三四五六七八九十"
NOTICE_WORDS = {"receipt": "收", "correction": "补", "stage": "进", "completion": "结"}


def _cn(n: int) -> str:
    return _CN[n - 1] if 1 <= n <= 10 else str(n)


def _notice(bc: BundleCase, kind: str, body: str) -> BundleNotice:
    from onewindow.notifications.models import Channel
    from onewindow.notifications.services import notify

    now = timezone.localtime()
    serial = numbering.next_value(f"bundlenotice:{kind}:{now.year}")
    notice = BundleNotice.objects.create(
        bundle_case=bc,
        kind=kind,
        title=str(BundleNotice.Kind(kind).label),
        number=f"一件事{NOTICE_WORDS[kind]}〔{now.year}〕{serial:05d}号",
        body=body,
        issued_at=now,
    )
    if bc.applicant is not None:
        applicant = bc.applicant

        def send() -> None:
            notify(
                recipient=applicant,
                template="bundles.notice",
                key=f"bundles:notice:{notice.pk}:{applicant.pk}",
                context={"number": bc.number, "bundle": bc.bundle_name, "title": notice.title},
                channels=(Channel.IN_APP, Channel.SMS),
                link=f"/portal/bundle-cases/{bc.pk}/",
            )

        transaction.on_commit(send)
    return notice


def _receipt(bc: BundleCase, defn: definition.Definition, actor: Any) -> None:
    rows = list(bc.members.select_related("department", "case").order_by("order", "id"))
    names = {r.key: r.name for r in rows}
    by_key = defn.by_key()
    lines = []
    for i, r in enumerate(rows, 1):
        if r.status == MemberStatus.EXTERNAL:
            state = r.note
        elif r.status == MemberStatus.STARTED:
            state = f"已提交，办件编号 {r.case.number}" if r.case else "已提交"
        else:
            preds = [names[a] for a in by_key[r.key].after if a in names]
            state = f"待{'、'.join(f'“{p}”' for p in preds)}办结后自动启动"
        dept = r.department.short_name if r.department else ""
        lines.append(f"{i}. {r.name}（{dept}）：{state}")
    _notice(
        bc,
        BundleNotice.Kind.RECEIPT,
        f"{bc.applicant_name}：\n"
        f"您于 {timezone.localtime(bc.submitted_at):%Y年%m月%d日} 申请的“{bc.bundle_name}”一件事已收到，"
        f"编号 {bc.number}。牵头部门：{bc.version.lead_department.short_name}。"
        f"承诺于 {bc.promised_due:%Y年%m月%d日} 前全部办结（{bc.promised_limit} 个工作日）。"
        f"本次办理以下事项：\n" + "\n".join(lines),
    )


def _refresh(bc: BundleCase) -> None:
    """Derive the bundle's status from its members; finish it when everything is done."""
    rows = list(bc.members.select_related("case").order_by("order", "id"))
    county = [r for r in rows if r.status != MemberStatus.EXTERNAL]
    before = bc.status
    if any(r.case is not None and r.case.state == CaseState.CORRECTION for r in county):
        status = BundleCaseStatus.CORRECTION
    elif all(r.status in ENDED for r in county):
        granted = [r for r in county if r.status == MemberStatus.GRANTED]
        decided = [
            r
            for r in county
            if r.case is not None and r.case.state in (*DECIDED, *DELIVERED_STATES)
        ]
        if not granted:
            status = BundleCaseStatus.STOPPED
        elif all(r.case.state in DELIVERED_STATES for r in decided if r.case is not None):
            status = BundleCaseStatus.DONE
        else:
            status = BundleCaseStatus.READY
    else:
        status = BundleCaseStatus.IN_PROGRESS
    if status == before:
        return
    bc.status = status
    fields = ["status"]
    if status in (BundleCaseStatus.DONE, BundleCaseStatus.STOPPED) and bc.finished_at is None:
        bc.finished_at = timezone.now()
        bc.fully_online = not bc.needs_visit and not bc.paper
        fields += ["finished_at", "fully_online"]
    bc.save(update_fields=fields)
    if status == BundleCaseStatus.READY:
        _completion_notice(bc, rows)
    elif status == BundleCaseStatus.STOPPED and before != BundleCaseStatus.STOPPED:
        _event(bc, None, "全部事项均未获准，一件事终止", None)


def _completion_notice(bc: BundleCase, rows: list[BundleMemberCase]) -> None:
    lines = []
    for i, r in enumerate(rows, 1):
        if r.status == MemberStatus.GRANTED and r.case is not None:
            result = r.case.version.result_name if r.case.version_id else ""
            lines.append(f"{i}. {r.name}：准予" + (f"，结果为{result}" if result else ""))
        else:
            lines.append(
                f"{i}. {r.name}：{r.get_status_display()}" + (f"（{r.note}）" if r.note else "")
            )
    if bc.delivery_mode == DeliveryMode.TOGETHER:
        hall = bc.hall.name if bc.hall_id and bc.hall else "县政务服务中心“高效办成一件事”窗口"
        how = f"全部结果可在{hall}一次领取（请携带身份证件），或选择邮寄、电子送达。"
    else:
        how = "各事项结果已按事项分别出件，请按各事项的通知领取或下载。"
    _event(bc, None, "全部事项已办结，待出件", None)
    _notice(
        bc,
        BundleNotice.Kind.COMPLETION,
        f"{bc.applicant_name}：\n"
        f"您申请的“{bc.bundle_name}”一件事（编号 {bc.number}）已全部办结：\n"
        + "\n".join(lines)
        + f"\n{how}",
    )


@transaction.atomic
def bundle_deliver(
    *,
    actor: Any,
    bundle_case_id: int,
    method: str,
    collector_name: str = "",
    collector_id_number: str = "",
    by_applicant: bool = True,
    signature: str = "",
    courier: str = "",
    tracking_number: str = "",
    address: str = "",
    note: str = "",
) -> BundleCase:
    """统一出件: every decided member's result handed over at once, with one identity check
    and one signature (or one parcel, or electronically)."""
    bc = BundleCase.objects.filter(pk=bundle_case_id).first()
    if bc is None:
        raise NotFound("一件事办件不存在")
    if method not in cases.DELIVERY_METHODS:
        raise InvalidInput(
            "出件方式应为 " + "、".join(f"{k}（{v}）" for k, v in cases.DELIVERY_METHODS.items()),
            field="method",
        )
    if bc.status != BundleCaseStatus.READY:
        raise Conflict(
            f"一件事当前状态为“{bc.get_status_display()}”，全部事项办结后才能统一出件",
            code="illegal_transition",
        )
    pending = list(
        Case.objects.filter(bundle_link__bundle_case=bc, state__in=DECIDED).order_by("id")
    )
    for case in pending:
        cases.deliver_result(
            actor=actor,
            case_id=case.pk,
            method=method,
            collector_name=collector_name,
            collector_id_number=collector_id_number,
            by_applicant=by_applicant,
            signature=signature,
            courier=courier,
            tracking_number=tracking_number,
            address=address,
            note=note or f"一件事统一出件（{bc.number}）",
        )
    bc.refresh_from_db()
    word = cases.DELIVERY_METHODS[method]
    _event(bc, None, f"统一出件：{word}，共 {len(pending)} 项结果", actor)
    return bc


templates_registry.register(
    "bundles.notice",
    subject="一件事 {{ number }}：{{ title }}",
    body="您申请的“{{ bundle }}”一件事（编号 {{ number }}）出具了《{{ title }}》，请登录查看。",
    sms="【{{ county }}政务服务】您的“{{ bundle }}”一件事{{ number }}出具了《{{ title }}》，请登录查看。",
)
