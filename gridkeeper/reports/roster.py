"""The weekly roster (走访花名册) a grid leader prints, walks with and brings back.

A4 landscape, one section per grid starting on a new page. Rows follow the walking order
and are grouped by stairwell (楼号-单元) under a sub-heading; the right-hand columns are
empty boxes for the paper work (date, outcome ticks, notes, signature). Every page repeats
the sheet's header (grid, week, roster number) and the table header, so a loose page still
says where it belongs; a row never splits across pages.

Speed: one small table per stairwell with fixed column widths and row heights, cells as
plain strings cut to fit. reportlab then measures nothing and splits only short tables,
so time grows linearly with rows (a giant table would be re-split on every page).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    INK,
    MUTED,
    RULE,
    SHADE,
    PrintOptions,
    SectionedDoc,
    SectionStart,
    fit,
    page_footer,
    register_font,
    shown_phone,
    write_pdf,
)

PAGE = landscape(A4)
MARGIN_X = 24.0
MARGIN_TOP = 78.0
MARGIN_BOTTOM = 30.0
ROW_HEIGHT = 22.0
HEADER_HEIGHT = 16.0
STAIRWELL_HEIGHT = 20.0
FONT_SIZE = 8.0
OUTCOME_LABELS = ("见面", "未遇", "拒访")
OUTCOME_COL = 9
OUTCOME_OFFSETS = (4.0, 34.0, 64.0)  # where each tick box starts in the outcome column
BOX = 8.0


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
    reason_note: str = ""  # e.g. "本月还需1次"; printed after the reason when it fits
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


# (title, width in points); the notes column takes what is left of the page width
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 24), ("楼-单元-室", 58), ("户主", 44), ("人数", 22), ("类别", 78),
    ("走访原因", 92), ("上次走访", 50), ("联系电话", 60), ("走访日期", 46),
    ("走访结果", 92), ("情况记录", 0), ("签名", 46),
)
_USABLE = PAGE[0] - 2 * MARGIN_X
COL_WIDTHS = [w or _USABLE - sum(c[1] for c in COLUMNS) for _, w in COLUMNS]
CATEGORY_COL = 4
PAPER_COLS = range(8, 12)  # date, outcome, notes, signature: left empty for the pen


def reason_text(line: RosterLine) -> str:
    when = line.reason_date.isoformat() if line.reason_date else ""
    if line.reason == Reason.OVERDUE:
        text = f"逾期 自{when}" if when else "逾期"
    elif line.reason == Reason.DUE:
        text = f"应访 {when}前" if when else "应访"
    elif line.reason == Reason.HOT_SPOT:
        return line.reason_note or "热点"  # the note names it: 热点：停车3件
    elif line.reason == Reason.FOLLOW_UP:
        return line.reason_note or (f"跟进 {when}起" if when else "跟进")  # the note says since when
    elif line.reason == Reason.PLANNED:
        text = f"计划 · {when}前" if when else "计划走访"
    else:
        text = f"已访 {when}" if when else "本周无需走访"
    return f"{text} {line.reason_note}".strip()


def address_text(line: RosterLine) -> str:
    building = re.sub(r"[号栋幢楼]+$", "", line.building) or line.building
    return f"{building}-{line.unit}-{line.room}"


def draw_marks(canv: Canvas, marks: Sequence[CategoryMark], font: str, x: float, y: float,
               width: float, size: float) -> float:
    """Draw tags left to right from (x, y) within ``width``; return where they ended."""
    end = x + width
    for mark in marks:
        label = mark.name[:4]
        w = pdfmetrics.stringWidth(label, font, size) + 4
        if x + w > end:
            # no room: a "+" says there is more (the register has the full list)
            canv.setFillColor(INK)
            canv.setFont(font, size)
            canv.drawString(min(x, end - 5), y + 1.5, "+")
            break
        canv.setFillColor(colors.HexColor(mark.colour))
        canv.roundRect(x, y, w, size + 3, 1.5, stroke=0, fill=1)
        canv.setFillColor(_text_colour_on(mark.colour))
        canv.setFont(font, size)
        canv.drawString(x + 2, y + 2, label)
        x += w + 2
    return x


def _text_colour_on(hex_colour: str) -> colors.Color:
    c = colors.HexColor(hex_colour)
    # yellow and light tags need dark text to stay readable on a black-and-white copy too
    light = 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue > 0.62
    return INK if light else colors.white


class StairwellHeading(Flowable):
    """The sub-heading above a stairwell's rows: estate, building, unit and household count."""

    def __init__(self, text: str, font: str) -> None:
        super().__init__()
        self.text = text
        self.font = font

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, STAIRWELL_HEIGHT

    def draw(self) -> None:
        canv = self.canv
        canv.setFillColor(INK)
        canv.rect(0, 3, 3, STAIRWELL_HEIGHT - 6, stroke=0, fill=1)
        canv.setFont(self.font, 9.5)
        canv.drawString(7, 5, self.text)


