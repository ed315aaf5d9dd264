"""The NinjaAPI root at /api/v1/: authentication, the error format, and every app's router.

Errors are always JSON `{"code": ..., "message": ...}` with a 4xx status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from onewindow.core.errors import DomainError


class BearerToken(HttpBearer):
    """`Authorization: Bearer ow_...` tokens issued by administrators to systems/terminals."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from onewindow.identity.services import token_authenticate

        user = token_authenticate(token)
        request.user = user
        return user


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese text as is, not \\u escapes: readable in logs and terminals."""

    json_dumps_params = {"ensure_ascii": False}


class Session(SessionAuth):
    """The browser's login session; unsafe methods need the CSRF token (X-CSRFToken)."""


api = NinjaAPI(
    title="眉县一体化政务服务平台 API",
    version="1.0.0",
    description=(
        "PC 门户、移动端、窗口工作台、自助终端与部门系统共用的同一套接口。"
        "浏览器使用登录会话（修改类请求须带 X-CSRFToken 请求头）；"
        "部门系统和终端使用管理员签发的令牌：`Authorization: Bearer <token>`。"
        '错误统一返回 JSON `{"code": ..., "message": ...}` 与 4xx 状态码。'
    ),
    auth=[BearerToken(), Session()],
    renderer=ChineseJSONRenderer(),
    urls_namespace="api",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


# Pydantic error types in words a person can act on; anything else falls back to 格式不正确.
_KINDS = {
    "missing": "缺少必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "datetime_parsing": "应为日期时间，如 2026-12-31T17:00:00+08:00",
    "datetime_from_date_parsing": "应为日期时间，如 2026-12-31T17:00:00+08:00",
    "datetime_type": "应为日期时间，如 2026-12-31T17:00:00+08:00",
    "date_parsing": "应为日期，如 2026-12-31",
    "date_from_datetime_parsing": "应为日期，如 2026-12-31",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "json_invalid": "不是有效的 JSON",
}


def _describe(error: dict[str, Any]) -> str:
    # loc is ("body", "payload", "field", ...) or ("query", "field"): keep the field path.
    parts = [str(p) for p in error.get("loc", ())]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    loc = ".".join(parts) or "请求体"
    return f"{loc}：{_KINDS.get(error.get('type', ''), '格式不正确')}"


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = list(exc.errors)
    message = "；".join(_describe(e) for e in errors[:5]) or "请求格式不正确"
    return _error(request, 422, "invalid", message, errors=errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "请先登录，或在请求头中提供有效的令牌")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return _error(request, 422, "invalid", "请求体不是有效的 JSON，请检查格式")
    if exc.status_code == 403 and "CSRF" in str(exc):
        return _error(request, 403, "csrf_failed", "CSRF 校验失败：请刷新页面后重试")
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "请求的对象不存在")


@api.exception_handler(DjangoPermissionDenied)
def _forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", str(exc) or "没有权限")


def _register_routers() -> None:
    from onewindow.assist.api import router as assist_router
    from onewindow.bundles.api import router as bundles_router
    from onewindow.cases.api import router as cases_router
    from onewindow.cases.api import verify_router
    from onewindow.catalog.api import router as catalog_router
    from onewindow.catalog.api_exchange import router as exchange_router
    from onewindow.consult.api import router as consult_router
    from onewindow.core.api import router as core_router
    from onewindow.frontdesk.api import router as window_router
    from onewindow.identity.api import router as identity_router
    from onewindow.notifications.api import router as notifications_router
    from onewindow.org.api import router as org_router
    from onewindow.portal.api import router as portal_router

    api.add_router("/org", org_router)
    api.add_router("/identity", identity_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/audit", core_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/catalog", exchange_router)
    api.add_router("/cases", cases_router)
    api.add_router("/assist", assist_router)
    api.add_router("/verify", verify_router)
    api.add_router("/portal", portal_router)
    api.add_router("/window", window_router)
    api.add_router("/consultations", consult_router)
    api.add_router("/bundles", bundles_router)


_register_routers()
