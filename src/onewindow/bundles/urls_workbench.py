"""URLs of the bundle pages on the staff workbench, mounted at /bundles/: the lead
department's coordination list (牵头协调), one bundle case with its unified delivery, and
the fully-online measure (全程网办率)."""

from __future__ import annotations

from django.urls import path

from . import views_workbench as views

app_name = "bundles"
urlpatterns = [
    path("", views.coordination, name="coordination"),
    path("cases/<int:bundle_case_id>/", views.detail, name="detail"),
    path("cases/<int:bundle_case_id>/deliver/", views.deliver, name="deliver"),
    path("report/", views.report, name="report"),
]
