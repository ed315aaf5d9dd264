from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onewindow.core.admin_mixins import AuditedAdmin

from .models import Notification, TemplateOverride


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "channel",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "read_at",
    ]
    list_filter = ["channel", "status", "template"]
    search_fields = ["subject", "idempotency_key", "recipient__username"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TemplateOverride)
class TemplateOverrideAdmin(AuditedAdmin):
    list_display = ["code", "subject", "updated_at"]
    search_fields = ["code", "subject"]
