"""The needs report (诉求办理“三率”统计表), A4 portrait: the three rates of a period per grid,
category or handler with the counts behind each, the total, what each rate counts printed
under the table (docs/three-rates.md), and signature lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer

from gridkeeper.domain.needs import RATE_DEFINITIONS
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.layout import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    WIDTH,
    data_tables,
    escape,
    percent,
    running_header,
    signature_lines,
)
from gridkeeper.reports.pdf import DEFAULT_OPTIONS, PrintOptions, Styles, register_font, write_pdf

TITLE = "诉求办理“三率”统计表"

# printed under every table of the three rates
NEED_RATE_NOTES = tuple(d.zh for d in RATE_DEFINITIONS)


@dataclass(frozen=True)
class RateLine:
    """One group's counts (a grid, a category or a handler, or the total)."""

    label: str
    received: int
    responded_on_time: int
    counted_for_resolution: int  # received minus rejected
    resolved: int
    resolved_on_time: int
    called_back: int
    satisfied: int


@dataclass(frozen=True)
class NeedRatesReport:
    community: str
    period: str  # "2026-11"
    start: date
    end: date
    by: str  # the grouping's title: 网格 / 诉求类别 / 承办人
    printed_at: datetime
    lines: tuple[RateLine, ...]
    total: RateLine


HEADER = ["", "受理", "按时响应", "响应率", "已解决", "按期解决", "按期解决率", "已回访", "满意",
          "满意率"]
_NUMBER = 44
_WIDTHS = [WIDTH - 9 * _NUMBER, *[_NUMBER] * 9]


def _row(line: RateLine) -> list[str]:
    return [line.label, str(line.received), str(line.responded_on_time),
            percent(line.responded_on_time, line.received), str(line.resolved),
            str(line.resolved_on_time), percent(line.resolved_on_time, line.counted_for_resolution),
            str(line.called_back), str(line.satisfied), percent(line.satisfied, line.called_back)]


def render_need_rates(report: NeedRatesReport, target: Path | str | BinaryIO,
                      options: PrintOptions = DEFAULT_OPTIONS,
                      progress: Progress = no_progress) -> int:
    """Write the needs report PDF; return the page count."""
    font = register_font(find_cjk_font(options.font))
    styles = Styles(font)
    story: list[Flowable] = [
        Paragraph(escape(f"{report.community} {TITLE}"), styles.title),
        Paragraph(escape(f"受理期间 {report.period}（{report.start.isoformat()} 至 "
                         f"{report.end.isoformat()}）· 按{report.by}"), styles.subtitle),
    ]
    rows = [_row(line) for line in report.lines] + [_row(report.total)]
    last = (("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F5F5F5")),)
    story += data_tables(styles, [report.by, *HEADER[1:]], rows, _WIDTHS, wrap=(0,),
                         right=tuple(range(1, 10)), last=last)
    story.append(Spacer(1, 4))
    story += [Paragraph(escape(note), styles.muted) for note in NEED_RATE_NOTES]
    story += [Spacer(1, 16), signature_lines(styles, ["制表人", "审核人", "日期"])]
    decorate = running_header(f"{report.community} {TITLE}", f"按{report.by} {report.period}",
                              report.printed_at, False)
    return write_pdf(target, story, pagesize=PAGE,
                     margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM), decorate=decorate,
                     font=font, title=f"{TITLE} {report.period}", progress=progress)

