"""Case services: create and fill in an application, then every lifecycle action.

Each action is `lifecycle.perform(case_id, action, actor=…, payload=…)`; the effects
below are what the action does to the case beyond changing its state.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from onewindow.catalog.models import Item, ItemHall, ItemVersion, Material, SpecialProcedureKind
from onewindow.catalog.selectors import version_in_force
from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.validators import mask_resident_id, normalize_resident_id, resident_id_error
from onewindow.core.workdays import Calendar
from onewindow.identity.crypto import lookup_digest
from onewindow.identity.models import Enterprise, User

from . import clock, commitment, lifecycle, numbering, uploads
from .lifecycle import Outcome, effect, perform
from .models import (
    BEFORE_ACCEPTANCE,
    ApplicantKind,
    Case,
    CaseChannel,
    CaseMaterial,
    CaseState,
    ClockPolicy,
    Commitment,
    CorrectionRequest,
    Delivery,
    Extension,
    SpecialProcedure,
)

# Which catalog 办理形式 code each intake channel needs.
CHANNEL_NEEDS = {
    CaseChannel.WINDOW: "1",
    CaseChannel.PC: "2",
    CaseChannel.MOBILE: "3",
    CaseChannel.KIOSK: "2",
    CaseChannel.MAIL: "4",
    CaseChannel.PROXY: "1",
}


def _today() -> dt.date:
    return timezone.localdate()


def review_steps(version: ItemVersion, department_id: int) -> list[dict[str, Any]]:
    """The catalog's process steps after acceptance, each with its department and role."""
    steps = [dict(s) for s in version.process or []]
    if steps and (steps[0].get("name") == "受理" or steps[0].get("role") == Role.WINDOW_CLERK):
        steps = steps[1:]
    out = [
        {
            "name": str(s.get("name") or "审查")[:40],
            "department": s.get("department") or department_id,
            "role": s.get("role") or Role.APPROVER,
        }
        for s in steps
    ]
    return out or [{"name": "决定", "department": department_id, "role": Role.APPROVER}]


