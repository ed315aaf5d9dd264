"""Reads for bundles: published bundles and their guides, a plan for a set of answers, the
applicant's bundle cases, the lead department's coordination list, one bundle case with its
single timeline, and the fully-online measure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from onewindow.cases import clock
from onewindow.cases import selectors as case_selectors
from onewindow.cases.models import Case, CaseStep
from onewindow.core.errors import NotFound
from onewindow.core.permissions import Role, scope_of
from onewindow.core.workdays import Calendar

from . import definition
from .models import (
    Bundle,
    BundleCase,
    BundleCaseStatus,
    BundleMember,
    BundleMemberCase,
    BundleVersion,
    MemberStatus,
)


def published(audience: str = "") -> QuerySet[Bundle]:
    qs = Bundle.objects.filter(published_version__isnull=False).select_related(
        "published_version__lead_department"
    )
    if audience:
        qs = qs.filter(audience=audience)
    return qs.annotate(member_count=Count("published_version__members")).order_by(
        "audience", "order", "id"
    )


def bundle_by_code(code: str) -> Bundle:
    bundle = (
        Bundle.objects.select_related("published_version__lead_department")
        .filter(code=code, published_version__isnull=False)
        .first()
    )
    if bundle is None:
        raise NotFound(f"一件事“{code}”不存在或尚未发布")
    return bundle


@dataclass
class MemberLine:
    member: BundleMember
    name: str
    department: str
    external: bool
    note: str
    after: list[str]  # names of predecessors
    when: list[str]  # the answers that select it, in words
    stage: int
    promised: str = ""
    online: bool = True


@dataclass
class Guide:
    bundle: Bundle
    version: BundleVersion
    members: list[MemberLine]
    departments: list[str]  # cooperating departments, lead first
    form: list[definition.MergedField]
    materials: list[definition.MergedMaterial]
    questions: list[dict[str, Any]]
    saved_materials: int = 0  # materials asked once instead of once per member
    saved_fields: int = 0
    stage_count: int = 1
    answers: dict[str, str] = field(default_factory=dict)


def guide(bundle: Bundle, answers: dict[str, Any] | None = None) -> Guide:
    """The guide page of a bundle (一次告知): all members, or — with answers — those that
    apply, with the merged form and material list."""
    version = bundle.published_version
    assert version is not None
    defn = definition.load(version)
    members = definition.applicable(defn, answers) if answers is not None else defn.members
    by_key = defn.by_key()
    qtext = {str(q["key"]): q for q in version.questions or []}
    stage_of: dict[str, int] = {}
    for n, group in enumerate(definition.stages(list(members)), 1):
        for m in group:
            stage_of[m.key] = n
    lines = []
    depts: list[str] = [version.lead_department.short_name]
    for m in members:
        iv = defn.item_versions.get(m.key)
        dept = m.item.department.short_name if m.item_id and m.item else m.external_body
        if dept and dept not in depts:
            depts.append(dept)
        when = []
        for q, options in (m.when or {}).items():
            labels = {str(o[0]): str(o[1]) for o in qtext.get(q, {}).get("options", [])}
            when.append(
                f"{qtext.get(q, {}).get('text', q)}：{'、'.join(labels.get(o, o) for o in options)}"
            )
        lines.append(
            MemberLine(
                member=m,
                name=iv.name if iv else m.external_name,
                department=dept,
                external=m.is_external,
                note=m.note,
                after=[
                    (
                        defn.item_versions[a].name
                        if a in defn.item_versions
                        else by_key[a].external_name
                    )
                    for a in m.after
                    if a in by_key
                ],
                when=when,
                stage=stage_of.get(m.key, 1),
                promised=(
                    ""
                    if iv is None
                    else "即办"
                    if not iv.promised_limit
                    else f"{iv.promised_limit} 个{'自然日' if iv.promised_unit == 'natural' else '工作日'}"
                ),
                online=bool(iv and iv.online_depth >= 3) if iv else False,
            )
        )
    form = definition.merged_form(defn, members)
    materials = definition.merged_materials(defn, members)
    total_fields = sum(
        len(defn.item_versions[m.key].fields.all()) for m in members if m.key in defn.item_versions
    )
    total_materials = sum(
        len(defn.item_versions[m.key].materials.all())
        for m in members
        if m.key in defn.item_versions
    )
    return Guide(
        bundle=bundle,
        version=version,
        members=lines,
        departments=depts,
        form=form,
        materials=materials,
        questions=list(version.questions or []),
        saved_fields=total_fields - len(form),
        saved_materials=total_materials - len(materials),
        stage_count=max(stage_of.values(), default=1),
        answers={k: str(v) for k, v in (answers or {}).items()},
    )


# ---------------------------------------------------------------------------------------
# Bundle cases
# ---------------------------------------------------------------------------------------
def _members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        BundleMemberCase.objects.select_related("department", "case").order_by("order", "id"),
    )


@dataclass
class MemberBrief:
    """A member as a row of a list shows it (a page of 50 bundle cases carries about 300
    members: plain values, not model instances)."""

    key: str
    name: str
    status: str
    department_name: str | None
    case_id: int | None
    case_number: str | None
    case_state: str | None

    def get_status_display(self) -> str:
        return str(MemberStatus(self.status).label)

    @property
    def pill(self) -> str:
        """The Bootstrap colour of its pill in a progress strip."""
        if self.status == MemberStatus.STARTED:
            return "text-bg-info" if self.case_state == "correction" else "text-bg-primary"
        return PILLS.get(self.status, "text-bg-light border")


PILLS: dict[str, str] = {
    MemberStatus.GRANTED: "text-bg-success",
    MemberStatus.REFUSED: "text-bg-danger",
    MemberStatus.CANCELLED: "text-bg-secondary",
}


def attach_briefs(rows: list[BundleCase]) -> list[BundleCase]:
    """Set `brief` (the members, in order) on each row, in one query for the page."""
    by_case: dict[int, list[MemberBrief]] = {bc.pk: [] for bc in rows}
    members = (
        BundleMemberCase.objects.filter(bundle_case_id__in=list(by_case))
        .order_by("bundle_case_id", "order", "id")
        .values_list(
            "bundle_case_id",
            "key",
            "name",
            "status",
            "department__short_name",
            "case_id",
            "case__number",
            "case__state",
        )
    )
    for bc_id, key, name, status, department, case_id, number, state in members:
        by_case[bc_id].append(MemberBrief(key, name, status, department, case_id, number, state))
    for bc in rows:
        bc.brief = by_case[bc.pk]
    return rows


def own_bundle_cases(user: Any) -> QuerySet[BundleCase]:
    scope = scope_of(user)
    if scope.user_id is None:
        return BundleCase.objects.none()
    return BundleCase.objects.filter(
        Q(applicant_id=scope.user_id)
        | Q(created_by_id=scope.user_id, created_by__kind="public")
        | Q(enterprise_id__in=scope.enterprise_ids)
    ).order_by("-submitted_at", "-id")


def my_bundle_cases(user: Any, *, limit: int = 50, offset: int = 0) -> list[BundleCase]:
    """The applicant's bundle cases, newest first, each with its members and clock."""
    page = list(
        own_bundle_cases(user).select_related("bundle", "lead_department")[offset : offset + limit]
    )
    return with_clock(attach_briefs(page))


