"""Permission scoping for every role: what each demo account may see."""

from __future__ import annotations

import pytest

from onewindow.core.errors import PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.core.permissions import Role, require_role, scope_of
from onewindow.core.selectors import audit_events_visible_to
from onewindow.identity.models import Enterprise, User
from onewindow.identity.selectors import enterprises_visible_to, staff_visible_to
from onewindow.org.models import Window
from onewindow.org.selectors import windows_managed_by

from ..conftest import ROLE_USERS

COUNTY_WIDE = {Role.SUPERVISOR, Role.HOTLINE_AGENT, Role.COUNTY_LEADER, Role.SYSTEM_ADMIN}
DEPARTMENT_WIDE = {Role.APPROVER, Role.DEPT_ADMIN}
HALL_WIDE = {Role.WINDOW_CLERK, Role.HALL_ADMIN, Role.HELPER}


def test_every_role_has_a_reach():
    assert set(Role) == COUNTY_WIDE | DEPARTMENT_WIDE | HALL_WIDE


@pytest.mark.parametrize("role", list(Role))
def test_staff_directory_is_scoped_by_role(users, role):
    user = users[ROLE_USERS[role]]
    visible = set(staff_visible_to(user).values_list("username", flat=True))
    all_staff = set(User.objects.exclude(kind=User.Kind.PUBLIC).values_list("username", flat=True))
    if role in COUNTY_WIDE:
        assert visible == all_staff
    elif role in DEPARTMENT_WIDE:
        expected = set(
            User.objects.filter(department=user.department).values_list("username", flat=True)
        )
        assert visible == expected | {user.username}
        assert "rexian" not in visible  # another department
    else:
        expected = set(User.objects.filter(hall=user.hall).values_list("username", flat=True))
        assert visible == expected | {user.username}
        assert "ducha" not in visible  # same department, no hall: out of a hall role's reach
    assert user.username in visible


@pytest.mark.parametrize("role", list(Role))
def test_windows_managed_are_scoped_by_role(users, role):
    user = users[ROLE_USERS[role]]
    managed = windows_managed_by(user)
    if role in COUNTY_WIDE:
        assert managed.count() == Window.objects.count()
    elif role in HALL_WIDE:
        assert managed.count() == Window.objects.filter(hall=user.hall).count() > 0
    else:
        assert managed.count() == 0


@pytest.mark.parametrize("role", list(Role))
def test_enterprises_are_visible_to_county_wide_roles_only(users, role):
    user = users[ROLE_USERS[role]]
    count = enterprises_visible_to(user).count()
    assert count == (Enterprise.objects.count() if role in COUNTY_WIDE else 0)


@pytest.mark.parametrize("role", list(Role))
def test_audit_trail_is_whole_for_admin_and_supervisor_and_own_for_others(users, role):
    user = users[ROLE_USERS[role]]
    visible = audit_events_visible_to(user)
    if role in {Role.SYSTEM_ADMIN, Role.SUPERVISOR}:
        assert visible.count() == AuditEvent.objects.count()
    else:
        assert set(visible.values_list("actor_id", flat=True)) <= {user.pk}


def test_citizen_sees_only_own_records(users):
    citizen, agent = users["zhangsan"], users["qiye"]
    assert staff_visible_to(citizen).count() == 0
    assert enterprises_visible_to(citizen).count() == 0
    assert list(enterprises_visible_to(agent).values_list("name", flat=True)) == [
        "陕西眉香猕猴桃有限公司"
    ]
    assert scope_of(citizen).is_staff is False
    with pytest.raises(PermissionDenied):
        require_role(citizen, Role.WINDOW_CLERK)


def test_inactive_or_anonymous_users_see_nothing(users):
    from django.contrib.auth.models import AnonymousUser

    admin = users["admin"]
    admin.is_active = False
    assert staff_visible_to(admin).count() == 0
    assert staff_visible_to(AnonymousUser()).count() == 0
    assert staff_visible_to(None).count() == 0


def test_require_role_names_the_roles_needed(users):
    with pytest.raises(PermissionDenied, match="系统管理员"):
        require_role(users["chuangkou"], Role.SYSTEM_ADMIN)
    assert require_role(users["admin"], Role.SYSTEM_ADMIN).county_wide
