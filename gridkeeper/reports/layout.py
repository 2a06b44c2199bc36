"""Building blocks for the portrait documents (visit log, completion report): the running
header and footer, and data tables that wrap long text and never grow into one giant table.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from gridkeeper.reports.pdf import INK, MUTED, RULE, SHADE, SectionedDoc, Styles, fit, page_footer, widest

PAGE = A4
MARGIN_X = 36.0
MARGIN_TOP = 48.0
MARGIN_BOTTOM = 40.0
WIDTH = PAGE[0] - 2 * MARGIN_X
# rows per table: long lists become a run of tables, so layout time stays linear in rows
CHUNK = 150


def escape(text: object) -> str:
    """Text for a Paragraph: reportlab reads <, > and & as markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def running_header(title: str, scope: str, printed_at: datetime, unmasked: bool,
                   pagesize: tuple[float, float] = PAGE) -> Any:
    """A page decorator: title and scope at the top, the shared footer at the bottom."""

    def decorate(canv: Canvas, doc: SectionedDoc, section: Any, page: int, form: str) -> None:
        font = doc.font_name
        width, height = pagesize
        canv.setFont(font, 8)
        canv.setFillColor(MUTED)
        right = f"打印时间：{printed_at:%Y-%m-%d %H:%M}"
        if unmasked:
            right = "含完整证件号码/电话  " + right
        # a long scope (a grid leader's many grids) is cut before it reaches the print time
        room = width - 2 * MARGIN_X - pdfmetrics.stringWidth(right, font, 8) - 12
        canv.drawString(MARGIN_X, height - 28, fit(f"{title} · {scope}", font, 8, room))
        canv.drawRightString(width - MARGIN_X, height - 28, right)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, height - 32, width - MARGIN_X, height - 32)
        page_footer(canv, font=font, width=width, margin=MARGIN_X, y=22, page=page,
                    total_form=form, left_text=title)

    return decorate


