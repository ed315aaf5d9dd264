"""The 帮办代办 pages.

`/assist/` is the one-to-one view: for a helper everything they carry (applicants, key
projects and cases with the clock in words, consents expiring soon, recent actions); for a
hall admin the roster with each helper's load and the forms to add helpers, assign and
reassign, and register key projects; for a county leader their key projects and the
projects' cases. `/assist/my/` is the applicant's side: their helpers, their consents (to
give online or revoke) and what the helpers did for them.

A refusal is shown above the form that was sent, with what was typed kept (422 / 403 /
404 / 409); never a 500."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases.views import domain_errors
from onewindow.core.errors import DomainError, InvalidInput, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.identity import selectors as identity_selectors

from . import selectors, services
from .forms import (
    AssignmentForm,
    HelperEditForm,
    HelperForm,
    OnlineConsentForm,
    ProjectCaseForm,
    ProjectForm,
    ReassignForm,
    RecordedConsentForm,
    error_text,
)
from .models import HelperProfile, KeyProject

GET = require_http_methods(["GET", "HEAD"])


def _is_helper(user: Any) -> bool:
    return scope_of(user).has_role(Role.HELPER) or HelperProfile.objects.filter(user=user).exists()


# ---------------------------------------------------------------------------------------------
# The one-to-one view
# ---------------------------------------------------------------------------------------------
def _home(
    request: HttpRequest,
    *,
    error: DomainError | None = None,
    failed: str = "",
    forms: dict[str, Any] | None = None,
) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    forms = forms or {}
    context: dict[str, Any] = {"error": error, "failed": failed}
    if _is_helper(user):
        context["mine"] = selectors.one_to_one(user)
    if scope.has_role(*services.MANAGING_ROLES):
        roster = list(selectors.roster(user))
        on_duty = [p for p in roster if p.is_active]
        projects = list(selectors.projects(user, status=KeyProject.Status.ACTIVE))
        context["manage"] = {
            "roster": roster,
            "assign_form": forms.get("assign")
            or AssignmentForm(helpers=on_duty, projects=projects),
            "helper_form": forms.get("helper")
            or HelperForm(candidates=selectors.unrostered_helpers(user)),
            "project_form": forms.get("project") or ProjectForm(),
            "can_add_projects": scope.has_role(*services.PROJECT_ROLES),
            "assignments": list(selectors.assignments(user, active=True)[:100]),
            "reassign_form": ReassignForm(helpers=on_duty),
            "projects": projects,
            "unbased": list(selectors.action_log(user, unbased=True)[:20]),
        }
    if scope.has_role(Role.COUNTY_LEADER):
        context["led"] = selectors.leader_projects(user)
    if not {"mine", "manage", "led"} & set(context):
        raise PermissionDenied("帮办代办页面对帮办代办员、大厅管理员和县领导开放")
    return render(request, "assist/home.html", context, status=error.status if error else 200)


@login_required
@domain_errors
@GET
def home(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_staff:
        return redirect("assist:my")
    return _home(request)


def _roster_on_duty(user: Any) -> list[HelperProfile]:
    return list(selectors.roster(user, active_only=True))


@login_required
@domain_errors
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AssignmentForm(
        request.POST,
        helpers=_roster_on_duty(user),
        projects=selectors.projects(user, status=KeyProject.Status.ACTIVE),
    )
    if not form.is_valid():
        return _home(
            request, error=InvalidInput(error_text(form)), failed="assign", forms={"assign": form}
        )
    try:
        assignment = services.assignment_create(actor=user, **form.kwargs())
    except DomainError as exc:
        return _home(request, error=exc, failed="assign", forms={"assign": form})
    messages.success(
        request, f"已安排帮办员{assignment.helper.name}帮办{assignment.target_label}。"
    )
    return redirect("assist:home")


@login_required
@domain_errors
@require_POST
def reassign(request: HttpRequest, assignment_id: int) -> HttpResponse:
    form = ReassignForm(request.POST, helpers=_roster_on_duty(request.user))
    if not form.is_valid():
        return _home(request, error=InvalidInput(error_text(form)), failed="assignments")
    try:
        new = services.assignment_reassign(
            actor=request.user,
            assignment_id=assignment_id,
            helper_id=int(form.cleaned_data["helper"]),
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _home(request, error=exc, failed="assignments")
    messages.success(request, f"{new.target_label}已改派给帮办员{new.helper.name}。")
    return redirect("assist:home")


@login_required
@domain_errors
@require_POST
def end(request: HttpRequest, assignment_id: int) -> HttpResponse:
    try:
        row = services.assignment_end(
            actor=request.user, assignment_id=assignment_id, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        return _home(request, error=exc, failed="assignments")
    messages.success(request, f"帮办员{row.helper.name}对{row.target_label}的帮办已结束。")
    return redirect("assist:home")


@login_required
@domain_errors
@require_POST
def helper_add(request: HttpRequest) -> HttpResponse:
    form = HelperForm(request.POST, candidates=selectors.unrostered_helpers(request.user))
    if not form.is_valid():
        return _home(
            request, error=InvalidInput(error_text(form)), failed="helper", forms={"helper": form}
        )
    try:
        profile = services.helper_create(actor=request.user, **form.kwargs())
    except DomainError as exc:
        return _home(request, error=exc, failed="helper", forms={"helper": form})
    messages.success(request, f"{profile}已加入帮办代办员名册。")
    return redirect("assist:home")


@login_required
@domain_errors
@require_POST
def helper_edit(request: HttpRequest, profile_id: int) -> HttpResponse:
    form = HelperEditForm(request.POST)
    if not form.is_valid():
        return _home(request, error=InvalidInput(error_text(form)), failed="roster")
    try:
        profile = services.helper_update(actor=request.user, profile_id=profile_id, **form.kwargs())
    except DomainError as exc:
        return _home(request, error=exc, failed="roster")
    messages.success(request, f"帮办员{profile}的信息已保存。")
    return redirect("assist:home")


@login_required
@domain_errors
@GET
def helper_page(request: HttpRequest, profile_id: int) -> HttpResponse:
    """A hall admin looks at what one helper of their roster carries."""
    profile = selectors.helper(request.user, profile_id)
    view = selectors.one_to_one(request.user, profile.user_id)
    return render(request, "assist/helper.html", {"mine": view, "profile": profile})


@login_required
@domain_errors
@require_POST
def project_add(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST)
    if not form.is_valid():
        return _home(
            request, error=InvalidInput(error_text(form)), failed="project", forms={"project": form}
        )
    try:
        project = services.project_create(actor=request.user, **form.kwargs())
    except DomainError as exc:
        return _home(request, error=exc, failed="project", forms={"project": form})
    messages.success(request, f"重点项目“{project}”已登记。")
    return redirect("assist:project", project_id=project.pk)


# ---------------------------------------------------------------------------------------------
# A key project
# ---------------------------------------------------------------------------------------------
def _project(
    request: HttpRequest,
    project_id: int,
    *,
    error: DomainError | None = None,
    case_form: ProjectCaseForm | None = None,
) -> HttpResponse:
    user = request.user
    project = selectors.project(user, project_id)
    scope = scope_of(user)
    carries = any(a.helper_id == scope.user_id and a.ended_at is None for a in project.helpers)  # type: ignore[attr-defined]
    return render(
        request,
        "assist/project.html",
        {
            "project": project,
            "error": error,
            "may_edit": scope.has_role(*services.PROJECT_ROLES)
            and project.status == KeyProject.Status.ACTIVE,
            "may_add_cases": (scope.has_role(*services.PROJECT_ROLES) or carries)
            and project.status == KeyProject.Status.ACTIVE,
            "case_form": case_form or ProjectCaseForm(project=project),
            "statuses": [s for s in KeyProject.Status.choices if s[0] != project.status],
        },
        status=error.status if error else 200,
    )


@login_required
@domain_errors
@GET
def project_page(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project(request, project_id)


@login_required
@domain_errors
@require_POST
def project_case(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project(request.user, project_id)
    form = ProjectCaseForm(request.POST, project=project)
    if not form.is_valid():
        return _project(request, project_id, error=InvalidInput(error_text(form)), case_form=form)
    try:
        services.project_add_case(
            actor=request.user, project_id=project_id, case_id=form.cleaned_data["case_number"]
        )
    except DomainError as exc:
        return _project(request, project_id, error=exc, case_form=form)
    messages.success(request, "办件已纳入项目。")
    return redirect("assist:project", project_id=project_id)


@login_required
@domain_errors
@require_POST
def project_status(request: HttpRequest, project_id: int) -> HttpResponse:
    selectors.project(request.user, project_id)
    try:
        project = services.project_update(
            actor=request.user, project_id=project_id, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        return _project(request, project_id, error=exc)
    messages.success(request, f"项目状态已改为“{project.get_status_display()}”。")
    return redirect("assist:project", project_id=project_id)


# ---------------------------------------------------------------------------------------------
# Consents recorded by staff
# ---------------------------------------------------------------------------------------------
def _recording_helpers(user: Any) -> list[HelperProfile]:
    """Whom a staff member may record a consent for: a helper themself; window clerks and
    hall admins the helpers of their hall."""
    scope = scope_of(user)
    if scope.has_role(*services.RECORDING_ROLES):
        return [
            p
            for p in _roster_on_duty(user)
            if p.hall_id in scope.hall_ids or p.user_id == scope.user_id
        ]
    return [p for p in _roster_on_duty(user) if p.user_id == scope.user_id]


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def consent_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).is_staff:
        return redirect("assist:my")
    helpers = _recording_helpers(user)
    if not helpers:
        raise PermissionDenied("只有帮办代办员本人或其所在大厅的窗口人员、大厅管理员可以登记委托")
    error: DomainError | None = None
    if request.method == "POST":
        form = RecordedConsentForm(request.POST, request.FILES, helpers=helpers)
        if form.is_valid():
            try:
                consent = services.consent_create(actor=user, **form.kwargs())
            except DomainError as exc:
                error = exc
            else:
                messages.success(
                    request,
                    f"已登记{consent.party_name}对帮办员{consent.helper.name}的"
                    f"{consent.get_method_display()}，有效期至 {consent.valid_until:%Y-%m-%d}。",
                )
                return redirect("assist:home")
        else:
            error = InvalidInput(error_text(form))
    else:
        form = RecordedConsentForm(
            helpers=helpers, initial={"method": "written", "party_kind": "person", "scope": "all"}
        )
    return render(
        request,
        "assist/consent_new.html",
        {"form": form, "error": error},
        status=error.status if error else 200,
    )


@login_required
@domain_errors
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Revoke from either side: the applicant on /assist/my/, a hall admin on /assist/."""
    selectors.consent(request.user, consent_id)
    consent = services.consent_revoke(
        actor=request.user, consent_id=consent_id, reason=request.POST.get("reason", "")
    )
    messages.success(request, f"对帮办员{consent.helper.name}的授权委托已撤销。")
    return redirect("assist:my" if not scope_of(request.user).is_staff else "assist:home")


