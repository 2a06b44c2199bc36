"""The visit log (民情日志 / 走访记录) for a period.

Two shapes: a card per household (A4 portrait: address, residents, categories with their
validity, then each visit of the period as the paper form has it: date, method and outcome,
走访对象 (who was met), the team and 记录人, what was seen, the checks (水电气 ...), 困难,
处理措施 / 处理结果, 后续计划 with its date, the needs raised with their 处理结果, and the
审核意见), and a grid's log (A4 landscape: every visit of the period in the grid, in date
order, the same fields as columns). Supervisors file these and spot-check them.

With ID numbers masked a resident's birth is printed as the year only: the masked part of an
ID number is the birth date (domain/idnumber.shown_birth). The signature lines always share
a page with the last entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from gridkeeper.domain.idnumber import birth_title, shown_birth
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.layout import (
    CELL_PADDING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    ROW_MOST,
    WIDTH,
    Swatch,
    data_tables,
    escape,
    key_value_table,
    paragraph_parts,
    running_header,
    signature_lines,
    table_style,
    wrap_plain,
)
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    SHADE,
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
GRID_PAGE = landscape(A4)  # a grid's log: the form's fields side by side
GRID_WIDTH = GRID_PAGE[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class LogNeed:
    """A need (诉求) raised, with where it stands now and what was done (处理结果)."""

    number: str
    category: str
    description: str
    status: str  # the status label, e.g. "办理中"
    received_on: date | None = None
    result: str = ""  # 处理结果: the resolution, or why it was not taken up


@dataclass(frozen=True)
class LogVisit:
    """One visit or attempt as the paper form has it. ``address``/``head`` matter in a grid's
    log (many households)."""

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
    recorded_by: str = ""  # 记录人
    review_comment: str = ""  # 审核意见
    met_with: str = ""  # 走访对象
    checks: tuple[tuple[str, str], ...] = ()  # (what, found): ("安全", "水电气正常")
    difficulties: str = ""  # 困难
    actions_taken: str = ""  # 处理措施
    action_result: str = ""  # 处理结果
    follow_up_plan: str = ""  # 后续计划
    follow_up_on: date | None = None
    reviewed_by: str = ""
    reviewed_at: datetime | None = None
    spot_check: str = ""  # what the supervisor's confirming call found, e.g. "属实"


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
    """What a log covers: household cards, or a grid's visits in date order."""

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


def _need_text(n: LogNeed) -> str:
    text = f"{n.number} {n.category}：{n.description}（{n.status}）"
    return text + (f"\n处理结果：{n.result}" if n.result else "")


def _needs_text(needs: tuple[LogNeed, ...]) -> str:
    return "\n".join(_need_text(n) for n in needs)


def _checks_text(visit: LogVisit) -> str:
    return "；".join(f"{what}：{found}" for what, found in visit.checks)


def _plan_text(visit: LogVisit, sep: str = "") -> str:
    """The follow-up plan with its date; ``sep`` between them ("\n" in a narrow column keeps
    the date whole)."""
    when = f"（{visit.follow_up_on.isoformat()} 前）" if visit.follow_up_on else ""
    if visit.follow_up_plan:
        return visit.follow_up_plan + (sep + when if when else "")
    return f"再次走访{when}" if visit.follow_up_on else ""


def _review_text(visit: LogVisit) -> str:
    parts = []
    if visit.review_comment:
        by = " ".join(x for x in (visit.reviewed_by,
                                  visit.reviewed_at.date().isoformat() if visit.reviewed_at else "") if x)
        parts.append(visit.review_comment + (f"\n（{by}）" if by else ""))
    if visit.spot_check:
        parts.append(f"抽查回访：{visit.spot_check}")
    return "\n".join(parts)


def _para(text: str, styles: Styles) -> Paragraph | str:
    # an empty cell needs no paragraph: big logs have many rows without needs
    return Paragraph(escape(text).replace("\n", "<br/>"), styles.cell) if text else ""


def _plain(text: str, styles: Styles, width: float) -> str:
    return wrap_plain(text, styles.font, FONT_SIZE, width - 6)


