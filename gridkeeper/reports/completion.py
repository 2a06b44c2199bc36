"""The completion report (走访完成情况) for supervisors, A4 portrait, one document per grouping.

By grid, by worker or by category, each with its own table: who is behind their targets
first (exceptions), then every grid / worker / category with community subtotals and
communities in order, a bar chart of completion against target (one per community, every
bar named), the three rates for needs (三率), the spot checks per worker (抽查回访), and, only
when asked, the households missed per grid. The signature lines stay on the page of the
last table's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

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
    percent,
    running_header,
    signature_lines,
)
from gridkeeper.reports.need_rates import NEED_RATE_NOTES
from gridkeeper.reports.pdf import (
    DEFAULT_OPTIONS,
    INK,
    MUTED,
    RULE,
    PrintOptions,
    SectionStart,
    Styles,
    fit,
    register_font,
    write_pdf,
)

TITLE = "走访完成情况报告"
GROUPINGS = {"grid": "网格", "worker": "工作人员", "category": "人员类别"}
STANDING_TEXT = {"red": "未达标", "amber": "预警", "green": "达标", "none": "无应访"}
STANDING_COLOUR = {"red": "#C62828", "amber": "#E08A00", "green": "#2E7D32", "none": "#9E9E9E"}
SUBTOTAL_SHADE = colors.HexColor("#F5F5F5")
# bars per chart: a community's 60 grids get two charts, each fits a page
CHART_BARS = 45
BAR_ROW = 13.0  # points per bar: 7-point labels one row apart never touch
LABEL_SIZE = 7.0


@dataclass(frozen=True)
class SpotChecks:
    """A worker's spot checks (抽查回访) in the period."""

    worker: str
    drawn: int = 0
    confirmed: int = 0
    not_confirmed: int = 0
    unreachable: int = 0

    @property
    def called(self) -> int:
        return self.confirmed + self.not_confirmed + self.unreachable


@dataclass(frozen=True)
class CompletionLine:
    """One grid, worker or category (or a subtotal): visits owed (required), made (done), made
    by their due date (on time), and where it stands against its targets."""

    label: str
    required: int
    done: int
    on_time: int
    households: int = 0  # households with a visit owed
    missed: int = 0  # households that missed one
    colour: str | None = None  # categories carry their colour
    community: str = ""
    target: int | None = None  # a category's target rate (percent)
    standing: str = "none"  # red / amber / green / none
    behind: str = ""  # the categories short of target, "独居老人 80%（目标 100%）"
    checks: SpotChecks | None = None  # workers: their spot checks
    subtotal: bool = False

    @property
    def rate(self) -> float:
        return self.done / self.required if self.required else 0.0

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.required if self.required else 0.0


@dataclass(frozen=True)
class MissedHousehold:
    """A household with a visit owed in the period and not made by the end of its period."""

    grid: str
    code: str
    address: str
    head: str
    categories: str
    last_visit: date | None = None
    failed_attempts: int = 0  # visits in the period that met nobody


@dataclass(frozen=True)
class NeedRates:
    """The counts behind the three rates (三率) over the needs received in the period, as
    docs/three-rates.md defines them (NEED_RATE_NOTES prints the definitions)."""

    received: int = 0
    responded_on_time: int = 0
    counted_for_resolution: int = 0  # received minus rejected (不予受理)
    resolved: int = 0  # resolved at all, late ones too
    resolved_on_time: int = 0
    called_back: int = 0  # with a callback (回访) rating
    satisfied: int = 0  # 满意 or 基本满意 at the latest callback


@dataclass(frozen=True)
class CompletionReport:
    community: str
    period: str  # "2026Q3"
    start: date
    end: date
    scope: str  # "全部网格" / a grid's name
    printed_at: datetime
    by: str = "grid"  # grid / worker / category
    lines: tuple[CompletionLine, ...] = ()  # communities in order, each followed by its subtotal
    total: CompletionLine | None = None
    exceptions: tuple[CompletionLine, ...] = ()  # behind, then at risk
    missed: tuple[MissedHousehold, ...] = ()  # printed only when asked for
    missed_count: int = 0  # households missed, printed or not
    needs: NeedRates = NeedRates()
    checks: tuple[SpotChecks, ...] = ()  # per worker
    as_of: date | None = None  # figures counted up to this day (a period still running)
    targets: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # (category, target %)


