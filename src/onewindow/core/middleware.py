from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import context


def request_ip(request: HttpRequest) -> str | None:
    # Behind the county's reverse proxy the proxy sets X-Real-IP; without one, REMOTE_ADDR.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with context.bind(ip=request_ip(request), memo=True):
            return self.get_response(request)
