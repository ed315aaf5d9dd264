"""URLs of the bundle pages (portal: /portal/bundles/, /portal/bundle-cases/). Filled in by the pages work."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "bundles_portal"
urlpatterns: list[URLPattern] = []
