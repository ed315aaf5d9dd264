from __future__ import annotations

from ninja import Field, Schema


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None = Field(None, alias="parent.code")


class DivisionIn(Schema):
    code: str = Field(..., description="12 位区划代码", examples=["610326100001"])
    name: str
    kind: str = Field(..., description="county/town/street/village/community")
    parent_code: str | None = None


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str
    uscc: str
    division_code: str = Field(..., alias="division.code")
    is_platform_operator: bool
    phone: str
    supervision_phone: str
    address: str
    is_active: bool


class DepartmentIn(Schema):
    name: str
    short_name: str
    uscc: str
    division_code: str
    is_platform_operator: bool = False
    phone: str = ""
    supervision_phone: str = ""
    address: str = ""


class DepartmentPatch(Schema):
    name: str | None = None
    short_name: str | None = None
    uscc: str | None = None
    division_code: str | None = None
    phone: str | None = None
    supervision_phone: str | None = None
    address: str | None = None
    is_active: bool | None = None


class HallOut(Schema):
    id: int
    name: str
    kind: str
    kind_display: str = Field(..., alias="get_kind_display")
    division_code: str = Field(..., alias="division.code")
    address: str
    phone: str
    opening_hours: str
    opening_hours_display: str


class HallIn(Schema):
    name: str
    kind: str
    division_code: str
    parent_id: int | None = None
    managing_department_id: int | None = None
    address: str = ""
    phone: str = ""
    opening_hours: str = Field("", examples=["1-5 09:00-12:00,13:30-17:30"])


class WindowOut(Schema):
    id: int
    hall_id: int
    number: str
    name: str
    kind: str
    kind_display: str = Field(..., alias="get_kind_display")
    department_ids: list[int]
    opening_hours_display: str
    is_active: bool

    @staticmethod
    def resolve_department_ids(obj: object) -> list[int]:
        return [d.pk for d in obj.departments.all()]  # type: ignore[attr-defined]


class WindowIn(Schema):
    hall_id: int
    number: str
    name: str
    kind: str
    department_ids: list[int] = []
    opening_hours: str = ""


class WindowPatch(Schema):
    number: str | None = None
    name: str | None = None
    kind: str | None = None
    department_ids: list[int] | None = None
    opening_hours: str | None = None
    is_active: bool | None = None
