from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "onewindow.consult"
    verbose_name = "首问负责"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import services  # noqa: F401  (message templates)
