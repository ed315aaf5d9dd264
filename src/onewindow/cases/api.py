"""The case API at /api/v1/cases/: apply, fill in, attach materials, take lifecycle actions,
read a case with its clock and timeline, inboxes, the applicant's own cases, supervision.

Every operation acts as `request.user`; the services and selectors check roles and scope
(hall for window staff, department for the back office, own cases for the public)."""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import Callable
from typing import Any, cast

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, JsonResponse, StreamingHttpResponse
from ninja import Body, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from onewindow.core.errors import ApiRequest, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, require_role

from . import commitment, documents, export, lifecycle, selectors, services, supervision
from .documents import notice_response
from .models import Case, CaseMaterial, SupervisionOrder
from .schemas import (
    ACTION_FIELDS,
    ActionIn,
    BoxCountOut,
    CaseCreateIn,
    CaseDetailOut,
    CasePage,
    CloseIn,
    FormIn,
    InboxPage,
    MaterialOut,
    NoteIn,
    NoticeVerifyOut,
    SupervisionDetailOut,
    SupervisionEventOut,
    SupervisionOpenIn,
    SupervisionPage,
    TalkIn,
)

router = Router(tags=["办件"])


class IsoJSONEncoder(json.JSONEncoder):
    """Dates and times as ISO 8601, as the schemas write them (full precision)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.date):
            return o.isoformat()
        return super().default(o)


PAGE_SIZE = 50


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="页码，从 1 开始；每页 50 条")


class InboxQuery(PageQuery):
    mine: bool = Field(False, description="只看我承办的办件")


class SupervisionQuery(PageQuery):
    state: str = Field("", description="open 督办中、closed 已办结；不填为全部")


def _page(qs: QuerySet[Any], page: int) -> tuple[list[Any], int]:
    """One page of rows and the total (a short first page is its own total: no COUNT).
    The total is capped at `selectors.COUNT_CAP` beyond the current page: a county's
    backlog is "1000+" on a badge, not an exact count over a million rows."""
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE])
    if len(rows) < PAGE_SIZE:
        return rows, start + len(rows)
    return rows, selectors.capped_count(qs, cap=max(selectors.COUNT_CAP, start + PAGE_SIZE + 1))


def _visible(request: ApiRequest, case_id: int) -> Case:
    """The case if this user may see it; 404 otherwise (its existence is not revealed)."""
    case = selectors.visible_cases(request.user).filter(pk=case_id).first()
    if case is None:
        raise NotFound("办件不存在或您无权查看")
    return case


def _detail(request: ApiRequest, case: Case) -> Case:
    """The case as the detail schema renders it, with its clock and the viewer's actions.
    An action can take the case out of the actor's sight (passed on to a step in another
    department): the response to that action still shows them the result."""
    try:
        case = selectors.case_detail(request.user, case.pk)
    except NotFound:
        case = selectors.with_clock([case])[0]
    case.actions = selectors.actions_for(case, request.user)  # type: ignore[attr-defined]
    return case


# --------------------------------------------------------------------------------------------
# Lists (registered before /{case_id} so their paths are not taken for an ID)
# --------------------------------------------------------------------------------------------
class CommitmentIn(Schema):
    kind: str = Field(..., description="tolerance（容缺受理承诺）或 notification（告知承诺）")
    signer_name: str
    via: str = Field(
        ..., description="paper（窗口书面签字，窗口人员登记）或 online（申请人网上确认）"
    )
    text: str = ""


class CommitmentOut(Schema):
    id: int
    kind: str
    text: str
    signer_name: str
    via: str
    signed_at: dt.datetime


class PostCheckOut(Schema):
    id: int
    case_id: int
    case_number: str | None = Field(None, alias="case.number")
    item_name: str = Field("", alias="case.item_name")
    method: str
    due_on: dt.date
    assignee_id: int
    state: str
    truthful: bool | None
    note: str


class PostCheckResultIn(Schema):
    truthful: bool
    note: str


class PostCheckUpdateIn(Schema):
    method: str
    due_on: dt.date
    assignee_id: int


class DecisionIn(Schema):
    revoke: bool
    note: str


class RepairIn(Schema):
    note: str


@router.get(
    "/postchecks",
    response=list[PostCheckOut],
    operation_id="cases_postchecks",
    summary="告知承诺事后核查",
)
def postcheck_list(request: ApiRequest, state: str = "scheduled"):
    """本人承担或本部门的事后核查任务（state=scheduled 待核查，done 已核查），按期限排序。"""
    qs = commitment.postchecks_for(request.user)
    if state:
        qs = qs.filter(state=state)
    return list(qs.order_by("due_on", "id")[:500])


@router.post(
    "/postchecks/{check_id}/result",
    response=PostCheckOut,
    operation_id="cases_postcheck_result",
    summary="登记事后核查结果",
)
def postcheck_result(request: ApiRequest, check_id: int, payload: PostCheckResultIn):
    """核查人或部门管理员登记结论；承诺不实时自动记入申请人信用记录并立撤销案件。"""
    commitment.postcheck_get(request.user, check_id)
    return commitment.postcheck_record(
        actor=request.user, check_id=check_id, truthful=payload.truthful, note=payload.note
    )


@router.post(
    "/postchecks/{check_id}",
    response=PostCheckOut,
    operation_id="cases_postcheck_update",
    summary="调整事后核查安排",
)
def postcheck_update(request: ApiRequest, check_id: int, payload: PostCheckUpdateIn):
    """部门管理员调整核查方式（written、online、site、public）、期限和核查人。"""
    commitment.postcheck_get(request.user, check_id)
    return commitment.postcheck_update(actor=request.user, check_id=check_id, **payload.dict())


@router.post(
    "/revocations/{revocation_id}/decide",
    response={200: None},
    operation_id="cases_revocation_decide",
    summary="作出撤销决定",
)
def revocation_decide(request: ApiRequest, revocation_id: int, payload: DecisionIn):
    """部门管理员决定是否撤销以不实承诺取得的许可；撤销时向申请人出具撤销决定书。"""
    row = commitment.revocation_decide(
        actor=request.user, revocation_id=revocation_id, revoke=payload.revoke, note=payload.note
    )
    return {"id": row.pk, "state": row.state}


@router.post(
    "/credit-records/{record_id}/repair",
    response={200: None},
    operation_id="cases_credit_repair",
    summary="信用修复",
)
def credit_repair(request: ApiRequest, record_id: int, payload: RepairIn):
    """作出记录的部门的管理员办理信用修复，申请人重新可以适用告知承诺。"""
    row = commitment.credit_repair(actor=request.user, record_id=record_id, note=payload.note)
    return {"id": row.pk, "closed_at": row.closed_at}


@router.get(
    "/inbox", response=list[BoxCountOut], operation_id="cases_inbox_counts", summary="收件箱计数"
)
def inbox_counts(request: ApiRequest):
    """当前用户岗位可见的各收件箱及其办件数（工作台首页）。"""
    counts = selectors.counts(request.user)
    return [
        {"box": box.code, "label": box.label, "count": counts[box.code]}
        for box in selectors.boxes_for(request.user)
    ]


@router.get(
    "/inbox/{box}",
    response=InboxPage,
    operation_id="cases_inbox",
    summary="收件箱",
    description=(
        "一个收件箱的办件，按剩余时间排序，每页 50 条，每行带剩余工作日（remaining）与时限说明（clock）。"
        f"box 可选：{'、'.join(f'{b.code} {b.label}' for b in selectors.BOXES.values())}。"
        "mine=true 只看本人承办的。"
    ),
)
def inbox(request: ApiRequest, box: str, query: Query[InboxQuery]):
    # The busiest read of the workbench: rows are read as values and written straight to
    # JSON in the `InboxPage` shape (tests validate the output against the schema).
    qs = selectors.inbox(request.user, box, mine=query.mine)
    start = (query.page - 1) * PAGE_SIZE
    rows = selectors.row_dicts(qs, start, start + PAGE_SIZE)
    if len(rows) < PAGE_SIZE:
        count = start + len(rows)
    else:
        count = selectors.capped_count(qs, cap=max(selectors.COUNT_CAP, start + PAGE_SIZE + 1))
    page = {
        "box": box,
        "label": selectors.BOXES[box].label,
        "count": count,
        "page": query.page,
        "page_size": PAGE_SIZE,
        "items": rows,
    }
    return JsonResponse(page, encoder=IsoJSONEncoder, json_dumps_params={"ensure_ascii": False})


class ExportQuery(Schema):
    since: dt.date | None = Field(None, description="收件日期起（含），YYYY-MM-DD")
    until: dt.date | None = Field(None, description="收件日期止（含），YYYY-MM-DD")
    department: int | None = Field(None, description="只导出该部门（ID）的办件")


@router.get(
    "/export",
    operation_id="cases_export",
    summary="导出办件数据（GB/T 39046 结构）",
    description=(
        "按收件日期导出办件的基本信息、办理过程、特别程序和办理结果，JSON 文档流式返回；"
        "`fields` 给出每个键对应的标准数据项中文名称。督查人员、县领导、系统管理员可导出全县；"
        "部门管理员只能导出本部门。"
    ),
)
def export_cases(request: ApiRequest, query: Query[ExportQuery]):
    scope = require_role(
        request.user, Role.SUPERVISOR, Role.COUNTY_LEADER, Role.SYSTEM_ADMIN, Role.DEPT_ADMIN
    )
    if query.since and query.until and query.since > query.until:
        raise InvalidInput("起始日期晚于截止日期", field="since")
    qs = Case.objects.all()
    if not scope.county_wide:
        if query.department is not None and query.department not in scope.department_ids:
            raise PermissionDenied("部门管理员只能导出本部门的办件")
        qs = qs.filter(department_id__in=scope.department_ids)
    selected = export.select(
        since=query.since, until=query.until, department_id=query.department, qs=qs
    )
    params = {"since": query.since, "until": query.until, "department": query.department}
    response = StreamingHttpResponse(
        export.iter_json(selected, params), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cases-export.json"'
    return response


@router.get("/mine", response=CasePage, operation_id="cases_mine", summary="我的办件")
def mine(request: ApiRequest, query: Query[PageQuery]):
    """申请人本人、本人代理的和本人经办企业的办件，最新在前，每页 50 条。"""
    rows, count = _page(selectors.my_cases(request.user), query.page)
    return {
        "count": count,
        "page": query.page,
        "page_size": PAGE_SIZE,
        "items": selectors.with_clock(rows),
    }


# --------------------------------------------------------------------------------------------
# Supervision (督办)
# --------------------------------------------------------------------------------------------
def _order(request: ApiRequest, order_id: int) -> SupervisionOrder:
    order = selectors.supervision_orders(request.user).filter(pk=order_id).first()
    if order is None:
        raise NotFound("督办单不存在或您无权查看")
    return order


@router.get(
    "/supervision",
    response=SupervisionPage,
    operation_id="cases_supervision_list",
    summary="督办单列表",
)
def supervision_list(request: ApiRequest, query: Query[SupervisionQuery]):
    """督查人员、县领导看全部；部门看本部门的；责任人看自己的。督办中的在前。"""
    if query.state and query.state not in SupervisionOrder.State.values:
        raise InvalidInput("督办单状态只能是 open（督办中）或 closed（已办结）", field="state")
    rows, count = _page(
        selectors.supervision_orders(request.user, state=query.state or None), query.page
    )
    return {"count": count, "page": query.page, "page_size": PAGE_SIZE, "items": rows}


@router.post(
    "/supervision",
    response={201: SupervisionDetailOut},
    operation_id="cases_supervision_open",
    summary="开督办单",
)
def supervision_open(request: ApiRequest, payload: SupervisionOpenIn):
    """督查人员或县领导对一个办件开督办单；不指定责任人时为当前办理部门负责人。"""
    case = _visible(request, payload.case_id)
    order = supervision.open_order(
        actor=request.user,
        subject=case,
        label=f"办件 {case.number or '（草稿）'} {case.item_name}",
        department_id=case.current_department_id,
        reason=payload.reason,
        responsible_id=payload.responsible_id,
        reply_due=payload.reply_due,
        due_on=case.promised_due,
    )
    return Status(201, order)


@router.get(
    "/supervision/{order_id}",
    response=SupervisionDetailOut,
    operation_id="cases_supervision_get",
    summary="督办单详情",
)
def supervision_get(request: ApiRequest, order_id: int):
    return _order(request, order_id)


@router.post(
    "/supervision/{order_id}/follow-up",
    response={201: SupervisionEventOut},
    operation_id="cases_supervision_follow_up",
    summary="跟进督办",
)
def supervision_follow_up(request: ApiRequest, order_id: int, payload: NoteIn):
    event = supervision.follow_up(actor=request.user, order_id=order_id, note=payload.note)
    return Status(201, event)


@router.post(
    "/supervision/{order_id}/reply",
    response={201: SupervisionEventOut},
    operation_id="cases_supervision_reply",
    summary="责任人反馈",
)
def supervision_reply(request: ApiRequest, order_id: int, payload: NoteIn):
    event = supervision.reply(actor=request.user, order_id=order_id, note=payload.note)
    return Status(201, event)


@router.post(
    "/supervision/{order_id}/talk",
    response={201: SupervisionEventOut},
    operation_id="cases_supervision_talk",
    summary="记录约谈",
)
def supervision_talk(request: ApiRequest, order_id: int, payload: TalkIn):
    """约谈之后记录：日期、参加人和约谈内容。"""
    event = supervision.talk(
        actor=request.user,
        order_id=order_id,
        note=payload.note,
        participants=payload.participants,
        talk_on=payload.talk_on,
    )
    return Status(201, event)


@router.post(
    "/supervision/{order_id}/close",
    response=SupervisionDetailOut,
    operation_id="cases_supervision_close",
    summary="办结督办单",
)
def supervision_close(request: ApiRequest, order_id: int, payload: CloseIn):
    """督办事项办结（办件已作出决定或已结束）后，填写结论关闭督办单。"""
    return supervision.close(actor=request.user, order_id=order_id, conclusion=payload.conclusion)


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------
@router.post(
    "/", response={201: CaseDetailOut}, operation_id="cases_create", summary="新建申请（草稿）"
)
def case_create(request: ApiRequest, payload: CaseCreateIn):
    """新建一份申请草稿。个人为自己申请，企业经办人以企业名义申请（enterprise_id）；
    窗口人员和帮办代办员代为申请时须指定 applicant_id 或 enterprise_id。"""
    case = services.case_create(actor=request.user, **payload.dict())
    return Status(201, _detail(request, case))


@router.post(
    "/apply", response={201: CaseDetailOut}, operation_id="cases_apply", summary="一次提交申请"
)
def case_apply(request: ApiRequest, payload: CaseCreateIn):
    """新建并立即提交申请（申请表须完整）。"""
    data = payload.dict()
    data["form_data"] = data["form_data"] or {}
    case = services.apply(actor=request.user, **data)
    return Status(201, _detail(request, case))


@router.get("/{case_id}", response=CaseDetailOut, operation_id="cases_get", summary="办件详情")
def case_get(request: ApiRequest, case_id: int):
    """办件详情：事项与版本、状态、申请人（证件号码脱敏）、时限（受理日、法定与承诺办结日、
    剩余工作日、是否暂停）、当前用户可执行的动作、办理过程、材料、文书、补正、特别程序、延期。"""
    return _detail(request, _visible(request, case_id))


@router.patch(
    "/{case_id}/form",
    response=CaseDetailOut,
    operation_id="cases_form_update",
    summary="修改申请表",
)
def case_form_update(request: ApiRequest, case_id: int, payload: FormIn):
    """修改草稿或待补正办件的申请表：与已填内容合并后按事项的表单校验，错误逐项返回。"""
    _visible(request, case_id)
    case = services.case_update_form(
        actor=request.user, case_id=case_id, form_data=payload.form_data
    )
    return _detail(request, case)


# --------------------------------------------------------------------------------------------
# Materials
# --------------------------------------------------------------------------------------------
@router.get(
    "/{case_id}/materials",
    response=list[MaterialOut],
    operation_id="cases_materials",
    summary="办件材料",
)
def materials(request: ApiRequest, case_id: int):
    return list(_visible(request, case_id).materials.order_by("id"))


@router.post(
    "/{case_id}/materials",
    response={201: MaterialOut},
    operation_id="cases_material_add",
    summary="提交材料",
)
def material_add(
    request: ApiRequest,
    case_id: int,
    file: File[UploadedFile | None] = None,
    material_id: Form[int | None] = None,
    name: Form[str] = "",
    status: Form[str] = CaseMaterial.Status.RECEIVED.value,
    paper_received: Form[bool] = False,
    note: Form[str] = "",
):
    """上传一份材料（multipart/form-data）：file 为 PDF、JPG、PNG 或 OFD 文件，按内容核验类型并
    计算 SM3 校验值；material_id 为事项材料清单中的一项，或用 name 填写材料名称。
    窗口人员还可以不带文件登记已收纸质件（paper_received=true）、缺件（status=missing）
    或容缺（status=tolerated）。"""
    _visible(request, case_id)
    row = services.material_add(
        actor=request.user,
        case_id=case_id,
        material_id=material_id,
        name=name,
        upload=file,
        status=status,
        paper_received=paper_received,
        note=note,
    )
    return Status(201, row)


@router.get(
    "/{case_id}/materials/{material_id}/file",
    response={200: None},
    operation_id="cases_material_file",
    summary="下载材料文件",
)
def material_file(request: ApiRequest, case_id: int, material_id: int):
    """能查看办件的人下载其材料的原文件。"""
    row = _visible(request, case_id).materials.filter(pk=material_id).first()
    if row is None or not row.file:
        raise NotFound("该材料没有上传文件")
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.original_name or row.file.name,
        content_type=row.content_type or "application/octet-stream",
    )


@router.post(
    "/{case_id}/commitments",
    response={201: CommitmentOut},
    operation_id="cases_commitment",
    summary="签署承诺书",
)
def commitment_sign(request: ApiRequest, case_id: int, payload: CommitmentIn):
    """受理前登记申请人签署的承诺：容缺受理承诺书（容缺材料按期补齐）或告知承诺书（以承诺
    代替证明材料；仅限实行告知承诺的事项，有未修复虚假承诺记录的申请人不适用）。"""
    _visible(request, case_id)
    row = services.commitment_record(actor=request.user, case_id=case_id, **payload.dict())
    return Status(201, row)


@router.get(
    "/{case_id}/notices/{notice_id}/pdf",
    response={200: None},
    operation_id="cases_notice_pdf",
    summary="下载文书 PDF",
)
def notice_pdf(request: ApiRequest, case_id: int, notice_id: int, download: bool = False):
    """能查看办件的人下载该办件的文书（受理通知书、一次性告知书等）PDF：出具机关红头、
    文号、正文、办件信息和核验二维码。download=true 时作为附件下载。"""
    notice = selectors.notice_for(request.user, case_id, notice_id)
    return notice_response(cast(HttpRequest, request), notice, download=download)


# --------------------------------------------------------------------------------------------
# Lifecycle actions
# --------------------------------------------------------------------------------------------
# services.ACTIONS is inferred as dict[str, function]; say what the functions are.
_ACTIONS = cast("dict[str, Callable[..., Case]]", services.ACTIONS)
# The keyword arguments each action's service accepts (beyond actor and case_id), and which
# of them it cannot do without.
_PARAMS: dict[str, dict[str, bool]] = {
    action: {
        name: p.default is inspect.Parameter.empty
        for name, p in inspect.signature(fn).parameters.items()
        if name not in ("actor", "case_id")
    }
    for action, fn in _ACTIONS.items()
}


def _describe_fields(names: list[str]) -> str:
    return "、".join(f"{ACTION_FIELDS.get(n, n)}（{n}）" for n in names) or "无"


def _action_kwargs(action: str, payload: ActionIn | None) -> dict[str, Any]:
    """The service's keyword arguments from the body: only the fields this action takes.
    A field it does not take is refused; one it needs but was not given is passed empty,
    so the process table decides whether it is required (and the message names it)."""
    params = _PARAMS[action]
    given: dict[str, Any] = {}
    if payload is not None:
        data = payload.model_dump()
        given = {k: data[k] for k in payload.model_fields_set if data.get(k) is not None}
        given.update({k: v for k, v in (payload.model_extra or {}).items() if v is not None})
    extra = sorted(set(given) - set(params))
    if extra:
        label = lifecycle.ACTION_LABELS[action]
        raise InvalidInput(
            f"“{label}”不需要填写：{_describe_fields(extra)}；可填写：{_describe_fields(list(params))}",
            field=extra[0],
            fields=extra,
        )
    kwargs = dict(given)
    for name, required in params.items():
        if required and name not in kwargs:
            kwargs[name] = "" if name in ("opinion", "reason") else None
    return kwargs


def _actions_description() -> str:
    rows = [
        "| {} | {} | {} |".format(
            action,
            lifecycle.ACTION_LABELS[action],
            "、".join(f"{n}{'（必填）' if required else ''}" for n, required in params.items())
            or "—",
        )
        for action, params in _PARAMS.items()
    ]
    return "\n".join(
        [
            "对办件执行一个办理动作，返回办理后的办件详情；办件详情的 actions 列出当前用户此刻可执行的动作。",
            "",
            "| action | 动作 | 请求体字段 |",
            "|---|---|---|",
            *rows,
            "",
            "items 为 [{material, problem}]，一次列出全部需要补正的材料；method 为 window、post 或 online。"
            "办件状态不允许时返回 409 并写明当前状态；无权办理返回 403；"
            "缺少必填内容、带了该动作不需要的字段或类型不对时返回 422。",
        ]
    )


@router.post(
    "/{case_id}/actions/{action}",
    response=CaseDetailOut,
    operation_id="cases_action",
    summary="办理动作",
    description=_actions_description(),
)
def case_action(
    request: ApiRequest, case_id: int, action: str, payload: Body[ActionIn | None] = None
):
    fn = _ACTIONS.get(action)
    if fn is None:
        raise NotFound(
            f"没有“{action}”这个办理动作，可选：{'、'.join(services.ACTIONS)}",
            actions=list(services.ACTIONS),
        )
    _visible(request, case_id)
    kwargs = _action_kwargs(action, payload)
    case = fn(actor=request.user, case_id=case_id, **kwargs)
    return _detail(request, case)


# --------------------------------------------------------------------------------------------
# Public verification of a printed notice (no login)
# --------------------------------------------------------------------------------------------
verify_router = Router(tags=["文书核验"])


@verify_router.get(
    "/{code}",
    response=NoticeVerifyOut,
    auth=None,
    operation_id="notice_verify",
    summary="核验文书真伪",
)
def notice_verify(request: ApiRequest, code: str):
    """任何人凭文书上的核验码（二维码内容）确认文书确由本平台出具，并看到文书标题、文号、
    出具机关、日期、办件编号、事项和申请人（个人只显示姓氏）。查不到返回 404。"""
    return documents.verification(selectors.notice_by_code(code))
