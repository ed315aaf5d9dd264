from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from . import audit
from .errors import ApiRequest
from .permissions import Role, require_role
from .selectors import audit_events_visible_to

router = Router(tags=["审计"])


class AuditEventOut(Schema):
    seq: int
    code: str
    occurred_at: dt.datetime
    actor_id: int | None
    actor_label: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None
    ip: str | None
    hash: str


class VerifyOut(Schema):
    ok: bool
    checked: int
    broken_seq: int | None
    reason: str
    message: str


@router.get(
    "/events", response=list[AuditEventOut], operation_id="audit_events_list", summary="审计事件"
)
@paginate(LimitOffsetPagination)
def events(request: ApiRequest, object_type: str = "", object_id: str = "", code: str = ""):
    """审计事件。系统管理员、督查人员可看全部，其他人只看自己的操作。"""
    return audit_events_visible_to(
        request.auth, object_type=object_type, object_id=object_id, code=code
    )


@router.get("/verify", response=VerifyOut, operation_id="audit_verify", summary="校验审计链")
def verify(request: ApiRequest):
    """校验审计哈希链，返回第一处断裂。"""
    require_role(request.auth, Role.SYSTEM_ADMIN, Role.SUPERVISOR)
    result = audit.verify()
    return {
        "ok": result.ok,
        "checked": result.checked,
        "broken_seq": result.broken_seq,
        "reason": result.reason,
        "message": str(result),
    }
