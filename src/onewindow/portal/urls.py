from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("apply/<int:item_id>/", views.apply, name="apply"),
    path("cases/", views.my_cases, name="my_cases"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/edit/", views.edit, name="edit"),
    path("cases/<int:case_id>/correct/", views.correct, name="correct"),
    path("cases/<int:case_id>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:case_id>/supply/", views.supply, name="supply"),
    path(
        "cases/<int:case_id>/materials/<int:row_id>/remove/",
        views.remove_material,
        name="remove_material",
    ),
]
