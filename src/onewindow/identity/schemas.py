from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class EnterpriseBrief(Schema):
    id: int
    name: str
    uscc: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    kind: str
    roles: list[str]
    department_id: int | None
    hall_id: int | None
    id_number_masked: str
    phone_masked: str
    real_name_verified: bool
    enterprises: list[EnterpriseBrief]
    home: str


class CitizenOut(Schema):
    id: int
    username: str
    name: str
    id_number_masked: str
    phone_masked: str
    real_name_verified: bool


class CitizenSelfRegisterIn(Schema):
    name: str
    id_number: str = Field(..., description="18 位居民身份证号码")
    phone: str = ""
    username: str
    password: str


class CitizenRegisterIn(Schema):
    name: str
    id_number: str
    phone: str = ""
    real_name_verified: bool = Field(True, description="窗口已当面核验身份证件")


class StaffOut(Schema):
    id: int
    username: str
    name: str
    kind: str
    department_id: int | None
    hall_id: int | None
    roles: list[str]
    is_active: bool

    @staticmethod
    def resolve_roles(obj: object) -> list[str]:
        return sorted(r.role for r in obj.staff_roles.all())  # type: ignore[attr-defined]


class StaffIn(Schema):
    username: str
    name: str
    password: str
    department_id: int
    hall_id: int | None = None
    roles: list[str] = []
    staff_number: str = ""
    kind: str = "staff"
    phone: str = ""


class RolesIn(Schema):
    roles: list[str]


class EnterpriseOut(Schema):
    id: int
    name: str
    uscc: str
    legal_rep_name: str
    division_code: str | None = Field(None, alias="division.code")
    address: str


class EnterpriseIn(Schema):
    name: str
    uscc: str
    legal_rep_name: str
    legal_rep_user_id: int | None = None
    division_code: str | None = None
    address: str = ""


class AgentOut(Schema):
    id: int
    enterprise_id: int
    user_id: int
    user_name: str = Field(..., alias="user.name")
    is_legal_rep: bool
    authorised_at: dt.datetime
    valid_until: dt.datetime | None
    revoked_at: dt.datetime | None


class AgentIn(Schema):
    user_id: int
    valid_until: dt.datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    user_id: int
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None


class TokenIssued(TokenOut):
    token: str = Field(..., description="只显示这一次，请妥善保存")


class TokenIn(Schema):
    user_id: int
    name: str
    days: int | None = None
