"""Admin: consultations are read here and change only through the services (so each change
is checked and audited), except the three classification fields a system administrator may
correct for the statistics — channel, kind of asker and related item — which are audited
by `AuditedAdmin`. Nothing is added or deleted here; the phone number is shown masked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onewindow.core.admin_mixins import AuditedAdmin

from .models import Consultation, FollowUp

# What an administrator may correct; everything else is the record of what happened.
EDITABLE = ("channel", "asker_kind", "item")
FIELDS: list[Any] = [
    "number",
    "hall",
    "window",
    "responsible",
    "asked_at",
    "asker_name",
    "asker_kind",
    "asker_phone_masked",
    "channel",
    "item",
    "question",
    "outcome",
    "state",
    "referred_department",
    "referred_window",
    "referred_to",
    "referral_note",
    "referred_at",
    "follow_up_due",
    "result",
    "asker_informed",
    "closed_at",
    "closed_by",
    "created_at",
]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["kind", "note", "actor", "created_at"]
    readonly_fields = ["kind", "note", "actor", "created_at"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(AuditedAdmin):
    list_display = [
        "number",
        "asker_name",
        "hall",
        "responsible",
        "outcome",
        "state",
        "follow_up_due",
        "asked_at",
    ]
    list_filter = ["state", "outcome", "channel", "asker_kind", "hall"]
    search_fields = ["number", "asker_name", "question"]
    date_hierarchy = "asked_at"
    list_select_related = ["hall", "responsible"]
    show_full_result_count = False
    inlines = [FollowUpInline]
    autocomplete_fields = ["item"]
    fields = FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f for f in FIELDS if f not in EDITABLE]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
