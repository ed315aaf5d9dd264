from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from onewindow.core.errors import ApiRequest

from . import selectors, services

router = Router(tags=["消息通知"])


class NotificationOut(Schema):
    id: int
    template: str
    subject: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


class ReadIn(Schema):
    ids: list[int] | None = None


class ReadOut(Schema):
    marked: int


@router.get(
    "/", response=list[NotificationOut], operation_id="notifications_inbox", summary="我的站内消息"
)
@paginate(LimitOffsetPagination)
def inbox(request: ApiRequest):
    """我的站内消息，最新在前。"""
    return selectors.inbox(request.auth)


@router.get(
    "/unread-count",
    response=UnreadOut,
    operation_id="notifications_unread_count",
    summary="未读消息数",
)
def unread(request: ApiRequest):
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/read", response=ReadOut, operation_id="notifications_mark_read", summary="标记已读")
def mark_read(request: ApiRequest, payload: ReadIn):
    """标记为已读；不传 ids 时全部标记。"""
    return {"marked": services.mark_read(actor=request.auth, ids=payload.ids)}
