from django.urls import path

from . import views

app_name = "consult"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.log, name="log"),
    path("staff-options/", views.staff_options, name="staff_options"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/refer/", views.refer, name="refer"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/phone/", views.phone, name="phone"),
]
