"""跨域通办 (cross-region handling): the receiving window takes the application in and
forwards the paper materials by courier; the handling side confirms receipt, accepts and
decides as usual; the result goes back to the receiving window (sent with a tracking
number, then handed over there) or by post to the applicant. Both sides see the case and the
transfer's progress.

A case received here for a hall of the county has `Case.receiving_hall`; one received by a
window of another region and registered here by the handling hall has only the transfer's
`source_region`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of

from . import lifecycle
from .models import CaseChannel, CaseState, ProxyTransfer

DECIDED = (CaseState.APPROVED, CaseState.DENIED)


def _clerk_of(actor: Any, hall_id: int | None) -> bool:
    scope = scope_of(actor)
    return (
        hall_id is not None
        and scope.has_role(Role.WINDOW_CLERK, Role.HELPER)
        and hall_id in scope.hall_ids
    )


@transaction.atomic
def forward(
    *,
    actor: Any,
    case_id: int,
    return_method: str,
    courier: str = "",
    tracking_number: str = "",
    source_region: str = "",
) -> ProxyTransfer:
    """Record the transfer of a 跨域通办 case: at the receiving window, the paper materials
    sent by courier; at the handling hall, a case received by another region's window."""
    case = lifecycle.lock(case_id)
    if case.channel != CaseChannel.PROXY:
        raise Conflict("该办件不是跨域代收的办件", code="not_proxy")
    if hasattr(case, "transfer"):
        raise Conflict("该办件已登记转递", code="duplicate")
    if return_method not in ProxyTransfer.Return.values:
        raise InvalidInput(
            "请选择结果送达方式：回代收窗口领取或邮寄给申请人", field="return_method"
        )
    receiving = case.receiving_hall_id is not None
    if receiving:
        if not _clerk_of(actor, case.receiving_hall_id):
            raise PermissionDenied("只有代收窗口的工作人员可以登记材料转递")
        if not courier.strip() or not tracking_number.strip():
            raise InvalidInput("请填写寄送纸质材料的快递公司和快递单号", field="tracking_number")
        source = case.receiving_hall.name if case.receiving_hall else case.proxy_region
    else:
        if not _clerk_of(actor, case.hall_id):
            raise PermissionDenied("只有办理地窗口的工作人员可以登记外地代收的办件")
        source = source_region.strip() or case.proxy_region
        if not source:
            raise InvalidInput("请填写代收地（外地政务服务机构）", field="source_region")
        if return_method == ProxyTransfer.Return.WINDOW:
            raise InvalidInput(
                "外地代收的办件，结果只能邮寄给申请人（本平台外的窗口无法登记领取）",
                field="return_method",
            )
    now = timezone.now()
    row = ProxyTransfer.objects.create(
        case=case,
        source_region=source[:100],
        return_method=return_method,
        forwarded_at=now if receiving else None,
        courier=courier.strip()[:30],
        tracking_number=tracking_number.strip()[:40],
        # Registered by the handling hall: the paper is already in hand.
        materials_received_at=None if receiving else now,
        materials_received_by=None if receiving else actor,
        created_by=actor,
    )
    audit.record(
        code="cases.proxy.forwarded",
        actor=actor,
        obj=case,
        after={
            "source": row.source_region,
            "tracking": row.tracking_number,
            "return": return_method,
        },
    )
    return row


def _transfer(case_id: int) -> ProxyTransfer:
    row = (
        ProxyTransfer.objects.select_for_update()
        .select_related("case")
        .filter(case_id=case_id)
        .first()
    )
    if row is None:
        raise NotFound("该办件没有跨域通办转递记录")
    return row


@transaction.atomic
def materials_received(*, actor: Any, case_id: int) -> ProxyTransfer:
    """The handling hall confirms the paper materials arrived."""
    row = _transfer(case_id)
    if not _clerk_of(actor, row.case.hall_id):
        raise PermissionDenied("只有办理地窗口的工作人员可以确认收到材料")
    if row.materials_received_at is not None:
        raise Conflict("已确认收到材料", code="duplicate")
    row.materials_received_at = timezone.now()
    row.materials_received_by = actor
    row.save(update_fields=["materials_received_at", "materials_received_by"])
    audit.record(code="cases.proxy.materials_received", actor=actor, obj=row.case)
    return row


