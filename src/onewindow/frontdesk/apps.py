from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    name = "onewindow.frontdesk"
    verbose_name = "综合窗口"
