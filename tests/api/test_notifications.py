"""The in-app inbox: listing, unread count, marking read."""

from __future__ import annotations

import pytest

from onewindow.notifications.models import Channel, Notification
from onewindow.notifications.services import notify

from .utils import api_get, api_post


@pytest.fixture
def inbox(county, users, as_user):
    """张三 with the demo welcome message plus two more, all unread."""
    zhangsan = users["zhangsan"]
    for n in (1, 2):
        notify(
            recipient=zhangsan,
            template="platform.message",
            key=f"test:api:{n}",
            context={"subject": f"办件进度 {n}", "body": f"您的第 {n} 件事项已受理"},
        )
    return as_user("zhangsan"), zhangsan


def unread(client) -> int:
    response = api_get(client, "/notifications/unread-count")
    assert response.status_code == 200
    return response.json()["unread"]


def test_inbox_lists_my_messages_newest_first(inbox):
    client, _user = inbox

    response = api_get(client, "/notifications/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    subjects = [n["subject"] for n in body["items"]]
    assert subjects[:2] == ["办件进度 2", "办件进度 1"]
    assert subjects[2].startswith("欢迎使用")
    assert all(n["read_at"] is None for n in body["items"])


def test_inbox_is_paginated(inbox):
    client, _user = inbox

    body = api_get(client, "/notifications/", {"limit": 1, "offset": 1}).json()

    assert body["count"] == 3
    assert [n["subject"] for n in body["items"]] == ["办件进度 1"]


def test_inbox_holds_only_my_own_messages(inbox, as_user):
    _client, zhangsan = inbox

    body = api_get(as_user("qiye"), "/notifications/").json()

    mine = set(Notification.objects.filter(recipient=zhangsan).values_list("pk", flat=True))
    assert body["count"] >= 1
    assert not mine & {n["id"] for n in body["items"]}


def test_mark_some_read_then_all(inbox):
    client, _user = inbox
    items = api_get(client, "/notifications/").json()["items"]
    assert unread(client) == 3

    response = api_post(client, "/notifications/read", {"ids": [items[0]["id"]]})

    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    assert unread(client) == 2
    after = {n["id"]: n for n in api_get(client, "/notifications/").json()["items"]}
    assert after[items[0]["id"]]["read_at"] is not None
    assert after[items[1]["id"]]["read_at"] is None

    again = api_post(client, "/notifications/read", {"ids": [items[0]["id"]]})
    assert again.json() == {"marked": 0}

    everything = api_post(client, "/notifications/read", {})
    assert everything.json() == {"marked": 2}
    assert unread(client) == 0


def test_cannot_mark_someone_elses_messages_read(inbox, users, as_user):
    _client, zhangsan = inbox
    theirs = list(
        Notification.objects.filter(recipient=zhangsan, channel=Channel.IN_APP).values_list(
            "pk", flat=True
        )
    )

    response = api_post(as_user("qiye"), "/notifications/read", {"ids": theirs})

    assert response.status_code == 200
    assert response.json() == {"marked": 0}
    assert not Notification.objects.filter(pk__in=theirs, read_at__isnull=False).exists()
