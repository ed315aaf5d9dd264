"""URLs of the bundle pages (workbench: /bundles/ — the lead department coordination view). Filled in by the pages work."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "bundles"
urlpatterns: list[URLPattern] = []
