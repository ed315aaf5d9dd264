"""The outbox: `notify()` writes messages in the caller's transaction; the worker's
`deliver()` sends each at most once per (idempotency key, channel)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import InvalidInput

from . import templates_registry
from .backends import DeliveryError, send_email, sms_backend
from .models import Channel, Notification, Status

logger = logging.getLogger(__name__)
STALE_SENDING = dt.timedelta(minutes=10)
SWEEP_BATCH = 500


def _base_context() -> dict[str, Any]:
    return {"platform": settings.PLATFORM_NAME, "county": settings.COUNTY_NAME}


@transaction.atomic
def notify(
    *,
    recipient: Any,
    template: str,
    key: str,
    context: dict[str, Any] | None = None,
    channels: Iterable[str] = (Channel.IN_APP,),
    link: str = "",
) -> list[Notification]:
    """Queue a message to `recipient` on each channel. `key` identifies the event that
    causes it: notifying twice with the same key and channel writes (and sends) nothing new."""
    tpl = templates_registry.get(template)
    ctx = {**_base_context(), "name": recipient.name, **(context or {})}
    subject = templates_registry.render(tpl.subject, ctx)
    body = templates_registry.render(tpl.body, ctx)
    now = timezone.now()
    wanted = list(dict.fromkeys(channels))
    for channel in wanted:
        if channel not in Channel.values:
            raise InvalidInput(f"未知通知渠道 {channel}")
    rows: list[Notification] = []
    for channel in wanted:
        text = (
            templates_registry.render(tpl.sms, ctx) if channel == Channel.SMS and tpl.sms else body
        )
        status = Status.PENDING
        if channel == Channel.IN_APP:
            status = Status.SENT
        elif (channel == Channel.SMS and not recipient.phone_enc) or (
            channel == Channel.EMAIL and not recipient.email
        ):
            status = Status.SKIPPED
        rows.append(
            Notification(
                recipient=recipient,
                channel=channel,
                template=template,
                subject=subject[:200],
                body=text,
                link=link,
                idempotency_key=key[:160],
                status=status,
                sent_at=now if status == Status.SENT else None,
            )
        )
    # One read for what this key already sent, one insert for the rest. Two notifiers
    # racing on one key meet on the unique (key, channel): the loser writes nothing new.
    done = set(
        Notification.objects.filter(idempotency_key=key[:160], channel__in=wanted).values_list(
            "channel", flat=True
        )
    )
    created = [n for n in rows if n.channel not in done]
    if created:
        try:
            with transaction.atomic():
                Notification.objects.bulk_create(created)
        except IntegrityError:
            created = [n for n in created if _insert_one(n)]
    pending = [n.pk for n in created if n.status == Status.PENDING]
    if pending:
        transaction.on_commit(lambda: _enqueue(pending))
    return created


def _insert_one(notification: Notification) -> bool:
    try:
        with transaction.atomic():
            notification.pk = None
            notification.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _enqueue(ids: list[int]) -> None:
    from .tasks import deliver_notification

    for pk in ids:
        deliver_notification.enqueue(pk)


def deliver(notification_id: int, *, now: dt.datetime | None = None) -> str:
    """Send one queued message. Safe to call from several workers at once: the row is
    claimed with a conditional UPDATE, so only one of them sends it."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now)
    if not claimed:
        return "skipped"
    n = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        if n.channel == Channel.SMS:
            sms_backend().send(
                phone=n.recipient.phone, text=n.body, idempotency_key=n.idempotency_key
            )
        elif n.channel == Channel.EMAIL:
            send_email(
                address=n.recipient.email,
                subject=n.subject,
                body=n.body,
                idempotency_key=n.idempotency_key,
            )
    except (DeliveryError, OSError) as exc:
        return _failed(n, str(exc))
    Notification.objects.filter(pk=n.pk).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return Status.SENT


def _failed(n: Notification, error: str) -> str:
    if n.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        with transaction.atomic():
            Notification.objects.filter(pk=n.pk).update(status=Status.DEAD, last_error=error[:2000])
            audit.record(
                code="notifications.delivery.dead",
                obj=n,
                after={"channel": n.channel, "attempts": n.attempts, "error": error[:200]},
            )
        logger.error("notification %s given up after %s attempts: %s", n.pk, n.attempts, error)
        return Status.DEAD
    backoff = dt.timedelta(minutes=2 ** (n.attempts - 1))
    Notification.objects.filter(pk=n.pk).update(
        status=Status.FAILED, last_error=error[:2000], next_attempt_at=timezone.now() + backoff
    )
    logger.warning("notification %s failed (attempt %s), retry in %s", n.pk, n.attempts, backoff)
    return Status.FAILED


def sweep(now: dt.datetime | None = None) -> int:
    """Deliver what is due (new, or failed and past its back-off); release rows a dead
    worker left in SENDING. Returns how many were attempted."""
    now = now or timezone.now()
    Notification.objects.filter(
        status=Status.SENDING, next_attempt_at__lt=now - STALE_SENDING
    ).update(status=Status.FAILED, last_error="worker stopped while sending")
    due = list(
        Notification.objects.filter(
            status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for pk in due:
        deliver(pk, now=now)
    return len(due)


def mark_read(*, actor: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's in-app messages read (all of them when `ids` is None)."""
    qs = Notification.objects.filter(recipient=actor, channel=Channel.IN_APP, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
