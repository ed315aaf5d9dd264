from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from onewindow.core.errors import AuthenticationFailed, Conflict, InvalidInput, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.core.permissions import Role
from onewindow.identity import services
from onewindow.identity.models import ApiToken, Enterprise, EnterpriseAgent, User

from ..factories import make_resident_id, make_uscc


def test_citizen_id_number_is_stored_encrypted_and_shown_masked(county):
    number = make_resident_id(7)
    user = services.citizen_register(actor=None, name="赵六", id_number=number, phone="13900000000")
    user.refresh_from_db()
    assert number not in user.id_number_enc
    assert user.id_number == number
    assert user.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    assert user.phone == "13900000000"
    assert user.phone_masked == "139****0000"
    assert services.citizen_by_id_number(number.lower()) == user
    assert not user.has_usable_password()  # registered at a window: no login yet
    event = AuditEvent.objects.get(code="identity.citizen.registered", object_id=str(user.pk))
    assert number not in str(event.after)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("61032619900101123", "18 位"),
        ("610326199013011234", "出生日期"),
        ("610326199001011230", "校验位"),
    ],
)
def test_bad_id_numbers_are_refused_with_a_reason_and_nothing_written(county, number, message):
    before = (User.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput, match=message):
        services.citizen_register(actor=None, name="某人", id_number=number)
    assert (User.objects.count(), AuditEvent.objects.count()) == before


def test_duplicate_citizen_is_a_conflict(county):
    number = make_resident_id(8)
    services.citizen_register(actor=None, name="甲", id_number=number)
    with pytest.raises(Conflict, match="已注册"):
        services.citizen_register(actor=None, name="乙", id_number=number)


def test_self_registration_enforces_password_rules(county):
    with pytest.raises(InvalidInput, match="至少三类"):
        services.citizen_register(
            actor=None,
            name="丙",
            id_number=make_resident_id(9),
            username="bing",
            password="abcdefghij",
        )
    assert not User.objects.filter(username="bing").exists()


def test_only_window_roles_register_citizens_at_a_window(users):
    with pytest.raises(PermissionDenied):
        services.citizen_register(actor=users["shenpi"], name="丁", id_number=make_resident_id(10))
    services.citizen_register(actor=users["chuangkou"], name="丁", id_number=make_resident_id(10))


def test_staff_creation_validates_department_roles_and_duplicates(users, county):
    dept = county["departments"]["县公安局"]
    with pytest.raises(InvalidInput, match="未知角色"):
        services.staff_create(
            actor=users["admin"],
            username="x1",
            name="甲",
            password="Aa#12345x",
            department_id=dept.pk,
            roles=["boss"],
        )
    with pytest.raises(Conflict):
        services.staff_create(
            actor=users["admin"],
            username="chuangkou",
            name="甲",
            password="Aa#12345x",
            department_id=dept.pk,
        )
    with pytest.raises(PermissionDenied):
        services.staff_create(
            actor=users["dating"],
            username="x2",
            name="甲",
            password="Aa#12345x",
            department_id=dept.pk,
        )
    user = services.staff_create(
        actor=users["admin"],
        username="x3",
        name="甲",
        password="Aa#12345x",
        department_id=dept.pk,
        roles=[Role.APPROVER],
    )
    assert user.role_codes == {"approver"}
    services.staff_set_roles(
        actor=users["admin"], user_id=user.pk, roles=[Role.APPROVER, Role.DEPT_ADMIN]
    )
    assert set(user.staff_roles.values_list("role", flat=True)) == {"approver", "dept_admin"}


