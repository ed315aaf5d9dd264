"""Admin: the roster and key projects are editable by system administrators (audited by
`AuditedAdmin`); assignments, consents and the action log are read-only here — they change
only through the services (who may assign, consent rules, the audit projection)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onewindow.core.admin_mixins import AuditedAdmin

from .models import Assignment, Consent, HelperActionLog, HelperProfile, KeyProject, ProjectCase


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HelperProfile)
class HelperProfileAdmin(AuditedAdmin):
    list_display = ["__str__", "hall", "department", "phone", "max_load", "is_active"]
    list_filter = ["is_active", "hall"]
    search_fields = ["user__name", "user__username", "phone"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # taken off duty (在岗 unticked) instead; the history refers to them


class ProjectCaseInline(admin.TabularInline):
    model = ProjectCase
    extra = 0
    fields = ["case", "added_by", "added_at"]
    readonly_fields = ["case", "added_by", "added_at"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(KeyProject)
class KeyProjectAdmin(AuditedAdmin):
    list_display = ["name", "enterprise", "investment", "leader", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "enterprise__name"]
    raw_id_fields = ["enterprise", "leader", "created_by"]
    filter_horizontal = ["departments"]
    inlines = [ProjectCaseInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["helper", "kind", "target_label", "started_at", "ended_at", "assigned_by"]
    list_filter = ["kind", ("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["helper__name", "applicant__name", "enterprise__name", "case__number"]
    list_select_related = ["helper", "applicant", "enterprise", "case", "project", "assigned_by"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = [
        "party_name",
        "helper",
        "scope",
        "method",
        "grantor",
        "given_at",
        "valid_until",
        "revoked_at",
    ]
    list_filter = ["scope", "method", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["helper__name", "applicant__name", "enterprise__name", "recording_ref"]
    list_select_related = ["helper", "applicant", "enterprise", "grantor"]


@admin.register(HelperActionLog)
class HelperActionLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "helper", "action", "case", "applicant", "enterprise", "basis"]
    list_filter = ["code"]
    search_fields = ["helper__name", "case__number"]
    list_select_related = ["helper", "case", "applicant", "enterprise"]
    show_full_result_count = False
