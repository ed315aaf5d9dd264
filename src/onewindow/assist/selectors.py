"""Reads of 帮办代办: the roster with each helper's load, what one helper carries (the
one-to-one view), a county leader's key projects, consents and the action log — each
scoped to who is asking.

Scopes: a helper sees only what they carry (their assignments, their consents, their
log); a hall admin the helpers of their roster (`services.manages`); county-wide staff
(supervisors, county leaders, system admins) everything; a member of the public what
concerns them or their enterprises.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from onewindow.cases import selectors as case_selectors
from onewindow.cases.models import Case, CaseState
from onewindow.core.errors import NotFound, PermissionDenied
from onewindow.core.permissions import Role, Scope, scope_of

from .models import Assignment, Consent, HelperActionLog, HelperProfile, KeyProject
from .services import MANAGING_ROLES, valid_consents

EXPIRING_DAYS = 7
RECENT_ACTIONS = 20
CASES_SHOWN = 100


def _managed(scope: Scope) -> Q:
    """Roster entries this user keeps (see `services.manages`)."""
    if scope.has_role(Role.SYSTEM_ADMIN):
        return Q()
    q = Q(pk__in=[])
    if scope.has_role(Role.HALL_ADMIN) and scope.hall_ids:
        q |= Q(hall_id__in=scope.hall_ids)
    if scope.has_role(Role.DEPT_ADMIN) and scope.department_ids:
        q |= Q(hall__isnull=True, department_id__in=scope.department_ids)
    return q


def is_manager(user: Any) -> bool:
    return scope_of(user).has_role(*MANAGING_ROLES)


def managed_helper_ids(user: Any) -> QuerySet[HelperProfile, int]:
    return HelperProfile.objects.filter(_managed(scope_of(user))).values_list("user_id", flat=True)


def _staff_reach(scope: Scope, helper_path: str) -> Q:
    """Rows about helpers: county-wide staff all, managers their roster's, a helper their own."""
    if scope.county_wide:
        return Q()
    q = Q(**{helper_path: scope.user_id})
    if scope.has_role(*MANAGING_ROLES):
        q |= Q(
            **{
                f"{helper_path}__in": HelperProfile.objects.filter(_managed(scope)).values(
                    "user_id"
                )
            }
        )
    return q


# ---------------------------------------------------------------------------------------------
# The roster
# ---------------------------------------------------------------------------------------------
def roster(user: Any, *, active_only: bool = False) -> QuerySet[HelperProfile]:
    """Helpers with `load` (assignments carried now) and `consent_count` (consents in
    force). Staff see their hall's or department's roster (county-wide staff and system
    admins all of it); the public see the helpers on duty, to choose whom to consent to."""
    scope = scope_of(user)
    if scope.user_id is None:
        return HelperProfile.objects.none()
    qs = HelperProfile.objects.select_related("user", "hall", "department").prefetch_related(
        "themes"
    )
    if not scope.is_staff:
        qs, active_only = qs.filter(user__is_active=True), True
    elif not scope.county_wide:
        reach = _managed(scope) if scope.has_role(*MANAGING_ROLES) else Q(pk__in=[])
        if scope.hall_ids:
            reach |= Q(hall_id__in=scope.hall_ids)
        reach |= Q(user_id=scope.user_id)
        qs = qs.filter(reach)
    if active_only:
        qs = qs.filter(is_active=True)
    live = valid_consents().values("pk")
    return qs.annotate(
        load=Count(
            "user__assist_assignments",
            filter=Q(user__assist_assignments__ended_at__isnull=True),
            distinct=True,
        ),
        consent_count=Count(
            "user__assist_consents",
            filter=Q(user__assist_consents__in=live),
            distinct=True,
        ),
    ).order_by("hall_id", "user__name", "pk")


def helper(user: Any, profile_id: int) -> HelperProfile:
    profile = roster(user).filter(pk=profile_id).first()
    if profile is None:
        raise NotFound("名册中没有这位帮办员，或您无权查看")
    return profile


def unrostered_helpers(user: Any) -> list[Any]:
    """Staff of the manager's hall or department holding the helper role but not yet on the
    roster (for the add form)."""
    from onewindow.identity.models import User

    scope = scope_of(user)
    if not scope.has_role(*MANAGING_ROLES):
        return []
    qs = User.objects.filter(
        kind=User.Kind.STAFF,
        is_active=True,
        staff_roles__role=Role.HELPER,
        helper_profile__isnull=True,
    )
    if not scope.has_role(Role.SYSTEM_ADMIN):
        qs = qs.filter(
            Q(hall_id__in=scope.hall_ids)
            | Q(hall__isnull=True, department_id__in=scope.department_ids)
        )
    return list(qs.order_by("name").distinct())