def visible_bundle_cases(user: Any) -> QuerySet[BundleCase]:
    """Staff: the lead department's bundle cases, those with a member in one of their
    departments, those received at their hall or with a member case handled at their hall
    (where the results are handed over); county-wide roles see all."""
    scope = scope_of(user)
    if not scope.is_staff:
        return own_bundle_cases(user)
    qs = BundleCase.objects.all()
    if not scope.county_wide:
        qs = qs.filter(
            Q(lead_department_id__in=scope.department_ids)
            | Q(hall_id__in=scope.hall_ids)
            | Exists(
                BundleMemberCase.objects.filter(bundle_case=OuterRef("pk")).filter(
                    Q(department_id__in=scope.department_ids) | Q(case__hall_id__in=scope.hall_ids)
                )
            )
        )
    return qs


def coordination(
    user: Any, *, status: str = "", bundle: str = "", limit: int = 50, offset: int = 0
) -> list[BundleCase]:
    """The lead department's list (牵头协调): its bundle cases, by time left, each with its
    members' progress; for a window clerk also the bundle cases waiting to be handed over at
    their hall (统一出件). A fixed number of queries per page."""
    scope = scope_of(user)
    qs = BundleCase.objects.select_related("lead_department", "bundle")
    if not scope.county_wide:
        mine = Q(lead_department_id__in=scope.department_ids)
        if scope.has_role(Role.WINDOW_CLERK) and scope.hall_ids:
            # Few bundle cases wait to be handed over at a time: find them first, so the
            # list itself stays on its indexes.
            ready = BundleCase.objects.filter(status=BundleCaseStatus.READY).filter(
                Q(hall_id__in=scope.hall_ids)
                | Exists(
                    BundleMemberCase.objects.filter(
                        bundle_case=OuterRef("pk"), case__hall_id__in=scope.hall_ids
                    )
                )
            )
            mine |= Q(pk__in=list(ready.values_list("pk", flat=True)[:1000]))
        qs = qs.filter(mine)
    if status == "open":
        qs = qs.filter(
            status__in=(
                BundleCaseStatus.IN_PROGRESS,
                BundleCaseStatus.CORRECTION,
                BundleCaseStatus.READY,
            )
        )
    elif status:
        qs = qs.filter(status=status)
    if bundle:
        qs = qs.filter(bundle__code=bundle)
    page = list(
        qs.defer("form_data", "answers").order_by("promised_due", "id")[offset : offset + limit]
    )
    return with_clock(attach_briefs(page))


