"""Text written by our own content streams (reports/content.py): whatever a user typed prints
as typed, where it was placed."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.content import Content, GlyphFont
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
