"""The 帮办代办 API at /api/v1/assist/: the roster, assignments, key projects, consents, a
helper's one-to-one view and the action log.

Every operation acts as `request.user`; selectors scope what is read (a helper sees what
they carry, a hall admin their roster, the public what concerns them) and services check
who may write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from onewindow.core.errors import ApiRequest, InvalidInput

from . import selectors, services
from .schemas import (
    ActionLogPage,
    AssignmentIn,
    AssignmentOut,
    AssignmentPage,
    ConsentIn,
    ConsentOut,
    ConsentPage,
    EndIn,
    HelperIn,
    HelperOut,
    HelperPatch,
    LeaderProjectOut,
    OneToOneOut,
    ProjectCaseIn,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ReassignIn,
    RevokeIn,
)

router = Router(tags=["帮办代办"])
PAGE_SIZE = 50


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="页码，从 1 开始；每页 50 条")


class AssignmentQuery(PageQuery):
    helper_id: int | None = Field(None, description="只看这位帮办员的")
    active: bool | None = Field(None, description="true 在办、false 已结束；不填为全部")


class ConsentQuery(PageQuery):
    helper_id: int | None = Field(None, description="只看给这位帮办员的")
    live: bool | None = Field(None, description="true 有效、false 已过期或已撤销；不填为全部")


class LogQuery(PageQuery):
    helper_id: int | None = None
    case_id: int | None = None
    unbased: bool = Field(False, description="只看没有分派或授权委托依据的操作")


class ProjectQuery(Schema):
    status: str = Field("", description="active 推进中、producing 已投产、terminated 已终止")


def _page(qs: QuerySet[Any], page: int) -> dict[str, Any]:
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE])
    count = start + len(rows) if len(rows) < PAGE_SIZE else qs.count()
    return {"count": count, "page": page, "page_size": PAGE_SIZE, "items": rows}


# --------------------------------------------------------------------------------------------
# The roster
# --------------------------------------------------------------------------------------------
@router.get(
    "/helpers", response=list[HelperOut], operation_id="assist_helpers", summary="帮办代办员名册"
)
def helpers(request: ApiRequest):
    """大厅管理员看本大厅（部门管理员看本部门）的名册，含每人当前在办数（load）与上限；
    县级岗位看全部；个人和企业用户看在岗的帮办员及其服务电话，用于选择委托对象。"""
    return list(selectors.roster(request.user))


@router.post(
    "/helpers",
    response={201: HelperOut},
    operation_id="assist_helper_create",
    summary="将帮办员加入名册",
)
def helper_create(request: ApiRequest, payload: HelperIn):
    profile = services.helper_create(actor=request.user, **payload.dict())
    return Status(201, selectors.helper(request.user, profile.pk))


@router.patch(
    "/helpers/{profile_id}",
    response=HelperOut,
    operation_id="assist_helper_update",
    summary="修改帮办员信息",
)
def helper_update(request: ApiRequest, profile_id: int, payload: HelperPatch):
    """修改服务电话、专长、上限或在岗状态；设为不在岗前须先改派其在办的分派（否则 409）。"""
    changes = payload.dict(exclude_unset=True)
    services.helper_update(actor=request.user, profile_id=profile_id, **changes)
    return selectors.helper(request.user, profile_id)


@router.get(
    "/helpers/{profile_id}/view",
    response=OneToOneOut,
    operation_id="assist_helper_view",
    summary="查看某位帮办员的一对一视图",
)
def helper_view(request: ApiRequest, profile_id: int):
    """大厅管理员查看本名册中某位帮办员承担的全部申请人、项目、办件、委托与最近操作。"""
    profile = selectors.helper(request.user, profile_id)
    return selectors.one_to_one(request.user, profile.user_id)


@router.get(
    "/mine", response=OneToOneOut, operation_id="assist_one_to_one", summary="我的一对一帮办"
)
def mine(request: ApiRequest):
    """帮办员本人承担的一切：申请人（个人、企业）、重点项目及其办件、办件（带剩余时限，
    按剩余时间排序）、有效委托与 7 天内到期的委托、最近的操作记录。"""
    return selectors.one_to_one(request.user)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------
@router.get(
    "/assignments",
    response=AssignmentPage,
    operation_id="assist_assignments",
    summary="帮办分派列表",
)
def assignments(request: ApiRequest, query: Query[AssignmentQuery]):
    """帮办员看自己的；大厅管理员看本名册的；个人和企业用户看为自己安排的。在办的在前。"""
    qs = selectors.assignments(request.user, helper_id=query.helper_id, active=query.active)
    return _page(qs, query.page)


@router.post(
    "/assignments",
    response={201: AssignmentOut},
    operation_id="assist_assignment_create",
    summary="分派帮办员",
)
def assignment_create(request: ApiRequest, payload: AssignmentIn):
    """为个人申请人、企业、办件或重点项目指定帮办员。同一对象同时只有一位帮办员：已有的
    返回 409，请改派；帮办员不在岗或已达上限也返回 409。"""
    return Status(201, services.assignment_create(actor=request.user, **payload.dict()))


@router.post(
    "/assignments/{assignment_id}/reassign",
    response={201: AssignmentOut},
    operation_id="assist_assignment_reassign",
    summary="改派帮办员",
)
def assignment_reassign(request: ApiRequest, assignment_id: int, payload: ReassignIn):
    """结束当前分派并改派给另一位帮办员；新分派记录指向原分派，历史保留。"""
    new = services.assignment_reassign(
        actor=request.user,
        assignment_id=assignment_id,
        helper_id=payload.helper_id,
        note=payload.note,
    )
    return Status(201, new)


@router.post(
    "/assignments/{assignment_id}/end",
    response=AssignmentOut,
    operation_id="assist_assignment_end",
    summary="结束帮办",
)
def assignment_end(request: ApiRequest, assignment_id: int, payload: EndIn):
    return services.assignment_end(
        actor=request.user, assignment_id=assignment_id, note=payload.note
    )


@router.get(
    "/assignments/{assignment_id}/history",
    response=list[AssignmentOut],
    operation_id="assist_assignment_history",
    summary="分派历史",
)
def assignment_history(request: ApiRequest, assignment_id: int):
    """同一对象先后的全部帮办员，最新在前。"""
    return selectors.history(request.user, assignment_id)


# --------------------------------------------------------------------------------------------
# Key projects
# --------------------------------------------------------------------------------------------
@router.get(
    "/projects", response=list[ProjectOut], operation_id="assist_projects", summary="重点项目列表"
)
def projects(request: ApiRequest, query: Query[ProjectQuery]):
    """县级岗位和大厅管理员看全部；县领导也看本人包抓的；帮办员看自己帮办的；企业经办人看本企业的。"""
    return list(selectors.projects(request.user, status=query.status or None))


@router.get(
    "/projects/led",
    response=list[LeaderProjectOut],
    operation_id="assist_projects_led",
    summary="我包抓的重点项目",
)
def projects_led(request: ApiRequest):
    """县领导本人包抓的重点项目，每个项目带其办件（剩余时限）、超期件数与帮办员。"""
    return selectors.leader_projects(request.user)


@router.post(
    "/projects",
    response={201: ProjectDetailOut},
    operation_id="assist_project_create",
    summary="登记重点项目",
)
def project_create(request: ApiRequest, payload: ProjectIn):
    """大厅管理员或系统管理员登记重点项目：项目单位、总投资（万元）、包抓领导（县领导）、涉及部门。"""
    project = services.project_create(actor=request.user, **payload.dict())
    return Status(201, selectors.project(request.user, project.pk))


@router.get(
    "/projects/{project_id}",
    response=ProjectDetailOut,
    operation_id="assist_project_get",
    summary="重点项目详情",
)
def project_get(request: ApiRequest, project_id: int):
    """项目信息、项目办件（带剩余时限，按剩余时间排序）与先后的帮办员。"""
    return selectors.project(request.user, project_id)


@router.patch(
    "/projects/{project_id}",
    response=ProjectDetailOut,
    operation_id="assist_project_update",
    summary="修改重点项目",
)
def project_update(request: ApiRequest, project_id: int, payload: ProjectPatch):
    """修改项目信息或状态；项目已投产或已终止后其帮办分派自动结束，项目不再修改。"""
    services.project_update(
        actor=request.user, project_id=project_id, **payload.dict(exclude_unset=True)
    )
    return selectors.project(request.user, project_id)


@router.post(
    "/projects/{project_id}/cases",
    response={201: ProjectDetailOut},
    operation_id="assist_project_case_add",
    summary="办件纳入重点项目",
)
def project_case_add(request: ApiRequest, project_id: int, payload: ProjectCaseIn):
    """项目单位的办件纳入项目（一个办件只属于一个项目）；大厅管理员或该项目的帮办员可操作。"""
    selectors.project(request.user, project_id)
    services.project_add_case(actor=request.user, project_id=project_id, case_id=payload.case_id)
    return Status(201, selectors.project(request.user, project_id))


@router.delete(
    "/projects/{project_id}/cases/{case_id}",
    response=ProjectDetailOut,
    operation_id="assist_project_case_remove",
    summary="办件移出重点项目",
)
def project_case_remove(request: ApiRequest, project_id: int, case_id: int):
    selectors.project(request.user, project_id)
    services.project_remove_case(actor=request.user, project_id=project_id, case_id=case_id)
    return selectors.project(request.user, project_id)


# --------------------------------------------------------------------------------------------
# Consents
# --------------------------------------------------------------------------------------------
@router.get(
    "/consents", response=ConsentPage, operation_id="assist_consents", summary="授权委托列表"
)
def consents(request: ApiRequest, query: Query[ConsentQuery]):
    """个人和企业用户看本人及本企业给出的委托（可据此撤销）；帮办员看给自己的；
    大厅管理员看本名册的。最新在前。"""
    qs = selectors.consents(request.user, helper_id=query.helper_id, live=query.live)
    return _page(qs, query.page)


@router.post(
    "/consents",
    response={201: ConsentOut},
    operation_id="assist_consent_create",
    summary="登记授权委托（在线确认、电话录音）",
)
def consent_create(request: ApiRequest, payload: ConsentIn):
    """method=online：申请人本人在线确认，委托给某位帮办员（企业由其授权经办人确认）；
    method=phone：帮办员或窗口人员登记电话录音委托（须填 recording_ref）。
    范围：全部事项、指定事项（item_ids）或单个办件（case_id）；有效期最长一年。"""
    if payload.method == "written":
        raise InvalidInput(
            "书面委托须上传委托书扫描件，请使用 POST /api/v1/assist/consents/written",
            field="method",
        )
    consent = services.consent_create(actor=request.user, **payload.dict())
    return Status(201, selectors.consent(request.user, consent.pk))


@router.post(
    "/consents/written",
    response={201: ConsentOut},
    operation_id="assist_consent_create_written",
    summary="登记书面委托（上传委托书）",
)
def consent_create_written(
    request: ApiRequest,
    file: File[UploadedFile],
    helper_id: Form[int],
    scope: Form[str],
    valid_until: Form[str],
    applicant_id: Form[int | None] = None,
    enterprise_id: Form[int | None] = None,
    grantor_id: Form[int | None] = None,
    item_ids: Form[list[int]] = [],  # noqa: B006  (django-ninja reads the default as schema)
    case_id: Form[int | None] = None,
    note: Form[str] = "",
):
    """multipart/form-data：file 为签字的委托书扫描件（PDF、JPG、PNG 或 OFD，按内容核验并
    计算 SM3）；其余字段同在线委托，valid_until 为 YYYY-MM-DD；企业委托须填 grantor_id。"""
    import datetime as dt

    try:
        until = dt.date.fromisoformat(valid_until)
    except ValueError:
        raise InvalidInput("valid_until：应为日期，如 2026-12-31", field="valid_until") from None
    consent = services.consent_create(
        actor=request.user,
        helper_id=helper_id,
        method="written",
        scope=scope,
        valid_until=until,
        applicant_id=applicant_id,
        enterprise_id=enterprise_id,
        grantor_id=grantor_id,
        item_ids=item_ids,
        case_id=case_id,
        document=file,
        note=note,
    )
    return Status(201, selectors.consent(request.user, consent.pk))


@router.post(
    "/consents/{consent_id}/revoke",
    response=ConsentOut,
    operation_id="assist_consent_revoke",
    summary="撤销授权委托",
)
def consent_revoke(request: ApiRequest, consent_id: int, payload: RevokeIn):
    """委托人（企业的任一授权经办人）或管理该帮办员的大厅管理员撤销委托；已撤销的返回 409。"""
    selectors.consent(request.user, consent_id)
    services.consent_revoke(actor=request.user, consent_id=consent_id, reason=payload.reason)
    return selectors.consent(request.user, consent_id)


# --------------------------------------------------------------------------------------------
# The action log
# --------------------------------------------------------------------------------------------
@router.get(
    "/log", response=ActionLogPage, operation_id="assist_action_log", summary="帮办操作记录"
)
def action_log(request: ApiRequest, query: Query[LogQuery]):
    """帮办员以帮办身份做的每一件事（新建申请、提交、提交材料、补正后提交、登记委托……），
    由审计链每分钟同步一次。帮办员看自己的；大厅管理员看本名册的（unbased=true 只看没有
    分派或委托依据的）；个人和企业用户看为自己办理的。最新在前。"""
    qs = selectors.action_log(
        request.user, helper_id=query.helper_id, case_id=query.case_id, unbased=query.unbased
    )
    return _page(qs, query.page)
