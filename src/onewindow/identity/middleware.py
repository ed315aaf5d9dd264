"""Idle timeout that background polling cannot defeat.

The session cookie lives for a working day at most; what ends a session is
`SESSION_IDLE_MINUTES` without a request from the person. Requests that htmx makes on its
own (the notification bell's poll, marked with the `X-OW-Poll` header) do not count as
activity, so a tab left open still times out.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

KEY = "ow_last_activity"
POLL_HEADER = "X-OW-Poll"
# Rewrite the timestamp at most this often, so not every request writes the session row.
RESOLUTION_SECONDS = 30


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(KEY, now)
            if now - last > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.warning(request, "长时间未操作，已自动退出，请重新登录。")
            else:
                is_activity = POLL_HEADER not in request.headers
                if KEY not in request.session or (is_activity and now - last >= RESOLUTION_SECONDS):
                    request.session[KEY] = now
        return self.get_response(request)
