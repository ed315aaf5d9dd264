from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from onewindow.core.errors import ApiRequest, NotFound
from onewindow.core.permissions import Role, require_role

from . import selectors, services
from .models import User
from .schemas import (
    AgentIn,
    AgentOut,
    CitizenOut,
    CitizenRegisterIn,
    CitizenSelfRegisterIn,
    EnterpriseIn,
    EnterpriseOut,
    MeOut,
    RolesIn,
    StaffIn,
    StaffOut,
    TokenIn,
    TokenIssued,
    TokenOut,
)

router = Router(tags=["账户与角色"])


@router.get("/me", response=MeOut, operation_id="identity_me", summary="当前账户")
def me(request: ApiRequest):
    """当前登录账户、角色与可代理的企业。"""
    user: User = request.auth
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "kind": user.kind,
        "roles": sorted(user.role_codes),
        "department_id": user.department_id,
        "hall_id": user.hall_id,
        "id_number_masked": user.id_number_masked,
        "phone_masked": user.phone_masked,
        "real_name_verified": user.real_name_verified,
        "enterprises": list(selectors.enterprises_of(user)),
        "home": user.home_role,
    }


@router.post(
    "/citizens/register",
    response={201: CitizenOut},
    auth=None,
    operation_id="identity_citizen_self_register",
    summary="个人网上注册",
)
def citizen_self_register(request: ApiRequest, payload: CitizenSelfRegisterIn):
    """个人用户网上注册（实名：姓名 + 身份证号码）。"""
    return Status(201, services.citizen_register(actor=None, **payload.dict()))


@router.post(
    "/citizens",
    response={201: CitizenOut},
    operation_id="identity_citizen_register",
    summary="窗口登记办事人",
)
def citizen_register(request: ApiRequest, payload: CitizenRegisterIn):
    """窗口为办事人登记个人信息（当面核验身份证件）。"""
    require_role(
        request.auth, Role.WINDOW_CLERK, Role.HELPER, Role.HOTLINE_AGENT, Role.SYSTEM_ADMIN
    )
    return Status(201, services.citizen_register(actor=request.auth, **payload.dict()))


@router.get(
    "/citizens/lookup",
    response=CitizenOut,
    operation_id="identity_citizen_lookup",
    summary="按身份证号查找办事人",
)
def citizen_lookup(request: ApiRequest, id_number: str):
    """按身份证号码查找办事人（窗口人员、帮办代办员、话务员）。"""
    require_role(
        request.auth, Role.WINDOW_CLERK, Role.HELPER, Role.HOTLINE_AGENT, Role.SYSTEM_ADMIN
    )
    user = services.citizen_by_id_number(id_number)
    if user is None:
        raise NotFound("未找到该身份证号码的注册用户，可为其登记")
    return user


@router.get(
    "/staff", response=list[StaffOut], operation_id="identity_staff_list", summary="工作人员列表"
)
@paginate(LimitOffsetPagination)
def staff_list(request: ApiRequest):
    """工作人员：县级角色看全部，其余看本部门、本大厅。"""
    return selectors.staff_visible_to(request.auth).order_by("username")


@router.post(
    "/staff", response={201: StaffOut}, operation_id="identity_staff_create", summary="新增工作人员"
)
def staff_create(request: ApiRequest, payload: StaffIn):
    return Status(201, services.staff_create(actor=request.auth, **payload.dict()))


@router.put(
    "/staff/{user_id}/roles",
    response=StaffOut,
    operation_id="identity_staff_set_roles",
    summary="设置工作人员角色",
)
def staff_set_roles(request: ApiRequest, user_id: int, payload: RolesIn):
    return services.staff_set_roles(actor=request.auth, user_id=user_id, roles=payload.roles)


@router.get(
    "/enterprises",
    response=list[EnterpriseOut],
    operation_id="identity_enterprises_list",
    summary="企业列表",
)
@paginate(LimitOffsetPagination)
def enterprises_list(request: ApiRequest):
    return selectors.enterprises_visible_to(request.auth)


@router.get(
    "/enterprises/lookup",
    response=EnterpriseOut,
    operation_id="identity_enterprise_lookup",
    summary="按统一社会信用代码查找企业",
)
def enterprise_lookup(request: ApiRequest, uscc: str):
    enterprise = selectors.enterprise_by_uscc(request.auth, uscc)
    if enterprise is None:
        raise NotFound("未找到该统一社会信用代码的企业，可为其登记")
    return enterprise


@router.post(
    "/enterprises",
    response={201: EnterpriseOut},
    operation_id="identity_enterprise_register",
    summary="登记企业",
)
def enterprise_register(request: ApiRequest, payload: EnterpriseIn):
    return Status(201, services.enterprise_register(actor=request.auth, **payload.dict()))


@router.get(
    "/enterprises/{enterprise_id}/agents",
    response=list[AgentOut],
    operation_id="identity_agents_list",
    summary="企业经办人列表",
)
def agents_list(request: ApiRequest, enterprise_id: int):
    return list(selectors.agents_of(request.auth, enterprise_id))


@router.post(
    "/enterprises/{enterprise_id}/agents",
    response={201: AgentOut},
    operation_id="identity_agent_authorise",
    summary="授权经办人",
)
def agent_authorise(request: ApiRequest, enterprise_id: int, payload: AgentIn):
    return Status(
        201,
        services.agent_authorise(actor=request.auth, enterprise_id=enterprise_id, **payload.dict()),
    )


@router.post(
    "/agents/{agency_id}/revoke",
    response=AgentOut,
    operation_id="identity_agent_revoke",
    summary="撤销经办人授权",
)
def agent_revoke(request: ApiRequest, agency_id: int):
    return services.agent_revoke(actor=request.auth, agency_id=agency_id)


@router.get(
    "/tokens", response=list[TokenOut], operation_id="identity_tokens_list", summary="接口令牌列表"
)
def tokens_list(request: ApiRequest):
    require_role(request.auth, Role.SYSTEM_ADMIN)
    return list(selectors.tokens())


@router.post(
    "/tokens",
    response={201: TokenIssued},
    operation_id="identity_token_issue",
    summary="签发接口令牌",
)
def token_issue(request: ApiRequest, payload: TokenIn):
    """签发接口令牌（系统管理员）。令牌明文只在此次响应中返回。"""
    token, raw = services.token_issue(actor=request.auth, **payload.dict())
    token.token = raw  # type: ignore[attr-defined]
    return Status(201, token)


@router.post(
    "/tokens/{token_id}/revoke",
    response=TokenOut,
    operation_id="identity_token_revoke",
    summary="吊销接口令牌",
)
def token_revoke(request: ApiRequest, token_id: int):
    return services.token_revoke(actor=request.auth, token_id=token_id)
