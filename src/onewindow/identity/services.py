"""Writes to accounts: registration, staff roles, enterprise agents, API tokens, login."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from onewindow.core.permissions import Role, require_role, scope_of
from onewindow.core.sm import sm3_hex
from onewindow.core.validation import full_clean, integrity_as_conflict
from onewindow.core.validators import (
    mobile_error,
    normalize_resident_id,
    normalize_uscc,
    resident_id_error,
    uscc_error,
)
from onewindow.org.models import Department, Division, Hall

from . import crypto
from .models import ApiToken, Enterprise, EnterpriseAgent, StaffRole, User

USER_FIELDS = [
    "username",
    "name",
    "kind",
    "id_number_masked",
    "phone_masked",
    "department",
    "hall",
    "is_active",
    "real_name_verified",
]


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput("；".join(exc.messages), field="password") from exc


def _check_username(username: str) -> str:
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise InvalidInput("登录名应为 1–64 个字符且不含空格", field="username")
    if User.objects.filter(username=username).exists():
        raise Conflict(f"登录名“{username}”已被使用")
    return username


# --- citizens --------------------------------------------------------------------------------
@transaction.atomic
def citizen_register(
    *,
    actor: Any,
    name: str,
    id_number: str,
    phone: str = "",
    username: str | None = None,
    password: str | None = None,
    real_name_verified: bool = False,
) -> User:
    """Register a natural person, online (with a password) or at a window (without one)."""
    if actor is not None and scope_of(actor).is_staff:
        require_role(actor, Role.WINDOW_CLERK, Role.HELPER, Role.HOTLINE_AGENT, Role.SYSTEM_ADMIN)
    name = name.strip()
    if not name or len(name) > 60:
        raise InvalidInput("姓名不能为空，且不超过 60 个字", field="name")
    id_number = normalize_resident_id(id_number)
    if (error := resident_id_error(id_number)) is not None:
        raise InvalidInput(error, field="id_number")
    if phone and (error := mobile_error(phone)) is not None:
        raise InvalidInput(error, field="phone")
    digest = crypto.lookup_digest("resident_id", id_number)
    if User.objects.filter(id_number_digest=digest).exists():
        raise Conflict("该身份证号码已注册，请直接登录或找回密码")
    user = User(name=name, kind=User.Kind.PUBLIC, real_name_verified=real_name_verified)
    user.username = _check_username(username) if username else f"p{digest[:12]}"
    user.set_id_number(id_number)
    user.set_phone(phone.strip())
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    with integrity_as_conflict("该身份证号码或登录名已注册"):
        user.save()
    audit.record(
        code="identity.citizen.registered",
        actor=actor,
        obj=user,
        after=audit.snapshot(user, USER_FIELDS),
    )
    return user


def citizen_by_id_number(id_number: str) -> User | None:
    id_number = normalize_resident_id(id_number)
    if resident_id_error(id_number) is not None:
        return None
    return User.objects.filter(
        id_number_digest=crypto.lookup_digest("resident_id", id_number)
    ).first()


# --- staff -----------------------------------------------------------------------------------
@transaction.atomic
def staff_create(
    *,
    actor: Any,
    username: str,
    name: str,
    password: str,
    department_id: int,
    hall_id: int | None = None,
    roles: Iterable[str] = (),
    staff_number: str = "",
    kind: str = User.Kind.STAFF,
    phone: str = "",
) -> User:
    if actor is not None:
        require_role(actor, Role.SYSTEM_ADMIN)
    department = Department.objects.filter(pk=department_id).first()
    if department is None:
        raise InvalidInput("所属部门不存在", field="department_id")
    hall = Hall.objects.filter(pk=hall_id).first() if hall_id else None
    if hall_id and hall is None:
        raise InvalidInput("所在大厅不存在", field="hall_id")
    roles = list(dict.fromkeys(roles))
    if bad := [r for r in roles if r not in Role.values]:
        raise InvalidInput(f"未知角色：{'、'.join(bad)}", field="roles")
    if phone and (error := mobile_error(phone)) is not None:
        raise InvalidInput(error, field="phone")
    user = User(
        username=_check_username(username),
        name=name.strip(),
        kind=kind,
        department=department,
        hall=hall,
        staff_number=staff_number,
        is_staff=Role.SYSTEM_ADMIN in roles,
    )
    user.set_phone(phone)
    full_clean(user, exclude=["password"])
    _check_password(password, user)
    user.set_password(password)
    with integrity_as_conflict(f"登录名“{username}”已被使用"):
        user.save()
    StaffRole.objects.bulk_create([StaffRole(user=user, role=r) for r in roles])
    audit.record(
        code="identity.staff.created",
        actor=actor,
        obj=user,
        after={**audit.snapshot(user, USER_FIELDS), "roles": sorted(roles)},
    )
    return user


@transaction.atomic
def staff_set_roles(*, actor: Any, user_id: int, roles: Iterable[str]) -> User:
    require_role(actor, Role.SYSTEM_ADMIN)
    user = (
        User.objects.select_for_update().filter(pk=user_id, kind__in=["staff", "service"]).first()
    )
    if user is None:
        raise NotFound("工作人员账户不存在")
    roles = sorted(set(roles))
    if bad := [r for r in roles if r not in Role.values]:
        raise InvalidInput(f"未知角色：{'、'.join(bad)}", field="roles")
    before = sorted(user.staff_roles.values_list("role", flat=True))
    user.staff_roles.exclude(role__in=roles).delete()
    StaffRole.objects.bulk_create([StaffRole(user=user, role=r) for r in roles if r not in before])
    user.is_staff = Role.SYSTEM_ADMIN in roles
    user.save(update_fields=["is_staff"])
    audit.record(
        code="identity.staff.roles_changed",
        actor=actor,
        obj=user,
        before={"roles": before},
        after={"roles": roles},
    )
    return user


# --- enterprises -----------------------------------------------------------------------------
@transaction.atomic
def enterprise_register(
    *,
    actor: Any,
    name: str,
    uscc: str,
    legal_rep_name: str,
    legal_rep_user_id: int | None = None,
    division_code: str | None = None,
    address: str = "",
) -> Enterprise:
    """Register an enterprise. Its legal representative, if they have an account, becomes
    its first authorised agent."""
    uscc = normalize_uscc(uscc)
    if (error := uscc_error(uscc)) is not None:
        raise InvalidInput(error, field="uscc")
    if not name.strip():
        raise InvalidInput("企业名称不能为空", field="name")
    if not legal_rep_name.strip():
        raise InvalidInput("法定代表人姓名不能为空", field="legal_rep_name")
    scope = scope_of(actor)
    if actor is not None and scope.is_staff:
        require_role(actor, Role.WINDOW_CLERK, Role.HELPER, Role.SYSTEM_ADMIN)
    legal_rep = None
    if legal_rep_user_id is not None:
        legal_rep = User.objects.filter(pk=legal_rep_user_id, kind=User.Kind.PUBLIC).first()
        if legal_rep is None:
            raise InvalidInput("法定代表人账户不存在", field="legal_rep_user_id")
    if actor is not None and not scope.is_staff:
        # A person registering online may only register an enterprise they represent.
        if legal_rep is None or legal_rep.pk != actor.pk:
            raise PermissionDenied("网上登记企业须由法定代表人本人办理")
        if actor.name != legal_rep_name.strip():
            raise InvalidInput("法定代表人姓名与您的实名信息不一致", field="legal_rep_name")
    division = None
    if division_code:
        division = Division.objects.filter(code=division_code).first()
        if division is None:
            raise InvalidInput(f"行政区划代码 {division_code} 不存在", field="division_code")
    if Enterprise.objects.filter(uscc=uscc).exists():
        raise Conflict(f"统一社会信用代码 {uscc} 的企业已登记")
    enterprise = Enterprise(
        name=name.strip(),
        uscc=uscc,
        legal_rep_name=legal_rep_name.strip(),
        legal_rep=legal_rep,
        division=division,
        address=address,
    )
    with integrity_as_conflict(f"统一社会信用代码 {uscc} 的企业已登记"):
        enterprise.save()
    audit.record(
        code="identity.enterprise.registered",
        actor=actor,
        obj=enterprise,
        after=audit.snapshot(
            enterprise, ["name", "uscc", "legal_rep_name", "legal_rep", "division"]
        ),
    )
    if legal_rep is not None:
        _agency_create(actor=actor, enterprise=enterprise, user=legal_rep, is_legal_rep=True)
    return enterprise


def _agency_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    user: User,
    is_legal_rep: bool = False,
    valid_until: dt.datetime | None = None,
) -> EnterpriseAgent:
    agency = EnterpriseAgent.objects.create(
        enterprise=enterprise,
        user=user,
        is_legal_rep=is_legal_rep,
        authorised_by=actor if getattr(actor, "is_authenticated", False) else None,
        valid_until=valid_until,
    )
    audit.record(
        code="identity.agent.authorised",
        actor=actor,
        obj=agency,
        after={
            "enterprise": enterprise.pk,
            "user": user.pk,
            "is_legal_rep": is_legal_rep,
            "valid_until": valid_until.isoformat() if valid_until else None,
        },
    )
    return agency


def _can_manage_agents(actor: Any, enterprise: Enterprise) -> bool:
    if actor is None:
        return True
    scope = scope_of(actor)
    if scope.is_staff:
        return scope.has_role(Role.WINDOW_CLERK, Role.SYSTEM_ADMIN)
    return (
        EnterpriseAgent.objects.active()
        .filter(enterprise=enterprise, user_id=actor.pk, is_legal_rep=True)
        .exists()
    )


@transaction.atomic
def agent_authorise(
    *, actor: Any, enterprise_id: int, user_id: int, valid_until: dt.datetime | None = None
) -> EnterpriseAgent:
    enterprise = Enterprise.objects.select_for_update().filter(pk=enterprise_id).first()
    if enterprise is None:
        raise NotFound("企业不存在")
    if not _can_manage_agents(actor, enterprise):
        raise PermissionDenied("只有企业法定代表人或窗口人员可以授权经办人")
    user = User.objects.filter(pk=user_id, kind=User.Kind.PUBLIC).first()
    if user is None:
        raise InvalidInput("被授权人账户不存在，请先完成个人实名注册", field="user_id")
    if valid_until is not None and valid_until <= timezone.now():
        raise InvalidInput("授权有效期须晚于当前时间", field="valid_until")
    if EnterpriseAgent.objects.active().filter(enterprise=enterprise, user=user).exists():
        raise Conflict(f"{user.name}已是{enterprise.name}的经办人")
    return _agency_create(actor=actor, enterprise=enterprise, user=user, valid_until=valid_until)


@transaction.atomic
def agent_revoke(*, actor: Any, agency_id: int) -> EnterpriseAgent:
    agency = (
        EnterpriseAgent.objects.select_for_update()
        .select_related("enterprise")
        .filter(pk=agency_id)
        .first()
    )
    if agency is None:
        raise NotFound("授权记录不存在")
    if not _can_manage_agents(actor, agency.enterprise):
        raise PermissionDenied("只有企业法定代表人或窗口人员可以撤销授权")
    if agency.revoked_at is not None:
        raise Conflict("该授权已撤销")
    if agency.is_legal_rep:
        raise Conflict("法定代表人的授权不能撤销，请办理法定代表人变更")
    agency.revoked_at = timezone.now()
    agency.save(update_fields=["revoked_at"])
    audit.record(
        code="identity.agent.revoked",
        actor=actor,
        obj=agency,
        after={"revoked_at": agency.revoked_at.isoformat()},
    )
    return agency


# --- API tokens ------------------------------------------------------------------------------
TOKEN_PREFIX = "ow"


def _token_digest(raw: str) -> str:
    return sm3_hex(raw.encode())


@transaction.atomic
def token_issue(
    *, actor: Any, user_id: int, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Issue a bearer token acting as `user_id`. Returns the row and the token, shown once."""
    if actor is not None:
        require_role(actor, Role.SYSTEM_ADMIN)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise InvalidInput("令牌代表的账户不存在或已停用", field="user_id")
    if not name.strip():
        raise InvalidInput("请填写令牌用途，如“自助终端 3 号”", field="name")
    days = days if days is not None else settings.API_TOKEN_DEFAULT_DAYS
    if not 1 <= days <= 3650:
        raise InvalidInput("有效天数应在 1–3650 之间", field="days")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip(),
        user=user,
        prefix=prefix,
        digest=_token_digest(raw),
        created_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        code="identity.token.issued",
        actor=actor,
        obj=token,
        after={"user": user.pk, "prefix": prefix, "expires_at": token.expires_at.isoformat()},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    require_role(actor, Role.SYSTEM_ADMIN)
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFound("令牌不存在")
    if token.revoked_at is not None:
        raise Conflict("该令牌已吊销")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        code="identity.token.revoked",
        actor=actor,
        obj=token,
        after={"revoked_at": token.revoked_at.isoformat()},
    )
    return token


