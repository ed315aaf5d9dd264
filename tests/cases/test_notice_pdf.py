"""Notices as PDF: Chinese text embedded in a CJK font, the letterhead and number, and a QR
code that resolves to the public verification page (checked by rendering the PDF to an
image and decoding the code), plus who may download them and what the public page shows."""

from __future__ import annotations

import io
from urllib.parse import urlparse

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.test import Client, override_settings

from onewindow.cases import notice_pdf, services
from onewindow.cases.models import VERIFY_ALPHABET, CaseNotice, new_verify_code
from onewindow.core import pdf as core_pdf
from onewindow.core.errors import Unavailable
from tests.system_deps import require

from .conftest import FORM, at


def _font_present() -> bool:
    core_pdf.cjk_font.cache_clear()
    try:
        core_pdf.cjk_font()
    except Unavailable:
        return False
    return True


@pytest.fixture
def font():
    require(_font_present(), "no CJK font: apt-get install fonts-noto-cjk")
    yield
    core_pdf.cjk_font.cache_clear()


@pytest.fixture
def full_case(published, users, enterprise, travel, expert_review):
    """A 承诺件 taken through correction, acceptance, a special procedure, an extension and
    approval: six of the notice kinds on one case."""
    agent, clerk, approver, head = (users[u] for u in ("qiye", "chuangkou", "shenpi", "bumen"))
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=agent,
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        case = services.request_correction(
            actor=clerk,
            case_id=case.pk,
            items=[{"material": "食品经营许可申请书", "problem": "未签字盖章"}],
        )
        case = services.resubmit(actor=agent, case_id=case.pk)
        case = services.accept(actor=clerk, case_id=case.pk)
        case = services.start_review(actor=approver, case_id=case.pk)
        case = services.start_special(
            actor=approver,
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="需组织专家评审工艺布局",
            expected_days=3,
        )
        case = services.end_special(actor=approver, case_id=case.pk, opinion="评审通过")
        case = services.extend(actor=head, case_id=case.pk, days=5, reason="需补充核查供货商资质")
        case = services.pass_step(actor=approver, case_id=case.pk, opinion="符合要求")
        case = services.approve(actor=approver, case_id=case.pk, opinion="准予许可")
    return case


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def qr_codes(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    found = []
    for i in range(len(doc)):
        image = doc[i].render(scale=3).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    return found


def test_every_notice_renders_chinese_and_its_qr_code_opens_the_verification_page(
    font, full_case, users, client
):
    notices = list(full_case.notices.order_by("id"))
    assert {n.kind for n in notices} == {
        "correction",
        "acceptance",
        "special",
        "extension",
        "grant",
    }
    agent = Client()
    agent.force_login(users["qiye"])
    for n in notices:
        r = agent.get(f"/api/v1/cases/{full_case.pk}/notices/{n.pk}/pdf")
        assert r.status_code == 200, r.content[:200]
        assert r["Content-Type"] == "application/pdf"
        assert r["Content-Disposition"].startswith("inline;")
        data = r.content
        assert data.startswith(b"%PDF-")
        # The text layer holds the Chinese as issued (a font without the glyphs, or without
        # a ToUnicode map, would not give it back).
        text = pdf_text(data).replace("\r", "")
        for fragment in (n.title, n.number, full_case.number, "县市场监督管理局", "核验码"):
            assert fragment in text, (n.kind, fragment, text[:300])
        first_line = n.body.splitlines()[1][:12]
        assert first_line in text.replace("\n", "")
        # The QR code, read off the rendered page, is the verification link.
        codes = qr_codes(data)
        assert codes == [f"http://testserver/verify/{n.verify_code}/"], codes
        page = client.get(urlparse(codes[0]).path)
        assert page.status_code == 200
        body = page.content.decode()
        assert n.number in body
        assert n.title in body
        assert notice_pdf.fingerprint(n) in body


def test_refusal_denial_and_termination_notices_render(font, published, users, travel):
    clerk, approver = users["chuangkou"], users["shenpi"]
    kinds = {}
    with travel(at(2026, 3, 2, 10)):
        a = services.apply(
            actor=users["zhangsan"], item_id=published.item_id, channel="pc", form_data=FORM
        )
        a = services.refuse(
            actor=clerk,
            case_id=a.pk,
            reason="不属于本机关职权范围",
            legal_basis="《行政许可法》第三十二条",
        )
        kinds["refusal"] = a.notices.get(kind="refusal")
        b = services.apply(
            actor=users["zhangsan"], item_id=published.item_id, channel="pc", form_data=FORM
        )
        b = services.accept(actor=clerk, case_id=b.pk)
        b = services.start_review(actor=approver, case_id=b.pk)
        b = services.pass_step(actor=approver, case_id=b.pk, opinion="不符合条件")
        b = services.deny(actor=approver, case_id=b.pk, opinion="不予许可", reason="选址不符合规划")
        kinds["denial"] = b.notices.get(kind="denial")
    for kind, n in kinds.items():
        data = notice_pdf.render(n, base_url="https://zwfw.example.gov.cn/")
        text = pdf_text(data)
        assert n.title in text, kind
        assert n.number in text, kind
        assert qr_codes(data) == [f"https://zwfw.example.gov.cn/verify/{n.verify_code}/"]


@override_settings(PUBLIC_URL="https://zwfw.meixian.gov.cn")
def test_the_public_address_setting_goes_into_the_qr_code(font, full_case):
    n = full_case.notices.get(kind="acceptance")
    data = notice_pdf.render(n, base_url="http://10.0.0.5:8000/")
    assert qr_codes(data) == [f"https://zwfw.meixian.gov.cn/verify/{n.verify_code}/"]


def test_who_may_download_a_notice(font, full_case, users, login_client):
    n = full_case.notices.get(kind="acceptance")
    url = f"/api/v1/cases/{full_case.pk}/notices/{n.pk}/pdf"
    assert Client().get(url).status_code == 401
    stranger = login_client(users["zhangsan"])
    r = stranger.get(url)
    assert r.status_code == 404
    assert r.json()["message"] == "文书不存在或您无权查看"
    # A notice id of another case does not leak through this case's path.
    other = CaseNotice.objects.exclude(case=full_case).first()
    if other is not None:
        assert (
            login_client(users["qiye"])
            .get(f"/api/v1/cases/{full_case.pk}/notices/{other.pk}/pdf")
            .status_code
            == 404
        )
    clerk = login_client(users["chuangkou"])
    r = clerk.get(url + "?download=true")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in r["Content-Disposition"]
    # The workbench page: a print button per notice, the PDF inline.
    page = clerk.get(f"/cases/{full_case.pk}/").content.decode()
    assert f"/cases/{full_case.pk}/notices/{n.pk}/pdf" in page
    r = clerk.get(f"/cases/{full_case.pk}/notices/{n.pk}/pdf")
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF-")
    assert (
        login_client(users["zhangsan"]).get(f"/cases/{full_case.pk}/notices/{n.pk}/pdf").status_code
        == 404
    )


def test_the_verification_api_shows_non_sensitive_fields_only(full_case, users, travel):
    n = full_case.notices.get(kind="grant")
    r = Client().get(f"/api/v1/verify/{n.verify_code.lower()}")
    assert r.status_code == 200
    body = r.json()
    assert body["valid"] is True
    assert body["number"] == n.number
    assert body["case_number"] == full_case.number
    assert body["issued_by"] == "眉县市场监督管理局"
    assert body["applicant"] == full_case.applicant_name  # an enterprise: its name is public
    assert set(body) == {
        "valid",
        "title",
        "number",
        "issued_by",
        "issued_on",
        "case_number",
        "item_name",
        "applicant",
        "fingerprint",
    }
    r = Client().get("/api/v1/verify/AAAAAAAAAAAA")
    assert r.status_code == 404
    assert "没有查到这份文书" in r.json()["message"]


def test_a_person_applicant_is_shown_by_surname_only(published, users, travel):
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=users["zhangsan"], item_id=published.item_id, channel="pc", form_data=FORM
        )
        case = services.accept(actor=users["chuangkou"], case_id=case.pk)
    n = case.notices.get(kind="acceptance")
    assert case.applicant_name == "张三"
    body = Client().get(f"/api/v1/verify/{n.verify_code}").json()
    assert body["applicant"] == "张*"
    page = Client().get(f"/verify/?code={n.verify_code}").content.decode()
    assert "张*" in page
    assert "张三" not in page


