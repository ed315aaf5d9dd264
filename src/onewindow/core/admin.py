from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .admin_mixins import AuditedAdmin
from .models import AuditEvent, CalendarOverride, CalendarYear, PeriodicJob


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "occurred_at", "code", "actor_label", "object_type", "object_repr", "ip"]
    list_filter = ["object_type"]
    search_fields = ["code", "object_id", "object_repr", "actor_label"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PeriodicJob)
class PeriodicJobAdmin(admin.ModelAdmin):
    list_display = ["name", "interval_seconds", "last_run_at", "next_run_at"]
    readonly_fields = ["name", "interval_seconds", "last_run_at"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedAdmin):
    list_display = ["date", "kind", "name", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    list_display = ["year", "source", "confirmed_at"]
