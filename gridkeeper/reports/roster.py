"""The weekly roster (走访花名册): the working form a grid leader prints, walks with, fills in
by hand and brings back to be typed in by its number.

A4 landscape, one section per grid starting on a new page; a print of several grids opens
with an index (grid, roster number, households, pages). Every page repeats the sheet's
header: grid, week, the roster number after 花名册编号： and as a QR code (a USB scanner
types it into the entry page), and which print of that number the paper is. Rows follow the
sheet's 序号 (walking order; households added after the first print come last) under a
heading per stairwell (楼号-单元); each row carries what the visitor needs (address, 户编号,
head, phone, assigned worker, categories, why and by when) and the form: tick boxes for the
four results and the methods, lines for the date, who went, two lines of notes and the
needs raised. The grid's last page ends with the closing block: the tallies, the visitor's
signature and the community's review.

Pagination (:func:`paginate`): a grid's rows are one body that breaks only between rows,
never leaves a stairwell heading or a single row at the foot of a page, never carries a single
row of a stairwell over to the next page, and keeps at least two rows with the closing block.
Every page is laid out before any is drawn, so "page X of Y" and the index's page numbers are
printed as plain text.

Speed: fixed column widths and row heights, cells as plain strings cut to fit. The pages'
content is written as PDF operators by :class:`gridkeeper.reports.content.Content` (numbers
formatted once per value, the text in a two-byte font subset of our own, each stairwell's
rules and forms first and then its text in one block); the repeated parts (page header with
its QR code, table header, tick boxes, each set of category tags, the category key) are forms
drawn once per document, and all pages share one resource dictionary. reportlab writes the
document's objects and the font's glyphs. Time grows linearly with rows.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics

from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.content import Content, GlyphFont, fill, stroke
from gridkeeper.reports.layout import wrap_plain
from gridkeeper.reports.pdf import (
    CONFIDENTIAL,
    DEFAULT_OPTIONS,
    INK,
    MUTED,
    RULE,
    SHADE,
    PagePacker,
    PrintOptions,
    fit,
    new_canvas,
    register_font,
    save_pdf,
    share_page_resources,
    shown_phone,
)
from gridkeeper.reports.qr import qr_codes

PAGE = landscape(A4)
MARGIN_X = 22.0
MARGIN_TOP = 86.0
MARGIN_BOTTOM = 32.0
BODY = 9.0  # every word on the sheet is at least this size
LEADING = 10.5
ROW_HEIGHT = 36.0  # two handwritten lines
HEADER_HEIGHT = 18.0
STAIRWELL_HEIGHT = 20.0
CLOSING_HEIGHT = 98.0
CLOSING_GAP = 8.0
QR_SIZE = 60.0
BOX = 7.5
TAG_SIZE = 9.0
PAD = 2.5

# (title, width in points); the notes column takes what is left of the page width
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 24), ("地址 / 户编号", 64), ("户主 / 电话", 72), ("类别", 70), ("走访原因", 104),
    ("走访日期", 42), ("走访结果", 76), ("走访方式", 76), ("走访人 / 同行", 64), ("情况记录", 0),
    ("诉求", 80),
)
SEQ, ADDRESS, HEAD, CATEGORY, REASON, DATE, RESULT, METHOD, WORKERS, NOTES, NEED = range(11)
_USABLE = PAGE[0] - 2 * MARGIN_X
COL_WIDTHS = [w or _USABLE - sum(c[1] for c in COLUMNS) for _, w in COLUMNS]
_XS = [sum(COL_WIDTHS[:i]) for i in range(len(COL_WIDTHS) + 1)]
# the tick boxes, two by two: the four results a grid leader brings back, and the methods
RESULT_BOXES = ("见面", "未遇", "拒访", "外出")
METHOD_BOXES = ("入户", "门口", "电话", "视频")
HANDWRITTEN = (WORKERS, NOTES, NEED)  # two ruled lines each


class Reason(StrEnum):
    """Why a household is on this week's roster."""

    OVERDUE = "overdue"  # a due date passed without a counting visit: overdue since the date
    DUE = "due"  # a visit is due by the date
    PLANNED = "planned"  # the levelled plan put it in this week; to be visited by the date
    HOT_SPOT = "hot_spot"  # its stairwell keeps raising needs of one kind: ask the neighbours
    FOLLOW_UP = "follow_up"  # a visit promised a follow-up from the date
    DONE = "done"  # on the sheet, but no longer due (visited on the date, or moved away)


@dataclass(frozen=True)
class CategoryMark:
    """A category as marked on paper: its short name in the app's colour for it."""

    name: str
    colour: str  # "#RRGGBB"


@dataclass(frozen=True)
class RosterLine:
    """One household on the roster, in walking order."""

    household_id: int
    code: str
    estate: str
    building: str
    unit: int
    room: str
    head: str
    residents: int
    categories: tuple[CategoryMark, ...] = ()
    reason: Reason = Reason.DUE
    reason_date: date | None = None
    last_visit: date | None = None
    phone: str | None = None
    reason_note: str = ""  # e.g. "热点：停车3件"; printed under the reason
    seq: int = 0  # 序号 on the sheet: kept by every print of its number
    worker: str = ""  # the assigned worker (责任人), if any


@dataclass(frozen=True)
class RosterSheet:
    """One grid's roster for one ISO week; ``number`` ties paper entries back to it."""

    community: str
    grid: str
    week: str  # "2026-W48"
    week_start: date
    week_end: date
    number: str
    printed_at: datetime
    lines: tuple[RosterLine, ...]
    leader: str | None = None
    grid_id: int | None = None
    legend: tuple[CategoryMark, ...] = field(default=())  # all categories, for the key
    copy: int = 1  # which print of this number the paper is
    worker: str | None = None  # one worker's households only (包片包楼)
    # what to print beside a stairwell's heading (its standing contacts), by (estate,
    # building, unit)
    stairwells: Mapping[tuple[str, str, int], str] = field(default_factory=dict)


