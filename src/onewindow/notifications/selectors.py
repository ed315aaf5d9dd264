from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Channel, Notification


def inbox(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, channel=Channel.IN_APP).order_by(
        "-created_at", "-id"
    )


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return inbox(user).filter(read_at__isnull=True).count()
