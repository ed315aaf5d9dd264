from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AuditEvent
from .permissions import Role, scope_of


def audit_events_visible_to(
    user: Any, *, object_type: str = "", object_id: str = "", code: str = ""
) -> QuerySet[AuditEvent]:
    """System admins and supervisors see the whole trail; everyone else their own acts."""
    scope = scope_of(user)
    qs: QuerySet[AuditEvent] = AuditEvent.objects.select_related("actor")
    if not scope.has_role(Role.SYSTEM_ADMIN, Role.SUPERVISOR):
        # Not a matter of reach: even county-wide roles see only what they did themselves.
        qs = qs.filter(actor_id=scope.user_id) if scope.user_id else qs.none()
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if code:
        qs = qs.filter(code__startswith=code)
    return qs.order_by("-seq")
