"""The staff workbench pages of the case engine: the inboxes, one case with everything on it
and a form for each action the person may take now, and the supervision orders.

Views translate: they parse the request, call a selector or one service, and render. A
refusal (403 / 404 / 409 / 422) is shown as a page or as an alert above the form that was
sent, with what was typed kept; it is never a 500."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, Scope, scope_of
from onewindow.identity import selectors as identity_selectors
from onewindow.identity.models import User
from onewindow.org import selectors as org_selectors

from . import commitment, selectors, services, supervision
from .documents import notice_response, verification
from .forms import ActionForm, SuperviseForm, SupervisionEventForm, action_service, error_text
from .models import (
    BEFORE_ACCEPTANCE,
    Case,
    CaseState,
    PostCheck,
    Revocation,
    SupervisionOrder,
)

PAGE_SIZE = 50
SUPERVISION_PAGE_SIZE = 30
# Roles that handle cases themselves (and so have a personal inbox: "我的").
HANDLING_ROLES = (Role.WINDOW_CLERK, Role.APPROVER, Role.DEPT_ADMIN)
# The action that is opened first on a case page when nothing else asks to be.
PRIMARY = ("submit", "resubmit", "accept", "pass", "approve", "end_special", "deliver")

View = Callable[..., HttpResponseBase]


def _error_page(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "cases/error.html", {"error": exc}, status=exc.status)


def domain_errors(view: View) -> View:
    """Show a refusal the person can read (403 / 404 / 409) instead of a stack trace."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return _error_page(request, exc)

    return wrapper


def _require_staff(user: Any) -> Scope:
    scope = scope_of(user)
    if not scope.is_staff:
        raise PermissionDenied("此页面只对工作人员开放")
    return scope


# --- inboxes ----------------------------------------------------------------------------------
def _reach_label(scope: Scope, box: selectors.Box) -> str:
    if scope.county_wide and scope.has_role(Role.SUPERVISOR, Role.COUNTY_LEADER):
        return "全县"
    if Role.WINDOW_CLERK in box.roles and scope.has_role(Role.WINDOW_CLERK):
        return "本大厅"
    return "本部门"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("cases:inbox")


class CappedPaginator(Paginator):
    """Counts at most `selectors.COUNT_CAP` rows: a box of a million-case county shows
    "1000+" and the first 20 pages, without counting every row on each view."""

    @cached_property
    def count(self) -> int:
        return selectors.capped_count(cast(QuerySet[Case], self.object_list))


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    boxes = selectors.boxes_for(user)
    if not boxes:
        raise PermissionDenied(
            "您的岗位没有办件收件箱：窗口人员、审批人员、部门管理员、督查人员和县领导才有"
        )
    code = request.GET.get("box") or boxes[0].code
    box = selectors.BOXES.get(code)
    handles = box is not None and scope.has_role(*(set(HANDLING_ROLES) & set(box.roles)))
    mine = handles and request.GET.get("mine") == "1"
    rows = selectors.inbox(user, code, mine=mine)  # 404 unknown box, 403 not for this role
    assert box is not None
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    cases = selectors.with_clock(page.object_list)
    counts = selectors.counts(user)
    return render(
        request,
        "cases/inbox.html",
        {
            "box": box,
            "tabs": [{"box": b, "count": counts.get(b.code, 0)} for b in boxes],
            "cap": selectors.COUNT_CAP,
            "page": page,
            "cases": cases,
            "mine": mine,
            "handles": handles,
            "reach": _reach_label(scope, box),
            "before_acceptance": code in ("to_accept", "correction"),
            "can_supervise": scope.has_role(*supervision.SUPERVISING_ROLES)
            or scope.has_role(Role.DEPT_ADMIN),
        },
    )