def reason_text(line: RosterLine) -> str:
    """The reason as printed: what and by (or since) when; a note of its own stands alone."""
    when = line.reason_date.isoformat() if line.reason_date else ""
    if line.reason == Reason.OVERDUE:
        return f"逾期 自{when}" if when else "逾期"
    if line.reason == Reason.DUE:
        return f"应访 {when}前" if when else "应访"
    if line.reason == Reason.HOT_SPOT:
        return line.reason_note or "热点"  # the note names it: 热点：停车3件
    if line.reason == Reason.FOLLOW_UP:
        return line.reason_note or (f"跟进 {when}起" if when else "跟进")
    if line.reason == Reason.PLANNED:
        return f"计划 · {when}前" if when else "计划走访"
    return f"已访 {when[5:]}，无需再访" if when else "本周已无需走访"


def _extra_note(line: RosterLine) -> str:
    """The note printed under the reason (unless the reason line already is the note)."""
    if line.reason in (Reason.HOT_SPOT, Reason.FOLLOW_UP):
        return ""
    return line.reason_note


def address_text(line: RosterLine) -> str:
    building = line.building.rstrip("号栋幢楼") or line.building
    return f"{building}-{line.unit}-{line.room}"


def stairwell_title(estate: str, building: str, unit: int) -> str:
    if building.endswith(("号", "栋", "幢", "楼")):
        return f"{estate} {building} {unit}单元"
    return f"{estate} {building}号楼 {unit}单元"


def _tint(hex_colour: str, share: float = 0.28) -> colors.Color:
    """The category colour thinned with white: on a black-and-white copy a light grey that
    dark text stays readable on (a full-strength fill would print as a dark block)."""
    c = colors.HexColor(hex_colour)
    return colors.Color(1 - share * (1 - c.red), 1 - share * (1 - c.green), 1 - share * (1 - c.blue))


def draw_marks(out: Content, marks: Sequence[CategoryMark], x: float, y: float, width: float,
               size: float = TAG_SIZE) -> float:
    """Draw tags left to right from (x, y) within ``width``; return where they ended."""
    canv = out.canv
    end = x + width
    for mark in marks:
        label = mark.name[:4]
        w = out.width(label, size) + 4
        if x + w > end:
            # no room: a "+" says there is more (the register has the full list)
            out.begin_text(INK)
            out.text(min(x, end - 6), y + 2, "+", size)
            out.end_text()
            break
        canv.setStrokeColor(colors.HexColor(mark.colour))
        canv.setFillColor(_tint(mark.colour))
        canv.setLineWidth(0.8)
        canv.roundRect(x, y, w, size + 3, 1.5, stroke=1, fill=1)
        out.begin_text(INK)
        out.text(x + 2, y + 2.2, label, size)
        out.end_text()
        x += w + 3
    return x


# --- the body of a grid's section --------------------------------------------------------


@dataclass(frozen=True)
class Stairwell:
    """A run of lines of one stairwell as printed under one heading."""

    title: str  # where it is and how many households, one printed line per "\n"
    note: str  # at the heading's right (the stairwell's contacts), one printed line per "\n"
    lines: tuple[RosterLine, ...]
    continued: bool = False  # the stairwell's rows began on an earlier page

    @property
    def heading_height(self) -> float:
        """The heading's band: one line, and a line more for each further line of its title
        or its contacts, whichever takes more."""
        return STAIRWELL_HEIGHT + HEADING_LEADING * max(self.title.count("\n"), self.note.count("\n"))

    @property
    def height(self) -> float:
        return self.heading_height + HEADER_HEIGHT + ROW_HEIGHT * len(self.lines)


HEADING_SIZE = 10.0  # a stairwell heading's title
HEADING_LEADING = 12.0  # between the heading's lines (of its title at 10 pt, its contacts at 9)
CONTINUED = "（续）"  # after the title of a stairwell carried over from an earlier page
_HEADING_WIDTH = sum(COL_WIDTHS) - 7  # the heading's text begins after its bar


def heading(title: str, note: str, font: str) -> tuple[str, str]:
    """A stairwell's heading as printed, (title, contacts), one printed line per "\n", the
    first line of each on the heading's first line. Never cut: the walker looks for the one
    and calls the other. The title takes as many lines as it needs (an estate's name may fill
    the page's width). The contacts stand beside the title's last line, over as many lines as
    they take, each contact whole on its line where it fits one; where the title leaves too
    little room beside it, they go on lines of their own under the title."""
    title = wrap_plain(title, font, HEADING_SIZE,
                       _HEADING_WIDTH - pdfmetrics.stringWidth(CONTINUED, font, HEADING_SIZE))
    if not note:
        return title, note
    below = title.count("\n")  # the title's lines above its last
    beside = _HEADING_WIDTH - pdfmetrics.stringWidth(
        title.rsplit("\n", 1)[-1] + CONTINUED, font, HEADING_SIZE) - 16
    if beside < _HEADING_WIDTH / 3:  # a column that narrow breaks every contact
        below, beside = below + 1, _HEADING_WIDTH
    return title, "\n" * below + _contact_lines(note, font, beside)


def _contact_lines(note: str, font: str, width: float) -> str:
    """The contacts (" · " between them) in lines of ``width``: several to a line, each whole
    on its line where it fits one."""
    if pdfmetrics.stringWidth(note, font, BODY) <= width:
        return note
    lines: list[str] = []
    line = ""
    for contact in note.split(" · "):
        candidate = f"{line} · {contact}" if line else contact
        if pdfmetrics.stringWidth(candidate, font, BODY) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        *whole, line = wrap_plain(contact, font, BODY, width).split("\n")
        lines += whole
    return "\n".join([*lines, line])