def _visit_form(visit: LogVisit, styles: Styles) -> Table:
    """One visit as the paper form lays it out: label / value rows, only those filled in."""
    label_w = 52.0
    value_w = WIDTH / 2 - label_w
    when = visit.visit_date.isoformat() + (f" {visit.visit_time:%H:%M}" if visit.visit_time else "")
    rows: list[list[Any]] = [
        ["日期", when, "方式 / 结果", f"{visit.method} · {visit.outcome}"],
        ["走访对象", _para(visit.met_with or "—", styles), "记录人", visit.recorded_by or "—"],
    ]
    wide = [
        ("走访人员", "、".join(visit.team)), ("情况记录", visit.notes), ("检查情况", _checks_text(visit)),
        ("困难", visit.difficulties), ("处理措施", visit.actions_taken), ("处理结果", visit.action_result),
        ("后续计划", _plan_text(visit)), ("诉求及处理", _needs_text(visit.needs)),
        ("审核意见", _review_text(visit)),
    ]
    across, down = CELL_PADDING
    for label, text in wide:
        if text:  # a long record goes on in rows of its own, none taller than a page
            parts = paragraph_parts(_para(text, styles), WIDTH - label_w - across, ROW_MOST - down)
            rows += [[label if i == 0 else "", part, "", ""] for i, part in enumerate(parts)]
    style = table_style(styles.font, header_rows=0)
    style.add("BACKGROUND", (0, 0), (0, -1), SHADE)
    style.add("BACKGROUND", (2, 0), (2, 1), SHADE)
    for r in range(2, len(rows)):
        style.add("SPAN", (1, r), (3, r))
    return Table(rows, colWidths=[label_w, value_w, label_w, value_w], style=style, hAlign="LEFT")


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
    story += data_tables(styles, titles, residents, [70, 60, 30, 62, 120, 82, WIDTH - 424]) or [
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
    signature = signature_lines(styles, ["记录人", "审核人", "日期"])
    # one visit's form is never split across two pages (a date on one page, its record on
    # the next); a form taller than a page still splits, as KeepTogether allows
    forms = [_visit_form(visit, styles) for visit in card.visits]
    entries: list[Flowable] = [KeepTogether([form, Spacer(1, 6)]) for form in forms]
    if card.other_needs:
        story += entries
        story.append(Paragraph("本期其他诉求（来访、电话、热线等）", styles.small_heading))
        story += data_tables(
            styles, ["编号", "受理日期", "类别", "内容", "状态 / 处理结果"],
            [[n.number, n.received_on.isoformat() if n.received_on else "", n.category, n.description,
              n.status + (f"：{n.result}" if n.result else "")] for n in card.other_needs],
            [80, 62, 60, WIDTH - 332, 130], wrap=(3, 4), closing=signature)
        return story
    if not entries:
        return [*story, KeepTogether([Paragraph("本期无走访记录", styles.muted), Spacer(1, 10), signature])]
    # the signature lines go with the last entry, never alone on a page
    return [*story, *entries[:-1], KeepTogether([forms[-1], Spacer(1, 10), signature])]


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
    widths = [50, 92, 40, 52, 84, 0, 110, 100, 84]
    widths[5] = GRID_WIDTH - sum(widths)
    rows = []
    for v in log.visits:
        situation = "\n".join(x for x in (v.notes, _checks_text(v), f"困难：{v.difficulties}"
                                          if v.difficulties else "") if x)
        handling = "\n".join(x for x in (f"措施：{v.actions_taken}" if v.actions_taken else "",
                                         f"结果：{v.action_result}" if v.action_result else "",
                                         f"计划：{_plan_text(v, chr(10))}" if _plan_text(v) else "") if x)
        team = "\n".join(v.team) + (f"\n记录：{v.recorded_by}" if v.recorded_by else "")
        rows.append([_when(v), _plain(f"{v.address}\n{v.head}", styles, widths[1]),
                     f"{v.method}\n{v.outcome}", _para(v.met_with, styles), _plain(team, styles, widths[4]),
                     _para(situation, styles), _para(handling, styles), _para(_needs_text(v.needs), styles),
                     _para(_review_text(v), styles)])
    header = ["日期", "住址 / 户主", "方式\n结果", "走访对象", "走访人员\n记录人", "情况记录 / 检查 / 困难",
              "处理措施 / 结果 / 后续计划", "诉求及处理结果", "审核意见"]
    story += data_tables(styles, header, rows, widths,
                         closing=signature_lines(styles, ["记录人", "审核人", "日期"])) or [
        Paragraph("本期无走访记录", styles.muted)]
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
    pagesize = PAGE if log.cards or not log.visits else GRID_PAGE
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
                              options.unmasked, pagesize)
    return write_pdf(target, story, pagesize=pagesize,
                     margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font, title=f"{TITLE} {log.scope} {log.period}",
                     progress=progress)
