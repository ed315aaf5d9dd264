"""The front of house in a real browser: an enterprise agent applies online from the guide
and follows the case (a wrong value keeps everything else); the window clerk issues a
one-time correction notice and prints it (the PDF's QR code opens the verification page);
accepts with one material tolerated (容缺); hands a decided case over with a signature on
the pad; and a town window receives an application for the county hall and forwards it
(跨域通办)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import time_machine
import zxingcpp
from playwright.sync_api import Page, expect

from onewindow.cases import proxy
from onewindow.cases import services as cases
from onewindow.cases.models import (
    Case,
    CaseMaterial,
    CaseNotice,
    CaseState,
    Commitment,
    CorrectionRequest,
    Delivery,
)
from onewindow.catalog import services as catalog
from onewindow.catalog.models import DataElement, ItemVersion, MaterialType, Theme
from onewindow.core.permissions import Role
from onewindow.identity import services as identity
from onewindow.identity.demo import CITIZENS
from onewindow.identity.models import Enterprise, User
from onewindow.org.models import Department, Hall
from tests.cases.conftest import FORM, at
from tests.catalog.conftest import content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%test\n"
ZHANGSAN_ID = CITIZENS[0][2]
QIYE_NAME, QIYE_ID = CITIZENS[1][1], CITIZENS[1][2]
# A credit code whose check character is wrong (the last one of the right code, changed).
BAD_USCC = FORM["enterprise.uscc"][:-1] + ("0" if FORM["enterprise.uscc"][-1] != "0" else "1")
TOWN_PASSWORD = "Town-Clerk-2026"


@pytest.fixture
def frozen() -> Iterator[None]:
    """Monday 2 March 2026, 09:00 (ticking): due dates do not depend on the day the suite
    runs (the working-day calendar has data up to 2026)."""
    with time_machine.travel(at(2026, 3, 2, 9), tick=True):
        yield


def dictionaries() -> None:
    """What the item's material list and form draw on (the demo catalog is not loaded)."""
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


def publish(basic_code: str, **changes: Any) -> ItemVersion:
    """A published 承诺件 of 县市场监管局 (审查 → 决定), accepted at the county hall only.

    Its list: 食品经营许可申请书 (required, supplied by the applicant), 营业执照 (an electronic
    licence, fetched by sharing) and 食品安全管理制度文本 (required, 可容缺); the item allows
    容缺受理 and takes online applications."""
    dictionaries()
    version = catalog.item_create(
        actor=None,
        department_id=User.objects.get(username="shenpi").department_id,
        basic_code=basic_code,
        content=content(**changes),
    )
    catalog.version_submit(actor=None, version_id=version.pk)
    catalog.version_approve(actor=None, version_id=version.pk)
    catalog.version_publish(actor=None, version_id=version.pk)
    county_hall = User.objects.get(username="chuangkou").hall_id
    catalog.item_set_halls(actor=None, item_id=version.item_id, halls=[(county_hall, "direct")])
    version.refresh_from_db()
    return version


@pytest.fixture
def item(site: str, frozen: None) -> ItemVersion:
    return publish("000103001000")


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "申请书.pdf"
    path.write_bytes(PDF)
    return path


