"""Message templates. Apps register theirs at import; an administrator may override the
wording of any of them in the admin (TemplateOverride)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.template import Context, Template, TemplateSyntaxError


@dataclass(frozen=True)
class MessageTemplate:
    code: str
    subject: str
    body: str
    sms: str = ""  # short text for SMS; the body is used when empty


_REGISTRY: dict[str, MessageTemplate] = {}


def register(code: str, *, subject: str, body: str, sms: str = "") -> None:
    _REGISTRY[code] = MessageTemplate(code, subject, body, sms)


def registered() -> dict[str, MessageTemplate]:
    return dict(_REGISTRY)


def get(code: str) -> MessageTemplate:
    """The template as an administrator has worded it (read once per request)."""
    from onewindow.core import context

    from .models import TemplateOverride

    if code not in _REGISTRY:
        raise KeyError(f"unknown notification template {code!r}")

    def read() -> MessageTemplate:
        override = TemplateOverride.objects.filter(code=code).first()
        if override is not None:
            return MessageTemplate(code, override.subject, override.body, override.sms)
        return _REGISTRY[code]

    return context.memo(f"notifications.template.{code}", read)


@lru_cache(maxsize=1024)
def _compiled(text: str) -> Template | None:
    try:
        return Template(text)
    except TemplateSyntaxError:
        return None


def render(text: str, context: dict[str, Any]) -> str:
    template = _compiled(text)  # compiled once per wording, not once per message
    if template is None:
        return text
    return template.render(Context(context, autoescape=False)).strip()


register(
    "platform.welcome",
    subject="欢迎使用{{ platform }}",
    body="{{ name }}，您好！您的账户已开通，可在网上办事、查询办件进度和接收通知。",
    sms="【{{ county }}政务服务】{{ name }}，您的账户已开通。",
)
register(
    "platform.message",
    subject="{{ subject }}",
    body="{{ body }}",
)
