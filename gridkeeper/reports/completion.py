"""The completion report (走访完成情况) for supervisors, A4 portrait.

Period and scope, a table per grid and per category (required, done, on time, rates), a bar
chart of the rates per grid drawn with reportlab graphics, the households that missed, the
three rates for needs (三率: response, resolution, satisfaction) and signature lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

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
    PrintOptions,
    SectionStart,
    Styles,
    register_font,
    write_pdf,
)

TITLE = "走访完成情况报告"
DONE_COLOUR = colors.HexColor("#1976D2")
ON_TIME_COLOUR = colors.HexColor("#90CAF9")
# at most this many grids in one chart; a street office's 60 grids get several charts
CHART_BARS = 20


@dataclass(frozen=True)
class CompletionLine:
    """Visits owed (required), made (done) and made by their due date (on time)."""

    label: str
    required: int
    done: int
    on_time: int
    colour: str | None = None  # categories carry their colour

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
    by_grid: tuple[CompletionLine, ...]
    by_category: tuple[CompletionLine, ...]
    missed: tuple[MissedHousehold, ...] = ()
    needs: NeedRates = NeedRates()
    as_of: date | None = None  # figures counted up to this day (a period still running)


def _lines_table(styles: Styles, first: str, lines: tuple[CompletionLine, ...], total: bool
                 ) -> list[Flowable]:
    rows: list[list[object]] = []
    for line in lines:
        label: object = Swatch(line.colour, line.label, styles.font) if line.colour else line.label
        rows.append([label, str(line.required), str(line.done), str(line.on_time),
                     percent(line.done, line.required), percent(line.on_time, line.required)])
    extra: list[tuple[object, ...]] = []
    if total and lines:
        req = sum(x.required for x in lines)
        done = sum(x.done for x in lines)
        on_time = sum(x.on_time for x in lines)
        rows.append(["合计", str(req), str(done), str(on_time), percent(done, req), percent(on_time, req)])
        extra.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F5F5F5")))
    widths = [WIDTH - 5 * 72, 72, 72, 72, 72, 72]
    return data_tables(styles, [first, "应访（次）", "已访（次）", "按时（次）", "完成率", "按时率"], rows,
                       widths, right=(1, 2, 3, 4, 5), last=extra)


def _chart(lines: tuple[CompletionLine, ...], font: str, title: str) -> Drawing:
    height = 190.0
    drawing = Drawing(WIDTH, height)
    drawing.initialFontName = font  # else the renderer starts in (unembedded) Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 42
    chart.width, chart.height = WIDTH - 60, height - 80
    chart.data = [[round(100 * x.rate, 1) for x in lines], [round(100 * x.on_time_rate, 1) for x in lines]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [x.label for x in lines]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "ne" if len(lines) > 8 else "n"
    chart.categoryAxis.labels.angle = 30 if len(lines) > 8 else 0
    chart.categoryAxis.labels.dy = -2
    chart.bars[0].fillColor = DONE_COLOUR
    chart.bars[1].fillColor = ON_TIME_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(String(0, height - 12, title, fontName=font, fontSize=9, fillColor=INK))
    legend = Legend()
    legend.x, legend.y = WIDTH - 150, height - 6
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 70
    legend.colorNamePairs = [(DONE_COLOUR, "完成率"), (ON_TIME_COLOUR, "按时率")]
    drawing.add(legend)
    return drawing


def render_completion(
    report: CompletionReport,
    target: Path | str | BinaryIO,
    options: PrintOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
) -> int:
    """Write the completion report PDF; return the page count."""
    font = register_font(find_cjk_font(options.font))
    styles = Styles(font)
    as_of = f"，统计截至 {report.as_of.isoformat()}" if report.as_of and report.as_of < report.end else ""
    story: list[Flowable] = [
        SectionStart(report),
        Paragraph(escape(f"{report.community} {TITLE}"), styles.title),
        Paragraph(escape(f"统计期间 {report.period}（{report.start.isoformat()} 至 {report.end.isoformat()}"
                         f"{as_of}）· 范围：{report.scope}"), styles.subtitle),
        Paragraph("一、按网格", styles.heading),
    ]
    story += _lines_table(styles, "网格", report.by_grid, total=True) or [Paragraph("无", styles.muted)]
    for start in range(0, len(report.by_grid), CHART_BARS):
        part = report.by_grid[start:start + CHART_BARS]
        story += [Spacer(1, 8), _chart(part, font, "各网格完成率与按时率（%）")]
    progress(0.02, "图表 / chart")
    story += [CondPageBreak(120), Paragraph("二、按人员类别", styles.heading)]
    story += _lines_table(styles, "人员类别", report.by_category, total=False) or [
        Paragraph("无", styles.muted)]
    story.append(Spacer(1, 3))
    story.append(Paragraph("注：一户按其最严格的类别计；完成率 = 已访 / 应访，按时率 = 按期限内走访 / 应访。",
                           styles.muted))
    needs = report.needs
    story += [CondPageBreak(100), Paragraph("三、诉求办理“三率”", styles.heading)]
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
    story += [Paragraph(note, styles.muted) for note in NEED_RATE_NOTES]
    story += [CondPageBreak(100),
              Paragraph(f"四、未完成走访的住户（{len(report.missed)} 户）", styles.heading)]
    missed = [
        [m.grid, m.code, m.address, m.head, m.categories, str(m.failed_attempts) if m.failed_attempts else "",
         m.last_visit.isoformat() if m.last_visit else "从未"]
        for m in report.missed
    ]
    story += data_tables(styles, ["网格", "户编号", "住址", "户主", "类别", "未遇", "上次走访"], missed,
                         [56, 56, 130, 48, WIDTH - 390, 30, 70], wrap=(2, 4), right=(5,)) or [
        Paragraph("本期没有未完成走访的住户。", styles.body)]
    story += [Spacer(1, 16), signature_lines(styles, ["制表人", "审核人", "日期"])]
    decorate = running_header(f"{report.community} {TITLE}", f"{report.scope} {report.period}",
                              report.printed_at, options.unmasked)
    return write_pdf(target, story, pagesize=PAGE, margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font, title=f"{TITLE} {report.period}", progress=progress)
