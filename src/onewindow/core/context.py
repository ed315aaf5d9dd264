"""Per-request context (client IP) that the audit trail reads without threading it through
every service call. Set by `RequestContextMiddleware` and by `bind()` in tests and commands."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


@contextlib.contextmanager
def bind(*, ip: str | None) -> Iterator[None]:
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)