def with_clock(rows: list[BundleCase], *, today: dt.date | None = None) -> list[BundleCase]:
    today = today or timezone.localdate()
    cal = Calendar()
    for bc in rows:
        if bc.finished_at is not None:
            bc.remaining = None
            bc.clock = "已办结"
        elif bc.status == BundleCaseStatus.READY:  # every member decided: the clock stops
            bc.remaining = None
            bc.clock = "已全部办结，待出件"
        else:
            bc.remaining = (
                cal.working_days_between(today, bc.promised_due)
                if bc.promised_due >= today
                else -cal.working_days_between(bc.promised_due, today)
            )
            bc.clock = clock.describe(bc.remaining)
        members: list[Any] = getattr(bc, "brief", None) or list(bc.members.all())
        county = [m for m in members if m.status != "external"]
        bc.member_total = len(county)
        bc.member_done = sum(1 for m in county if m.status in ("granted", "refused", "cancelled"))
    return rows


def bundle_case(user: Any, bundle_case_id: int) -> BundleCase:
    scope = scope_of(user)
    qs = visible_bundle_cases(user) if scope.is_staff else own_bundle_cases(user)
    bc = (
        qs.select_related("version__lead_department", "bundle", "hall")
        .prefetch_related(_members_prefetch(), "notices", "events")
        .filter(pk=bundle_case_id)
        .first()
    )
    if bc is None:
        raise NotFound("一件事办件不存在或不是您的申请")
    with_clock(attach_briefs([bc]))
    cases = [m.case for m in bc.members.all() if m.case is not None]
    if cases:
        case_selectors.with_clock(cases)
    return bc


@dataclass
class TimelineEntry:
    at: dt.datetime
    text: str
    member: str = ""
    actor: str = ""
    opinion: str = ""


def timeline(bc: BundleCase) -> list[TimelineEntry]:
    """One timeline: the bundle's own events and every member case's steps, by time."""
    names = {m.case_id: m.name for m in bc.members.all() if m.case_id}
    out = [TimelineEntry(at=e.at, text=e.text) for e in bc.events.all()]
    steps = CaseStep.objects.filter(case_id__in=list(names)).order_by("started_at", "id")
    for s in steps:
        if not s.action:
            continue  # the step is still open; its start is the previous step's end
        out.append(
            TimelineEntry(
                at=s.ended_at or s.started_at,
                text=f"{s.name}：{s.action_label or s.action}",
                member=names.get(s.case_id, ""),
                actor=s.actor_name,
                opinion=s.opinion,
            )
        )
    out.sort(key=lambda e: e.at)
    return out


def member_cases(bc: BundleCase) -> list[Case]:
    return [m.case for m in bc.members.all() if m.case is not None]


# ---------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------
@dataclass
class OnlineShare:
    code: str
    name: str
    finished: int
    fully_online: int
    open: int

    @property
    def share(self) -> float | None:
        return self.fully_online / self.finished if self.finished else None


def fully_online_report(user: Any = None) -> list[OnlineShare]:
    """Per bundle: finished bundle cases and how many needed no visit and no paper
    (全程网办率)."""
    rows = (
        BundleCase.objects.values("bundle__code", "bundle__name")
        .annotate(
            finished=Count("id", filter=Q(finished_at__isnull=False)),
            online=Count("id", filter=Q(finished_at__isnull=False, fully_online=True)),
            open=Count("id", filter=Q(finished_at__isnull=True)),
        )
        .order_by("bundle__code")
    )
    return [
        OnlineShare(r["bundle__code"], r["bundle__name"], r["finished"], r["online"], r["open"])
        for r in rows
    ]


def is_coordinator(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_staff and (
        scope.county_wide
        or scope.has_role(Role.APPROVER, Role.DEPT_ADMIN, Role.WINDOW_CLERK, Role.HALL_ADMIN)
    )


def bundle_for_application(code: str) -> Bundle:
    """The bundle `code` whether or not a version is in force: applying to one that is not
    published is refused by `services.bundle_apply` with its reason (409), not hidden."""
    bundle = Bundle.objects.filter(code=code).first()
    if bundle is None:
        raise NotFound(f"一件事“{code}”不存在")
    return bundle