def table_style(font: str, *, header_rows: int = 1, size: float = 8, grid_to: int = -1) -> TableStyle:
    """The data tables' look; ``grid_to`` is the last row with cell lines (a closing row below
    it, such as signature lines, stands free)."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, grid_to), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ]
    return TableStyle(commands)


# rows of the last table kept on one page with a closing flowable (signature lines)
KEEP_WITH_CLOSING = 3
RowCommand = tuple[Any, ...]  # (command, first column, last column, *arguments)
# A table row is never split across pages, so a row taller than the page stops the print:
# a longer cell (a visit record of a thousand characters) goes on in rows of its own, each
# at most this tall (the shortest frame, A4 landscape's, is some 500 points).
ROW_MOST = 400.0
CELL_PADDING = (3 + 3, 2 + 3)  # a cell's padding across and down, as table_style sets it


def paragraph_parts(para: Paragraph, width: float, most: float) -> list[Paragraph]:
    """``para`` as parts of at most ``most`` points' height at ``width`` (as many as it
    takes), or itself when it is no taller."""
    size = para.style.fontSize
    char = widest(para.style.fontName) * size
    text = str(getattr(para, "text", ""))
    if char < width:
        # no taller than its hard breaks plus its characters' widest lines: not measured
        lines = text.count("<br") + 1 + len(text) * char / (width - char)
        if lines * para.style.leading <= most:
            return [para]
    parts = []
    while True:
        if para.wrap(width, most)[1] <= most:
            return [*parts, para]
        split = para.split(width, most)
        if len(split) < 2:  # nothing of it fits (cannot happen for text): as it is
            return [*parts, para]
        parts.append(split[0])
        para = split[1]


def row_parts(row: Sequence[Any], widths: Sequence[float]) -> list[list[Any]]:
    """``row`` as table rows no taller than :data:`ROW_MOST`: itself, or, where a paragraph
    of it is taller, the row with that paragraph's first part and then rows carrying its
    further parts (the row's other cells empty there)."""
    across, down = CELL_PADDING
    parts = {}
    for col, (cell, width) in enumerate(zip(row, widths, strict=False)):
        if isinstance(cell, Paragraph):
            found = paragraph_parts(cell, width - across, ROW_MOST - down)
            if len(found) > 1:
                parts[col] = found
    if not parts:
        return [list(row)]
    count = max(len(found) for found in parts.values())
    return [[parts[col][i] if col in parts and i < len(parts[col]) else (cell if i == 0 else "")
             for col, cell in enumerate(row)] for i in range(count)]


def data_tables(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    wrap: Sequence[int] = (),
    right: Sequence[int] = (),
    last: Sequence[tuple[Any, ...]] = (),
    row_commands: dict[int, Sequence[RowCommand]] | None = None,
    closing: Flowable | None = None,
) -> list[Flowable]:
    """A header plus rows as tables of at most :data:`CHUNK` rows, header repeated on each page.

    Columns in ``wrap`` become paragraphs that wrap inside their width (notes, descriptions);
    the others stay plain strings, which lay out much faster. ``last``: style commands for
    the final table only (a totals row is addressed as row -1 there). ``row_commands``: style
    commands for single rows, by their index in ``rows`` (a subtotal's shading, a status
    colour). ``closing`` (signature lines) becomes the final table's last row, kept on one
    page with the rows above it, so it never stands alone on a page.
    """
    if not rows:
        return [closing] if closing is not None else []
    wrap_set = set(wrap)
    tables: list[Flowable] = []
    for start in range(0, len(rows), CHUNK):
        final = start + CHUNK >= len(rows)
        closed = final and closing is not None
        style = table_style(styles.font, grid_to=-2 if closed else -1)
        for col in right:
            style.add("ALIGN", (col, 1), (col, -2 if closed else -1), "RIGHT")
        chunk = rows[start:start + CHUNK]
        parts = [row_parts([Paragraph(escape(cell), styles.cell) if i in wrap_set and isinstance(cell, str)
                            else cell for i, cell in enumerate(row)], widths)
                 for row in chunk]
        firsts = list(itertools.accumulate((len(p) for p in parts), initial=1))  # table rows
        for index, commands in (row_commands or {}).items():
            if start <= index < start + len(chunk):
                row, end_row = firsts[index - start], firsts[index - start + 1] - 1
                for name, first, end, *args in commands:
                    style.add(name, (first, row), (end, end_row), *args)
        if final:
            for command in last:
                # the totals row is -1 of the rows; with a closing row it sits one higher
                name, (c0, r0), (c1, r1), *args = command
                shift = 1 if closed else 0
                style.add(name, (c0, r0 - shift if r0 < 0 else r0), (c1, r1 - shift if r1 < 0 else r1), *args)
        body = [table_row for row in parts for table_row in row]
        if closed:
            body.append([closing] + [""] * (len(header) - 1))
            style.add("SPAN", (0, -1), (-1, -1))
            style.add("TOPPADDING", (0, -1), (-1, -1), 10)
            # the last rows go with it: whole rows, or the last part of a row in parts
            keep = 0
            for row in parts[-KEEP_WITH_CLOSING:][::-1]:
                keep += 1
                if len(row) > 1:
                    break
            style.add("NOSPLIT", (0, -1 - keep), (-1, -1))
        table = Table([list(header), *body], colWidths=list(widths), repeatRows=1, style=style,
                      hAlign="LEFT")
        tables.append(table)
    return tables


def key_value_table(styles: Styles, pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
    """Label/value pairs laid out ``columns`` pairs per line (a card's facts)."""
    label_w = 52.0
    value_w = WIDTH / columns - label_w
    rows: list[list[Any]] = []
    for start in range(0, len(pairs), columns):
        row: list[Any] = []
        for label, value in pairs[start:start + columns]:
            row += [label, Paragraph(escape(value), styles.cell)]
        while len(row) < 2 * columns:
            row += ["", ""]
        rows.append(row)
    style = table_style(styles.font, header_rows=0)
    for col in range(0, 2 * columns, 2):
        style.add("BACKGROUND", (col, 0), (col, -1), SHADE)
    return Table(rows, colWidths=[label_w, value_w] * columns, style=style, hAlign="LEFT")


class Swatch(Flowable):
    """A small filled square in a category's colour, put before its name in tables."""

    def __init__(self, colour: str, label: str, font: str, size: float = 8) -> None:
        super().__init__()
        self.colour = colour
        self.label = label
        self.font = font
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.size + 2

    def draw(self) -> None:
        self.canv.setFillColor(colors.HexColor(self.colour))
        self.canv.rect(0, 1, self.size - 1, self.size - 1, stroke=0, fill=1)
        self.canv.setFillColor(INK)
        self.canv.setFont(self.font, self.size)
        self.canv.drawString(self.size + 2, 1.5, self.label)


def signature_lines(styles: Styles, labels: Sequence[str]) -> Table:
    """Lines to sign on: 制表人 / 审核人 / 日期 and the like."""
    cells: list[Any] = []
    for label in labels:
        cells += [label + "：", ""]
    width = WIDTH / len(labels)
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.font, 10),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, INK),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 18),
    ])
    for i in range(len(labels)):
        style.add("LINEBELOW", (2 * i + 1, 0), (2 * i + 1, 0), 0.6, INK)
    return Table([cells], colWidths=[50, width - 50 - 12] * len(labels), style=style, hAlign="LEFT")


def wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Break short text into lines that fit ``width`` (a table draws "\n" as new lines).

    Much cheaper than a Paragraph, for cells such as dates, addresses and team names. It
    breaks at spaces where it can (so "2单元 1101" keeps the room number whole) and between
    characters otherwise, which is how Chinese text breaks anyway.
    """

    def fits(candidate: str) -> bool:
        return pdfmetrics.stringWidth(candidate, font, size) <= width

    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for word in part.split(" "):
            candidate = f"{line} {word}" if line else word
            if fits(candidate):
                line = candidate
                continue
            if line:
                lines.append(line)
                line = ""
            for ch in word:
                if line and not fits(line + ch):
                    lines.append(line)
                    line = ""
                line += ch
        lines.append(line)
    return "\n".join(lines)


def percent(numerator: int, denominator: int) -> str:
    """"87.5%", or "—" when nothing was required (a rate of nothing is not 0 %)."""
    if denominator <= 0:
        return "—"
    return f"{100 * numerator / denominator:.1f}%"
