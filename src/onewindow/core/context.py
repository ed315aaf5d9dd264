"""Per-request context that services read without threading it through every call: the
client IP (for the audit trail) and a memo of small configuration tables (the calendar's
overrides, the clock policy) read at most once per request. Set by
`RequestContextMiddleware` and by `bind()` in tests and commands."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
_memo: ContextVar[dict[str, Any] | None] = ContextVar("request_memo", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


@contextlib.contextmanager
def bind(*, ip: str | None, memo: bool = False) -> Iterator[None]:
    """Bind the client IP; with `memo`, also a fresh memo for the duration (one request)."""
    token = _client_ip.set(ip)
    memo_token = _memo.set({}) if memo else None
    try:
        yield
    finally:
        if memo_token is not None:
            _memo.reset(memo_token)
        _client_ip.reset(token)


def memo(key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per request under `key` (its result must not be mutated); outside a
    request (jobs, shell) computed on every call. A request sees configuration as it was
    when first read, plus its own changes (`forget` is called when they are saved)."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def forget(prefix: str) -> None:
    """Drop memoised values whose key starts with `prefix` (after saving what they hold)."""
    store = _memo.get()
    if store:
        for key in [k for k in store if k.startswith(prefix)]:
            del store[key]
