from __future__ import annotations

import pytest
from django.test import Client

from onewindow.notifications.services import notify

from ..conftest import PASSWORD

HOME_TITLES = {
    "zhangsan": "个人办事",
    "qiye": "企业办事",
    "chuangkou": "工作台",
    "shenpi": "工作台",
    "bumen": "工作台",
    "dating": "工作台",
    "ducha": "工作台",
    "rexian": "工作台",
    "bangban": "工作台",
    "lingdao": "效能总览",
    "admin": "工作台",
}


@pytest.mark.parametrize(("username", "title"), HOME_TITLES.items())
def test_each_demo_login_lands_on_its_roles_home(county, username, title):
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    html = response.content.decode()
    assert f'data-testid="home-title">{title}' in html


def test_wrong_password_is_a_400_with_a_message(county):
    response = Client().post("/login/", {"username": "zhangsan", "password": "nope"})
    assert response.status_code == 400
    assert "登录名或密码错误" in response.content.decode()
    response = Client().post("/login/", {"username": "", "password": ""})
    assert "请输入登录名和密码" in response.content.decode()


def test_login_redirects_only_to_local_next(county):
    client = Client()
    response = client.post(
        "/login/", {"username": "zhangsan", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    client = Client()
    response = client.post(
        "/login/", {"username": "zhangsan", "password": PASSWORD, "next": "/notifications/"}
    )
    assert response["Location"] == "/notifications/"


def test_anonymous_home_shows_halls_and_protected_pages_redirect(county):
    client = Client()
    assert "眉县政务服务中心" in client.get("/").content.decode()
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_bell_counts_unread_and_marking_read_clears_it(users, login_client):
    client = login_client(users["zhangsan"])
    notify(
        recipient=users["zhangsan"],
        template="platform.message",
        key="w1",
        context={"subject": "测试", "body": "正文"},
    )
    bell = client.get("/notifications/bell/").content.decode()
    assert 'data-testid="unread">2<' in bell  # welcome + this one
    page = client.get("/notifications/").content.decode()
    assert "测试" in page
    response = client.post("/notifications/read/", HTTP_HX_REQUEST="true")
    assert 'data-testid="unread"' not in response.content.decode()


def test_citizen_home_never_shows_the_full_id_number(users, login_client):
    user = users["zhangsan"]
    html = login_client(user).get("/").content.decode()
    assert user.id_number_masked in html
    assert user.id_number not in html


def test_logout_needs_post(users, login_client):
    client = login_client(users["zhangsan"])
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/")["Location"] == "/login/"


def test_unknown_page_is_a_chinese_404(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_admin_is_in_chinese_and_lists_the_org_tables(users, login_client):
    html = login_client(users["admin"]).get("/admin/").content.decode()
    for label in ["行政区划", "部门", "服务大厅", "窗口", "账户", "企业", "通知", "审计事件"]:
        assert label in html


def test_healthz(db):
    assert Client().get("/healthz").json() == {"status": "ok"}


def test_admin_adds_an_account_and_audits_it_without_secrets(users, login_client, county):
    from onewindow.core.models import AuditEvent
    from onewindow.identity.models import User

    client = login_client(users["admin"])
    assert client.get("/admin/identity/user/add/").status_code == 200
    response = client.post(
        "/admin/identity/user/add/",
        {
            "username": "newclerk",
            "name": "新窗口",
            "kind": "staff",
            "department": county["departments"]["县公安局"].pk,
            "hall": "",
            "password1": "Aa#12345678",
            "password2": "Aa#12345678",
            "staff_roles-TOTAL_FORMS": "0",
            "staff_roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newclerk")
    event = AuditEvent.objects.get(code="identity.user.admin_added", object_id=str(user.pk))
    assert "password" not in event.after
    assert "id_number_enc" not in event.after
    assert client.get(f"/admin/identity/user/{users['zhangsan'].pk}/change/").status_code == 200


def test_idle_session_ends_but_background_polls_do_not_keep_it_alive(users, login_client, settings):
    import time

    from onewindow.identity.middleware import KEY

    settings.SESSION_IDLE_MINUTES = 30
    client = login_client(users["zhangsan"])
    assert client.get("/").status_code == 200
    session = client.session
    session[KEY] = time.time() - 29 * 60
    session.save()
    # A bell poll 29 minutes in answers, but does not count as activity ...
    assert client.get("/notifications/bell/", HTTP_X_OW_POLL="1").status_code == 200
    assert client.session[KEY] < time.time() - 28 * 60
    session = client.session
    session[KEY] = time.time() - 31 * 60
    session.save()
    # ... so two minutes later the session is over, and the next poll sends htmx to the login.
    response = client.get(
        "/notifications/bell/",
        HTTP_X_OW_POLL="1",
        HTTP_HX_CURRENT_URL="http://testserver/notifications/",
    )
    assert response["HX-Redirect"] == "/login/?next=%2Fnotifications%2F"
    assert response.content == b""
    page = client.get("/", follow=True).content.decode()
    assert "我的信息" not in page


def test_activity_keeps_the_session(users, login_client):
    import time

    from onewindow.identity.middleware import KEY

    client = login_client(users["zhangsan"])
    client.get("/")
    session = client.session
    session[KEY] = time.time() - 20 * 60
    session.save()
    client.get("/notifications/")
    assert client.session[KEY] > time.time() - 60
    assert "我的信息" in client.get("/").content.decode()


def test_idle_logout_says_why_on_the_login_page(users, login_client):
    import time

    from onewindow.identity.middleware import KEY

    client = login_client(users["zhangsan"])
    client.get("/")
    session = client.session
    session[KEY] = time.time() - 3600
    session.save()
    page = client.get("/notifications/", follow=True).content.decode()
    assert "长时间未操作，已自动退出" in page