# ---------------------------------------------------------------------------------------------
# Assignments
# ---------------------------------------------------------------------------------------------
def _public_targets(scope: Scope) -> Q:
    return (
        Q(applicant_id=scope.user_id)
        | Q(enterprise_id__in=scope.enterprise_ids)
        | Q(case__applicant_id=scope.user_id)
        | Q(case__enterprise_id__in=scope.enterprise_ids)
        | Q(project__enterprise_id__in=scope.enterprise_ids)
    )


def assignments(
    user: Any, *, helper_id: int | None = None, active: bool | None = None
) -> QuerySet[Assignment]:
    scope = scope_of(user)
    if scope.user_id is None:
        return Assignment.objects.none()
    qs = Assignment.objects.select_related(
        "helper", "applicant", "enterprise", "case", "project", "assigned_by", "previous"
    )
    qs = qs.filter(_staff_reach(scope, "helper_id") if scope.is_staff else _public_targets(scope))
    if helper_id is not None:
        qs = qs.filter(helper_id=helper_id)
    if active is not None:
        qs = qs.filter(ended_at__isnull=active)
    return qs.order_by("ended_at", "-started_at", "-pk")


def history(user: Any, assignment_id: int) -> list[Assignment]:
    """The chain of helpers one target has had, newest first."""
    row = assignments(user).filter(pk=assignment_id).first()
    if row is None:
        raise NotFound("分派记录不存在或您无权查看")
    target = {f: getattr(row, f"{f}_id") for f in ("applicant", "enterprise", "case", "project")}
    target = {f"{k}_id": v for k, v in target.items() if v is not None}
    return list(
        Assignment.objects.select_related("helper", "assigned_by", "ended_by")
        .filter(**target)
        .order_by("-started_at", "-pk")
    )


# ---------------------------------------------------------------------------------------------
# Cases a helper carries
# ---------------------------------------------------------------------------------------------
def carried_cases(helper_id: int) -> QuerySet[Case]:
    """Cases a helper carries now: assigned to them, of an applicant or enterprise they
    carry, of a key project they carry, or filled in by them. Archived, withdrawn and
    refused cases drop off."""
    active = Assignment.objects.filter(helper_id=helper_id, ended_at__isnull=True)
    return (
        Case.objects.filter(
            Q(pk__in=active.filter(case__isnull=False).values("case_id"))
            | Q(applicant_id__in=active.filter(applicant__isnull=False).values("applicant_id"))
            | Q(enterprise_id__in=active.filter(enterprise__isnull=False).values("enterprise_id"))
            | Q(key_projects__in=active.filter(project__isnull=False).values("project_id"))
            | Q(created_by_id=helper_id)
        )
        .exclude(
            state__in=(
                CaseState.ARCHIVED,
                CaseState.WITHDRAWN,
                CaseState.NOT_ACCEPTED,
                CaseState.TERMINATED,
            )
        )
        .select_related("department", "current_department", "handler")
        .defer("form_data")
        .distinct()
    )


def _by_time_left(cases: list[Case]) -> list[Case]:
    """Running clocks first, least time left first; then the rest, newest first."""
    far = dt.date.max

    def key(case: Case) -> tuple[int, Any, float]:
        remaining = getattr(case, "remaining", None)
        if remaining is not None:
            return (0, remaining, 0.0)
        due = getattr(case, "acceptance_due", None)
        if due is not None:
            return (1, due, 0.0)
        return (2, far, -case.created_at.timestamp())

    return sorted(cases, key=key)


def with_clock(cases: Any) -> list[Case]:
    return _by_time_left(case_selectors.with_clock(list(cases)))


def expiring_consents(helper_id: int, *, days: int = EXPIRING_DAYS) -> QuerySet[Consent]:
    today = timezone.localdate()
    return (
        valid_consents()
        .filter(helper_id=helper_id, valid_until__lte=today + dt.timedelta(days=days))
        .select_related("applicant", "enterprise", "grantor", "case")
        .order_by("valid_until", "pk")
    )