def token_authenticate(raw: str) -> User:
    token = ApiToken.objects.select_related("user").filter(digest=_token_digest(raw)).first()
    if token is None:
        raise AuthenticationFailed("令牌无效")
    now = timezone.now()
    if token.revoked_at is not None:
        raise AuthenticationFailed("令牌已被吊销，请联系系统管理员重新签发", code="token_revoked")
    if token.expires_at <= now:
        raise AuthenticationFailed("令牌已过期，请联系系统管理员重新签发", code="token_expired")
    if not token.user.is_active:
        raise AuthenticationFailed("令牌代表的账户已停用", code="account_inactive")
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- login with lockout ----------------------------------------------------------------------
# One message whether or not the login name exists, so the form does not reveal accounts.
BAD_CREDENTIALS = "登录名或密码错误"


def login_check(*, username: str, password: str) -> User:
    """Check a username and password, counting failures and locking the account after
    `LOGIN_MAX_FAILURES` of them for `LOGIN_LOCK_MINUTES`. Raises `AuthenticationFailed`."""
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username.strip()).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            raise AuthenticationFailed(BAD_CREDENTIALS, code="bad_credentials")
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise AuthenticationFailed(
                f"连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试", code="locked"
            )
        if user.check_password(password) and user.is_active:
            if user.failed_login_count or user.locked_until:
                user.failed_login_count = 0
                user.locked_until = None
                user.save(update_fields=["failed_login_count", "locked_until"])
            audit.record(code="identity.login.succeeded", actor=user, obj=user)
            return user
        # A failure is committed (not rolled back) so that the count survives.
        user.failed_login_count += 1
        locked = user.failed_login_count >= settings.LOGIN_MAX_FAILURES
        if locked:
            user.locked_until = now + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            user.failed_login_count = 0
        user.save(update_fields=["failed_login_count", "locked_until"])
        audit.record(
            code="identity.login.locked" if locked else "identity.login.failed",
            obj=user,
            after={"failures": user.failed_login_count},
        )
    if locked:
        raise AuthenticationFailed(
            f"连续登录失败 {settings.LOGIN_MAX_FAILURES} 次，账户已锁定 "
            f"{settings.LOGIN_LOCK_MINUTES} 分钟",
            code="locked",
        )
    raise AuthenticationFailed(BAD_CREDENTIALS, code="bad_credentials")
