"""Admin of bundles: editors keep drafts (members, dependencies, questionnaire, labels of
the merged form) and publish them through the same checks as the services — a refused
publication lists every reason. Versions in force and bundle cases are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from onewindow.core.admin_mixins import AuditedAdmin
from onewindow.core.errors import DomainError

from . import definition, services
from .models import (
    Bundle,
    BundleCase,
    BundleEvent,
    BundleMember,
    BundleMemberCase,
    BundleNotice,
    BundleVersion,
)


class MemberInline(admin.TabularInline):
    model = BundleMember
    extra = 0
    fields = ["order", "key", "item", "external_name", "external_body", "note", "after", "when"]
    autocomplete_fields = ["item"]

    def _editable(self, obj: BundleVersion | None) -> bool:
        return obj is None or obj.is_editable

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


def _report(modeladmin: admin.ModelAdmin, request: HttpRequest, exc: DomainError) -> None:
    modeladmin.message_user(request, exc.message, level=messages.ERROR)
    for reason in (exc.details.get("errors") or [])[5:]:
        modeladmin.message_user(request, reason, level=messages.ERROR)


@admin.register(BundleVersion)
class BundleVersionAdmin(AuditedAdmin):
    list_display = ["name", "bundle", "number", "status", "lead_department", "promised_limit"]
    list_filter = ["status", "bundle__audience", "lead_department"]
    search_fields = ["name", "bundle__code"]
    inlines = [MemberInline]
    actions = ["check_drafts", "publish_drafts"]
    VERSION_FIELDS = (
        "bundle",
        "number",
        "status",
        "name",
        "summary",
        "sources",
        "lead_department",
        "promised_limit",
        "questions",
        "labels",
        "published_at",
    )
    fields = VERSION_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fixed = ["bundle", "number", "status", "published_at"]
        if obj is not None and not obj.is_editable:
            return list(self.VERSION_FIELDS)  # a version in use never changes
        return fixed

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # new versions come from 一件事 → “新建草稿”

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and obj.is_editable and super().has_delete_permission(request, obj)

    @admin.action(description="检查所选草稿能否发布")
    def check_drafts(self, request: HttpRequest, queryset: QuerySet[BundleVersion]) -> None:
        for version in queryset:
            errors = definition.check(definition.load(version))
            if errors:
                self.message_user(
                    request,
                    f"“{version.name}”v{version.number} 有 {len(errors)} 处问题："
                    + "；".join(errors),
                    level=messages.WARNING,
                )
            else:
                self.message_user(request, f"“{version.name}”v{version.number} 检查通过")

    @admin.action(description="发布所选草稿")
    def publish_drafts(self, request: HttpRequest, queryset: QuerySet[BundleVersion]) -> None:
        for version in queryset:
            try:
                services.version_publish(actor=request.user, version_id=version.pk)
            except DomainError as exc:
                _report(self, request, exc)
            else:
                self.message_user(request, f"已发布“{version.name}”v{version.number}")


@admin.register(Bundle)
class BundleAdmin(AuditedAdmin):
    list_display = ["name", "code", "audience", "published_version", "member_count", "order"]
    list_filter = ["audience"]
    search_fields = ["name", "code"]
    readonly_fields = ["published_version"]
    fields = ["code", "name", "audience", "order", "published_version"]
    actions = ["new_drafts"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bundle]:
        return (
            super()
            .get_queryset(request)
            .select_related("published_version")
            .annotate(members=Count("published_version__members"))
        )

    @admin.display(description="成员事项数")
    def member_count(self, obj: Any) -> int:
        return int(obj.members)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # bundle cases refer to it; retire it by publishing a new version

    @admin.action(description="为所选一件事新建草稿（复制现行版本）")
    def new_drafts(self, request: HttpRequest, queryset: QuerySet[Bundle]) -> None:
        for bundle in queryset:
            try:
                draft = services.version_new_draft(actor=request.user, bundle_id=bundle.pk)
            except DomainError as exc:
                _report(self, request, exc)
            else:
                self.message_user(
                    request, f"已为“{bundle.name}”新建草稿 v{draft.number}，请在“一件事版本”中编辑"
                )


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MemberCaseInline(ReadOnlyInline):
    model = BundleMemberCase
    fields = readonly_fields = (
        "order",
        "name",
        "department",
        "status",
        "case",
        "started_at",
        "finished_at",
        "note",
    )


class NoticeInline(ReadOnlyInline):
    model = BundleNotice
    fields = readonly_fields = ("number", "title", "issued_at", "body")


class EventInline(ReadOnlyInline):
    model = BundleEvent
    fields = readonly_fields = ("at", "member_key", "text", "actor")


@admin.register(BundleCase)
class BundleCaseAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "bundle_name",
        "applicant_name",
        "lead_department",
        "status",
        "channel",
        "promised_due",
        "fully_online",
    ]
    list_filter = ["status", "bundle", "channel", "fully_online"]
    search_fields = ["number", "applicant_name"]
    date_hierarchy = "submitted_at"
    inlines = [MemberCaseInline, NoticeInline, EventInline]
    list_select_related = ["lead_department"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in BundleCase._meta.concrete_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # told by its members; viewable only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