def no_sideways_scroll(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate(
        "async () => { await document.fonts.ready; return document.documentElement.scrollWidth; }"
    )
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def qr_codes(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    found: list[str] = []
    for i in range(len(doc)):
        image = doc[i].render(scale=3).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    return found


def find_applicant(page: Page, site: str, code: str) -> None:
    """At the reception screen: look the person or enterprise up by ID number or code."""
    page.goto(f"{site}/window/")
    page.get_by_label("身份证号码或统一社会信用代码").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="查找申请人").click()
    expect(page.get_by_test_id("applicant")).to_be_visible()


def material_row(page: Page, name: str):
    return page.get_by_test_id("material-row").filter(has_text=name)


def fill_application(page: Page, form: dict[str, str] = FORM) -> None:
    """The form rendered from the item's schema, by label as the applicant sees it."""
    page.get_by_label("企业名称").fill(form["enterprise.name"])
    page.get_by_label("统一社会信用代码").fill(form["enterprise.uscc"])
    page.get_by_label("经营场所").fill(form["business.address"])


# ---------------------------------------------------------------------------------------------
# 1. Online application
# ---------------------------------------------------------------------------------------------
def test_enterprise_agent_applies_online_and_follows_the_case(
    page: Page,
    mobile_page: Page,
    login,
    site: str,
    item: ItemVersion,
    pdf_file: Path,
    shots_dir: Path,
):
    login(page, "qiye")
    page.goto(f"{site}/services/{item.item.implementation_code}/")
    with page.expect_navigation():
        page.get_by_test_id("apply-online").click()
    assert page.url == f"{site}/portal/apply/{item.item_id}/"
    expect(page.get_by_test_id("apply-title")).to_have_text("食品经营许可")
    page.get_by_label("以企业名义：陕西眉香猕猴桃有限公司").check()
    # The licence is shared by the department: nothing to upload for it.
    expect(
        page.get_by_test_id("material").filter(has_text="营业执照").locator("input[type=file]")
    ).to_have_count(0)

    # A wrong credit code: the reason next to the field, the rest kept in a draft.
    fill_application(page, {**FORM, "enterprise.uscc": BAD_USCC})
    required = page.get_by_test_id("material").filter(has=page.locator(".badge.text-bg-danger"))
    uploads = required.locator("input[type=file][name^=material-]")
    expect(uploads).to_have_count(2)
    for i in range(uploads.count()):
        uploads.nth(i).set_input_files(pdf_file)
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("apply-error")).to_contain_text("已保存为草稿")
    uscc = page.locator('[data-field="enterprise.uscc"]')
    expect(uscc.get_by_test_id("field-error")).to_have_count(1)
    expect(uscc.get_by_test_id("field-error")).to_contain_text("校验")
    expect(page.get_by_test_id("field-error")).to_have_count(1)
    expect(page.get_by_label("统一社会信用代码")).to_have_value(BAD_USCC)
    expect(page.get_by_label("企业名称")).to_have_value(FORM["enterprise.name"])
    expect(page.get_by_label("经营场所")).to_have_value(FORM["business.address"])
    uploaded = page.get_by_test_id("uploaded")
    expect(uploaded).to_have_count(2)
    expect(uploaded.first).to_contain_text("已上传：申请书.pdf")
    page.screenshot(path=str(shots_dir / "front-apply-refused.png"), full_page=True)
    draft = Case.objects.get()
    assert draft.state == CaseState.DRAFT
    assert draft.enterprise == Enterprise.objects.get(uscc=FORM["enterprise.uscc"])
    assert draft.form_data["enterprise.name"] == FORM["enterprise.name"]
    assert "enterprise.uscc" not in draft.form_data
    assert draft.materials.filter(status=CaseMaterial.Status.RECEIVED).count() == 2

    # Corrected and sent again: the same draft is submitted (the files are already there).
    page.get_by_label("统一社会信用代码").fill(FORM["enterprise.uscc"])
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    case = Case.objects.get()
    assert case.pk == draft.pk
    assert case.state == CaseState.SUBMITTED
    assert case.channel == "pc"
    assert case.number
    assert case.form_data["enterprise.uscc"] == FORM["enterprise.uscc"]
    assert case.materials.filter(status=CaseMaterial.Status.RECEIVED).count() == 2
    assert page.url == f"{site}/portal/cases/{case.pk}/"
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    expect(page.get_by_test_id("flash")).to_contain_text(f"申请已提交，办件编号 {case.number}")
    expect(page.get_by_test_id("flash")).to_contain_text("收件日期 2026年03月02日")
    page.screenshot(path=str(shots_dir / "front-apply-submitted.png"), full_page=True)

    # 我的办件 lists it.
    page.goto(f"{site}/portal/cases/")
    row = page.get_by_test_id("my-case").filter(has_text=case.number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("食品经营许可")
    expect(row).to_contain_text("已提交")
    with page.expect_navigation():
        row.click()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)

    # The case goes on to its result: the page shows the decision and its notice.
    cases.accept(actor=User.objects.get(username="chuangkou"), case_id=case.pk)
    approver = User.objects.get(username="shenpi")
    cases.start_review(actor=approver, case_id=case.pk)
    cases.pass_step(actor=approver, case_id=case.pk, opinion="符合条件")
    cases.approve(actor=approver, case_id=case.pk, opinion="准予许可")
    page.reload()
    expect(page.get_by_test_id("state")).to_have_text("准予")
    expect(page.get_by_test_id("notices")).to_contain_text("准予许可决定书")
    expect(page.get_by_test_id("notices")).to_contain_text("受理通知书")

    # At a phone's width: 我的办件, the case page (the 39-character case number wraps) and
    # the form fit.
    phone = login(mobile_page, "qiye")
    phone.goto(f"{site}/portal/cases/")
    expect(phone.get_by_test_id("my-case").filter(has_text=case.number)).to_be_visible()
    no_sideways_scroll(phone)
    phone.screenshot(path=str(shots_dir / "front-my-cases-mobile.png"), full_page=True)
    phone.goto(f"{site}/portal/cases/{case.pk}/")
    expect(phone.get_by_test_id("case-number")).to_have_text(case.number)
    no_sideways_scroll(phone)
    phone.screenshot(path=str(shots_dir / "front-case-mobile.png"), full_page=True)
    phone.goto(f"{site}/portal/apply/{item.item_id}/")
    expect(phone.locator("input[type=file][name^=material-]")).to_have_count(2)
    no_sideways_scroll(phone)


