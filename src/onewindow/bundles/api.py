"""The bundle API at /api/v1/bundles/ (高效办成一件事): published bundles and their guides,
a plan for the applicant's answers, one application for the whole bundle, the applicant's
bundle cases, the lead department's coordination list, unified delivery, and the
fully-online measure.

Member cases are ordinary cases: they are worked, and corrections answered, through the
case API (/api/v1/cases/{id}) and the portal API."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Form, Query, Router, Schema, Status
from pydantic import Json

from onewindow.cases import selectors as case_selectors
from onewindow.core.errors import ApiRequest, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import scope_of

from . import selectors, services
from .models import BundleCase, BundleCaseStatus
from .schemas import (
    BundleCaseDetailOut,
    BundleCasePage,
    BundleRowOut,
    DeliverIn,
    GuideOut,
    OnlineShareOut,
    PlanIn,
)

router = Router(tags=["一件事"])

MATERIAL_PREFIX = "material-"


class BundleQuery(Schema):
    audience: str = Field("", description="person 个人、enterprise 法人；不填为全部")


class MineQuery(Schema):
    limit: int = Field(50, ge=1, le=100, description="每次最多返回的条数（1–100）")
    offset: int = Field(0, ge=0, description="跳过的条数")


class CoordinationQuery(MineQuery):
    status: str = Field(
        "",
        description="open 未办结；或 in_progress、correction、ready、done、stopped；不填为全部",
    )
    bundle: str = Field("", description="只看这一件事（代码，如 newborn）")


class ApplyForm(Schema):
    answers: Json[dict[str, str]] = Field(
        ..., description='情形引导的回答，JSON 文本：{"问题 key": "选项 value"}；没有问题时为 {}'
    )
    form: Json[dict[str, Any]] = Field(
        ..., description="合并申请表，JSON 文本：{数据元代码: 值}（见指南的 form）"
    )
    channel: str = Field("pc", description="申请渠道：pc、mobile、window（窗口人员录入）、kiosk")
    delivery_mode: str = Field(
        "together", description="together 全部办结后一次出件、per_member 逐项办结逐项出件"
    )
    applicant_id: int | None = Field(
        None, description="窗口人员、帮办代办员代为申请时：申请人（经办人）的账户 ID"
    )
    enterprise_id: int | None = Field(None, description="法人一件事：申请企业的 ID")


def _apply_body() -> dict[str, Any]:
    """The multipart form in the OpenAPI document: the fields of `ApplyForm` and one file
    per material (the names are data, so they are described by a pattern)."""
    schema = ApplyForm.model_json_schema()
    schema["patternProperties"] = {
        f"^{MATERIAL_PREFIX}.+$": {
            "type": "string",
            "format": "binary",
            "description": "material-<材料标识>：这份材料的文件（PDF、JPG、PNG 或 OFD）",
        }
    }
    return {"requestBody": {"content": {"multipart/form-data": {"schema": schema}}}}


def _page(rows: list[BundleCase], query: MineQuery) -> dict[str, Any]:
    """One page of rows (the selector was asked for one more, to know whether more follow).
    The rows show the bundle's code and the lead department: whichever of the two the
    selector did not join is fetched here in one query for the page (none if it did)."""
    page = rows[: query.limit]
    prefetch_related_objects(page, "bundle", "lead_department")
    return {
        "limit": query.limit,
        "offset": query.offset,
        "has_more": len(rows) > query.limit,
        # Plain values: the schema's getter on ~300 member objects a page was most of its time.
        "items": [_row(bc) for bc in page],
    }


def _row(bc: BundleCase) -> dict[str, Any]:
    return {
        "id": bc.pk,
        "number": bc.number,
        "bundle": bc.bundle.code,
        "bundle_name": bc.bundle_name,
        "applicant_name": bc.applicant_name,
        "lead_department": bc.lead_department.short_name,
        "status": bc.status,
        "status_label": bc.get_status_display(),
        "submitted_at": bc.submitted_at,
        "promised_due": bc.promised_due,
        "remaining": bc.remaining,
        "clock": bc.clock,
        "member_total": bc.member_total,
        "member_done": bc.member_done,
        "members": [
            {"key": m.key, "name": m.name, "department": m.department_name, "status": m.status}
            for m in bc.brief
        ],
    }


def _render(request: ApiRequest, bc: BundleCase) -> BundleCase:
    """Attach what the detail schema shows beyond the row: the single timeline and whether
    the viewer may deliver now."""
    bc.timeline = selectors.timeline(bc)  # type: ignore[attr-defined]
    bc.can_deliver = (  # type: ignore[attr-defined]
        bc.status == BundleCaseStatus.READY and selectors.is_coordinator(request.user)
    )
    return bc


def _detail(request: ApiRequest, bc: BundleCase) -> BundleCase:
    """The bundle case after an action on it, read afresh. Staff who applied on someone's
    behalf from outside the lead department still see the result of their application."""
    try:
        bc = selectors.bundle_case(request.user, bc.pk)
    except NotFound:
        selectors.with_clock([bc])
        case_selectors.with_clock(selectors.member_cases(bc))
    return _render(request, bc)


def _files(request: ApiRequest) -> dict[str, Any]:
    """The uploads named material-<material key>, one file each; any other file field is
    refused rather than dropped without a word."""
    http: HttpRequest = request  # type: ignore[assignment]
    files: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in http.FILES:
        uploads = http.FILES.getlist(name)
        key = name[len(MATERIAL_PREFIX) :].strip() if name.startswith(MATERIAL_PREFIX) else ""
        if not key:
            errors[name] = (
                f"不认识的文件字段“{name}”：材料文件的字段名应为 material-<材料名称>，"
                "如 material-出生医学证明办理登记表"
            )
        elif len(uploads) > 1:
            errors[name] = f"“{key}”只能上传一个文件，收到了 {len(uploads)} 个"
        else:
            files[key] = uploads[0]
    if errors:
        raise InvalidInput("；".join(list(errors.values())[:3]), field="materials", errors=errors)
    return files


# --------------------------------------------------------------------------------------------
# Bundle cases (registered before /{code} so that "cases" is not taken for a bundle code)
# --------------------------------------------------------------------------------------------
@router.get(
    "/cases/mine",
    response=BundleCasePage,
    operation_id="bundles_cases_mine",
    summary="我的一件事",
)
def cases_mine(request: ApiRequest, query: Query[MineQuery]):
    """申请人本人、本人经办企业的一件事办件，最新在前，每行带状态、时限和各成员事项的进度。"""
    rows = selectors.my_bundle_cases(request.user, limit=query.limit + 1, offset=query.offset)
    return _page(rows, query)


@router.get(
    "/cases",
    response=BundleCasePage,
    operation_id="bundles_coordination",
    summary="一件事协调列表",
)
def coordination(request: ApiRequest, query: Query[CoordinationQuery]):
    """牵头部门的一件事办件，按承诺办结日排序，每行带剩余时限和各成员事项的进度；
    县级督查人员、县领导看全县。只对工作人员开放。"""
    if not selectors.is_coordinator(request.user):
        raise PermissionDenied("一件事协调列表只对牵头部门和大厅的工作人员开放")
    if query.status and query.status not in ("open", *BundleCaseStatus.values):
        raise InvalidInput(
            "状态只能是 open（未办结）或 " + "、".join(BundleCaseStatus.values), field="status"
        )
    rows = selectors.coordination(
        request.user,
        status=query.status,
        bundle=query.bundle,
        limit=query.limit + 1,
        offset=query.offset,
    )
    return _page(rows, query)


@router.get(
    "/cases/{bundle_case_id}",
    response=BundleCaseDetailOut,
    operation_id="bundles_case_get",
    summary="一件事办件详情",
)
def case_get(request: ApiRequest, bundle_case_id: int):
    """一件事办件：状态、总时限（剩余工作日）、各成员事项及其办件（编号、状态、时限）、
    每个阶段的告知书、一次提交的材料和一条时间线。不是本人的或无权查看时返回 404。"""
    return _render(request, selectors.bundle_case(request.user, bundle_case_id))


@router.post(
    "/cases/{bundle_case_id}/deliver",
    response=BundleCaseDetailOut,
    operation_id="bundles_case_deliver",
    summary="统一出件",
)
def case_deliver(request: ApiRequest, bundle_case_id: int, payload: DeliverIn):
    """全部成员事项办结（待出件）后一次交付全部结果：窗口领取（一次核验身份、一次签名：
    collector_name、collector_id_number、by_applicant、signature），邮寄送达（courier、
    tracking_number、address）或电子送达（online）。尚未全部办结时返回 409；只有工作人员可以出件。"""
    bc = selectors.bundle_case(request.user, bundle_case_id)
    if not selectors.is_coordinator(request.user):
        raise PermissionDenied("统一出件由窗口工作人员办理")
    bc = services.bundle_deliver(actor=request.user, bundle_case_id=bc.pk, **payload.dict())
    return _detail(request, bc)


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------
@router.get(
    "/reports/fully-online",
    response=list[OnlineShareOut],
    operation_id="bundles_report_fully_online",
    summary="一件事全程网办率",
)
def report_fully_online(request: ApiRequest):
    """每个一件事已办结的办件数、其中全程网办（无需到现场、无纸质材料）的办件数、
    办理中的办件数和全程网办率。只对工作人员开放。"""
    if not scope_of(request.user).is_staff:
        raise PermissionDenied("全程网办率统计只对工作人员开放")
    return selectors.fully_online_report(request.user)


# --------------------------------------------------------------------------------------------
# Bundles, guides, plans and applying
# --------------------------------------------------------------------------------------------
@router.get(
    "/",
    response=list[BundleRowOut],
    auth=None,
    operation_id="bundles_list",
    summary="一件事清单",
)
def bundle_list(request: ApiRequest, query: Query[BundleQuery]):
    """已发布的一件事：名称、服务对象、牵头部门、成员事项数和承诺时限。"""
    if query.audience and query.audience not in ("person", "enterprise"):
        raise InvalidInput("服务对象只能是 person（个人）或 enterprise（法人）", field="audience")
    return list(selectors.published(query.audience))


@router.get(
    "/{code}",
    response=GuideOut,
    auth=None,
    operation_id="bundles_guide",
    summary="一件事办事指南",
)
def bundle_guide(request: ApiRequest, code: str):
    """一次告知：全部成员事项（办理部门、是否本县权限、前序事项、适用情形、办理阶段）、
    协同部门、情形引导问题、合并后的申请表和材料清单，以及比逐项申请少填、少交的数量。"""
    return selectors.guide(selectors.bundle_by_code(code))


@router.post(
    "/{code}/plan",
    response=GuideOut,
    auth=None,
    operation_id="bundles_plan",
    summary="按情形生成办理方案",
)
def bundle_plan(request: ApiRequest, code: str, payload: PlanIn):
    """按情形引导的回答给出要办理的成员事项、合并申请表和需要提交的材料。有问题没有回答
    或回答不是可选项时返回 422，details.errors 以 answer-<问题 key> 为键逐项说明。"""
    return selectors.guide(selectors.bundle_by_code(code), payload.answers)


@router.post(
    "/{code}/apply",
    response={201: BundleCaseDetailOut},
    operation_id="bundles_apply",
    summary="一件事一次申请",
    openapi_extra=_apply_body(),
)
def bundle_apply(request: ApiRequest, code: str, payload: Form[ApplyForm]):
    """multipart/form-data：answers 与 form 为 JSON 文本；每份材料一个文件字段，字段名为
    material-<材料标识>（即办理方案 materials 的 key，中文材料名称，如
    material-出生医学证明办理登记表；字段名按 UTF-8 原样发送，或按 RFC 2231 写作
    name*=UTF-8''…）。全部内容先行核验：申请表有误时返回 422，details.errors 逐项列出；
    缺少必要材料时 details.errors 以 material-<材料标识> 为键；有误时什么也不写入。
    通过后为每个适用的成员事项建立办件（无前序事项的立即提交，其余等待前序办结后自动启动），
    出具一份受理回执，返回一件事办件（201）。一件事未发布或已停用时返回 409。"""
    files = _files(request)
    bundle = selectors.bundle_for_application(code)
    bc = services.bundle_apply(
        actor=request.user,
        bundle_id=bundle.pk,
        answers=payload.answers,
        form_data=payload.form,
        files=files,
        channel=payload.channel,
        applicant_id=payload.applicant_id,
        enterprise_id=payload.enterprise_id,
        delivery_mode=payload.delivery_mode,
    )
    return Status(201, _detail(request, bc))
