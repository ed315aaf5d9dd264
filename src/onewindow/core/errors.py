"""Domain errors. Services raise these; the API and views map them to HTTP statuses."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a request the platform refuses for a reason the person can act on."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(DomainError):
    """Input that is well-formed JSON but wrong for the domain (a bad ID number, say)."""

    status = 422
    code = "invalid"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    """The object is not in a state that allows this action, or it already exists."""

    status = 409
    code = "conflict"


class AuthenticationFailed(DomainError):
    status = 401
    code = "unauthenticated"


class ApiRequest:
    """Typing aid for django-ninja handlers: the request with `auth` set by the API's auth."""

    auth: Any
    user: Any


class Unavailable(DomainError):
    """Something the server needs is missing (a font, a service): not the person's fault,
    and an administrator can fix it."""

    status = 503
    code = "unavailable"
