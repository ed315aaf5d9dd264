from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from onewindow.core.errors import AuthenticationFailed


class LockoutModelBackend(ModelBackend):
    """Django's backend (used by the admin login) routed through the lockout rules."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        from .services import login_check

        if username is None or password is None:
            return None
        try:
            return login_check(username=username, password=password)
        except AuthenticationFailed:
            return None
