from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from onewindow.core.permissions import scoped

from .models import Department, Division, Hall, Window


def divisions(*, parent_code: str | None = None, level: int | None = None) -> QuerySet[Division]:
    qs = Division.objects.select_related("parent")
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("code")


def departments(*, active_only: bool = True) -> QuerySet[Department]:
    qs = Department.objects.select_related("division")
    return qs.filter(is_active=True) if active_only else qs


def halls() -> QuerySet[Hall]:
    return Hall.objects.filter(is_active=True).select_related("division")


def windows(*, hall_id: int | None = None) -> QuerySet[Window]:
    qs = (
        Window.objects.filter(is_active=True).select_related("hall").prefetch_related("departments")
    )
    return qs.filter(hall_id=hall_id) if hall_id else qs


def windows_managed_by(user: Any) -> QuerySet[Window]:
    """Windows a staff member may manage: all for county-wide roles, their hall's otherwise."""
    return scoped(
        Window.objects.select_related("hall").prefetch_related("departments"), user, hall="hall"
    )
