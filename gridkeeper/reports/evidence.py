"""A worker's evidence pack for assessment (社工考评材料), A4 portrait.

What assessment asks of a social worker quarter by quarter: completion against the visit
rules (per category, against each category's target), the visits a supervisor reviewed with
their comments, the spot checks of their visits (抽查回访) and what the calls found, the
needs they closed and the residents' satisfaction. Signature lines stay with the last table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.completion import STANDING_COLOUR, STANDING_TEXT, CompletionLine, SpotChecks
from gridkeeper.reports.layout import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    WIDTH,
    Swatch,
    data_tables,
    escape,
    percent,
    running_header,
    signature_lines,
)
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    PrintOptions,
    SectionStart,
    Styles,
    register_font,
    write_pdf,
)

TITLE = "工作人员考评材料"


@dataclass(frozen=True)
class ReviewedVisit:
    visit_date: date
    household: str  # code and address
    outcome: str  # label
    comment: str
    reviewer: str


@dataclass(frozen=True)
class CheckedCall:
    """One spot-check call about a visit the worker made."""

    visit_date: date
    household: str
    result: str  # label, "" while not yet called
    note: str = ""


@dataclass(frozen=True)
class ClosedNeed:
    number: str
    category: str
    received_on: date
    resolved_on: date | None
    result: str  # 处理结果
    satisfaction: str  # label, "" when not rated


@dataclass(frozen=True)
class EvidencePack:
    community: str
    worker: str
    period: str
    start: date
    end: date
    printed_at: datetime
    completion: tuple[CompletionLine, ...] = ()  # per category, against targets
    total: CompletionLine | None = None
    visits_made: int = 0  # visits the worker took part in, in the period
    reviewed: tuple[ReviewedVisit, ...] = ()
    checks: SpotChecks | None = None
    calls: tuple[CheckedCall, ...] = ()
    needs_handled: int = 0  # needs in the worker's hands received in the period
    closed: tuple[ClosedNeed, ...] = ()  # resolved or closed in the period
    as_of: date | None = None


def _completion(pack: EvidencePack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("一、走访完成情况（负责住户，按人员类别对照目标）", styles.heading)]
    if not pack.completion:
        return story + [Paragraph("本期负责住户无应访。", styles.body)]
    rows, commands = [], {}
    for i, line in enumerate((*pack.completion, *([pack.total] if pack.total else []))):
        label = Swatch(line.colour, line.label, styles.font) if line.colour else line.label
        rows.append([label, f"{line.target}%" if line.target is not None else "", str(line.households),
                     str(line.required), str(line.done), str(line.on_time), percent(line.done, line.required),
                     STANDING_TEXT.get(line.standing, "")])
        commands[i] = [("TEXTCOLOR", 7, 7, colors.HexColor(STANDING_COLOUR.get(line.standing, "#222222")))]
    last = [("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEEEEE"))] if pack.total else []
    header = ["人员类别", "目标", "应访户数", "应访", "已访", "按时", "完成率", "达标"]
    return story + data_tables(styles, header, rows, [WIDTH - 7 * 52, *[52] * 7], right=(1, 2, 3, 4, 5, 6),
                               row_commands=commands, last=last)


def _reviews(pack: EvidencePack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(80), Paragraph("二、走访记录审核（点评）", styles.heading),
        Paragraph(f"本期参与走访 {pack.visits_made} 次，其中经督导审核 {len(pack.reviewed)} 次。",
                  styles.body)]
    if pack.reviewed:
        rows = [[v.visit_date.isoformat(), v.household, v.outcome, v.comment, v.reviewer]
                for v in pack.reviewed]
        story += data_tables(styles, ["日期", "住户", "结果", "审核意见", "审核人"], rows,
                             [58, 150, 40, WIDTH - 308, 60], wrap=(1, 3))
    return story


def _checks(pack: EvidencePack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80), Paragraph("三、抽查回访核实", styles.heading)]
    c = pack.checks
    if c is None or not c.drawn:
        return story + [Paragraph("本期未抽查其走访。", styles.body)]
    story.append(Paragraph(
        f"抽取 {c.drawn} 次，已回访 {c.called} 次：属实 {c.confirmed}，不属实 {c.not_confirmed}，"
        f"未接通 {c.unreachable}；核实率 {percent(c.confirmed, c.confirmed + c.not_confirmed)}。",
        styles.body))
    rows = [[call.visit_date.isoformat(), call.household, call.result or "待回访", call.note]
            for call in pack.calls]
    return story + data_tables(styles, ["走访日期", "住户", "回访结果", "说明"], rows,
                               [58, 170, 50, WIDTH - 278], wrap=(1, 3))


def _needs(pack: EvidencePack, styles: Styles, closing: Flowable) -> list[Flowable]:
    rated = [n for n in pack.closed if n.satisfaction]
    satisfied = sum(1 for n in rated if n.satisfaction in ("满意", "基本满意"))
    story: list[Flowable] = [
        CondPageBreak(80), Paragraph("四、诉求办结与满意度", styles.heading),
        Paragraph(f"本期受理并由其办理 {pack.needs_handled} 件；本期办结 {len(pack.closed)} 件；"
                  f"回访评价 {len(rated)} 件，满意与基本满意 {satisfied} 件，"
                  f"满意率 {percent(satisfied, len(rated))}。", styles.body)]
    rows = [[n.number, n.category, n.received_on.isoformat(),
             n.resolved_on.isoformat() if n.resolved_on else "", n.result, n.satisfaction or "未评价"]
            for n in pack.closed]
    return story + (data_tables(styles, ["编号", "类别", "受理", "办结", "处理结果", "满意度"], rows,
                                [76, 54, 58, 58, WIDTH - 306, 60], wrap=(4,), closing=closing)
                    or [closing])


def render_evidence(
    pack: EvidencePack,
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the evidence pack PDF; return the page count."""
    font = register_font(find_cjk_font(options.font))
    styles = Styles(font)
    as_of = f"，统计截至 {pack.as_of.isoformat()}" if pack.as_of and pack.as_of < pack.end else ""
    story: list[Flowable] = [
        SectionStart(pack),
        Paragraph(escape(f"{pack.community} {TITLE}"), styles.title),
        Paragraph(escape(f"{pack.worker} · 考评期间 {pack.period}（{pack.start.isoformat()} 至 "
                         f"{pack.end.isoformat()}{as_of}）"), styles.subtitle),
    ]
    story += _completion(pack, styles)
    story += _reviews(pack, styles)
    story += _checks(pack, styles)
    story += _needs(pack, styles, signature_lines(styles, ["被考评人", "考评人", "日期"]))
    decorate = running_header(f"{pack.community} {TITLE}", f"{pack.worker} {pack.period}", pack.printed_at,
                              options.unmasked)
    return write_pdf(target, story, pagesize=PAGE, margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font, title=f"{TITLE} {pack.worker} {pack.period}",
                     progress=progress)
