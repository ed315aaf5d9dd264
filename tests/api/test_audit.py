"""The audit trail over the API: who sees which events, and chain verification."""

from __future__ import annotations

import pytest

from onewindow.core.models import AuditEvent
from tests.factories import make_resident_id, make_uscc

from .utils import api_get, api_post, assert_error


@pytest.fixture
def acted(county, users, as_user):
    """张三 registers an enterprise and the window clerk a citizen: both become actors."""
    response = api_post(
        as_user("zhangsan"),
        "/identity/enterprises",
        {
            "name": "眉县审计测试有限公司",
            "uscc": make_uscc(),
            "legal_rep_name": "张三",
            "legal_rep_user_id": users["zhangsan"].pk,
        },
    )
    assert response.status_code == 201, response.content.decode()
    response = api_post(
        as_user("chuangkou"),
        "/identity/citizens",
        {"name": "赵六", "id_number": make_resident_id()},
    )
    assert response.status_code == 201, response.content.decode()
    return users


def events(client, **params) -> dict:
    response = api_get(client, "/audit/events", {"limit": 1000, **params})
    assert response.status_code == 200, response.content.decode()
    return response.json()


@pytest.mark.parametrize("username", ["admin", "ducha"])
def test_admin_and_supervisor_see_every_event(acted, as_user, username):
    body = events(as_user(username))

    assert body["count"] == AuditEvent.objects.count()
    seqs = [e["seq"] for e in body["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert len(seqs) == body["count"]


@pytest.mark.parametrize(
    "username", ["zhangsan", "qiye", "chuangkou", "bumen", "rexian", "lingdao", "dating"]
)
def test_everyone_else_sees_only_their_own_acts(acted, as_user, users, username):
    user = users[username]

    body = events(as_user(username))

    assert body["count"] == AuditEvent.objects.filter(actor=user).count()
    assert all(e["actor_id"] == user.pk for e in body["items"])


def test_citizen_sees_their_enterprise_registration(acted, as_user):
    zhangsan = acted["zhangsan"]

    body = events(as_user("zhangsan"))

    assert body["count"] >= 2
    assert {e["code"] for e in body["items"]} == {
        "identity.enterprise.registered",
        "identity.agent.authorised",
    }
    assert {e["actor_id"] for e in body["items"]} == {zhangsan.pk}


def test_events_can_be_filtered(acted, as_user):
    admin = as_user("admin")

    by_code = events(admin, code="identity.enterprise")
    enterprise_id = next(e["object_id"] for e in by_code["items"])
    by_object = events(admin, object_type="identity.enterprise", object_id=enterprise_id)

    assert by_code["count"] >= 2  # the demo enterprise and 张三's
    assert all(e["code"].startswith("identity.enterprise") for e in by_code["items"])
    assert by_object["count"] >= 1
    assert all(e["object_id"] == enterprise_id for e in by_object["items"])


@pytest.mark.parametrize("username", ["admin", "ducha"])
def test_verify_reports_an_intact_chain(acted, as_user, username):
    response = api_get(as_user(username), "/audit/verify")

    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checked"] == AuditEvent.objects.count()
    assert body["broken_seq"] is None
    assert body["message"]


@pytest.mark.parametrize("username", ["zhangsan", "chuangkou", "lingdao"])
def test_verify_is_refused_to_others(acted, as_user, username):
    assert_error(api_get(as_user(username), "/audit/verify"), 403, "forbidden")
