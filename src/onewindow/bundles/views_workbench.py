"""The staff workbench pages of bundles (一件事): the lead department's coordination list
(牵头协调), one bundle case with its members, single timeline and the unified delivery
(统一出件), and the fully-online measure per bundle (全程网办率).

Views translate: they parse the request, call a selector or one service, and render. A
refusal (403 / 404 / 409 / 422) is shown as a page, or above the delivery form with what was
typed kept; it is never a 500."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases import selectors as case_selectors
from onewindow.cases.models import CaseChannel, CaseState, ClockPolicy
from onewindow.cases.services import DELIVERY_METHODS
from onewindow.cases.views import domain_errors
from onewindow.core.errors import DomainError, PermissionDenied
from onewindow.core.permissions import Role, require_role, scope_of

from . import selectors, services
from .models import BundleCase, BundleCaseStatus, MemberStatus

PAGE_SIZE = 30
# The coordination list's status filter: "open" (not finished) first, then each status.
STATUS_FILTERS = {
    "open": "未办结",
    **{s.value: str(s.label) for s in BundleCaseStatus},
    "all": "全部",
}
# Who sees the fully-online measure (全程网办率): those who answer for the hall's service.
REPORT_ROLES = (
    Role.HALL_ADMIN,
    Role.SUPERVISOR,
    Role.COUNTY_LEADER,
    Role.DEPT_ADMIN,
    Role.SYSTEM_ADMIN,
)
# Member statuses that count as done on the progress strip.
MEMBER_DONE = (MemberStatus.GRANTED, MemberStatus.REFUSED, MemberStatus.CANCELLED)


def _require_coordinator(user: Any) -> None:
    if not selectors.is_coordinator(user):
        raise PermissionDenied(
            "一件事协调页面只对窗口人员、审批人员、部门管理员、大厅管理员和全县性岗位开放"
        )


def _require_staff(user: Any) -> None:
    if not scope_of(user).is_staff:
        raise PermissionDenied("此页面只对工作人员开放")


def _with_level(rows: list[BundleCase]) -> list[BundleCase]:
    """Mark each row 临期 / 超期 the way case rows are (`cases/_clock.html` reads `level`)."""
    policy = ClockPolicy.current()
    for bc in rows:
        remaining = bc.remaining
        bc.level = (  # type: ignore[attr-defined]
            ""
            if remaining is None
            else "overdue"
            if remaining < 0
            else "near"
            if remaining <= policy.near_threshold(bc.promised_limit)
            else ""
        )
    return rows


def _progress_html(bc: BundleCase) -> SafeString:
    """The progress strip of `bundles/workbench/_progress.html`, built in Python: a page has
    about 300 member pills, and rendering them was most of the page's time. Every value
    from the database is escaped; the classes and statuses are the code's own."""
    pills = []
    for n, m in enumerate(bc.brief, 1):
        name = escape(m.name)
        label = escape(m.get_status_display())
        dept = f"（{escape(m.department_name)}）" if m.department_name else ""
        pills.append(
            f'<span class="badge rounded-pill {m.pill}" title="{name}：{label}{dept}"'
            f' data-testid="member-pill" data-status="{escape(m.status)}">{n}'
            f'<span class="visually-hidden">{name}：{label}</span></span>'
        )
    return mark_safe(  # noqa: S308 — built from escaped values above
        '<div class="d-flex flex-wrap align-items-center gap-1" data-testid="progress">'
        f'<span class="small text-nowrap me-1" data-testid="progress-count">'
        f"{bc.member_done}/{bc.member_total} 项办结</span>" + "".join(pills) + "</div>"
    )


def _render_parts(rows: list[BundleCase]) -> list[BundleCase]:
    """Render each row's status, progress strip and clock once: the page shows them twice
    (a table for desktops, cards for phones)."""
    status = get_template("bundles/workbench/_status.html")
    clock = get_template("cases/_clock.html")
    for bc in rows:
        context = {"bc": bc, "c": bc}
        bc.status_html = status.render(context)  # type: ignore[attr-defined]
        bc.clock_html = clock.render(context)  # type: ignore[attr-defined]
        bc.progress_html = _progress_html(bc)  # type: ignore[attr-defined]
    return rows


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100_000 else 1


# --- coordination list -----------------------------------------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def coordination(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_coordinator(user)
    status = request.GET.get("status", "open")
    if status not in STATUS_FILTERS:
        status = "open"
    bundles = list(selectors.published())
    codes = {b.code for b in bundles}
    code = request.GET.get("bundle", "")
    if code not in codes:
        code = ""
    number = _page_number(request.GET.get("page"))
    rows = selectors.coordination(
        user,
        status="" if status == "all" else status,
        bundle=code,
        limit=PAGE_SIZE + 1,  # one more tells whether there is a next page
        offset=(number - 1) * PAGE_SIZE,
    )
    has_next = len(rows) > PAGE_SIZE
    rows = _render_parts(_with_level(rows[:PAGE_SIZE]))
    query = QueryDict(mutable=True)
    query.update({"status": status, **({"bundle": code} if code else {})})
    scope = scope_of(user)
    return render(
        request,
        "bundles/workbench/coordination.html",
        {
            "rows": rows,
            "status": status,
            "status_label": STATUS_FILTERS[status],
            "filters": STATUS_FILTERS,
            "bundles": bundles,
            "bundle": code,
            "page_number": number,
            "has_previous": number > 1,
            "has_next": has_next,
            "query": query.urlencode(),
            "reach": "全县" if scope.county_wide else "本部门牵头",
            "member_done": MEMBER_DONE,
            "can_report": scope.has_role(*REPORT_ROLES),
        },
    )


