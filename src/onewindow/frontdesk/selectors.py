"""Reads for the comprehensive window: the case at the counter and its material list as
marked so far, the applicant's recent cases, items this hall accepts, and the delivery
queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from onewindow.cases import commitment, proxy
from onewindow.cases import selectors as cases
from onewindow.cases.models import Case, CaseMaterial, CaseState, ProxyTransfer
from onewindow.catalog import selectors as catalog
from onewindow.catalog.codes import MaterialSource
from onewindow.catalog.models import ItemHall, ItemVersion, Material
from onewindow.core.errors import Conflict, NotFound
from onewindow.core.permissions import scope_of

INTAKE_STATES = (CaseState.DRAFT, CaseState.SUBMITTED, CaseState.PREREVIEW)


def intake_case(user: Any, case_id: int) -> Case:
    """A case of this clerk's hall still at the counter (draft, received or in pre-review),
    or one this window receives for another hall (跨域通办)."""
    scope = scope_of(user)
    case = (
        Case.objects.select_related(
            "item", "version", "department", "hall", "applicant", "enterprise"
        )
        .filter(Q(hall_id__in=scope.hall_ids) | Q(receiving_hall_id__in=scope.hall_ids), pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("办件不存在或不属于本大厅")
    if case.state not in INTAKE_STATES:
        raise Conflict(
            f"办件当前状态为“{case.get_state_display()}”，已不在窗口受理环节",
            code="illegal_transition",
        )
    return cases.with_clock([case])[0]


@dataclass
class IntakeLine:
    material: Material
    rows: list[CaseMaterial] = field(default_factory=list)
    waived: bool = False  # replaced by the applicant's 告知承诺

    @property
    def shared(self) -> bool:
        return self.material.source != MaterialSource.APPLICANT

    @property
    def current(self) -> CaseMaterial | None:
        return self.rows[-1] if self.rows else None

    @property
    def mark(self) -> str:
        row = self.current
        if row is None:
            return ""
        if row.status == CaseMaterial.Status.RECEIVED:
            return "scan" if row.file else "paper"
        return str(row.status)

    @property
    def blocks_acceptance(self) -> bool:
        """Missing or defective, or required and never marked (shared ones excepted)."""
        if self.mark in ("missing", "defective"):
            return True
        return not self.mark and self.material.required and not self.shared and not self.waived

    @property
    def problem_text(self) -> str:
        row = self.current
        if row is not None and row.note:
            return row.note
        if self.mark == "missing" or not self.mark:
            return "未提交该材料"
        return "材料不符合要求"


def intake_lines(case: Case) -> list[IntakeLine]:
    rows: dict[int, list[CaseMaterial]] = {}
    for row in case.materials.filter(material__isnull=False).order_by("uploaded_at", "id"):
        assert row.material_id is not None
        rows.setdefault(row.material_id, []).append(row)
    waived = commitment.waived_material_ids(case)
    return [
        IntakeLine(m, rows.get(m.pk, []), m.pk in waived)
        for m in case.version.materials.order_by("order", "id")
    ]


def recent_cases(*, person: Any = None, enterprise: Any = None, limit: int = 5) -> list[Case]:
    qs = Case.objects.exclude(state=CaseState.DRAFT)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    elif person is not None:
        qs = qs.filter(applicant=person)
    else:
        return []
    return cases.with_clock(list(qs.select_related("department").order_by("-created_at")[:limit]))


def serves(version: ItemVersion, kind: str) -> bool:
    """Whether the item is for this kind of applicant ("person" or "enterprise")."""
    objects = set(version.service_objects or "")
    if not objects:
        return True
    return bool(objects & ({"1"} if kind == "person" else set("2346")))


def hall_items(user: Any, q: str = "", limit: int = 20, *, kind: str = "") -> list[ItemVersion]:
    """Published items this clerk's hall accepts for this kind of applicant, best match
    first."""
    scope = scope_of(user)
    accepted = ItemHall.objects.filter(hall_id__in=scope.hall_ids).values("item_id")
    if not q.strip():
        found = list(
            catalog.published()
            .filter(item_id__in=accepted)
            .select_related("item")
            .order_by("item__implementation_code")[: limit * 5]
        )
    else:
        hall_item_ids = set(accepted.values_list("item_id", flat=True))
        found = [
            v for v in catalog.find_items(q=q, limit=200).versions if v.item_id in hall_item_ids
        ]
    return [v for v in found if not kind or serves(v, kind)][:limit]


def delivery_queue(user: Any) -> QuerySet[Case]:
    """Decided cases waiting for the result to be handed over here: this hall's own (less
    those of 跨域通办 whose result goes back to the receiving window), and those received
    here for another hall once their result has come back."""
    scope = scope_of(user)
    own = Q(hall_id__in=scope.hall_ids) & ~Q(transfer__return_method=ProxyTransfer.Return.WINDOW)
    return (
        Case.objects.filter(
            own | proxy.deliverable_at_receiving(user),
            state__in=(CaseState.APPROVED, CaseState.DENIED),
        )
        .select_related("department")
        .order_by("decided_at", "id")
    )


def delivery_case(user: Any, case_id: int) -> Case:
    case = delivery_queue(user).select_related("applicant", "agent").filter(pk=case_id).first()
    if case is None:
        found = Case.objects.filter(pk=case_id, hall_id__in=scope_of(user).hall_ids).first()
        if found is None:
            raise NotFound("办件不存在或不属于本大厅")
        raise Conflict(
            f"办件当前状态为“{found.get_state_display()}”，不在待出件环节",
            code="illegal_transition",
        )
    return case


def proxy_items(user: Any, q: str = "", limit: int = 20, *, kind: str = "") -> list[ItemVersion]:
    """Items in the 跨域通办 scope that another hall handles: this window can receive them."""
    scope = scope_of(user)
    here = ItemHall.objects.filter(hall_id__in=scope.hall_ids).values("item_id")
    qs = catalog.published().exclude(cross_region_scope="").exclude(item_id__in=here)
    if q.strip():
        ids = {v.pk for v in catalog.find_items(q=q, limit=200).versions}
        qs = qs.filter(pk__in=ids)
    found = list(qs.select_related("item").order_by("item__implementation_code")[: limit * 5])
    return [v for v in found if not kind or serves(v, kind)][:limit]
