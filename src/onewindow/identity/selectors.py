from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from onewindow.core.permissions import Role, scope_of, scoped

from .models import ApiToken, Enterprise, EnterpriseAgent, User


def staff_visible_to(user: Any) -> QuerySet[User]:
    """Staff accounts: all for county-wide roles, else the user's department and hall."""
    qs = User.objects.filter(kind__in=[User.Kind.STAFF, User.Kind.SERVICE]).prefetch_related(
        "staff_roles"
    )
    return scoped(qs, user, department="department", hall="hall", owner="pk")


def enterprises_visible_to(user: Any) -> QuerySet[Enterprise]:
    """Enterprises: all for county-wide staff; an agent sees the enterprises they act for."""
    return scoped(Enterprise.objects.select_related("division"), user, enterprise="pk")


def agents_of(user: Any, enterprise_id: int) -> QuerySet[EnterpriseAgent]:
    visible = enterprises_visible_to(user).filter(pk=enterprise_id)
    return EnterpriseAgent.objects.filter(enterprise__in=visible).select_related("user")


def enterprise_by_uscc(user: Any, uscc: str) -> Enterprise | None:
    """Exact look-up at a window: clerks and helpers may find any enterprise by its code."""
    scope = scope_of(user)
    if scope.has_role(Role.WINDOW_CLERK, Role.HELPER) or scope.county_wide:
        return Enterprise.objects.filter(uscc=uscc.strip().upper()).first()
    return enterprises_visible_to(user).filter(uscc=uscc.strip().upper()).first()


def tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user")


def enterprises_of(user: Any) -> QuerySet[Enterprise]:
    ids = scope_of(user).enterprise_ids
    return Enterprise.objects.filter(pk__in=ids).order_by("name")
