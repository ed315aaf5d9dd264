from django.urls import path

from . import views

app_name = "frontdesk"

urlpatterns = [
    path("", views.reception, name="reception"),
    path("register/", views.register, name="register"),
    path("start/", views.start, name="start"),
    path("intake/<int:case_id>/", views.intake, name="intake"),
    path("issued/<int:case_id>/", views.issued, name="issued"),
    path("proxy/", views.proxy_list, name="proxy_list"),
    path("delivery/", views.delivery_queue, name="delivery_queue"),
    path("delivery/<int:case_id>/", views.deliver, name="deliver"),
]
