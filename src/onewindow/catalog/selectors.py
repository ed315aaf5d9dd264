"""Reads of the catalog. Every terminal reads published data through these, so the portal,
the window workbench, kiosks and the API show the same version (同源发布)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from onewindow.core.permissions import Role, scope_of

from . import quality, search
from .models import (
    FormField,
    Item,
    ItemVersion,
    Material,
    Review,
    Theme,
    VersionStatus,
)


def _guide_related(qs: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    return qs.select_related(
        "item__department", "item__delegated_from", "competent_department"
    ).prefetch_related(
        "themes",
        "joint_departments",
        Prefetch("materials", queryset=Material.objects.select_related("material_type")),
        Prefetch("fields", queryset=FormField.objects.select_related("element")),
    )


def _list_related(qs: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    """What a result list shows: the version with its item and department."""
    return qs.select_related("item__department")


def published() -> QuerySet[ItemVersion]:
    return ItemVersion.objects.filter(status=VersionStatus.PUBLISHED)


@dataclass(frozen=True)
class Filters:
    department_id: int | None = None
    theme: str = ""
    level: int | None = None
    service_object: str = ""
    online_only: bool = False
    high_frequency: bool = False

    def apply(self, qs: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
        if self.department_id:
            qs = qs.filter(item__department_id=self.department_id)
        if self.theme:
            qs = qs.filter(themes__code=self.theme)
        if self.level:
            qs = qs.filter(level=self.level)
        if self.service_object:
            qs = qs.filter(service_objects__contains=self.service_object[:1])
        if self.online_only:
            qs = qs.filter(online_depth=4)
        if self.high_frequency:
            qs = qs.filter(high_frequency=True)
        return qs


@dataclass(frozen=True)
class SearchResult:
    versions: list[ItemVersion]
    total: int
    query: search.Query | None
    scores: dict[int, float]


def find_items(
    *, q: str = "", filters: Filters | None = None, limit: int = 20, offset: int = 0
) -> SearchResult:
    """Published items matching a free-text query and filters, best first; without a query,
    every published item in code order."""
    filters = filters or Filters()
    candidates = filters.apply(published())
    if not q.strip():
        total = candidates.count()
        page = list(
            _list_related(candidates.order_by("item__implementation_code"))[offset : offset + limit]
        )
        return SearchResult(page, total, None, {})
    query = search.parse(q)
    filtered = candidates if filters != Filters() else None
    hits = search.ranked(query, filtered, limit=500)
    ids = [vid for vid, _ in hits[offset : offset + limit]]
    by_id = {v.pk: v for v in _list_related(published().filter(pk__in=ids))}
    return SearchResult([by_id[i] for i in ids if i in by_id], len(hits), query, dict(hits))


def guide(code: str) -> ItemVersion | None:
    """The published version of an item, by implementation code (or basic code when it is
    unambiguous), with everything a guide page shows."""
    qs = _guide_related(published())
    version = qs.filter(item__implementation_code=code).first()
    if version is None and len(code) == 12:
        matches = list(qs.filter(item__basic_code=code)[:2])
        version = matches[0] if len(matches) == 1 else None
    return version


def version_in_force(item_id: int, at: dt.datetime) -> ItemVersion | None:
    """The version that was published at `at` — what a case accepted then is handled under."""
    return (
        ItemVersion.objects.filter(item_id=item_id, published_at__lte=at)
        .filter(Q(retired_at__isnull=True) | Q(retired_at__gt=at))
        .order_by("-published_at")
        .first()
    )


def themes() -> QuerySet[Theme]:
    return Theme.objects.all()


def items_maintained_by(user: Any) -> QuerySet[Item]:
    """Items a department admin maintains (all of them for a system admin), with versions."""
    scope = scope_of(user)
    qs = Item.objects.select_related("department", "published_version").prefetch_related("versions")
    if scope.has_role(Role.SYSTEM_ADMIN):
        return qs
    if scope.has_role(Role.DEPT_ADMIN):
        return qs.filter(department_id__in=scope.department_ids)
    return qs.none()


def latest_version(item: Item) -> ItemVersion:
    versions = sorted(item.versions.all(), key=lambda v: v.number)
    return versions[-1]


def review_queue() -> QuerySet[ItemVersion]:
    return (
        ItemVersion.objects.filter(status__in=[VersionStatus.SUBMITTED, VersionStatus.APPROVED])
        .select_related("item__department")
        .order_by("submitted_at", "pk")
    )


def reviews_of(version: ItemVersion) -> QuerySet[Review]:
    return version.reviews.select_related("actor")


def quality_report(*, department_id: int | None = None) -> list[dict[str, Any]]:
    """Per department, the items whose latest version fails a quality rule."""
    latest = ItemVersion.objects.filter(item=OuterRef("item")).order_by("-number").values("pk")[:1]
    versions = _guide_related(ItemVersion.objects.filter(pk=Subquery(latest)))
    if department_id:
        versions = versions.filter(item__department_id=department_id)
    allowed = quality.allowed_special_procedures()
    report: dict[int, dict[str, Any]] = {}
    for version in versions.order_by("item__implementation_code"):
        department = version.item.department
        entry = report.setdefault(
            department.pk, {"department": department, "items": 0, "failing": []}
        )
        entry["items"] += 1
        problems = quality.check(version, allowed_kinds=allowed)
        if problems:
            entry["failing"].append({"version": version, "problems": problems})
    return sorted(report.values(), key=lambda e: (-len(e["failing"]), e["department"].name))
