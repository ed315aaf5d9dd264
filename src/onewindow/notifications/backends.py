"""Delivery backends. SMS providers differ per county, so SMS goes through a small
interface chosen by ONEWINDOW_SMS_BACKEND; email uses Django's mail backends."""

from __future__ import annotations

import logging
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

logger = logging.getLogger("onewindow.sms")


class DeliveryError(Exception):
    """The provider refused or could not be reached; the worker retries later."""


class SmsBackend:
    def send(self, *, phone: str, text: str, idempotency_key: str) -> None:
        raise NotImplementedError


class LogSmsBackend(SmsBackend):
    """Writes the message to the log instead of sending it (the default)."""

    def send(self, *, phone: str, text: str, idempotency_key: str) -> None:
        logger.info("SMS to %s [%s]: %s", phone[:3] + "****" + phone[-4:], idempotency_key, text)


class ConsoleSmsBackend(SmsBackend):
    def send(self, *, phone: str, text: str, idempotency_key: str) -> None:
        print(f"[短信] {phone}: {text}  ({idempotency_key})")


class MemorySmsBackend(SmsBackend):
    """Keeps messages in memory for tests; `outbox` is shared by all instances."""

    outbox: ClassVar[list[dict[str, str]]] = []
    fail_next: ClassVar[int] = 0

    def send(self, *, phone: str, text: str, idempotency_key: str) -> None:
        if MemorySmsBackend.fail_next > 0:
            MemorySmsBackend.fail_next -= 1
            raise DeliveryError("simulated provider failure")
        MemorySmsBackend.outbox.append({"phone": phone, "text": text, "key": idempotency_key})


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend


def send_email(*, address: str, subject: str, body: str, idempotency_key: str) -> None:
    message = EmailMessage(
        subject=subject, body=body, to=[address], headers={"X-Idempotency-Key": idempotency_key}
    )
    try:
        message.send(fail_silently=False)
    except OSError as exc:
        raise DeliveryError(str(exc)) from exc
