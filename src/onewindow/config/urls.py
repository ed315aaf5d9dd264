from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from onewindow.cases.urls import verify_urlpatterns

from .api import api


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Paths under /api/v1/ that match no operation answer in the API's format."""
    return JsonResponse(
        {"code": "not_found", "message": f"接口 /api/v1/{rest} 不存在，请查阅 /api/v1/docs"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


admin.site.site_header = "眉县一体化政务服务平台 · 管理后台"
admin.site.site_title = "政务服务平台管理后台"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", api_not_found),
    path("services/", include("onewindow.catalog.urls")),
    path("cases/", include("onewindow.cases.urls")),
    path("assist/", include("onewindow.assist.urls")),
    path("window/consultations/", include("onewindow.consult.urls")),
    path("portal/", include("onewindow.portal.urls")),
    path("portal/", include("onewindow.bundles.urls_portal")),
    path("bundles/", include("onewindow.bundles.urls_workbench")),
    path("window/", include("onewindow.frontdesk.urls")),
    path("verify/", include((verify_urlpatterns, "verify"))),
    path("", include("onewindow.web.urls")),
]
