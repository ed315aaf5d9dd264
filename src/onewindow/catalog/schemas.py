from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class ThemeOut(Schema):
    code: str
    name: str
    audience: str


class MaterialOut(Schema):
    name: str
    material_type: str = Field(..., alias="material_type.name")
    issuer: str
    originals: int
    copies: int
    form: str
    required: bool
    tolerable: bool
    waivable: bool
    source: str
    licence_type: str
    notes: str
    blank_form_url: str | None = None
    sample_url: str | None = None

    @staticmethod
    def resolve_blank_form_url(obj: Any) -> str | None:
        return obj.blank_form.url if obj.blank_form else None

    @staticmethod
    def resolve_sample_url(obj: Any) -> str | None:
        return obj.sample.url if obj.sample else None


class FieldOut(Schema):
    key: str = Field(..., alias="element.key")
    label: str = Field(..., alias="display_label")
    type: str = Field(..., alias="element.type")
    required: bool
    options: list[str] = Field(..., alias="element.options")
    max_length: int | None = Field(None, alias="element.max_length")
    min_value: int | None = Field(None, alias="element.min_value")
    max_value: int | None = Field(None, alias="element.max_value")
    help: str = Field(..., alias="element.help")


class ItemSummary(Schema):
    implementation_code: str = Field(..., alias="item.implementation_code")
    basic_code: str = Field(..., alias="item.basic_code")
    version: int = Field(..., alias="number")
    name: str
    department: str = Field(..., alias="item.department.name")
    item_type: str
    level: int
    handling_type: int
    statutory_limit: int
    statutory_unit: str
    promised_limit: int
    promised_unit: str
    online_depth: int
    fully_online: bool
    visits: int
    high_frequency: bool
    score: float | None = None


class ItemPage(Schema):
    items: list[ItemSummary]
    count: int
    expanded_from: list[str] = []


class GuideOut(ItemSummary):
    """Every element of a published service guide."""

    version_id: int = Field(..., alias="pk")
    item_id: int
    competent_department: str = Field(..., alias="competent_department.name")
    joint_departments: list[str]
    legal_basis: str
    service_objects: str
    conditions: str
    process: list[dict[str, Any]]
    statutory_note: str
    promised_note: str
    charges_fee: bool
    fee_standard: str
    fee_basis: str
    result_name: str
    result_licence_type: str
    quantity_limit: str
    annual_inspection: bool
    special_procedures: list[dict[str, Any]]
    intermediary_services: str
    channels: str
    appointment: bool
    postal_delivery: bool
    cross_region_scope: str
    location: str
    hours: str
    phone: str
    supervision_phone: str
    faq: list[dict[str, Any]]
    tolerant_acceptance: bool
    commitment: bool
    accept_on_receipt: bool
    themes: list[str]
    materials: list[MaterialOut]
    fields: list[FieldOut]
    published_at: dt.datetime | None
    delegated_from: str | None = Field(None, alias="item.delegated_from.implementation_code")

    @staticmethod
    def resolve_joint_departments(obj: Any) -> list[str]:
        return [d.name for d in obj.joint_departments.all()]

    @staticmethod
    def resolve_themes(obj: Any) -> list[str]:
        return [t.code for t in obj.themes.all()]

    @staticmethod
    def resolve_materials(obj: Any) -> list[Any]:
        return list(obj.materials.all())

    @staticmethod
    def resolve_fields(obj: Any) -> list[Any]:
        return list(obj.fields.all())


class VersionOut(Schema):
    id: int
    item_id: int
    implementation_code: str = Field(..., alias="item.implementation_code")
    number: int
    status: str
    name: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    published_at: dt.datetime | None


class ItemCreateIn(Schema):
    department_id: int
    basic_code: str = Field(..., examples=["000103002000"])
    delegated_from_id: int | None = None
    content: dict[str, Any] = Field(
        ..., description="事项要素，结构见 GET /catalog/versions/{id}/content"
    )


class ContentIn(Schema):
    content: dict[str, Any]


class OpinionIn(Schema):
    opinion: str = ""


class ProblemOut(Schema):
    field: str
    message: str


class ChangeOut(Schema):
    field: str
    label: str
    before: Any
    after: Any


class HallIn(Schema):
    hall_id: int
    mode: str = "direct"


class HallsIn(Schema):
    halls: list[HallIn]


class QualityRow(Schema):
    department: str
    items: int
    failing: list[dict[str, Any]]