# ---------------------------------------------------------------------------------------------
# Creating and filling in
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def case_create(
    *,
    actor: Any,
    item_id: int,
    channel: str,
    applicant_id: int | None = None,
    enterprise_id: int | None = None,
    hall_id: int | None = None,
    form_data: dict[str, Any] | None = None,
    proxy_region: str = "",
    bundled: bool = False,
) -> Case:
    """A draft application. Citizens apply for themselves or for an enterprise they are an
    authorised agent of; window clerks and helpers apply on someone's behalf."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("请先登录再申请")
    if channel not in CaseChannel.values:
        raise InvalidInput(
            f"申请渠道“{channel}”无效，可选：{'、'.join(CaseChannel.values)}", field="channel"
        )
    item = Item.objects.select_related("published_version", "department").filter(pk=item_id).first()
    if item is None:
        raise NotFound(f"事项 {item_id} 不存在")
    version = item.published_version
    if version is None:
        raise Conflict("该事项尚未发布或已停用，不能申请", code="item_unpublished")
    needed = CHANNEL_NEEDS[CaseChannel(channel)]
    # A bundle member is applied for through the bundle's own channel (一网办理): the
    # bundle's definition is what offers it online.
    if needed not in version.channels and not bundled:
        raise InvalidInput(
            f"该事项不支持“{CaseChannel(channel).label}”申请（办理形式：{'、'.join(version.channel_labels())}）",
            field="channel",
        )
    if channel == CaseChannel.PROXY:
        if not version.cross_region_scope:
            raise InvalidInput("该事项不在跨域通办范围内，不能代收", field="channel")
        if not proxy_region.strip():
            raise InvalidInput("跨域代收需要填写代收地区", field="proxy_region")
    scope = scope_of(actor)
    on_behalf = scope.is_staff
    agent = None
    applicant: User | None = None
    enterprise: Enterprise | None = None
    hall = None
    receiving_hall = None
    if on_behalf:
        if not scope.has_role(Role.WINDOW_CLERK, Role.HELPER):
            raise PermissionDenied("只有窗口人员和帮办代办员可以代为申请")
        if actor.hall_id is None:
            raise PermissionDenied("您的账户没有所在大厅，不能代为申请")
        hall_id = actor.hall_id
        if (
            channel == CaseChannel.PROXY
            and not ItemHall.objects.filter(item=item, hall_id=actor.hall_id).exists()
        ):
            # 跨域通办, received here for the hall that handles the item.
            receiving_hall = actor.hall
            hall_id = None
        if applicant_id is None and enterprise_id is None:
            raise InvalidInput("请指定申请人（自然人或企业）", field="applicant_id")
    elif channel == CaseChannel.PROXY:
        raise PermissionDenied("跨域代收由窗口人员办理")
    if enterprise_id is not None:
        enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
        if enterprise is None:
            raise NotFound(f"企业 {enterprise_id} 不存在")
        if not on_behalf:
            if enterprise.pk not in scope.enterprise_ids:
                raise PermissionDenied("您不是该企业的有效授权经办人")
            agent = actor
        elif applicant_id is not None:
            agent = User.objects.filter(pk=applicant_id, kind=User.Kind.PUBLIC).first()
            if agent is None:
                raise NotFound(f"经办人 {applicant_id} 不存在")
    elif on_behalf:
        assert applicant_id is not None
        applicant = User.objects.filter(pk=applicant_id, kind=User.Kind.PUBLIC).first()
        if applicant is None:
            raise NotFound(f"申请人 {applicant_id} 不存在")
    else:
        applicant = actor
    if on_behalf and not scope.has_role(Role.WINDOW_CLERK):
        # A helper (帮办代办员) applies for someone only under their consent (授权委托).
        from onewindow.assist.services import require_consent

        require_consent(helper=actor, applicant=applicant, enterprise=enterprise, item_id=item.pk)
    kind = ApplicantKind.ENTERPRISE if enterprise else ApplicantKind.PERSON
    serves = "2346" if enterprise else "1"
    if version.service_objects and not set(version.service_objects) & set(serves):
        raise InvalidInput(
            f"该事项的服务对象是{'、'.join(version.service_object_labels())}，"
            f"{'企业' if enterprise else '个人'}不能申请",
            field="applicant_id",
        )
    if hall_id is not None:
        hall = ItemHall.objects.filter(item=item, hall_id=hall_id).select_related("hall").first()
        if hall is None and channel != CaseChannel.PROXY:
            raise InvalidInput("该大厅不受理此事项", field="hall_id")
        hall_obj = hall.hall if hall else None
        if hall_obj is None:
            from onewindow.org.models import Hall

            hall_obj = Hall.objects.filter(pk=hall_id).first()
            if hall_obj is None:
                raise InvalidInput(f"大厅 {hall_id} 不存在", field="hall_id")
    else:
        first = ItemHall.objects.filter(item=item).order_by("id").select_related("hall").first()
        hall_obj = first.hall if first else None
        if receiving_hall is not None and hall_obj is None:
            raise InvalidInput("该事项没有受理大厅，无法代收转递", field="item_id")
    steps = review_steps(version, item.department_id)
    if enterprise is not None:
        name, code = enterprise.name, enterprise.uscc
    else:
        assert applicant is not None
        name, code = applicant.name, applicant.id_number_masked
    case = Case(
        item=item,
        version=version,
        item_name=version.name,
        department=item.department,
        hall=hall_obj,
        template=lifecycle.template_for(item.pk, version.handling_type),
        steps=steps,
        step_count=len(steps),
        current_department=item.department,
        applicant_kind=kind,
        applicant=applicant,
        enterprise=enterprise,
        agent=agent,
        applicant_name=name,
        applicant_code_masked=code,
        channel=channel,
        proxy_region=proxy_region.strip(),
        receiving_hall=receiving_hall,
        created_by=actor,
        bundled=bundled,
    )
    if form_data:
        case.form_data = _clean_form(version, form_data, complete=False)
    case.save()
    lifecycle.open_stage(case, actor=actor)
    audit.record(
        code="cases.create", actor=actor, obj=case, after={"item": item.pk, "channel": channel}
    )
    return case


def _clean_form(version: ItemVersion, data: Any, *, complete: bool) -> dict[str, Any]:
    from onewindow.catalog.formschema import validate

    if not isinstance(data, dict):
        raise InvalidInput("申请表应为“数据元代码: 值”的对象", field="form_data")
    clean, errors = validate(version, data)
    if not complete:
        # A draft may leave required fields empty; everything given must still be right.
        errors = {k: v for k, v in errors.items() if not v.endswith("：必填")}
    if errors:
        raise InvalidInput(
            "申请表有 {} 处需要修改：{}".format(len(errors), "；".join(errors.values())),
            field="form_data",
            errors=errors,
        )
    return clean


def _editable(case_id: int, actor: Any) -> Case:
    case = lifecycle.lock(case_id)
    if not (
        lifecycle.is_applicant_side(case, actor) or case.created_by_id == getattr(actor, "pk", None)
    ):
        raise PermissionDenied("只有申请人或代为申请的工作人员可以修改申请")
    return case


@transaction.atomic
def case_update_form(
    *, actor: Any, case_id: int, form_data: dict[str, Any], replace: bool = False
) -> Case:
    """Change the application form of a draft or a case awaiting correction: the values
    given are merged into what is stored, or (`replace`) become the whole form — the way a
    page that posts every field clears the ones the person emptied."""
    case = _editable(case_id, actor)
    if case.state not in (CaseState.DRAFT, CaseState.CORRECTION):
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，申请表不能再修改",
            code="illegal_transition",
        )
    merged = dict(form_data) if replace else {**case.form_data, **form_data}
    case.form_data = _clean_form(case.version, merged, complete=False)
    case.save(update_fields=["form_data"])
    return case


@transaction.atomic
def material_add(
    *,
    actor: Any,
    case_id: int,
    material_id: int | None = None,
    name: str = "",
    upload: UploadedFile | None = None,
    status: str = CaseMaterial.Status.RECEIVED,
    paper_received: bool = False,
    note: str = "",
) -> CaseMaterial:
    """Attach a material: a file (checked by type and size, with its SM3), or — at the
    window — a record that paper was received, is missing or is tolerated (容缺)."""
    case = lifecycle.lock(case_id)
    staff = _is_window_staff(case, actor)
    if not staff and not lifecycle.is_applicant_side(case, actor):
        raise PermissionDenied("只有申请人或受理窗口可以提交材料")
    owed = None  # a tolerated material this file supplies after acceptance
    if case.state in (CaseState.ACCEPTED, CaseState.REVIEWING, CaseState.SPECIAL):
        owed = (
            case.materials.filter(
                status=CaseMaterial.Status.TOLERATED,
                supplied_at__isnull=True,
                material_id=material_id,
            ).first()
            if material_id is not None
            else None
        )
        if owed is None:
            raise Conflict(
                f"办件当前状态为“{case.get_state_display()}”，只能补齐容缺受理时缺少的材料",
                code="illegal_transition",
            )
        if status != CaseMaterial.Status.RECEIVED:
            raise InvalidInput("补齐容缺材料请上传文件或由窗口确认已收纸质件", field="status")
    elif case.state not in (
        CaseState.DRAFT,
        CaseState.SUBMITTED,
        CaseState.PREREVIEW,
        CaseState.CORRECTION,
    ):
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，不能再提交材料", code="illegal_transition"
        )
    if status not in CaseMaterial.Status.values:
        raise InvalidInput(f"材料状态“{status}”无效", field="status")
    if status not in (CaseMaterial.Status.RECEIVED, CaseMaterial.Status.TOLERATED) and not staff:
        raise PermissionDenied("只有窗口人员可以登记缺件或需补正")
    if status == CaseMaterial.Status.TOLERATED and not staff and case.state != CaseState.DRAFT:
        raise PermissionDenied("网上申请只能在提交前申请容缺")
    material = None
    if material_id is not None:
        material = Material.objects.filter(pk=material_id, version_id=case.version_id).first()
        if material is None:
            raise InvalidInput("该材料不在本事项的材料清单中", field="material_id")
        name = material.name
    if not name.strip():
        raise InvalidInput("请选择材料或填写材料名称", field="material_id")
    if status == CaseMaterial.Status.TOLERATED and (
        not case.version.tolerant_acceptance or material is None or not material.tolerable
    ):
        raise InvalidInput(f"“{name}”不允许容缺", field="status")
    if status == CaseMaterial.Status.RECEIVED and upload is None and not paper_received:
        raise InvalidInput("请上传文件，或由窗口确认已收纸质材料", field="file")
    row = CaseMaterial(
        case=case,
        material=material,
        name=name.strip()[:100],
        status=status,
        paper_received=paper_received,
        note=note[:200],
        uploaded_by=actor,
    )
    if upload is not None:
        checked = uploads.check(upload)
        row.original_name = checked.name[:200]
        row.content_type = checked.content_type
        row.size = checked.size
        row.sm3 = checked.sm3
        row.file.save(
            f"{case.pk}-{checked.sm3[:16]}.{checked.name.rsplit('.', 1)[-1].lower()}",
            upload,
            save=False,
        )
    row.save()
    if owed is not None:
        owed.supplied_at = timezone.now()
        owed.save(update_fields=["supplied_at"])
    audit.record(
        code="cases.material_add",
        actor=actor,
        obj=case,
        after={
            "material": row.name,
            "status": status,
            "sm3": row.sm3,
            "size": row.size,
            **({"supplies": owed.pk} if owed is not None else {}),
        },
    )
    return row


@transaction.atomic
def material_record(
    *,
    actor: Any,
    case_id: int,
    material_id: int,
    note: str,
    stored: dict[str, Any] | None = None,
) -> CaseMaterial:
    """A material the platform already holds, recorded on a draft case without the
    applicant giving it again (一件事: a file given once for the whole bundle, or the result
    of a member decided earlier). `stored` names a file already checked and saved:
    {"name", "original_name", "content_type", "size", "sm3"}; without it the note says
    where the material comes from."""
    case = lifecycle.lock(case_id)
    if case.state != CaseState.DRAFT:
        raise Conflict("只能为尚未提交的办件登记材料", code="illegal_transition")
    if case.created_by_id != getattr(actor, "pk", None) and not lifecycle.is_applicant_side(
        case, actor
    ):
        raise PermissionDenied("只有申请人或录入人可以登记材料")
    material = Material.objects.filter(pk=material_id, version_id=case.version_id).first()
    if material is None:
        raise InvalidInput("该材料不在本事项的材料清单中", field="material_id")
    row = CaseMaterial(
        case=case,
        material=material,
        name=material.name,
        status=CaseMaterial.Status.RECEIVED,
        note=note[:200],
        uploaded_by=actor,
    )
    if stored:
        row.file.name = stored["name"]
        row.original_name = str(stored.get("original_name", ""))[:200]
        row.content_type = str(stored.get("content_type", ""))
        row.size = int(stored.get("size", 0))
        row.sm3 = str(stored.get("sm3", ""))
    row.save()
    audit.record(
        code="cases.material_record",
        actor=actor,
        obj=case,
        after={"material": row.name, "sm3": row.sm3, "note": row.note},
    )
    return row


@transaction.atomic
def material_remove(*, actor: Any, case_id: int, row_id: int) -> None:
    """Take back a material before the case is submitted or while it awaits correction
    (a wrong file, a replaced one). Only the side that attached it may; submitted
    materials stay on record."""
    case = lifecycle.lock(case_id)
    row = CaseMaterial.objects.filter(pk=row_id, case=case).first()
    if row is None:
        raise NotFound("该材料不存在")
    staff = _is_window_staff(case, actor)
    if not staff and not lifecycle.is_applicant_side(case, actor):
        raise PermissionDenied("只有申请人或受理窗口可以撤回材料")
    if case.state not in (CaseState.DRAFT, CaseState.CORRECTION):
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，已提交的材料不能撤回",
            code="illegal_transition",
        )
    if case.state == CaseState.CORRECTION:
        asked = (
            case.corrections.filter(answered_at__isnull=True)
            .order_by("-issued_at")
            .values_list("issued_at", flat=True)
            .first()
        )
        if asked is None or row.uploaded_at <= asked:
            raise Conflict(
                "补正通知之前提交的材料不能撤回，请上传补正后的材料", code="illegal_transition"
            )
    if row.file:
        storage, name = row.file.storage, row.file.name
        transaction.on_commit(lambda: storage.delete(name))
    row.delete()
    audit.record(
        code="cases.material_remove",
        actor=actor,
        obj=case,
        before={"material": row.name, "sm3": row.sm3, "size": row.size},
    )


def _is_window_staff(case: Case, actor: Any) -> bool:
    """A clerk or helper of the case's hall — or of the window that received it for that
    hall (跨域通办)."""
    scope = scope_of(actor)
    return (
        scope.is_staff
        and scope.has_role(Role.WINDOW_CLERK, Role.HELPER)
        and bool({case.hall_id, case.receiving_hall_id} & set(scope.hall_ids) - {None})
    )


@transaction.atomic
def apply(*, actor: Any, item_id: int, channel: str, form_data: dict[str, Any], **who: Any) -> Case:
    """Create and submit in one step (API clients that send everything at once)."""
    case = case_create(actor=actor, item_id=item_id, channel=channel, form_data=form_data, **who)
    return submit(actor=actor, case_id=case.pk)


# ---------------------------------------------------------------------------------------------
# Actions (thin wrappers over the engine)
# ---------------------------------------------------------------------------------------------
def submit(*, actor: Any, case_id: int) -> Case:
    return perform(case_id, "submit", actor=actor)


def prereview(*, actor: Any, case_id: int) -> Case:
    return perform(case_id, "prereview", actor=actor)


def request_correction(
    *, actor: Any, case_id: int, items: list[dict[str, str]], note: str = ""
) -> Case:
    return perform(
        case_id, "request_correction", actor=actor, payload={"items": items, "note": note}
    )


def resubmit(*, actor: Any, case_id: int) -> Case:
    return perform(case_id, "resubmit", actor=actor)


def accept(*, actor: Any, case_id: int, opinion: str = "") -> Case:
    return perform(case_id, "accept", actor=actor, payload={"opinion": opinion})


def accept_on_receipt(*, case_id: int) -> Case:
    """收件即受理 for an online submission: the platform accepts at once."""
    return perform(case_id, "accept", actor=None, payload={"on_receipt": True})


def refuse(*, actor: Any, case_id: int, reason: str, legal_basis: str = "") -> Case:
    return perform(
        case_id, "refuse", actor=actor, payload={"reason": reason, "legal_basis": legal_basis}
    )


def start_review(*, actor: Any, case_id: int) -> Case:
    return perform(case_id, "start_review", actor=actor)


def pass_step(*, actor: Any, case_id: int, opinion: str) -> Case:
    return perform(case_id, "pass", actor=actor, payload={"opinion": opinion})


def return_step(*, actor: Any, case_id: int, opinion: str) -> Case:
    return perform(case_id, "return", actor=actor, payload={"opinion": opinion})


def start_special(
    *, actor: Any, case_id: int, kind_id: int, reason: str, expected_days: int
) -> Case:
    return perform(
        case_id,
        "start_special",
        actor=actor,
        payload={"kind_id": kind_id, "reason": reason, "expected_days": expected_days},
    )


def end_special(*, actor: Any, case_id: int, opinion: str) -> Case:
    return perform(case_id, "end_special", actor=actor, payload={"opinion": opinion})


def extend(*, actor: Any, case_id: int, days: int, reason: str) -> Case:
    return perform(case_id, "extend", actor=actor, payload={"days": days, "reason": reason})


def approve(*, actor: Any, case_id: int, opinion: str = "") -> Case:
    return perform(case_id, "approve", actor=actor, payload={"opinion": opinion})


def deny(*, actor: Any, case_id: int, opinion: str, reason: str) -> Case:
    return perform(case_id, "deny", actor=actor, payload={"opinion": opinion, "reason": reason})


def deliver(*, actor: Any, case_id: int, method: str = "window", note: str = "") -> Case:
    return perform(case_id, "deliver", actor=actor, payload={"method": method, "note": note})


def archive(*, actor: Any, case_id: int) -> Case:
    return perform(case_id, "archive", actor=actor)


def withdraw(*, actor: Any, case_id: int, reason: str) -> Case:
    return perform(case_id, "withdraw", actor=actor, payload={"reason": reason})


def terminate(*, actor: Any, case_id: int, reason: str) -> Case:
    return perform(case_id, "terminate", actor=actor, payload={"reason": reason})


ACTIONS: dict[str, Callable[..., Case]] = {
    "submit": submit,
    "prereview": prereview,
    "request_correction": request_correction,
    "resubmit": resubmit,
    "accept": accept,
    "refuse": refuse,
    "start_review": start_review,
    "pass": pass_step,
    "return": return_step,
    "start_special": start_special,
    "end_special": end_special,
    "extend": extend,
    "approve": approve,
    "deny": deny,
    "deliver": deliver,
    "archive": archive,
    "withdraw": withdraw,
    "terminate": terminate,
}


# ---------------------------------------------------------------------------------------------
# Effects
# ---------------------------------------------------------------------------------------------
def _int(payload: dict[str, Any], key: str, label: str, *, minimum: int, maximum: int) -> int:
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(f"请填写{label}", field=key)
    try:
        number = int(value)
    except ValueError:
        raise InvalidInput(f"{label}应为整数", field=key) from None
    if not minimum <= number <= maximum:
        raise InvalidInput(f"{label}应在 {minimum} 到 {maximum} 之间", field=key)
    return number


@effect("submit")
def _submit(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    # A window that refuses a walk-in application on the spot records it as received
    # with the form as it stands (`partial`); everyone else submits a complete form.
    case.form_data = _clean_form(case.version, case.form_data, complete=not payload.get("partial"))
    now = timezone.now()
    cal = Calendar()
    case.received_on = cal.receipt_date(now)
    case.submitted_at = now
    case.number = numbering.case_number(case.item.implementation_code, timezone.localdate(now))
    return Outcome(details={"number": case.number, "received_on": case.received_on})


@effect("prereview")
def _prereview(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    case.handler = actor


@effect("request_correction")
def _request_correction(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    raw = payload.get("items")
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("请一次性列出全部需要补正的材料及问题", field="items")
    items: list[dict[str, str]] = []
    for i, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise InvalidInput(f"第 {i} 项补正内容格式不对", field="items")
        material = str(entry.get("material") or "").strip()
        problem = str(entry.get("problem") or "").strip()
        if not material or not problem:
            raise InvalidInput(f"第 {i} 项补正内容要写明材料名称和存在的问题", field="items")
        items.append({"material": material[:100], "problem": problem[:300]})
    note = str(payload.get("note") or "").strip()
    CorrectionRequest.objects.create(case=case, items=items, note=note, issued_by=actor)
    text = "\n".join(f"{i}. {x['material']}：{x['problem']}" for i, x in enumerate(items, 1))
    payload["opinion"] = text
    return Outcome(notice_context={"items": text, "note": note}, details={"items": len(items)})


@effect("resubmit")
def _resubmit(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    case.form_data = _clean_form(case.version, case.form_data, complete=True)
    CorrectionRequest.objects.filter(case=case, answered_at__isnull=True).update(
        answered_at=timezone.now()
    )
    # The Art. 32 period runs again from the receipt of the corrected materials.
    case.received_on = Calendar().receipt_date(timezone.now())


@effect("accept")
def _accept(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    cal = Calendar()
    now = timezone.now()
    # The platform accepts by itself under Art. 32 (deemed accepted), or at once on
    # receipt for items marked 收件即受理.
    on_receipt = bool(payload.get("on_receipt"))
    auto = actor is None and not on_receipt
    # Deemed accepted on the receipt date (Art. 32): the version in force that day applies.
    moment = now
    if auto and case.received_on:
        moment = timezone.make_aware(dt.datetime.combine(case.received_on, dt.time(23, 59, 59)))
    in_force = version_in_force(case.item_id, moment) or case.version
    details: dict[str, Any] = {}
    if in_force.pk != case.version_id:
        details["version"] = f"按受理时现行的第 {in_force.number} 版办理"
        case.version = in_force
        case.item_name = in_force.name
        case.steps = review_steps(in_force, case.department_id)
        case.step_count = len(case.steps)
    on = case.received_on if auto and case.received_on else cal.receipt_date(now)
    assert on is not None
    case.accepted_at = now
    case.auto_accepted = auto
    clock.start(case, cal, on=on, version=in_force)
    case.step_index = 0
    case.current_department_id = case.steps[0]["department"] if case.steps else case.department_id
    case.handler = None if case.steps and case.template.handling_type == 2 else actor
    policy = ClockPolicy.current()
    if on_receipt:
        payload["opinion"] = "收件即受理：申请材料齐全，自动受理"
    if auto:
        payload["opinion"] = (
            f"收到申请材料后 {policy.correction_days} 个工作日内未一次性告知补正，"
            "依照《行政许可法》第三十二条，自收到申请材料之日起即为受理"
        )
    extra = _tolerate(case, cal, policy, on=on)
    if extra:
        details["tolerated"] = len(extra[0][1]["rows"])
    letter = case.commitments.filter(kind=Commitment.Kind.NOTIFICATION).first()
    if letter is not None:
        extra.append(("commitment", {"letter": letter.text, "signer": letter.signer_name}))
        details["commitment"] = True
    return Outcome(
        extra_notices=extra,
        notice_context={"auto": auto, "correction_days": policy.correction_days},
        details={
            "accepted_on": on,
            "promised_due": case.promised_due,
            "statutory_due": case.statutory_due,
            "auto": auto,
            **details,
        },
    )


def _tolerate(
    case: Case, cal: Calendar, policy: ClockPolicy, *, on: dt.date
) -> list[tuple[str, dict[str, Any]]]:
    """容缺受理: give each tolerated material still missing its deadline — the tolerance
    period from acceptance, never after the promised due date — and the 容缺受理通知书
    listing them. Refused without the applicant's signed commitment."""
    rows = list(
        case.materials.filter(status=CaseMaterial.Status.TOLERATED, supplied_at__isnull=True)
        .select_related("material")
        .order_by("id")
    )
    if not rows:
        return []
    if not case.commitments.filter(kind=Commitment.Kind.TOLERANCE).exists():
        raise InvalidInput(
            "有容缺材料，须先由申请人签署容缺受理承诺书（窗口书面签字或网上确认）才能受理",
            field="commitment",
        )
    due = cal.add_working_days(on, policy.tolerance_days)
    if case.promised_due is not None:
        due = max(min(due, case.promised_due), on)
    for row in rows:
        row.due_on = due
    CaseMaterial.objects.bulk_update(rows, ["due_on"])
    lines = []
    for i, row in enumerate(rows, 1):
        form = row.material.get_form_display() if row.material else "纸质或电子"
        lines.append(f"{i}. {row.name}（{form}），{due:%Y年%m月%d日}前补齐")
    return [("tolerance", {"items": "\n".join(lines), "rows": [r.pk for r in rows]})]