def test_the_verification_page_explains_an_unknown_code(db):
    r = Client().get("/verify/ZZZZZZZZZZZZ/")
    assert r.status_code == 404
    assert "没有查到这份文书" in r.content.decode()
    r = Client().get("/verify/")
    assert r.status_code == 200
    assert "核验码" in r.content.decode()


def test_the_fingerprint_changes_when_the_text_is_altered(full_case):
    n = full_case.notices.get(kind="acceptance")
    before = notice_pdf.fingerprint(n)
    n.body = n.body.replace("予以受理", "不予受理")
    assert notice_pdf.fingerprint(n) != before
    assert len(before) == 16


def test_codes_are_random_and_unambiguous():
    codes = {new_verify_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 12 and set(c) <= set(VERIFY_ALPHABET) for c in codes)
    assert not set("01OIL") & set(VERIFY_ALPHABET)


def test_a_missing_font_is_a_clear_503_not_a_crash(full_case, users, login_client, monkeypatch):
    n = full_case.notices.get(kind="acceptance")
    monkeypatch.setattr(core_pdf, "CANDIDATES", (("/nonexistent/font.ttc", None),))
    core_pdf.cjk_font.cache_clear()
    try:
        with override_settings(CJK_FONT=""):
            r = login_client(users["qiye"]).get(f"/api/v1/cases/{full_case.pk}/notices/{n.pk}/pdf")
            assert r.status_code == 503
            assert "fonts-noto-cjk" in r.json()["message"]
            page = login_client(users["qiye"]).get(f"/cases/{full_case.pk}/notices/{n.pk}/pdf")
            assert page.status_code == 503
            assert "fonts-noto-cjk" in page.content.decode()
        core_pdf.cjk_font.cache_clear()
        with override_settings(CJK_FONT="/nonexistent/custom.ttf"):
            r = login_client(users["qiye"]).get(f"/api/v1/cases/{full_case.pk}/notices/{n.pk}/pdf")
            assert r.status_code == 503
            assert "ONEWINDOW_CJK_FONT" in r.json()["message"]
    finally:
        core_pdf.cjk_font.cache_clear()


