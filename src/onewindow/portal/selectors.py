"""Reads for the portal: the applicant's own cases, what a case still needs, and the open
correction request item by item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from onewindow.cases import commitment
from onewindow.cases import selectors as cases
from onewindow.cases.models import FINISHED, Case, CaseMaterial, CaseState, CorrectionRequest
from onewindow.catalog.codes import MaterialForm, MaterialSource
from onewindow.catalog.models import Material
from onewindow.core.errors import NotFound
from onewindow.core.permissions import scope_of


def own_case(user: Any, case_id: int) -> Case:
    """A case the person applied for (themself, as agent, or for their enterprise), with
    its clock; 404 for anyone else's."""
    case = (
        cases.my_cases(user)
        .select_related("item", "version", "department", "hall")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("办件不存在或不是您的申请")
    return cases.with_clock([case])[0]


def my_cases(user: Any, *, status: str = "") -> QuerySet[Case]:
    qs = cases.my_cases(user)
    if status == "draft":
        qs = qs.filter(state=CaseState.DRAFT)
    elif status == "open":
        qs = qs.exclude(state__in=(*FINISHED, CaseState.DRAFT))
    elif status == "done":
        qs = qs.filter(state__in=FINISHED)
    elif status == "correction":
        qs = qs.filter(state=CaseState.CORRECTION)
    return qs


def uploads_online(material: Material) -> bool:
    """Materials the applicant supplies as a file: not issued by a department or shared as
    an electronic licence, and not paper-only."""
    return material.source == MaterialSource.APPLICANT and material.form != MaterialForm.PAPER


@dataclass
class MaterialLine:
    material: Material
    online: bool
    files: list[CaseMaterial]
    waived: bool = False  # replaced by the applicant's 告知承诺
    tolerated: bool = False  # to be supplied after acceptance (容缺)

    @property
    def missing(self) -> bool:
        return (
            self.online
            and self.material.required
            and not self.files
            and not self.waived
            and not self.tolerated
        )


def checklist(case: Case) -> list[MaterialLine]:
    """Each material of the case's version with the files given for it."""
    rows: dict[int, list[CaseMaterial]] = {}
    received = case.materials.filter(material__isnull=False, status=CaseMaterial.Status.RECEIVED)
    for row in received.order_by("uploaded_at", "id"):
        assert row.material_id is not None
        rows.setdefault(row.material_id, []).append(row)
    waived = commitment.waived_material_ids(case)
    tolerated = set(
        case.materials.filter(status=CaseMaterial.Status.TOLERATED).values_list(
            "material_id", flat=True
        )
    )
    return [
        MaterialLine(m, uploads_online(m), rows.get(m.pk, []), m.pk in waived, m.pk in tolerated)
        for m in case.version.materials.order_by("order", "id")
    ]


def owed(case: Case) -> list[CaseMaterial]:
    """Tolerated materials still to supply after acceptance, with their deadlines."""
    return list(
        case.materials.filter(
            status=CaseMaterial.Status.TOLERATED, supplied_at__isnull=True, due_on__isnull=False
        ).order_by("due_on", "id")
    )


def missing_materials(case: Case) -> list[Material]:
    return [line.material for line in checklist(case) if line.missing]


def replaceable_rows(case: Case, material_id: int) -> QuerySet[CaseMaterial]:
    """Files for this material the applicant may still replace: all of a draft's, or those
    uploaded since the open correction request."""
    qs = case.materials.filter(material_id=material_id, file__gt="")
    if case.state == CaseState.DRAFT:
        return qs
    request = open_correction(case)
    if request is None:
        return qs.none()
    return qs.filter(uploaded_at__gt=request.issued_at)


def open_correction(case: Case) -> CorrectionRequest | None:
    if case.state != CaseState.CORRECTION:
        return None
    return case.corrections.filter(answered_at__isnull=True).order_by("-issued_at").first()


@dataclass
class CorrectionItem:
    index: int  # 1-based, as printed on the notice
    name: str
    problem: str
    material: Material | None  # the listed material it names, if any
    answered: list[CaseMaterial]

    @property
    def error_key(self) -> str:
        return f"item-{self.index}"

    @property
    def needs_file(self) -> bool:
        return self.material is not None and uploads_online(self.material)


def correction_items(case: Case, request: CorrectionRequest) -> list[CorrectionItem]:
    by_name = {m.name: m for m in case.version.materials.all()}
    since = case.materials.filter(uploaded_at__gt=request.issued_at).order_by("uploaded_at")
    out = []
    for i, entry in enumerate(request.items, start=1):
        name = str(entry.get("material", ""))
        material = by_name.get(name)
        if material is not None:
            answered = [r for r in since if r.material_id == material.pk]
        else:
            answered = [r for r in since if r.material_id is None and r.name == name]
        out.append(CorrectionItem(i, name, str(entry.get("problem", "")), material, answered))
    return out


def enterprises_of(user: Any) -> list[Any]:
    """Enterprises the person may apply for as their authorised agent."""
    from onewindow.identity.models import Enterprise

    ids = scope_of(user).enterprise_ids
    return list(Enterprise.objects.filter(pk__in=ids).order_by("name")) if ids else []
