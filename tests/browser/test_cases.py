"""The case workbench in a real browser: a window clerk accepts a submitted case from the
inbox; an approver starts the review, passes it on and approves; the inbox and the case page
at phone width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Browser, Page, expect

from onewindow.cases import services
from onewindow.cases.models import Case, CaseState
from onewindow.catalog import services as catalog
from onewindow.catalog.models import DataElement, ItemVersion, MaterialType, Theme
from onewindow.identity.models import Enterprise, User
from tests.cases.conftest import FORM, at
from tests.catalog.conftest import content

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frozen() -> Iterator[None]:
    """The platform's clock from Monday 2 March 2026, 09:00 (ticking), so due dates do not
    depend on the day the suite runs (the calendar has data up to 2026)."""
    with time_machine.travel(at(2026, 3, 2, 9), tick=True):
        yield


@pytest.fixture
def item(site: str, frozen: None) -> ItemVersion:
    """A published 承诺件 (审查 → 决定 by 县市场监管局) accepted at the county hall."""
    Theme.objects.get_or_create(
        code="open_restaurant", defaults={"name": "开办餐饮店", "audience": "enterprise"}
    )
    for name, source in [
        ("食品经营许可申请书", "applicant"),
        ("营业执照", "licence"),
        ("食品安全管理制度文本", "applicant"),
    ]:
        MaterialType.objects.get_or_create(name=name, defaults={"source": source})
    for key, label, kind in [
        ("enterprise.name", "企业名称", "text"),
        ("enterprise.uscc", "统一社会信用代码", "uscc"),
        ("business.address", "经营场所", "text"),
        ("food.category", "经营项目", "select"),
    ]:
        DataElement.objects.get_or_create(key=key, defaults={"label": label, "type": kind})
    clerk = User.objects.get(username="chuangkou")
    version = catalog.item_create(
        actor=None,
        department_id=User.objects.get(username="shenpi").department_id,
        basic_code="000103001000",
        content=content(),
    )
    catalog.version_submit(actor=None, version_id=version.pk)
    catalog.version_approve(actor=None, version_id=version.pk)
    catalog.version_publish(actor=None, version_id=version.pk)
    catalog.item_set_halls(actor=None, item_id=version.item_id, halls=[(clerk.hall_id, "direct")])
    return version


def submit_case(version: ItemVersion) -> Case:
    return services.apply(
        actor=User.objects.get(username="qiye"),
        item_id=version.item_id,
        channel="pc",
        enterprise_id=Enterprise.objects.get(uscc=FORM["enterprise.uscc"]).pk,
        form_data=FORM,
    )


def no_sideways_scroll(page: Page) -> None:
    """Nothing on the page is wider than the phone (measured once styles and fonts are in)."""
    page.wait_for_load_state("load")
    width = page.evaluate(
        "async () => { await document.fonts.ready; return document.documentElement.scrollWidth; }"
    )
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_clerk_accepts_and_approver_decides(
    page: Page, browser: Browser, login, site: str, item: ItemVersion, shots_dir: Path
):
    case = submit_case(item)

    # The window clerk finds it in 待受理 from the workbench and accepts it.
    login(page, "chuangkou")
    expect(page.get_by_test_id("home-count-to_accept")).to_have_text("1")
    page.get_by_test_id("nav-cases").click()
    expect(page.get_by_test_id("inbox-title")).to_be_visible()
    expect(page.get_by_test_id("box-to_accept")).to_have_attribute("aria-current", "page")
    row = page.get_by_test_id("inbox-row").filter(has_text=case.number)
    expect(row).to_contain_text("陕西眉香猕猴桃有限公司")
    expect(row).to_contain_text("受理期限 2026-03-09")
    row.get_by_role("link", name=case.number).click()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    expect(page.get_by_test_id("panel-accept")).to_have_attribute("open", "")
    # 一次性告知 offers the item's materials in at least five rows.
    page.get_by_test_id("panel-request_correction").locator("summary").click()
    rows = page.get_by_test_id("correction-row")
    assert rows.count() >= 5
    expect(rows.first.locator("select option")).to_contain_text(["营业执照"])
    page.get_by_test_id("panel-accept").get_by_label("受理意见（选填）").fill("材料齐全")
    page.get_by_test_id("action-accept").click()
    expect(page.locator(".alert-success")).to_contain_text("已出具《受理通知书》")
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    expect(page.get_by_test_id("promised-due")).to_have_text("2026-03-09")
    # What is left to the window at this stage: only withdrawing on the applicant's behalf.
    expect(page.get_by_test_id("action-accept")).to_have_count(0)
    expect(page.get_by_test_id("actions").locator("summary")).to_have_text(["撤回"])
    page.screenshot(path=str(shots_dir / "cases-accepted.png"), full_page=True)

    # The approver of 县市场监管局 takes it from 待审查, passes 审查 and approves at 决定.
    approver_ctx = browser.new_context(
        viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    approver_ctx.set_default_timeout(10_000)
    approver = approver_ctx.new_page()
    try:
        login(approver, "shenpi")
        approver.get_by_test_id("home-box-to_review").click()
        approver.get_by_test_id("inbox-row").get_by_role("link", name=case.number).click()
        approver.get_by_test_id("action-start_review").click()
        expect(approver.get_by_test_id("state")).to_have_text("审查中")
        expect(approver.get_by_test_id("clock")).to_have_text("还剩 5 个工作日")
        panel = approver.get_by_test_id("panel-pass")
        expect(panel).to_have_attribute("open", "")
        panel.get_by_label("审查意见").fill("材料齐全，经营场所符合要求")
        approver.get_by_test_id("action-pass").click()
        expect(approver.locator(".alert-success")).to_contain_text("通过已完成")
        panel = approver.get_by_test_id("panel-approve")
        expect(panel).to_have_attribute("open", "")
        panel.get_by_label("决定意见").fill("准予许可")
        approver.get_by_test_id("action-approve").click()
        expect(approver.locator(".alert-success")).to_contain_text("已出具《准予许可决定书》")
        expect(approver.get_by_test_id("state")).to_have_text("准予")
        timeline = approver.get_by_test_id("timeline-row")
        expect(timeline.filter(has_text="准予许可")).to_have_count(1)
        expect(approver.get_by_test_id("notice").last).to_contain_text("准予许可决定书")
        approver.screenshot(path=str(shots_dir / "cases-approved.png"), full_page=True)
    finally:
        approver_ctx.close()
    assert Case.objects.get(pk=case.pk).state == CaseState.APPROVED


def test_inbox_and_case_page_at_phone_width(
    mobile_page: Page, login, site: str, item: ItemVersion, shots_dir: Path
):
    cases = [submit_case(item) for _ in range(3)]
    for case in cases:
        services.accept(actor=User.objects.get(username="chuangkou"), case_id=case.pk)
    page = mobile_page
    login(page, "shenpi")
    page.goto(f"{site}/cases/inbox/?box=to_review")
    # Cards, not the table, and nothing wider than the phone.
    expect(page.get_by_test_id("inbox-table")).to_be_hidden()
    cards = page.get_by_test_id("inbox-card")
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("还剩 5 个工作日")
    no_sideways_scroll(page)
    page.screenshot(path=str(shots_dir / "cases-inbox-mobile.png"), full_page=True)

    # The tabs and the 我的 / 本部门 switch fit and work.
    page.get_by_test_id("scope-mine").click()
    expect(page.get_by_test_id("inbox-empty")).to_be_visible()
    page.get_by_test_id("scope-all").click()
    expect(cards).to_have_count(3)

    cards.first.click()
    expect(page.get_by_test_id("action-start_review")).to_be_visible()
    no_sideways_scroll(page)
    page.get_by_test_id("action-start_review").click()
    expect(page.get_by_test_id("state")).to_have_text("审查中")
    expect(page.get_by_test_id("panel-pass")).to_have_attribute("open", "")
    no_sideways_scroll(page)
    page.screenshot(path=str(shots_dir / "cases-detail-mobile.png"), full_page=True)
