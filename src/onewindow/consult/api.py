"""The consultation API at /api/v1/consultations/: log a question asked at a window, list
and read consultations, refer, follow up and close them.

Every operation acts as `request.user`; a consultation the user may not see is a 404 (its
existence is not revealed), an action they may not take a 403, an action the state does not
allow a 409 naming the state, bad input a 422."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from ninja import Query, Router, Schema, Status
from pydantic import Field

from onewindow.core.errors import ApiRequest

from . import selectors, services
from .models import Consultation
from .schemas import (
    CloseIn,
    ConsultationDetailOut,
    ConsultationLogIn,
    ConsultationPage,
    FollowUpIn,
    FollowUpOut,
    PhoneOut,
    ReferIn,
)

router = Router(tags=["首问负责"])

PAGE_SIZE = 50


class ListQuery(Schema):
    state: str = Field(
        "",
        description="状态："
        + "、".join(f"{k} {v}" for k, v in selectors.STATE_FILTERS.items())
        + "；不填为全部",
    )
    since: dt.date | None = Field(None, description="咨询日期起（含），YYYY-MM-DD")
    until: dt.date | None = Field(None, description="咨询日期止（含），YYYY-MM-DD")
    responsible_id: int | None = Field(None, description="首问责任人（账户 ID）")
    q: str = Field("", description="搜索：登记编号、咨询人、咨询内容、答复内容，或完整电话号码")
    overdue: bool = Field(False, description="只看超过跟进期限仍未办结的")
    page: int = Field(1, ge=1, description="页码，从 1 开始；每页 50 条")


def _page(qs: QuerySet[Consultation], page: int) -> tuple[list[Consultation], int]:
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE])
    if len(rows) < PAGE_SIZE and (rows or page == 1):
        return rows, start + len(rows)
    return rows, qs.count()


def _detail(request: ApiRequest, consultation_id: int) -> Consultation:
    consultation = selectors.consultation_detail(request.user, consultation_id)
    consultation.actions = selectors.actions_for(consultation, request.user)  # type: ignore[attr-defined]
    return consultation


def _visible(request: ApiRequest, consultation_id: int) -> None:
    """404 unless the user may see the consultation (before any action on it)."""
    selectors.consultation_detail(request.user, consultation_id)


@router.get(
    "/",
    response=ConsultationPage,
    operation_id="consult_list",
    summary="咨询登记列表",
)
def consultation_list(request: ApiRequest, query: Query[ListQuery]) -> Any:
    """本人可见的咨询登记，最新在前，每页 50 条：窗口人员、帮办代办员和大厅管理员看本大厅的，
    审批人员和部门管理员看转办给本部门的，督查人员、县领导等看全县的；转办给本人的都可见。
    overdue=true 只看转办或需跟进后超过跟进期限仍未办结的。"""
    filters = selectors.Filters(
        state=query.state,
        since=query.since,
        until=query.until,
        responsible_id=query.responsible_id,
        q=query.q,
        overdue=query.overdue,
    )
    qs = selectors.consultations(request.user, filters)
    if query.overdue:
        qs = qs.order_by("follow_up_due", "asked_at", "id")
    rows, count = _page(qs, query.page)
    return {"count": count, "page": query.page, "page_size": PAGE_SIZE, "items": rows}


@router.post(
    "/",
    response={201: ConsultationDetailOut},
    operation_id="consult_create",
    summary="登记咨询",
)
def consultation_create(request: ApiRequest, payload: ConsultationLogIn) -> Any:
    """窗口人员、大厅管理员或帮办代办员登记一条咨询，本人为首问责任人，大厅为本人所在大厅。
    outcome=answered 须填写 answer（登记即办结）；referred 须指定 to_department_id、
    to_window_id 或 to_staff_id 中至少一项；follow_up 可填写 note。
    联系电话加密保存，响应中只有脱敏号码。"""
    consultation = services.consultation_log(actor=request.user, **payload.dict())
    return Status(201, _detail(request, consultation.pk))


@router.get(
    "/{consultation_id}",
    response=ConsultationDetailOut,
    operation_id="consult_get",
    summary="咨询登记详情",
)
def consultation_get(request: ApiRequest, consultation_id: int) -> Any:
    """咨询登记详情：咨询人（电话脱敏）、咨询内容、首问处理方式、转办对象、跟进期限、
    跟进记录、办结情况，以及当前用户此刻可执行的操作（actions）。"""
    return _detail(request, consultation_id)


@router.post(
    "/{consultation_id}/refer",
    response=ConsultationDetailOut,
    operation_id="consult_refer",
    summary="转办",
)
def consultation_refer(request: ApiRequest, consultation_id: int, payload: ReferIn) -> Any:
    """首问责任人或本大厅管理员将未办结的咨询转办（或再次转办）给部门、窗口或工作人员，
    至少指定一项；被转办的工作人员收到站内消息。跟进期限不因再次转办而改变。
    已办结的咨询返回 409。"""
    _visible(request, consultation_id)
    services.consultation_refer(
        actor=request.user, consultation_id=consultation_id, **payload.dict()
    )
    return _detail(request, consultation_id)


@router.post(
    "/{consultation_id}/follow-ups",
    response={201: FollowUpOut},
    operation_id="consult_follow_up",
    summary="记录跟进情况",
)
def consultation_follow_up(request: ApiRequest, consultation_id: int, payload: FollowUpIn) -> Any:
    """首问责任人、本大厅管理员或被转办的部门、人员记录一条跟进情况。已办结的咨询返回 409。"""
    _visible(request, consultation_id)
    record = services.consultation_follow_up(
        actor=request.user, consultation_id=consultation_id, note=payload.note
    )
    return Status(201, record)


@router.post(
    "/{consultation_id}/close",
    response=ConsultationDetailOut,
    operation_id="consult_close",
    summary="办结",
)
def consultation_close(request: ApiRequest, consultation_id: int, payload: CloseIn) -> Any:
    """首问责任人或本大厅管理员填写最终答复并办结，注明是否已告知咨询人。
    只有已转办或跟进中的咨询可以办结，否则返回 409。"""
    _visible(request, consultation_id)
    services.consultation_close(
        actor=request.user,
        consultation_id=consultation_id,
        result=payload.result,
        asker_informed=payload.asker_informed,
    )
    return _detail(request, consultation_id)


@router.post(
    "/{consultation_id}/phone",
    response=PhoneOut,
    operation_id="consult_phone",
    summary="查看咨询人完整电话",
)
def consultation_phone(request: ApiRequest, consultation_id: int) -> Any:
    """回电时查看咨询人的完整电话：只有首问责任人、本大厅管理员和被转办的部门、人员可以查看，
    每次查看都记入审计。"""
    _visible(request, consultation_id)
    return {
        "phone": services.consultation_reveal_phone(
            actor=request.user, consultation_id=consultation_id
        )
    }
