"""Portal API: what a PC, mobile or kiosk client needs beyond the case API — the material
checklist of a case, submission that checks it, and answering a correction request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile as DjangoUploadedFile
from django.http import HttpRequest
from ninja import Router, Schema

from onewindow.cases.api import CaseDetailOut, _detail
from onewindow.core.errors import ApiRequest

from . import selectors, services

router = Router(tags=["网上办事"])


class FileOut(Schema):
    id: int
    original_name: str
    size: int
    sm3: str
    uploaded_at: dt.datetime


class ChecklistLineOut(Schema):
    material_id: int
    name: str
    required: bool
    online: bool
    source: str
    files: list[FileOut]
    missing: bool


class ChecklistOut(Schema):
    case_id: int
    state: str
    complete: bool
    lines: list[ChecklistLineOut]


class CorrectionItemOut(Schema):
    index: int
    material: str
    problem: str
    needs_file: bool
    answered: list[FileOut]


class CorrectionOut(Schema):
    issued_at: dt.datetime
    note: str
    items: list[CorrectionItemOut]


def _file(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "original_name": row.original_name,
        "size": row.size,
        "sm3": row.sm3,
        "uploaded_at": row.uploaded_at,
    }


@router.get(
    "/cases/{case_id}/checklist",
    response=ChecklistOut,
    operation_id="portal_checklist",
    summary="材料清单核对",
)
def checklist(request: ApiRequest, case_id: int):
    """本人办件的材料清单：每项材料是否必要、是否需要网上上传、已上传的文件、是否还缺。"""
    case = selectors.own_case(request.user, case_id)
    lines = selectors.checklist(case)
    return {
        "case_id": case.pk,
        "state": case.state,
        "complete": not any(line.missing for line in lines),
        "lines": [
            {
                "material_id": line.material.pk,
                "name": line.material.name,
                "required": line.material.required,
                "online": line.online,
                "source": line.material.source,
                "files": [_file(f) for f in line.files],
                "missing": line.missing,
            }
            for line in lines
        ],
    }


@router.post(
    "/cases/{case_id}/submit",
    response=CaseDetailOut,
    operation_id="portal_submit",
    summary="提交网上申请",
)
def submit(request: ApiRequest, case_id: int):
    """提交草稿：必要材料未上传时返回 422 并逐项列出（details.errors 以 material-<ID> 为键），
    申请表不完整时按字段列出。"""
    case = services.application_submit(actor=request.user, case_id=case_id)
    return _detail(request, case)


@router.get(
    "/cases/{case_id}/correction",
    response=CorrectionOut,
    operation_id="portal_correction",
    summary="待补正内容",
)
def correction(request: ApiRequest, case_id: int):
    """本人办件当前待补正的内容（一次性告知的每一项）及已上传的补正材料；没有时返回 404。"""
    case = selectors.own_case(request.user, case_id)
    req = selectors.open_correction(case)
    if req is None:
        from onewindow.core.errors import NotFound

        raise NotFound(f"办件当前状态为“{case.get_state_display()}”，没有待补正的内容")
    return {
        "issued_at": req.issued_at,
        "note": req.note,
        "items": [
            {
                "index": it.index,
                "material": it.name,
                "problem": it.problem,
                "needs_file": it.needs_file,
                "answered": [_file(f) for f in it.answered],
            }
            for it in selectors.correction_items(case, req)
        ],
    }


@router.post(
    "/cases/{case_id}/correction",
    response=CaseDetailOut,
    operation_id="portal_correction_answer",
    summary="提交补正",
)
def correction_answer(request: ApiRequest, case_id: int):
    """multipart/form-data：字段 item-<序号> 为对应补正项的文件（序号即告知书上的编号）。
    全部需要文件的补正项都有文件后重新提交并返回办件；否则返回 422，已上传的文件保留。"""
    files: dict[int, DjangoUploadedFile] = {}
    http: HttpRequest = request  # type: ignore[assignment]
    for name, upload in http.FILES.items():
        if name.startswith("item-") and name[5:].isdigit():
            files[int(name[5:])] = upload  # type: ignore[assignment]
    saved = services.correction_answer(actor=request.user, case_id=case_id, files=files)
    if saved.errors:
        from onewindow.core.errors import InvalidInput

        raise InvalidInput(
            "补正还没有完成：" + "；".join(saved.errors.values()),
            field="files",
            errors=saved.errors,
        )
    return _detail(request, saved.case)
