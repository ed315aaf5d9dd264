"""Admin of the catalog's dictionaries (editable, audited) and a read-only view of items,
versions and import jobs: versions change only through the maintenance workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from onewindow.core import audit
from onewindow.core.admin_mixins import AuditedAdmin

from .models import (
    DataElement,
    FormField,
    ImportJob,
    Item,
    ItemHall,
    ItemVersion,
    Material,
    MaterialType,
    Review,
    SpecialProcedureKind,
    Synonym,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["name", "code", "audience", "order"]
    list_filter = ["audience"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(MaterialType)
class MaterialTypeAdmin(AuditedAdmin):
    list_display = ["name", "issuer", "source", "licence_type"]
    list_filter = ["source"]
    search_fields = ["name", "issuer", "licence_type"]


@admin.register(DataElement)
class DataElementAdmin(AuditedAdmin):
    list_display = ["key", "label", "type", "max_length"]
    list_filter = ["type"]
    search_fields = ["key", "label"]


@admin.register(SpecialProcedureKind)
class SpecialProcedureKindAdmin(AuditedAdmin):
    list_display = ["name", "statutory", "is_active"]
    list_filter = ["statutory", "is_active"]
    search_fields = ["name"]


@admin.register(Synonym)
class SynonymAdmin(AuditedAdmin):
    list_display = ["phrase", "expansions"]
    search_fields = ["phrase", "expansions"]


class ItemHallInline(admin.TabularInline):
    model = ItemHall
    extra = 0
    autocomplete_fields = ["hall"]


@admin.register(Item)
class ItemAdmin(AuditedAdmin):
    """Items are created on the maintenance pages (with their first version); here an
    administrator can see them and correct the halls that accept them."""

    list_display = ["implementation_code", "published_version", "department", "updated_at"]
    list_filter = ["department"]
    search_fields = ["implementation_code", "basic_code", "versions__name"]
    readonly_fields = [
        "implementation_code",
        "basic_code",
        "department",
        "delegated_from",
        "published_version",
    ]
    inlines = [ItemHallInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("department", "published_version")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The halls are the only thing editable here: record their change like the service does.
        item = form.instance
        with transaction.atomic():
            before = sorted(ItemHall.objects.filter(item=item).values_list("hall_id", "mode"))
            super().save_related(request, form, formsets, change)
            after = sorted(ItemHall.objects.filter(item=item).values_list("hall_id", "mode"))
            if before != after:
                audit.record(
                    code="catalog.item.halls_set",
                    actor=request.user,
                    obj=item,
                    before={"halls": before},
                    after={"halls": after},
                )


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MaterialInline(ReadOnlyInline):
    model = Material
    fields = [
        "order",
        "name",
        "material_type",
        "originals",
        "copies",
        "form",
        "required",
        "tolerable",
        "waivable",
    ]


class FormFieldInline(ReadOnlyInline):
    model = FormField
    fields = ["order", "element", "label", "required"]


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["created_at", "action", "actor", "opinion"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    """Read-only: a draft is edited on the maintenance pages and a published version never
    changes (a change is a new version)."""

    list_display = ["name", "number", "status", "item_type", "level", "item", "published_at"]
    list_filter = ["status", "level", "item_type"]
    search_fields = ["name", "item__implementation_code", "item__basic_code"]
    list_select_related = ["item__published_version"]
    inlines = [MaterialInline, FormFieldInline, ReviewInline]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status", "publish", "total_rows", "processed_rows", "created_at"]
    list_filter = ["status"]
