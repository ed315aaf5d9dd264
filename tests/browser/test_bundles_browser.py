"""高效办成一件事 in a real browser (issue 6, "done when"): 张三 opens 新生儿出生 from the
bundle list, reads the guide (seed 001's members in stages), answers the questionnaire (the
plan follows by htmx), fills the merged form once, uploads the asked materials and submits;
the tracking page shows 出生医学证明 started and the others waiting. When 县卫健局 grants
出生医学证明 the dependants start by themselves, 出生登记 gets 出生医学证明 from that result,
and a stage notice tells him; when everything is granted, the completion notice. The guide
and the tracking page fit a phone's width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect

from onewindow import demo
from onewindow.bundles import demo as bundle_demo
from onewindow.bundles.models import BundleCase
from onewindow.catalog.reference import ensure_special_procedure_kinds
from onewindow.identity.demo import CITIZENS
from onewindow.identity.models import User
from tests.bundles.conftest import HANDLERS, grant
from tests.cases.conftest import at
from tests.factories import make_resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZHANGSAN_ID = CITIZENS[0][2]
# Seed 001's 新生儿出生: every member, in its stage.
MEMBERS = {
    "birth_cert": "《出生医学证明》办理（首签）",
    "vaccination": "预防接种证办理",
    "hukou": "出生登记（申报户口）",
    "social_card": "社会保障卡申领",
    "reimbursement": "生育医疗费用报销",
    "medical_insurance": "城乡居民医保参保登记",
    "parenting": "科学育儿指导服务登记",
}
ANSWERS = {"social_card": "是", "medical_insurance": "否", "reimbursement": "否", "parenting": "是"}
APPLIED = ["birth_cert", "vaccination", "hukou", "social_card", "parenting"]


@pytest.fixture
def frozen() -> Iterator[None]:
    """Monday 2 March 2026, 09:00 (ticking): due dates do not depend on the day the suite
    runs (the working-day calendar has data up to 2026)."""
    with time_machine.travel(at(2026, 3, 2, 9), tick=True):
        yield


@pytest.fixture
def site(transactional_db, live_server, frozen) -> str:
    """The county with its catalog and the 新生儿出生 bundle, committed for the live server."""
    ctx = demo.load_all(upto="onewindow.catalog.demo")
    bundle_demo.load_definitions(ctx, codes={"newborn"})
    ensure_special_procedure_kinds()
    return live_server.url


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def no_sideways_scroll(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate(
        "async () => { await document.fonts.ready; return document.documentElement.scrollWidth; }"
    )
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def answer(page: Page, answers: dict[str, str] = ANSWERS) -> None:
    keys = {"social_card": 0, "medical_insurance": 1, "reimbursement": 2, "parenting": 3}
    for key, label in answers.items():
        question = page.get_by_test_id("question").nth(keys[key])
        question.get_by_label(label, exact=True).check()


def fill_merged_form(page: Page) -> None:
    """Each piece of information once, by the label the applicant sees."""
    field = page.get_by_label
    field("子女姓名").fill("张小宝")
    field("子女性别").select_option("男")
    field("子女出生日期").fill("2026-02-27")
    field("出生医院").fill("眉县人民医院")
    field("母亲姓名").fill("李芳")
    field("母亲公民身份号码").fill(make_resident_id(1))
    field("父亲姓名").fill("张三")
    field("父亲公民身份号码").fill(ZHANGSAN_ID)
    field("联系电话").fill("13800000001")
    field("联系地址").fill("眉县首善街道平阳街 1 号")
    field("落户地址").fill("眉县首善街道平阳街 1 号")
    field("与户主关系").select_option("子")
    field("申请人姓名").fill("张三")
    field("申请人公民身份号码").fill(ZHANGSAN_ID)
    field("社保卡合作银行").select_option("中国银行")
    field("喂养指导").check()


def member(page: Page, key: str):
    return page.locator(f'[data-testid="bundle-member"][data-member="{key}"]')


def test_newborn_bundle_from_the_guide_to_the_completion_notice(
    page: Page, mobile_page: Page, login, site: str, pdf_file: Path, shots_dir: Path
):
    login(page, "zhangsan")
    with page.expect_navigation():
        page.get_by_test_id("nav-bundle-list").click()
    with page.expect_navigation():
        page.locator('[data-testid="bundle"][data-code="newborn"]').click()
    expect(page.get_by_test_id("guide-title")).to_have_text("新生儿出生")

    # 一次告知: all seven members in three stages, the four questions.
    members = page.get_by_test_id("member")
    expect(members).to_have_count(7)
    for key, name in MEMBERS.items():
        expect(members.and_(page.locator(f'[data-member="{key}"]'))).to_contain_text(name)
    expect(page.locator('[data-member="hukou"]')).to_contain_text(
        "待“《出生医学证明》办理（首签）”办结后自动启动"
    )
    expect(page.get_by_test_id("stage")).to_have_count(3)
    expect(page.get_by_test_id("question")).to_have_count(4)
    expect(page.get_by_test_id("plan-prompt")).to_be_visible()

    # 情形引导: each answer updates the plan in place.
    answer(page, {"social_card": "是", "medical_insurance": "否"})
    expect(page.get_by_test_id("plan-prompt")).to_contain_text("还有 2 个问题没有回答")
    answer(page, {"reimbursement": "否", "parenting": "是"})
    plan = page.get_by_test_id("plan-member")
    expect(plan).to_have_count(5)
    expect(page.get_by_test_id("saved")).to_contain_text("少填 19 项、少交 6 份材料")
    birth_proof = page.locator('[data-testid="plan-material"][data-material="出生医学证明"]')
    expect(birth_proof).to_contain_text("由《出生医学证明》办理（首签）办理结果提供")
    assert "q-parenting=yes" in page.url  # the answers survive a reload
    page.screenshot(path=str(shots_dir / "bundle-guide.png"), full_page=True)

    # 一表申请、一套材料.
    with page.expect_navigation():
        page.get_by_test_id("apply-bundle").click()
    expect(page.get_by_test_id("apply-title")).to_contain_text("新生儿出生")
    expect(page.get_by_test_id("apply-member")).to_have_count(5)
    fill_merged_form(page)
    uploads = page.locator("input[type=file][name^=material-]")
    expect(uploads).to_have_count(3)
    for i in range(3):
        uploads.nth(i).set_input_files(pdf_file)
    page.get_by_label("全部办结后一次出件").check()
    page.get_by_test_id("commitment").get_by_role("checkbox").check()
    page.screenshot(path=str(shots_dir / "bundle-apply.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_test_id("submit").click()

    bc = BundleCase.objects.get()
    assert page.url == f"{site}/portal/bundle-cases/{bc.pk}/"
    assert bc.channel == "pc"
    assert sorted(bc.members.values_list("key", flat=True)) == sorted(APPLIED)
    expect(page.get_by_test_id("bundle-case-number")).to_have_text(bc.number)
    expect(page.get_by_test_id("status")).to_have_text("办理中")
    expect(page.get_by_test_id("plain-clock")).to_contain_text("还剩 10 个工作日")
    expect(member(page, "birth_cert")).to_have_attribute("data-status", "started")
    for key in APPLIED[1:]:
        expect(member(page, key)).to_have_attribute("data-status", "waiting")
    expect(page.locator('[data-testid="bundle-notice"][data-kind="receipt"]')).to_be_visible()
    page.screenshot(path=str(shots_dir / "bundle-submitted.png"), full_page=True)

    # 县卫健局 grants 出生医学证明: the dependants start by themselves.
    birth = bc.members.get(key="birth_cert")
    grant(birth.case, User.objects.get(username=HANDLERS["birth_cert"]))
    page.reload()
    expect(member(page, "birth_cert")).to_have_attribute("data-status", "granted")
    for key in ("vaccination", "hukou", "parenting"):
        expect(member(page, key)).to_have_attribute("data-status", "started")
    expect(member(page, "social_card")).to_have_attribute("data-status", "waiting")
    expect(member(page, "hukou").get_by_test_id("member-materials")).to_contain_text(
        "出生医学证明：由“《出生医学证明》办理（首签）”办理结果提供"
    )
    stage = page.locator('[data-testid="bundle-notice"][data-kind="stage"]')
    expect(stage).to_have_count(1)
    expect(stage).to_contain_text("预防接种证办理")
    expect(page.get_by_test_id("progress")).to_have_text("1/5")
    hukou_case = bc.members.get(key="hukou").case
    expect(member(page, "hukou").get_by_test_id("member-case-link")).to_have_attribute(
        "href", f"/portal/cases/{hukou_case.pk}/"
    )
    page.screenshot(path=str(shots_dir / "bundle-stage.png"), full_page=True)

    # Every member granted: the completion notice, everything ready to collect at once.
    for _ in range(3):
        for row in bc.members.filter(status="started").select_related("case"):
            grant(row.case, User.objects.get(username=HANDLERS[row.key]))
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("待出件")
    expect(page.get_by_test_id("progress")).to_have_text("5/5")
    expect(page.locator('[data-testid="bundle-notice"][data-kind="completion"]')).to_contain_text(
        "已全部办结"
    )
    expect(page.get_by_test_id("ready")).to_be_visible()
    page.goto(f"{site}/portal/bundle-cases/")
    expect(page.get_by_test_id("my-bundle-case")).to_contain_text("已办结 5/5 个事项")

    # At a phone's width the guide (with its plan) and the tracking page fit.
    phone = login(mobile_page, "zhangsan")
    phone.goto(f"{site}/portal/bundles/newborn/")
    answer(phone)
    expect(phone.get_by_test_id("plan-member")).to_have_count(5)
    no_sideways_scroll(phone)
    phone.screenshot(path=str(shots_dir / "bundle-guide-mobile.png"), full_page=True)
    phone.get_by_test_id("apply-bundle").click()
    expect(phone.locator("input[type=file][name^=material-]")).to_have_count(3)
    no_sideways_scroll(phone)
    phone.goto(f"{site}/portal/bundle-cases/{bc.pk}/")
    expect(phone.get_by_test_id("bundle-case-number")).to_have_text(bc.number)
    no_sideways_scroll(phone)
    phone.screenshot(path=str(shots_dir / "bundle-case-mobile.png"), full_page=True)
