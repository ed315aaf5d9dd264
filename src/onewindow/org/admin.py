from django.contrib import admin

from onewindow.core.admin_mixins import AuditedAdmin

from .models import Department, Division, Hall, Window


@admin.register(Division)
class DivisionAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "level", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "uscc", "division", "is_platform_operator", "is_active"]
    list_filter = ["is_platform_operator", "is_active"]
    search_fields = ["name", "short_name", "uscc"]
    autocomplete_fields = ["division"]


class WindowInline(admin.TabularInline):
    model = Window
    extra = 0
    fields = ["number", "name", "kind", "opening_hours", "is_active"]


@admin.register(Hall)
class HallAdmin(AuditedAdmin):
    list_display = ["name", "kind", "division", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["division", "parent", "managing_department"]
    inlines = [WindowInline]


@admin.register(Window)
class WindowAdmin(AuditedAdmin):
    list_display = ["hall", "number", "name", "kind", "is_active"]
    list_filter = ["kind", "hall"]
    search_fields = ["name", "number", "hall__name"]
    filter_horizontal = ["departments"]
