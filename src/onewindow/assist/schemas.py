"""Input and output schemas of the 帮办代办 API (/api/v1/assist/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from .models import Assignment, Consent, HelperActionLog, HelperProfile, KeyProject

# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


class HelperIn(Schema):
    user_id: int = Field(..., description="持有“帮办代办员”角色的工作人员账户 ID")
    phone: str = Field(..., description="向申请人公开的服务电话")
    tags: list[str] = Field([], description="专长标签，如：企业开办、工程建设")
    theme_ids: list[int] = Field([], description="擅长的事项主题（catalog 的 Theme ID）")
    max_load: int = Field(20, description="最多同时承担的分派数")
    hall_id: int | None = Field(None, description="所在大厅；不填为账户所在大厅")
    department_id: int | None = Field(None, description="所属部门；不填为账户所属部门")


class HelperPatch(Schema):
    phone: str | None = None
    tags: list[str] | None = None
    theme_ids: list[int] | None = None
    max_load: int | None = None
    is_active: bool | None = Field(None, description="是否在岗；设为不在岗前须先改派在办分派")


class AssignmentIn(Schema):
    helper_id: int = Field(..., description="帮办员的账户 ID")
    kind: str = Field(
        ..., description="person 个人申请人、enterprise 企业、case 办件、project 重点项目"
    )
    applicant_id: int | None = Field(None, description="kind=person：个人用户 ID")
    enterprise_id: int | None = Field(None, description="kind=enterprise：企业 ID")
    case_id: int | None = Field(None, description="kind=case：办件 ID")
    project_id: int | None = Field(None, description="kind=project：重点项目 ID")
    note: str = Field("", description="说明")


class ReassignIn(Schema):
    helper_id: int = Field(..., description="改派给的帮办员账户 ID")
    note: str = Field("", description="改派原因")


class EndIn(Schema):
    note: str = Field("", description="结束说明")


class ProjectIn(Schema):
    name: str
    enterprise_id: int
    investment: Decimal = Field(..., description="总投资（万元）")
    leader_id: int = Field(..., description="包抓领导（县领导）的账户 ID")
    department_ids: list[int] = Field([], description="涉及部门 ID")
    description: str = ""


class ProjectPatch(Schema):
    name: str | None = None
    investment: Decimal | None = None
    leader_id: int | None = None
    department_ids: list[int] | None = None
    description: str | None = None
    status: str | None = Field(
        None, description="active 推进中、producing 已投产、terminated 已终止"
    )


class ProjectCaseIn(Schema):
    case_id: int


class ConsentIn(Schema):
    helper_id: int = Field(..., description="受托帮办员的账户 ID")
    method: str = Field(
        ...,
        description="online 在线确认（申请人本人）、phone 电话录音（工作人员登记）；"
        "书面委托请用 POST /assist/consents/written 上传委托书",
    )
    scope: str = Field(..., description="all 全部事项、items 指定事项、case 单个办件")
    valid_until: dt.date = Field(..., description="有效期至（含当日），最长一年")
    applicant_id: int | None = Field(None, description="个人委托：申请人账户 ID")
    enterprise_id: int | None = Field(None, description="企业委托：企业 ID")
    grantor_id: int | None = Field(
        None, description="企业委托由工作人员登记时：签署的经办人账户 ID"
    )
    item_ids: list[int] = Field([], description="scope=items：委托的事项 ID")
    case_id: int | None = Field(None, description="scope=case：委托的办件 ID")
    recording_ref: str = Field("", description="电话录音：录音编号")
    note: str = ""


class RevokeIn(Schema):
    reason: str = Field("", description="撤销原因")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
class HelperOut(Schema):
    id: int
    user_id: int
    name: str = Field(..., alias="user.name")
    hall: str | None = None
    department: str | None = None
    tags: list[str]
    themes: list[str] = []
    phone: str
    is_active: bool
    max_load: int
    load: int = Field(0, description="当前在办的分派数")
    consent_count: int = Field(0, description="有效的授权委托数")

    @staticmethod
    def resolve_hall(obj: HelperProfile) -> str | None:
        return obj.hall.name if obj.hall is not None else None

    @staticmethod
    def resolve_department(obj: HelperProfile) -> str | None:
        return obj.department.short_name if obj.department is not None else None

    @staticmethod
    def resolve_themes(obj: HelperProfile) -> list[str]:
        return [t.name for t in obj.themes.all()]

    @staticmethod
    def resolve_load(obj: HelperProfile) -> int:
        return int(getattr(obj, "load", 0))

    @staticmethod
    def resolve_consent_count(obj: HelperProfile) -> int:
        return int(getattr(obj, "consent_count", 0))


class AssignmentOut(Schema):
    id: int
    helper_id: int
    helper_name: str = Field(..., alias="helper.name")
    kind: str
    kind_label: str
    target: str = Field(..., alias="target_label")
    applicant_id: int | None
    enterprise_id: int | None
    case_id: int | None
    project_id: int | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    active: bool = Field(..., alias="is_active")
    assigned_by: str | None = None
    note: str
    end_note: str
    previous_id: int | None

    @staticmethod
    def resolve_kind_label(obj: Assignment) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_assigned_by(obj: Assignment) -> str | None:
        return obj.assigned_by.name if obj.assigned_by is not None else None


class CaseRowOut(Schema):
    id: int
    number: str | None
    item_name: str
    applicant_name: str
    state: str
    state_label: str
    promised_due: dt.date | None
    remaining: int | None = Field(None, description="距承诺办结日的剩余工作日，负数为已超期")
    clock: str = Field("", description="时限说明，如“还剩 3 个工作日”")
    acceptance_due: dt.date | None = None
    level: str = Field("", description="near 临期、overdue 超期")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class DepartmentRef(Schema):
    id: int
    name: str = Field(..., alias="short_name")


class ProjectOut(Schema):
    id: int
    name: str
    enterprise_id: int
    enterprise_name: str = Field(..., alias="enterprise.name")
    investment: Decimal = Field(..., description="总投资（万元）")
    leader_id: int
    leader_name: str = Field(..., alias="leader.name")
    departments: list[DepartmentRef] = []
    status: str
    status_label: str
    description: str
    case_count: int = 0

    @staticmethod
    def resolve_departments(obj: KeyProject) -> list[Any]:
        return list(obj.departments.all())

    @staticmethod
    def resolve_status_label(obj: KeyProject) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_case_count(obj: KeyProject) -> int:
        return int(getattr(obj, "case_count", 0))


class ProjectDetailOut(ProjectOut):
    cases: list[CaseRowOut] = Field([], alias="case_rows")
    helpers: list[AssignmentOut] = []


class ConsentOut(Schema):
    id: int
    helper_id: int
    helper_name: str = Field(..., alias="helper.name")
    helper_phone: str = ""
    applicant_id: int | None
    enterprise_id: int | None
    party: str = Field(..., alias="party_name")
    grantor_name: str = Field(..., alias="grantor.name")
    scope: str
    scope_label: str
    scope_text: str = ""
    item_ids: list[int] = []
    case_id: int | None
    method: str
    method_label: str
    document_name: str
    document_sm3: str
    recording_ref: str
    note: str
    recorded_by: str | None = None
    given_at: dt.datetime
    valid_until: dt.date
    revoked_at: dt.datetime | None
    revoke_reason: str
    state: str = Field("", description="有效、已过期、已撤销")

    @staticmethod
    def resolve_helper_phone(obj: Consent) -> str:
        profile = getattr(obj.helper, "helper_profile", None)
        return profile.phone if profile is not None else ""

    @staticmethod
    def resolve_scope_label(obj: Consent) -> str:
        return str(obj.get_scope_display())

    @staticmethod
    def resolve_scope_text(obj: Consent) -> str:
        from .services import describe_scope

        return describe_scope(obj)

    @staticmethod
    def resolve_item_ids(obj: Consent) -> list[int]:
        return [i.pk for i in obj.items.all()]

    @staticmethod
    def resolve_method_label(obj: Consent) -> str:
        return str(obj.get_method_display())

    @staticmethod
    def resolve_recorded_by(obj: Consent) -> str | None:
        return obj.recorded_by.name if obj.recorded_by is not None else None

    @staticmethod
    def resolve_state(obj: Consent) -> str:
        return obj.state_on()


class ActionLogOut(Schema):
    id: int
    helper_id: int
    helper_name: str = Field(..., alias="helper.name")
    code: str
    action: str
    at: dt.datetime
    applicant_id: int | None
    enterprise_id: int | None
    case_id: int | None
    case_number: str | None = None
    basis: str = Field("", description="依据：分派、授权委托；为空表示没有依据，需核查")
    assignment_id: int | None
    consent_id: int | None
    details: dict[str, Any]

    @staticmethod
    def resolve_case_number(obj: HelperActionLog) -> str | None:
        return obj.case.number if obj.case is not None else None


class ProjectAssignmentOut(AssignmentOut):
    cases: list[CaseRowOut] = []

    @staticmethod
    def resolve_cases(obj: Assignment) -> list[Any]:
        return list(getattr(obj.project, "carried_cases", []) if obj.project else [])


class OneToOneOut(Schema):
    helper: HelperOut | None = Field(None, alias="profile")
    load: int
    people: list[AssignmentOut]
    enterprises: list[AssignmentOut]
    case_assignments: list[AssignmentOut]
    projects: list[ProjectAssignmentOut]
    cases: list[CaseRowOut]
    consents: list[ConsentOut]
    expiring: list[ConsentOut] = Field(..., description="7 天内到期的有效委托")
    actions: list[ActionLogOut] = Field(..., description="最近的操作记录")


class LeaderProjectOut(ProjectOut):
    cases: list[CaseRowOut] = Field([], alias="case_rows")
    overdue: int = 0
    helpers: list[str] = []

    @staticmethod
    def resolve_helpers(obj: KeyProject) -> list[str]:
        return [a.helper.name for a in getattr(obj, "active_assignments", [])]


class Page(Schema):
    count: int
    page: int
    page_size: int


class AssignmentPage(Page):
    items: list[AssignmentOut]


class ConsentPage(Page):
    items: list[ConsentOut]


class ActionLogPage(Page):
    items: list[ActionLogOut]
