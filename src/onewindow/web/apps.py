from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "onewindow.web"
    verbose_name = "页面"
