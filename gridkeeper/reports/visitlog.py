"""The visit log (民情日志 / 走访记录) for a period, A4 portrait.

Two shapes: a card per household (address, residents with masked ID numbers, categories with
their validity, then every visit of the period with its team, outcome, notes and the needs it
raised with their status), and a grid's log (every visit of the period in the grid, in
date order). Supervisors file these and spot-check them.

With ID numbers masked a resident's birth is printed as the year only: the masked part of an
ID number is the birth date (domain/idnumber.shown_birth).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from gridkeeper.domain.idnumber import birth_title, shown_birth
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.layout import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    WIDTH,
    Swatch,
    data_tables,
    escape,
    key_value_table,
    running_header,
    signature_lines,
    wrap_plain,
)
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    PrintOptions,
    SectionStart,
    Styles,
    register_font,
    shown_id,
    shown_phone,
    write_pdf,
)

TITLE = "民情日志"
FONT_SIZE = 8.0  # table cells (layout.table_style)


@dataclass(frozen=True)
class LogNeed:
    """A need (诉求) raised, with where it stands now."""

    number: str
    category: str
    description: str
    status: str  # the status label, e.g. "办理中"
    received_on: date | None = None


@dataclass(frozen=True)
class LogVisit:
    """One visit or attempt. ``address``/``head`` matter in a grid's log (many households)."""

    visit_date: date
    method: str  # label, e.g. "入户"
    outcome: str  # label, e.g. "见面"
    team: tuple[str, ...] = ()
    notes: str = ""
    needs: tuple[LogNeed, ...] = ()
    visit_time: time | None = None
    household_code: str = ""
    address: str = ""
    head: str = ""
    recorded_by: str = ""
    review_comment: str = ""


@dataclass(frozen=True)
class LogResident:
    name: str
    relation: str
    gender: str = ""  # label
    birth_date: date | None = None
    id_number: str | None = None
    phone: str | None = None
    status: str = ""  # label


@dataclass(frozen=True)
class LogCategory:
    """A category the household holds in the period, with its validity."""

    name: str
    colour: str
    resident: str = ""  # who holds it; empty for household-wide or derived ones
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = ""  # "自动推算", disability kind and grade, ...


@dataclass(frozen=True)
class HouseholdCard:
    code: str
    address: str
    grid: str
    residents: tuple[LogResident, ...] = ()
    categories: tuple[LogCategory, ...] = ()
    visits: tuple[LogVisit, ...] = ()
    phone: str | None = None
    worker: str = ""
    status: str = ""
    other_needs: tuple[LogNeed, ...] = ()  # raised in the period, not on a visit (walk-in, hotline)
    community: str = ""


@dataclass(frozen=True)
class VisitLog:
    """What a log covers: household cards, or a grid's visits in date order (or both)."""

    community: str
    scope: str  # "户 H0001" / "第三网格"
    period: str  # "2026-11"
    start: date
    end: date
    printed_at: datetime
    cards: tuple[HouseholdCard, ...] = ()
    visits: tuple[LogVisit, ...] = ()  # the grid's log, chronological


def _when(visit: LogVisit) -> str:
    text = visit.visit_date.isoformat()
    if visit.visit_time is not None:
        text += f"\n{visit.visit_time:%H:%M}"
    return text


def _needs_text(needs: tuple[LogNeed, ...]) -> str:
    return "\n".join(f"{n.number} {n.category}：{n.description}（{n.status}）" for n in needs)


def _para(text: str, styles: Styles) -> Paragraph | str:
    # an empty cell needs no paragraph: big logs have many rows without needs
    return Paragraph(escape(text).replace("\n", "<br/>"), styles.cell) if text else ""


def _plain(text: str, styles: Styles, width: float) -> str:
    return wrap_plain(text, styles.font, FONT_SIZE, width - 6)