# --- one bundle case -------------------------------------------------------------------------
def _answers(bc: BundleCase) -> list[tuple[str, str]]:
    """The situation answers in words: question text → the chosen option's label."""
    rows = []
    asked = set()
    for q in bc.version.questions or []:
        key = str(q.get("key", ""))
        asked.add(key)
        if key not in (bc.answers or {}):
            continue
        value = str(bc.answers[key])
        labels = {str(o[0]): str(o[1]) for o in q.get("options", []) if len(o) >= 2}
        rows.append((str(q.get("text") or key), labels.get(value, value)))
    rows += [(k, str(v)) for k, v in (bc.answers or {}).items() if k not in asked]
    return rows


def _may_deliver(bc: BundleCase, user: Any) -> bool:
    """Whether this person may hand over every decided member's result (a window clerk of
    the hall the member cases belong to)."""
    if bc.status != BundleCaseStatus.READY:
        return False
    decided = [
        m.case
        for m in bc.members.all()
        if m.case is not None and m.case.state in (CaseState.APPROVED, CaseState.DENIED)
    ]
    return bool(decided) and all(
        any(a["action"] == "deliver" for a in case_selectors.actions_for(c, user)) for c in decided
    )


def _detail(
    request: HttpRequest,
    bundle_case_id: int,
    *,
    error: DomainError | None = None,
    posted: QueryDict | None = None,
) -> HttpResponse:
    user = request.user
    _require_staff(user)
    bc = selectors.bundle_case(user, bundle_case_id)  # 404 unless the person may see it
    _with_level([bc])
    members = list(bc.members.all())
    case_selectors.with_clock([m.case for m in members if m.case is not None])
    may_deliver = _may_deliver(bc, user)
    context = {
        "bc": bc,
        "members": members,
        "answers": _answers(bc),
        "channel": dict(CaseChannel.choices).get(bc.channel, bc.channel),
        "timeline": selectors.timeline(bc),
        "notices": bc.notices.all(),
        "may_deliver": may_deliver,
        "posted": posted if posted is not None else {},
        # A refusal is shown above the delivery form when the form is there, else on top.
        "form_error": error if may_deliver else None,
        "page_error": None if may_deliver else error,
        "error_field": error.details.get("field", "") if error is not None else "",
        "can_coordinate": selectors.is_coordinator(user),
    }
    return render(
        request,
        "bundles/workbench/detail.html",
        context,
        status=error.status if error is not None else 200,
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, bundle_case_id: int) -> HttpResponse:
    return _detail(request, bundle_case_id)


@login_required
@domain_errors
@require_POST
def deliver(request: HttpRequest, bundle_case_id: int) -> HttpResponse:
    """统一出件: every member's result at once, with one identity check and one signature."""
    user = request.user
    _require_staff(user)
    bc = selectors.bundle_case(user, bundle_case_id)  # 404 unless the person may see it
    post = request.POST
    try:
        bc = services.bundle_deliver(
            actor=user,
            bundle_case_id=bc.pk,
            method=post.get("method", ""),
            collector_name=post.get("collector_name", ""),
            collector_id_number=post.get("collector_id_number", ""),
            by_applicant=post.get("by_applicant", "1") == "1",
            signature=post.get("signature", ""),
            courier=post.get("courier", ""),
            tracking_number=post.get("tracking_number", ""),
            address=post.get("address", ""),
            note=post.get("note", ""),
        )
    except DomainError as exc:
        return _detail(request, bundle_case_id, error=exc, posted=post)
    method = DELIVERY_METHODS.get(post.get("method", ""), "")
    messages.success(
        request,
        f"一件事 {bc.number} 已统一出件（{method}），当前状态为“{bc.get_status_display()}”。",
    )
    return redirect("bundles:detail", bundle_case_id=bc.pk)


# --- fully-online measure --------------------------------------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def report(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *REPORT_ROLES)
    rows = selectors.fully_online_report(request.user)
    finished = sum(r.finished for r in rows)
    online = sum(r.fully_online for r in rows)
    return render(
        request,
        "bundles/workbench/report.html",
        {
            "rows": rows,
            "finished": finished,
            "fully_online": online,
            "open": sum(r.open for r in rows),
            "share": online / finished if finished else None,
        },
    )
