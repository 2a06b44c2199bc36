"""The 统计报表 page: completion figures for a period (week to year) grouped by grid, worker
or category, the households missed, and export to PDF (the completion report) and Excel.

The figures come from ``gk.completion``, computed off the UI thread, as counts: the households
behind them are listed for the total (shown first) and asked for when another line is chosen
(a street's year lists a hundred thousand households per line otherwise). The exports are
operations (ui/operations.py): off the UI thread, and a refusal or a failure is said on the page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Period
from gridkeeper.domain.i18n import language
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.roles import Permission
from gridkeeper.services.completion import CompletionFigures, CompletionReport
from ui import icons
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, unbroken_clauses
from ui.widgets.colours import fill_grid_box, grid_labels
from ui.widgets.household_pages import PagedHouseholdList
from ui.widgets.permissions import allow
from ui.widgets.tables import HeaderSort, compact, fit_columns

GROUPINGS = ("grid", "worker", "category")
COLUMNS = 9
STANDING = 8


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class ReportsPage(QWidget):
    icon_name = "fa5s.chart-bar"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # the page only reads, prints and exports: narrowed to the community chosen in the tree
        self.gk = context.gk
        self._community: int | None = None
        self._stale = False  # the community changed: the figures again
        self.report: CompletionReport | None = None
        self.runner = Runner(self)
        self.lookup = Runner(self)  # the households behind the line chosen
        self.kind_box = QComboBox()
        lang = language()
        for kind in Period:
            self.kind_box.addItem(kind.label.get(lang), kind)
        self.kind_box.setCurrentIndex(list(Period).index(Period.MONTH))
        self.span = span_of(Period.MONTH, date.today())
        self.previous_button = QPushButton(icons.icon("fa5s.chevron-left"), "")
        self.previous_button.setToolTip(self.tr("上一期"))
        self.period_label = QLabel()
        self.period_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(icons.icon("fa5s.chevron-right"), "")
        self.next_button.setToolTip(self.tr("下一期"))
        self.group_box = QComboBox()
        for key, text in zip(GROUPINGS, (self.tr("按网格"), self.tr("按网格员"), self.tr("按管理类别")),
                             strict=True):
            self.group_box.addItem(text, key)
        self.grid_box = QComboBox()
        self._fill_grids()
        self.exceptions_first = QCheckBox(self.tr("未达标在前"))
        self.exceptions_first.setChecked(True)
        self.exceptions_first.setToolTip(self.tr("按达标情况排序：未达标、预警在前，其余按网格顺序"))
        self.pdf_button = QPushButton(icons.icon("fa5s.file-pdf"), self.tr("导出 PDF"))
        self.with_missed = QCheckBox(self.tr("附漏访名单"))
        self.with_missed.setToolTip(self.tr("PDF 按网格列出每一户未完成走访的住户（全年可达数十页）"))
        self.excel_button = QPushButton(icons.icon("fa5s.file-excel"), self.tr("导出 Excel"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("周期：")))
        bar.addWidget(self.kind_box)
        for widget in (self.previous_button, self.period_label, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(QLabel(self.tr("分组：")))
        bar.addWidget(self.group_box)
        bar.addWidget(QLabel(self.tr("网格：")))
        bar.addWidget(self.grid_box)
        bar.addWidget(self.progress)
        bar.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        compact(self.kind_box, self.group_box, self.grid_box, letters=6)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("分组"), self.tr("应访户数"), self.tr("应访次数"), self.tr("已访次数"),
            self.tr("完成率"), self.tr("按时率"), self.tr("漏访户数"), self.tr("待访户数"), self.tr("达标")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_columns(self.table, COLUMNS - 1)  # the group's whole name; the last column takes the rest
        self.shown: list[CompletionFigures] = []  # the lines in table order
        self.sorting = HeaderSort(self.table, lambda: self.shown, self._show_lines,
                                  pinned=lambda line: self.report is not None and line is self.report.total)
        self.missed = PagedHouseholdList(self.gk, self.tr("漏访住户"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.missed)
        split.setSizes([760, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        summary_row = QHBoxLayout()  # the exports beside the figures they export
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.exceptions_first)
        summary_row.addWidget(self.with_missed)
        summary_row.addWidget(self.pdf_button)
        summary_row.addWidget(self.excel_button)
        layout.addLayout(summary_row)
        layout.addWidget(split, 1)

        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.previous_button.clicked.connect(lambda: self.set_span(self.span.previous()))
        self.next_button.clicked.connect(lambda: self.set_span(self.span.next()))
        self.group_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grid_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._show_missed)
        self.exceptions_first.toggled.connect(lambda _on: self._arrived(self.report) if self.report else None)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.runner.busy.connect(self.progress.setVisible)
        self.lookup.busy.connect(self.progress.setVisible)
        allow(self.pdf_button, self.gk.actor, Permission.PRINT, tooltip=self.tr("完成情况报告（PDF）"))
        allow(self.excel_button, self.gk.actor, Permission.EXPORT,
              tooltip=self.tr("完成情况和漏访住户（Excel）"))
        self.set_span(self.span)

    def title(self) -> str:
        return self.tr("统计报表")

    def _fill_grids(self) -> None:
        """The grid box: the grids shown, each by the name the services find it by."""
        fill_grid_box(self.grid_box, grid_labels(self.gk), self.tr("全部网格"), by_name=True)

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its figures, subtotal and prints only (None: the
        whole street with its communities' subtotals)."""
        if community_id != self._community:
            self._community = community_id
            self.gk = self.context.gk.in_community(community_id)
            self._fill_grids()
            self._stale = True  # figured again once set_scope has chosen the grid, which follows

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        index = self.grid_box.findData(grid_labels(self.gk).get(grid_id)) if grid_id is not None else 0
        if max(index, 0) != self.grid_box.currentIndex():
            self.grid_box.setCurrentIndex(max(index, 0))
        elif self._stale:
            self.refresh()

    def wait_idle(self) -> None:
        self.runner.wait()
        self.lookup.wait()
        self.missed.wait()

    def apply_changes(self, changes: Changes) -> None:
        if changes.rosters:
            self.refresh()

    def _kind_chosen(self) -> None:
        self.set_span(span_of(self.kind_box.currentData(), date.today()))

    def set_span(self, span: Span) -> None:
        self.span = span
        self.period_label.setText(f"{span.label}（{span.start:%Y-%m-%d} — {span.end:%Y-%m-%d}）")
        self.refresh()

    def grouping(self) -> str:
        return self.group_box.currentData()

    def refresh(self) -> None:
        self._stale = False
        span, by, grid = self.span, self.grouping(), self.grid_box.currentData()
        self.summary.setText(self.tr("正在统计…"))
        completion = self.gk.completion
        # counts for every line; the total's households too, as it is the line shown first
        self.runner.submit(lambda: completion.figures(span, by=by, grid=grid, listed={None}), self._arrived,
                           lambda e: self.summary.setText(error_text(e)))

    def _arrived(self, report: CompletionReport) -> None:
        self.report = report
        self._show_lines(self.lines())
        self.sorting.resort()
        t = report.total
        self.summary.setText(unbroken_clauses(  # a figure stays with its name when the line wraps
            self.tr("%1：应访 %2 次，已访 %3 次，完成率 %4，按时率 %5（截至 %6）")
            .replace("%1", report.period.label).replace("%2", str(t.required_visits))
            .replace("%3", str(t.visits_done)).replace("%4", percent(t.completion_rate))
            .replace("%5", percent(t.on_time_rate)).replace("%6", f"{report.as_of}")))
        self.table.selectRow(len(self.shown) - 1)
        self._show_missed()

    def _show_lines(self, lines: list[CompletionFigures]) -> None:
        assert self.report is not None
        report = self.report
        self.shown = lines
        named = len(report.communities()) > 1
        # columns sized once after filling: sized to their contents while a street's thousand
        # grids go in, each cell would measure its whole column again (minutes at 100k)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setRowCount(len(lines))
        for r, f in enumerate(lines):
            label = self.tr("合计") if f is report.total else f.label
            if f is not report.total and f.community and named:
                label = f"{f.community} · {label}"
            values = [label, f.households_required, f.required_visits, f.visits_done,
                      percent(f.completion_rate), percent(f.on_time_rate), f.households_missed,
                      f.households_pending, f.standing.label.get(language())]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == STANDING:
                    item.setForeground(QColor(f.standing.colour))
                    item.setToolTip("、".join(f"{x.label} {100 * (x.rate or 0):.1f}%（目标 {x.target}%）"
                                             for x in f.behind))
                if f is report.total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        fit_columns(self.table, COLUMNS - 1)

    def lines(self) -> list[CompletionFigures]:
        """The groups as the service orders them (communities in order, 第2网格 before 第10网格),
        those behind target first when asked, then the total."""
        assert self.report is not None
        groups = (self.report.exceptions_first() if self.exceptions_first.isChecked()
                  else list(self.report.groups))
        return [*groups, self.report.total]

    def selected_figures(self) -> CompletionFigures | None:
        if self.report is None:
            return None
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else self.report.total

    def _show_missed(self) -> None:
        """The households the selected line missed or still owes a visit, in walking order
        (address and head read as they are shown: a year's list may hold most of the street);
        a line other than the total has them asked for now, off the UI thread. A double-click
        opens one."""
        figures, report = self.selected_figures(), self.report
        if figures is None or report is None:
            return
        title = (self.tr("漏访 %1 户 · 待访 %2 户（周期未结束）")
                 .replace("%1", str(figures.households_missed))
                 .replace("%2", str(figures.households_pending)))
        self.lookup.cancel()
        if figures is report.total or figures.households_missed + figures.households_pending == 0:
            self._list_missed(title, figures)
            return
        self.missed.show_households(f"{title} …", {})
        completion, grid, key = self.gk.completion, self.grid_box.currentData(), figures.key
        span, by, as_of = report.period, report.by, report.as_of
        self.lookup.submit(
            lambda: completion.households_behind(span, by, key, grid=grid, as_of=as_of),
            lambda found: self._list_missed(title, found) if self.selected_figures() is figures else None,
            lambda e: self.missed.title.setText(error_text(e)))

    def _list_missed(self, title: str, figures: CompletionFigures) -> None:
        missed = set(figures.missed_households)
        reason = {code: self.tr("漏访") for code in figures.missed_households}
        reason.update({code: self.tr("待访") for code in figures.pending_households if code not in missed})
        self.missed.show_households(title, reason)

    def demo_state(self) -> None:
        """For screenshots: last month, whose missed households are final."""
        self.set_span(self.span.previous())

    def export_pdf(self, target: str | None = None) -> bool:
        """The completion report as PDF, off the UI thread; True when started."""
        if not self.pdf_button.isEnabled():
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出 PDF"), f"完成情况_{self.span.label}.pdf", "PDF (*.pdf)")
            if not target:
                return False
        span, grid, printing = self.span, self.grid_box.currentData(), self.gk.printing
        by, missed = self.grouping(), self.with_missed.isChecked()
        self.summary.setText(self.tr("正在排版…"))
        self.context.operations.run(
            self, lambda: printing.completion(span, target, by=by, grid=grid, missed=missed).files[0],
            done=self._exported,
            failed=self._export_failed, label=self.tr("正在排版…"))
        return True

    def export_excel(self, target: str | None = None) -> bool:
        """Completion figures and missed households as Excel, off the UI thread; True when started."""
        if self.report is None or not self.excel_button.isEnabled():
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出 Excel"), f"完成情况_{self.span.label}.xlsx", "Excel (*.xlsx)")
            if not target:
                return False
        # the audited exporter: the same figures, plus the missed households on a second sheet
        report, grid, exporter = self.report, self.grid_box.currentData(), self.gk.exporter
        self.summary.setText(self.tr("正在导出…"))
        self.context.operations.run(
            self, lambda: exporter.completion(target, report.period, by=report.by, grid=grid,
                                              as_of=report.as_of).path,
            done=self._exported, failed=self._export_failed, label=self.tr("正在导出…"))
        return True

    def _exported(self, path: Path) -> None:
        self.exported = Path(path)
        self.summary.setText(self.tr("已导出：%1").replace("%1", str(path)))

    def _export_failed(self, error: Exception) -> None:
        # said where the last success was said, so the page never claims an export that failed
        self.exported = None
        self.summary.setText(self.tr("导出失败：%1").replace("%1", error_text(error)))


Page = ReportsPage
