"""The append-only audit trail: `record()` in every service that changes state (`record_many()`
for a batch), `verify()` for `onewindow audit verify`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from . import context
from .models import AuditChainHead, AuditEvent
from .sm import sm3_hex

GENESIS = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    payload = {
        "seq": event.seq,
        "code": event.code,
        "at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "ip": event.ip,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def link_hash(prev_hash: str, event: AuditEvent) -> str:
    return sm3_hex(prev_hash.encode() + _canonical(event))


def _jsonable(value: Any) -> Any:
    """Reduce a summary to JSON types that round-trip unchanged through SQLite and jsonb."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of a model instance as a JSON-able dict (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        out[name] = getattr(obj, getattr(field, "attname", name))
    return _jsonable(out)


def _event(
    *,
    code: str,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    at: dt.datetime,
    ip: str | None,
) -> AuditEvent:
    """An unsaved, unlinked event with the fields `record()` and `record_many()` store."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent(
        code=code,
        occurred_at=at,
        actor=actor,
        actor_label=(actor.get_username() if actor is not None else "系统")[:150],
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        before=_jsonable(dict(before)) if before is not None else None,
        after=_jsonable(dict(after)) if after is not None else None,
        ip=ip,
    )


def _require_transaction(caller: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"audit.{caller}() must be called inside transaction.atomic()")


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.create(pk=1, seq=0, hash=GENESIS)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _link(head: AuditChainHead, event: AuditEvent) -> None:
    event.seq, event.prev_hash = head.seq + 1, head.hash
    event.hash = link_hash(head.hash, event)
    head.seq, head.hash = event.seq, event.hash


def record(
    *,
    code: str,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the transaction of the change."""
    _require_transaction("record")
    head = _locked_head()
    event = _event(
        code=code,
        actor=actor,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        before=before,
        after=after,
        at=timezone.now(),
        ip=context.client_ip(),
    )
    _link(head, event)
    event.save()
    head.save(update_fields=["seq", "hash"])
    return event


def record_many(entries: Iterable[Mapping[str, Any]]) -> list[AuditEvent]:
    """Append one event per entry (the keyword arguments of `record()`: code, actor, obj or
    object_type/object_id/object_repr, before, after), in order, with one lock of the chain
    head, one bulk insert and one head update. Must run inside the transaction of the
    changes; an empty list writes nothing."""
    _require_transaction("record_many")
    entries = list(entries)
    if not entries:
        return []
    head = _locked_head()
    at, ip = timezone.now(), context.client_ip()
    events = [_event(**entry, at=at, ip=ip) for entry in entries]
    for event in events:
        _link(head, event)
    AuditEvent.objects.bulk_create(events)
    head.save(update_fields=["seq", "hash"])
    return events


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"审计链完整：已校验 {self.checked} 条事件"
        return (
            f"审计链断裂：第 {self.broken_seq} 号事件 — {self.reason}（此前 {self.checked} 条完好）"
        )


def verify(*, chunk_size: int = 2000) -> VerifyResult:
    """Walk the chain in order and report the first link that does not hold."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if event.seq != expected_seq:
            return VerifyResult(
                False, checked, expected_seq, f"缺少事件（下一条是第 {event.seq} 号），记录被删除"
            )
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, "前一哈希与上一条事件不符")
        if link_hash(prev_hash, event) != event.hash:
            return VerifyResult(False, checked, event.seq, "内容与哈希不符，记录被改动")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != checked or head.hash != prev_hash):
        return VerifyResult(
            False, checked, checked + 1, f"链头记录到第 {head.seq} 号，末尾事件被删除"
        )
    return VerifyResult(True, checked)
