"""Excel exchange of the catalog: export the published catalog, upload a workbook to import,
follow the import job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from onewindow.core.errors import ApiRequest, InvalidInput

from . import excel

router = Router(tags=["事项清单"])


class ImportErrorOut(Schema):
    sheet: str
    row: int
    column: str
    message: str


class ImportJobOut(Schema):
    id: int
    status: str
    status_label: str
    publish: bool
    total_rows: int
    processed_rows: int
    summary: str
    errors: list[ImportErrorOut]
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


_XLSX_RESPONSE = {
    "responses": {
        "200": {
            "description": "事项清单 Excel 文件（工作表：事项、申请材料、表单字段）",
            "content": {
                excel.XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}
            },
        }
    }
}


def export_response() -> HttpResponse:
    """The published catalog as an .xlsx download (the API operation and the page both)."""
    data = excel.export_workbook(excel.exportable_versions())
    filename = f"政务服务事项清单-{timezone.localdate().isoformat()}.xlsx"
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    )
    return response


@router.get(
    "/export.xlsx",
    operation_id="catalog_export_xlsx",
    summary="导出事项清单（Excel）",
    openapi_extra=_XLSX_RESPONSE,
)
def export_xlsx(request: ApiRequest) -> HttpResponse:
    """全部已发布事项的实施清单、申请材料与表单字段，列名采用 GB/T 39046 要素名称；
    导出的文件修改后可直接导入。"""
    return export_response()


@router.post(
    "/imports",
    response={202: ImportJobOut},
    operation_id="catalog_import_create",
    summary="导入事项清单（Excel）",
)
def import_create(request: ApiRequest, file: File[UploadedFile], publish: Form[bool] = False):
    """上传导出格式的 .xlsx 文件，后台逐行校验：任何一行有误则全部不导入，并列出每处错误
    （工作表、行号、列名、如何修改）。`publish=true` 时导入后直接发布（仅限县行政审批服务局
    大厅管理员或系统管理员），否则生成草稿。"""
    if file.size is not None and file.size > excel.MAX_FILE_BYTES:
        raise InvalidInput(
            f"文件超过 {excel.MAX_FILE_BYTES // (1024 * 1024)} MB，请拆分后分批导入", field="file"
        )
    job = excel.import_job_create(
        actor=request.auth, data=file.read(), filename=file.name or "", publish=publish
    )
    return Status(202, job)


@router.get(
    "/imports/{job_id}",
    response=ImportJobOut,
    operation_id="catalog_import_get",
    summary="导入进度与结果",
)
def import_get(request: ApiRequest, job_id: int):
    """导入任务的状态、已处理行数／总行数，未通过校验时列出每行的错误。"""
    return excel.import_job_get(actor=request.auth, job_id=job_id)
