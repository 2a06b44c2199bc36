"""The 工作台 page: every grid and worker against their targets this month (green / amber /
red, exceptions first) with this week's due / overdue / done; completion per grid as a bar
chart naming every grid (it scrolls; bars coloured by standing) and its monthly trend
(QtCharts); every figure opens the households behind it, with address, head and reason, and a
double-click opens the household; open needs by how long they have waited; hot spots (needs
of one kind repeating in one building) per grid. All numbers come from ``gk.roster``,
``gk.completion`` and ``gk.needs``.

The page keeps counts only (a street's seven periods of figures and a week's roster of tens of
thousands of lines held whole took over 150 MB); the households behind a figure are asked
for when it is opened, off the UI thread: that grid's roster, that group's figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import Period
from gridkeeper.domain.i18n import language
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.supervision import Standing
from gridkeeper.services.completion import CompletionFigures, CompletionReport
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.hot_spots import HotSpot
from gridkeeper.services.needs import NeedAge
from gridkeeper.services.roster import Roster, RosterRow
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, unbroken_clauses
from ui.widgets.household_dialog import HouseholdList, ListedHousehold
from ui.widgets.tables import HeaderSort, fit_columns, keep_header

TREND_MONTHS = 6
(GRID, OVERDUE, DUE, DONE, RATE, STANDING) = range(6)
(WORKER, W_REQUIRED, W_DONE, W_RATE, W_STANDING, W_BEHIND) = range(6)
PLACE = 1  # the hot spots' place
HOUSEHOLDS_WIDTH = 220  # the least the households behind a figure get beside the figures
BAR_HEIGHT = 22  # pixels per grid in the bar chart: every name readable, the chart scrolls
OVERDUE_SINCE = QT_TRANSLATE_NOOP("DashboardPage", "%1（应访日 %2）")
DUE_BY = QT_TRANSLATE_NOOP("DashboardPage", "%1（%2 前）")


@dataclass(frozen=True)
class WeekCounts:
    """This week's roster as the dashboard shows it: how many households, how many overdue,
    per grid (keyed as the figures are) and in all."""

    week: Span
    as_of: date
    rows: int
    overdue: int
    by_grid: dict[str, tuple[int, int]]  # grid key -> (overdue, due)
    names: dict[str, str]  # grid key -> its name as the roster gives it

    @classmethod
    def of(cls, roster: Roster) -> WeekCounts:
        counted = Counter((grid_key(r), r.reason is RosterReason.OVERDUE) for r in roster.rows)
        names = {grid_key(r): r.grid for r in roster.rows}
        overdue = sum(n for (_key, late), n in counted.items() if late)
        return cls(roster.week, roster.as_of, len(roster.rows), overdue,
                   {key: (counted[key, True], counted[key, False]) for key in names}, names)


@dataclass(frozen=True)
class DashboardData:
    week: WeekCounts
    week_figures: CompletionReport
    month_figures: CompletionReport
    trend: tuple[CompletionReport, ...]  # oldest month first (their totals: the groups are this month's)
    needs: tuple[NeedAge, ...] = ()  # open needs by how long they have waited
    hot_spots: tuple[HotSpot, ...] = ()  # needs of one kind repeating in one building
    workers: CompletionReport | None = None  # this month by worker
    grid_labels: dict[int, str] | None = None  # grid id -> its name, with its community where names repeat


@dataclass(frozen=True)
class GridLine:
    """A grid's row: this week's roster counts and this month's figures against target."""

    key: str  # the grid id as text (names repeat across communities)
    name: str
    label: str  # the name, with its community when several are shown
    overdue: int
    due: int
    done: int
    month: CompletionFigures | None


def gather(gk: GridKeeper, today: date) -> DashboardData:
    week = span_of(Period.WEEK, today)
    month = span_of(Period.MONTH, today)
    months: list[Span] = [month]
    for _ in range(TREND_MONTHS - 1):
        months.insert(0, months[0].previous())
    # the register read once for the months and the week; counts only (the households behind
    # a figure are asked for when it is opened)
    *trend, week_figures = gk.completion.figures_of([*months, week], by="grid", as_of=today, listed=())
    trend = [replace(report, groups=()) for report in trend[:-1]] + trend[-1:]
    workers = gk.completion.figures(month, by="worker", as_of=today, listed=())
    week_counts = WeekCounts.of(gk.roster.roster(week, as_of=today))
    return DashboardData(week_counts, week_figures, trend[-1], tuple(trend),
                         tuple(gk.needs.open_by_age(today)), tuple(gk.needs.hot_spots(today)), workers,
                         {choice.id: choice.label for choice in gk.sheets.grids()})


