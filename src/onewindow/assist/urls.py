from django.urls import path

from . import views

app_name = "assist"

urlpatterns = [
    path("", views.home, name="home"),
    path("assign/", views.assign, name="assign"),
    path("assignments/<int:assignment_id>/reassign/", views.reassign, name="reassign"),
    path("assignments/<int:assignment_id>/end/", views.end, name="end"),
    path("helpers/add/", views.helper_add, name="helper_add"),
    path("helpers/<int:profile_id>/", views.helper_page, name="helper"),
    path("helpers/<int:profile_id>/edit/", views.helper_edit, name="helper_edit"),
    path("projects/add/", views.project_add, name="project_add"),
    path("projects/<int:project_id>/", views.project_page, name="project"),
    path("projects/<int:project_id>/cases/", views.project_case, name="project_case"),
    path("projects/<int:project_id>/status/", views.project_status, name="project_status"),
    path("consents/new/", views.consent_new, name="consent_new"),
    path("consents/<int:consent_id>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("my/", views.my, name="my"),
    path("my/consent/", views.my_consent, name="my_consent"),
]
