"""The demo logins, lockout, notification bell, logout and mobile layout in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from onewindow.demo import DEMO_PASSWORD as PASSWORD
from onewindow.identity import demo as identity_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_HOME = "工作台"

# username → (home heading, name shown in the navbar, role label on the staff home)
ACCOUNTS = {
    "zhangsan": ("个人办事", "张三", None),
    "qiye": ("企业办事", "李秀梅", None),
    "chuangkou": (STAFF_HOME, "王芳", "窗口人员"),
    "shenpi": (STAFF_HOME, "赵军", "审批人员"),
    "bumen": (STAFF_HOME, "刘洋", "部门管理员"),
    "dating": (STAFF_HOME, "陈静", "大厅管理员"),
    "ducha": (STAFF_HOME, "周涛", "督查人员"),
    "rexian": (STAFF_HOME, "吴敏", "12345 话务员"),
    "bangban": (STAFF_HOME, "郑丽", "帮办代办员"),
    "admin": (STAFF_HOME, "系统管理员", "系统管理员"),
    "lingdao": ("效能总览", "孙建国", None),
}
ENTERPRISE = "陕西眉香猕猴桃有限公司"
MASKED_ID = re.compile(r"^\d{4}\*{10}\d{3}[\dX]$")


def wait_for_bell(page: Page) -> None:
    """Wait until htmx has loaded the unread badge into the navbar on the current page."""
    page.wait_for_function("() => window.owBellSettled > 0")


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_demo_login_lands_on_role_home(page: Page, login, site: str, username: str):
    heading, name, role = ACCOUNTS[username]
    login(page, username)

    assert page.url == f"{site}/"
    expect(page.get_by_test_id("home-title")).to_have_text(heading)
    expect(page.get_by_test_id("whoami")).to_have_text(name)
    expect(page.get_by_test_id("login-error")).to_have_count(0)
    if role is not None:
        expect(page.get_by_test_id("roles")).to_contain_text(role)
    if username == "qiye":
        expect(page.get_by_test_id("enterprise")).to_contain_text(ENTERPRISE)


def test_wrong_password_then_lock(page: Page, login, settings):
    assert settings.LOGIN_MAX_FAILURES == 5
    for _ in range(4):
        login(page, "shenpi", "Wrong#2026")
        error = page.get_by_test_id("login-error")
        # The same words as for an unknown login name: the form reveals no accounts.
        expect(error).to_have_text("登录名或密码错误")
        expect(page.get_by_test_id("whoami")).to_have_count(0)
        # The username is kept, the password is not.
        expect(page.get_by_label("登录名", exact=True)).to_have_value("shenpi")
        expect(page.get_by_label("密码", exact=True)).to_have_value("")

    login(page, "shenpi", "Wrong#2026")
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")

    login(page, "shenpi")  # the right password no longer gets in
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    assert page.url.endswith("/login/")

    login(page, "dating")  # other accounts are unaffected
    expect(page.get_by_test_id("whoami")).to_have_text("陈静")


def test_unknown_user_is_refused(page: Page, login):
    login(page, "nobody", "Wrong#2026")
    expect(page.get_by_test_id("login-error")).to_contain_text("登录名或密码错误")
    expect(page.get_by_test_id("whoami")).to_have_count(0)


def test_login_required_page_returns_there_after_login(page: Page, login, site: str):
    page.goto(f"{site}/notifications/")
    assert page.url == f"{site}/login/?next=/notifications/"
    page.get_by_label("登录名", exact=True).fill("zhangsan")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录", exact=True).click()
    assert page.url == f"{site}/notifications/"
    expect(page.get_by_role("heading", name="消息通知")).to_be_visible()


def test_bell_shows_welcome_message_until_read(page: Page, login, site: str):
    login(page, "zhangsan")
    expect(page.get_by_test_id("unread")).to_have_text("1")

    page.goto(f"{site}/notifications/")
    expect(page.get_by_test_id("notification")).to_have_count(1)
    expect(page.get_by_test_id("unread")).to_have_text("1")

    with page.expect_navigation():
        page.get_by_role("button", name="全部标为已读").click()
    assert page.url == f"{site}/notifications/"
    wait_for_bell(page)
    expect(page.get_by_test_id("unread")).to_have_count(0)

    page.goto(f"{site}/")
    wait_for_bell(page)
    expect(page.get_by_test_id("unread")).to_have_count(0)
    expect(page.get_by_test_id("whoami")).to_have_text("张三")


def test_logout_returns_to_login(page: Page, login, site: str):
    login(page, "chuangkou")
    expect(page.get_by_test_id("whoami")).to_have_text("王芳")

    with page.expect_navigation():
        page.get_by_role("button", name="退出").click()
    assert page.url == f"{site}/login/"
    expect(page.get_by_test_id("whoami")).to_have_count(0)

    page.goto(f"{site}/notifications/")  # the session is gone
    assert page.url.startswith(f"{site}/login/")


def test_staff_home_screenshot(page: Page, login, shots_dir: Path):
    login(page, "chuangkou")
    expect(page.get_by_test_id("roles")).to_contain_text("窗口人员")
    expect(page.get_by_test_id("unread")).to_have_text("1")
    page.screenshot(path=shots_dir / "staff-home.png", full_page=True)


def test_mobile_navbar_collapses_without_overflow(mobile_page: Page, login, shots_dir: Path):
    page = mobile_page
    login(page, "zhangsan")
    expect(page.get_by_test_id("home-title")).to_have_text("个人办事")

    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("#ow-nav")).to_be_hidden()
    expect(page.get_by_test_id("whoami")).to_be_hidden()
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1], f"horizontal overflow: scrollWidth/innerWidth={overflow}"
    page.screenshot(path=shots_dir / "mobile-citizen-home.png", full_page=True)

    toggler.click()
    expect(page.get_by_test_id("whoami")).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")


def test_citizen_home_masks_id_number(page: Page, login):
    login(page, "zhangsan")
    masked = page.get_by_test_id("masked-id").inner_text().strip()
    assert MASKED_ID.match(masked), masked

    _, _, id_number, phone = next(c for c in identity_demo.CITIZENS if c[0] == "zhangsan")
    assert masked[:4] == id_number[:4]
    assert masked[-4:] == id_number[-4:]
    html = page.content()
    assert id_number not in html
    assert phone not in html