class StairwellTable(Flowable):
    """A stairwell's rows as a fixed grid: the table header, then one row per household.

    It splits between rows only, repeating the header on the next page. It draws each page
    part with one path for the rules and one text object for the words, which is several
    times faster than a general reportlab Table for the same cells (the roster is big).
    """

    def __init__(self, title: str, rows: list[tuple[str, ...]], marks: list[tuple[CategoryMark, ...]],
                 font: str, continued: bool = False) -> None:
        super().__init__()
        self.title = title
        self.rows = rows
        self.marks = marks
        self.font = font
        self.continued = continued
        self.width = sum(COL_WIDTHS)
        self.height = STAIRWELL_HEIGHT + HEADER_HEIGHT + ROW_HEIGHT * len(rows)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        # the heading never stays alone at the foot of a page: at least one row goes with it
        fits = int((avail_height - STAIRWELL_HEIGHT - HEADER_HEIGHT) // ROW_HEIGHT)
        if fits < 1 or fits >= len(self.rows):
            return []
        return [
            StairwellTable(self.title, self.rows[:fits], self.marks[:fits], self.font, self.continued),
            StairwellTable(self.title, self.rows[fits:], self.marks[fits:], self.font, True),
        ]

    def draw(self) -> None:
        canv, font = self.canv, self.font
        _define_forms(canv, font)
        top = self.height - STAIRWELL_HEIGHT
        canv.setFillColor(INK)
        canv.rect(0, top + 3, 3, STAIRWELL_HEIGHT - 9, stroke=0, fill=1)
        canv.setFont(font, 9.5)
        canv.drawString(7, top + 5, self.title + ("（续）" if self.continued else ""))
        canv.saveState()
        canv.translate(0, top - HEADER_HEIGHT)
        canv.doForm(_HEADER_FORM)
        canv.restoreState()
        ys = [top] + [top - HEADER_HEIGHT - ROW_HEIGHT * i for i in range(len(self.rows) + 1)]
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.grid(_XS, ys)
        self._draw_marks(_XS, top)
        # the tick boxes and their labels are the same on every row: one form, placed per row
        for y in ys[2:]:
            canv.saveState()
            canv.translate(_XS[OUTCOME_COL], y)
            canv.doForm(_OUTCOME_FORM)
            canv.restoreState()
        text = canv.beginText()
        text.setFont(font, FONT_SIZE)
        text.setFillColor(INK)
        for i, row in enumerate(self.rows):
            y = top - HEADER_HEIGHT - ROW_HEIGHT * (i + 1) + (ROW_HEIGHT - FONT_SIZE) / 2 + 1
            for col, cell in enumerate(row):
                if not cell:
                    continue
                if col in _RIGHT:
                    x = _XS[col + 1] - PAD - pdfmetrics.stringWidth(cell, font, FONT_SIZE)
                elif col in _CENTRE:
                    x = _XS[col] + (COL_WIDTHS[col] - pdfmetrics.stringWidth(cell, font, FONT_SIZE)) / 2
                else:
                    x = _XS[col] + PAD
                text.setTextOrigin(x, y)
                text.textOut(cell)
        canv.drawText(text)

    def _draw_marks(self, xs: list[float], top: float) -> None:
        """Category tags: one filled path per colour, then their labels."""
        canv, font = self.canv, self.font
        size = 6.5
        paths: dict[str, Any] = {}
        labels: list[tuple[float, float, str, str]] = []
        left = xs[CATEGORY_COL] + PAD
        right = xs[CATEGORY_COL + 1] - PAD
        for i, marks in enumerate(self.marks):
            y = top - HEADER_HEIGHT - ROW_HEIGHT * (i + 1) + (ROW_HEIGHT - size - 3) / 2
            x = left
            for mark in marks:
                label = mark.name[:4]
                w = pdfmetrics.stringWidth(label, font, size) + 4
                if x + w > right:
                    labels.append((min(x, right - 5), y + 2, "+", "#222222"))
                    break
                path = paths.get(mark.colour)
                if path is None:
                    path = paths[mark.colour] = canv.beginPath()
                path.rect(x, y, w, size + 3)
                labels.append((x + 2, y + 2, label, mark.colour))
                x += w + 2
        for colour, path in paths.items():
            canv.setFillColor(colors.HexColor(colour))
            canv.drawPath(path, stroke=0, fill=1)
        if labels:
            text = canv.beginText()
            text.setFont(font, size)
            for x, y, label, colour in labels:
                text.setFillColor(_text_colour_on(colour) if label != "+" else INK)
                text.setTextOrigin(x, y)
                text.textOut(label)
            canv.drawText(text)


PAD = 2.5
_XS = [sum(COL_WIDTHS[:i]) for i in range(len(COL_WIDTHS) + 1)]
_HEADER_FORM = "gk-roster-header"
_OUTCOME_FORM = "gk-roster-outcome"


def _define_forms(canv: Canvas, font: str) -> None:
    """Define once per PDF the parts every stairwell table repeats (header row, tick boxes)."""
    if getattr(canv, "_gk_roster_forms", False):
        return
    canv._gk_roster_forms = True  # type: ignore[attr-defined]
    width = sum(COL_WIDTHS)
    canv.beginForm(_HEADER_FORM, 0, 0, width, HEADER_HEIGHT)
    canv.setFillColor(SHADE)
    canv.rect(0, 0, width, HEADER_HEIGHT, stroke=0, fill=1)
    canv.setFillColor(INK)
    canv.setFont(font, FONT_SIZE)
    baseline = (HEADER_HEIGHT - FONT_SIZE) / 2 + 1
    for (title, _), x, w in zip(COLUMNS, _XS, COL_WIDTHS, strict=False):
        canv.drawCentredString(x + w / 2, baseline, title)
    canv.endForm()
    canv.beginForm(_OUTCOME_FORM, 0, 0, COL_WIDTHS[OUTCOME_COL], ROW_HEIGHT)
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.6)
    canv.setFillColor(INK)
    canv.setFont(font, FONT_SIZE)
    for offset, label in zip(OUTCOME_OFFSETS, OUTCOME_LABELS, strict=True):
        canv.rect(offset, (ROW_HEIGHT - BOX) / 2, BOX, BOX, stroke=1, fill=0)
        canv.drawString(offset + BOX + 2, (ROW_HEIGHT - FONT_SIZE) / 2 + 1, label)
    canv.endForm()
