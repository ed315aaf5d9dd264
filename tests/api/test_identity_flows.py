"""Happy paths for citizens and enterprises: window registration and look-up, online
self-registration, enterprise registration by its legal representative, agents."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.core.models import AuditEvent
from onewindow.identity import demo as identity_demo
from onewindow.identity.models import Enterprise, EnterpriseAgent, User
from tests.factories import CitizenFactory, make_resident_id, make_uscc

from .utils import MASKED_ID, api_get, api_post, assert_error

ZHANGSAN_ID = identity_demo.CITIZENS[0][2]


def masked(id_number: str) -> str:
    return id_number[:4] + "*" * 10 + id_number[-4:]


# --- window registration and look-up ----------------------------------------------------------
@pytest.fixture
def registered(county, as_user):
    """A citizen registered at the window by the clerk; returns (clerk client, id, body)."""
    clerk = as_user("chuangkou")
    id_number = make_resident_id(birth="19750607")
    response = api_post(
        clerk,
        "/identity/citizens",
        {"name": "王秀兰", "id_number": id_number, "phone": "13912345678"},
    )
    assert response.status_code == 201, response.content.decode()
    return clerk, id_number, response.json()


def test_window_clerk_registers_a_citizen_with_masked_id(registered):
    _clerk, id_number, body = registered

    assert body["name"] == "王秀兰"
    assert body["id_number_masked"] == masked(id_number)
    assert MASKED_ID.fullmatch(body["id_number_masked"])
    assert body["phone_masked"] == "139****5678"
    assert body["real_name_verified"] is True
    user = User.objects.get(pk=body["id"])
    assert user.kind == User.Kind.PUBLIC
    assert not user.has_usable_password()


def test_window_registration_response_never_contains_the_full_numbers(county, as_user):
    id_number = make_resident_id()

    response = api_post(
        as_user("chuangkou"),
        "/identity/citizens",
        {"name": "王秀兰", "id_number": id_number, "phone": "13912345678"},
    )

    assert response.status_code == 201
    content = response.content.decode()
    assert id_number not in content
    assert id_number[6:14] not in content  # not even the birth date
    assert "13912345678" not in content


def test_window_registration_is_audited_with_the_clerk_as_actor(registered, users):
    _clerk, id_number, body = registered

    event = AuditEvent.objects.get(code="identity.citizen.registered", object_id=str(body["id"]))
    assert event.actor_id == users["chuangkou"].pk
    assert id_number not in str(event.after)


def test_window_clerk_looks_up_a_citizen_by_id_number(registered):
    clerk, id_number, body = registered

    response = api_get(clerk, "/identity/citizens/lookup", {"id_number": id_number})

    assert response.status_code == 200
    assert response.json() == body
    assert id_number not in response.content.decode()


def test_lookup_accepts_a_lowercase_check_char(county, users, as_user):
    assert ZHANGSAN_ID.endswith("X")

    response = api_get(
        as_user("chuangkou"), "/identity/citizens/lookup", {"id_number": ZHANGSAN_ID.lower()}
    )

    assert response.status_code == 200
    assert response.json()["id"] == users["zhangsan"].pk
    assert response.json()["id_number_masked"] == "6103**********123X"
    assert ZHANGSAN_ID not in response.content.decode()


def test_audit_trail_never_contains_the_full_id_number(registered, as_user):
    _clerk, id_number, _body = registered

    response = api_get(as_user("admin"), "/audit/events", {"limit": 1000})

    assert response.status_code == 200
    assert id_number not in response.content.decode()
    assert ZHANGSAN_ID not in response.content.decode()


@pytest.mark.parametrize("username", ["bangban", "rexian", "admin"])
def test_other_front_line_roles_may_register_citizens(county, as_user, username):
    response = api_post(
        as_user(username), "/identity/citizens", {"name": "赵六", "id_number": make_resident_id()}
    )

    assert response.status_code == 201, response.content.decode()


# --- self-registration -----------------------------------------------------------------------
def test_citizen_self_registers_and_can_log_in(county):
    client = Client()
    id_number = make_resident_id(birth="20000229")
    users_before = User.objects.count()

    response = api_post(
        client,
        "/identity/citizens/register",
        {
            "name": "刘小梅",
            "id_number": id_number,
            "phone": "13700001111",
            "username": "liuxiaomei",
            "password": "Kiwi#Orchard-2026",
        },
    )

    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["username"] == "liuxiaomei"
    assert body["id_number_masked"] == masked(id_number)
    assert body["real_name_verified"] is False
    assert id_number not in response.content.decode()
    assert User.objects.count() == users_before + 1
    event = AuditEvent.objects.get(code="identity.citizen.registered", object_id=str(body["id"]))
    assert event.actor_id is None

    assert client.login(username="liuxiaomei", password="Kiwi#Orchard-2026")
    me = api_get(client, "/identity/me").json()
    assert me["id"] == body["id"]
    assert me["kind"] == "public"
    assert me["roles"] == []
    assert me["id_number_masked"] == masked(id_number)
    assert me["enterprises"] == []


# --- enterprises and agents ------------------------------------------------------------------
@pytest.fixture
def enterprise(county, users, as_user):
    """An enterprise registered online by 张三, its legal representative."""
    client = as_user("zhangsan")
    response = api_post(
        client,
        "/identity/enterprises",
        {
            "name": "眉县张三果业有限公司",
            "uscc": make_uscc(),
            "legal_rep_name": "张三",
            "legal_rep_user_id": users["zhangsan"].pk,
            "division_code": "610326101000",
            "address": "槐芽镇",
        },
    )
    assert response.status_code == 201, response.content.decode()
    return client, response.json()


def test_citizen_registers_an_enterprise_they_represent(enterprise, users):
    client, body = enterprise

    assert body["name"] == "眉县张三果业有限公司"
    assert body["legal_rep_name"] == "张三"
    assert body["division_code"] == "610326101000"
    me = api_get(client, "/identity/me").json()
    assert [e["id"] for e in me["enterprises"]] == [body["id"]]
    assert me["home"] == "enterprise"
    codes = set(AuditEvent.objects.filter(actor=users["zhangsan"]).values_list("code", flat=True))
    assert codes == {"identity.enterprise.registered", "identity.agent.authorised"}


def test_registered_enterprise_is_listed_and_found_by_uscc(enterprise):
    client, body = enterprise

    listed = api_get(client, "/identity/enterprises").json()
    found = api_get(client, "/identity/enterprises/lookup", {"uscc": body["uscc"].lower()})

    assert [e["id"] for e in listed["items"]] == [body["id"]]
    assert found.status_code == 200
    assert found.json() == body


def test_legal_rep_is_the_first_agent(enterprise, users):
    client, body = enterprise

    response = api_get(client, f"/identity/enterprises/{body['id']}/agents")

    assert response.status_code == 200
    [agent] = response.json()
    assert agent["user_id"] == users["zhangsan"].pk
    assert agent["user_name"] == "张三"
    assert agent["is_legal_rep"] is True
    assert agent["revoked_at"] is None


def test_legal_rep_authorises_and_revokes_an_agent(enterprise, users):
    client, body = enterprise
    clerk = CitizenFactory(name="赵经办")
    clerk_client = Client()
    clerk_client.force_login(clerk, backend="onewindow.identity.auth.LockoutModelBackend")

    authorised = api_post(
        client, f"/identity/enterprises/{body['id']}/agents", {"user_id": clerk.pk}
    )

    assert authorised.status_code == 201, authorised.content.decode()
    agency = authorised.json()
    assert agency["enterprise_id"] == body["id"]
    assert agency["user_id"] == clerk.pk
    assert agency["user_name"] == "赵经办"
    assert agency["is_legal_rep"] is False
    assert agency["revoked_at"] is None
    me = api_get(clerk_client, "/identity/me").json()
    assert [e["id"] for e in me["enterprises"]] == [body["id"]]

    revoked = api_post(client, f"/identity/agents/{agency['id']}/revoke")

    assert revoked.status_code == 200, revoked.content.decode()
    assert revoked.json()["id"] == agency["id"]
    assert revoked.json()["revoked_at"] is not None
    assert api_get(clerk_client, "/identity/me").json()["enterprises"] == []
    assert AuditEvent.objects.filter(
        code="identity.agent.revoked", actor=users["zhangsan"], object_id=str(agency["id"])
    ).exists()


def test_authorising_the_same_agent_twice_is_409(enterprise):
    client, body = enterprise
    other = CitizenFactory()
    path = f"/identity/enterprises/{body['id']}/agents"
    assert api_post(client, path, {"user_id": other.pk}).status_code == 201
    before = (EnterpriseAgent.objects.count(), AuditEvent.objects.count())

    response = api_post(client, path, {"user_id": other.pk})

    assert_error(response, 409, "conflict")
    assert (EnterpriseAgent.objects.count(), AuditEvent.objects.count()) == before


def test_revoking_twice_or_revoking_the_legal_rep_is_409(enterprise):
    client, body = enterprise
    other = CitizenFactory()
    agency = api_post(
        client, f"/identity/enterprises/{body['id']}/agents", {"user_id": other.pk}
    ).json()
    assert api_post(client, f"/identity/agents/{agency['id']}/revoke").status_code == 200
    legal_rep_agency = EnterpriseAgent.objects.get(enterprise_id=body["id"], is_legal_rep=True)
    events = AuditEvent.objects.count()

    twice = api_post(client, f"/identity/agents/{agency['id']}/revoke")
    legal_rep = api_post(client, f"/identity/agents/{legal_rep_agency.pk}/revoke")

    assert_error(twice, 409, "conflict")
    assert_error(legal_rep, 409, "conflict")
    legal_rep_agency.refresh_from_db()
    assert legal_rep_agency.revoked_at is None
    assert AuditEvent.objects.count() == events


def test_agents_of_someone_elses_enterprise_are_not_visible(enterprise, as_user):
    _client, body = enterprise

    response = api_get(as_user("qiye"), f"/identity/enterprises/{body['id']}/agents")

    assert response.status_code == 200
    assert response.json() == []


def test_window_clerk_registers_an_enterprise_for_a_legal_rep(county, users, as_user):
    response = api_post(
        as_user("chuangkou"),
        "/identity/enterprises",
        {
            "name": "眉县窗口登记企业有限公司",
            "uscc": make_uscc(),
            "legal_rep_name": "张三",
            "legal_rep_user_id": users["zhangsan"].pk,
        },
    )

    assert response.status_code == 201, response.content.decode()
    enterprise = Enterprise.objects.get(pk=response.json()["id"])
    assert enterprise.legal_rep_id == users["zhangsan"].pk
    assert EnterpriseAgent.objects.filter(
        enterprise=enterprise, user=users["zhangsan"], is_legal_rep=True
    ).exists()
