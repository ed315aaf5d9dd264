"""Shared fixtures: a small county (the real demo loader) and one user per role."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from onewindow import demo
from onewindow.core.permissions import Role
from onewindow.notifications.backends import MemorySmsBackend

PASSWORD = demo.DEMO_PASSWORD

# The demo account for each role (see onewindow/identity/demo.py).
ROLE_USERS = {
    Role.WINDOW_CLERK: "chuangkou",
    Role.APPROVER: "shenpi",
    Role.DEPT_ADMIN: "bumen",
    Role.HALL_ADMIN: "dating",
    Role.SUPERVISOR: "ducha",
    Role.HOTLINE_AGENT: "rexian",
    Role.HELPER: "bangban",
    Role.COUNTY_LEADER: "lingdao",
    Role.SYSTEM_ADMIN: "admin",
}


@pytest.fixture(scope="module")
def _county_once(django_db_setup, django_db_blocker):
    """The demo county, loaded once per test module inside a transaction that is rolled back
    when the module is done. Each test runs in a savepoint inside it (pytest-django's `db`),
    so tests see the pristine county and cannot see one another's writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_all(upto="onewindow.identity.demo").objects
        transaction.set_rollback(True)


@pytest.fixture
def county(_county_once, db):
    """The 眉县 demo data: divisions, departments, halls, windows, one account per role."""
    return _county_once


@pytest.fixture
def users(county):
    from onewindow.identity.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def sms_outbox():
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.fail_next = 0
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend.fail_next = 0


@pytest.fixture
def login_client():
    """`login_client(user)` → a Django test client logged in as that user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user, backend="onewindow.identity.auth.LockoutModelBackend")
        return client

    return make
