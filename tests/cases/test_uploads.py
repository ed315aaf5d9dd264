"""Materials attached to a case (issue 4 item 6): type by content, size limit, SM3 checksum,
and nothing written — neither a row nor a file — when a file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases import services
from onewindow.cases.models import CaseMaterial
from onewindow.catalog.models import Material
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.core.sm import sm3_hex

from .test_services import START, accepted, applied

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40)
OFD = b"PK\x03\x04" + b"OFD.xml" + bytes(40)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_in(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def case(published, users, enterprise, travel):
    with travel(START):
        return services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
        )


def add(case, user, filename: str, content: bytes, /, **kwargs):
    return services.material_add(
        actor=user,
        case_id=case.pk,
        upload=SimpleUploadedFile(filename, content),
        **kwargs,
    )


def refused(media: Path, error: type[Exception], call, **kwargs):
    before = (CaseMaterial.objects.count(), AuditEvent.objects.count(), files_in(media))
    with pytest.raises(error) as exc:
        call(**kwargs)
    assert before == (CaseMaterial.objects.count(), AuditEvent.objects.count(), files_in(media))
    assert exc.value.message.strip()
    return exc.value


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("申请书.pdf", PDF, "application/pdf"),
        ("营业执照.PNG", PNG, "image/png"),
        ("photo.jpg", JPG, "image/jpeg"),
        ("photo.JPEG", JPG, "image/jpeg"),
        ("证照.ofd", OFD, "application/ofd"),
    ],
)
def test_accepted_files_are_stored_with_their_sm3(
    case, users, published, media, name, content, content_type
):
    material = Material.objects.filter(version=published).order_by("id").first()
    row = add(case, users["qiye"], name, content, material_id=material.pk)
    row.refresh_from_db()
    digest = sm3_hex(content)
    assert (row.name, row.material) == (material.name, material)
    assert (row.original_name, row.content_type, row.size, row.sm3) == (
        name,
        content_type,
        len(content),
        digest,
    )
    assert row.status == CaseMaterial.Status.RECEIVED
    assert row.uploaded_by == users["qiye"]
    stored = Path(row.file.path)
    assert stored.is_relative_to(media)
    assert stored.name == f"{case.pk}-{digest[:16]}.{name.rsplit('.', 1)[1].lower()}"
    assert stored.read_bytes() == content
    event = AuditEvent.objects.filter(code="cases.material_add").latest("seq")
    assert event.after["sm3"] == digest


def test_the_name_is_stripped_of_any_path(case, users, media):
    row = add(case, users["qiye"], "../../etc/申请书.pdf", PDF, name="申请书")
    assert row.original_name == "申请书.pdf"
    assert Path(row.file.path).is_relative_to(media / "cases")


def test_size_limit(case, users, media, settings):
    settings.CASE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = PDF + bytes(1024 * 1024 + 1 - len(PDF))
    err = refused(
        media,
        InvalidInput,
        services.material_add,
        actor=users["qiye"],
        case_id=case.pk,
        name="申请书",
        upload=SimpleUploadedFile("申请书.pdf", big),
    )
    assert err.details["field"] == "file"
    assert "1 MB" in err.message
    exactly = big[:-1]
    assert add(case, users["qiye"], "申请书.pdf", exactly, name="申请书").size == 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.pdf", b"", "空文件"),
        ("report.pdf", PNG, "扩展名与内容不符"),  # a PNG disguised as a PDF
        ("photo.png", PDF, "扩展名与内容不符"),
        ("photo.jpg", PNG, "扩展名与内容不符"),
        ("证照.ofd", PDF, "扩展名与内容不符"),
        ("virus.exe", b"MZ\x90\x00" + bytes(20), "类型不支持"),
        ("申请书.docx", b"PK\x03\x04" + bytes(20), "类型不支持"),
        ("README", PDF, "类型不支持"),
        ("script.pdf.exe", PDF, "类型不支持"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(case, users, media, name, content, words):
    err = refused(
        media,
        InvalidInput,
        services.material_add,
        actor=users["qiye"],
        case_id=case.pk,
        name="申请书",
        upload=SimpleUploadedFile(name, content),
    )
    assert err.details["field"] == "file"
    assert words in err.message
    assert name.rsplit("/", 1)[-1] in err.message


def test_who_may_add_what_and_when(case, published, users, media, travel, enterprise, make_item):
    clerk, agent, citizen = users["chuangkou"], users["qiye"], users["zhangsan"]
    upload = {"name": "申请书", "upload": SimpleUploadedFile("a.pdf", PDF)}
    refused(
        media, PermissionDenied, services.material_add, actor=citizen, case_id=case.pk, **upload
    )
    refused(
        media,
        PermissionDenied,
        services.material_add,
        actor=users["shenpi"],
        case_id=case.pk,
        **upload,
    )
    # Registering missing or tolerated paper is the window's job.
    refused(
        media,
        PermissionDenied,
        services.material_add,
        actor=agent,
        case_id=case.pk,
        name="营业执照",
        status="missing",
    )
    refused(
        media, InvalidInput, services.material_add, actor=agent, case_id=case.pk, name="营业执照"
    )
    refused(
        media,
        InvalidInput,
        services.material_add,
        actor=clerk,
        case_id=case.pk,
        name="营业执照",
        status="lost",
    )
    materials = {m.name: m for m in Material.objects.filter(version=published)}
    err = refused(
        media,
        InvalidInput,
        services.material_add,
        actor=clerk,
        case_id=case.pk,
        material_id=materials["营业执照"].pk,
        status="tolerated",
    )
    assert err.details["field"] == "status"
    with travel(START):
        other = make_item("000103010000")
    foreign = Material.objects.filter(version=other).first()
    err = refused(
        media,
        InvalidInput,
        services.material_add,
        actor=clerk,
        case_id=case.pk,
        material_id=foreign.pk,
        paper_received=True,
    )
    assert err.details["field"] == "material_id"
    tolerated = services.material_add(
        actor=clerk,
        case_id=case.pk,
        material_id=materials["食品安全管理制度文本"].pk,
        status="tolerated",
        note="承诺 10 个工作日内补交",
    )
    paper = services.material_add(
        actor=clerk, case_id=case.pk, material_id=materials["营业执照"].pk, paper_received=True
    )
    assert (tolerated.status, paper.status, paper.paper_received) == ("tolerated", "received", True)
    assert files_in(media) == []
    # Once accepted, materials are closed.
    with travel(START):
        done = accepted(published, users, enterprise)
    err = refused(
        media,
        Conflict,
        services.material_add,
        actor=agent,
        case_id=done.pk,
        name="申请书",
        upload=SimpleUploadedFile("a.pdf", PDF),
    )
    assert "已受理" in err.message


def test_materials_during_correction(published, users, enterprise, travel, media):
    with travel(START):
        case = applied(published, users, enterprise)
        services.request_correction(
            actor=users["chuangkou"],
            case_id=case.pk,
            items=[{"material": "食品经营许可申请书", "problem": "未签字"}],
        )
        row = add(case, users["qiye"], "申请书（已签字）.pdf", PDF, name="食品经营许可申请书")
    assert row.sm3 == sm3_hex(PDF)
    assert len(files_in(media)) == 1
