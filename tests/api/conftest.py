"""Fixtures for the API contract tests (on top of tests/conftest.py).

The demo county is loaded once per test module, inside a transaction that is rolled back
when the module is done; each test runs in a savepoint inside it (pytest-django's `db`), so
tests still see the pristine county and cannot see one another's writes."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from onewindow import demo


@pytest.fixture(scope="module")
def _county_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_all().objects
        transaction.set_rollback(True)


@pytest.fixture
def county(_county_once, db):
    """Overrides tests/conftest.py's `county` (same data, loaded once per module)."""
    return _county_once


@pytest.fixture
def anon() -> Client:
    return Client()


@pytest.fixture
def as_user(users, login_client):
    """`as_user("zhangsan")` → a client with that demo account's session (CSRF not enforced)."""

    def make(username: str) -> Client:
        return login_client(users[username])

    return make
