"""Bearer tokens: issued once by a system administrator, then usable by systems and terminals."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.core.models import AuditEvent
from onewindow.identity.models import ApiToken
from tests.factories import make_resident_id

from .utils import api_get, api_post, assert_error


@pytest.fixture
def issued(county, users, as_user):
    """A token for the window clerk, issued through the API by the system administrator."""
    admin = as_user("admin")
    response = api_post(
        admin, "/identity/tokens", {"user_id": users["chuangkou"].pk, "name": "自助终端 3 号"}
    )
    assert response.status_code == 201, response.content.decode()
    return admin, response.json()


def test_issuing_a_token_returns_it_once(issued, users):
    _admin, body = issued

    assert body["token"].startswith(f"ow_{body['prefix']}_")
    assert body["user_id"] == users["chuangkou"].pk
    assert body["name"] == "自助终端 3 号"
    assert body["revoked_at"] is None
    assert body["last_used_at"] is None


def test_token_list_never_contains_the_token(issued):
    admin, body = issued

    response = api_get(admin, "/identity/tokens")

    assert response.status_code == 200
    listed = {t["id"]: t for t in response.json()}
    assert body["id"] in listed
    assert "token" not in listed[body["id"]]
    assert listed[body["id"]]["prefix"] == body["prefix"]
    assert body["token"] not in response.content.decode()


def test_token_is_stored_only_as_a_digest(issued):
    _admin, body = issued

    row = ApiToken.objects.values().get(pk=body["id"])

    assert body["token"] not in repr(row)


def test_issuing_is_audited_without_the_token(issued, users):
    admin, body = issued

    event = AuditEvent.objects.filter(code="identity.token.issued").latest("seq")
    assert event.actor_id == users["admin"].pk
    response = api_get(admin, "/audit/events", {"code": "identity.token"})
    assert response.status_code == 200
    assert body["token"] not in response.content.decode()


def test_bearer_token_authenticates_as_its_account(issued, users):
    _admin, body = issued

    response = api_get(Client(), "/identity/me", HTTP_AUTHORIZATION=f"Bearer {body['token']}")

    assert response.status_code == 200, response.content.decode()
    me = response.json()
    assert me["id"] == users["chuangkou"].pk
    assert me["username"] == "chuangkou"
    assert me["roles"] == ["window_clerk"]
    assert ApiToken.objects.get(pk=body["id"]).last_used_at is not None


def test_bearer_token_writes_need_no_csrf_token(issued, users):
    _admin, body = issued
    client = Client(enforce_csrf_checks=True)

    response = api_post(
        client,
        "/identity/citizens",
        {"name": "赵六", "id_number": make_resident_id()},
        HTTP_AUTHORIZATION=f"Bearer {body['token']}",
    )

    assert response.status_code == 201, response.content.decode()
    event = AuditEvent.objects.filter(code="identity.citizen.registered").latest("seq")
    assert event.actor_id == users["chuangkou"].pk


def test_revoked_token_stops_working(issued):
    admin, body = issued
    auth = {"HTTP_AUTHORIZATION": f"Bearer {body['token']}"}
    assert api_get(Client(), "/identity/me", **auth).status_code == 200

    response = api_post(admin, f"/identity/tokens/{body['id']}/revoke")

    assert response.status_code == 200, response.content.decode()
    assert response.json()["revoked_at"] is not None
    assert "token" not in response.json()
    assert_error(api_get(Client(), "/identity/me", **auth), 401, "token_revoked")


@pytest.mark.parametrize("days", [0, 3651])
def test_token_lifetime_is_bounded(issued, users, days):
    admin, _body = issued
    before = ApiToken.objects.count()

    response = api_post(
        admin, "/identity/tokens", {"user_id": users["chuangkou"].pk, "name": "终端", "days": days}
    )

    assert_error(response, 422, "invalid")
    assert ApiToken.objects.count() == before
