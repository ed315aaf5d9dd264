"""Checks on files applicants and clerks upload: size, type by content (not by name),
and an SM3 checksum kept with the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from onewindow.core.errors import InvalidInput
from onewindow.core.sm import sm3_hex

# extension → (content type, magic prefix)
ALLOWED: dict[str, tuple[str, bytes]] = {
    "pdf": ("application/pdf", b"%PDF-"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "ofd": ("application/ofd", b"PK\x03\x04"),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sm3: str


def check(upload: UploadedFile) -> CheckedFile:
    name = PurePath(upload.name or "").name
    limit = settings.CASE_UPLOAD_MAX_BYTES
    if not upload.size:
        raise InvalidInput(f"文件“{name}”是空文件，请重新选择", field="file")
    if upload.size > limit:
        raise InvalidInput(
            f"文件“{name}”大小 {upload.size / 1048576:.1f} MB，超过 {limit // 1048576} MB 的上限，"
            "请压缩或分成几份上传",
            field="file",
        )
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise InvalidInput(
            f"文件“{name}”的类型不支持：只接受 PDF、JPG、PNG、OFD 文件", field="file"
        )
    content_type, magic = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(16)
    if not head.startswith(magic):
        raise InvalidInput(
            f"文件“{name}”的内容不是 {ext.upper()} 文件（扩展名与内容不符），请上传原始文件",
            field="file",
        )
    upload.seek(0)
    digest_input = b"".join(upload.chunks())
    upload.seek(0)
    return CheckedFile(name, content_type, upload.size, sm3_hex(digest_input))
