"""HTTP responses for notices, shared by the pages and the API: the PDF, and what the
public verification page shows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from . import notice_pdf
from .models import CaseNotice


def notice_response(request: HttpRequest, notice: CaseNotice, *, download: bool) -> HttpResponse:
    pdf = notice_pdf.render(notice, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{notice.title}-{notice.number}.pdf"
    response["Content-Disposition"] = content_disposition_header(download, filename) or ""
    response["Cache-Control"] = "private, no-store"
    return response


def verification(notice: CaseNotice) -> dict[str, Any]:
    case = notice.case
    return {
        "valid": True,
        "title": notice.title,
        "number": notice.number,
        "issued_by": case.department.name,
        "issued_on": timezone.localtime(notice.issued_at).date(),
        "case_number": case.number or "",
        "item_name": case.item_name,
        "applicant": notice_pdf.masked_applicant(notice),
        "fingerprint": notice_pdf.fingerprint(notice),
    }
