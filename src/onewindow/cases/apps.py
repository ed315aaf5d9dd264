from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "onewindow.cases"
    verbose_name = "办件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import notices, tasks  # noqa: F401  (message templates and periodic jobs)
