from django.apps import AppConfig


class AssistConfig(AppConfig):
    name = "onewindow.assist"
    verbose_name = "帮办代办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (the periodic job that fills the action log)