@transaction.atomic
def commitment_record(
    *,
    actor: Any,
    case_id: int,
    kind: str,
    signer_name: str,
    via: str,
    text: str = "",
    scan: UploadedFile | None = None,
) -> Commitment:
    """Record the applicant's signed commitment on a case not yet accepted: at the window
    (paper, signed in front of the clerk, a scan optional) or online (the applicant
    confirms the text themself)."""
    case = lifecycle.lock(case_id)
    if kind not in Commitment.Kind.values:
        raise InvalidInput(f"承诺种类“{kind}”无效", field="kind")
    if via not in Commitment.Via.values:
        raise InvalidInput(f"签署方式“{via}”无效", field="via")
    staff = _is_window_staff(case, actor)
    applicant = lifecycle.is_applicant_side(case, actor)
    if via == Commitment.Via.PAPER and not staff:
        raise PermissionDenied("书面承诺由受理窗口人员登记")
    if via == Commitment.Via.ONLINE and not applicant:
        raise PermissionDenied("网上确认须由申请人本人操作")
    if case.state not in (CaseState.DRAFT, *BEFORE_ACCEPTANCE):
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，受理后不能再签署承诺",
            code="illegal_transition",
        )
    if kind == Commitment.Kind.TOLERANCE and not case.version.tolerant_acceptance:
        raise InvalidInput("该事项不适用容缺受理", field="kind")
    if kind == Commitment.Kind.NOTIFICATION:
        commitment.check_eligible(case)
        if case.commitments.filter(kind=kind).exists():
            raise Conflict("申请人已签署告知承诺书", code="duplicate")
    signer_name = signer_name.strip()
    if not signer_name:
        raise InvalidInput("请填写承诺人姓名", field="signer_name")
    row = Commitment(
        case=case,
        kind=kind,
        text=text.strip()
        or (
            commitment.letter(case)
            if kind == Commitment.Kind.NOTIFICATION
            else COMMITMENT_TEXT[kind]
        ),
        signer_name=signer_name[:120],
        via=via,
        recorded_by=actor,
    )
    if scan is not None:
        checked = uploads.check(scan)
        row.scan.save(
            f"{case.pk}-{checked.sm3[:16]}.{checked.name.rsplit('.', 1)[-1].lower()}",
            scan,
            save=False,
        )
    row.save()
    audit.record(
        code="cases.commitment",
        actor=actor,
        obj=case,
        after={"kind": kind, "via": via, "signer": row.signer_name},
    )
    return row