def standing_colour(standing: Standing) -> QColor:
    return QColor(standing.colour)


def roster_reason(row: RosterRow) -> str:
    """Why a household is on this week's list, as the drill-down says it."""
    lang = language()
    text = row.reason.label.get(lang)
    if row.due_date is not None:
        template = OVERDUE_SINCE if row.reason is RosterReason.OVERDUE else DUE_BY
        text = (QCoreApplication.translate("DashboardPage", template).replace("%1", text)
                .replace("%2", row.due_date.isoformat()))
    if row.note is not None:
        text += f"：{row.note.get(lang)}"
    return text


class DashboardPage(QWidget):
    icon_name = "fa5s.tachometer-alt"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.scoped = context.gk  # the community chosen in the tree, or every grid the user sees
        self._community: int | None = None
        self.data: DashboardData | None = None
        self.lines: list[GridLine] = []
        self.worker_lines: list[CompletionFigures] = []
        self.need_ages: list[NeedAge] = []  # the needs table's rows, in table order
        self.hot_spots: list[HotSpot] = []  # the hot spots table's rows, in table order
        self.runner = Runner(self)
        self.lookup = Runner(self)  # the households behind a figure: address and head
        self.headline = QLabel(self.tr("正在统计…"))
        self.headline.setObjectName("headline")
        self.headline.setStyleSheet("QLabel#headline { font-size: 15px; padding: 4px; }")
        self.headline.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("网格"), self.tr("逾期"), self.tr("本周应访"),
                                              self.tr("本周已访"), self.tr("本月完成率"), self.tr("达标")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for column, tip in ((DUE, self.tr("本周应访户数")), (DONE, self.tr("本周已访次数")),
                            (RATE, self.tr("本月完成率：已访次数占应访次数的比例")),
                            (STANDING, self.tr("本月是否达到目标完成率"))):
            self.table.horizontalHeaderItem(column).setToolTip(tip)
        # a grid's whole name (金顶街第12网格) and every header in full; the rate takes what is left
        fit_columns(self.table, RATE)
        self.sorting = HeaderSort(self.table, lambda: self.lines, self._show_lines)
        self.table.verticalHeader().hide()
        self.workers = QTableWidget(0, 6)
        self.workers.setHorizontalHeaderLabels([self.tr("工作人员"), self.tr("本月应访"), self.tr("已访"),
                                                self.tr("完成率"), self.tr("达标"), self.tr("未达标类别")])
        self.workers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.workers, W_BEHIND)
        self.worker_sorting = HeaderSort(self.workers, lambda: self.worker_lines, self._show_worker_lines)
        self.workers.verticalHeader().hide()
        self.tabs = QTabWidget()  # the figures: per grid, per worker, as bars, over months
        self.tabs.addTab(self.table, self.tr("网格"))
        self.tabs.addTab(self.workers, self.tr("工作人员"))
        self.bars = QChartView()
        self.bars.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.bars_scroll = QScrollArea()
        self.bars_scroll.setWidgetResizable(True)
        self.bars_scroll.setWidget(self.bars)
        self.tabs.addTab(self.bars_scroll, self.tr("完成率图"))
        # a street's thousand bars (10-15 MB) are drawn when their tab is first looked at
        self._bars_stale = False
        self.tabs.currentChanged.connect(lambda _index: self._draw_bars_if_shown())
        self.trend = QChartView()
        self.trend.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.tabs.addTab(self.trend, self.tr("趋势"))
        self.households = HouseholdList(self.gk, self.tr("点击任一数字或柱形查看对应住户，双击一户打开"))
        self.needs_title = QLabel(self.tr("未办结诉求（按受理至今天数）"))
        self.needs_table = QTableWidget(0, 4)
        self.needs_table.setHorizontalHeaderLabels([self.tr("等待"), self.tr("件数"), self.tr("已超期"),
                                                    self.tr("临期")])
        self.needs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.needs_table, 0)
        # the age brackets by their days, not their words ("8–30天" after "7天内")
        self.needs_sorting = HeaderSort(self.needs_table, lambda: self.need_ages, self._show_need_ages,
                                        keys={0: lambda age: self.data.needs.index(age) if self.data else 0})
        self.needs_table.verticalHeader().hide()
        self.needs_table.cellClicked.connect(lambda row, _column: self.open_needs(row))
        self.hot_title = QLabel(self.tr("热点（同一楼栋同类诉求反复出现，下周名单走访该单元）"))
        self.hot_title.setWordWrap(True)
        self.hot_table = QTableWidget(0, 4)
        self.hot_table.setHorizontalHeaderLabels([self.tr("网格"), self.tr("地点"), self.tr("类别"),
                                                  self.tr("件数")])
        self.hot_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hot_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        keep_header(self.hot_table, PLACE)  # the place takes what is left (cut, it is in the tooltip)
        self.hot_sorting = HeaderSort(self.hot_table, lambda: self.hot_spots, self._show_hot_spot_lines)
        self.hot_table.verticalHeader().hide()
        self.hot_table.cellClicked.connect(lambda row, _column: self.open_hot_spot(row))
        # the figures in full beside the households behind the one clicked; open needs and hot
        # spots below. On a 1024-pixel screen the grid table keeps every column in view and the
        # households take the rest (the splitters move; a wide screen gives the households more).
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.addWidget(self.tabs)
        self.top.addWidget(self.households)
        self.top.setChildrenCollapsible(False)
        self.top.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        self._split_by_hand = False
        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        for title, table in ((self.needs_title, self.needs_table), (self.hot_title, self.hot_table)):
            panel = QVBoxLayout()
            panel.addWidget(title)
            panel.addWidget(table, 1)
            bottom_layout.addLayout(panel, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)
        self.table.cellClicked.connect(self.open_cell)
        self.workers.cellClicked.connect(lambda row, _column: self.open_worker(row))
        # Enter on a figure opens its households as a click does
        self.table.activated.connect(lambda index: self.open_cell(index.row(), index.column()))
        self.workers.activated.connect(lambda index: self.open_worker(index.row()))
        self.needs_table.activated.connect(lambda index: self.open_needs(index.row()))
        self.hot_table.activated.connect(lambda index: self.open_hot_spot(index.row()))
        self.refresh()

    def title(self) -> str:
        return self.tr("工作台")

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its grids, workers, needs and hot spots only (None:
        the whole street again)."""
        if community_id != self._community:
            self._community = community_id
            self.scoped = self.context.gk.in_community(community_id)
            self.refresh()

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """The dashboard shows every grid of the community chosen (or of the street): a grid's
        own figures are its row."""

    def wait_idle(self) -> None:
        self.runner.wait()
        self.lookup.wait()

    def apply_changes(self, changes: Changes) -> None:
        """Results saved, a household added, a rule changed, a need moved: the figures again."""
        if changes.rosters or changes.needs:
            self.refresh()

    def refresh(self) -> None:
        today = date.today()
        scoped = self.scoped
        self.runner.submit(lambda: gather(scoped, today), self._arrived,
                           lambda e: self.headline.setText(error_text(e)))

    # -- figures ----------------------------------------------------------------------------
    def grid_lines(self, data: DashboardData) -> list[GridLine]:
        """Every grid seen this month or on this week's list, behind target first, then in the
        office's order (communities in order, names in natural order)."""
        month = {g.key: g for g in data.month_figures.groups}
        week = {g.key: g.visits_done for g in data.week_figures.groups}
        names = {g.key: (g.label, g.community) for g in data.month_figures.groups}
        for key, name in data.week.names.items():
            names.setdefault(key, (name, ""))
        several = len({community for _, community in names.values() if community}) > 1
        order = list(month) + [key for key in names if key not in month]
        listed = data.week.by_grid
        lines = [GridLine(key, name, f"{community} · {name}" if several else name, *listed.get(key, (0, 0)),
                          week.get(key, 0), month.get(key))
                 for key in order for name, community in (names[key],)]
        return sorted(lines, key=lambda x: (x.month.standing if x.month else Standing.NO_TARGET).rank)

    def _arrived(self, data: DashboardData) -> None:
        self.data = data
        self._show_lines(self.grid_lines(data))
        self.sorting.resort()
        QTimer.singleShot(0, self._fit_split)  # once the table is laid out
        self._show_workers(data)
        self._headline(data)
        self._bars_stale = True
        self._draw_bars_if_shown()
        self._draw_trend()
        self._fill_needs(data)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_split()

    def _fit_split(self) -> None:
        """The grid table as wide as all its columns (up to 70% of the page), unless the user
        has moved the splitter; the households take the rest."""
        if self._split_by_hand or not self.table.rowCount():
            return
        table = self.table
        header = table.horizontalHeader()
        # each column as wide as its header and contents (measured: the header lays out later)
        needed = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                     for c in range(header.count()))
        scroll = table.verticalScrollBar()
        needed += (self.tabs.width() - table.viewport().width()  # frames, margins, the scroll bar
                   + (0 if scroll.isVisible() else scroll.sizeHint().width()))
        total = sum(self.top.sizes())
        left = min(needed, total - HOUSEHOLDS_WIDTH)
        self.top.setSizes([left, total - left])

    def _show_lines(self, lines: list[GridLine]) -> None:
        """The grid table, row i being ``lines[i]`` (a click on a header sorts them)."""
        self.lines = lines
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            rate = line.month.completion_rate if line.month else None
            standing = line.month.standing if line.month else Standing.NO_TARGET
            values = [line.label, str(line.overdue), str(line.due), str(line.done),
                      "—" if rate is None else f"{rate * 100:.1f}%", standing.label.get(language())]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == OVERDUE and line.overdue:
                    item.setForeground(QColor("#c62828"))
                if c == STANDING:
                    item.setForeground(standing_colour(standing))
                    if line.month and line.month.behind:
                        item.setToolTip(behind_text(line.month))
                self.table.setItem(r, c, item)

    def _headline(self, data: DashboardData) -> None:
        total = data.month_figures.total
        overdue = data.week.overdue
        rate = "—" if total.completion_rate is None else f"{total.completion_rate * 100:.1f}%"
        behind = sum(1 for line in self.lines if line.month and line.month.standing is Standing.BEHIND)
        risk = sum(1 for line in self.lines if line.month and line.month.standing is Standing.AT_RISK)
        self.headline.setText(unbroken_clauses(
            self.tr("本周 %1：应访 %2 户（逾期 %3 户），已访 %4 次；本月 %5 完成率 %6；"
                    "未达标网格 %7 个，预警 %8 个")
            .replace("%1", data.week.week.label).replace("%2", str(data.week.rows))
            .replace("%3", str(overdue)).replace("%4", str(data.week_figures.total.visits_done))
            .replace("%5", data.month_figures.period.label).replace("%6", rate)
            .replace("%7", str(behind)).replace("%8", str(risk))))

    def _fill_needs(self, data: DashboardData) -> None:
        self._show_need_ages(list(data.needs))
        self.needs_sorting.resort()
        self._show_hot_spots()

    def _show_need_ages(self, ages: list[NeedAge]) -> None:
        """The needs table, row i being ``ages[i]`` (a click on a header sorts them)."""
        self.need_ages = ages
        self.needs_table.setRowCount(len(ages))
        lang = language()
        for r, age in enumerate(ages):
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

    def _show_workers(self, data: DashboardData) -> None:
        self._show_worker_lines(list(data.workers.exceptions_first()) if data.workers else [])
        self.worker_sorting.resort()

    def _show_worker_lines(self, groups: list[CompletionFigures]) -> None:
        self.worker_lines = groups
        several = len({g.community for g in groups if g.community}) > 1
        self.workers.setRowCount(len(groups))
        lang = language()
        for r, g in enumerate(groups):
            rate = g.completion_rate
            name = f"{g.community} · {g.label}" if several and g.community else g.label
            shown_rate = "—" if rate is None else f"{rate * 100:.1f}%"
            values = [name, str(g.required_visits), str(g.visits_done), shown_rate,
                      g.standing.label.get(lang), behind_text(g)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (W_REQUIRED, W_DONE, W_RATE, W_STANDING):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == W_STANDING:
                    item.setForeground(standing_colour(g.standing))
                self.workers.setItem(r, c, item)

    def _show_hot_spots(self) -> None:
        assert self.data is not None
        self._show_hot_spot_lines(list(self.data.hot_spots))
        self.hot_sorting.resort()

    def _show_hot_spot_lines(self, spots: list[HotSpot]) -> None:
        """The hot spots table, row i being ``spots[i]`` (a click on a header sorts them)."""
        self.hot_spots = spots
        lang = language()
        self.hot_table.setRowCount(max(len(spots), 1))
        if not spots:
            self.hot_table.setSpan(0, 0, 1, 4)
            self.hot_table.setItem(0, 0, QTableWidgetItem(self.tr("目前没有热点")))
            return
        self.hot_table.clearSpans()
        labels = (self.data.grid_labels if self.data else None) or {}  # 阳光社区/第1网格 where names repeat
        for r, spot in enumerate(spots):
            grid = labels.get(spot.grid_id, spot.grid)
            values = (grid, spot.place.get(lang), spot.category_name.get(lang), str(spot.count))
            # the place is cut to the column's width: the tooltip says it whole, with the days
            tip = "{} · {} · {}".format(spot.place.get(lang), spot.category_name.get(lang), self.tr(
                "%1 至 %2").replace("%1", spot.first.isoformat()).replace("%2", spot.last.isoformat()))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tip)
                self.hot_table.setItem(r, c, item)

    def chart_lines(self) -> list[GridLine]:
        """The grids in the bar chart: the office's order, top to bottom."""
        return sorted(self.lines, key=lambda line: self._order.get(line.key, len(self._order)))

    @property
    def _order(self) -> dict[str, int]:
        assert self.data is not None
        return {g.key: i for i, g in enumerate(self.data.month_figures.groups)}

    def _draw_bars_if_shown(self) -> None:
        if self._bars_stale and self.data is not None and self.tabs.currentWidget() is self.bars_scroll:
            self._draw_bars()

    def _draw_bars(self) -> None:
        self._bars_stale = False
        chart = QChart()
        chart.setTitle(self.tr("本月各网格完成率（%）"))
        lines = self.chart_lines()
        # one set per standing, stacked: each grid's bar has its rate in the set of its colour
        sets = {standing: QBarSet(standing.label.get(language())) for standing in Standing}
        for standing, bar_set in sets.items():
            bar_set.setColor(standing_colour(standing))
        shown = list(reversed(lines))  # a horizontal chart draws its first category at the bottom
        for line in shown:
            rate = line.month.completion_rate if line.month else None
            standing = line.month.standing if line.month else Standing.NO_TARGET
            for key, bar_set in sets.items():
                bar_set.append(round((rate or 0.0) * 100, 1) if key is standing else 0.0)
        series = QHorizontalStackedBarSeries()
        for bar_set in sets.values():
            series.append(bar_set)
            bar_set.clicked.connect(lambda index: self.open_grid(shown[index].key, "month"))
        series.setLabelsVisible(False)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(unique_labels([line.label for line in shown]))  # whole names, each its own row
        axis_y.setTruncateLabels(False)
        axis_x = QValueAxis()
        axis_x.setRange(0, 100)
        axis_x.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        markers = chart.legend().markers(series)
        for index, standing in enumerate(sets):
            if not any(line.month and line.month.standing is standing for line in lines):
                markers[index].setVisible(False)
        self.bars.setChart(chart)
        self.bars.setMinimumHeight(BAR_HEIGHT * len(lines) + 110)

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
            self.wait_idle()
            QApplication.processEvents()

    def show_households(self, title: str, lines: list[ListedHousehold]) -> None:
        self.households.show_lines(title, lines)

    def list_later(self, title: str, find: Callable[[], list[ListedHousehold]]) -> None:
        """The households ``find`` gives (off the UI thread: a figure's households are asked
        for when it is opened) under ``title``; until then the title says they are coming."""
        self.lookup.cancel()
        self.households.show_lines(f"{title} …", [], counted=True)
        self.lookup.submit(find, lambda lines: self.show_households(title, lines),
                           lambda e: self.households.title.setText(error_text(e)))

    def show_codes(self, title: str, groups: Callable[[], list[tuple[list[str], str]]]) -> None:
        """Households given by code with the reason for each group of codes (``groups`` is
        worked out off the UI thread), with their address and head."""
        completion = self.scoped.completion  # codes repeat across communities: the ones shown

        def find() -> list[ListedHousehold]:
            reason_of = {code: reason for codes, reason in groups() for code in codes}
            return [ListedHousehold(h.code, h.address, h.head, reason_of[h.code], h.id)
                    for h in completion.households(list(reason_of))]

        self.list_later(title, find)

    def open_cell(self, row: int, column: int) -> None:
        assert self.data is not None
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        if column in (OVERDUE, DUE):
            week, overdue = self.data.week, column == OVERDUE
            roster = self.scoped.roster
            by_id = {"grid_id": int(line.key)} if line.key.isdigit() else {"grid": line.key}

            def find() -> list[ListedHousehold]:  # that grid's roster, as the week's was made
                rows = roster.roster(week.week, as_of=week.as_of, **by_id).rows
                return [ListedHousehold(r.household_code, address_text(r.estate, r.building, r.unit, r.room),
                                        r.head, roster_reason(r), r.household_id)
                        for r in rows if (r.reason is RosterReason.OVERDUE) == overdue]

            self.list_later(f"{line.label} · {self.table.horizontalHeaderItem(column).text()}", find)
        elif column == DONE:
            self.open_grid(line.key, "week")
        else:
            self.open_grid(line.key, "month")

    def open_grid(self, key: str, which: str) -> None:
        assert self.data is not None
        report = self.data.week_figures if which == "week" else self.data.month_figures
        label = next((line.label for line in self.lines if line.key == key), key)
        completion, as_of = self.scoped.completion, report.as_of
        if which == "week":
            reason = self.tr("本周已访")

            def done() -> list[tuple[list[str], str]]:
                found = completion.households_behind(report.period, "grid", key, as_of=as_of)
                return [(sorted(set(found.required_households) - set(found.pending_households)
                                - set(found.missed_households)), reason)]

            self.show_codes(self.tr("%1 · 本周已访").replace("%1", label), done)
        else:
            self.show_unfinished(self.tr("%1 · 本月未完成").replace("%1", label), report, "grid", key)

    def show_unfinished(self, title: str, report: CompletionReport, by: str, key: str | None) -> None:
        """The households a group (``key``; None: every grid) missed or still owes a visit."""
        completion = self.scoped.completion
        missed_reason, pending_reason = self.tr("漏访（周期已过）"), self.tr("待访（周期未结束）")

        def unfinished() -> list[tuple[list[str], str]]:
            found = completion.households_behind(report.period, by, key, as_of=report.as_of)
            missed = found.missed_households
            return [(missed, missed_reason), ([c for c in found.pending_households if c not in set(missed)],
                                              pending_reason)]

        self.show_codes(title, unfinished)

    def open_worker(self, row: int) -> None:
        if 0 <= row < len(self.worker_lines) and self.data is not None and self.data.workers is not None:
            g = self.worker_lines[row]
            self.show_unfinished(self.tr("%1 · 本月未完成").replace("%1", g.label), self.data.workers,
                                 "worker", g.key)

    def open_needs(self, row: int) -> None:
        """The numbers of the open needs in one age bracket (oldest first)."""
        if not 0 <= row < len(self.need_ages):
            return
        self.lookup.cancel()
        age = self.need_ages[row]
        label = age.label.get(language())
        reason = self.tr("未办结诉求")
        self.show_households(self.tr("未办结诉求 · %1").replace("%1", label),
                             [ListedHousehold(number, "", "", reason) for number in age.numbers])

    def open_hot_spot(self, row: int) -> None:
        """The numbers of the needs that make a hot spot (oldest first)."""
        if not 0 <= row < len(self.hot_spots):
            return
        self.lookup.cancel()
        spot = self.hot_spots[row]
        lang = language()
        place = spot.place.get(lang)
        self.show_households(self.tr("热点 · %1 · %2").replace("%1", place)
                             .replace("%2", spot.category_name.get(lang)),
                             [ListedHousehold(number, place, "", spot.category_name.get(lang))
                              for number in spot.numbers])

    def open_month(self, index: int) -> None:
        assert self.data is not None
        report = self.data.trend[max(0, min(index, len(self.data.trend) - 1))]
        completion, reason = self.scoped.completion, self.tr("漏访（周期已过）")

        def missed() -> list[tuple[list[str], str]]:
            return [(completion.households_behind(report.period, "grid", None, as_of=report.as_of)
                     .missed_households, reason)]

        self.show_codes(self.tr("%1 漏访").replace("%1", report.period.label), missed)


def grid_key(row: RosterRow) -> str:
    """The grid of a roster row as the figures key it (its id; the name for an older roster)."""
    return str(row.grid_id) if row.grid_id is not None else row.grid


def behind_text(figures: CompletionFigures) -> str:
    """"独居老人 80%/100%、高龄 90%/100%": its categories short of target."""
    return "、".join(f"{c.label} {100 * (c.rate or 0):.0f}%/{c.target}%" for c in figures.behind)


def unique_labels(labels: list[str]) -> list[str]:
    """A category axis merges equal names: two grids of one name keep a bar each."""
    seen: Counter[str] = Counter()
    unique = []
    for label in labels:
        seen[label] += 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


Page = DashboardPage
