"""The comprehensive window (前台综合受理): find or register the applicant, pick the item,
check each material off as received, missing, defective or tolerated (容缺), and then accept,
ask for correction in one notice listing everything missing, or refuse — each a single
transaction over the case engine, so a refusal part-way leaves nothing half-done.

Delivery at the unified window (统一窗口出件) is `cases.services.deliver_result`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from onewindow.cases import commitment, proxy
from onewindow.cases import services as cases
from onewindow.cases.lifecycle import perform
from onewindow.cases.models import (
    Case,
    CaseChannel,
    CaseMaterial,
    CaseState,
    Commitment,
    ProxyTransfer,
)
from onewindow.catalog.codes import MaterialSource
from onewindow.catalog.formschema import validate
from onewindow.core.errors import DomainError, InvalidInput, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.validators import (
    normalize_resident_id,
    normalize_uscc,
    resident_id_error,
    uscc_error,
)
from onewindow.identity import selectors as identity_selectors
from onewindow.identity import services as identity
from onewindow.identity.models import Enterprise, User

from . import selectors

# How the clerk marks a material at the counter.
MARKS = {
    "paper": "已收纸质件",
    "scan": "已收（扫描上传）",
    "missing": "缺少",
    "defective": "需补正",
    "tolerated": "容缺",
}


@dataclass
class Found:
    """Who is at the counter: a person or an enterprise, or nobody yet (register)."""

    query: str
    kind: str  # "person" or "enterprise"
    person: User | None = None
    enterprise: Enterprise | None = None


def _require_clerk(actor: Any) -> None:
    scope = scope_of(actor)
    if not scope.has_role(Role.WINDOW_CLERK, Role.HELPER):
        raise PermissionDenied("只有窗口人员和帮办代办员可以在综合窗口受理")
    if getattr(actor, "hall_id", None) is None:
        raise PermissionDenied("您的账户没有所在大厅，不能在综合窗口受理")


def lookup(*, actor: Any, query: str) -> Found:
    """By 18-digit resident ID number or unified social credit code."""
    _require_clerk(actor)
    raw = (query or "").strip().upper().replace(" ", "")
    id_number = normalize_resident_id(raw)
    if resident_id_error(id_number) is None:
        return Found(id_number, "person", person=identity.citizen_by_id_number(id_number))
    code = normalize_uscc(raw)
    if uscc_error(code) is None:
        return Found(
            code, "enterprise", enterprise=identity_selectors.enterprise_by_uscc(actor, code)
        )
    raise InvalidInput(
        "请输入 18 位居民身份证号码或统一社会信用代码（校验位不对的号码请核对证件）",
        field="q",
    )


def intake_start(
    *,
    actor: Any,
    item_id: int,
    applicant_id: int | None = None,
    enterprise_id: int | None = None,
    agent_id_number: str = "",
    proxy: bool = False,
    source_region: str = "",
) -> Case:
    """A window application (draft) for a person, or for an enterprise through the agent
    at the counter when they are registered. `proxy`: 跨域通办 — received here for the hall
    that handles the item; or, with `source_region`, an application another region's window
    received for an item this hall handles (registered with its transfer, result by post)."""
    _require_clerk(actor)
    if proxy or source_region.strip():
        return _proxy_start(
            actor=actor,
            item_id=item_id,
            applicant_id=applicant_id,
            enterprise_id=enterprise_id,
            source_region=source_region,
        )
    applicant = applicant_id
    if enterprise_id is not None and agent_id_number.strip():
        agent = identity.citizen_by_id_number(agent_id_number)
        if agent is None:
            raise InvalidInput("经办人身份证号码未注册，请先登记经办人", field="agent_id_number")
        applicant = agent.pk
    return cases.case_create(
        actor=actor,
        item_id=item_id,
        channel=CaseChannel.WINDOW,
        applicant_id=applicant,
        enterprise_id=enterprise_id,
    )


@transaction.atomic
def _proxy_start(
    *,
    actor: Any,
    item_id: int,
    applicant_id: int | None,
    enterprise_id: int | None,
    source_region: str,
) -> Case:
    incoming = bool(source_region.strip())
    case = cases.case_create(
        actor=actor,
        item_id=item_id,
        channel=CaseChannel.PROXY,
        applicant_id=applicant_id,
        enterprise_id=enterprise_id,
        proxy_region=source_region.strip() if incoming else actor.hall.name,
    )
    if incoming:
        if case.receiving_hall_id is not None:
            raise InvalidInput(
                "本大厅不受理该事项：外地代收的办件应由办理地大厅登记", field="source_region"
            )
        proxy.forward(
            actor=actor,
            case_id=case.pk,
            return_method=ProxyTransfer.Return.POST,
            source_region=source_region,
        )
    elif case.receiving_hall_id is None:
        raise InvalidInput("本大厅可以直接受理该事项，无需跨域代收", field="item_id")
    return case


@transaction.atomic
def intake_forward(
    *, actor: Any, case_id: int, courier: str, tracking_number: str, return_method: str
) -> Case:
    """代收转递: the receiving window checks the materials are complete, submits the
    application to the handling hall and records the courier carrying the paper."""
    _require_clerk(actor)
    case = selectors.intake_case(actor, case_id)
    if case.receiving_hall_id is None or case.receiving_hall_id != actor.hall_id:
        raise InvalidInput("只有跨域代收的办件需要转递", field="action")
    if short := [ln for ln in selectors.intake_lines(case) if ln.blocks_acceptance]:
        raise InvalidInput(
            "以下材料缺少或需补正，请申请人补齐后再代收："
            + "；".join(ln.material.name for ln in short),
            field="materials",
            errors={f"material-{ln.material.pk}": ln.problem_text for ln in short},
        )
    case = _submitted(actor, case)
    proxy.forward(
        actor=actor,
        case_id=case.pk,
        return_method=return_method,
        courier=courier,
        tracking_number=tracking_number,
    )
    return case


@dataclass
class Mark:
    material_id: int
    mark: str  # a key of MARKS
    problem: str = ""
    upload: UploadedFile | None = None


def intake_save(
    *,
    actor: Any,
    case_id: int,
    form_data: dict[str, Any],
    marks: list[Mark],
    commitment_signer: str = "",
) -> tuple[Case, dict[str, str]]:
    """Store the form as typed (valid values; the rest reported) and the material marks.
    A material marked again replaces its earlier mark. Errors are keyed by data element or
    `material-<id>`; whatever was right is kept. `commitment_signer`: the applicant chose
    告知承诺 and signed the letter at the counter (the proofs it replaces are waived)."""
    _require_clerk(actor)
    case = selectors.intake_case(actor, case_id)
    commit_error = ""
    if commitment_signer.strip() and not commitment.committed(case):
        try:
            cases.commitment_record(
                actor=actor,
                case_id=case.pk,
                kind=Commitment.Kind.NOTIFICATION,
                signer_name=commitment_signer,
                via=Commitment.Via.PAPER,
            )
        except DomainError as exc:
            commit_error = exc.message
    clean, errors = validate(case.version, form_data)
    errors = {k: v for k, v in errors.items() if not v.endswith("：必填")}
    keep = {k: v for k, v in case.form_data.items() if k in errors}
    cases.case_update_form(actor=actor, case_id=case.pk, form_data={**clean, **keep}, replace=True)
    for m in marks:
        try:
            _mark(actor, case, m)
        except DomainError as exc:
            errors[f"material-{m.material_id}"] = exc.message
    if commit_error:
        errors["commitment"] = commit_error
    return selectors.intake_case(actor, case.pk), errors


@transaction.atomic
def _mark(actor: Any, case: Case, m: Mark) -> None:
    if m.mark not in MARKS:
        raise InvalidInput(f"材料状态“{m.mark}”无效", field=f"material-{m.material_id}")
    if m.mark == "scan" and m.upload is None:
        if case.materials.filter(material_id=m.material_id, file__gt="").exists():
            return  # already scanned; nothing new
        raise InvalidInput("请选择扫描件文件", field=f"material-{m.material_id}")
    if m.mark == "defective" and not m.problem.strip():
        raise InvalidInput("请写明该材料存在的问题", field=f"material-{m.material_id}")
    status = {
        "paper": CaseMaterial.Status.RECEIVED,
        "scan": CaseMaterial.Status.RECEIVED,
        "missing": CaseMaterial.Status.MISSING,
        "defective": CaseMaterial.Status.DEFECTIVE,
        "tolerated": CaseMaterial.Status.TOLERATED,
    }[m.mark]
    earlier = list(case.materials.filter(material_id=m.material_id).values_list("pk", flat=True))
    cases.material_add(
        actor=actor,
        case_id=case.pk,
        material_id=m.material_id,
        upload=m.upload if m.mark == "scan" else None,
        status=status,
        paper_received=m.mark == "paper",
        note=m.problem.strip()[:200],
    )
    for pk in earlier:
        cases.material_remove(actor=actor, case_id=case.pk, row_id=pk)


def _submitted(actor: Any, case: Case) -> Case:
    return cases.submit(actor=actor, case_id=case.pk) if case.state == CaseState.DRAFT else case


@transaction.atomic
def intake_accept(
    *,
    actor: Any,
    case_id: int,
    commitment_signer: str = "",
    commitment_scan: UploadedFile | None = None,
) -> Case:
    """受理 at the counter: every required material received or tolerated (with the
    applicant's signed 容缺 commitment). Issues the 受理通知书 (and the 容缺受理通知书)."""
    _require_clerk(actor)
    case = selectors.intake_case(actor, case_id)
    lines = selectors.intake_lines(case)
    if short := [ln for ln in lines if ln.blocks_acceptance]:
        raise InvalidInput(
            "以下材料缺少或需补正，不能受理，请一次性告知补正："
            + "；".join(ln.material.name for ln in short),
            field="materials",
            errors={f"material-{ln.material.pk}": ln.problem_text for ln in short},
        )
    tolerated = [ln for ln in lines if ln.mark == "tolerated"]
    if tolerated and not case.commitments.filter(kind=Commitment.Kind.TOLERANCE).exists():
        if not commitment_signer.strip():
            raise InvalidInput(
                "有容缺材料：请申请人签署《容缺受理承诺书》，并填写承诺人姓名",
                field="commitment_signer",
            )
        cases.commitment_record(
            actor=actor,
            case_id=case.pk,
            kind=Commitment.Kind.TOLERANCE,
            signer_name=commitment_signer,
            via=Commitment.Via.PAPER,
            scan=commitment_scan,
        )
    case = _submitted(actor, case)
    return cases.accept(
        actor=actor, case_id=case.pk, opinion="申请材料齐全，符合法定形式，予以受理"
    )


@transaction.atomic
def intake_correct(*, actor: Any, case_id: int, note: str = "") -> Case:
    """一次性告知: one notice listing every material marked missing or defective, and every
    required material not yet marked, with what is wrong with each."""
    _require_clerk(actor)
    case = selectors.intake_case(actor, case_id)
    items = [
        {"material": ln.material.name, "problem": ln.problem_text}
        for ln in selectors.intake_lines(case)
        if ln.blocks_acceptance
    ]
    # What is missing or wrong on the application form goes on the same notice.
    _clean, form_errors = validate(case.version, case.form_data)
    if form_errors:
        items.append({"material": "申请表", "problem": "；".join(form_errors.values())})
    if not items:
        raise InvalidInput("没有缺少或需补正的材料：材料齐全的，请直接受理", field="materials")
    if case.state == CaseState.DRAFT:
        case = perform(case.pk, "submit", actor=actor, payload={"partial": True})
    return cases.request_correction(actor=actor, case_id=case.pk, items=items, note=note.strip())


@transaction.atomic
def intake_receive(*, actor: Any, case_id: int) -> Case:
    """收件: take the application in and leave acceptance to the pre-review (within the
    Art. 32 period) — or, for an item marked 收件即受理, accept at once."""
    _require_clerk(actor)
    case = _submitted(actor, selectors.intake_case(actor, case_id))
    if case.version.accept_on_receipt:
        return intake_accept(actor=actor, case_id=case.pk)
    return case


@transaction.atomic
def intake_refuse(*, actor: Any, case_id: int, reason: str, legal_basis: str = "") -> Case:
    """不予受理 with the reason and its legal basis (不予受理通知书)."""
    _require_clerk(actor)
    case = selectors.intake_case(actor, case_id)
    if not reason.strip():
        raise InvalidInput("请写明不予受理的理由", field="reason")
    if not legal_basis.strip():
        raise InvalidInput("请写明不予受理的法律依据", field="legal_basis")
    if case.state == CaseState.DRAFT:
        # The form need not be complete to be refused: record it as received as it stands.
        case = perform(case.pk, "submit", actor=actor, payload={"partial": True})
    return cases.refuse(
        actor=actor, case_id=case.pk, reason=reason.strip(), legal_basis=legal_basis.strip()
    )


def shared(material: Any) -> bool:
    """Materials the window does not collect: issued by a department or an electronic
    licence, fetched by sharing."""
    return material.source != MaterialSource.APPLICANT
