"""URLs of the bundle pages on the portal: /portal/bundles/ (list, guide, application) and
/portal/bundle-cases/ (the applicant's bundle cases; notifications link to each one's page)."""

from __future__ import annotations

from django.urls import path

from . import views_portal as views

app_name = "bundles_portal"
urlpatterns = [
    path("bundles/", views.bundle_list, name="list"),
    path("bundles/<slug:code>/", views.guide, name="guide"),
    path("bundles/<slug:code>/apply/", views.apply, name="apply"),
    path("bundle-cases/", views.my_cases, name="cases"),
    path("bundle-cases/<int:bundle_case_id>/", views.case_page, name="case"),
]
