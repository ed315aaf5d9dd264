from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.item_new, name="item_new"),
    path("manage/versions/<int:version_id>/edit/", views.version_edit, name="version_edit"),
    path("manage/versions/<int:version_id>/submit/", views.version_submit, name="version_submit"),
    path("manage/versions/<int:version_id>/files/", views.material_files, name="material_files"),
    path(
        "manage/versions/<int:version_id>/withdraw/",
        views.version_withdraw,
        name="version_withdraw",
    ),
    path(
        "manage/items/<int:item_id>/new-draft/", views.version_new_draft, name="version_new_draft"
    ),
    path("manage/items/<int:item_id>/halls/", views.item_halls, name="item_halls"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:version_id>/", views.review, name="review"),
    path("quality/", views.quality_report, name="quality"),
    path("exchange/", views.exchange, name="exchange"),
    path("exchange/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("exchange/imports/<int:job_id>/", views.import_job, name="import_job"),
    # Last: any other single segment is an item's code.
    path("<str:code>/", views.guide, name="guide"),
]
