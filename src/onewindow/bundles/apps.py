from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "onewindow.bundles"
    verbose_name = "高效办成一件事"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import services  # noqa: F401  (follows member cases; message templates)
