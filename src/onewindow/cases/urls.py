from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("inbox/", views.inbox, name="inbox"),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/<int:order_id>/", views.supervision_detail, name="supervision_detail"),
    path("supervision/<int:order_id>/<str:kind>/", views.supervision_act, name="supervision_act"),
    path("postchecks/", views.postcheck_list, name="postcheck_list"),
    path("postchecks/<int:check_id>/", views.postcheck_detail, name="postcheck_detail"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/actions/<str:action>/", views.act, name="act"),
    path("<int:case_id>/supervise/", views.supervise, name="supervise"),
    path("<int:case_id>/materials/<int:material_id>/", views.material_file, name="material_file"),
    path("<int:case_id>/notices/<int:notice_id>/pdf", views.notice_pdf, name="notice_pdf"),
]

# The public verification page, mounted at /verify/ (config.urls).
verify_urlpatterns = [
    path("", views.verify, name="verify_form"),
    path("<str:code>/", views.verify, name="verify"),
]