def one_to_one(user: Any, helper_id: int | None = None) -> dict[str, Any]:
    """Everything one helper carries: applicants (people and enterprises), key projects,
    cases with their clocks, consents in force and those expiring within a week, and the
    latest actions. A helper asks about themself; a manager about a helper on their
    roster; county-wide staff about anyone."""
    scope = scope_of(user)
    helper_id = helper_id if helper_id is not None else scope.user_id
    if helper_id is None:
        raise PermissionDenied("请先登录")
    if not scope.is_staff:
        raise PermissionDenied("一对一帮办视图只对帮办代办员和管理他们的工作人员开放")
    may_see = (
        helper_id == scope.user_id
        or scope.county_wide
        or HelperProfile.objects.filter(_managed(scope), user_id=helper_id).exists()
    )
    if not may_see:
        raise NotFound("名册中没有这位帮办员，或您无权查看")
    profile = (
        HelperProfile.objects.select_related("user", "hall", "department")
        .filter(user_id=helper_id)
        .first()
    )
    active = list(
        Assignment.objects.select_related("applicant", "enterprise", "case", "project__leader")
        .filter(helper_id=helper_id, ended_at__isnull=True)
        .order_by("kind", "-started_at")
    )
    cases = with_clock(carried_cases(helper_id)[:CASES_SHOWN])
    projects = [a.project for a in active if a.project is not None]
    by_project: dict[int, list[Case]] = {p.pk: [] for p in projects}
    if projects:
        links = KeyProject.cases.through.objects.filter(project__in=projects).values_list(
            "project_id", "case_id"
        )
        index = {c.pk: c for c in cases}
        for project_id, case_id in links:
            if case_id in index:
                by_project[project_id].append(index[case_id])
    for project in projects:
        project.carried_cases = by_project[project.pk]  # type: ignore[attr-defined]
    return {
        "profile": profile,
        "people": [a for a in active if a.kind == Assignment.Kind.PERSON],
        "enterprises": [a for a in active if a.kind == Assignment.Kind.ENTERPRISE],
        "case_assignments": [a for a in active if a.kind == Assignment.Kind.CASE],
        "projects": [a for a in active if a.kind == Assignment.Kind.PROJECT],
        "load": len(active),
        "cases": cases,
        "consents": list(
            valid_consents()
            .filter(helper_id=helper_id)
            .select_related("applicant", "enterprise", "grantor", "case")
            .prefetch_related("items__published_version")
            .order_by("valid_until", "pk")
        ),
        "expiring": list(expiring_consents(helper_id)),
        "actions": list(
            HelperActionLog.objects.filter(helper_id=helper_id)
            .select_related("applicant", "enterprise", "case")
            .order_by("-at", "-event_seq")[:RECENT_ACTIONS]
        ),
    }


# ---------------------------------------------------------------------------------------------
# Key projects
# ---------------------------------------------------------------------------------------------
def projects(user: Any, *, status: str | None = None) -> QuerySet[KeyProject]:
    """County-wide staff and hall admins see every key project; a county leader also
    theirs; a helper the projects they carry; an enterprise agent their enterprise's."""
    scope = scope_of(user)
    if scope.user_id is None:
        return KeyProject.objects.none()
    qs = KeyProject.objects.select_related("enterprise", "leader").prefetch_related("departments")
    if scope.is_staff:
        if not (scope.county_wide or scope.has_role(Role.HALL_ADMIN)):
            carried = Assignment.objects.filter(
                helper_id=scope.user_id, ended_at__isnull=True, project__isnull=False
            ).values("project_id")
            qs = qs.filter(Q(pk__in=carried) | Q(leader_id=scope.user_id))
    else:
        qs = qs.filter(enterprise_id__in=scope.enterprise_ids)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(case_count=Count("case_links", distinct=True)).order_by(
        "status", "-created_at", "pk"
    )


def project(user: Any, project_id: int) -> KeyProject:
    """One project with its cases (clocks attached, least time left first) and its
    helpers now and before."""
    row = projects(user).filter(pk=project_id).first()
    if row is None:
        raise NotFound("重点项目不存在或您无权查看")
    cases = (
        Case.objects.filter(project_link__project=row)
        .select_related("department", "current_department", "handler")
        .defer("form_data")
    )
    row.case_rows = with_clock(cases)  # type: ignore[attr-defined]
    row.helpers = list(  # type: ignore[attr-defined]
        Assignment.objects.filter(project=row).select_related("helper").order_by("-started_at")
    )
    return row


