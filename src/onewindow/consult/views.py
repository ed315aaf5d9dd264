"""The consultation pages under /window/consultations/: the fast logging form for the window,
the list with its filters and the overdue view, and one consultation with its refer,
follow-up and close forms.

Views translate: they parse the request, make one service or selector call, and render. A
refusal naming a field is shown next to that field with what was typed kept; any other
refusal (403 / 404 / 409) above the form or as a page — never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.core.errors import DomainError
from onewindow.core.permissions import scope_of

from . import selectors, services
from .forms import CloseForm, FollowUpForm, ListFilterForm, LogForm, ReferForm, staff_choices
from .models import Consultation
from .states import Outcome

PAGE_SIZE = 30
# The window the clerk last logged at, offered again on the next form.
LAST_WINDOW = "consult.window_id"

View = Callable[..., HttpResponseBase]


def domain_errors(view: View) -> View:
    """Show a refusal the person can read (403 / 404 / 409) instead of a stack trace."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return render(request, "consult/error.html", {"error": exc}, status=exc.status)

    return wrapper


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- logging ---------------------------------------------------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def log(request: HttpRequest) -> HttpResponse:
    user = request.user
    services.require_logger(user)  # 403 page for those who may not log
    error: DomainError | None = None
    status = 200
    if request.method == "POST":
        form = LogForm(request.POST, user=user)
        if form.is_valid():
            try:
                consultation = services.consultation_log(actor=user, **form.service_kwargs())
            except DomainError as exc:
                status = exc.status
                if not form.show(exc):
                    error = exc
            else:
                request.session[LAST_WINDOW] = consultation.window_id
                return _logged(request, consultation)
        else:
            status = 422
    else:
        form = LogForm(user=user, initial={"window_id": request.session.get(LAST_WINDOW)})
    return render(
        request,
        "consult/log.html",
        {
            "form": form,
            "error": error,
            "failed": status != 200,
            "follow_up_days": settings.CONSULT_FOLLOW_UP_DAYS,
        },
        status=status,
    )


def _logged(request: HttpRequest, c: Consultation) -> HttpResponse:
    if c.outcome == Outcome.ANSWERED:
        # Answered on the spot: straight back to an empty form for the next person.
        messages.success(request, f"已登记并办结 {c.number}（当场答复）。")
        return redirect("consult:log")
    if c.outcome == Outcome.REFERRED:
        to = " · ".join(
            x
            for x in (
                c.referred_department.name if c.referred_department else "",
                c.referred_window.name if c.referred_window else "",
                c.referred_to.name if c.referred_to else "",
            )
            if x
        )
        text = f"已登记 {c.number} 并转办至 {to}"
    else:
        text = f"已登记 {c.number}，需跟进"
    messages.success(request, f"{text}，请于 {c.follow_up_due:%Y-%m-%d} 前跟进答复咨询人。")
    return redirect("consult:detail", pk=c.pk)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def staff_options(request: HttpRequest) -> HttpResponse:
    """The `<option>`s of the 转办人员 select for the chosen department (htmx)."""
    selectors.require_staff(request.user)
    value = request.GET.get("to_department_id", "")
    department = int(value) if value.isdigit() else None
    return render(request, "consult/_staff_options.html", {"choices": staff_choices(department)})


# --- the list --------------------------------------------------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    selectors.require_staff(user)
    form = ListFilterForm(request.GET, user=user)
    filters = form.filters()
    today = timezone.localdate()
    try:
        rows = selectors.consultations(user, filters, today=today)
    except DomainError as exc:
        field = exc.details.get("field")
        form.add_error(field if field in form.fields else None, exc.message)
        rows = selectors.consultations(user, today=today)
    if filters.overdue:
        rows = rows.order_by("follow_up_due", "asked_at", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "today": today,
        "query": query.urlencode(),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "summary": selectors.summary(user, today=today),
        "can_log": _can_log(user),
    }
    template = "consult/_rows.html" if _htmx(request) else "consult/list.html"
    return render(request, template, context)


def _can_log(user: Any) -> bool:
    try:
        services.require_logger(user)
    except DomainError:
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD"])
def summary(request: HttpRequest) -> HttpResponse:
    """The workbench card's counts (loaded by htmx on the staff home page)."""
    scope = scope_of(request.user)
    counts = selectors.summary(request.user) if scope.is_staff else {}
    return render(request, "consult/_summary.html", {"counts": counts})


