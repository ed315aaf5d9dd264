"""Input and output schemas of the consultation API (/api/v1/consultations/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from .states import PENDING

# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


class ConsultationLogIn(Schema):
    asker_name: str = Field(..., description="咨询人姓名（可只填姓，如“王先生”）")
    question: str = Field(..., description="咨询内容")
    outcome: str = Field(
        ..., description="首问处理方式：answered 当场答复、referred 转办、follow_up 需跟进"
    )
    asker_kind: str = Field("person", description="咨询人类型：person 个人、enterprise 企业")
    channel: str = Field("onsite", description="咨询渠道：onsite 现场、phone 电话、online 网上")
    asker_phone: str = Field(
        "", description="联系电话（选填）：手机号或带区号的固定电话；加密保存，只返回脱敏号码"
    )
    window_id: int | None = Field(None, description="受理咨询的窗口（本人所在大厅的窗口）")
    item_id: int | None = Field(None, description="相关事项 ID（catalog 的 Item）")
    asked_at: dt.datetime | None = Field(None, description="咨询时间，不填为现在；不能晚于现在")
    answer: str = Field("", description="当场答复（answered）时必填：答复内容")
    to_department_id: int | None = Field(None, description="转办（referred）时：转办部门 ID")
    to_window_id: int | None = Field(None, description="转办时：转办窗口 ID")
    to_staff_id: int | None = Field(
        None, description="转办时：转办人员（工作人员账户 ID），不选部门时按其所在部门"
    )
    note: str = Field("", description="转办说明或需跟进的事项（选填）")


class ReferIn(Schema):
    to_department_id: int | None = Field(None, description="转办部门 ID")
    to_window_id: int | None = Field(None, description="转办窗口 ID")
    to_staff_id: int | None = Field(None, description="转办人员（工作人员账户 ID）")
    note: str = Field("", description="转办说明（选填）")


class FollowUpIn(Schema):
    note: str = Field(..., description="跟进情况")


class CloseIn(Schema):
    result: str = Field(..., description="答复内容：最终给咨询人的答复或办理结果")
    asker_informed: bool = Field(..., description="是否已将答复告知咨询人")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
class PersonOut(Schema):
    id: int
    name: str


class NamedOut(Schema):
    id: int
    name: str


class WindowOut(Schema):
    id: int
    number: str
    name: str


class ConsultationOut(Schema):
    id: int
    number: str
    hall: NamedOut
    window: WindowOut | None = None
    responsible: PersonOut = Field(..., description="首问责任人")
    asked_at: dt.datetime
    asker_name: str
    asker_kind: str
    asker_phone_masked: str = Field(..., description="联系电话（脱敏）")
    channel: str
    question: str
    item_id: int | None
    outcome: str
    outcome_label: str
    state: str
    state_label: str
    referred_department: NamedOut | None = None
    referred_window: WindowOut | None = None
    referred_to: PersonOut | None = None
    referred_at: dt.datetime | None
    follow_up_due: dt.date | None = Field(..., description="跟进期限（超过未办结即为超期）")
    overdue: bool = Field(..., description="已超过跟进期限仍未办结")
    result: str
    asker_informed: bool | None
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_outcome_label(obj: Any) -> str:
        return obj.get_outcome_display()

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return is_overdue(obj, timezone.localdate())


def is_overdue(obj: Any, today: dt.date) -> bool:
    return obj.state in PENDING and obj.follow_up_due is not None and obj.follow_up_due < today


class FollowUpOut(Schema):
    id: int
    kind: str
    kind_label: str
    note: str
    actor: PersonOut | None = None
    created_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class ConsultationDetailOut(ConsultationOut):
    referral_note: str
    follow_ups: list[FollowUpOut]
    actions: list[str] = Field(
        ..., description="当前用户此刻可执行的操作：refer 转办、follow_up 跟进、close 办结"
    )

    @staticmethod
    def resolve_follow_ups(obj: Any) -> Any:
        return obj.follow_ups.select_related("actor").order_by("created_at", "id")

    @staticmethod
    def resolve_actions(obj: Any) -> list[str]:
        return getattr(obj, "actions", [])


class ConsultationPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ConsultationOut]


class PhoneOut(Schema):
    phone: str = Field(..., description="咨询人的完整联系电话（每次查看都记入审计）")
