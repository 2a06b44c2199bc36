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

Pagination: a grid's rows are one flowable that breaks only between rows, never leaves a
stairwell heading or a single row at the foot of a page, never carries a single row of a
stairwell over to the next page, and keeps at least two rows with the closing block.

Speed: fixed column widths and row heights, cells as plain strings cut to fit, one path for
the rules and one text object per page part, the repeated parts (table header, tick boxes,
QR code) drawn once as forms. Time grows linearly with rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.layout import wrap_plain
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    INK,
    MUTED,
    RULE,
    SHADE,
    PrintOptions,
    SectionedDoc,
    SectionStart,
    TextWriter,
    fit,
    page_footer,
    register_font,
    shown_phone,
    write_pdf,
)
from gridkeeper.reports.qr import qr_modules

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
    building = re.sub(r"[号栋幢楼]+$", "", line.building) or line.building
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


def draw_marks(canv: Canvas, marks: Sequence[CategoryMark], font: str, x: float, y: float,
               width: float, size: float = TAG_SIZE) -> float:
    """Draw tags left to right from (x, y) within ``width``; return where they ended."""
    end = x + width
    for mark in marks:
        label = mark.name[:4]
        w = pdfmetrics.stringWidth(label, font, size) + 4
        if x + w > end:
            # no room: a "+" says there is more (the register has the full list)
            canv.setFillColor(INK)
            canv.setFont(font, size)
            canv.drawString(min(x, end - 6), y + 2, "+")
            break
        canv.setStrokeColor(colors.HexColor(mark.colour))
        canv.setFillColor(_tint(mark.colour))
        canv.setLineWidth(0.8)
        canv.roundRect(x, y, w, size + 3, 1.5, stroke=1, fill=1)
        canv.setFillColor(INK)
        canv.setFont(font, size)
        canv.drawString(x + 2, y + 2.2, label)
        x += w + 3
    return x


# --- the body of a grid's section --------------------------------------------------------


@dataclass(frozen=True)
class Stairwell:
    """A run of lines of one stairwell as printed under one heading."""

    title: str
    note: str  # beside the heading (the stairwell's contacts), one printed line per "\n"
    lines: tuple[RosterLine, ...]
    continued: bool = False  # the stairwell's rows began on an earlier page

    @property
    def heading_height(self) -> float:
        """The heading's band: one line, and a line more for each further line of contacts."""
        return STAIRWELL_HEIGHT + LEADING * self.note.count("\n")

    @property
    def height(self) -> float:
        return self.heading_height + HEADER_HEIGHT + ROW_HEIGHT * len(self.lines)


def heading_note(note: str, title: str, font: str) -> str:
    """The stairwell's contacts as printed beside its heading: on the heading's line when they
    fit beside the title, else over as many lines as they take, each contact whole on its line
    where it fits one. Never cut: the walker calls these people."""
    width = sum(COL_WIDTHS) - 7 - pdfmetrics.stringWidth(title + "（续）", font, 10) - 16
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
        title = f"{stairwell_title(*key)}（{len(lines)}户）{later}"
        found.append(Stairwell(title, heading_note(sheet.stairwells.get(key, ""), title, font), tuple(lines)))
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


