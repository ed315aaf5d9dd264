from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "onewindow.notifications"
    verbose_name = "消息通知"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic retry sweep)
