from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "onewindow.identity"
    verbose_name = "账户与角色"
    default_auto_field = "django.db.models.BigAutoField"