class GridBody(Flowable):
    """A grid's rows (stairwell by stairwell) and, at the end, its closing block. It breaks
    only between rows, by :func:`_keep_split`."""

    def __init__(self, groups: Sequence[Stairwell], closing: Closing | None, font: str,
                 unmasked: bool, tick: Callable[[int], None] | None = None,
                 empty_text: str = "", leader: str = "") -> None:
        super().__init__()
        self.leader = leader
        self.groups = list(groups)
        self.closing = closing
        self.font = font
        self.unmasked = unmasked
        self.tick = tick
        self.empty_text = empty_text
        self.width = sum(COL_WIDTHS)
        self.height = (sum(g.height for g in self.groups)
                       + (STAIRWELL_HEIGHT if empty_text else 0)
                       + (CLOSING_GAP + CLOSING_HEIGHT if closing else 0))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        found = _keep_split(self.groups, self.closing, avail_height,
                            STAIRWELL_HEIGHT if self.empty_text else 0.0)
        if found is None or not found[0]:
            return []  # (None only by rounding: it did not fit, as wrap said)
        here, rest = found
        return [GridBody(here, None, self.font, self.unmasked, self.tick, leader=self.leader),
                GridBody(rest, self.closing, self.font, self.unmasked, self.tick, leader=self.leader)]

    def draw(self) -> None:
        canv = self.canv
        _define_forms(canv, self.font)
        top = self.height
        if self.empty_text:
            canv.setFillColor(INK)
            canv.setFont(self.font, 10)
            canv.drawString(7, top - STAIRWELL_HEIGHT + 5, self.empty_text)
            top -= STAIRWELL_HEIGHT
        for group in self.groups:
            _draw_stairwell(canv, group, top, self.font, self.unmasked, self.leader)
            top -= group.height
            if self.tick is not None:
                self.tick(len(group.lines))
        if self.closing is not None:
            _draw_closing(canv, self.closing, top - CLOSING_GAP - CLOSING_HEIGHT, self.font)


def draw_stairwell_heading(canv: Canvas, group: Stairwell, y: float, font: str) -> None:
    """The heading above a stairwell's rows (``y`` its foot): where and how many, and at the
    right its contacts, over as many lines as they take."""
    canv.setFillColor(INK)
    first = y + group.heading_height - STAIRWELL_HEIGHT + 5  # the first line's baseline
    canv.rect(0, y + 3, 3, group.heading_height - 8, stroke=0, fill=1)
    canv.setFont(font, 10)
    canv.drawString(7, first, group.title + ("（续）" if group.continued else ""))
    canv.setFont(font, BODY)
    for i, line in enumerate(group.note.split("\n") if group.note else ()):
        canv.drawRightString(sum(COL_WIDTHS), first - i * LEADING, line)


def _draw_stairwell(canv: Canvas, group: Stairwell, top: float, font: str, unmasked: bool,
                    leader: str) -> None:
    """Heading, table header and rows of one stairwell, from ``top`` down."""
    draw_stairwell_heading(canv, group, top - group.heading_height, font)
    table_top = top - group.heading_height
    canv.saveState()
    canv.translate(0, table_top - HEADER_HEIGHT)
    canv.doForm(_HEADER_FORM)
    canv.restoreState()
    rows_top = table_top - HEADER_HEIGHT
    n = len(group.lines)
    ys = [table_top] + [rows_top - ROW_HEIGHT * i for i in range(n + 1)]
    # settled lines (no longer due) are shaded, so the walker passes them by
    for i, line in enumerate(group.lines):
        if line.reason == Reason.DONE:
            canv.setFillColor(SHADE)
            canv.rect(0, rows_top - ROW_HEIGHT * (i + 1), sum(COL_WIDTHS), ROW_HEIGHT, stroke=0, fill=1)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.grid(_XS, ys)
    for y in ys[2:]:
        canv.saveState()
        canv.translate(0, y)
        canv.doForm(_ROW_FORM)
        canv.restoreState()
    write = TextWriter(canv, font)
    _draw_marks(canv, group.lines, rows_top, font, write)
    text = canv.beginText()
    text.setFont(font, BODY)
    text.setFillColor(INK)
    for i, line in enumerate(group.lines):
        row_top = rows_top - ROW_HEIGHT * i
        for col, cells in _cells(line, font, unmasked, leader):
            for k, cell in enumerate(cells):
                if not cell:
                    continue
                y = row_top - 3 - BODY - k * LEADING
                if col == SEQ:
                    size = 11.0
                    text.setFont(font, size)
                    x = _XS[col + 1] - PAD - 1 - pdfmetrics.stringWidth(cell, font, size)
                    write.origin(text, x, row_top - ROW_HEIGHT / 2 - size / 2 + 1.5)
                    write.out(text, cell)
                    text.setFont(font, BODY)
                    continue
                write.origin(text, _XS[col] + PAD, y)
                write.out(text, cell)
    canv.drawText(text)


