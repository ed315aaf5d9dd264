"""A case notice (文书) as a printable PDF: the issuing body's red letterhead, the title and
document number, the text as issued, the case facts, the body and date at the foot, and a QR
code linking to the public verification page (`/verify/<code>/`).

The PDF is built from the stored notice every time it is asked for, so a reprint is
identical in content to the first print and nothing about it is stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from fpdf.enums import XPos, YPos

from onewindow.core import sm
from onewindow.core.pdf import GREY, RED, Document, qr_png

from .models import ApplicantKind, CaseNotice

QR_SIZE = 30  # mm: scans reliably from paper at arm's length


def verify_path(notice: CaseNotice) -> str:
    return f"/verify/{notice.verify_code}/"


def verify_url(notice: CaseNotice, *, base: str) -> str:
    """The link printed in the QR code. `base` is the platform's public address
    (`ONEWINDOW_PUBLIC_URL`, else the address the request came in on)."""
    return (settings.PUBLIC_URL or base.rstrip("/")) + verify_path(notice)


def fingerprint(notice: CaseNotice) -> str:
    """First 16 hex digits of SM3 over the number and text: printed on the notice and
    shown on the verification page, so a reader can tell an altered printout."""
    return sm.sm3_hex(f"{notice.number}\n{notice.body}".encode())[:16].upper()


def masked_applicant(notice: CaseNotice) -> str:
    """The applicant as the public verification page shows them: an enterprise by name, a
    person by the first character of their name only."""
    case = notice.case
    name = case.applicant_name or ""
    if case.applicant_kind == ApplicantKind.ENTERPRISE:
        return name
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def _date(value: object) -> str:
    when = timezone.localtime(value)  # type: ignore[arg-type]
    return f"{when.year}年{when.month}月{when.day}日"


def render(notice: CaseNotice, *, base_url: str) -> bytes:
    case = notice.case
    department = case.department
    code = notice.verify_code
    doc = Document(
        title=f"{notice.title} {notice.number}",
        footer=f"{settings.PLATFORM_NAME} · 核验码 {code}",
    )
    doc.add_page()
    width = doc.w - doc.l_margin - doc.r_margin

    # Letterhead: the issuing body in red, a red rule.
    doc.set_text_color(*RED)
    doc.set_font("cjk", "B", 22)
    doc.cell(0, 14, department.name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y = doc.get_y() + 2
    doc.set_draw_color(*RED)
    doc.set_line_width(0.7)
    doc.line(doc.l_margin, y, doc.l_margin + width, y)
    doc.set_text_color(0, 0, 0)
    doc.set_y(y + 6)

    # Title and number.
    doc.set_font("cjk", "B", 18)
    doc.cell(0, 12, notice.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font("cjk", size=12)
    doc.cell(0, 8, notice.number, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.line_break(4)

    # The text as issued: the salutation flush left, each paragraph after it indented.
    lines = [ln.strip() for ln in notice.body.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        doc.paragraph(line if i == 0 else "\u3000\u3000" + line, size=13, height=8.5)
    doc.line_break(4)

    # The case facts, as a small table.
    facts = [
        ("办件编号", case.number or ""),
        ("申请事项", case.item_name),
        ("申请人", case.applicant_name),
        ("出具日期", _date(notice.issued_at)),
    ]
    doc.set_font("cjk", size=10.5)
    doc.set_draw_color(170, 170, 170)
    doc.set_line_width(0.2)
    label_w = 28
    for label, value in facts:
        doc.set_fill_color(245, 245, 245)
        doc.cell(label_w, 8, label, border=1, fill=True, align="C")
        doc.multi_cell(width - label_w, 8, value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.line_break(10)

    # The issuing body and date at the foot, right-aligned.
    doc.set_font("cjk", size=13)
    doc.cell(0, 8, department.name, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.cell(0, 8, _date(notice.issued_at), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Verification: the QR code and how to check by hand; kept together on one page.
    if doc.get_y() + QR_SIZE + 12 > doc.h - doc.b_margin:
        doc.add_page()
    top = max(doc.get_y() + 8, doc.h - doc.b_margin - QR_SIZE - 4)
    url = verify_url(notice, base=base_url)
    doc.image(qr_png(url), x=doc.l_margin, y=top, w=QR_SIZE, h=QR_SIZE)
    doc.set_xy(doc.l_margin + QR_SIZE + 4, top + 2)
    doc.set_font("cjk", size=9)
    doc.set_text_color(*GREY)
    doc.multi_cell(
        width - QR_SIZE - 4,
        5,
        f"扫描二维码核验本文书真伪，或访问 {url}\n"
        f"核验码：{code}    文书指纹（SM3）：{fingerprint(notice)}\n"
        f"联系电话：{department.phone or '—'}    监督电话：{department.supervision_phone or '—'}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    doc.set_text_color(0, 0, 0)
    return doc.bytes()