COMMITMENT_TEXT: dict[str, str] = {
    Commitment.Kind.TOLERANCE: (
        "本人（单位）承诺：所提交的申请材料真实有效；对容缺的材料，将在受理机关告知的期限内补齐。"
        "逾期未补齐的，同意受理机关终止办理，并承担由此产生的后果。"
    ),
    Commitment.Kind.NOTIFICATION: (
        "本人（单位）已知晓受理机关告知的全部条件和要求，承诺符合上述条件，所作承诺真实。"
        "如有虚假承诺，愿意承担撤销许可、记入信用记录等法律责任。"
    ),
}


@effect("refuse")
def _refuse(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    case.handler = actor
    case.decided_at = timezone.now()
    return Outcome(
        notice_context={
            "reason": payload["reason"],
            "legal_basis": str(payload.get("legal_basis") or ""),
        }
    )


@effect("start_review")
def _start_review(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    case.handler = actor
    return Outcome(stage=case.steps[case.step_index]["name"])


def _move_step(case: Case, delta: int) -> Outcome:
    case.step_index += delta
    step = case.steps[case.step_index]
    case.current_department_id = step["department"]
    case.handler = None
    return Outcome(stage=step["name"], details={"step": step["name"]})


@effect("pass")
def _pass(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    return _move_step(case, +1)


@effect("return")
def _return(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    return _move_step(case, -1)


@effect("start_special")
def _start_special(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    kind_id = payload.get("kind_id")
    kind = (
        SpecialProcedureKind.objects.filter(pk=kind_id, is_active=True).first()
        if isinstance(kind_id, int)
        else None
    )
    if kind is None:
        raise InvalidInput("请选择一种已启用的特别程序", field="kind_id")
    # The guide states each special procedure and its longest time (办事指南 事项要素); one it
    # does not state cannot be started on the applicant, nor run longer than stated.
    declared = {p.get("kind"): p.get("max_days") for p in case.version.special_procedures or []}
    if kind.name not in declared:
        listed = "、".join(f"{k}（≤{d}个工作日）" for k, d in declared.items()) or "无"
        raise InvalidInput(
            f"本事项办事指南未列明“{kind.name}”特别程序，不能启动；已列明：{listed}",
            field="kind_id",
        )
    limit = int(declared[kind.name] or 0) or 1
    days = _int(payload, "expected_days", "预计时长（工作日）", minimum=1, maximum=limit)
    today = _today()
    SpecialProcedure.objects.create(
        case=case,
        kind=kind,
        reason=payload["reason"],
        expected_days=days,
        started_on=today,
        started_by=actor,
    )
    case.paused_from_state = case.state
    clock.pause(case, on=today)
    payload["opinion"] = f"{kind.name}：{payload['reason']}（预计 {days} 个工作日）"
    return Outcome(
        stage=f"特别程序：{kind.name}",
        notice_context={"kind": kind.name, "reason": payload["reason"], "expected_days": days},
        details={"kind": kind.name, "expected_days": days},
    )


def _close_special(case: Case, actor: Any, result: str) -> int:
    procedure = case.special_procedures.filter(ended_on__isnull=True).first()
    today = _today()
    if case.paused_on is None:
        return 0
    working, natural = clock.resume(case, Calendar(), on=today)
    not_counted = natural if case.promised_unit == "natural" else working
    if procedure is not None:
        procedure.ended_on = today
        procedure.ended_by = actor
        procedure.result = result
        procedure.days_not_counted = not_counted
        procedure.save()
    return not_counted


@effect("end_special")
def _end_special(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    not_counted = _close_special(case, actor, payload["opinion"])
    target = case.paused_from_state or CaseState.REVIEWING
    case.paused_from_state = ""
    return Outcome(
        target=target,
        stage=case.steps[case.step_index]["name"] if case.steps else "",
        details={"days_not_counted": not_counted, "promised_due": case.promised_due},
    )


@effect("extend")
def _extend(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    if case.extensions.exists():
        raise Conflict("本办件已经延期一次，不能再次延期", code="already_extended")
    allowed = clock.allowed_extension(case)
    days = _int(payload, "days", "延长天数", minimum=1, maximum=allowed)
    before = (case.promised_due, case.statutory_due)
    case.extension_days += days
    clock.recompute(case, Calendar())
    Extension.objects.create(
        case=case,
        days=days,
        reason=payload["reason"],
        approved_by=actor,
        promised_due_before=before[0],
        promised_due_after=case.promised_due,
        statutory_due_before=before[1],
        statutory_due_after=case.statutory_due,
    )
    payload["opinion"] = f"延长 {days} 个工作日：{payload['reason']}"
    return Outcome(
        stage=case.steps[case.step_index]["name"] if case.state == CaseState.REVIEWING else "",
        notice_context={"reason": payload["reason"], "days": days},
        details={"days": days, "promised_due": case.promised_due},
    )


def _decide(case: Case, actor: Any) -> None:
    now = timezone.now()
    case.decided_at = now
    case.handler = actor
    if case.promised_due is not None:
        case.decided_on_time = timezone.localdate(now) <= case.promised_due


@effect("approve")
def _approve(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    _decide(case, actor)
    if actor is not None:
        commitment.schedule_after_grant(case, actor)
    return Outcome(
        notice_context={"opinion": payload.get("opinion") or "", "result": case.version.result_name}
    )


@effect("deny")
def _deny(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    _decide(case, actor)
    return Outcome(notice_context={"reason": payload["reason"]})


DELIVERY_METHODS = {"window": "窗口领取", "post": "邮寄送达", "online": "电子送达"}


@effect("deliver")
def _deliver(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    method = str(payload.get("method") or "window")
    if method not in DELIVERY_METHODS:
        raise InvalidInput(
            f"出件方式“{method}”无效，可选：窗口领取、邮寄送达、电子送达", field="method"
        )
    case.delivered_at = timezone.now()
    note = str(payload.get("note") or "").strip()
    record: Delivery = payload.get("record") or Delivery(method=method)
    record.case = case
    record.method = method
    record.note = note[:200]
    record.delivered_at = case.delivered_at
    record.clerk = actor
    signature = payload.get("signature_png")
    if signature:
        record.signature.save(f"{case.pk}-signature.png", ContentFile(signature), save=False)
    record.save()
    details = []
    if method == "window" and record.id_checked:
        who = "本人" if record.collector_is_applicant else "代领人"
        details.append(f"{who}{record.collector_name}领取（已核验身份证件并签名）")
    if method == "post" and record.tracking_number:
        details.append(f"{record.courier} 单号 {record.tracking_number}")
    if note:
        details.append(note)
    payload["opinion"] = DELIVERY_METHODS[method] + ("：" + "；".join(details) if details else "")


SIGNATURE_MAX_BYTES = 512 * 1024


def _signature_png(data_url: str) -> bytes:
    """A signature drawn on the window's pad, sent as a PNG data URL."""
    prefix = "data:image/png;base64,"
    if not data_url.startswith(prefix):
        raise InvalidInput("签名格式不对，请重新签名", field="signature")
    try:
        raw = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("签名数据已损坏，请重新签名", field="signature") from None
    if not raw.startswith(b"\x89PNG\r\n\x1a\n") or len(raw) > SIGNATURE_MAX_BYTES:
        raise InvalidInput("签名格式不对，请重新签名", field="signature")
    return raw


def deliver_result(
    *,
    actor: Any,
    case_id: int,
    method: str,
    collector_name: str = "",
    collector_id_number: str = "",
    by_applicant: bool = True,
    signature: str = "",
    courier: str = "",
    tracking_number: str = "",
    address: str = "",
    note: str = "",
) -> Case:
    """统一窗口出件 with what each way of delivery must record: at the window, who
    collected it, their ID number checked against the applicant's (or recorded for someone
    collecting on their behalf) and their signature; by post, the courier and tracking
    number; electronically, nothing more (the notices are on the portal)."""
    record = Delivery(method=method)
    payload: dict[str, Any] = {"method": method, "note": note, "record": record}
    if method == "window":
        case = Case.objects.select_related("applicant", "agent").filter(pk=case_id).first()
        if case is None:
            raise NotFound("办件不存在")
        name = collector_name.strip()
        if not name:
            raise InvalidInput("请填写领取人姓名", field="collector_name")
        id_number = normalize_resident_id(collector_id_number)
        if (error := resident_id_error(id_number)) is not None:
            raise InvalidInput(f"领取人身份证号码：{error}", field="collector_id_number")
        digest = lookup_digest("resident_id", id_number)
        if by_applicant:
            holders = [u for u in (case.applicant, case.agent) if u is not None]
            if not any(u.id_number_digest == digest for u in holders):
                raise InvalidInput(
                    "身份证号码与申请人（经办人）不一致：本人领取请核对证件，他人代领请选择“代领”",
                    field="collector_id_number",
                )
        if not signature:
            raise InvalidInput("请领取人在签名板上签名", field="signature")
        payload["signature_png"] = _signature_png(signature)
        record.collector_name = name[:60]
        record.collector_is_applicant = by_applicant
        record.collector_id_masked = mask_resident_id(id_number)
        record.id_checked = True
    elif method == "post":
        if not courier.strip() or not tracking_number.strip():
            raise InvalidInput("邮寄送达请填写快递公司和快递单号", field="tracking_number")
        if not address.strip():
            raise InvalidInput("请填写邮寄地址", field="address")
        record.courier = courier.strip()[:30]
        record.tracking_number = tracking_number.strip()[:40]
        record.address = address.strip()[:200]
    return perform(case_id, "deliver", actor=actor, payload=payload)


@effect("archive")
def _archive(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    case.handler = None


def _stop(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    if case.state == CaseState.SPECIAL:
        _close_special(
            case, actor, f"办件{'撤回' if payload.get('_withdraw') else '终止'}，特别程序结束"
        )
    case.closed_at = timezone.now()


@effect("withdraw")
def _withdraw(case: Case, actor: Any, payload: dict[str, Any]) -> None:
    payload["_withdraw"] = True
    _stop(case, actor, payload)


@effect("terminate")
def _terminate(case: Case, actor: Any, payload: dict[str, Any]) -> Outcome:
    _stop(case, actor, payload)
    return Outcome(notice_context={"reason": payload["reason"]})
