"""Input and output schemas of the case API (/api/v1/cases/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from .models import Case


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------
class CaseCreateIn(Schema):
    item_id: int = Field(..., description="事项 ID（catalog 的 Item）")
    channel: str = Field(..., description="申请渠道：window、pc、mobile、kiosk、mail、proxy")
    applicant_id: int | None = Field(
        None, description="窗口/帮办代为申请时：申请人（或企业经办人）的账户 ID"
    )
    enterprise_id: int | None = Field(None, description="以企业名义申请时：企业 ID")
    hall_id: int | None = Field(None, description="受理大厅；工作人员代为申请时固定为本人所在大厅")
    form_data: dict[str, Any] | None = Field(None, description="申请表：{数据元代码: 值}")
    proxy_region: str = Field("", description="跨域代收（channel=proxy）时的代收地区")


class FormIn(Schema):
    form_data: dict[str, Any] = Field(
        ..., description="要修改的申请表内容（与已填内容合并）：{数据元代码: 值}"
    )


class CorrectionItemIn(Schema):
    material: str = Field(..., description="材料名称")
    problem: str = Field(..., description="存在的问题")


# The Chinese name of each action field, for messages.
ACTION_FIELDS: dict[str, str] = {
    "opinion": "办理意见",
    "reason": "理由",
    "legal_basis": "法律依据",
    "items": "补正材料清单",
    "note": "说明",
    "kind_id": "特别程序种类",
    "expected_days": "预计时长",
    "days": "延长天数",
    "method": "出件方式",
}


class ActionIn(BaseModel):
    """Everything any action may take; each action uses only its own fields (see the
    operation's description). Fields an action does not take are refused with a 422.
    A plain pydantic model (not a ninja Schema, which reads attributes) so that unknown
    keys are kept in `model_extra` and can be named in the message."""

    model_config = ConfigDict(extra="allow")

    opinion: str | None = Field(None, description="办理意见（受理、通过、退回、准予、不予……）")
    reason: str | None = Field(
        None, description="理由（不予受理、特别程序、延期、不予、撤回、终止）"
    )
    legal_basis: str | None = Field(None, description="不予受理的法律依据")
    items: list[CorrectionItemIn] | None = Field(
        None, description="一次性告知补正：全部需要补正的材料及问题"
    )
    note: str | None = Field(None, description="补正告知或出件的说明")
    kind_id: int | None = Field(None, description="特别程序种类 ID")
    expected_days: int | None = Field(None, description="特别程序预计时长（工作日）")
    days: int | None = Field(None, description="延期天数（工作日）")
    method: str | None = Field(None, description="出件方式：window、post、online")


class SupervisionOpenIn(Schema):
    case_id: int
    reason: str = Field(..., description="督办事由")
    responsible_id: int | None = Field(None, description="责任人；不填为当前办理部门负责人")
    reply_due: dt.date | None = Field(None, description="反馈期限；不填按规则计算")


class NoteIn(Schema):
    note: str


class TalkIn(Schema):
    note: str = Field(..., description="约谈内容")
    participants: str = Field(..., description="约谈参加人")
    talk_on: dt.date | None = Field(None, description="约谈日期，不填为今天")


class CloseIn(Schema):
    conclusion: str = Field(..., description="督办结论")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
class PersonOut(Schema):
    id: int
    name: str


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str


class ItemRefOut(Schema):
    id: int = Field(..., alias="item_id")
    name: str = Field(..., alias="item_name")
    implementation_code: str = Field(..., alias="item.implementation_code")
    version_id: int
    version: int = Field(..., alias="version.number")


class ApplicantOut(Schema):
    kind: str = Field(..., alias="applicant_kind")
    name: str = Field(..., alias="applicant_name")
    code_masked: str = Field(..., alias="applicant_code_masked")
    enterprise_id: int | None
    agent: PersonOut | None = None

    @staticmethod
    def resolve_agent(obj: Case) -> Any:
        return obj.agent if obj.agent_id else None


class StepOut(Schema):
    name: str
    department_id: int | None
    role: str


class ClockOut(Schema):
    accepted_on: dt.date | None
    statutory_limit: int
    statutory_unit: str
    promised_limit: int
    promised_unit: str
    statutory_due: dt.date | None
    promised_due: dt.date | None
    extension_days: int
    suspended_working_days: int
    remaining: int | None = Field(None, description="距承诺办结日的剩余工作日，负数为已超期")
    text: str = Field("", alias="clock")
    paused: bool = False
    paused_on: dt.date | None
    acceptance_due: dt.date | None = Field(None, description="受理前：一次性告知补正的截止日")
    level: str = Field("", description="near 临期、overdue 超期")

    @staticmethod
    def resolve_paused(obj: Case) -> bool:
        return obj.paused_on is not None


class DatesOut(Schema):
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    received_on: dt.date | None
    accepted_at: dt.datetime | None
    decided_at: dt.datetime | None
    delivered_at: dt.datetime | None
    closed_at: dt.datetime | None


class ActionOut(Schema):
    action: str
    label: str
    requires: list[str]


class TimelineOut(Schema):
    seq: int
    name: str
    state: str
    department: str | None = Field(None, alias="department.name")
    actor_name: str
    action: str
    action_label: str
    opinion: str
    started_at: dt.datetime
    ended_at: dt.datetime | None


class MaterialOut(Schema):
    id: int
    material_id: int | None
    name: str
    status: str
    status_label: str
    original_name: str
    content_type: str
    size: int
    sm3: str
    has_file: bool
    paper_received: bool
    note: str
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.file)


class NoticeOut(Schema):
    id: int
    kind: str
    title: str
    number: str
    issued_at: dt.datetime
    body: str
    verify_code: str = Field(description="核验码：文书二维码与公开核验页使用")
    pdf: str = Field(description="PDF 下载地址（API）")
    verify_page: str = Field(description="公开核验页地址")

    @staticmethod
    def resolve_pdf(obj: Any) -> str:
        return f"/api/v1/cases/{obj.case_id}/notices/{obj.pk}/pdf"

    @staticmethod
    def resolve_verify_page(obj: Any) -> str:
        return f"/verify/{obj.verify_code}/"


class NoticeVerifyOut(Schema):
    """What the public verification page shows: enough to recognise the document, nothing
    personal beyond the applicant's surname."""

    valid: bool = True
    title: str
    number: str
    issued_by: str
    issued_on: dt.date
    case_number: str
    item_name: str
    applicant: str
    fingerprint: str = Field(description="SM3(文号 + 正文) 前 16 位，与纸质文书上印的一致")


class CorrectionOut(Schema):
    items: list[dict[str, str]]
    note: str
    issued_at: dt.datetime
    answered_at: dt.datetime | None


class SpecialProcedureOut(Schema):
    kind: str = Field(..., alias="kind.name")
    reason: str
    expected_days: int
    started_on: dt.date
    ended_on: dt.date | None
    result: str
    days_not_counted: int


class ExtensionOut(Schema):
    days: int
    reason: str
    created_at: dt.datetime
    promised_due_before: dt.date | None
    promised_due_after: dt.date | None
    statutory_due_before: dt.date | None
    statutory_due_after: dt.date | None


class CaseDetailOut(Schema):
    """One case with its clock, the actions open to the viewer, and its whole record."""

    id: int
    number: str | None
    item: ItemRefOut
    state: str
    state_label: str
    applicant: ApplicantOut
    channel: str
    channel_label: str
    proxy_region: str
    department: DepartmentOut
    current_department: DepartmentOut
    hall: str | None = Field(None, alias="hall.name")
    current_step: StepOut | None
    handler: PersonOut | None = None
    dates: DatesOut
    clock: ClockOut
    actions: list[ActionOut]
    form_data: dict[str, Any]
    timeline: list[TimelineOut]
    materials: list[MaterialOut]
    notices: list[NoticeOut]
    corrections: list[CorrectionOut]
    special_procedures: list[SpecialProcedureOut]
    extensions: list[ExtensionOut]

    @staticmethod
    def resolve_item(obj: Case) -> Case:
        return obj

    @staticmethod
    def resolve_applicant(obj: Case) -> Case:
        return obj

    @staticmethod
    def resolve_dates(obj: Case) -> Case:
        return obj

    @staticmethod
    def resolve_clock(obj: Case) -> Case:
        return obj

    @staticmethod
    def resolve_state_label(obj: Case) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_channel_label(obj: Case) -> str:
        return obj.get_channel_display()

    @staticmethod
    def resolve_current_step(obj: Case) -> dict[str, Any] | None:
        step = obj.current_step
        if step is None:
            return None
        return {"name": step["name"], "department_id": step.get("department"), "role": step["role"]}

    @staticmethod
    def resolve_handler(obj: Case) -> Any:
        return obj.handler if obj.handler_id else None

    @staticmethod
    def resolve_timeline(obj: Case) -> Any:
        return obj.timeline.select_related("department").order_by("seq")

    @staticmethod
    def resolve_materials(obj: Case) -> Any:
        return obj.materials.order_by("id")

    @staticmethod
    def resolve_notices(obj: Case) -> Any:
        return obj.notices.order_by("issued_at", "id")

    @staticmethod
    def resolve_corrections(obj: Case) -> Any:
        return obj.corrections.order_by("issued_at", "id")

    @staticmethod
    def resolve_special_procedures(obj: Case) -> Any:
        return obj.special_procedures.select_related("kind").order_by("started_on", "id")

    @staticmethod
    def resolve_extensions(obj: Case) -> Any:
        return obj.extensions.order_by("created_at", "id")


class CaseRowOut(Schema):
    """One row of an inbox or of the applicant's own list."""

    id: int
    number: str | None
    item_name: str
    applicant_name: str
    state: str
    state_label: str
    channel: str
    department: str = Field(..., alias="department.short_name")
    current_department: str = Field(..., alias="current_department.short_name")
    handler: str | None = Field(None, alias="handler.name")
    created_at: dt.datetime
    received_on: dt.date | None
    accepted_on: dt.date | None
    promised_due: dt.date | None
    statutory_due: dt.date | None
    remaining: int | None = None
    clock: str = ""
    paused: bool = False
    acceptance_due: dt.date | None = None
    level: str = ""

    @staticmethod
    def resolve_state_label(obj: Case) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_paused(obj: Case) -> bool:
        return obj.paused_on is not None


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseRowOut]