def test_a_qr_png_decodes_to_what_was_encoded():
    from PIL import Image

    image = Image.open(io.BytesIO(core_pdf.qr_png("https://example.org/verify/ABC/").read()))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == ["https://example.org/verify/ABC/"]


def test_every_kind_of_notice_renders_with_its_qr_code(font, full_case, users):
    """All the kinds the platform issues, 容缺受理通知书 and 告知承诺书 included."""
    from onewindow.cases import notices

    context = {
        "items": "1. 食品安全管理制度文本（纸质或电子），2026年03月09日前补齐",
        "letter": "本人承诺符合条件。",
        "signer": "李秀梅",
        "reason": "测试理由",
        "legal_basis": "《行政许可法》",
        "kind": "专家评审",
        "expected_days": 3,
        "days": 5,
        "opinion": "",
        "result": "食品经营许可证",
        "auto": False,
        "correction_days": 5,
        "note": "",
    }
    for kind, spec in notices.KINDS.items():
        notice = notices.issue(full_case, kind, actor=users["shenpi"], context=context)
        data = notice_pdf.render(notice, base_url="http://testserver/")
        text = pdf_text(data)
        assert spec.title in text, kind
        assert notice.number in text, kind
        assert qr_codes(data) == [f"http://testserver/verify/{notice.verify_code}/"], kind