def _standing_cell(line: CompletionLine) -> str:
    return STANDING_TEXT.get(line.standing, "")


def _check_cells(checks: SpotChecks | None) -> list[str]:
    if checks is None or not checks.drawn:
        return ["", ""]
    asked = checks.confirmed + checks.not_confirmed
    return [f"{checks.called}/{checks.drawn}", percent(checks.confirmed, asked)]


def _columns(by: str) -> tuple[list[str], list[float], tuple[int, ...], int]:
    """Header, widths, right-aligned columns and the standing column of each grouping's table
    (the categories behind target are in the exceptions table above it)."""
    if by == "worker":
        header = ["工作人员", "负责户数", "应访", "已访", "按时", "完成率", "按时率", "漏访户",
                  "抽查回访", "核实率", "达标"]
        numbers = [44, 40, 40, 40, 46, 46, 40, 46, 46, 40]
    elif by == "category":
        header = ["人员类别", "目标", "应访户数", "应访", "已访", "按时", "完成率", "按时率", "达标"]
        numbers = [36, 46, 46, 46, 46, 50, 50, 44]
    else:
        header = ["网格", "应访户数", "应访", "已访", "按时", "完成率", "按时率", "漏访户", "达标"]
        numbers = [46, 46, 46, 46, 50, 50, 44, 44]
    standing = len(header) - 1
    return header, [WIDTH - sum(numbers), *numbers], tuple(range(1, standing)), standing


def _row(by: str, line: CompletionLine, styles: Styles) -> list[Any]:
    label: Any = line.label
    if line.colour and not line.subtotal:
        label = Swatch(line.colour, line.label, styles.font)
    counts = [str(line.required), str(line.done), str(line.on_time), percent(line.done, line.required),
              percent(line.on_time, line.required)]
    if by == "worker":
        return [label, str(line.households), *counts, str(line.missed), *_check_cells(line.checks),
                _standing_cell(line)]
    if by == "category":
        return [label, f"{line.target}%" if line.target is not None else "", str(line.households), *counts,
                _standing_cell(line)]
    return [label, str(line.households), *counts, str(line.missed), _standing_cell(line)]


def _main_table(report: CompletionReport, styles: Styles) -> list[Flowable]:
    header, widths, right, standing = _columns(report.by)
    rows: list[list[Any]] = []
    commands: dict[int, list[tuple[Any, ...]]] = {}
    communities = {line.community for line in report.lines if not line.subtotal}
    show_communities = report.by != "category" and len(communities) > 1
    current = None
    for line in report.lines:
        if show_communities and not line.subtotal and line.community != current:
            current = line.community
            commands[len(rows)] = [("SPAN", 0, -1), ("BACKGROUND", 0, -1, colors.HexColor("#E3F2FD"))]
            rows.append([f"{line.community}"] + [""] * (len(header) - 1))
        if line.subtotal and not show_communities:
            continue  # one community: its subtotal is the total
        commands.setdefault(len(rows), []).append(
            ("TEXTCOLOR", standing, standing, colors.HexColor(STANDING_COLOUR.get(line.standing, "#222222"))))
        if line.subtotal:
            commands[len(rows)].append(("BACKGROUND", 0, -1, SUBTOTAL_SHADE))
        rows.append(_row(report.by, line, styles))
    last: list[tuple[Any, ...]] = []
    if report.total is not None and report.lines:
        rows.append(_row(report.by, report.total, styles))
        commands[len(rows) - 1] = [("TEXTCOLOR", standing, standing,
                                    colors.HexColor(STANDING_COLOUR.get(report.total.standing, "#222222")))]
        last.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEEEEE")))
    return data_tables(styles, header, rows, widths, right=right, last=last, row_commands=commands)


