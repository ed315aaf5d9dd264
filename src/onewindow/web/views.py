from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases import selectors as case_selectors
from onewindow.core.errors import AuthenticationFailed
from onewindow.core.permissions import Role, scope_of
from onewindow.identity import selectors as identity_selectors
from onewindow.identity.services import login_check
from onewindow.notifications import selectors as notification_selectors
from onewindow.notifications import services as notification_services
from onewindow.org import selectors as org_selectors

HOME_TEMPLATES = {
    "citizen": "web/home_citizen.html",
    "enterprise": "web/home_citizen.html",
    "staff": "web/home_staff.html",
    Role.COUNTY_LEADER.value: "web/home_leader.html",
    Role.SYSTEM_ADMIN.value: "web/home_staff.html",
}


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    error, username = "", ""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        password = request.POST.get("password", "")
        if not username or not password:
            error = "请输入登录名和密码"
        else:
            try:
                user = login_check(username=username, password=password)
            except AuthenticationFailed as exc:
                error = exc.message
            else:
                login(request, user, backend="onewindow.identity.auth.LockoutModelBackend")
                if next_url and url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}
                ):
                    return redirect(next_url)
                return redirect("web:home")
    status = 400 if error else 200
    return render(
        request,
        "web/login.html",
        {
            "error": error,
            "username": username,
            "next": next_url,
            "max_failures": settings.LOGIN_MAX_FAILURES,
            "lock_minutes": settings.LOGIN_LOCK_MINUTES,
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
        },
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(
            request,
            "web/home_public.html",
            {
                "halls": org_selectors.halls()[:12],
                "departments": org_selectors.departments(),
            },
        )
    role = user.home_role
    context = {
        "home_role": role,
        "roles": [Role(r).label for r in sorted(user.role_codes)],
        "enterprises": identity_selectors.enterprises_of(user),
        "recent": notification_selectors.inbox(user)[:5],
    }
    if HOME_TEMPLATES[role] == "web/home_staff.html":
        context.update(_case_boxes(user))
    return render(request, HOME_TEMPLATES[role], context)


def _case_boxes(user: Any) -> dict[str, Any]:
    """The staff member's case inboxes with how many cases wait in each."""
    counts = case_selectors.counts(user)
    return {
        "case_boxes": [
            {
                "box": box,
                "count": counts.get(box.code, 0),
                "capped": counts.get(box.code, 0) >= case_selectors.COUNT_CAP,
            }
            for box in case_selectors.boxes_for(user)
        ],
        "can_supervise": scope_of(user).has_role(
            Role.SUPERVISOR, Role.COUNTY_LEADER, Role.DEPT_ADMIN
        ),
    }


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_selectors.inbox(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "web/notifications.html", {"page": page})


def bell(request: HttpRequest) -> HttpResponse:
    """The unread badge, polled by htmx every 30 seconds. When the session has ended, tell
    htmx to take the whole page to the login form instead of swapping it into the navbar."""
    if not request.user.is_authenticated:
        response = HttpResponse("")
        current = urlsplit(request.headers.get("HX-Current-URL", "/"))
        response["HX-Redirect"] = f"{reverse('web:login')}?{urlencode({'next': current.path})}"
        return response
    return render(
        request, "web/_bell.html", {"unread": notification_selectors.unread_count(request.user)}
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notification_services.mark_read(actor=request.user, ids=ids)
    if request.headers.get("HX-Request"):
        return bell(request)
    return redirect("web:notifications")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
