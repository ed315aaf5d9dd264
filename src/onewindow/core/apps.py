from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onewindow.core"
    verbose_name = "平台核心"
    default_auto_field = "django.db.models.BigAutoField"