@transaction.atomic
def result_sent(*, actor: Any, case_id: int, courier: str, tracking_number: str) -> ProxyTransfer:
    """The handling hall sends the decided result back to the receiving window."""
    row = _transfer(case_id)
    if not _clerk_of(actor, row.case.hall_id):
        raise PermissionDenied("只有办理地窗口的工作人员可以寄回结果")
    if row.return_method != ProxyTransfer.Return.WINDOW:
        raise Conflict("该办件的结果邮寄给申请人，请在统一出件中办理", code="illegal_transition")
    if row.case.state not in DECIDED:
        raise Conflict(
            f"办件当前状态为“{row.case.get_state_display()}”，作出决定后才能寄回结果",
            code="illegal_transition",
        )
    if row.result_sent_at is not None:
        raise Conflict("结果已寄回", code="duplicate")
    if not courier.strip() or not tracking_number.strip():
        raise InvalidInput("请填写寄回结果的快递公司和快递单号", field="tracking_number")
    row.result_sent_at = timezone.now()
    row.result_courier = courier.strip()[:30]
    row.result_tracking_number = tracking_number.strip()[:40]
    row.save(update_fields=["result_sent_at", "result_courier", "result_tracking_number"])
    audit.record(
        code="cases.proxy.result_sent",
        actor=actor,
        obj=row.case,
        after={"tracking": row.result_tracking_number},
    )
    return row


@transaction.atomic
def result_received(*, actor: Any, case_id: int) -> ProxyTransfer:
    """The receiving window has the result in hand and can give it to the applicant."""
    row = _transfer(case_id)
    if not _clerk_of(actor, row.case.receiving_hall_id):
        raise PermissionDenied("只有代收窗口的工作人员可以确认收到结果")
    if row.result_sent_at is None:
        raise Conflict("办理地尚未寄回结果", code="illegal_transition")
    if row.result_received_at is not None:
        raise Conflict("已确认收到结果", code="duplicate")
    row.result_received_at = timezone.now()
    row.save(update_fields=["result_received_at"])
    audit.record(code="cases.proxy.result_received", actor=actor, obj=row.case)
    return row


def transfers_for(user: Any, *, side: str = "receiving") -> QuerySet[ProxyTransfer]:
    """Transfers this clerk's hall received for others (`receiving`) or handles (`handling`)."""
    scope = scope_of(user)
    qs = ProxyTransfer.objects.select_related("case", "case__hall", "case__receiving_hall")
    if side == "handling":
        return qs.filter(case__hall_id__in=scope.hall_ids)
    return qs.filter(case__receiving_hall_id__in=scope.hall_ids)


def stage(row: ProxyTransfer) -> str:
    """Where the transfer stands, in words, for both sides."""
    case = row.case
    if row.materials_received_at is None:
        return "材料寄送中"
    if case.state == CaseState.DELIVERED or case.state == CaseState.ARCHIVED:
        return "已送达申请人"
    if case.state in DECIDED:
        if row.return_method == ProxyTransfer.Return.POST:
            return "已办结，待邮寄申请人"
        if row.result_sent_at is None:
            return "已办结，待寄回代收窗口"
        if row.result_received_at is None:
            return "结果寄回中"
        return "代收窗口待出件"
    return f"办理地{case.get_state_display()}"


def deliverable_at_receiving(user: Any) -> Q:
    """Cases whose result this clerk's window hands over as the receiving window."""
    scope = scope_of(user)
    return Q(
        receiving_hall_id__in=scope.hall_ids,
        transfer__return_method=ProxyTransfer.Return.WINDOW,
        transfer__result_received_at__isnull=False,
    )