# --- one case ---------------------------------------------------------------------------------
def _display(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_display(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_display(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def _form_rows(case: Case) -> list[tuple[str, str]]:
    """The application form in the order of the version's fields, with their labels."""
    labels = {f.element.key: f.display_label for f in case.version.fields.select_related("element")}
    data = dict(case.form_data or {})
    rows = [(label, _display(data.pop(key))) for key, label in labels.items() if key in data]
    return rows + [(key, _display(value)) for key, value in data.items()]


def _steps(case: Case) -> list[dict[str, Any]]:
    """The review steps with their departments, marking the current one."""
    ids = [s.get("department") for s in case.steps or [] if isinstance(s, dict)]
    names: dict[Any, str] = dict(
        org_selectors.departments(active_only=False)
        .filter(pk__in=[i for i in ids if isinstance(i, int)])
        .values_list("pk", "short_name")
    )
    reviewing = case.state in (CaseState.REVIEWING, CaseState.SPECIAL)
    return [
        {
            "name": s.get("name", ""),
            "department": names.get(s.get("department"), ""),
            "role": Role(s["role"]).label if s.get("role") in Role.values else "",
            "current": reviewing and i == case.step_index,
            "done": (reviewing and i < case.step_index)
            or case.state
            in (CaseState.APPROVED, CaseState.DENIED, CaseState.DELIVERED, CaseState.ARCHIVED),
        }
        for i, s in enumerate(case.steps or [])
        if isinstance(s, dict)
    ]


def _people(user: Any, case: Case) -> list[tuple[int, str]]:
    """Who may be named responsible on a supervision order about this case."""
    staff = (
        identity_selectors.staff_visible_to(user)
        .filter(
            kind=User.Kind.STAFF,
            is_active=True,
            department_id__in={case.current_department_id, case.department_id},
        )
        .select_related("department")
        .order_by("department_id", "name")
    )
    return [(u.pk, f"{u.name}（{u.department.short_name if u.department else ''}）") for u in staff]


def _case_orders(user: Any, case: Case) -> list[SupervisionOrder]:
    content_type = ContentType.objects.get_for_model(Case)
    return list(
        selectors.supervision_orders(user).filter(subject_type=content_type, subject_id=case.pk)
    )


def _detail(
    request: HttpRequest,
    case_id: int,
    *,
    error: DomainError | None = None,
    failed: ActionForm | None = None,
    supervise_form: SuperviseForm | None = None,
) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    case = selectors.case_detail(user, case_id)
    forms = []
    for a in selectors.actions_for(case, user):
        if failed is not None and failed.action == a["action"]:
            form = failed
        else:
            form = ActionForm(a["action"], case=case, requires=a["requires"])
        form.title = a["label"]
        forms.append(form)
    opened = failed.action if failed is not None and failed in forms else ""
    if not opened:
        # The main step of the stage is opened; a refusal or withdrawal never is.
        opened = next((f.action for f in forms if f.action in PRIMARY and f.has_inputs), "")
    orders = _case_orders(user, case) if scope.is_staff else []
    may_supervise = (
        scope.has_role(*supervision.SUPERVISING_ROLES)
        and not any(o.state == SupervisionOrder.State.OPEN for o in orders)
        and case.state != CaseState.DRAFT
    )
    if may_supervise and supervise_form is None:
        supervise_form = SuperviseForm(people=_people(user, case))
    context = {
        "case": case,
        "staff": scope.is_staff,
        "error": error,
        "failed_action": failed.action
        if failed is not None
        else ("supervise" if error is not None and supervise_form is not None else ""),
        "forms": forms,
        "opened": opened,
        "form_rows": _form_rows(case),
        "steps": _steps(case),
        "materials": case.materials.select_related("uploaded_by"),
        "notices": case.notices.all(),
        "timeline": case.timeline.select_related("department"),
        "corrections": case.corrections.select_related("issued_by"),
        "specials": case.special_procedures.select_related("kind"),
        "extensions": case.extensions.select_related("approved_by"),
        "orders": orders,
        "supervise_form": supervise_form if may_supervise else None,
        "before_acceptance": case.state in BEFORE_ACCEPTANCE,
        "back": reverse("cases:inbox") if selectors.boxes_for(user) else reverse("web:home"),
    }
    return render(request, "cases/detail.html", context, status=error.status if error else 200)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _detail(request, case_id)


def _after(request: HttpRequest, case: Case) -> HttpResponse:
    """Back to the case when the person may still see it, else to the inbox they came from."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    if selectors.visible_cases(request.user).filter(pk=case.pk).exists():
        return redirect("cases:detail", case_id=case.pk)
    return redirect("cases:inbox" if selectors.boxes_for(request.user) else "web:home")


@login_required
@domain_errors
@require_POST
def act(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """Take one lifecycle action on the case with what its form sent."""
    user = request.user
    if action not in services.ACTIONS:
        raise NotFound(f"没有“{action}”这个办理动作")
    case = selectors.case_detail(user, case_id)  # 404 unless the person may see the case
    available = {a["action"]: a for a in selectors.actions_for(case, user)}
    requires = available[action]["requires"] if action in available else []
    form = ActionForm(action, case=case, requires=requires, data=request.POST)
    if not form.is_valid():
        return _detail(request, case_id, error=InvalidInput(form.error_text()), failed=form)
    notices_before = case.notices.count()
    try:
        case = action_service(action)(actor=user, case_id=case.pk, **form.kwargs())
    except DomainError as exc:
        return _detail(request, case_id, error=exc, failed=form)
    label = available[action]["label"] if action in available else action
    text = f"办件 {case.number or ''}：{label}已完成，当前状态为“{case.get_state_display()}”。"
    notice = case.notices.order_by("-id").first() if case.notices.count() > notices_before else None
    if notice is not None:
        text += f"已出具《{notice.title}》（{notice.number}）并通知申请人。"
    messages.success(request, text)
    return _after(request, case)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def material_file(request: HttpRequest, case_id: int, material_id: int) -> HttpResponseBase:
    """A material's file, to those who may see the case (never a public media URL)."""
    case = selectors.case_detail(request.user, case_id)
    material = case.materials.filter(pk=material_id).first()
    if material is None or not material.file:
        raise NotFound("该材料没有上传文件")
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise NotFound("文件已不在存储中，请联系系统管理员") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=material.original_name or material.file.name.rsplit("/", 1)[-1],
        content_type=material.content_type or "application/octet-stream",
    )


@login_required
@domain_errors
@require_POST
def supervise(request: HttpRequest, case_id: int) -> HttpResponse:
    """Open a supervision order on the case (督查人员、县领导)."""
    user = request.user
    case = selectors.case_detail(user, case_id)
    form = SuperviseForm(request.POST, people=_people(user, case))
    if not form.is_valid():
        return _detail(request, case_id, error=InvalidInput(error_text(form)), supervise_form=form)
    data = form.cleaned_data
    try:
        order = supervision.open_order(
            actor=user,
            subject=case,
            label=f"{case.number or ''} {case.item_name}".strip(),
            department_id=case.current_department_id,
            reason=data.get("reason") or "",
            responsible_id=data.get("responsible"),
            reply_due=data.get("reply_due"),
        )
    except DomainError as exc:
        return _detail(request, case_id, error=exc, supervise_form=form)
    who = f"，已通知责任人{order.responsible.name}" if order.responsible else ""
    messages.success(request, f"已开具督办单 {order.number}{who}。")
    return redirect("cases:supervision_detail", order_id=order.pk)


# --- supervision ------------------------------------------------------------------------------
STATE_FILTERS = {"open": "督办中", "closed": "已办结", "all": "全部"}


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def supervision_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    state = request.GET.get("state", "open")
    if state not in STATE_FILTERS:
        state = "open"
    orders = selectors.supervision_orders(request.user, state=None if state == "all" else state)
    page = Paginator(orders, SUPERVISION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/supervision_list.html",
        {
            "page": page,
            "state": state,
            "state_label": STATE_FILTERS[state],
            "filters": STATE_FILTERS,
            "today": timezone.localdate(),
            "case_type_id": ContentType.objects.get_for_model(Case).pk,
        },
    )


def _supervision_page(
    request: HttpRequest,
    order_id: int,
    *,
    error: DomainError | None = None,
    failed: SupervisionEventForm | None = None,
) -> HttpResponse:
    user = request.user
    scope = _require_staff(user)
    order = selectors.supervision_orders(user).filter(pk=order_id).first()
    if order is None:
        raise NotFound("督办单不存在或您无权查看")
    case = None
    if order.subject_type_id == ContentType.objects.get_for_model(Case).pk:
        found = selectors.visible_cases(user).filter(pk=order.subject_id)
        case = next(iter(selectors.with_clock(found.select_related("current_department"))), None)
    kinds: list[str] = []
    if order.state == SupervisionOrder.State.OPEN:
        if scope.has_role(*supervision.SUPERVISING_ROLES):
            kinds += ["follow_up", "talk"]
        if user.pk == order.responsible_id or (
            scope.has_role(Role.DEPT_ADMIN) and order.department_id in scope.department_ids
        ):
            kinds.append("reply")
        if scope.has_role(*supervision.SUPERVISING_ROLES):
            kinds.append("close")
    forms = [
        failed if failed is not None and failed.kind == kind else SupervisionEventForm(kind)
        for kind in kinds
    ]
    return render(
        request,
        "cases/supervision_detail.html",
        {
            "order": order,
            "case": case,
            "events": order.events.select_related("actor"),
            "forms": forms,
            "opened": failed.kind if failed is not None else (kinds[0] if len(kinds) == 1 else ""),
            "error": error,
        },
        status=error.status if error else 200,
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def supervision_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    return _supervision_page(request, order_id)


@login_required
@domain_errors
@require_POST
def supervision_act(request: HttpRequest, order_id: int, kind: str) -> HttpResponse:
    user = request.user
    _require_staff(user)
    if kind not in SupervisionEventForm.KINDS:
        raise NotFound(f"督办单上没有“{kind}”这项操作")
    if not selectors.supervision_orders(user).filter(pk=order_id).exists():
        raise NotFound("督办单不存在或您无权查看")
    form = SupervisionEventForm(kind, request.POST)
    if not form.is_valid():
        return _supervision_page(
            request, order_id, error=InvalidInput(form.error_text()), failed=form
        )
    note = form.cleaned_data.get("note") or ""
    try:
        if kind == "follow_up":
            supervision.follow_up(actor=user, order_id=order_id, note=note)
        elif kind == "reply":
            supervision.reply(actor=user, order_id=order_id, note=note)
        elif kind == "talk":
            supervision.talk(
                actor=user,
                order_id=order_id,
                note=note,
                participants=form.cleaned_data.get("participants") or "",
                talk_on=form.cleaned_data.get("talk_on"),
            )
        else:
            supervision.close(actor=user, order_id=order_id, conclusion=note)
    except DomainError as exc:
        return _supervision_page(request, order_id, error=exc, failed=form)
    messages.success(request, f"{form.title}：已记录。")
    return redirect("cases:supervision_detail", order_id=order_id)


# --- notices: PDF and public verification -----------------------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def notice_pdf(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """The notice as a PDF, for the window's printer (inline) or the applicant's download
    (`?download=1`)."""
    notice = selectors.notice_for(request.user, case_id, notice_id)
    return notice_response(request, notice, download=request.GET.get("download") == "1")


@require_http_methods(["GET", "HEAD"])
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public page: is this printed notice genuine? Reached from the QR code, or by typing
    the code printed under it."""
    code = code or request.GET.get("code", "")
    context: dict[str, Any] = {"code": code}
    status = 200
    if code:
        try:
            context["doc"] = verification(selectors.notice_by_code(code))
        except NotFound as exc:
            context["error"] = exc.message
            status = 404
    return render(request, "cases/verify.html", context, status=status)


# --- 告知承诺: post-checks, revocations, credit records --------------------------------------
@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def postcheck_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    state = request.GET.get("state", "scheduled")
    qs = commitment.postchecks_for(request.user)
    if state in PostCheck.State.values:
        qs = qs.filter(state=state)
    rows = list(qs.order_by("due_on", "id")[:200])
    revocations = list(
        Revocation.objects.filter(
            case__in=selectors.visible_cases(request.user).values("pk"),
            state=Revocation.State.OPEN,
        ).select_related("case")[:100]
    )
    return render(
        request,
        "cases/postchecks.html",
        {"rows": rows, "state": state, "revocations": revocations, "today": timezone.localdate()},
    )


def _postcheck_page(
    request: HttpRequest, check: PostCheck, *, error: str = "", status: int = 200
) -> HttpResponse:
    scope = scope_of(request.user)
    manage = scope.has_role(Role.DEPT_ADMIN) and check.department_id in scope.department_ids
    people = (
        list(
            User.objects.filter(
                kind=User.Kind.STAFF, is_active=True, department_id=check.department_id
            ).order_by("name")
        )
        if manage
        else []
    )
    case = check.case
    return render(
        request,
        "cases/postcheck.html",
        {
            "check": check,
            "case": case,
            "letter": case.commitments.filter(kind="notification").first(),
            "may_record": check.state == PostCheck.State.SCHEDULED
            and (manage or check.assignee_id == request.user.pk),
            "manage": manage,
            "people": people,
            "methods": PostCheck.Method.choices,
            "revocations": case.revocations.all(),
            "credits": case.credit_records.all(),
            "error": error,
            "posted": request.POST if request.method == "POST" else {},
        },
        status=status,
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def postcheck_detail(request: HttpRequest, check_id: int) -> HttpResponse:
    _require_staff(request.user)
    check = commitment.postcheck_get(request.user, check_id)
    if request.method != "POST":
        return _postcheck_page(request, check)
    what = request.POST.get("what", "")
    try:
        if what == "result":
            truthful = request.POST.get("truthful")
            if truthful not in ("1", "0"):
                raise InvalidInput("请选择核查结论：承诺属实或承诺不实", field="truthful")
            commitment.postcheck_record(
                actor=request.user,
                check_id=check.pk,
                truthful=truthful == "1",
                note=request.POST.get("note", ""),
            )
            messages.success(request, "核查结果已登记。")
        elif what == "update":
            raw_due = request.POST.get("due_on", "")
            try:
                due = dt.date.fromisoformat(raw_due)
            except ValueError:
                raise InvalidInput("核查期限应为日期，如 2026-12-31", field="due_on") from None
            commitment.postcheck_update(
                actor=request.user,
                check_id=check.pk,
                method=request.POST.get("method", ""),
                due_on=due,
                assignee_id=int(request.POST.get("assignee_id") or 0),
            )
            messages.success(request, "核查安排已调整。")
        elif what == "revoke":
            commitment.revocation_decide(
                actor=request.user,
                revocation_id=int(request.POST.get("revocation_id") or 0),
                revoke=request.POST.get("revoke") == "1",
                note=request.POST.get("note", ""),
            )
            messages.success(request, "撤销决定已作出。")
        elif what == "repair":
            commitment.credit_repair(
                actor=request.user,
                record_id=int(request.POST.get("record_id") or 0),
                note=request.POST.get("note", ""),
            )
            messages.success(request, "信用记录已修复。")
        else:
            raise InvalidInput("未知的操作")
    except DomainError as exc:
        check = commitment.postcheck_get(request.user, check.pk)
        return _postcheck_page(request, check, error=exc.message, status=exc.status)
    return redirect("cases:postcheck_detail", check_id=check.pk)
