"""Admin: the transition tables and the clock policy are editable (audited); cases,
timelines, notices and supervision are read-only here — they change only through the
services, so every change is checked and audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from onewindow.core.admin_mixins import AuditedAdmin
from onewindow.core.workdays import Calendar

from . import clock
from .models import (
    Case,
    CaseMaterial,
    CaseNotice,
    CaseStep,
    CaseWarning,
    ClockPolicy,
    Commitment,
    CreditRecord,
    Delivery,
    PostCheck,
    ProcessTemplate,
    Revocation,
    SupervisionEvent,
    SupervisionOrder,
    Transition,
)


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["order", "action", "label", "sources", "target", "roles", "requires", "notice"]


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(AuditedAdmin):
    list_display = ["name", "code", "handling_type", "is_default"]
    list_filter = ["handling_type", "is_default"]
    inlines = [TransitionInline]
    autocomplete_fields = ["items"]


@admin.register(ClockPolicy)
class ClockPolicyAdmin(AuditedAdmin):
    list_display = ["__str__", "supervision_after_days", "supervision_reply_days", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ClockPolicy.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(admin.TabularInline):
    model = CaseStep
    extra = 0
    fields = [
        "seq",
        "name",
        "state",
        "actor_name",
        "action_label",
        "opinion",
        "started_at",
        "ended_at",
    ]
    readonly_fields = [
        "seq",
        "name",
        "state",
        "actor_name",
        "action_label",
        "opinion",
        "started_at",
        "ended_at",
    ]
    can_delete = False


class MaterialInline(admin.TabularInline):
    model = CaseMaterial
    extra = 0
    fields = ["name", "status", "original_name", "size", "sm3", "paper_received"]
    readonly_fields = ["name", "status", "original_name", "size", "sm3", "paper_received"]
    can_delete = False


class NoticeInline(admin.TabularInline):
    model = CaseNotice
    extra = 0
    fields = ["title", "number", "issued_at", "verify_code"]
    readonly_fields = ["title", "number", "issued_at", "verify_code"]
    can_delete = False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "item_name",
        "applicant_name",
        "department",
        "state",
        "channel",
        "accepted_on",
        "promised_due",
        "time_left",
    ]
    list_filter = ["state", "channel", "department"]
    search_fields = ["number", "item_name", "applicant_name"]
    date_hierarchy = "created_at"
    inlines = [StepInline, MaterialInline, NoticeInline]
    show_full_result_count = False
    list_select_related = ["department"]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        self._calendar = Calendar()  # one per page: the override tables are read once
        return super().changelist_view(request, extra_context)

    @admin.display(description="剩余时间")
    def time_left(self, case: Case) -> str:
        calendar = getattr(self, "_calendar", None) or Calendar()
        days = clock.remaining(case, calendar, timezone.localdate())
        return clock.describe(days, unit=case.promised_unit, paused=case.paused_on is not None)


@admin.register(CaseWarning)
class CaseWarningAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "due_on", "remaining", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["case"]
    show_full_result_count = False


class SupervisionEventInline(admin.TabularInline):
    model = SupervisionEvent
    extra = 0
    fields = ["kind", "note", "participants", "talk_on", "actor", "created_at"]
    readonly_fields = ["kind", "note", "participants", "talk_on", "actor", "created_at"]
    can_delete = False


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "subject_label", "department", "responsible", "state", "opened_at"]
    list_filter = ["state", "automatic", "department"]
    search_fields = ["number", "subject_label"]
    inlines = [SupervisionEventInline]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "signer_name", "via", "signed_at"]
    list_filter = ["kind", "via"]
    search_fields = ["case__number", "signer_name"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "case",
        "method",
        "collector_name",
        "id_checked",
        "tracking_number",
        "delivered_at",
    ]
    list_filter = ["method"]
    search_fields = ["case__number", "tracking_number", "collector_name"]


@admin.register(PostCheck)
class PostCheckAdmin(ReadOnlyAdmin):
    list_display = ["case", "method", "assignee", "due_on", "state", "truthful"]
    list_filter = ["state", "method", "truthful"]
    search_fields = ["case__number"]


@admin.register(CreditRecord)
class CreditRecordAdmin(ReadOnlyAdmin):
    list_display = ["subject_name", "kind", "case", "opened_at", "closed_at"]
    list_filter = ["kind"]
    search_fields = ["subject_name", "case__number"]


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    list_display = ["case", "state", "opened_at", "decided_at"]
    list_filter = ["state"]
