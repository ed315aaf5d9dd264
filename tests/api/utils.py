"""Helpers shared by the API contract tests."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.test import Client

from onewindow.core.models import AuditEvent
from onewindow.core.validators import USCC_CHARSET

API = "/api/v1"
CJK = re.compile(r"[\u4e00-\u9fff]")
MASKED_ID = re.compile(r"\d{4}\*{10}[\dX]{4}")


def api_post(client: Client, path: str, data: Any = None, **extra: Any):
    body = data if isinstance(data, str) else json.dumps(data if data is not None else {})
    return client.post(API + path, data=body, content_type="application/json", **extra)


def api_patch(client: Client, path: str, data: Any, **extra: Any):
    return client.patch(API + path, data=json.dumps(data), content_type="application/json", **extra)


def api_put(client: Client, path: str, data: Any, **extra: Any):
    return client.put(API + path, data=json.dumps(data), content_type="application/json", **extra)


def api_get(client: Client, path: str, params: dict[str, Any] | None = None, **extra: Any):
    return client.get(API + path, params or {}, **extra)


def assert_error(
    response, status: int, code: str | None = None, *, chinese: bool = True
) -> dict[str, Any]:
    """The error contract: the status, JSON `{"code", "message"}`, a Chinese message."""
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("code"), str)
    assert body["code"]
    assert isinstance(body.get("message"), str)
    assert body["message"].strip()
    if chinese:
        assert CJK.search(body["message"]), f"message is not Chinese: {body['message']!r}"
    if code is not None:
        assert body["code"] == code, body
    return body


def wrong_uscc(valid: str) -> str:
    """`valid` with its check character replaced by another valid-looking one."""
    return valid[:-1] + next(c for c in USCC_CHARSET if c != valid[-1])


def wrong_resident_id(valid: str) -> str:
    return valid[:-1] + next(c for c in "0123456789X" if c != valid[-1])


@contextmanager
def nothing_written(*model_classes: type[models.Model]) -> Iterator[None]:
    """Assert that the block changes no row counts of the models nor the audit trail."""
    classes = (*model_classes, AuditEvent)
    before = {m: m.objects.count() for m in classes}
    yield
    after = {m: m.objects.count() for m in classes}
    assert after == before