def _cells(line: RosterLine, font: str, unmasked: bool, leader: str = ""
           ) -> list[tuple[int, tuple[str, ...]]]:
    """The printed text of a row, column by column, up to three lines a cell. The assigned
    worker (责任人, 一对一) is named unless it is the grid leader everybody goes to anyway."""

    def cut(col: int, value: str) -> str:
        return fit(value, font, BODY, COL_WIDTHS[col] - 2 * PAD)

    last = f"上次 {line.last_visit.isoformat()}" if line.last_visit else "从未走访"
    if line.reason == Reason.DONE:
        last = ""
    return [
        (SEQ, (str(line.seq),)),
        (ADDRESS, (cut(ADDRESS, address_text(line)), cut(ADDRESS, line.code))),
        (HEAD, (cut(HEAD, f"{line.head} {line.residents}人"), shown_phone(line.phone, unmasked),
                cut(HEAD, f"责任人 {line.worker}") if line.worker and line.worker != leader else "")),
        (REASON, (cut(REASON, reason_text(line)), last, cut(REASON, _extra_note(line)))),
    ]


def _draw_marks(canv: Canvas, lines: Sequence[RosterLine], rows_top: float, font: str,
                write: TextWriter) -> None:
    """Category tags, up to two rows of them: one filled path per colour, then their labels."""
    paths: dict[str, Any] = {}
    labels: list[tuple[float, float, str]] = []
    left = _XS[CATEGORY] + PAD
    right = _XS[CATEGORY + 1] - PAD
    height = TAG_SIZE + 3
    for i, line in enumerate(lines):
        row_top = rows_top - ROW_HEIGHT * i
        x, y, rows = left, row_top - 3 - height, 1
        for mark in line.categories:
            label = mark.name[:4]
            w = pdfmetrics.stringWidth(label, font, TAG_SIZE) + 4
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
    canv.setLineWidth(0.8)
    for colour, path in paths.items():
        canv.setStrokeColor(colors.HexColor(colour))
        canv.setFillColor(_tint(colour))
        canv.drawPath(path, stroke=1, fill=1)
    if labels:
        text = canv.beginText()
        text.setFont(font, TAG_SIZE)
        text.setFillColor(INK)
        for x, y, label in labels:
            write.origin(text, x, y)
            write.out(text, label)
        canv.drawText(text)


_HEADER_FORM = "gk-roster-header"
_ROW_FORM = "gk-roster-row"


