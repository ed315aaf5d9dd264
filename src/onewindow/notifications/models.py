from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone


class Channel(models.TextChoices):
    IN_APP = "in_app", "站内消息"
    SMS = "sms", "短信"
    EMAIL = "email", "电子邮件"


class Status(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败（将重试）"
    DEAD = "dead", "发送失败（已放弃）"
    SKIPPED = "skipped", "未发送（无联系方式）"


class Notification(models.Model):
    """One message to one person on one channel: the outbox row written in the same
    transaction as the change that causes it, and later delivered by the worker."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    template = models.CharField("模板", max_length=60)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    idempotency_key = models.CharField("幂等键", max_length=160)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", default=timezone.now)
    last_error = models.TextField("最近错误", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key", "channel"], name="notifications_send_once"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_due_idx"),
            models.Index(fields=["recipient", "channel", "read_at"], name="notif_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_id}: {self.subject}"


class TemplateOverride(models.Model):
    """An administrator's wording for a message template, replacing the built-in one."""

    code = models.CharField("模板代码", max_length=60, unique=True)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("正文", help_text="Django 模板语法，如 {{ name }}")
    sms = models.CharField("短信正文", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "通知模板（自定义）"
        verbose_name_plural = "通知模板（自定义）"

    def __str__(self) -> str:
        return self.code


@receiver([post_save, post_delete], sender=TemplateOverride)
def _template_changed(**kwargs: Any) -> None:
    from onewindow.core import context

    context.forget("notifications.template.")
