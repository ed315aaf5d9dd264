"""Online application on the portal: save a draft with what is right so far, attach files
against the item's material list, submit once everything required is there, and answer a
correction request by uploading only what was asked.

The case engine (`cases.services`) does the work; this module adds what a person filling in
a page needs: a draft keeps every valid value and file even when other fields are wrong
(nothing typed or uploaded is lost), and errors come back per field and per material."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from onewindow.cases import commitment
from onewindow.cases import services as cases
from onewindow.cases.models import Case, CaseChannel, CaseMaterial, CaseState, Commitment
from onewindow.catalog.formschema import validate
from onewindow.catalog.models import Item, ItemVersion
from onewindow.core.errors import Conflict, DomainError, InvalidInput, NotFound

from . import selectors

TOLERANCE_TEXT = cases.COMMITMENT_TEXT[Commitment.Kind.TOLERANCE]


@dataclass
class Saved:
    case: Case
    errors: dict[str, str] = field(default_factory=dict)  # data-element key or material-<id>


def online_channel(version: ItemVersion, *, mobile: bool) -> str:
    """The channel an online application is recorded under: 移动端 from a phone where the
    item takes mobile applications, else 网上 (PC)."""
    if mobile and "3" in version.channels:
        return CaseChannel.MOBILE
    if "2" in version.channels:
        return CaseChannel.PC
    if "3" in version.channels:
        return CaseChannel.MOBILE
    raise InvalidInput(
        f"该事项不能网上申请（办理形式：{'、'.join(version.channel_labels())}），"
        "请到窗口办理或预约",
        field="channel",
    )


def _form_errors(
    version: ItemVersion, data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    clean, errors = validate(version, data)
    # A draft may leave required fields empty; every value given must still be right.
    return clean, {k: v for k, v in errors.items() if not v.endswith("：必填")}


def application_save(
    *,
    actor: Any,
    form_data: dict[str, Any],
    files: dict[int, UploadedFile] | None = None,
    item_id: int | None = None,
    case_id: int | None = None,
    enterprise_id: int | None = None,
    mobile: bool = False,
    commit: bool = False,
    tolerate: list[int] | None = None,
) -> Saved:
    """Create (`item_id`) or update (`case_id`) a draft. Valid values are stored and invalid
    ones reported; each file is checked and attached on its own, a new file for a material
    replacing the one uploaded before. `commit`: the applicant confirms the 告知承诺 letter
    (items that allow it), so the proofs it replaces need not be uploaded. `tolerate`:
    tolerable materials the applicant will supply after acceptance (容缺), on the 容缺受理
    commitment they confirm by asking."""
    if case_id is None:
        if item_id is None:
            raise InvalidInput("请选择要申请的事项", field="item_id")
        item = Item.objects.select_related("published_version").filter(pk=item_id).first()
        if item is None:
            raise NotFound(f"事项 {item_id} 不存在")
        if item.published_version is None:
            raise Conflict("该事项尚未发布或已停用，不能申请", code="item_unpublished")
        version = item.published_version
        clean, errors = _form_errors(version, form_data)
        case = cases.case_create(
            actor=actor,
            item_id=item_id,
            channel=online_channel(version, mobile=mobile),
            enterprise_id=enterprise_id,
            form_data=clean,
        )
    else:
        case = selectors.own_case(actor, case_id)
        if case.state not in (CaseState.DRAFT, CaseState.CORRECTION):
            raise Conflict(
                f"办件当前状态为“{case.get_state_display()}”，申请表不能再修改",
                code="illegal_transition",
            )
        clean, errors = _form_errors(case.version, form_data)
        # Fields now wrong keep their stored value; the page shows what was typed.
        keep = {k: v for k, v in case.form_data.items() if k in errors}
        case = cases.case_update_form(
            actor=actor, case_id=case.pk, form_data={**clean, **keep}, replace=True
        )
    for material_id, upload in (files or {}).items():
        try:
            attach(actor=actor, case=case, material_id=material_id, upload=upload)
        except DomainError as exc:
            errors[f"material-{material_id}"] = exc.message
    for material_id in tolerate or []:
        try:
            _tolerate(actor, case, material_id)
        except DomainError as exc:
            errors[f"material-{material_id}"] = exc.message
    if commit and not commitment.committed(case):
        try:
            cases.commitment_record(
                actor=actor,
                case_id=case.pk,
                kind=Commitment.Kind.NOTIFICATION,
                signer_name=case.applicant_name,
                via=Commitment.Via.ONLINE,
            )
        except DomainError as exc:
            errors["commitment"] = exc.message
    return Saved(case, errors)


@transaction.atomic
def _tolerate(actor: Any, case: Case, material_id: int) -> None:
    """Ask for 容缺 on one material: recorded as tolerated, with the applicant's online
    commitment (once per case); a file given earlier for it is withdrawn."""
    if case.materials.filter(
        material_id=material_id, status=CaseMaterial.Status.TOLERATED
    ).exists():
        return
    if not case.commitments.filter(kind=Commitment.Kind.TOLERANCE).exists():
        cases.commitment_record(
            actor=actor,
            case_id=case.pk,
            kind=Commitment.Kind.TOLERANCE,
            signer_name=case.applicant_name,
            via=Commitment.Via.ONLINE,
        )
    row = cases.material_add(
        actor=actor,
        case_id=case.pk,
        material_id=material_id,
        status=CaseMaterial.Status.TOLERATED,
        note="申请人网上申请容缺，承诺受理后按期补齐",
    )
    for old in selectors.replaceable_rows(case, material_id).exclude(pk=row.pk):
        cases.material_remove(actor=actor, case_id=case.pk, row_id=old.pk)


@transaction.atomic
def supply(*, actor: Any, case_id: int, material_id: int, upload: UploadedFile) -> CaseMaterial:
    """Supply a tolerated material after acceptance (容缺补齐)."""
    case = selectors.own_case(actor, case_id)
    return cases.material_add(actor=actor, case_id=case.pk, material_id=material_id, upload=upload)


@transaction.atomic
def attach(*, actor: Any, case: Case, material_id: int, upload: UploadedFile) -> CaseMaterial:
    """Attach a file to a listed material, replacing the file the applicant gave for it
    earlier in this round (a draft's, or one uploaded since the correction request)."""
    row = cases.material_add(actor=actor, case_id=case.pk, material_id=material_id, upload=upload)
    earlier = selectors.replaceable_rows(case, material_id).exclude(pk=row.pk)
    for old in earlier:
        cases.material_remove(actor=actor, case_id=case.pk, row_id=old.pk)
    return row


def application_submit(*, actor: Any, case_id: int) -> Case:
    """Submit a draft: refused, with the list, while a required material has no file."""
    case = selectors.own_case(actor, case_id)
    missing = selectors.missing_materials(case)
    if missing:
        raise InvalidInput(
            "还需上传以下必要材料：" + "；".join(m.name for m in missing),
            field="materials",
            errors={f"material-{m.pk}": "必要材料，请上传" for m in missing},
        )
    with transaction.atomic():
        case = cases.submit(actor=actor, case_id=case.pk)
        if case.version.accept_on_receipt:
            case = cases.accept_on_receipt(case_id=case.pk)
    return case


def correction_answer(
    *,
    actor: Any,
    case_id: int,
    files: dict[int, UploadedFile],
    form_data: dict[str, Any] | None = None,
) -> Saved:
    """Answer the open correction request: a corrected file for each material it names
    (by item number), optionally corrected form values, then resubmit. When something is
    still missing nothing is resubmitted, but what was uploaded is kept."""
    case = selectors.own_case(actor, case_id)
    request = selectors.open_correction(case)
    if request is None:
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，没有待补正的内容",
            code="illegal_transition",
        )
    errors: dict[str, str] = {}
    if form_data is not None:
        saved = application_save(actor=actor, case_id=case.pk, form_data=form_data)
        errors.update(saved.errors)
    asked = selectors.correction_items(case, request)
    for entry in asked:
        upload = files.get(entry.index)
        if upload is None:
            continue
        try:
            if entry.material is not None:
                attach(actor=actor, case=case, material_id=entry.material.pk, upload=upload)
            else:
                cases.material_add(
                    actor=actor,
                    case_id=case.pk,
                    name=entry.name,
                    upload=upload,
                    note=f"补正：{entry.problem}"[:200],
                )
        except DomainError as exc:
            errors[f"item-{entry.index}"] = exc.message
    if errors:
        return Saved(selectors.own_case(actor, case.pk), errors)
    still = [
        e for e in selectors.correction_items(case, request) if e.needs_file and not e.answered
    ]
    if still:
        return Saved(
            selectors.own_case(actor, case.pk),
            {f"item-{e.index}": "请上传补正后的材料" for e in still},
        )
    return Saved(cases.resubmit(actor=actor, case_id=case.pk))