def _define_forms(canv: Canvas, font: str) -> None:
    """Define once per PDF what every row repeats: the table header, and the form part of a
    row (tick boxes for results and methods, the date's guide, the handwriting rules)."""
    if getattr(canv, "_gk_roster_forms", False):
        return
    canv._gk_roster_forms = True  # type: ignore[attr-defined]
    width = sum(COL_WIDTHS)
    canv.beginForm(_HEADER_FORM, 0, 0, width, HEADER_HEIGHT)
    canv.setFillColor(SHADE)
    canv.rect(0, 0, width, HEADER_HEIGHT, stroke=0, fill=1)
    canv.setFillColor(INK)
    canv.setFont(font, BODY)
    baseline = (HEADER_HEIGHT - BODY) / 2 + 1.5
    for (title, _), x, w in zip(COLUMNS, _XS, COL_WIDTHS, strict=False):
        canv.drawCentredString(x + w / 2, baseline, title)
    canv.endForm()

    canv.beginForm(_ROW_FORM, 0, 0, width, ROW_HEIGHT)
    canv.setStrokeColor(INK)
    canv.setFillColor(INK)
    canv.setLineWidth(0.7)
    canv.setFont(font, BODY)
    for col, labels in ((RESULT, RESULT_BOXES), (METHOD, METHOD_BOXES)):
        for k, label in enumerate(labels):
            x = _XS[col] + 4 + (k % 2) * (COL_WIDTHS[col] - 6) / 2
            y = ROW_HEIGHT - 13 - (k // 2) * 15
            canv.rect(x, y, BOX, BOX, stroke=1, fill=0)
            canv.drawString(x + BOX + 2, y + 0.5, label)
    canv.setFillColor(MUTED)
    canv.drawRightString(_XS[DATE + 1] - PAD, 5, "月    日")
    canv.setStrokeColor(colors.HexColor("#9E9E9E"))
    canv.setLineWidth(0.4)
    canv.setDash(1.5, 2)
    for col in HANDWRITTEN:
        canv.line(_XS[col] + PAD, ROW_HEIGHT / 2, _XS[col + 1] - PAD, ROW_HEIGHT / 2)
    canv.setDash()
    canv.endForm()


def _draw_closing(canv: Canvas, closing: Closing, y: float, font: str) -> None:
    """The closing block: what the visitor tallies and signs, what the community signs."""
    width = sum(COL_WIDTHS)
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.8)
    canv.rect(0, y, width, CLOSING_HEIGHT, stroke=1, fill=0)
    canv.setFillColor(INK)
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
        canv.setFont(font, 10.5)
        canv.drawString(left, baseline, label)
        canv.drawString(left + 176, baseline, rest)
    canv.setFont(font, BODY)
    canv.setFillColor(MUTED)
    canv.drawRightString(width - 10, y + 7, "填好后交回社区，按花名册编号和序号录入；未走访的户结果留空。")


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