# ---------------------------------------------------------------------------------------------
# The applicant's side
# ---------------------------------------------------------------------------------------------
def _my(
    request: HttpRequest, *, form: OnlineConsentForm | None = None, error: DomainError | None = None
) -> HttpResponse:
    user = request.user
    if scope_of(user).is_staff:
        raise PermissionDenied("“我的帮办代办”是个人和企业用户的页面；工作人员请使用帮办工作台")
    if form is None:
        form = _online_form(user)
    return render(
        request,
        "assist/my.html",
        {
            "helpers": selectors.my_helpers(user),
            "consents": list(selectors.consents(user)[:50]),
            "actions": list(selectors.action_log(user)[:20]),
            "form": form,
            "error": error,
        },
        status=error.status if error else 200,
    )


def _online_form(user: Any, data: Any = None) -> OnlineConsentForm:
    return OnlineConsentForm(
        data,
        user=user,
        helpers=selectors.roster(user, active_only=True),
        enterprises=identity_selectors.enterprises_of(user),
        cases=selectors.applicant_cases(user),
        initial={"scope": "all", "party": "self"},
    )


@login_required
@domain_errors
@GET
def my(request: HttpRequest) -> HttpResponse:
    return _my(request)


@login_required
@domain_errors
@require_POST
def my_consent(request: HttpRequest) -> HttpResponse:
    form = _online_form(request.user, request.POST)
    if scope_of(request.user).is_staff:
        raise PermissionDenied("在线确认须由申请人本人在门户上操作")
    if not form.is_valid():
        return _my(request, form=form, error=InvalidInput(error_text(form)))
    try:
        consent = services.consent_create(actor=request.user, **form.kwargs())
    except DomainError as exc:
        return _my(request, form=form, error=exc)
    messages.success(
        request,
        f"您已委托帮办员{consent.helper.name}代为填报和提交申请（{services.describe_scope(consent)}），"
        f"有效期至 {consent.valid_until:%Y-%m-%d}。可随时在本页撤销。",
    )
    return redirect("assist:my")