def stairwells(sheet: RosterSheet, font: str) -> list[Stairwell]:
    """The sheet's lines by stairwell, in 序号 order. Lines added after the first print come
    after the others, so their stairwell may show again, marked as such."""
    groups: list[tuple[tuple[str, str, int], list[RosterLine]]] = []
    for line in sheet.lines:
        key = (line.estate, line.building, line.unit)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(line)
    seen: set[tuple[str, str, int]] = set()
    found = []
    for key, lines in groups:
        later = " · 首次打印后加入" if key in seen else ""
        seen.add(key)
        title, note = heading(f"{stairwell_title(*key)}（{len(lines)}户）{later}",
                              sheet.stairwells.get(key, ""), font)
        found.append(Stairwell(title, note, tuple(lines)))
    return found


@dataclass(frozen=True)
class Closing:
    """The block that ends a grid's last page: tallies, the visitor's signature and the
    community's review, each saying who signs."""

    households: int


def _keep_split(groups: Sequence[Stairwell], closing: Closing | None, avail: float,
                used: float = 0.0) -> tuple[list[Stairwell], list[Stairwell]] | None:
    """Where to break ``groups`` (and the closing block) for a page part of height
    ``avail`` of which ``used`` is taken already: (on this page, the rest); None when
    everything fits."""
    page: list[Stairwell] = []
    for index, group in enumerate(groups):
        head = group.heading_height + HEADER_HEIGHT
        n = len(group.lines)
        room = int((avail - used - head) // ROW_HEIGHT) if avail - used - head > 0 else 0
        if room >= n:
            page.append(group)
            used += group.height
            continue
        keep = room if n - room >= 2 else n - 2  # never one row alone on the next page
        rest = list(groups[index:])
        if keep >= 2:  # nor a heading with one row at the foot of this one
            page.append(Stairwell(group.title, group.note, group.lines[:keep], group.continued))
            rest = [Stairwell(group.title, group.note, group.lines[keep:], True), *groups[index + 1:]]
        if closing is not None:  # the closing block's page gets at least two rows
            _give(page, rest, 2 - sum(len(g.lines) for g in rest))
        return page, rest
    if closing is None or avail - used >= CLOSING_GAP + CLOSING_HEIGHT:
        return None
    rest = []
    _give(page, rest, 2)  # the closing block goes over to the next page, with two rows
    return page, rest


def _give(page: list[Stairwell], rest: list[Stairwell], rows: int) -> None:
    """Move at least ``rows`` rows from the end of ``page`` to the front of ``rest``: a
    stairwell that gives rows gives two and keeps two, or goes over whole."""
    while page and rows > 0:
        last = page.pop()
        if len(last.lines) >= 4:
            page.append(Stairwell(last.title, last.note, last.lines[:-2], last.continued))
            if rest and rest[0].title == last.title and rest[0].continued:
                rest[0] = Stairwell(last.title, last.note, last.lines[-2:] + rest[0].lines, True)
            else:
                rest.insert(0, Stairwell(last.title, last.note, last.lines[-2:], True))
            rows -= 2
        else:
            if rest and rest[0].title == last.title and rest[0].continued:
                rest[0] = Stairwell(last.title, last.note, last.lines + rest[0].lines, last.continued)
            else:
                rest.insert(0, last)
            rows -= len(last.lines)


class GridBody:
    """A grid's rows (stairwell by stairwell) and, at the end, its closing block, as placed on
    one page or split over several; it breaks only between rows, by :func:`_keep_split`."""

    def __init__(self, groups: Sequence[Stairwell], closing: Closing | None,
                 empty_text: str = "") -> None:
        self.groups = list(groups)
        self.closing = closing
        self.empty_text = empty_text
        self.height = (sum(g.height for g in self.groups)
                       + (STAIRWELL_HEIGHT if empty_text else 0)
                       + (CLOSING_GAP + CLOSING_HEIGHT if closing else 0))

    def split(self, avail_height: float) -> list[GridBody]:
        """(what fits in ``avail_height``, the rest), or nothing when no row fits there."""
        found = _keep_split(self.groups, self.closing, avail_height,
                            STAIRWELL_HEIGHT if self.empty_text else 0.0)
        if found is None or not found[0]:
            return []  # (None only by rounding: it did not fit, as its height said)
        here, rest = found
        return [GridBody(here, None), GridBody(rest, self.closing)]

    @property
    def rows(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def _draw_body(out: Content, body: GridBody, text: RowText, leader: str) -> None:
    """The body's operators, its bottom left corner at the origin: first every rule, form
    and shading, then all its text in one text block (text prints over its row's shading)."""
    top = body.height - (STAIRWELL_HEIGHT if body.empty_text else 0)
    tops = []
    for group in body.groups:
        tops.append(top)
        _draw_stairwell(out, group, top)
        top -= group.height
    closing = top - CLOSING_GAP - CLOSING_HEIGHT
    if body.closing is not None:
        out.add(f"{_INK_STROKE} 0.8 w n 0 {out.number(closing)} {out.number(sum(COL_WIDTHS))} "
                f"{out.number(CLOSING_HEIGHT)} re S")
    out.begin_text(INK)
    if body.empty_text:
        out.text(7, body.height - STAIRWELL_HEIGHT + 5, body.empty_text, 10)
    for group, top in zip(body.groups, tops, strict=True):
        _write_stairwell(out, group, top, text, leader)
    if body.closing is not None:
        _write_closing(out, body.closing, closing)
    out.end_text()


def _draw_stairwell(out: Content, group: Stairwell, top: float) -> None:
    """What one stairwell prints besides text, from ``top`` down: the heading's bar, the
    table header, the shading of settled rows, the rules, each row's form and tags."""
    number = out.number
    heading = group.heading_height
    table_top = top - heading
    rows_top = table_top - HEADER_HEIGHT
    # a stairwell of as many rows at the same place prints the same bar, header and rules:
    # on a roster's 847 pages the same few dozen places come back
    frames: dict[tuple[float, float, int], tuple[str, str]] = out.canv.__dict__.setdefault(
        "_gk_stairwell_frames", {})
    key = (top, heading, len(group.lines))
    frame = frames.get(key)
    if frame is None:
        frame = frames[key] = _stairwell_frame(out, table_top, heading, len(group.lines))
    head, rules = frame
    out.add(head)
    # settled lines (no longer due) are shaded, so the walker passes them by
    for i, line in enumerate(group.lines):
        if line.reason == Reason.DONE:
            y = rows_top - ROW_HEIGHT * (i + 1)
            out.add(f"{_SHADE_FILL} n 0 {number(y)} {number(sum(COL_WIDTHS))} {number(ROW_HEIGHT)} re f")
    out.add(rules)
    for i, line in enumerate(group.lines):
        if line.categories:
            out.place_form(_marks_form(out, line.categories), 0, rows_top - ROW_HEIGHT * i)


def _stairwell_frame(out: Content, table_top: float, heading: float, rows: int) -> tuple[str, str]:
    """The operators of a stairwell's bar and table header, and of its rules and rows' forms,
    for ``rows`` rows under a heading ``heading`` high over ``table_top``."""
    number = out.number
    head = (f"{_INK_FILL} n 0 {number(table_top + 3)} 3 {number(heading - 8)} re f\n"
            f"q 1 0 0 1 0 {number(table_top - HEADER_HEIGHT)} cm {out.form(_HEADER_FORM)} Q")
    rows_top = table_top - HEADER_HEIGHT
    ys = [table_top] + [rows_top - ROW_HEIGHT * i for i in range(rows + 1)]
    rules = [f"{_RULE_STROKE} 0.5 w n"]
    y0, y1 = number(ys[0]), number(ys[-1])
    rules += [f"{number(x)} {y0} m {number(x)} {y1} l" for x in _XS]
    x0, x1 = number(_XS[0]), number(_XS[-1])
    rules += [f"{x0} {number(y)} m {x1} {number(y)} l" for y in ys]
    rules.append("S")
    form = out.form(_ROW_FORM)
    rules += [f"q 1 0 0 1 0 {number(y)} cm {form} Q" for y in ys[2:]]
    return head, "\n".join(rules)


_SEQ_RIGHT = _XS[SEQ + 1] - PAD - 1
_SEQ_DROP = ROW_HEIGHT / 2 + 11.0 / 2 - 1.5  # the 序号's baseline below its row's top
_FIRST_DROP = 3 + BODY  # a cell's first baseline below its row's top
_CELL_XS = {col: _XS[col] + PAD for col in range(len(COLUMNS))}


_ADDRESS_X, _HEAD_X, _REASON_X = _CELL_XS[ADDRESS], _CELL_XS[HEAD], _CELL_XS[REASON]


def _write_stairwell(out: Content, group: Stairwell, top: float, text: RowText, leader: str) -> None:
    """The text of one stairwell, from ``top`` down: its heading (where, how many, and at the
    right its contacts, one line each), then the rows' 序号 and cells."""
    width = sum(COL_WIDTHS)
    first = top - STAIRWELL_HEIGHT + 5  # the heading's first baseline
    out.lines(7, first, (group.title + (CONTINUED if group.continued else "")).split("\n"),
              HEADING_SIZE, HEADING_LEADING)
    for i, line in enumerate(group.note.split("\n") if group.note else ()):
        out.right_text(width, first - i * HEADING_LEADING, line, BODY)
    rows_top = top - group.heading_height - HEADER_HEIGHT
    for i, line in enumerate(group.lines):
        out.right_text(_SEQ_RIGHT, rows_top - ROW_HEIGHT * i - _SEQ_DROP, str(line.seq), 11.0)
    lines = out.lines
    for i, line in enumerate(group.lines):
        y = rows_top - ROW_HEIGHT * i - _FIRST_DROP
        address, head, reason = text.cells(line, leader)
        lines(_ADDRESS_X, y, address, BODY, LEADING)
        lines(_HEAD_X, y, head, BODY, LEADING)
        lines(_REASON_X, y, reason, BODY, LEADING)


class RowText:
    """The printed text of rows' cells (their 序号 aside) in one document: address, head and
    reason, up to three lines a cell, "" for a line left empty. The assigned worker (责任人,
    一对一) is named unless it is the grid leader everybody goes to anyway. A reason cell is
    worked out once per reason, date and note (a street's 7,640 rows have about forty)."""

    def __init__(self, font: str, unmasked: bool) -> None:
        self.font = font
        self.unmasked = unmasked
        self._reasons: dict[tuple[Reason, date | None, str], tuple[str, str]] = {}

    def cells(self, line: RosterLine, leader: str = ""
              ) -> tuple[tuple[str, str], tuple[str, str, str], tuple[str, str, str]]:
        font = self.font
        address = (fit(address_text(line), font, BODY, _ADDRESS_WIDTH),
                   fit(line.code, font, BODY, _ADDRESS_WIDTH))
        worker = line.worker
        head = (fit(f"{line.head} {line.residents}人", font, BODY, _HEAD_WIDTH),
                shown_phone(line.phone, self.unmasked),
                fit(f"责任人 {worker}", font, BODY, _HEAD_WIDTH) if worker and worker != leader else "")
        key = (line.reason, line.reason_date, line.reason_note)
        found = self._reasons.get(key)
        if found is None:
            found = self._reasons[key] = (fit(reason_text(line), font, BODY, _REASON_WIDTH),
                                          fit(_extra_note(line), font, BODY, _REASON_WIDTH))
        if line.reason == Reason.DONE:
            last = ""
        else:
            last = f"上次 {line.last_visit.isoformat()}" if line.last_visit else "从未走访"
        return address, head, (found[0], last, found[1])


_ADDRESS_WIDTH, _HEAD_WIDTH, _REASON_WIDTH = (COL_WIDTHS[col] - 2 * PAD for col in (ADDRESS, HEAD, REASON))


def _marks_form(out: Content, marks: tuple[CategoryMark, ...]) -> str:
    """A row's category tags as a form (origin at the row's top left), drawn once per
    document for each set of categories: up to two rows of tags, a "+" when more do not fit."""
    made: dict[tuple[CategoryMark, ...], str] = out.canv.__dict__.setdefault("_gk_mark_forms", {})
    name = made.get(marks)
    if name is not None:
        return name
    name = made[marks] = f"gk-marks-{len(made)}"  # form names are ASCII
    canv = out.canv
    left = _XS[CATEGORY] + PAD
    right = _XS[CATEGORY + 1] - PAD
    height = TAG_SIZE + 3
    paths: dict[str, Any] = {}
    labels: list[tuple[float, float, str]] = []
    x, y, rows = left, -3 - height, 1
    for mark in marks:
        label = mark.name[:4]
        w = out.width(label, TAG_SIZE) + 4
        if x + w > right:
            if rows == 2 or x == left:
                labels.append((min(x, right - 6), y + 2.2, "+"))
                break
            x, y, rows = left, y - height - 3, 2
        path = paths.get(mark.colour)
        if path is None:
            path = paths[mark.colour] = canv.beginPath()
        path.roundRect(x, y, w, height, 1.5)
        labels.append((x + 2, y + 2.2, label))
        x += w + 3
    canv.beginForm(name, 0, -ROW_HEIGHT, _XS[-1], 0)
    canv.setLineWidth(0.8)
    for colour, path in paths.items():
        canv.setStrokeColor(colors.HexColor(colour))
        canv.setFillColor(_tint(colour))
        canv.drawPath(path, stroke=1, fill=1)
    out.begin_text(INK)
    for x, y, label in labels:
        out.text(x, y, label, TAG_SIZE)
    out.end_text()
    canv.endForm()
    return name


_HEADER_FORM = "gk-roster-header"
_ROW_FORM = "gk-roster-row"
_INK_FILL = fill(INK)
_SHADE_FILL = fill(SHADE)
_RULE_STROKE = stroke(RULE)
_INK_STROKE = stroke(INK)


def _define_forms(out: Content) -> None:
    """Define once per PDF what every row repeats: the table header, and the form part of a
    row (tick boxes for results and methods, the date's guide, the handwriting rules)."""
    canv = out.canv
    width = sum(COL_WIDTHS)
    canv.beginForm(_HEADER_FORM, 0, 0, width, HEADER_HEIGHT)
    canv.setFillColor(SHADE)
    canv.rect(0, 0, width, HEADER_HEIGHT, stroke=0, fill=1)
    baseline = (HEADER_HEIGHT - BODY) / 2 + 1.5
    out.begin_text(INK)
    for (title, _), x, w in zip(COLUMNS, _XS, COL_WIDTHS, strict=False):
        out.centred_text(x + w / 2, baseline, title, BODY)
    out.end_text()
    canv.endForm()

    canv.beginForm(_ROW_FORM, 0, 0, width, ROW_HEIGHT)
    canv.setStrokeColor(INK)
    canv.setFillColor(INK)
    canv.setLineWidth(0.7)
    labels = []
    for col, names in ((RESULT, RESULT_BOXES), (METHOD, METHOD_BOXES)):
        for k, label in enumerate(names):
            x = _XS[col] + 4 + (k % 2) * (COL_WIDTHS[col] - 6) / 2
            y = ROW_HEIGHT - 13 - (k // 2) * 15
            canv.rect(x, y, BOX, BOX, stroke=1, fill=0)
            labels.append((x + BOX + 2, y + 0.5, label))
    out.begin_text(INK)
    for x, y, label in labels:
        out.text(x, y, label, BODY)
    out.add(fill(MUTED))
    out.right_text(_XS[DATE + 1] - PAD, 5, "月    日", BODY)
    out.end_text()
    canv.setStrokeColor(colors.HexColor("#9E9E9E"))
    canv.setLineWidth(0.4)
    canv.setDash(1.5, 2)
    for col in HANDWRITTEN:
        canv.line(_XS[col] + PAD, ROW_HEIGHT / 2, _XS[col + 1] - PAD, ROW_HEIGHT / 2)
    canv.setDash()
    canv.endForm()




def _write_closing(out: Content, closing: Closing, y: float) -> None:
    """The text of the closing block (its foot at ``y``): what the visitor tallies and signs,
    what the community signs."""
    left = 10.0
    lines = (
        ("本表小计（走访人填写）：", "见面 ______ 户　　未遇 ______ 户　　拒访 ______ 户　　外出 ______ 户"
         f"　　　本表共 {closing.households} 户"),
        ("走访人签字（网格员本人签名）：", "____________________　　同行人：____________________"
         "　　日期：______年____月____日"),
        ("社区审核（社区书记或主任签名）：", "____________________　　审核意见：____________________"
         "　　日期：______年____月____日"),
    )
    for i, (label, rest) in enumerate(lines):
        baseline = y + CLOSING_HEIGHT - 22 - i * 25
        out.text(left, baseline, label, 10.5)
        out.text(left + 176, baseline, rest, 10.5)
    out.add(fill(MUTED))
    hint = "填好后交回社区，按花名册编号和序号录入；未走访的户结果留空。"
    out.right_text(sum(COL_WIDTHS) - 10, y + 7, hint, BODY)


# --- the index of an all-grids print ------------------------------------------------------


@dataclass(frozen=True)
class IndexPage:
    """The first section of a print of several grids: what follows and where."""

    title: str
    week: str
    week_start: date
    week_end: date
    printed_at: datetime
    sheets: tuple[RosterSheet, ...]


INDEX_COLUMNS: tuple[tuple[str, float], ...] = (
    ("社区", 150), ("网格", 150), ("网格长", 90), ("花名册编号", 130), ("户数", 60),
    ("页数", 60), ("起始页", 60), ("打印", 0),
)
_INDEX_WIDTHS = [w or _USABLE - sum(c[1] for c in INDEX_COLUMNS) for _, w in INDEX_COLUMNS]
_INDEX_XS = [sum(_INDEX_WIDTHS[:i]) for i in range(len(_INDEX_WIDTHS) + 1)]
INDEX_ROW = 20.0


class IndexTable:
    """The index rows: each grid's community, name, number, households, and its pages in
    this document (sections ``first_section`` + 1 ...)."""

    def __init__(self, sheets: Sequence[RosterSheet], first_section: int = 1) -> None:
        self.sheets = list(sheets)
        self.first_section = first_section
        self.height = INDEX_ROW * (len(self.sheets) + 1)

    def split(self, avail_height: float) -> list[IndexTable]:
        fits = int(avail_height // INDEX_ROW) - 1
        if fits < 1 or fits >= len(self.sheets):
            return []
        return [IndexTable(self.sheets[:fits], self.first_section),
                IndexTable(self.sheets[fits:], self.first_section + fits)]

    def draw(self, out: Content, pages: Mapping[int, tuple[int, int]]) -> None:
        """The rows, the bottom left corner at the origin; ``pages`` holds each section's
        (pages, first page in the document)."""
        canv, font = out.canv, out.font_name
        top = self.height
        width = _USABLE
        canv.setFillColor(SHADE)
        canv.rect(0, top - INDEX_ROW, width, INDEX_ROW, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.grid(_INDEX_XS, [top - INDEX_ROW * i for i in range(len(self.sheets) + 2)])
        out.begin_text(INK)
        for (title, _), x, w in zip(INDEX_COLUMNS, _INDEX_XS, _INDEX_WIDTHS, strict=False):
            out.centred_text(x + w / 2, top - INDEX_ROW + 6, title, 10)
        for i, sheet in enumerate(self.sheets):
            y = top - INDEX_ROW * (i + 2) + 6
            count, first = pages[self.first_section + i]
            cells = (sheet.community, sheet.grid, sheet.leader or "—", sheet.number,
                     str(len(sheet.lines)), str(count), str(first))
            for col, cell in enumerate(cells):
                out.text(_INDEX_XS[col] + 4, y, fit(cell, font, 10, _INDEX_WIDTHS[col] - 8), 10)
            out.text(_INDEX_XS[7] + 4, y, f"第{sheet.copy}次", 10)
        out.end_text()


# --- pages ---------------------------------------------------------------------------------

_FRAME_BOTTOM = MARGIN_BOTTOM
_FRAME_TOP = MARGIN_BOTTOM + (PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM)
_FUZZ = 1e-6  # what a part may overhang the frame by rounding (as reportlab allows)


class LayoutError(Exception):
    """A part of the roster that fits no page (a stairwell heading taller than a page)."""


@dataclass
class Page:
    """One page: its section (the index or a grid's sheet), its number within the section,
    and its parts with the height of their bottom edge."""

    section: IndexPage | RosterSheet
    number: int
    parts: list[tuple[GridBody | IndexTable, float]] = field(default_factory=list)
    section_no: int = 0


def paginate(sections: Sequence[tuple[IndexPage | RosterSheet, Sequence[GridBody | IndexTable]]]
             ) -> list[Page]:
    """Every page of the document: each section from a new page, its parts placed from the
    top of the page's body down; a part that does not fit the room left is split there (what
    fits stays, the rest goes on), or goes to the next page whole when nothing of it fits."""
    pages: list[Page] = []
    for section_no, (section, parts) in enumerate(sections):
        page = Page(section, 1, section_no=section_no)
        pages.append(page)
        y = _FRAME_TOP
        queue = list(parts)
        while queue:
            part = queue.pop(0)
            if y - part.height >= _FRAME_BOTTOM - _FUZZ:
                y -= part.height
                page.parts.append((part, y))
                continue
            room = y - _FRAME_BOTTOM
            pieces = part.split(room) if room > 0 else []
            if pieces:
                first = pieces[0]
                if y - first.height < _FRAME_BOTTOM - _FUZZ:
                    raise LayoutError(f"a part of {first.height:.0f} points split to fit {room:.0f}")
                y -= first.height
                page.parts.append((first, y))
                queue[0:0] = pieces[1:]
                continue
            if not page.parts:
                raise LayoutError(f"a part of {part.height:.0f} points fits no page")
            page = Page(section, page.number + 1, section_no=section_no)
            pages.append(page)
            y = _FRAME_TOP
            queue.insert(0, part)
    return pages


def _sections(sheets: Sequence[RosterSheet], font: str
              ) -> list[tuple[IndexPage | RosterSheet, list[GridBody | IndexTable]]]:
    sections: list[tuple[IndexPage | RosterSheet, list[GridBody | IndexTable]]] = []
    if len(sheets) > 1:
        first = sheets[0]
        index = IndexPage("走访花名册 目录", first.week, first.week_start, first.week_end,
                          first.printed_at, tuple(sheets))
        sections.append((index, [IndexTable(sheets)]))
    for sheet in sheets:
        empty = "" if sheet.lines else "本周本网格没有应访住户 / no household is due this week"
        sections.append((sheet, [GridBody(stairwells(sheet, font), Closing(len(sheet.lines)), empty)]))
    return sections


# --- the document ---------------------------------------------------------------------------


_DARK_RUN = re.compile(rb"\x01+")


def _qr_form(out: Content, number: str, modules: Sequence[Sequence[bool]]) -> str:
    """The roster number as a QR code of ``modules``, drawn once per document (as dark
    squares, so no font comes with it) and placed on every page of its grid."""
    canv = out.canv
    name = f"gk-qr-{number}"
    made: set[str] = canv.__dict__.setdefault("_gk_qr_forms", set())
    if name not in made:
        made.add(name)
        count = len(modules)
        quiet = 2  # modules of white around it, inside the form
        module = QR_SIZE / (count + 2 * quiet)
        xs = [out.number((col + quiet) * module) for col in range(count)]
        widths = [out.number(module * run) for run in range(count + 1)]
        height = out.number(module)
        rects = [fill(colors.black)]
        for row, dark in enumerate(modules):
            # a run of dark modules is one rectangle (filled as one path, it covers the same)
            y = out.number(QR_SIZE - (row + quiet + 1) * module)
            rects += [f"{xs[run.start()]} {y} {widths[run.end() - run.start()]} {height} re"
                      for run in _DARK_RUN.finditer(bytes(dark))]
        out.define_form(name, "\n".join(rects) + " f*", (0, 0, QR_SIZE, QR_SIZE))
    return name


def _legend_form(out: Content, marks: Sequence[CategoryMark]) -> str:
    """The category key of the page header, drawn once per document for each key."""
    canv = out.canv
    made: dict[tuple[CategoryMark, ...], str] = canv.__dict__.setdefault("_gk_legend_forms", {})
    name = made.get(tuple(marks))
    if name is None:
        name = made[tuple(marks)] = f"gk-legend-{len(made)}"  # form names are ASCII
        x = MARGIN_X + out.width(_LEGEND, BODY)
        room = _HEADER_RIGHT - x - out.width(_HINT, BODY) - 16
        canv.beginForm(name)
        draw_marks(out, marks, x, PAGE[1] - 72, room)
        canv.endForm()
    return name


_LEGEND = "类别图例："
_HINT = "结果和方式在方框内打“√”；情况记录写见到的情况，诉求单独写"
_HEADER_RIGHT = PAGE[0] - MARGIN_X - QR_SIZE - 6  # the header's text ends left of the QR code


def _sheet_header(out: Content, sheet: RosterSheet, unmasked: bool, qr: str, legend: str) -> None:
    """What heads every page of a grid's roster: community, grid, the number (as text and
    as the QR code ``qr``), which print it is, week, leader, and the category key ``legend``.
    Long names (a community's formal name, a grid named after its buildings) get smaller
    and then cut rather than print over each other; the roster number is never cut."""
    width, height = PAGE
    qr_x = width - MARGIN_X - QR_SIZE
    out.place_form(qr, qr_x, height - 12 - QR_SIZE)
    out.add(out.form(legend))
    right = _HEADER_RIGHT
    number = f"花名册编号：{sheet.number}"
    number_x = right - out.width(number, 12)
    grid, grid_size = _shrunk(out, f"网格：{sheet.grid}", 11, (number_x - MARGIN_X) * 0.4)
    grid_end = MARGIN_X + out.width(grid, grid_size)
    title, title_size = _shrunk(out, sheet.community, 16, number_x - grid_end - 2 * _GAP,
                                keep=" 走访花名册", smallest=11)
    middle = width / 2  # the title stands in the page's middle unless that crowds it
    half = out.width(title, title_size) / 2
    if middle - half < grid_end + _GAP or middle + half > number_x - _GAP:
        middle = (grid_end + number_x) / 2
    printed = f"第{sheet.copy}次打印    打印时间：{sheet.printed_at:%Y-%m-%d %H:%M}"
    room = right - out.width(printed, BODY) - _GAP - MARGIN_X  # left of the print's line
    week_no = int(sheet.week.split("-W")[-1])
    facts = (f"    周次：{sheet.week_start.year}年第{week_no}周（{sheet.week_start.isoformat()} 至 "
             f"{sheet.week_end.isoformat()}）    本表 {len(sheet.lines)} 户")
    left = fit(f"网格长：{sheet.leader or '—'}", out.font_name, BODY, room - out.width(facts, BODY)) + facts
    worker = ""
    if sheet.worker:
        worker = fit(f"责任人：{sheet.worker}", out.font_name, BODY, room - out.width(_ONLY_THEIRS, BODY)) \
            + _ONLY_THEIRS
        if out.width(f"{left}    {worker}", BODY) <= room:  # on the line, else on one of its own
            left, worker = f"{left}    {worker}", ""
    out.begin_text(INK)
    out.centred_text(middle, height - 30, title, title_size)
    out.text(MARGIN_X, height - 30, grid, grid_size)
    out.text(number_x, height - 30, number, 12)
    out.right_text(right, height - 44, printed, BODY)
    if unmasked:
        out.right_text(right, height - 57, "本表含完整证件号码/电话，注意保管", BODY)
    out.text(MARGIN_X, height - 48, left, BODY)
    out.text(MARGIN_X, height - 57, worker, BODY)
    # the colour key (drawn by ``legend``), so a photocopy reader knows what each tag means
    out.text(MARGIN_X, height - 72 + 2.2, _LEGEND, BODY)
    out.add(fill(MUTED))
    out.right_text(right, height - 72 + 2.2, _HINT, BODY)
    out.end_text()


_GAP = 12.0  # at least between two texts on one line of a page's header or footer
_ONLY_THEIRS = "（仅其负责的住户）"


def _shrunk(out: Content, text: str, size: float, width: float, *, keep: str = "",
            smallest: float = BODY) -> tuple[str, float]:
    """``text`` + ``keep`` at ``size``, or as much smaller (down to ``smallest``) as fits
    ``width``; ``text`` cut with an ellipsis only where even that does not fit."""
    wide = out.width(text + keep, size)
    if wide > width:
        size = max(smallest, math.floor(2 * size * width / wide) / 2)  # in half points
    return fit(text, out.font_name, size, width - out.width(keep, size)) + keep, size


def _index_header(out: Content, index: IndexPage) -> None:
    width, height = PAGE
    week_no = int(index.week.split("-W")[-1])
    households = sum(len(s.lines) for s in index.sheets)
    out.begin_text(INK)
    out.centred_text(width / 2, height - 30, index.title, 16)
    out.text(MARGIN_X, height - 52,
             f"周次：{index.week_start.year}年第{week_no}周（{index.week_start.isoformat()} 至 "
             f"{index.week_end.isoformat()}）    共 {len(index.sheets)} 个网格、{households} 户", 10)
    out.right_text(width - MARGIN_X, height - 52, f"打印时间：{index.printed_at:%Y-%m-%d %H:%M}", 10)
    out.add(fill(MUTED))
    out.text(MARGIN_X, height - 70, "每个网格从新的一页开始，页码在各网格内重新计；"
                                    "“起始页”是本文件中的页码，可只打印其中一个网格。", BODY)
    out.end_text()


def _marks_used(sheet: RosterSheet) -> tuple[CategoryMark, ...]:
    seen: dict[str, CategoryMark] = {}
    for line in sheet.lines:
        for mark in line.categories:
            seen.setdefault(mark.name, mark)
    return tuple(seen.values())


def _footer(out: Content, page: int, total: int, left_text: str, keep: str = "") -> None:
    """What every page ends with: what the sheet is (``left_text`` cut where it would reach
    the middle, ``keep`` after it whole), confidentiality, page X of Y (as pdf.page_footer
    draws it)."""
    size, y, width = BODY, 14.0, PAGE[0]
    rule = out.number(y + size + 3)
    ends = out.number(MARGIN_X), out.number(width - MARGIN_X)
    out.add(f"{_RULE_STROKE} 0.5 w n {ends[0]} {rule} m {ends[1]} {rule} l S")
    prefix = f"第 {page} 页 / 共 "
    # room for "9999 页" after the prefix, so the line ends at the right margin
    x = width - MARGIN_X - out.width(prefix + "9999 页", size)
    room = (width - out.width(CONFIDENTIAL, size)) / 2 - _GAP - MARGIN_X
    out.begin_text(INK)
    out.text(MARGIN_X, y, fit(left_text, out.font_name, size, room - out.width(keep, size)) + keep, size)
    out.centred_text(width / 2, y, CONFIDENTIAL, size)
    out.text(x, y, prefix, size)
    out.text(x + out.width(prefix, size), y, f"{total} 页", size)
    out.end_text()


def render_rosters(
    sheets: Sequence[RosterSheet],
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the sheets as one PDF, each grid from a new page (after an index when there are
    several); return the page count. Nothing is written when ``progress`` cancels."""
    font = register_font(find_cjk_font(options.font))
    pages = paginate(_sections(sheets, font))
    totals: dict[int, tuple[int, int]] = {}  # section -> (its pages, its first page)
    for number, page in enumerate(pages, 1):
        count, first = totals.get(page.section_no, (0, number))
        totals[page.section_no] = (count + 1, first)
    buffer = io.BytesIO()
    canv = new_canvas(buffer, pagesize=PAGE, font=font,
                      title="走访花名册 " + (sheets[0].week if sheets else ""))
    out = Content(canv, GlyphFont(font), font)
    text = RowText(font, options.unmasked)
    _define_forms(out)
    heads: dict[int, str] = {}  # per sheet: the form of its page header
    numbers = [sheet.number for sheet in sheets]
    codes = dict(zip(numbers, qr_codes(numbers), strict=True))  # the QR codes, made together
    rows = sum(len(s.lines) for s in sheets) or 1
    done = 0
    with PagePacker(canv) as packer:
        for page in pages:
            section = page.section
            for part, y in page.parts:
                if isinstance(part, GridBody):
                    out.add(f"q 1 0 0 1 {out.number(MARGIN_X)} {out.number(y)} cm")
                    _draw_body(out, part, text, getattr(section, "leader", None) or "")
                    out.add("Q")
                    done += part.rows
                else:
                    canv.saveState()
                    canv.translate(MARGIN_X, y)
                    part.draw(out, totals)
                    canv.restoreState()
            # raising Cancelled here stops the build; nothing is written
            progress(0.05 + 0.9 * min(done, rows) / rows, "排版 / laying out pages")
            out.add("q")
            if isinstance(section, IndexPage):
                _index_header(out, section)
                left, keep = f"目录 · {section.week}", ""
            else:
                # a grid's pages share their header: drawn once, as a form, and placed on each page
                head = heads.get(id(section))
                if head is None:
                    head = heads[id(section)] = f"gk-roster-head-{len(heads)}"
                    qr = _qr_form(out, section.number, codes[section.number])
                    legend = _legend_form(out, section.legend or _marks_used(section))
                    canv.beginForm(head)
                    _sheet_header(out, section, options.unmasked, qr, legend)
                    canv.endForm()
                out.add(out.form(head))
                left, keep = section.grid, f" · 花名册编号 {section.number}"
            _footer(out, page.number, totals[page.section_no][0], left, keep)
            out.add("Q")
            canv.showPage()
            packer.pack()
        progress(0.98, "写入文件 / writing the file")
        out.font.add_to(canv._doc)
        packer.finish()
        share_page_resources(canv)
        canv.save()
    save_pdf(target, buffer.getvalue())
    progress(1.0, "完成 / done")
    return len(pages)


def roster_file_name(sheet: RosterSheet) -> str:
    """A file name for one grid's roster: roster number and grid, safe on Windows."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", sheet.grid)
    return f"走访花名册_{sheet.number}_{safe}.pdf"


def render_rosters_per_grid(
    sheets: Sequence[RosterSheet],
    folder: Path | str,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> list[Path]:
    """Write one PDF per grid into ``folder``; return the files in grid order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    total = sum(max(1, len(s.lines)) for s in sheets) or 1
    done = 0
    paths: list[Path] = []
    for sheet in sheets:
        share = max(1, len(sheet.lines)) / total
        start = done / total

        def part(fraction: float, text: str, start: float = start, share: float = share) -> None:
            progress(start + share * fraction, text)

        path = folder / roster_file_name(sheet)
        render_rosters([sheet], path, options, part)
        paths.append(path)
        done += max(1, len(sheet.lines))
    return paths
