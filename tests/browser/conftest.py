"""Browser tests: the system Chromium driven by Playwright's sync API against `live_server`.

Run them with `uv run pytest tests/browser -m browser`. They skip when /usr/bin/chromium is
absent (install it with `apt-get install chromium fonts-noto-cjk`; Playwright's own browser
downloads are not used) — except under `.ci/run`, where they fail instead
(`tests/system_deps.py`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from onewindow import demo
from onewindow.catalog.reference import ensure_special_procedure_kinds
from tests.system_deps import require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = demo.DEMO_PASSWORD
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
SHOTS_DIR = Path("/tmp/ow-shots")
# Counts htmx swaps into the navbar bell, so a test can wait until the badge has really been
# loaded (an absent badge is otherwise indistinguishable from one not fetched yet).
BELL_PROBE = """
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.target && event.target.id === "ow-bell") {
    window.owBellSettled = (window.owBellSettled || 0) + 1;
  }
});
"""

# Playwright's sync API keeps an asyncio event loop marked as *running* in this thread from
# `sync_playwright().start()` until `.stop()` (i.e. for the rest of the session once the
# session-scoped browser exists). Django's `async_unsafe` guard sees that loop and raises
# SynchronousOnlyOperation for every ORM call made from the test thread: loading the demo
# data, the transactional_db flush, assertions on models, and every later test in the same
# pytest run. Nothing here is actually async, so the guard is switched off for the test
# process. (The live server answers requests in its own threads, which have no loop.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    require(CHROMIUM.exists(), f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def site(transactional_db, live_server) -> str:
    """The live server's base URL, with the 眉县 demo data loaded.

    `live_server` serves from another thread, so the data must be committed: the test uses a
    transactional database (flushed afterwards) instead of the `county` fixture's
    rolled-back transaction, and loads the same county (divisions, departments, halls,
    accounts) with `demo.load_all(upto=...)`; tests that need catalog items make their own.
    """
    demo.load_all(upto="onewindow.identity.demo")
    # The flush after a transactional test also empties tables that migrations seeded.
    ensure_special_procedure_kinds()
    return live_server.url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (cookies, storage) per test, desktop-sized, in Chinese."""
    ctx = browser.new_context(viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai")
    ctx.set_default_timeout(10_000)
    ctx.add_init_script(BELL_PROBE)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def mobile_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (390x844, touch) in its own context."""
    ctx = browser.new_context(
        viewport=MOBILE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    ctx.set_default_timeout(10_000)
    ctx.add_init_script(BELL_PROBE)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def login(site: str) -> Callable[..., Page]:
    """`login(page, username, password=PASSWORD)`: submit the login form on /login/.

    Returns the page after the form's response has loaded; it does not assert success.
    """

    def do_login(page: Page, username: str, password: str = PASSWORD) -> Page:
        page.goto(f"{site}/login/")
        page.get_by_label("登录名", exact=True).fill(username)
        page.get_by_label("密码", exact=True).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="登录", exact=True).click()
        return page

    return do_login


@pytest.fixture
def shots_dir() -> Path:
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SHOTS_DIR
