"""Roles and the permission layer that scopes every query to what a user may see.

Staff roles are county-wide, department-wide or hall-wide. A staff member with several
roles sees the union. Citizens and enterprise agents see only their own records and those
of the enterprises they are authorised for.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from .errors import PermissionDenied

M = TypeVar("M", bound=models.Model)


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", "窗口人员"
    APPROVER = "approver", "审批人员"
    DEPT_ADMIN = "dept_admin", "部门管理员"
    HALL_ADMIN = "hall_admin", "大厅管理员"
    SUPERVISOR = "supervisor", "督查人员"
    HOTLINE_AGENT = "hotline_agent", "12345 话务员"
    HELPER = "helper", "帮办代办员"
    COUNTY_LEADER = "county_leader", "县领导"
    SYSTEM_ADMIN = "system_admin", "系统管理员"


class Reach(enum.Enum):
    COUNTY = "county"
    DEPARTMENT = "department"
    HALL = "hall"


ROLE_REACH: dict[str, Reach] = {
    Role.WINDOW_CLERK: Reach.HALL,
    Role.APPROVER: Reach.DEPARTMENT,
    Role.DEPT_ADMIN: Reach.DEPARTMENT,
    Role.HALL_ADMIN: Reach.HALL,
    Role.SUPERVISOR: Reach.COUNTY,
    Role.HOTLINE_AGENT: Reach.COUNTY,
    Role.HELPER: Reach.HALL,
    Role.COUNTY_LEADER: Reach.COUNTY,
    Role.SYSTEM_ADMIN: Reach.COUNTY,
}


@dataclass(frozen=True)
class Scope:
    """What one user may see, computed once per request from their roles."""

    user_id: int | None
    is_staff: bool
    roles: frozenset[str]
    county_wide: bool
    department_ids: frozenset[int]
    hall_ids: frozenset[int]
    enterprise_ids: frozenset[int]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def q(
        self,
        *,
        department: str | None = None,
        hall: str | None = None,
        owner: str | None = None,
        enterprise: str | None = None,
    ) -> Q:
        """A filter over a model through the named lookup paths to its department, hall,
        owning user and owning enterprise. Paths not given are not a way in."""
        if self.is_staff and self.county_wide:
            return Q()
        q = Q(pk__in=[])
        if self.is_staff:
            if department and self.department_ids:
                q |= Q(**{f"{department}__in": self.department_ids})
            if hall and self.hall_ids:
                q |= Q(**{f"{hall}__in": self.hall_ids})
        if owner and self.user_id is not None:
            q |= Q(**{owner: self.user_id})
        if enterprise and self.enterprise_ids:
            q |= Q(**{f"{enterprise}__in": self.enterprise_ids})
        return q


NOBODY = Scope(None, False, frozenset(), False, frozenset(), frozenset(), frozenset())


def scope_of(user: Any) -> Scope:
    """The user's scope, cached on the user object for the life of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, "_onewindow_scope", None)
    if cached is not None:
        return cached
    scope = user.compute_scope()
    user._onewindow_scope = scope
    return scope


def scoped(
    qs: models.QuerySet[M],
    user: Any,
    *,
    department: str | None = None,
    hall: str | None = None,
    owner: str | None = None,
    enterprise: str | None = None,
) -> models.QuerySet[M]:
    return qs.filter(
        scope_of(user).q(department=department, hall=hall, owner=owner, enterprise=enterprise)
    )


def require_role(user: Any, *roles: str) -> Scope:
    scope = scope_of(user)
    if not scope.has_role(*roles):
        names = "、".join(str(Role(r).label) for r in roles)
        raise PermissionDenied(f"此操作需要以下角色之一：{names}")
    return scope
