from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "onewindow.catalog"
    verbose_name = "事项清单"
    default_auto_field = "django.db.models.BigAutoField"
