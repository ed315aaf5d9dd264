"""Fixtures for the API contract tests (on top of tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def anon() -> Client:
    return Client()


@pytest.fixture
def as_user(users, login_client):
    """`as_user("zhangsan")` → a client with that demo account's session (CSRF not enforced)."""

    def make(username: str) -> Client:
        return login_client(users[username])

    return make