class IndexTable(Flowable):
    """The index rows: each grid's community, name, number, households, and its pages in
    this document (filled in when the document is finished: sections ``first`` + 1 ...)."""

    def __init__(self, sheets: Sequence[RosterSheet], font: str, first_section: int = 1) -> None:
        super().__init__()
        self.sheets = list(sheets)
        self.font = font
        self.first_section = first_section
        self.width = _USABLE
        self.height = INDEX_ROW * (len(self.sheets) + 1)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // INDEX_ROW) - 1
        if fits < 1 or fits >= len(self.sheets):
            return []
        return [IndexTable(self.sheets[:fits], self.font, self.first_section),
                IndexTable(self.sheets[fits:], self.font, self.first_section + fits)]

    def draw(self) -> None:
        canv, font = self.canv, self.font
        top = self.height
        canv.setFillColor(SHADE)
        canv.rect(0, top - INDEX_ROW, self.width, INDEX_ROW, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.grid(_INDEX_XS, [top - INDEX_ROW * i for i in range(len(self.sheets) + 2)])
        canv.setFillColor(INK)
        canv.setFont(font, 10)
        for (title, _), x, w in zip(INDEX_COLUMNS, _INDEX_XS, _INDEX_WIDTHS, strict=False):
            canv.drawCentredString(x + w / 2, top - INDEX_ROW + 6, title)
        for i, sheet in enumerate(self.sheets):
            y = top - INDEX_ROW * (i + 2) + 6
            cells = (sheet.community, sheet.grid, sheet.leader or "—", sheet.number,
                     str(len(sheet.lines)))
            for col, cell in enumerate(cells):
                canv.drawString(_INDEX_XS[col] + 4, y, fit(cell, font, 10, _INDEX_WIDTHS[col] - 8))
            section = self.first_section + i
            for col, form in ((5, f"pages{section}"), (6, f"first{section}")):
                canv.saveState()
                canv.translate(_INDEX_XS[col] + 4, y)
                canv.doForm(form)
                canv.restoreState()
            canv.drawString(_INDEX_XS[7] + 4, y, f"第{sheet.copy}次")


# --- the document ---------------------------------------------------------------------------


def _story(sheets: Sequence[RosterSheet], font: str, unmasked: bool, progress: Progress) -> list[Flowable]:
    story: list[Flowable] = []
    total = sum(len(s.lines) for s in sheets) or 1
    done = [0]

    def tick(rows: int) -> None:
        done[0] += rows
        # raising Cancelled here stops the build; nothing is written
        progress(0.05 + 0.9 * min(done[0], total) / total, "排版 / laying out pages")

    if len(sheets) > 1:
        first = sheets[0]
        story.append(SectionStart(IndexPage("走访花名册 目录", first.week, first.week_start,
                                            first.week_end, first.printed_at, tuple(sheets))))
        story.append(IndexTable(sheets, font))
    for index, sheet in enumerate(sheets):
        if index or len(sheets) > 1:
            story.append(PageBreak())
        story.append(SectionStart(sheet))
        empty = "" if sheet.lines else "本周本网格没有应访住户 / no household is due this week"
        story.append(GridBody(stairwells(sheet, font), Closing(len(sheet.lines)), font, unmasked, tick,
                              empty_text=empty, leader=sheet.leader or ""))
    return story


def _qr_form(canv: Canvas, number: str) -> str:
    """The roster number as a QR code, drawn once per document (as dark squares, so no
    font comes with it) and placed on every page of its grid."""
    name = f"gk-qr-{number}"
    made: set[str] = canv.__dict__.setdefault("_gk_qr_forms", set())
    if name not in made:
        made.add(name)
        modules = qr_modules(number)
        count = len(modules)
        quiet = 2  # modules of white around it, inside the form
        module = QR_SIZE / (count + 2 * quiet)
        canv.beginForm(name, 0, 0, QR_SIZE, QR_SIZE)
        canv.setFillColor(colors.black)
        path = canv.beginPath()
        for row, dark in enumerate(modules):
            # a run of dark modules is one rectangle (filled as one path, it covers the same)
            col = 0
            while col < count:
                if not dark[col]:
                    col += 1
                    continue
                end = col + 1
                while end < count and dark[end]:
                    end += 1
                path.rect((col + quiet) * module, QR_SIZE - (row + quiet + 1) * module,
                          module * (end - col), module)
                col = end
        canv.drawPath(path, stroke=0, fill=1)
        canv.endForm()
    return name


def _decorate(unmasked: bool) -> Any:
    heads: dict[int, str] = {}  # per sheet: the form of its page header, drawn on its first page

    def decorate(canv: Canvas, doc: SectionedDoc, sheet: Any, page: int, form: str) -> None:
        font = doc.font_name
        width, _height = PAGE
        if isinstance(sheet, IndexPage):
            _index_header(canv, sheet, font)
            page_footer(canv, font=font, width=width, margin=MARGIN_X, y=14, page=page,
                        total_form=form, left_text=f"目录 · {sheet.week}", size=BODY)
            return
        if not isinstance(sheet, RosterSheet):
            return
        # a grid's pages share their header: drawn once, as a form, and placed on each page
        head = heads.get(id(sheet))
        if head is None:
            head = heads[id(sheet)] = f"gk-roster-head-{len(heads)}"
            qr = _qr_form(canv, sheet.number)
            canv.beginForm(head)
            _sheet_header(canv, sheet, font, unmasked, qr)
            canv.endForm()
        canv.doForm(head)
        page_footer(canv, font=font, width=width, margin=MARGIN_X, y=14, page=page,
                    total_form=form, left_text=f"{sheet.grid} · 花名册编号 {sheet.number}", size=BODY)
    return decorate


def _sheet_header(canv: Canvas, sheet: RosterSheet, font: str, unmasked: bool, qr: str) -> None:
    """What heads every page of a grid's roster: community, grid, the number (as text and
    as the QR code ``qr``), which print it is, week, leader, and the category key."""
    width, height = PAGE
    canv.setFillColor(INK)
    canv.setFont(font, 16)
    canv.drawCentredString(width / 2, height - 30, f"{sheet.community} 走访花名册")
    canv.setFont(font, 11)
    canv.drawString(MARGIN_X, height - 30, f"网格：{sheet.grid}")
    qr_x = width - MARGIN_X - QR_SIZE
    canv.saveState()
    canv.translate(qr_x, height - 12 - QR_SIZE)
    canv.doForm(qr)
    canv.restoreState()
    right = qr_x - 6
    canv.setFont(font, 12)
    canv.drawRightString(right, height - 30, f"花名册编号：{sheet.number}")
    canv.setFont(font, BODY)
    canv.drawRightString(right, height - 44,
                         f"第{sheet.copy}次打印    打印时间：{sheet.printed_at:%Y-%m-%d %H:%M}")
    if unmasked:
        canv.drawRightString(right, height - 57, "本表含完整证件号码/电话，注意保管")
    week_no = int(sheet.week.split("-W")[-1])
    left = (f"网格长：{sheet.leader or '—'}    周次：{sheet.week_start.year}年第{week_no}周"
            f"（{sheet.week_start.isoformat()} 至 {sheet.week_end.isoformat()}）    "
            f"本表 {len(sheet.lines)} 户")
    if sheet.worker:
        left += f"    责任人：{sheet.worker}（仅其负责的住户）"
    canv.drawString(MARGIN_X, height - 48, left)
    # the colour key, so a photocopy reader knows what each tag means
    y = height - 72
    canv.drawString(MARGIN_X, y + 2.2, "类别图例：")
    x = MARGIN_X + pdfmetrics.stringWidth("类别图例：", font, BODY)
    hint = "结果和方式在方框内打“√”；情况记录写见到的情况，诉求单独写"
    room = right - x - pdfmetrics.stringWidth(hint, font, BODY) - 16
    draw_marks(canv, sheet.legend or _marks_used(sheet), font, x, y, room)
    canv.setFillColor(MUTED)
    canv.setFont(font, BODY)
    canv.drawRightString(right, y + 2.2, hint)


def _index_header(canv: Canvas, index: IndexPage, font: str) -> None:
    width, height = PAGE
    week_no = int(index.week.split("-W")[-1])
    households = sum(len(s.lines) for s in index.sheets)
    canv.setFillColor(INK)
    canv.setFont(font, 16)
    canv.drawCentredString(width / 2, height - 30, index.title)
    canv.setFont(font, 10)
    canv.drawString(MARGIN_X, height - 52,
                    f"周次：{index.week_start.year}年第{week_no}周（{index.week_start.isoformat()} 至 "
                    f"{index.week_end.isoformat()}）    共 {len(index.sheets)} 个网格、{households} 户")
    canv.drawRightString(width - MARGIN_X, height - 52, f"打印时间：{index.printed_at:%Y-%m-%d %H:%M}")
    canv.setFont(font, BODY)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN_X, height - 70, "每个网格从新的一页开始，页码在各网格内重新计；"
                                           "“起始页”是本文件中的页码，可只打印其中一个网格。")


def _marks_used(sheet: RosterSheet) -> tuple[CategoryMark, ...]:
    seen: dict[str, CategoryMark] = {}
    for line in sheet.lines:
        for mark in line.categories:
            seen.setdefault(mark.name, mark)
    return tuple(seen.values())


def render_rosters(
    sheets: Sequence[RosterSheet],
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the sheets as one PDF, each grid from a new page (after an index when there are
    several); return the page count."""
    font = register_font(find_cjk_font(options.font))
    progress = _forward_only(progress)
    story = _story(sheets, font, options.unmasked, progress)
    title = "走访花名册 " + (sheets[0].week if sheets else "")
    return write_pdf(target, story, pagesize=PAGE,
                     margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=_decorate(options.unmasked), font=font, title=title, progress=progress,
                     footer_size=BODY, figure_size=10)


def _forward_only(progress: Progress) -> Progress:
    """Progress as the rows are laid out and as the document counts its parts, never going
    back (both report; every call still reaches ``progress``, which may cancel)."""
    furthest = [0.0]

    def report(fraction: float, text: str = "") -> None:
        furthest[0] = max(furthest[0], fraction)
        progress(furthest[0], text)

    return report


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