# --- one consultation ------------------------------------------------------------------------
def _page(
    request: HttpRequest,
    pk: int,
    *,
    error: DomainError | None = None,
    refer: ReferForm | None = None,
    follow_up: FollowUpForm | None = None,
    close: CloseForm | None = None,
    phone: str = "",
    status: int | None = None,
) -> HttpResponse:
    """The consultation page; a form passed in is the one that was sent and refused."""
    user = request.user
    c = selectors.consultation_detail(user, pk)
    actions = selectors.actions_for(c, user)
    sent = {"refer": refer, "follow_up": follow_up, "close": close}
    failed = next((slot for slot, form in sent.items() if form is not None), "")
    context = {
        "c": c,
        "today": timezone.localdate(),
        "follow_ups": selectors.follow_ups(c),
        "actions": actions,
        "refer_form": refer or ReferForm(hall_id=c.hall_id) if "refer" in actions else None,
        "follow_up_form": follow_up or FollowUpForm() if "follow_up" in actions else None,
        "close_form": close or CloseForm() if "close" in actions else None,
        "error": error,
        "failed": failed,
        "may_reveal_phone": selectors.may_reveal_phone(c, user),
        "phone": phone,
    }
    if status is None:
        status = error.status if error is not None else (422 if failed else 200)
    return render(request, "consult/detail.html", context, status=status)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


def _act(
    request: HttpRequest,
    pk: int,
    form: Any,
    call: Callable[[], Any],
    *,
    slot: str,
    done: str,
) -> HttpResponse:
    """Run one action's service with what its form sent; on a refusal show the page again
    with the form as it was sent and the message next to its field (or above it)."""
    selectors.consultation_detail(request.user, pk)  # 404 unless the person may see it
    if not form.is_valid():
        return _page(request, pk, **{slot: form})
    try:
        call()
    except DomainError as exc:
        if form.show(exc):
            return _page(request, pk, status=exc.status, **{slot: form})
        return _page(request, pk, error=exc, **{slot: form})
    messages.success(request, done)
    return redirect("consult:detail", pk=pk)


@login_required
@domain_errors
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.consultation_detail(request.user, pk)
    form = ReferForm(request.POST, hall_id=c.hall_id)
    return _act(
        request,
        pk,
        form,
        lambda: services.consultation_refer(
            actor=request.user, consultation_id=pk, **form.service_kwargs()
        ),
        slot="refer",
        done="已转办，被转办的人员会收到站内消息。",
    )


@login_required
@domain_errors
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a follow-up record. From htmx, answer with the records and a fresh form (or the
    form with its error) to swap in place."""
    form = FollowUpForm(request.POST)
    if not _htmx(request):
        return _act(
            request,
            pk,
            form,
            lambda: services.consultation_follow_up(
                actor=request.user,
                consultation_id=pk,
                note=form.cleaned_data.get("note") or "",
            ),
            slot="follow_up",
            done="跟进情况已记录。",
        )
    c = selectors.consultation_detail(request.user, pk)
    status, saved = 200, False
    if form.is_valid():
        try:
            services.consultation_follow_up(
                actor=request.user, consultation_id=pk, note=form.cleaned_data.get("note") or ""
            )
        except DomainError as exc:
            status = exc.status
            if not form.show(exc):
                form.add_error(None, exc.message)
        else:
            saved, form = True, FollowUpForm()
    else:
        status = 422
    return render(
        request,
        "consult/_follow_ups.html",
        {"c": c, "follow_ups": selectors.follow_ups(c), "follow_up_form": form, "saved": saved},
        status=status,
    )


@login_required
@domain_errors
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    form = CloseForm(request.POST)
    return _act(
        request,
        pk,
        form,
        lambda: services.consultation_close(
            actor=request.user,
            consultation_id=pk,
            result=form.cleaned_data.get("result") or "",
            asker_informed=bool(form.cleaned_data.get("asker_informed")),
        ),
        slot="close",
        done="咨询已办结。",
    )


@login_required
@domain_errors
@require_POST
def phone(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker's full number to call them back (audited): a fragment for htmx, else the
    page with the number shown."""
    selectors.consultation_detail(request.user, pk)
    number = services.consultation_reveal_phone(actor=request.user, consultation_id=pk)
    if _htmx(request):
        return render(request, "consult/_phone.html", {"phone": number})
    return _page(request, pk, phone=number)
