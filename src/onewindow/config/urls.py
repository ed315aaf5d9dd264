from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "眉县一体化政务服务平台 · 管理后台"
admin.site.site_title = "政务服务平台管理后台"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("onewindow.web.urls")),
]