_RIGHT = {0}
_CENTRE = {3}


def _stairwell_table(title: str, lines: Sequence[RosterLine], first_no: int, font: str,
                     unmasked: bool) -> StairwellTable:
    widths = COL_WIDTHS
    rows: list[tuple[str, ...]] = []
    for line in lines:
        rows.append((
            str(line.seq),
            fit(address_text(line), font, FONT_SIZE, widths[1] - 2 * PAD),
            fit(line.head, font, FONT_SIZE, widths[2] - 2 * PAD),
            str(line.residents),
            "",
            fit(reason_text(line), font, FONT_SIZE, widths[5] - 2 * PAD),
            line.last_visit.isoformat() if line.last_visit else "从未",
            shown_phone(line.phone, unmasked),
            "",
            "",
            "",
            "",
        ))
    return StairwellTable(title, rows, [line.categories for line in lines], font)


def _stairwells(lines: Sequence[RosterLine]) -> list[tuple[str, list[RosterLine]]]:
    groups: list[tuple[str, list[RosterLine]]] = []
    key: tuple[str, str, int] | None = None
    for line in lines:
        k = (line.estate, line.building, line.unit)
        if k != key:
            key = k
            groups.append((f"{line.estate} {line.building}号楼 {line.unit}单元"
                           if not line.building.endswith(("号", "栋", "幢", "楼"))
                           else f"{line.estate} {line.building} {line.unit}单元", []))
        groups[-1][1].append(line)
    return groups


