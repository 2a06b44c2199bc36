"""The 工作台 page: this week's due / overdue / done per grid, completion per grid as a bar
chart and its monthly trend as a line chart (QtCharts); every figure opens the households
behind it; open needs by how long they have waited; hot spots (needs of one kind repeating in
one building) per grid. All numbers come from ``gk.roster``,
``gk.completion`` and ``gk.needs``."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Period
from gridkeeper.domain.i18n import language
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services.completion import CompletionReport
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.hot_spots import HotSpot
from gridkeeper.services.needs import NeedAge
from gridkeeper.services.roster import Roster
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.tables import HeaderSort, fit_columns

TREND_MONTHS = 6
(GRID, OVERDUE, DUE, DONE, RATE) = range(5)


@dataclass(frozen=True)
class DashboardData:
    week: Roster
    week_figures: CompletionReport
    month_figures: CompletionReport
    trend: tuple[CompletionReport, ...]  # oldest month first
    needs: tuple[NeedAge, ...] = ()  # open needs by how long they have waited
    hot_spots: tuple[HotSpot, ...] = ()  # needs of one kind repeating in one building


def gather(gk: GridKeeper, today: date) -> DashboardData:
    week = span_of(Period.WEEK, today)
    month = span_of(Period.MONTH, today)
    months: list[Span] = [month]
    for _ in range(TREND_MONTHS - 1):
        months.insert(0, months[0].previous())
    # one pass computes whatever is not stored yet for the months and the week together
    *trend, week_figures = gk.completion.figures_of([*months, week], by="grid", as_of=today)
    return DashboardData(gk.roster.roster(week, as_of=today), week_figures, trend[-1], tuple(trend),
                         tuple(gk.needs.open_by_age(today)), tuple(gk.needs.hot_spots(today)))


class DashboardPage(QWidget):
    icon_name = "fa5s.tachometer-alt"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.data: DashboardData | None = None
        self.runner = Runner(self)
        self.headline = QLabel(self.tr("正在统计…"))
        self.headline.setWordWrap(True)
        self.headline.setObjectName("headline")
        self.headline.setStyleSheet("QLabel#headline { font-size: 15px; padding: 4px; }")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("网格"), self.tr("逾期"), self.tr("本周应访"),
                                              self.tr("本周已访"), self.tr("本月完成率")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # a grid's whole name (金顶街第12网格) and every header in full; the rate takes what is left
        fit_columns(self.table, RATE)
        self.shown_grids: list[str] = []
        self.sorting = HeaderSort(self.table, lambda: self.shown_grids, self._show_grids)
        self.table.verticalHeader().hide()
        self.bars = QChartView()
        self.bars.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.trend = QChartView()
        self.trend.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.households_title = QLabel(self.tr("点击任一数字或柱形查看对应住户"))
        self.households = QListWidget()
        self.needs_title = QLabel(self.tr("未办结诉求（按受理至今天数）"))
        self.needs_table = QTableWidget(0, 4)
        self.needs_table.setHorizontalHeaderLabels([self.tr("等待"), self.tr("件数"), self.tr("已超期"),
                                                    self.tr("临期")])
        self.needs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.needs_table, 0)
        self.needs_table.verticalHeader().hide()
        self.needs_table.setMaximumHeight(150)
        self.needs_table.cellClicked.connect(lambda row, _column: self.open_needs(row))
        self.hot_title = QLabel(self.tr("热点（同一楼栋同类诉求反复出现，下周名单走访该单元）"))
        self.hot_title.setWordWrap(True)
        self.hot_table = QTableWidget(0, 4)
        self.hot_table.setHorizontalHeaderLabels([self.tr("网格"), self.tr("地点"), self.tr("类别"),
                                                  self.tr("件数")])
        self.hot_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.hot_table, 2)  # the place in full; the category takes the rest
        self.hot_table.verticalHeader().hide()
        self.hot_table.setMaximumHeight(130)
        self.hot_table.cellClicked.connect(lambda row, _column: self.open_hot_spot(row))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.households_title)
        right_layout.addWidget(self.households, 1)
        right_layout.addWidget(self.needs_title)
        right_layout.addWidget(self.needs_table)
        right_layout.addWidget(self.hot_title)
        right_layout.addWidget(self.hot_table)
        grid = QGridLayout(self)
        grid.addWidget(self.headline, 0, 0, 1, 3)
        grid.addWidget(self.table, 1, 0)
        grid.addWidget(self.bars, 1, 1)
        grid.addWidget(right, 1, 2, 2, 1)
        grid.addWidget(self.trend, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        self.table.cellClicked.connect(self.open_cell)
        self.refresh()

    def title(self) -> str:
        return self.tr("工作台")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """The dashboard always shows every grid the user sees."""

    def wait_idle(self) -> None:
        self.runner.wait()

    def apply_changes(self, changes: Changes) -> None:
        """Results saved, a household added, a rule changed, a need moved: the figures again."""
        if changes.rosters or changes.needs:
            self.refresh()

    def refresh(self) -> None:
        today = date.today()
        self.runner.submit(lambda: gather(self.gk, today), self._arrived,
                           lambda e: self.headline.setText(error_text(e)))

    # -- figures ----------------------------------------------------------------------------
    def grids(self) -> list[str]:
        assert self.data is not None
        names = {g.label for g in self.data.month_figures.groups} | {r.grid for r in self.data.week.rows}
        return sorted(names, key=natural_key)

    def counts(self, grid: str) -> tuple[int, int, int]:
        """Overdue and due this week (the roster), done this week (completion figures)."""
        assert self.data is not None
        reasons = {reason: self._reasons[grid, reason] for reason in RosterReason}
        done = next((g.visits_done for g in self.data.week_figures.groups if g.label == grid), 0)
        # due, planned and the extra reasons (hot spots): everyone on the week's list not overdue
        return reasons[RosterReason.OVERDUE], sum(reasons.values()) - reasons[RosterReason.OVERDUE], done

    def month_rate(self, grid: str) -> float | None:
        assert self.data is not None
        found = next((g for g in self.data.month_figures.groups if g.label == grid), None)
        return found.completion_rate if found else None

    def _arrived(self, data: DashboardData) -> None:
        self.data = data
        # one pass over the roster (tens of thousands of rows at street scale), not one per grid
        self._reasons = Counter((r.grid, r.reason) for r in data.week.rows)
        grids = self.grids()
        self._show_grids(grids)
        self.sorting.resort()
        self._headline(data)
        self._draw_bars(grids)
        self._draw_trend()
        self._fill_needs(data)

    def _show_grids(self, grids: list[str]) -> None:
        self.shown_grids = grids
        self.table.setRowCount(len(grids))
        for r, name in enumerate(grids):
            overdue, due, done = self.counts(name)
            rate = self.month_rate(name)
            values = [name, str(overdue), str(due), str(done), "—" if rate is None else f"{rate * 100:.1f}%"]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == OVERDUE and overdue:
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(r, c, item)

    def _headline(self, data: DashboardData) -> None:
        total = data.month_figures.total
        overdue = sum(1 for r in data.week.rows if r.reason is RosterReason.OVERDUE)
        rate = "—" if total.completion_rate is None else f"{total.completion_rate * 100:.1f}%"
        self.headline.setText(
            self.tr("本周 %1：应访 %2 户（逾期 %3 户），已访 %4 次；本月 %5 完成率 %6")
            .replace("%1", data.week.week.label).replace("%2", str(len(data.week.rows)))
            .replace("%3", str(overdue)).replace("%4", str(data.week_figures.total.visits_done))
            .replace("%5", data.month_figures.period.label).replace("%6", rate))

    def _fill_needs(self, data: DashboardData) -> None:
        self.needs_table.setRowCount(len(data.needs))
        lang = language()
        for r, age in enumerate(data.needs):
            for c, value in enumerate((age.label.get(lang), str(len(age.numbers)), str(age.past_deadline),
                                       str(age.near_deadline))):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 2 and age.past_deadline:
                    item.setForeground(QColor("#c62828"))
                if c == 3 and age.near_deadline:  # due within two days
                    item.setForeground(QColor("#e65100"))
                self.needs_table.setItem(r, c, item)
        self._show_hot_spots(lang)

    def _show_hot_spots(self, lang: str) -> None:
        assert self.data is not None
        spots = self.data.hot_spots
        self.hot_table.setRowCount(max(len(spots), 1))
        if not spots:
            self.hot_table.setSpan(0, 0, 1, 4)
            self.hot_table.setItem(0, 0, QTableWidgetItem(self.tr("目前没有热点")))
            return
        self.hot_table.clearSpans()
        for r, spot in enumerate(spots):
            values = (spot.grid, spot.place.get(lang), spot.category_name.get(lang), str(spot.count))
            # the place is cut to the column's width: the tooltip says it whole, with the days
            tip = "{} · {} · {}".format(spot.place.get(lang), spot.category_name.get(lang), self.tr(
                "%1 至 %2").replace("%1", spot.first.isoformat()).replace("%2", spot.last.isoformat()))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tip)
                self.hot_table.setItem(r, c, item)

    def _draw_bars(self, grids: list[str]) -> None:
        chart = QChart()
        chart.setTitle(self.tr("本月各网格完成率（%）"))
        bars = QBarSet(self.tr("完成率"))
        bars.setColor(QColor("#1565c0"))
        for name in grids:
            rate = self.month_rate(name)
            bars.append(0.0 if rate is None else round(rate * 100, 1))
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        # bare numbers: thirty "第12网格" labels do not fit under the bars
        axis_x.append([re.sub(r"\D", "", g) or g for g in grids])
        font = axis_x.labelsFont()
        font.setPointSize(7)
        axis_x.setLabelsFont(font)
        axis_x.setLabelsAngle(-90)
        axis_x.setTitleText(self.tr("网格"))
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().hide()
        bars.clicked.connect(lambda index: self.open_grid(grids[index], "month"))
        self.bars.setChart(chart)

    def _draw_trend(self) -> None:
        assert self.data is not None
        chart = QChart()
        chart.setTitle(self.tr("近 %1 个月完成率趋势（%）").replace("%1", str(TREND_MONTHS)))
        line = QLineSeries()
        line.setPointsVisible(True)
        labels = []
        for i, report in enumerate(self.data.trend):
            rate = report.total.completion_rate
            line.append(QPointF(i, 0.0 if rate is None else rate * 100))
            labels.append(report.period.label)
        chart.addSeries(line)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
        chart.legend().hide()
        line.clicked.connect(lambda point: self.open_month(round(point.x())))
        self.trend.setChart(chart)

    # -- drill down to the households ------------------------------------------------------
    def demo_state(self) -> None:
        """For screenshots: the first grid's overdue households opened."""
        self.wait_idle()
        QApplication.processEvents()
        if self.table.rowCount():
            self.open_cell(0, OVERDUE)

    def show_households(self, title: str, codes: list[str]) -> None:
        self.households_title.setText(f"{title}（{len(codes)}）")
        self.households.clear()
        self.households.addItems(codes)

    def open_cell(self, row: int, column: int) -> None:
        assert self.data is not None
        grid = self.table.item(row, GRID).text()
        if column in (OVERDUE, DUE):
            overdue = {RosterReason.OVERDUE}
            wanted = overdue if column == OVERDUE else set(RosterReason) - overdue
            codes = [r.household_code for r in self.data.week.rows if r.grid == grid and r.reason in wanted]
            self.show_households(f"{grid} · {self.table.horizontalHeaderItem(column).text()}", codes)
        elif column == DONE:
            self.open_grid(grid, "week")
        else:
            self.open_grid(grid, "month")

    def open_grid(self, grid: str, which: str) -> None:
        assert self.data is not None
        report = self.data.week_figures if which == "week" else self.data.month_figures
        found = next((g for g in report.groups if g.label == grid), None)
        if which == "week":
            done = sorted(set(found.required_households) - set(found.pending_households)
                          - set(found.missed_households)) if found else []
            self.show_households(self.tr("%1 · 本周已访").replace("%1", grid), done)
        else:
            pending = sorted(set(found.pending_households) | set(found.missed_households)) if found else []
            self.show_households(self.tr("%1 · 本月未完成").replace("%1", grid), pending)

    def open_needs(self, row: int) -> None:
        """The numbers of the open needs in one age bracket (oldest first)."""
        assert self.data is not None
        age = self.data.needs[row]
        self.show_households(self.tr("未办结诉求 · %1").replace("%1", age.label.get(language())),
                             list(age.numbers))

    def open_hot_spot(self, row: int) -> None:
        """The numbers of the needs that make a hot spot (oldest first)."""
        assert self.data is not None
        if row >= len(self.data.hot_spots):
            return
        spot = self.data.hot_spots[row]
        lang = language()
        self.show_households(self.tr("热点 · %1 · %2").replace("%1", spot.place.get(lang))
                             .replace("%2", spot.category_name.get(lang)), list(spot.numbers))

    def open_month(self, index: int) -> None:
        assert self.data is not None
        report = self.data.trend[max(0, min(index, len(self.data.trend) - 1))]
        self.show_households(self.tr("%1 漏访").replace("%1", report.period.label),
                             report.total.missed_households)


Page = DashboardPage