def test_enterprise_registration_and_agents(users):
    rep = users["zhangsan"]
    uscc = make_uscc(42)
    with pytest.raises(InvalidInput, match="校验位"):
        services.enterprise_register(
            actor=rep,
            name="甲公司",
            uscc=uscc[:-1] + "0" if uscc[-1] != "0" else uscc[:-1] + "1",
            legal_rep_name=rep.name,
            legal_rep_user_id=rep.pk,
        )
    with pytest.raises(PermissionDenied):  # online, only for an enterprise one represents
        services.enterprise_register(actor=rep, name="甲公司", uscc=uscc, legal_rep_name="别人")
    enterprise = services.enterprise_register(
        actor=rep, name="甲公司", uscc=uscc, legal_rep_name=rep.name, legal_rep_user_id=rep.pk
    )
    assert (
        EnterpriseAgent.objects.active()
        .filter(enterprise=enterprise, user=rep, is_legal_rep=True)
        .exists()
    )
    with pytest.raises(Conflict):
        services.enterprise_register(
            actor=users["chuangkou"], name="乙公司", uscc=uscc, legal_rep_name="某"
        )

    helper = users["qiye"]
    with pytest.raises(PermissionDenied):  # not the legal rep of this one
        services.agent_authorise(actor=helper, enterprise_id=enterprise.pk, user_id=helper.pk)
    agency = services.agent_authorise(
        actor=rep,
        enterprise_id=enterprise.pk,
        user_id=helper.pk,
        valid_until=timezone.now() + dt.timedelta(days=30),
    )
    assert enterprise.pk in helper.compute_scope().enterprise_ids
    with pytest.raises(Conflict):
        services.agent_authorise(actor=rep, enterprise_id=enterprise.pk, user_id=helper.pk)
    services.agent_revoke(actor=rep, agency_id=agency.pk)
    assert enterprise.pk not in helper.compute_scope().enterprise_ids
    legal = EnterpriseAgent.objects.get(enterprise=enterprise, is_legal_rep=True)
    with pytest.raises(Conflict, match="法定代表人"):
        services.agent_revoke(actor=rep, agency_id=legal.pk)


def test_expired_agency_no_longer_counts(users):
    enterprise = Enterprise.objects.get()
    agency = services.agent_authorise(
        actor=users["chuangkou"],
        enterprise_id=enterprise.pk,
        user_id=users["zhangsan"].pk,
        valid_until=timezone.now() + dt.timedelta(minutes=1),
    )
    assert enterprise.pk in users["zhangsan"].compute_scope().enterprise_ids
    EnterpriseAgent.objects.filter(pk=agency.pk).update(valid_until=timezone.now())
    assert enterprise.pk not in users["zhangsan"].compute_scope().enterprise_ids


def test_tokens_authenticate_until_expired_or_revoked(users):
    token, raw = services.token_issue(
        actor=users["admin"], user_id=users["chuangkou"].pk, name="自助终端 1 号", days=30
    )
    assert raw not in token.digest
    assert token.prefix in raw
    assert services.token_authenticate(raw) == users["chuangkou"]
    with pytest.raises(AuthenticationFailed, match="无效"):
        services.token_authenticate(raw + "x")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(AuthenticationFailed, match="过期") as exc:
        services.token_authenticate(raw)
    assert exc.value.code == "token_expired"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    services.token_revoke(actor=users["admin"], token_id=token.pk)
    with pytest.raises(AuthenticationFailed, match="吊销"):
        services.token_authenticate(raw)
    with pytest.raises(PermissionDenied):
        services.token_issue(actor=users["chuangkou"], user_id=users["chuangkou"].pk, name="x")


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
def test_login_locks_after_repeated_failures_and_unlocks_later(users):
    assert services.login_check(username="chuangkou", password="Demo#2026") == users["chuangkou"]
    for _ in range(2):
        with pytest.raises(AuthenticationFailed, match=r"^登录名或密码错误$") as exc:
            services.login_check(username="chuangkou", password="wrong")
        assert exc.value.code == "bad_credentials"
    with pytest.raises(AuthenticationFailed, match="锁定"):
        services.login_check(username="chuangkou", password="wrong")
    with pytest.raises(AuthenticationFailed, match="锁定") as exc:
        services.login_check(username="chuangkou", password="Demo#2026")
    assert exc.value.code == "locked"
    assert AuditEvent.objects.filter(code="identity.login.locked").count() == 1
    User.objects.filter(username="chuangkou").update(
        locked_until=timezone.now() - dt.timedelta(seconds=1)
    )
    assert services.login_check(username="chuangkou", password="Demo#2026")
    with pytest.raises(AuthenticationFailed, match=r"^登录名或密码错误$"):  # same as a real name
        services.login_check(username="nobody", password="x")


def test_home_role_per_account(users):
    assert users["zhangsan"].home_role == "citizen"
    assert users["qiye"].home_role == "enterprise"
    assert users["lingdao"].home_role == "county_leader"
    assert users["admin"].home_role == "system_admin"
    assert users["shenpi"].home_role == "staff"
