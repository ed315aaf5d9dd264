"""The catalog's "done when" path in a real browser: a department admin drafts an item with a
vague material, is refused at submission, fixes it and submits; the county approval bureau
approves and publishes; a citizen finds it with a colloquial query and opens the guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from onewindow.catalog.models import DataElement, ItemVersion, MaterialType, Synonym, Theme

from .conftest import MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM = "新生儿落户登记"


@pytest.fixture
def dictionaries(site: str) -> None:
    """What the maintenance form chooses from (the demo catalog is not relied on)."""
    Theme.objects.get_or_create(
        code="br-birth", defaults={"name": "生育收养", "audience": "person"}
    )
    MaterialType.objects.get_or_create(name="出生医学证明", defaults={"source": "licence"})
    DataElement.objects.get_or_create(
        key="br.child_name", defaults={"label": "新生儿姓名", "type": "text"}
    )
    Synonym.objects.update_or_create(phrase="生孩子", defaults={"expansions": "新生儿 出生"})


def fill_new_item(page: Page) -> None:
    field = page.locator
    field('[name="basic_code"]').fill("000107001000")
    field('[name="v-name"]').fill(ITEM)
    field('[name="v-item_type"]').select_option(label="行政确认")
    field('[name="v-level"]').select_option(label="县级")
    page.get_by_label("自然人", exact=True).check()
    page.locator('[name="v-themes"][value="br-birth"]').check()
    field('[name="v-legal_basis"]').fill("《中华人民共和国户口登记条例》第七条")
    field('[name="v-conditions"]').fill("婴儿出生后一个月以内，由父母一方申报出生登记。")
    field('[name="v-handling_type"]').select_option(label="承诺件")
    field('[name="v-statutory_limit"]').fill("20")
    field('[name="v-promised_limit"]').fill("3")
    field('[name="v-result_name"]').fill("居民户口簿")
    page.get_by_label("窗口办理", exact=True).check()
    page.get_by_label("网上办理", exact=True).check()
    field('[name="v-online_depth"]').select_option(label="四级：全程网办")
    field('[name="v-visits"]').fill("0")
    field('[name="v-location"]').fill("眉县政务服务中心 B01 公安户籍窗口")
    field('[name="v-hours"]').fill("周一至周五 09:00–12:00、13:00–17:00")
    field('[name="v-phone"]').fill("0917-5511110")
    field('[name="v-supervision_phone"]').fill("0917-12345")
    field('[name="materials-0-material_type"]').fill("其他材料")
    field('[name="fields-0-element"]').select_option(value="br.child_name")
    field('[name="process-0-name"]').fill("受理")
    field('[name="process-0-department"]').select_option(label="眉县市场监督管理局")
    field('[name="process-0-role"]').select_option(label="窗口人员")
    # A second process step, added with the "添加一行" button.
    page.locator('[data-add-row="process"]').click()
    field('[name="process-1-name"]').fill("审核登记")
    field('[name="process-1-department"]').select_option(label="眉县市场监督管理局")
    field('[name="process-1-role"]').select_option(label="审批人员")


def test_catalog_done_when(
    page: Page, browser: Browser, login, site: str, dictionaries, shots_dir: Path
):
    # 1. The department admin drafts the item with a vague material.
    login(page, "bumen")
    page.get_by_role("link", name="事项维护").first.click()
    expect(page.get_by_role("heading", name="事项维护")).to_be_visible()
    page.get_by_test_id("new-item").click()
    fill_new_item(page)
    with page.expect_navigation():
        page.get_by_role("button", name="创建草稿").click()
    expect(page.get_by_test_id("version-status")).to_contain_text("草稿")
    expect(page.locator('[name="materials-0-material_type"]')).to_have_value("其他材料")

    # 2. Submitting is refused: the problem is shown next to the material, the form is kept.
    with page.expect_navigation():
        page.get_by_role("button", name="保存并提交审核").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("未通过质量检查")
    row = page.get_by_test_id("row").filter(has=page.locator('[name="materials-0-material_type"]'))
    expect(row.get_by_test_id("problem")).to_contain_text("含模糊表述“其他材料”")
    expect(page.locator('[name="v-name"]')).to_have_value(ITEM)
    page.screenshot(path=shots_dir / "catalog-submit-refused.png", full_page=True)

    # 3. Fixed, it goes to review.
    page.locator('[name="materials-0-material_type"]').fill("出生医学证明")
    with page.expect_navigation():
        page.get_by_role("button", name="保存并提交审核").click()
    expect(page.get_by_role("alert").filter(has_text="已提交审核")).to_be_visible()
    expect(page.get_by_test_id("status").first).to_contain_text("待审核")
    with page.expect_navigation():
        page.get_by_role("button", name="退出").click()

    # 4. The county approval bureau's hall admin approves and publishes.
    login(page, "dating")
    page.get_by_role("link", name="事项审核").first.click()
    page.get_by_test_id("queue-item").filter(has_text=ITEM).click()
    expect(page.get_by_test_id("quality")).to_contain_text("未发现问题")
    expect(page.get_by_test_id("diff")).to_contain_text("出生医学证明")
    page.screenshot(path=shots_dir / "catalog-review.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_test_id("version-status")).to_contain_text("已审核")
    with page.expect_navigation():
        page.get_by_role("button", name="发布").click()
    expect(page.get_by_test_id("version-status")).to_contain_text("已发布")
    version = ItemVersion.objects.get(name=ITEM)
    assert version.status == "published"
    code = version.item.implementation_code

    # 5. A citizen (not logged in) types a colloquial query and opens the guide.
    citizen = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    try:
        guide = citizen.new_page()
        guide.goto(f"{site}/services/")
        guide.locator("#ow-q").press_sequentially("生孩子怎么上户口", delay=30)
        expanded = guide.get_by_test_id("expanded")
        expect(expanded).to_contain_text("生孩子")
        expect(expanded).to_contain_text("为您查找")
        expect(expanded).to_contain_text("新生儿")
        result = guide.get_by_test_id("result").filter(has_text=ITEM)
        expect(result).to_be_visible()
        # The search is put in the address (after the swap), so back and share work.
        expect(guide).to_have_url(re.compile(r"/services/\?.*q="))
        with guide.expect_navigation():
            result.click()
        assert guide.url == f"{site}/services/{code}/"
        expect(guide.get_by_test_id("guide-title")).to_have_text(ITEM)
        expect(guide.get_by_test_id("materials")).to_contain_text("出生医学证明")
        expect(guide.get_by_test_id("process")).to_contain_text("眉县市场监督管理局")
        expect(guide.get_by_test_id("version")).to_contain_text("第 1 版")
        guide.screenshot(path=shots_dir / "catalog-guide-desktop.png", full_page=True)
        guide.goto(f"{site}/services/{code}/?print=1")
        expect(guide.locator("nav.navbar")).to_have_count(0)
        expect(guide.get_by_test_id("guide-title")).to_have_text(ITEM)
        guide.screenshot(path=shots_dir / "catalog-guide-print.png", full_page=True)
    finally:
        citizen.close()

    # 6. The same guide on a phone: no sideways scrolling, the materials as a list.
    phone = browser.new_context(
        viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    try:
        mobile = phone.new_page()
        mobile.goto(f"{site}/services/{code}/")
        expect(mobile.get_by_test_id("guide-title")).to_have_text(ITEM)
        widths = mobile.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal overflow: {widths}"
        expect(mobile.locator("#materials ol")).to_contain_text("出生医学证明")
        mobile.screenshot(path=shots_dir / "catalog-guide-mobile.png", full_page=True)
        mobile.screenshot(path=shots_dir / "catalog-guide-mobile-top.png")
        mobile.locator("#materials").scroll_into_view_if_needed()
        mobile.screenshot(path=shots_dir / "catalog-guide-mobile-materials.png")
        mobile.goto(f"{site}/services/?q=生孩子")
        expect(mobile.get_by_test_id("result").filter(has_text=ITEM)).to_be_visible()
        widths = mobile.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal overflow on the portal: {widths}"
        mobile.screenshot(path=shots_dir / "catalog-portal-mobile.png", full_page=True)
    finally:
        phone.close()


def test_unknown_code_is_a_page_in_chinese(page: Page, site: str):
    page.goto(f"{site}/services/NOPE/")
    expect(page.get_by_role("heading", name="未找到该事项")).to_be_visible()
    expect(page.get_by_test_id("error-message")).to_contain_text("NOPE")


def test_maintenance_form_fits_a_phone(
    mobile_page: Page, login, site: str, dictionaries, shots_dir: Path
):
    page = mobile_page
    login(page, "bumen")
    for path, shot in [
        ("/services/manage/", "catalog-manage-mobile.png"),
        ("/services/quality/", "catalog-quality-mobile.png"),
        ("/services/manage/new/", "catalog-new-item-mobile.png"),
    ]:
        page.goto(site + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal overflow on {path}: {widths}"
        page.screenshot(path=shots_dir / shot, full_page=path != "/services/manage/new/")
    page.locator('[name="materials-0-material_type"]').scroll_into_view_if_needed()
    page.screenshot(path=shots_dir / "catalog-new-item-mobile-materials.png")