def _card(card: HouseholdCard, log: VisitLog, styles: Styles, unmasked: bool) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(f"{card.address}（户编号 {card.code}）"), styles.heading),
        key_value_table(styles, [
            ("网格", card.grid), ("户编号", card.code),
            ("住址", card.address), ("联系电话", shown_phone(card.phone, unmasked) or "—"),
            ("责任人", card.worker or "—"), ("状态", card.status or "—"),
        ]),
        Paragraph("家庭成员", styles.small_heading),
    ]
    residents = [
        [r.name, r.relation, r.gender, str(shown_birth(r.birth_date, unmasked) or ""),
         shown_id(r.id_number, unmasked), shown_phone(r.phone, unmasked), r.status]
        for r in card.residents
    ]
    titles = ["姓名", "与户主关系", "性别", birth_title(unmasked).zh, "身份证号", "联系电话", "状态"]
    story += data_tables(styles, titles,
                         residents, [70, 60, 30, 62, 120, 82, WIDTH - 424]) or [
        Paragraph("无登记成员", styles.muted)]
    story.append(Paragraph("人员类别", styles.small_heading))
    categories = [
        [Swatch(c.colour, c.name, styles.font), c.resident or "全户",
         c.valid_from.isoformat() if c.valid_from else "—",
         c.valid_to.isoformat() if c.valid_to else "长期", c.note]
        for c in card.categories
    ]
    story += data_tables(styles, ["类别", "对象", "有效期自", "有效期至", "说明"], categories,
                         [90, 70, 70, 70, WIDTH - 300], wrap=(4,)) or [
        Paragraph("无", styles.muted)]
    story.append(Paragraph(f"本期走访（{log.start.isoformat()} 至 {log.end.isoformat()}，"
                           f"共 {len(card.visits)} 次）", styles.small_heading))
    visits = [
        [_when(v), v.method, v.outcome, _plain("\n".join(v.team), styles, 84),
         _para(v.notes or "", styles), _para(_needs_text(v.needs), styles)]
        for v in card.visits
    ]
    story += data_tables(styles, ["日期", "方式", "结果", "走访人员", "情况记录", "诉求及办理状态"], visits,
                         [62, 32, 34, 84, WIDTH - 352, 140]) or [
        Paragraph("本期无走访记录", styles.muted)]
    if card.other_needs:
        story.append(Paragraph("本期其他诉求（来访、电话、热线等）", styles.small_heading))
        story += data_tables(
            styles, ["编号", "受理日期", "类别", "内容", "状态"],
            [[n.number, n.received_on.isoformat() if n.received_on else "", n.category, n.description,
              n.status] for n in card.other_needs],
            [80, 62, 60, WIDTH - 262, 60], wrap=(3,))
    story.append(signature_lines(styles, ["记录人", "审核人", "日期"]))
    return story


def _grid_log(log: VisitLog, styles: Styles) -> list[Flowable]:
    met = sum(1 for v in log.visits if v.outcome == "见面")
    households = len({v.household_code for v in log.visits})
    needs = sum(len(v.needs) for v in log.visits)
    story: list[Flowable] = [
        Paragraph(escape(f"{log.scope} 走访记录（按日期）"), styles.heading),
        Paragraph(f"本期走访 {len(log.visits)} 次，涉及 {households} 户，见面 {met} 次，"
                  f"提出诉求 {needs} 件。", styles.body),
        Spacer(1, 4),
    ]
    rows = [
        [_when(v), _plain(f"{v.address}\n{v.head}", styles, 86), v.method, v.outcome,
         _plain("\n".join(v.team), styles, 84), _para(v.notes or "", styles),
         _para(_needs_text(v.needs), styles)]
        for v in log.visits
    ]
    header = ["日期", "住址 / 户主", "方式", "结果", "走访人员", "情况记录", "诉求及状态"]
    story += data_tables(styles, header, rows, [56, 86, 28, 30, 84, WIDTH - 394, 110]) or [
        Paragraph("本期无走访记录", styles.muted)]
    story.append(signature_lines(styles, ["记录人", "审核人", "日期"]))
    return story


def render_visit_log(
    log: VisitLog,
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the visit log PDF; return the page count."""
    font = register_font(find_cjk_font(options.font))
    styles = Styles(font)
    story: list[Flowable] = [
        SectionStart(log),
        Paragraph(escape(f"{log.community} {TITLE}"), styles.title),
        Paragraph(escape(f"{log.scope} · 期间 {log.period}（{log.start.isoformat()} 至 "
                         f"{log.end.isoformat()}）"), styles.subtitle),
    ]
    for index, card in enumerate(log.cards):
        if index:
            story.append(PageBreak())
        story += _card(card, log, styles, options.unmasked)
        progress(0.05 * (index + 1) / max(1, len(log.cards)), f"准备 {card.code} / preparing")
    if log.visits:
        if log.cards:
            story.append(PageBreak())
        story += _grid_log(log, styles)
    if not log.cards and not log.visits:
        story.append(Paragraph("本期无走访记录 / no visits in this period", styles.body))
    decorate = running_header(f"{log.community} {TITLE}", f"{log.scope} {log.period}", log.printed_at,
                              options.unmasked)
    return write_pdf(target, story, pagesize=PAGE, margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font, title=f"{TITLE} {log.scope} {log.period}",
                     progress=progress)

