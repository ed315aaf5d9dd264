"""Every failure class answers with a 4xx status and JSON `{"code", "message"}` in Chinese,
and a refused write leaves no trace: no rows, no audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from onewindow.identity import demo as identity_demo
from onewindow.identity import services as identity_services
from onewindow.identity.models import ApiToken, Enterprise, EnterpriseAgent, StaffRole, User
from onewindow.org.models import Department, Division, Hall, Window
from tests.factories import make_resident_id, make_uscc

from .utils import (
    API,
    api_get,
    api_patch,
    api_post,
    api_put,
    assert_error,
    nothing_written,
    wrong_resident_id,
    wrong_uscc,
)

WRITE_MODELS = (Department, Hall, Window, User, Enterprise, EnterpriseAgent, ApiToken, StaffRole)
COUNTY_CODE = "610326000000"
HUAIYA_CODE = "610326101000"
ZHANGSAN_ID = identity_demo.CITIZENS[0][2]


def department_payload(**overrides):
    return {
        "name": "眉县测试局",
        "short_name": "县测试局",
        "uscc": make_uscc(),
        "division_code": COUNTY_CODE,
        **overrides,
    }


def enterprise_payload(**overrides):
    return {
        "name": "眉县测试农业有限公司",
        "uscc": make_uscc(),
        "legal_rep_name": "王五",
        **overrides,
    }


def citizen_payload(**overrides):
    return {
        "name": "赵六",
        "id_number": make_resident_id(),
        "username": "zhaoliu",
        "password": "Kiwi#Orchard-2026",
        **overrides,
    }


def issue_token(username: str) -> tuple[ApiToken, str]:
    user = User.objects.get(username=username)
    return identity_services.token_issue(actor=None, user_id=user.pk, name="测试终端")


# --- 401 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/identity/me"),
        ("get", "/identity/tokens"),
        ("get", "/notifications/"),
        ("get", "/notifications/unread-count"),
        ("get", "/audit/events"),
        ("post", "/org/departments"),
        ("post", "/identity/enterprises"),
        ("post", "/notifications/read"),
    ],
)
def test_anonymous_request_to_protected_endpoint_is_401(county, anon, method, path):
    with nothing_written(*WRITE_MODELS):
        if method == "get":
            response = api_get(anon, path)
        else:
            response = api_post(anon, path, department_payload())

    assert_error(response, 401, "unauthenticated")


def test_unknown_bearer_token_is_401(county, anon):
    response = api_get(anon, "/identity/me", HTTP_AUTHORIZATION="Bearer ow_deadbeef_nope")

    body = assert_error(response, 401, "unauthenticated")
    assert "令牌" in body["message"]


def test_expired_bearer_token_is_401_token_expired(county, anon):
    token, raw = issue_token("chuangkou")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = api_get(anon, "/identity/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert_error(response, 401, "token_expired")


def test_revoked_bearer_token_is_401_token_revoked(county, users, anon):
    token, raw = issue_token("chuangkou")
    identity_services.token_revoke(actor=users["admin"], token_id=token.pk)

    response = api_get(anon, "/identity/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert_error(response, 401, "token_revoked")


def test_token_of_a_deactivated_account_is_401(county, anon):
    _token, raw = issue_token("chuangkou")
    User.objects.filter(username="chuangkou").update(is_active=False)

    response = api_get(anon, "/identity/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert_error(response, 401, "account_inactive")


def test_bad_bearer_token_is_refused_even_for_writes(county, anon):
    _token, raw = issue_token("admin")
    ApiToken.objects.update(revoked_at=timezone.now())

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            anon, "/org/departments", department_payload(), HTTP_AUTHORIZATION=f"Bearer {raw}"
        )

    assert_error(response, 401, "token_revoked")


# --- 403: role -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "path", "payload"),
    [
        ("zhangsan", "/org/departments", department_payload),
        ("chuangkou", "/org/departments", department_payload),
        ("bumen", "/org/departments", department_payload),
        (
            "zhangsan",
            "/identity/citizens",
            lambda: {"name": "赵六", "id_number": make_resident_id()},
        ),
        ("shenpi", "/identity/citizens", lambda: {"name": "赵六", "id_number": make_resident_id()}),
        ("shenpi", "/identity/enterprises", enterprise_payload),
        ("lingdao", "/identity/tokens", lambda: {"user_id": 1, "name": "终端"}),
        ("zhangsan", "/identity/tokens", lambda: {"user_id": 1, "name": "终端"}),
    ],
)
def test_role_that_may_not_act_gets_403(county, as_user, username, path, payload):
    client = as_user(username)

    with nothing_written(*WRITE_MODELS):
        response = api_post(client, path, payload())

    assert_error(response, 403, "forbidden")


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("zhangsan", "/identity/tokens"),
        ("chuangkou", "/identity/tokens"),
        ("zhangsan", "/audit/verify"),
        ("chuangkou", "/audit/verify"),
        ("zhangsan", "/identity/citizens/lookup?id_number=" + ZHANGSAN_ID),
    ],
)
def test_role_that_may_not_read_gets_403(county, as_user, username, path):
    response = as_user(username).get(API + path)

    assert_error(response, 403, "forbidden")


def test_hall_admin_may_not_add_a_window_to_another_hall(county, as_user):
    other_hall = Hall.objects.get(name="眉县经开区政务服务中心")

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("dating"),
            "/org/windows",
            {
                "hall_id": other_hall.pk,
                "number": "Z99",
                "name": "测试窗口",
                "kind": "comprehensive",
            },
        )

    assert_error(response, 403, "forbidden")


def test_citizen_may_not_register_an_enterprise_for_someone_else(county, users, as_user):
    payload = enterprise_payload(legal_rep_name="李秀梅", legal_rep_user_id=users["qiye"].pk)

    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user("zhangsan"), "/identity/enterprises", payload)

    assert_error(response, 403, "forbidden")


def test_citizen_who_is_not_legal_rep_may_not_authorise_agents(county, users, as_user):
    enterprise = Enterprise.objects.get(name="陕西眉香猕猴桃有限公司")

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("zhangsan"),
            f"/identity/enterprises/{enterprise.pk}/agents",
            {"user_id": users["zhangsan"].pk},
        )

    assert_error(response, 403, "forbidden")


# --- 403: CSRF -------------------------------------------------------------------------------
def test_session_write_without_csrf_token_is_403_then_succeeds_with_it(county, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["admin"], backend="onewindow.identity.auth.LockoutModelBackend")
    payload = department_payload()

    with nothing_written(*WRITE_MODELS):
        refused = api_post(client, "/org/departments", payload)
    assert_error(refused, 403, "csrf_failed")

    assert client.get("/").status_code == 200
    csrf_token = client.cookies["csrftoken"].value
    with nothing_written(*WRITE_MODELS):
        wrong = api_post(client, "/org/departments", payload, HTTP_X_CSRFTOKEN="x" * 32)
    assert_error(wrong, 403, "csrf_failed")

    accepted = api_post(client, "/org/departments", payload, HTTP_X_CSRFTOKEN=csrf_token)
    assert accepted.status_code == 201, accepted.content.decode()
    assert Department.objects.filter(uscc=payload["uscc"]).exists()


def test_session_reads_need_no_csrf_token(county, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["zhangsan"], backend="onewindow.identity.auth.LockoutModelBackend")

    assert api_get(client, "/identity/me").status_code == 200


# --- 422 -------------------------------------------------------------------------------------
MALFORMED = [("admin", "/org/departments"), (None, "/identity/citizens/register")]


@pytest.mark.parametrize(("username", "path"), MALFORMED)
def test_malformed_json_body_is_refused_as_json_without_writing(
    county, as_user, anon, username, path
):
    client = as_user(username) if username else anon

    with nothing_written(*WRITE_MODELS):
        response = api_post(client, path, '{"name": "眉县测试局", ')

    assert 400 <= response.status_code < 500
    assert set(response.json()) >= {"code", "message"}


@pytest.mark.parametrize(("username", "path"), MALFORMED)
def test_malformed_json_body_is_422(county, as_user, anon, username, path):
    client = as_user(username) if username else anon

    response = api_post(client, path, '{"name": "眉县测试局", ')

    body = assert_error(response, 422, "invalid")
    assert "JSON" in body["message"]


@pytest.mark.parametrize(
    ("username", "path", "payload"),
    [
        ("admin", "/org/departments", {}),
        ("admin", "/org/departments", {"name": "眉县测试局", "short_name": "县测试局"}),
        ("admin", "/org/windows", {"hall_id": 1, "number": "Z01"}),
        ("chuangkou", "/identity/citizens", {"name": "赵六"}),
        ("chuangkou", "/identity/enterprises", {"name": "眉县测试农业有限公司"}),
        (None, "/identity/citizens/register", {}),
        ("admin", "/identity/tokens", {"name": "终端"}),
    ],
)
def test_missing_required_fields_is_422(county, as_user, anon, username, path, payload):
    client = as_user(username) if username else anon

    with nothing_written(*WRITE_MODELS):
        response = api_post(client, path, payload)

    body = assert_error(response, 422, "invalid")
    assert "缺少必填项" in body["message"]


WRONG_TYPE_WINDOW = {
    "hall_id": "第一大厅",
    "number": "Z01",
    "name": "测试",
    "kind": "comprehensive",
}


def test_wrong_field_type_is_422(county, as_user):
    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user("admin"), "/org/windows", WRONG_TYPE_WINDOW)

    body = assert_error(response, 422, "invalid", chinese=False)
    assert "hall_id" in body["message"]


def test_wrong_field_type_message_is_chinese(county, as_user):
    response = api_post(as_user("admin"), "/org/windows", WRONG_TYPE_WINDOW)

    body = assert_error(response, 422, "invalid")
    assert body["message"].startswith("hall_id：应为整数")


def test_department_with_bad_uscc_check_char_is_422(county, as_user):
    payload = department_payload(uscc=wrong_uscc(make_uscc()))

    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user("admin"), "/org/departments", payload)

    body = assert_error(response, 422, "invalid")
    assert "校验位" in body["message"]


@pytest.mark.parametrize("username", ["chuangkou", "admin", "zhangsan"])
def test_enterprise_with_bad_uscc_check_char_is_422(county, users, as_user, username):
    payload = enterprise_payload(uscc=wrong_uscc(make_uscc()))
    if username == "zhangsan":
        payload.update(legal_rep_name="张三", legal_rep_user_id=users["zhangsan"].pk)

    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user(username), "/identity/enterprises", payload)

    body = assert_error(response, 422, "invalid")
    assert "校验位" in body["message"]


def test_self_registration_with_bad_resident_id_is_422(county, anon):
    payload = citizen_payload(id_number=wrong_resident_id(make_resident_id()))

    with nothing_written(*WRITE_MODELS):
        response = api_post(anon, "/identity/citizens/register", payload)

    body = assert_error(response, 422, "invalid")
    assert "身份证" in body["message"]


@pytest.mark.parametrize(
    "id_number", ["61032619900101001", "6103261990010100111", "ABCDEFGHIJKLMNOPQR"]
)
def test_window_registration_with_malformed_resident_id_is_422(county, as_user, id_number):
    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("chuangkou"), "/identity/citizens", {"name": "赵六", "id_number": id_number}
        )

    assert_error(response, 422, "invalid")


def test_self_registration_with_weak_password_is_422(county, anon):
    with nothing_written(*WRITE_MODELS):
        response = api_post(anon, "/identity/citizens/register", citizen_payload(password="123"))

    assert_error(response, 422, "invalid")


@pytest.mark.parametrize(
    ("username", "path", "payload"),
    [
        ("admin", "/org/departments", lambda: department_payload(division_code="610326999999")),
        (
            "chuangkou",
            "/identity/enterprises",
            lambda: enterprise_payload(division_code="610326999999"),
        ),
        (
            "admin",
            "/org/halls",
            lambda: {"name": "测试大厅", "kind": "town_center", "division_code": "610326999999"},
        ),
        (
            "admin",
            "/org/divisions",
            lambda: {
                "code": "610326107000",
                "name": "测试镇",
                "kind": "town",
                "parent_code": "610326999999",
            },
        ),
    ],
)
def test_unknown_division_code_is_422(county, as_user, username, path, payload):
    with nothing_written(*WRITE_MODELS, Division):
        response = api_post(as_user(username), path, payload())

    body = assert_error(response, 422, "invalid")
    assert "610326999999" in body["message"]


def test_enterprise_legal_rep_name_must_match_the_citizen(county, users, as_user):
    payload = enterprise_payload(legal_rep_name="李四", legal_rep_user_id=users["zhangsan"].pk)

    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user("zhangsan"), "/identity/enterprises", payload)

    assert_error(response, 422, "invalid")


# --- 404 -------------------------------------------------------------------------------------
MISSING = 999_999


@pytest.mark.parametrize(
    ("username", "call"),
    [
        ("admin", lambda c: api_patch(c, f"/org/departments/{MISSING}", {"name": "新名称"})),
        ("admin", lambda c: api_patch(c, f"/org/windows/{MISSING}", {"name": "新名称"})),
        ("admin", lambda c: api_post(c, f"/identity/tokens/{MISSING}/revoke")),
        ("admin", lambda c: api_post(c, f"/identity/agents/{MISSING}/revoke")),
        ("admin", lambda c: api_put(c, f"/identity/staff/{MISSING}/roles", {"roles": []})),
        (
            "chuangkou",
            lambda c: api_post(c, f"/identity/enterprises/{MISSING}/agents", {"user_id": 1}),
        ),
        (
            "chuangkou",
            lambda c: api_get(c, "/identity/citizens/lookup", {"id_number": make_resident_id()}),
        ),
        ("chuangkou", lambda c: api_get(c, "/identity/enterprises/lookup", {"uscc": make_uscc()})),
    ],
)
def test_unknown_id_is_404(county, as_user, username, call):
    with nothing_written(*WRITE_MODELS):
        response = call(as_user(username))

    assert_error(response, 404, "not_found")


# --- 409 -------------------------------------------------------------------------------------
def test_department_with_same_uscc_twice_is_409(county, as_user):
    client = as_user("admin")
    payload = department_payload()
    assert api_post(client, "/org/departments", payload).status_code == 201

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            client, "/org/departments", {**payload, "name": "眉县另一个局", "short_name": "另一局"}
        )

    assert_error(response, 409, "conflict")


def test_division_with_existing_code_is_409(county, as_user):
    with nothing_written(*WRITE_MODELS, Division):
        response = api_post(
            as_user("admin"),
            "/org/divisions",
            {"code": HUAIYA_CODE, "name": "槐芽镇", "kind": "town", "parent_code": COUNTY_CODE},
        )

    assert_error(response, 409, "conflict")


def test_department_with_existing_name_is_409(county, as_user):
    existing = Department.objects.order_by("pk").first()

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("admin"), "/org/departments", department_payload(name=existing.name)
        )

    assert_error(response, 409, "conflict")


@pytest.mark.parametrize("username", ["chuangkou", "admin"])
def test_enterprise_with_same_uscc_twice_is_409(county, as_user, username):
    client = as_user(username)
    payload = enterprise_payload()
    assert api_post(client, "/identity/enterprises", payload).status_code == 201

    with nothing_written(*WRITE_MODELS):
        response = api_post(client, "/identity/enterprises", {**payload, "name": "另一家公司"})

    assert_error(response, 409, "conflict")


def test_enterprise_uscc_is_normalised_before_the_duplicate_check(county, as_user):
    demo_enterprise = Enterprise.objects.get(name="陕西眉香猕猴桃有限公司")

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("chuangkou"),
            "/identity/enterprises",
            enterprise_payload(uscc=f"  {demo_enterprise.uscc.lower()} "),
        )

    assert_error(response, 409, "conflict")


def test_same_resident_id_self_registered_twice_is_409(county, anon):
    payload = citizen_payload()
    assert api_post(anon, "/identity/citizens/register", payload).status_code == 201

    with nothing_written(*WRITE_MODELS):
        response = api_post(
            anon, "/identity/citizens/register", {**payload, "username": "zhaoliu2"}
        )

    assert_error(response, 409, "conflict")


@pytest.mark.parametrize("id_number", [ZHANGSAN_ID, ZHANGSAN_ID.lower()])
def test_window_registering_an_already_registered_resident_id_is_409(county, as_user, id_number):
    with nothing_written(*WRITE_MODELS):
        response = api_post(
            as_user("chuangkou"), "/identity/citizens", {"name": "张三", "id_number": id_number}
        )

    assert_error(response, 409, "conflict")


def test_self_registration_with_taken_username_is_409(county, anon):
    with nothing_written(*WRITE_MODELS):
        response = api_post(
            anon, "/identity/citizens/register", citizen_payload(username="zhangsan")
        )

    assert_error(response, 409, "conflict")


def test_duplicate_window_number_in_a_hall_is_409(county, as_user):
    window = Window.objects.select_related("hall").order_by("pk").first()
    payload = {
        "hall_id": window.hall_id,
        "number": window.number,
        "name": "重复窗口",
        "kind": "comprehensive",
    }

    with nothing_written(*WRITE_MODELS):
        response = api_post(as_user("admin"), "/org/windows", payload)

    body = assert_error(response, 409, "conflict")
    assert window.number in body["message"]


def test_same_window_number_in_another_hall_is_allowed(county, as_user):
    window = Window.objects.order_by("pk").first()
    other_hall = Hall.objects.exclude(pk=window.hall_id).order_by("pk").first()

    response = api_post(
        as_user("admin"),
        "/org/windows",
        {
            "hall_id": other_hall.pk,
            "number": window.number,
            "name": "综合窗口",
            "kind": "comprehensive",
        },
    )

    assert response.status_code == 201, response.content.decode()


def test_revoking_a_token_twice_is_409(county, users, as_user):
    token, _raw = issue_token("chuangkou")
    client = as_user("admin")
    assert api_post(client, f"/identity/tokens/{token.pk}/revoke").status_code == 200

    with nothing_written(*WRITE_MODELS):
        response = api_post(client, f"/identity/tokens/{token.pk}/revoke")

    assert_error(response, 409, "conflict")


def test_unknown_api_path_is_a_json_404(anon):
    body = assert_error(anon.get("/api/v1/no/such/thing"), 404, "not_found")
    assert "/api/v1/docs" in body["message"]


def test_short_password_message_is_chinese(county, anon):
    response = api_post(
        anon,
        "/identity/citizens/register",
        {
            "name": "短密码",
            "id_number": "11010519491231002X",
            "username": "shortpw",
            "password": "Aa#1",
        },
    )
    body = assert_error(response, 422, "invalid")
    assert "密码太短，至少需要 8 个字符" in body["message"]
