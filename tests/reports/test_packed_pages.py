"""Pages packed while a document is drawn keep their content, in streams written as
reportlab writes them; the roster font's codes."""

from __future__ import annotations

import io
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.content import GlyphFont
from gridkeeper.reports.pdf import PackedStream, PagePacker, register_font


def test_packed_pages_keep_their_content() -> None:
    canv = Canvas(io.BytesIO(), pagesize=A4, invariant=1)
    drawn = []
    with PagePacker(canv) as packer:
        for page in range(5):
            canv.setFont("Helvetica", 10)
            for line in range(60):
                canv.drawString(40, 800 - 12 * line, f"页 {page} line {line} " * 3)
            canv.showPage()
            drawn.append(canv._doc.Pages.pages[-1].stream)
            packer.pack()
        packer.finish()
        canv.save()
    pages = canv._doc.Pages.pages
    assert [zlib.decompress(p.Contents.content).decode("utf8") for p in pages] == drawn


def test_a_packed_stream_is_written_as_reportlab_writes_it() -> None:
    canv = Canvas(io.BytesIO(), pagesize=A4, invariant=1)
    content = zlib.compress(b"BT /F1 12 Tf 10 10 Td (x) Tj ET\n" * 50)
    theirs = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), content)
    assert PackedStream(content).format(canv._doc) == theirs.format(canv._doc)


def test_glyph_codes_are_two_bytes_in_hex_in_order_of_first_use() -> None:
    font = GlyphFont(register_font(find_cjk_font(None)))
    assert font.encode("网格网") == "<000100020001>"
    assert font.encode("") == "<>"