def _story(sheets: Sequence[RosterSheet], font: str, unmasked: bool, progress: Progress) -> list[Flowable]:
    story: list[Flowable] = []
    total = sum(len(s.lines) for s in sheets) or 1
    done = 0
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story.append(SectionStart(sheet))
        if not sheet.lines:
            story.append(StairwellHeading("本周本网格没有应访住户 / no household is due this week", font))
        no = 1
        for title, group in _stairwells(sheet.lines):
            story.append(_stairwell_table(f"{title}（{len(group)}户）", group, no, font, unmasked))
            no += len(group)
            done += len(group)
        progress(0.05 * done / total, f"准备 {sheet.grid} / preparing {sheet.grid}")
    return story


def _decorate(unmasked: bool) -> Any:
    def decorate(canv: Canvas, doc: SectionedDoc, sheet: RosterSheet | None, page: int, form: str) -> None:
        if sheet is None:
            return
        font = doc.font_name
        width, height = PAGE
        canv.setFillColor(INK)
        canv.setFont(font, 15)
        canv.drawCentredString(width / 2, height - 30, f"{sheet.community} 走访花名册")
        canv.setFont(font, 9)
        canv.drawString(MARGIN_X, height - 30, f"网格：{sheet.grid}")
        canv.drawRightString(width - MARGIN_X, height - 30,
                             f"花名册编号：{sheet.number}（第{sheet.copy}次打印）")
        y = height - 48
        week_no = sheet.week.split("-W")[-1]
        left = (f"网格长：{sheet.leader or '—'}    周次：{sheet.week_start.year}年第{int(week_no)}周"
                f"（{sheet.week_start.isoformat()} 至 {sheet.week_end.isoformat()}）    "
                f"应访 {len(sheet.lines)} 户")
        canv.drawString(MARGIN_X, y, left)
        right = f"打印时间：{sheet.printed_at:%Y-%m-%d %H:%M}"
        if unmasked:
            right = "本页含完整证件号码/电话    " + right
        canv.drawRightString(width - MARGIN_X, y, right)
        # the colour key, so a photocopy reader knows what each tag means
        y -= 17
        canv.setFont(font, 8)
        canv.drawString(MARGIN_X, y + 2, "类别图例：")
        x = MARGIN_X + pdfmetrics.stringWidth("类别图例：", font, 8)
        legend = sheet.legend or _marks_used(sheet)
        draw_marks(canv, legend, font, x, y, width - MARGIN_X - x - 240, size=7)
        canv.setFillColor(MUTED)
        canv.drawRightString(width - MARGIN_X, y + 2,
                             "结果请在方框内打“√”；情况记录写见到的情况和诉求")
        page_footer(canv, font=font, width=width, margin=MARGIN_X, y=14, page=page,
                    total_form=form, left_text=f"{sheet.grid} · {sheet.number}")
    return decorate


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
    """Write the sheets as one PDF, each grid from a new page; return the page count."""
    font = register_font(find_cjk_font(options.font))
    story = _story(sheets, font, options.unmasked, progress)
    title = "走访花名册 " + (sheets[0].week if sheets else "")
    return write_pdf(target, story, pagesize=PAGE,
                     margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=_decorate(options.unmasked), font=font, title=title, progress=progress)


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