class InboxPage(CasePage):
    box: str
    label: str


class BoxCountOut(Schema):
    box: str
    label: str
    count: int


class SupervisionEventOut(Schema):
    id: int
    kind: str
    kind_label: str
    note: str
    participants: str
    talk_on: dt.date | None
    actor: str | None = Field(None, alias="actor.name")
    created_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class SupervisionOut(Schema):
    id: int
    number: str
    subject_label: str
    case_id: int | None = Field(None, description="督办对象为办件时的办件 ID")
    department: str = Field(..., alias="department.name")
    responsible: PersonOut | None = None
    supervisor: PersonOut | None = None
    reason: str
    automatic: bool
    due_on: dt.date | None
    state: str
    state_label: str
    reply_due: dt.date | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    conclusion: str

    @staticmethod
    def resolve_case_id(obj: Any) -> int | None:
        model = ContentType.objects.get_for_id(obj.subject_type_id).model_class()
        return obj.subject_id if model is Case else None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_responsible(obj: Any) -> Any:
        return obj.responsible if obj.responsible_id else None

    @staticmethod
    def resolve_supervisor(obj: Any) -> Any:
        return obj.supervisor if obj.supervisor_id else None


class SupervisionDetailOut(SupervisionOut):
    events: list[SupervisionEventOut]

    @staticmethod
    def resolve_events(obj: Any) -> Any:
        return obj.events.select_related("actor").order_by("created_at", "id")


class SupervisionPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[SupervisionOut]
