"""Django admin changes are state changes too: this mixin audits them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from . import audit


def _summary(obj: models.Model) -> dict[str, Any]:
    # Secrets and ciphertexts stay out of the trail; the masked forms are recorded instead.
    hidden = ("password", "_enc", "digest")
    names = [f.name for f in obj._meta.concrete_fields if not f.name.endswith(hidden)]
    return audit.snapshot(obj, names)


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change:
                old = type(obj).objects.filter(pk=obj.pk).first()
                before = _summary(old) if old is not None else None
            super().save_model(request, obj, form, change)
            audit.record(
                code=f"{obj._meta.label_lower}.admin_{'changed' if change else 'added'}",
                actor=request.user,
                obj=obj,
                before=before,
                after=_summary(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            before = _summary(obj)
            label, pk, text = obj._meta.label_lower, str(obj.pk), str(obj)
            super().delete_model(request, obj)
            audit.record(
                code=f"{label}.admin_deleted",
                actor=request.user,
                object_type=label,
                object_id=pk,
                object_repr=text,
                before=before,
            )

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