# ---------------------------------------------------------------------------------------------
# 2. One-time correction notice, printed and verified
# ---------------------------------------------------------------------------------------------
def test_window_issues_a_correction_notice_and_prints_it(
    page: Page, login, site: str, item: ItemVersion, shots_dir: Path
):
    login(page, "chuangkou")
    find_applicant(page, site, ZHANGSAN_ID)
    expect(page.get_by_test_id("applicant")).to_contain_text("张三")
    row = page.get_by_test_id("items").locator("form").filter(has_text="食品经营许可")
    with page.expect_navigation():
        row.get_by_test_id("start").click()
    case = Case.objects.get()
    assert page.url == f"{site}/window/intake/{case.pk}/"
    assert case.channel == "window"
    assert case.applicant == User.objects.get(username="zhangsan")

    fill_application(page)
    material_row(page, "食品经营许可申请书").get_by_label("已收纸质件").check()
    defective = material_row(page, "食品安全管理制度文本")
    defective.get_by_label("需补正").check()
    defective.get_by_label("食品安全管理制度文本的问题").fill("未加盖企业公章")
    with page.expect_navigation():
        page.get_by_test_id("correct").click()
    assert page.url == f"{site}/window/issued/{case.pk}/"
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    request = CorrectionRequest.objects.get(case=case)
    assert request.items == [{"material": "食品安全管理制度文本", "problem": "未加盖企业公章"}]
    notice = CaseNotice.objects.get(case=case)
    assert notice.title == "补正材料一次性告知书"
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    issued = page.get_by_test_id("issued")
    expect(issued).to_contain_text("《补正材料一次性告知书》")
    expect(issued).to_contain_text(notice.number)
    page.screenshot(path=str(shots_dir / "front-correction-issued.png"), full_page=True)

    # 打印 opens the PDF in a new tab.
    print_link = page.get_by_test_id("print")
    expect(print_link).to_have_count(1)
    href = print_link.get_attribute("href")
    assert href == f"/cases/{case.pk}/notices/{notice.pk}/pdf"
    with page.context.expect_page() as opened:
        print_link.click()
    tab = opened.value
    tab.wait_for_url(f"{site}{href}")
    tab.close()

    response = page.request.get(f"{site}{href}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    data = response.body()
    assert data.startswith(b"%PDF-")
    assert "补正材料一次性告知书" in pdf_text(data)
    assert "未加盖企业公章" in pdf_text(data)
    verify_url = f"{site}/verify/{notice.verify_code}/"
    assert qr_codes(data) == [verify_url]

    # The QR code's link, opened: the public page confirms the notice.
    page.goto(verify_url)
    expect(page.get_by_test_id("verify-ok")).to_be_visible()
    expect(page.get_by_test_id("verify-number")).to_have_text(notice.number)
    expect(page.get_by_test_id("verify-table")).to_contain_text(case.number)
    expect(page.get_by_test_id("verify-table")).to_contain_text("张*")


# ---------------------------------------------------------------------------------------------
# 3. 容缺受理 at the window
# ---------------------------------------------------------------------------------------------
def test_window_accepts_with_one_material_tolerated(
    page: Page, login, site: str, item: ItemVersion, shots_dir: Path
):
    enterprise = Enterprise.objects.get(uscc=FORM["enterprise.uscc"])
    login(page, "chuangkou")
    find_applicant(page, site, enterprise.uscc)
    expect(page.get_by_test_id("applicant")).to_contain_text(enterprise.name)
    row = page.get_by_test_id("items").locator("form").filter(has_text="食品经营许可")
    expect(row).to_contain_text("可容缺")
    with page.expect_navigation():
        row.get_by_test_id("start").click()
    case = Case.objects.get()
    assert case.enterprise == enterprise

    fill_application(page)
    material_row(page, "食品经营许可申请书").get_by_label("已收纸质件").check()
    # Only the tolerable material offers 容缺.
    expect(material_row(page, "食品经营许可申请书").get_by_label("容缺")).to_have_count(0)
    material_row(page, "食品安全管理制度文本").get_by_label("容缺").check()
    page.get_by_label("承诺人").fill(QIYE_NAME)
    with page.expect_navigation():
        page.get_by_test_id("accept").click()
    assert page.url == f"{site}/window/issued/{case.pk}/"
    issued = page.get_by_test_id("issued")
    expect(issued).to_contain_text("《受理通知书》")
    expect(issued).to_contain_text("《容缺受理通知书》")
    expect(page.get_by_test_id("print")).to_have_count(2)
    page.screenshot(path=str(shots_dir / "front-tolerated-issued.png"), full_page=True)

    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.accepted_on == dt.date(2026, 3, 2)
    assert sorted(case.notices.values_list("title", flat=True)) == ["受理通知书", "容缺受理通知书"]
    pledge = Commitment.objects.get(case=case)
    assert pledge.kind == Commitment.Kind.TOLERANCE
    assert pledge.signer_name == QIYE_NAME
    assert pledge.via == Commitment.Via.PAPER
    tolerated = case.materials.get(status=CaseMaterial.Status.TOLERATED)
    assert tolerated.name == "食品安全管理制度文本"
    assert tolerated.due_on is not None
    assert dt.date(2026, 3, 2) < tolerated.due_on <= case.promised_due
    paper = case.materials.get(name="食品经营许可申请书")
    assert paper.status == CaseMaterial.Status.RECEIVED
    assert paper.paper_received


# ---------------------------------------------------------------------------------------------
# 4. Unified delivery with a signature
# ---------------------------------------------------------------------------------------------
def decided_case(version: ItemVersion) -> Case:
    """Applied online by the enterprise's agent, accepted at the window, approved."""
    clerk = User.objects.get(username="chuangkou")
    approver = User.objects.get(username="shenpi")
    case = cases.apply(
        actor=User.objects.get(username="qiye"),
        item_id=version.item_id,
        channel="pc",
        enterprise_id=Enterprise.objects.get(uscc=FORM["enterprise.uscc"]).pk,
        form_data=FORM,
    )
    cases.accept(actor=clerk, case_id=case.pk)
    cases.start_review(actor=approver, case_id=case.pk)
    cases.pass_step(actor=approver, case_id=case.pk, opinion="材料齐全，符合条件")
    return cases.approve(actor=approver, case_id=case.pk, opinion="准予许可")


def sign(page: Page) -> None:
    """Draw a stroke on the signature pad with the mouse."""
    pad = page.get_by_test_id("signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + w * 0.15, y + h * 0.6)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + w * (0.15 + 0.06 * i), y + h * (0.6 - 0.3 * (i % 2)), steps=3)
    page.mouse.up()


def test_window_hands_over_the_result_with_a_signature(
    page: Page, login, site: str, item: ItemVersion, shots_dir: Path
):
    case = decided_case(item)
    assert case.state == CaseState.APPROVED
    login(page, "chuangkou")
    page.goto(f"{site}/window/delivery/")
    row = page.get_by_test_id("to-deliver").filter(has_text=case.number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("准予")
    with page.expect_navigation():
        row.click()
    assert page.url == f"{site}/window/delivery/{case.pk}/"
    expect(page.get_by_label("窗口领取")).to_be_checked()
    page.get_by_label("领取人姓名").fill(QIYE_NAME)
    page.get_by_label("领取人身份证号码").fill(QIYE_ID)
    sign(page)
    page.screenshot(path=str(shots_dir / "front-deliver-signed.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_test_id("deliver").click()
    assert page.url == f"{site}/window/delivery/"
    expect(page.get_by_test_id("flash")).to_contain_text(f"办件 {case.number} 已出件")
    expect(page.get_by_test_id("to-deliver")).to_have_count(0)

    case.refresh_from_db()
    assert case.state == CaseState.DELIVERED
    delivery = Delivery.objects.get(case=case)
    assert delivery.method == Delivery.Method.WINDOW
    assert delivery.collector_name == QIYE_NAME
    assert delivery.collector_is_applicant
    assert delivery.id_checked
    assert delivery.collector_id_masked != QIYE_ID
    assert delivery.clerk == User.objects.get(username="chuangkou")
    assert delivery.signature
    with delivery.signature.open("rb") as f:
        png = f.read()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert 0 < len(png) <= 512 * 1024


# ---------------------------------------------------------------------------------------------
# 5. 跨域通办: received in town, forwarded to the county hall
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def cross_item(site: str, frozen: None) -> ItemVersion:
    """A 跨县 item handled at the county hall only."""
    return publish("000103007000", name="跨域通办事项", cross_region_scope="跨县")


@pytest.fixture
def town_clerk(site: str) -> User:
    """A window clerk at the 横渠镇 便民服务中心."""
    return identity.staff_create(
        actor=None,
        username="hengqu",
        name="横渠窗口",
        password=TOWN_PASSWORD,
        department_id=Department.objects.get(short_name="横渠镇").pk,
        hall_id=Hall.objects.get(name="横渠镇便民服务中心").pk,
        roles=[Role.WINDOW_CLERK],
    )


def test_town_window_receives_and_forwards_to_the_county_hall(
    page: Page, login, site: str, cross_item: ItemVersion, town_clerk: User, shots_dir: Path
):
    login(page, town_clerk.username, TOWN_PASSWORD)
    find_applicant(page, site, ZHANGSAN_ID)
    # The town hall does not handle it: it is offered for 代收 only.
    expect(page.get_by_test_id("items").locator("form")).to_have_count(0)
    row = page.get_by_test_id("proxy-items").locator("form").filter(has_text="跨域通办事项")
    expect(row).to_contain_text("跨县")
    with page.expect_navigation():
        row.get_by_test_id("start-proxy").click()
    case = Case.objects.get()
    assert page.url == f"{site}/window/intake/{case.pk}/"
    assert case.channel == "proxy"
    assert case.receiving_hall.name == "横渠镇便民服务中心"
    assert case.hall.name == "眉县政务服务中心"
    forward = page.get_by_test_id("forward")
    expect(forward).to_contain_text("由 眉县政务服务中心 办理")
    expect(page.get_by_test_id("accept")).to_have_count(0)

    fill_application(page)
    material_row(page, "食品经营许可申请书").get_by_label("已收纸质件").check()
    material_row(page, "食品安全管理制度文本").get_by_label("已收纸质件").check()
    forward.get_by_label("快递单号").fill("1150000000001")
    with page.expect_navigation():
        page.get_by_test_id("forward-submit").click()
    assert page.url == f"{site}/window/issued/{case.pk}/"

    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert case.number
    transfer = case.transfer
    assert transfer.tracking_number == "1150000000001"
    assert transfer.courier == "中国邮政 EMS"
    assert transfer.return_method == "window"
    assert transfer.forwarded_at is not None
    assert proxy.stage(transfer) == "材料寄送中"
    assert case.materials.filter(paper_received=True).count() == 2

    page.goto(f"{site}/window/proxy/")
    row = page.get_by_test_id("transfer").filter(has_text=case.number)
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("stage")).to_have_text("材料寄送中")
    expect(row).to_contain_text("代收地 横渠镇便民服务中心 → 办理地 眉县政务服务中心")
    expect(row).to_contain_text("1150000000001")
    page.screenshot(path=str(shots_dir / "front-proxy-forwarded.png"), full_page=True)
