from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.catalog.models import ImportJob, ItemVersion


def test_export_then_import_as_drafts_through_the_pages(
    make_item, users, login_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    make_item()
    admin = login_client(users["admin"])
    page = admin.get("/services/exchange/")
    assert page.status_code == 200
    assert "直接发布" in page.content.decode()
    exported = admin.get("/services/exchange/export.xlsx")
    assert exported.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    assert book.sheetnames[:3] == ["事项", "申请材料", "表单字段"]
    assert book["事项"]["C2"].value == "食品经营许可" or "食品经营许可" in [
        c.value for c in book["事项"][2]
    ]
    upload = SimpleUploadedFile("清单.xlsx", exported.content)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/services/exchange/", {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "done", job.errors
    progress = admin.get(response["Location"]).content.decode()
    assert 'data-status="done"' in progress
    assert "100%" in progress
    assert ItemVersion.objects.filter(status="draft").count() == 1
    fragment = admin.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="import-progress"')


def test_bad_uploads_show_a_message_and_queue_nothing(users, login_client, county, reference):
    admin = login_client(users["admin"])
    response = admin.post(
        "/services/exchange/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert response.status_code == 422
    assert 'data-testid="import-error"' in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert admin.post("/services/exchange/", {}).status_code == 422


def test_citizens_and_clerks_cannot_exchange(users, login_client, county):
    for name in ("zhangsan", "chuangkou"):
        client = login_client(users[name])
        assert client.get("/services/exchange/").status_code == 403
        assert client.get("/services/exchange/export.xlsx").status_code == 403


def test_department_admin_uploads_a_blank_form_on_the_page(
    make_item, users, login_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    version = make_item(publish=False)
    bumen = login_client(users["bumen"])
    url = f"/services/manage/versions/{version.pk}/files/"
    assert "食品经营许可申请书" in bumen.get(url).content.decode()
    refused = bumen.post(
        url, {"position": 1, "kind": "blank_form", "file": SimpleUploadedFile("a.exe", b"MZ")}
    )
    assert refused.status_code == 422
    assert "文件类型" in refused.content.decode()
    done = bumen.post(
        url,
        {
            "position": 1,
            "kind": "blank_form",
            "file": SimpleUploadedFile("申请书.pdf", b"%PDF-1.4"),
        },
    )
    assert done.status_code == 302
    assert version.materials.get(order=1).blank_form.name.endswith(".pdf")
    assert login_client(users["zhangsan"]).get(url).status_code == 403