def _label_width(labels: Sequence[str], font: str) -> float:
    widest = max((pdfmetrics.stringWidth(text, font, LABEL_SIZE) for text in labels), default=0.0)
    return min(max(widest + 6, 40.0), 170.0)


def bar_chart(lines: Sequence[CompletionLine], font: str, title: str) -> Drawing:
    """Completion per grid / worker / category as horizontal bars, one row each, named in
    full on the left, the rate written after the bar and the target marked as a tick.

    Each label has a row of its own, so no two labels can meet, whatever the names."""
    label_w = _label_width([x.label for x in lines], font)
    value_w = 34.0
    plot_w = WIDTH - label_w - value_w
    top_pad, bottom_pad = 26.0, 16.0
    height = top_pad + BAR_ROW * len(lines) + bottom_pad
    drawing = Drawing(WIDTH, height)
    drawing.initialFontName = font  # else the renderer starts in (unembedded) Helvetica
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9, fillColor=INK))
    # legend on the title's line, right-aligned, each item measured so none overlap
    x = WIDTH
    ticks = any(line.target is not None for line in lines)
    legend = [("达标", STANDING_COLOUR["green"]), ("预警", STANDING_COLOUR["amber"]),
              ("未达标", STANDING_COLOUR["red"]), *([("| 目标", None)] if ticks else [])]
    for text, colour in reversed(legend):
        x -= pdfmetrics.stringWidth(text, font, LABEL_SIZE) + (12 if colour else 4)
        if colour:
            drawing.add(Rect(x, height - 10, 7, 7, fillColor=colors.HexColor(colour), strokeColor=None))
            drawing.add(String(x + 9, height - 9, text, fontName=font, fontSize=LABEL_SIZE, fillColor=INK))
        else:
            drawing.add(String(x, height - 9, text, fontName=font, fontSize=LABEL_SIZE, fillColor=INK))
    plot_top = height - top_pad
    for step in range(0, 101, 20):
        gx = label_w + plot_w * step / 100
        drawing.add(Line(gx, bottom_pad, gx, plot_top, strokeColor=colors.HexColor("#DDDDDD"),
                         strokeWidth=0.4))
        drawing.add(String(gx, bottom_pad - 9, f"{step}%", fontName=font, fontSize=6, fillColor=MUTED,
                           textAnchor="middle"))
    for i, line in enumerate(lines):
        y = plot_top - BAR_ROW * (i + 1)
        drawing.add(String(label_w - 4, y + 3.5, fit(line.label, font, LABEL_SIZE, label_w - 6),
                           fontName=font, fontSize=LABEL_SIZE, fillColor=INK, textAnchor="end"))
        if not line.required:
            drawing.add(String(label_w + 2, y + 3.5, "无应访", fontName=font, fontSize=6, fillColor=MUTED))
            continue
        colour = colors.HexColor(STANDING_COLOUR.get(line.standing, "#1976D2"))
        drawing.add(Rect(label_w, y + 2, max(plot_w * line.rate, 0.5), BAR_ROW - 4, fillColor=colour,
                         strokeColor=None))
        if line.target is not None:
            tx = label_w + plot_w * line.target / 100
            drawing.add(Line(tx, y + 0.5, tx, y + BAR_ROW - 0.5, strokeColor=INK, strokeWidth=1))
        drawing.add(String(label_w + plot_w * line.rate + 3, y + 3.5, f"{100 * line.rate:.1f}%",
                           fontName=font, fontSize=6.5, fillColor=INK))
    drawing.add(Line(label_w, bottom_pad, label_w, plot_top, strokeColor=RULE, strokeWidth=0.6))
    return drawing