def leader_projects(user: Any) -> list[KeyProject]:
    """A county leader's key projects (包抓), each with its cases and clocks."""
    scope = scope_of(user)
    rows: list[KeyProject] = list(
        KeyProject.objects.filter(leader_id=scope.user_id)
        .select_related("enterprise")
        .prefetch_related(
            "departments",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related(
                    "helper__helper_profile"
                ),
                to_attr="active_assignments",
            ),
        )
        .order_by("status", "-created_at")
    )
    if not rows:
        return rows
    links = list(
        KeyProject.cases.through.objects.filter(project__in=rows).values_list(
            "project_id", "case_id"
        )
    )
    cases = with_clock(
        Case.objects.filter(pk__in=[c for _, c in links])
        .select_related("department", "current_department", "handler")
        .defer("form_data")
    )
    index = {c.pk: c for c in cases}
    for row in rows:
        mine = _by_time_left([index[c] for p, c in links if p == row.pk and c in index])
        row.case_rows = mine  # type: ignore[attr-defined]
        row.overdue = len([c for c in mine if getattr(c, "level", "") == "overdue"])  # type: ignore[attr-defined]
    return rows


# ---------------------------------------------------------------------------------------------
# Consents and the action log
# ---------------------------------------------------------------------------------------------
def consents(
    user: Any, *, helper_id: int | None = None, live: bool | None = None
) -> QuerySet[Consent]:
    """A member of the public: the consents they gave or their enterprises gave; a helper:
    those given to them; a manager: their roster's; county-wide staff: all."""
    scope = scope_of(user)
    if scope.user_id is None:
        return Consent.objects.none()
    if scope.is_staff:
        reach = _staff_reach(scope, "helper_id")
    else:
        reach = (
            Q(applicant_id=scope.user_id)
            | Q(grantor_id=scope.user_id)
            | Q(enterprise_id__in=scope.enterprise_ids)
        )
    qs = Consent.objects.filter(reach).select_related(
        "helper__helper_profile", "applicant", "enterprise", "grantor", "case", "recorded_by"
    )
    if helper_id is not None:
        qs = qs.filter(helper_id=helper_id)
    if live is True:
        qs = qs.filter(pk__in=valid_consents().values("pk"))
    elif live is False:
        qs = qs.exclude(pk__in=valid_consents().values("pk"))
    return qs.prefetch_related("items__published_version").order_by("-given_at", "-pk")


def consent(user: Any, consent_id: int) -> Consent:
    row = consents(user).filter(pk=consent_id).first()
    if row is None:
        raise NotFound("授权委托不存在或您无权查看")
    return row


def action_log(
    user: Any,
    *,
    helper_id: int | None = None,
    case_id: int | None = None,
    unbased: bool = False,
) -> QuerySet[HelperActionLog]:
    """What helpers did, newest first. `unbased` keeps the actions no assignment or
    consent covered (for the hall to look into)."""
    scope = scope_of(user)
    if scope.user_id is None:
        return HelperActionLog.objects.none()
    if scope.is_staff:
        reach = _staff_reach(scope, "helper_id")
    else:
        reach = Q(applicant_id=scope.user_id) | Q(enterprise_id__in=scope.enterprise_ids)
    qs = HelperActionLog.objects.filter(reach).select_related(
        "helper", "applicant", "enterprise", "case"
    )
    if helper_id is not None:
        qs = qs.filter(helper_id=helper_id)
    if case_id is not None:
        qs = qs.filter(case_id=case_id)
    if unbased:
        qs = qs.filter(assignment__isnull=True, consent__isnull=True)
    return qs.order_by("-at", "-event_seq")


def my_helpers(user: Any) -> list[Assignment]:
    """For an applicant: the helpers who carry them, their enterprises, their cases or
    their enterprises' key projects, with the phone to call."""
    scope = scope_of(user)
    if scope.user_id is None or scope.is_staff:
        return []
    return list(
        Assignment.objects.filter(_public_targets(scope), ended_at__isnull=True)
        .select_related("helper__helper_profile", "applicant", "enterprise", "case", "project")
        .order_by("-started_at")
    )


def applicant_cases(user: Any) -> list[Case]:
    """The applicant's own unfinished cases, for choosing one in a single-case consent."""
    return list(case_selectors.my_cases(user).exclude(state__in=_CLOSED).defer("form_data")[:50])


_CLOSED = {
    CaseState.ARCHIVED,
    CaseState.WITHDRAWN,
    CaseState.NOT_ACCEPTED,
    CaseState.TERMINATED,
    CaseState.DELIVERED,
}
