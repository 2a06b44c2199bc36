"""Pages packed while a document is drawn are saved byte for byte as reportlab saves them."""

from __future__ import annotations

import io

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.content import GlyphFont
from gridkeeper.reports.pdf import PagePacker, register_font


def _document(packed: bool) -> bytes:
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4, invariant=1)
    packer = PagePacker(canv)
    try:
        for page in range(5):
            canv.setFont("Helvetica", 10)
            for line in range(60):
                canv.drawString(40, 800 - 12 * line, f"page {page} line {line} " * 3)
            canv.showPage()
            if packed:
                packer.pack()
        packer.finish()
        canv.save()
    finally:
        packer.close()
    return buffer.getvalue()


@pytest.mark.parametrize("a85", [0, 1])
def test_packed_pages_are_saved_as_reportlab_saves_them(monkeypatch: pytest.MonkeyPatch, a85: int) -> None:
    monkeypatch.setattr(rl_config, "useA85", a85)
    assert _document(packed=True) == _document(packed=False)


def test_glyph_codes_are_two_bytes_in_hex_in_order_of_first_use() -> None:
    font = GlyphFont(register_font(find_cjk_font(None)))
    assert font.encode("网格网") == "<000100020001>"
    assert font.encode("") == "<>"