def _charts(report: CompletionReport, font: str) -> list[Flowable]:
    """One chart per community (several when it has more than :data:`CHART_BARS` grids)."""
    what = {"grid": "各网格", "worker": "各工作人员", "category": "各类别"}[report.by]
    groups: dict[str, list[CompletionLine]] = {}
    for line in report.lines:
        if not line.subtotal:
            groups.setdefault(line.community if report.by != "category" else "", []).append(line)
    story: list[Flowable] = []
    for community, lines in groups.items():
        for start in range(0, len(lines), CHART_BARS):
            part = lines[start:start + CHART_BARS]
            tick = "，竖线为目标" if report.by == "category" else ""
            title = f"{community + ' ' if community and len(groups) > 1 else ''}{what}完成率（%{tick}）"
            if len(lines) > CHART_BARS:
                title += f"（{start + 1}-{start + len(part)}）"
            story += [Spacer(1, 6), bar_chart(part, font, title)]
    return story


def _exceptions(report: CompletionReport, styles: Styles) -> list[Flowable]:
    who = GROUPINGS[report.by]
    story: list[Flowable] = [Paragraph(f"一、未达标与预警的{who}（优先关注）", styles.heading)]
    if not report.exceptions:
        story.append(Paragraph(f"全部{who}均达到目标完成率。", styles.body))
        return story
    behind = sum(1 for x in report.exceptions if x.standing == "red")
    story.append(Paragraph(f"未达标 {behind} 个，预警 {len(report.exceptions) - behind} 个。"
                           "低于目标 10 个百分点以内、或周期未结束仍可补访达标的为预警。", styles.muted))
    several = len({line.community for line in report.exceptions}) > 1
    rows, commands = [], {}
    for i, line in enumerate(report.exceptions):
        rows.append([line.label, *([line.community] if several else []), _standing_cell(line),
                     percent(line.done, line.required),
                     line.behind or (f"目标 {line.target}%" if line.target is not None else "")])
        status = 2 if several else 1
        commands[i] = [("TEXTCOLOR", status, status, colors.HexColor(STANDING_COLOUR[line.standing]))]
    header = [who, *(["所属社区"] if several else []), "状态", "完成率", "未达标类别（完成率 / 目标）"]
    widths = [96, *([90] if several else []), 40, 44]
    story += data_tables(styles, header, rows, [*widths, WIDTH - sum(widths)], wrap=(len(header) - 1,),
                         right=(len(header) - 2,), row_commands=commands)
    return story


def _need_rates(report: CompletionReport, styles: Styles, number: str) -> list[Flowable]:
    needs = report.needs
    story: list[Flowable] = [CondPageBreak(100), Paragraph(f"{number}、诉求办理“三率”", styles.heading)]
    story += data_tables(styles, ["指标（分子 / 分母）", "分子", "分母", "比率"], [
        ["响应率（按时响应 / 受理）", str(needs.responded_on_time), str(needs.received),
         percent(needs.responded_on_time, needs.received)],
        ["按期解决率（按期解决 / 受理，不含不予受理）", str(needs.resolved_on_time),
         str(needs.counted_for_resolution), percent(needs.resolved_on_time, needs.counted_for_resolution)],
        ["已解决（含超期解决 / 受理，不含不予受理）", str(needs.resolved), str(needs.counted_for_resolution),
         percent(needs.resolved, needs.counted_for_resolution)],
        ["满意率（满意与基本满意 / 已回访）", str(needs.satisfied), str(needs.called_back),
         percent(needs.satisfied, needs.called_back)],
    ], [WIDTH - 3 * 80, 80, 80, 80], right=(1, 2, 3))
    story.append(Spacer(1, 3))
    story += [Paragraph(escape(note), styles.muted) for note in NEED_RATE_NOTES]
    return story


def _spot_checks(report: CompletionReport, styles: Styles, number: str) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80), Paragraph(f"{number}、抽查回访核实情况", styles.heading)]
    if not report.checks:
        return story + [Paragraph("本期没有抽查回访。", styles.body)]
    rows = [[c.worker, str(c.drawn), str(c.called), str(c.confirmed), str(c.not_confirmed),
             str(c.unreachable), percent(c.confirmed, c.confirmed + c.not_confirmed)] for c in report.checks]
    story += data_tables(styles, ["工作人员", "抽取", "已回访", "属实", "不属实", "未接通", "核实率"], rows,
                         [WIDTH - 6 * 60, 60, 60, 60, 60, 60, 60], right=(1, 2, 3, 4, 5, 6))
    story += [Spacer(1, 3), Paragraph("核实率 = 属实 / （属实 + 不属实）；经核实未走访的记录已不计入完成数。",
                                      styles.muted)]
    return story


