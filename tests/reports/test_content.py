"""Text written by our own content streams (reports/content.py): whatever a user typed prints
as typed, where it was placed."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.content import MOST_GLYPHS, Content, GlyphFont
from gridkeeper.reports.pdf import register_font
from tests.reports import pdftools


def _page(target: Path, draw) -> None:
    """A one-page PDF of what ``draw(out)`` writes in one text block."""
    font = register_font(find_cjk_font(None))
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4, initialFontName=font)
    out = Content(canv, GlyphFont(font), font)
    out.begin_text(black)
    draw(out)
    out.end_text()
    canv.showPage()
    out.font.add_to(canv._doc)
    canv.save()
    target.write_bytes(buffer.getvalue())


def test_pdf_syntax_in_a_name_prints_as_typed(tmp_path: Path) -> None:
    typed = [") Tj (X", "a\\b(c)d\\", "<FEFF0041> %% /F1 99 Tf", "BT ET q Q", "王(小)明\\"]
    target = tmp_path / "names.pdf"
    _page(target, lambda out: [out.text(40, 800 - 20 * i, name, 10) for i, name in enumerate(typed)])
    lines = [line.strip() for line in pdftools.text(target).splitlines() if line.strip()]
    assert lines == typed


def test_a_cell_whose_first_line_is_empty_prints_its_next_line_under_its_own_origin(
        tmp_path: Path) -> None:
    # the lines of a cell are placed one leading apart; an empty first line (nothing to say
    # there) must not move the second under the cell written before it
    target = tmp_path / "cells.pdf"

    def draw(out: Content) -> None:
        out.lines(300, 500, ("前一格", "第二行"), 9, 10.5)
        out.lines(60, 400, ("", "这一格"), 9, 10.5)

    _page(target, draw)
    (_width, height, words), = pdftools.word_boxes(target)
    x0, _y0, _x1, y1, _word = next(w for w in words if w[4] == "这一格")
    assert abs(x0 - 60) < 1
    assert abs((height - y1) - (400 - 10.5)) < 3  # its baseline, give or take the descent


def test_a_print_of_more_different_characters_than_one_subset_holds_still_saves(tmp_path: Path) -> None:
    # one embedded subset holds MOST_GLYPHS glyphs; a register made to hold more different
    # characters than that prints the rest as the missing-glyph box instead of failing whole
    font = register_font(find_cjk_font(None))
    face = pdfmetrics.getFont(font).face
    first_of_glyph: dict[int, int] = {}
    for char, glyph in sorted(face.charToGlyph.items()):
        if char >= 0x21 and glyph:
            first_of_glyph.setdefault(glyph, char)
    chars = [chr(char) for char in first_of_glyph.values()][:MOST_GLYPHS + 200]
    assert len(chars) > MOST_GLYPHS, "the font has too few glyphs to try it"
    target = tmp_path / "many.pdf"
    _page(target, lambda out: [out.text(20, 20, "".join(chars[i:i + 500]), 1)
                               for i in range(0, len(chars), 500)])
    printed = pdftools.text(target)
    assert chars[0] in printed and chars[MOST_GLYPHS - 1] in printed
    assert chars[MOST_GLYPHS] not in printed  # past the subset: the box, which has no text
