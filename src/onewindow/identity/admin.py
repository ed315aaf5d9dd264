from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.http import HttpRequest

from onewindow.core.admin_mixins import AuditedAdmin

from . import services
from .models import ApiToken, Enterprise, EnterpriseAgent, StaffRole, User


class AccountCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["username", "name", "kind", "department", "hall"]


class AccountChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = [
        "username",
        "name",
        "kind",
        "department",
        "hall",
        "id_number_masked",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "department", "staff_roles__role"]
    search_fields = ["username", "name", "staff_number"]
    ordering = ["username"]
    readonly_fields = ["id_number_masked", "phone_masked", "last_login", "date_joined"]
    autocomplete_fields = ["department", "hall"]
    inlines = [StaffRoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password", "name", "kind", "email")}),
        ("实名信息", {"fields": ("id_number_masked", "phone_masked", "real_name_verified")}),
        ("工作岗位", {"fields": ("department", "hall", "staff_number")}),
        (
            "状态",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "failed_login_count",
                    "locked_until",
                    "last_login",
                    "date_joined",
                )
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "name",
                    "kind",
                    "department",
                    "hall",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


class AgentInline(admin.TabularInline):
    model = EnterpriseAgent
    fk_name = "enterprise"
    extra = 0
    autocomplete_fields = ["user", "authorised_by"]


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    list_display = ["name", "uscc", "legal_rep_name", "division"]
    search_fields = ["name", "uscc", "legal_rep_name"]
    autocomplete_fields = ["legal_rep", "division"]
    inlines = [AgentInline]


class TokenIssueForm(forms.ModelForm):
    days = forms.IntegerField(label="有效天数", min_value=1, max_value=3650, initial=365)

    class Meta:
        model = ApiToken
        fields = ["name", "user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Issuing goes through the service so the token is shown once and the act is audited."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    search_fields = ["name", "prefix", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = TokenIssueForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "user", "days"]
        return [
            "name",
            "user",
            "prefix",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return
        token, raw = services.token_issue(
            actor=request.user, user_id=obj.user_id, name=obj.name, days=form.cleaned_data["days"]
        )
        obj.pk = token.pk
        messages.warning(request, f"令牌已签发，只显示这一次，请立即复制保存：{raw}")

    @admin.action(description="吊销所选令牌")
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            services.token_revoke(actor=request.user, token_id=token.pk)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
