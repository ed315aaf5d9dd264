"""Input and output schemas of the bundle API (/api/v1/bundles/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel

from .models import BundleCase, BundleMemberCase


# --------------------------------------------------------------------------------------------
# Bundles and their guides
# --------------------------------------------------------------------------------------------
class BundleRowOut(Schema):
    code: str
    name: str
    audience: str = Field(..., description="person 个人、enterprise 法人")
    audience_label: str
    summary: str = Field("", alias="published_version.summary")
    lead_department: str = Field(..., alias="published_version.lead_department.short_name")
    member_count: int = Field(..., description="成员事项数（含非本县权限事项）")
    promised_limit: int = Field(
        ..., alias="published_version.promised_limit", description="一件事承诺时限（工作日）"
    )

    @staticmethod
    def resolve_audience_label(obj: Any) -> str:
        return str(obj.get_audience_display())


class OptionOut(Schema):
    value: str
    label: str


class QuestionOut(Schema):
    key: str
    text: str
    options: list[OptionOut]

    @staticmethod
    def resolve_options(obj: dict[str, Any]) -> list[dict[str, str]]:
        return [{"value": str(o[0]), "label": str(o[1])} for o in obj.get("options", [])]


class MemberLineOut(Schema):
    key: str = Field(..., alias="member.key")
    name: str
    department: str = Field(..., description="办理部门；非本县权限事项为外部办理机构")
    external: bool = Field(..., description="非本县权限事项（如市级权限），需另行办理")
    note: str = Field(..., description="如：市级权限")
    after: list[str] = Field(..., description="需先办结的事项（其结果作为本事项的材料）")
    when: list[str] = Field(..., description="适用情形（情形引导的回答）；空为总是办理")
    stage: int = Field(..., description="办理阶段：同一阶段的事项并联办理")
    promised: str = Field("", description="事项承诺时限")
    online: bool = Field(..., description="可全程网办")


class FieldOut(Schema):
    key: str = Field(..., description="数据元代码，即提交申请表时的键")
    label: str
    type: str
    required: bool
    options: list[str]
    help: str
    members: list[str] = Field(..., description="使用这一项的成员事项代码")


class MaterialOut(Schema):
    key: str = Field(..., description="材料标识；上传时的文件字段为 material-<key>")
    name: str
    required: bool
    online: bool = Field(..., description="可网上提交")
    asked: bool = Field(..., description="需要申请人提交（一次提交，全部成员事项共用）")
    provided_by: str = Field("", description="由该成员事项的办理结果提供，无需提交")
    provided_by_name: str = ""
    notes: list[str]
    members: list[str]
    form: str = Field("", description="材料形式：electronic、paper、both")
    source: str = Field("", description="来源：applicant 申请人、licence 电子证照、government")


class GuideOut(Schema):
    code: str = Field(..., alias="bundle.code")
    name: str = Field(..., alias="version.name")
    audience: str = Field(..., alias="bundle.audience")
    summary: str = Field("", alias="version.summary")
    sources: str = Field("", alias="version.sources")
    version: int = Field(..., alias="version.number")
    lead_department: str = Field(..., alias="version.lead_department.short_name")
    promised_limit: int = Field(..., alias="version.promised_limit")
    departments: list[str] = Field(..., description="协同部门，牵头部门在前")
    questions: list[QuestionOut] = Field(..., description="情形引导问题")
    answers: dict[str, str] = Field(..., description="办理方案所依据的回答；指南为空")
    members: list[MemberLineOut]
    stage_count: int
    form: list[FieldOut] = Field(..., description="合并后的申请表（一表申请）")
    materials: list[MaterialOut] = Field(..., description="合并后的材料清单（一套材料）")
    saved_fields: int = Field(..., description="比逐项申请少填的表单项")
    saved_materials: int = Field(..., description="比逐项申请少交的材料")


class PlanIn(Schema):
    answers: dict[str, str] = Field(
        ..., description="情形引导的回答：{问题 key: 选项 value}，每个问题都须回答"
    )


# --------------------------------------------------------------------------------------------
# Bundle cases
# --------------------------------------------------------------------------------------------
class MemberCaseOut(Schema):
    key: str
    name: str
    department: str | None = Field(None, alias="department.short_name")
    status: str = Field(
        ...,
        description="waiting 等待前序事项、started 办理中、granted 准予、refused 未获准、"
        "cancelled 不再办理、external 由外部机构办理",
    )
    status_label: str
    case_id: int | None = None
    case_number: str | None = Field(None, alias="case.number")
    case_state: str | None = Field(None, alias="case.state")
    case_state_label: str | None = None
    remaining: int | None = Field(None, description="成员办件剩余时限，负数为已超期")
    clock: str = ""
    note: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj: BundleMemberCase) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_case_state_label(obj: BundleMemberCase) -> str | None:
        return str(obj.case.get_state_display()) if obj.case is not None else None

    @staticmethod
    def resolve_remaining(obj: BundleMemberCase) -> int | None:
        return getattr(obj.case, "remaining", None) if obj.case is not None else None

    @staticmethod
    def resolve_clock(obj: BundleMemberCase) -> str:
        return (getattr(obj.case, "clock", "") or "") if obj.case is not None else ""


class MemberBriefOut(BaseModel):
    key: str
    name: str
    department: str | None = None
    status: str


class BundleCaseRow(BaseModel):
    """A row of a list of bundle cases, built as plain values by the API (a plain pydantic
    model: a page carries about 300 members, and the schema getter's per-attribute lookups
    were most of its time)."""

    id: int
    number: str
    bundle: str = Field(..., description="一件事代码")
    bundle_name: str
    applicant_name: str
    lead_department: str
    status: str = Field(
        ...,
        description="in_progress 办理中、correction 待补正、ready 待出件、done 已办结、stopped 已终止",
    )
    status_label: str
    submitted_at: dt.datetime
    promised_due: dt.date
    remaining: int | None = Field(None, description="距承诺办结日的剩余工作日；已办结为空")
    clock: str
    member_total: int = Field(..., description="本县办理的成员事项数")
    member_done: int = Field(..., description="其中已办结（准予、未获准或不再办理）的")
    members: list[MemberBriefOut]


class BundleCaseRowOut(BundleCaseRow, Schema):
    """A bundle case read from the model: the base of the detail."""

    @staticmethod
    def resolve_status_label(obj: BundleCase) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_bundle(obj: BundleCase) -> str:
        return obj.bundle.code

    @staticmethod
    def resolve_lead_department(obj: BundleCase) -> str:
        return obj.lead_department.short_name


class BundleCasePage(Schema):
    limit: int
    offset: int
    has_more: bool = Field(..., description="之后还有")
    items: list[BundleCaseRow]


class NoticeOut(Schema):
    kind: str = Field(
        ..., description="receipt 受理回执、correction 补正告知、stage 进度告知、completion 办结"
    )
    number: str
    title: str
    body: str
    issued_at: dt.datetime


class TimelineOut(Schema):
    at: dt.datetime
    text: str
    member: str = Field("", description="成员事项名称；一件事本身的记录为空")
    actor: str = ""
    opinion: str = ""


class FileOut(Schema):
    material_key: str
    name: str
    original_name: str
    size: int
    sm3: str
    uploaded_at: dt.datetime


class BundleCaseDetailOut(BundleCaseRowOut):
    version: int = Field(..., alias="version.number")
    applicant_kind: str
    channel: str
    delivery_mode: str = Field(
        ..., description="together 全部办结后一次出件、per_member 逐项办结逐项出件"
    )
    delivery_mode_label: str
    answers: dict[str, str]
    received_on: dt.date
    promised_limit: int
    finished_at: dt.datetime | None
    needs_visit: bool
    paper: bool
    fully_online: bool | None
    hall: str | None = Field(None, alias="hall.name")
    can_deliver: bool = Field(False, description="当前用户此刻可以统一出件")
    members: list[MemberCaseOut]  # type: ignore[assignment]

    @staticmethod
    def resolve_members(obj: BundleCase) -> list[BundleMemberCase]:
        return list(obj.members.all())

    files: list[FileOut] = Field(..., description="一次提交的材料")
    notices: list[NoticeOut] = Field(..., description="一件事的告知书：每个阶段一份")
    timeline: list[TimelineOut] = Field(
        ..., description="一条时间线：一件事的记录与全部成员办件的办理过程"
    )

    @staticmethod
    def resolve_delivery_mode_label(obj: BundleCase) -> str:
        return str(obj.get_delivery_mode_display())

    @staticmethod
    def resolve_files(obj: BundleCase) -> list[Any]:
        return list(obj.files.all())

    @staticmethod
    def resolve_notices(obj: BundleCase) -> list[Any]:
        return list(obj.notices.all())


class DeliverIn(Schema):
    method: str = Field(..., description="window 窗口领取、post 邮寄送达、online 电子送达")
    collector_name: str = Field("", description="窗口领取：领取人姓名")
    collector_id_number: str = Field("", description="窗口领取：领取人身份证号码")
    by_applicant: bool = Field(True, description="窗口领取：申请人（经办人）本人领取")
    signature: str = Field("", description="窗口领取：领取人签名（PNG data URL）")
    courier: str = Field("", description="邮寄：快递公司")
    tracking_number: str = Field("", description="邮寄：快递单号")
    address: str = Field("", description="邮寄：邮寄地址")
    note: str = ""


class OnlineShareOut(Schema):
    code: str
    name: str
    finished: int = Field(..., description="已办结（含终止）的一件事办件")
    fully_online: int = Field(..., description="其中全程网办（无需到现场、无纸质材料）的")
    open: int = Field(..., description="办理中的")
    share: float | None = Field(None, description="全程网办率（fully_online / finished）")
