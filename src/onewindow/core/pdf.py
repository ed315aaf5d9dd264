"""PDF documents with Chinese text: notices, cards, forms.

`Document` is an `fpdf2.FPDF` with a CJK font embedded (subset to the characters used, so a
one-page notice stays around 20–40 KB) as the families ``cjk`` (regular and bold). The font
comes from the system: `ONEWINDOW_CJK_FONT` when set, else the first of the usual Debian
packages found (fonts-noto-cjk, fonts-wqy-zenhei, fonts-wqy-microhei). Without one, building
a document raises `Unavailable` (503) naming the package to install — a missing glyph is
never silently printed as a box.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .errors import Unavailable

# (regular, bold) pairs in order of preference; bold may be missing.
CANDIDATES: tuple[tuple[str, str | None], ...] = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
)

RED = (200, 16, 46)  # the letterhead red of official documents
GREY = (110, 110, 110)


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # the font's number inside a .ttc collection (0 for a single font)


@dataclass(frozen=True)
class CjkFont:
    regular: FontFile
    bold: FontFile


def _simplified_index(path: str) -> int:
    """In a collection, the font for Simplified Chinese (family name ending in "SC"), else
    the first one."""
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(path, lazy=True)
    try:
        for i, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if family.endswith(" SC") or "SC" in family.split():
                return i
    finally:
        collection.close()
    return 0


@lru_cache(maxsize=1)
def cjk_font() -> CjkFont:
    configured = settings.CJK_FONT
    if configured:
        if not Path(configured).is_file():
            raise Unavailable(
                f"环境变量 ONEWINDOW_CJK_FONT 指定的字体文件不存在：{configured}。"
                "请改为一个包含中文字形的 TTF/OTF/TTC 文件，或不设置该变量以使用系统字体。"
            )
        pairs: tuple[tuple[str, str | None], ...] = ((configured, None),)
    else:
        pairs = CANDIDATES
    for regular, bold in pairs:
        if Path(regular).is_file():
            reg = FontFile(regular, _simplified_index(regular))
            if bold and Path(bold).is_file():
                return CjkFont(reg, FontFile(bold, _simplified_index(bold)))
            return CjkFont(reg, reg)
    raise Unavailable(
        "服务器没有安装中文字体，无法生成 PDF 文书。请管理员安装 fonts-noto-cjk"
        "（apt-get install fonts-noto-cjk），或用环境变量 ONEWINDOW_CJK_FONT 指定字体文件。"
    )


def qr_png(data: str, *, scale: int = 6) -> io.BytesIO:
    """A QR code (error correction M) as a PNG in memory."""
    buf = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buf, kind="png", scale=scale, border=2)
    buf.seek(0)
    return buf


class Document(FPDF):
    """An A4 page set in the CJK font, with a grey footer line and page numbers."""

    def __init__(self, *, title: str, footer: str = "") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        font = cjk_font()
        self.add_font("cjk", "", font.regular.path, collection_font_number=font.regular.index)
        self.add_font("cjk", "B", font.bold.path, collection_font_number=font.bold.index)
        self.footer_text = footer
        self.set_title(title)
        self.set_lang("zh-CN")
        self.set_creator(settings.PLATFORM_NAME)
        self.set_author(settings.PLATFORM_NAME)
        self.set_margins(left=25, top=22, right=25)
        self.set_auto_page_break(auto=True, margin=22)
        self.alias_nb_pages("{nb}")
        self.set_font("cjk", size=12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("cjk", size=8)
        self.set_text_color(*GREY)
        text = f"{self.footer_text}    第 {self.page_no()} 页 共 {{nb}} 页".strip()
        self.cell(0, 6, text, align="C")
        self.set_text_color(0, 0, 0)

    def line_break(self, height: float) -> None:
        self.cell(0, height, "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, *, size: float = 12, height: float = 8, **kw: object) -> None:
        self.set_font("cjk", size=size)
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kw)  # type: ignore[arg-type]

    def bytes(self) -> bytes:
        return bytes(self.output())
