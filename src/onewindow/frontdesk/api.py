"""Window API (`/api/v1/window/`): the same counter operations for a window terminal or a
self-service kiosk run by staff — look-up, start, material marks, accept / receive /
correct / refuse, and delivery. Files (scans) go through the case materials API."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema, Status
from pydantic import Field

from onewindow.cases import services as case_services
from onewindow.cases.api import CaseDetailOut, _detail
from onewindow.core.errors import ApiRequest, InvalidInput

from . import selectors, services

router = Router(tags=["综合窗口"])


class LookupOut(Schema):
    query: str
    kind: str
    found: bool
    id: int | None = None
    name: str = ""
    code_masked: str = ""


class StartIn(Schema):
    item_id: int
    applicant_id: int | None = None
    enterprise_id: int | None = None
    agent_id_number: str = ""


class MarkIn(Schema):
    material_id: int
    mark: str = Field(
        ..., description="paper（已收纸质件）、missing、defective、tolerated；扫描件用材料上传接口"
    )
    problem: str = ""


class MarksIn(Schema):
    form_data: dict[str, Any] = Field(default_factory=dict)
    marks: list[MarkIn] = Field(default_factory=list)


class LineOut(Schema):
    material_id: int
    name: str
    required: bool
    shared: bool
    mark: str
    blocks_acceptance: bool


class MarksOut(Schema):
    errors: dict[str, str]
    lines: list[LineOut]


class AcceptIn(Schema):
    commitment_signer: str = ""


class CorrectIn(Schema):
    note: str = ""


class RefuseIn(Schema):
    reason: str
    legal_basis: str


class DeliverIn(Schema):
    method: str = Field(..., description="window、post 或 online")
    collector_name: str = ""
    collector_id_number: str = ""
    by_applicant: bool = True
    signature: str = Field("", description="领取人签名：PNG 的 data URL")
    courier: str = ""
    tracking_number: str = ""
    address: str = ""
    note: str = ""


class QueueRowOut(Schema):
    id: int
    number: str | None
    item_name: str
    applicant_name: str
    state: str


@router.get("/lookup", response=LookupOut, operation_id="window_lookup", summary="查找申请人")
def lookup(request: ApiRequest, q: str):
    """按居民身份证号码或统一社会信用代码查找个人或企业；未登记时 found=false。"""
    found = services.lookup(actor=request.user, query=q)
    who = found.person or found.enterprise
    out: dict[str, Any] = {"query": found.query, "kind": found.kind, "found": who is not None}
    if found.person is not None:
        out.update(
            id=found.person.pk, name=found.person.name, code_masked=found.person.id_number_masked
        )
    elif found.enterprise is not None:
        out.update(
            id=found.enterprise.pk, name=found.enterprise.name, code_masked=found.enterprise.uscc
        )
    return out


@router.post(
    "/intake",
    response={201: CaseDetailOut},
    operation_id="window_intake_start",
    summary="开始窗口受理",
)
def start(request: ApiRequest, payload: StartIn):
    """为窗口前的申请人（个人或企业，可带经办人身份证号）新建窗口渠道的申请。"""
    case = services.intake_start(actor=request.user, **payload.dict())
    return Status(201, _detail(request, case))


def _lines(case: Any) -> list[dict[str, Any]]:
    return [
        {
            "material_id": ln.material.pk,
            "name": ln.material.name,
            "required": ln.material.required,
            "shared": ln.shared,
            "mark": ln.mark,
            "blocks_acceptance": ln.blocks_acceptance,
        }
        for ln in selectors.intake_lines(case)
    ]


@router.post(
    "/intake/{case_id}/marks",
    response=MarksOut,
    operation_id="window_intake_marks",
    summary="登记申请表与材料核验结果",
)
def marks(request: ApiRequest, case_id: int, payload: MarksIn):
    """保存申请表（正确的值保存，错误的逐项返回）和每项材料的核验结果；同一材料再次登记即替换。"""
    case, errors = services.intake_save(
        actor=request.user,
        case_id=case_id,
        form_data=payload.form_data,
        marks=[
            services.Mark(material_id=m.material_id, mark=m.mark, problem=m.problem)
            for m in payload.marks
        ],
    )
    return {"errors": errors, "lines": _lines(case)}


@router.post(
    "/intake/{case_id}/accept",
    response=CaseDetailOut,
    operation_id="window_intake_accept",
    summary="窗口受理",
)
def accept(request: ApiRequest, case_id: int, payload: AcceptIn):
    """材料齐全（或容缺且申请人已签署容缺承诺书）时受理，出具受理通知书（及容缺受理通知书）。"""
    case = services.intake_accept(
        actor=request.user, case_id=case_id, commitment_signer=payload.commitment_signer
    )
    return _detail(request, case)


@router.post(
    "/intake/{case_id}/receive",
    response=CaseDetailOut,
    operation_id="window_intake_receive",
    summary="收件",
)
def receive(request: ApiRequest, case_id: int):
    """收件，受理留待预审；标为收件即受理的事项当即受理。"""
    return _detail(request, services.intake_receive(actor=request.user, case_id=case_id))


@router.post(
    "/intake/{case_id}/correct",
    response=CaseDetailOut,
    operation_id="window_intake_correct",
    summary="一次性告知补正",
)
def correct(request: ApiRequest, case_id: int, payload: CorrectIn):
    """按核验结果一次性列出全部缺少或需补正的材料，出具补正材料一次性告知书。"""
    return _detail(
        request, services.intake_correct(actor=request.user, case_id=case_id, note=payload.note)
    )


@router.post(
    "/intake/{case_id}/refuse",
    response=CaseDetailOut,
    operation_id="window_intake_refuse",
    summary="不予受理",
)
def refuse(request: ApiRequest, case_id: int, payload: RefuseIn):
    """写明理由和法律依据，出具不予受理通知书。"""
    case = services.intake_refuse(
        actor=request.user, case_id=case_id, reason=payload.reason, legal_basis=payload.legal_basis
    )
    return _detail(request, case)


@router.get(
    "/delivery", response=list[QueueRowOut], operation_id="window_delivery_queue", summary="待出件"
)
def delivery_queue(request: ApiRequest):
    """本大厅已作出决定、等待出件的办件（最多 200 件，先决定的在前）。"""
    services._require_clerk(request.user)
    return list(selectors.delivery_queue(request.user)[:200])


@router.post(
    "/delivery/{case_id}", response=CaseDetailOut, operation_id="window_deliver", summary="统一出件"
)
def deliver(request: ApiRequest, case_id: int, payload: DeliverIn):
    """窗口领取须核验领取人身份证并签名；邮寄须填写快递公司、单号和地址；电子送达无需其他信息。"""
    services._require_clerk(request.user)
    selectors.delivery_case(request.user, case_id)
    if payload.method not in ("window", "post", "online"):
        raise InvalidInput("出件方式应为 window、post 或 online", field="method")
    case = case_services.deliver_result(actor=request.user, case_id=case_id, **payload.dict())
    return _detail(request, case)