def _missed(report: CompletionReport, styles: Styles, number: str, closing: Flowable) -> list[Flowable]:
    """The last section; ``closing`` (the signature lines) stays on the page of its end."""
    heading = Paragraph(f"{number}、未完成走访的住户（{report.missed_count} 户）", styles.heading)
    if not report.missed:
        note = ("本期没有未完成走访的住户。" if not report.missed_count else
                "明细未附（打印时选择“附漏访名单”或命令行加 --missed，按网格列出）。")
        return [KeepTogether([heading, Paragraph(note, styles.body), Spacer(1, 16), closing])]
    story: list[Flowable] = [CondPageBreak(100), heading]
    by_grid: dict[str, list[MissedHousehold]] = {}
    for m in report.missed:
        by_grid.setdefault(m.grid, []).append(m)
    for index, (grid, households) in enumerate(by_grid.items()):
        story += [CondPageBreak(60),
                  Paragraph(escape(f"{grid}（{len(households)} 户）"), styles.small_heading)]
        rows = [[m.code, m.address, m.head, m.categories, str(m.failed_attempts) if m.failed_attempts else "",
                 m.last_visit.isoformat() if m.last_visit else "从未"] for m in households]
        story += data_tables(styles, ["户编号", "住址", "户主", "类别", "未遇", "上次走访"], rows,
                             [60, 150, 52, WIDTH - 352, 30, 60], wrap=(1, 3), right=(4,),
                             closing=closing if index == len(by_grid) - 1 else None)
    return story


def render_completion(
    report: CompletionReport,
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the completion report PDF; return the page count."""
    font = register_font(find_cjk_font(options.font))
    styles = Styles(font)
    who = GROUPINGS[report.by]
    as_of = f"，统计截至 {report.as_of.isoformat()}" if report.as_of and report.as_of < report.end else ""
    story: list[Flowable] = [
        SectionStart(report),
        Paragraph(escape(f"{report.community} {TITLE}（按{who}）"), styles.title),
        Paragraph(escape(f"统计期间 {report.period}（{report.start.isoformat()} 至 {report.end.isoformat()}"
                         f"{as_of}）· 范围：{report.scope}"), styles.subtitle),
    ]
    story += _exceptions(report, styles)
    story += [CondPageBreak(120), Paragraph(f"二、按{who}统计", styles.heading)]
    if report.targets and report.by != "category":
        targets = "，".join(f"{name} {rate}%" for name, rate in report.targets)
        story.append(Paragraph(escape(f"目标完成率：{targets}"), styles.muted))
    story += _main_table(report, styles) or [Paragraph("本期无应访", styles.muted)]
    story.append(Spacer(1, 3))
    story.append(Paragraph("注：一户按其最严格的类别计；完成率 = 已访 / 应访，按时率 = 按期限内走访 / 应访；"
                           "达标按各类别目标完成率判断，一个对象有任一类别未达标即为未达标。", styles.muted))
    progress(0.02, "图表 / chart")
    if report.lines:
        story += _charts(report, font)
    sections = ["三", "四", "五"]
    story += _need_rates(report, styles, sections.pop(0))
    if report.by != "worker":
        story += _spot_checks(report, styles, sections.pop(0))
    story += _missed(report, styles, sections.pop(0), signature_lines(styles, ["制表人", "审核人", "日期"]))
    decorate = running_header(f"{report.community} {TITLE}", f"{report.scope} {report.period} 按{who}",
                              report.printed_at, options.unmasked)
    return write_pdf(target, story, pagesize=PAGE, margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font, title=f"{TITLE} {report.period}", progress=progress)
