"""The 工作台 against targets: every grid and worker judged green / amber / red with the
exceptions first, every grid a bar of its own named in full, and drill-downs that say where
each household is, who heads it and why it is listed, opening it on a double-click."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QTextBrowser
from sqlalchemy import select

from gridkeeper.domain.enums import Period
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services import demo
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Community, Grid
from ui.context import Context
from ui.pages.dashboard import DUE, GRID, OVERDUE, RATE, STANDING, W_STANDING, WORKER, DashboardPage


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GridKeeper]:
    """Three communities of 200 households: grid names repeat across them."""
    patch = pytest.MonkeyPatch()
    patch.setattr(demo, "HOUSEHOLDS_PER_COMMUNITY", 200)
    keeper = open_gridkeeper(str(tmp_path_factory.mktemp("street") / "street.db"))
    keeper.demo.generate(DemoOptions(households=600, seed=5, today=date.today()))
    patch.undo()
    with keeper.db.transaction() as session:  # each community has a 第1网格, as offices name them
        for community_id in session.scalars(select(Community.id)):
            first = session.scalars(select(Grid).where(Grid.community_id == community_id)
                                    .order_by(Grid.sort_order, Grid.id)).first()
            first.name = "第1网格"
    yield keeper
    keeper.close()


@pytest.fixture
def page(qtbot, street: GridKeeper, tmp_path: Path) -> DashboardPage:  # noqa: ANN001
    context = Context(street, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "street.db",
                      "tester")
    shown = DashboardPage(context)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.data is not None, timeout=20000)
    return shown


def test_every_grid_is_a_bar_of_its_own_named_in_full(page: DashboardPage, street: GridKeeper) -> None:
    month = street.completion.figures(span_of(Period.MONTH, date.today()), by="grid")
    assert page.bars.chart() is None or not page.bars.chart().series()  # drawn when first looked at
    page.tabs.setCurrentWidget(page.bars_scroll)
    chart = page.bars.chart()
    axis = next(a for a in chart.axes() if hasattr(a, "categories"))
    names = axis.categories()
    assert len(names) == len(set(names)) == len(month.groups) > 5
    assert sum(1 for name in names if name.endswith(" · 第1网格")) == 3
    series = chart.series()[0]
    by_label = {line.label: line for line in page.lines}
    for index, name in enumerate(names):
        line = by_label[name]
        assert line.name in name and line.month is not None
        assert " · " in name  # several communities: each grid names its community
        shown = sum(bar_set.at(index) for bar_set in series.barSets())
        assert shown == pytest.approx(round((line.month.completion_rate or 0) * 100, 1))
    # the office's order from the top: a horizontal chart lists its first category at the bottom
    assert list(reversed(names)) == [line.label for line in page.chart_lines()]


def test_grids_and_workers_are_judged_against_targets_exceptions_first(page: DashboardPage,
                                                                       street: GridKeeper) -> None:
    month = street.completion.figures(span_of(Period.MONTH, date.today()), by="grid")
    expected = {g.key: g.standing for g in month.groups}
    ranks = []
    for row, line in enumerate(page.lines):
        assert page.table.item(row, GRID).text() == line.label
        assert page.table.item(row, STANDING).text() == expected[line.key].label.zh
        ranks.append(expected[line.key].rank)
    assert ranks == sorted(ranks)
    workers = street.completion.figures(span_of(Period.MONTH, date.today()), by="worker")
    shown = [page.workers.item(r, W_STANDING).text() for r in range(page.workers.rowCount())]
    assert shown == [g.standing.label.zh for g in workers.exceptions_first()]
    assert page.workers.item(0, WORKER).text().endswith(workers.exceptions_first()[0].label)


def month_span() -> Span:
    return span_of(Period.MONTH, date.today())


def test_drill_downs_say_where_who_and_why_and_open_the_household(page: DashboardPage, qtbot,  # noqa: ANN001
                                                                   street: GridKeeper) -> None:
    row = next(r for r, line in enumerate(page.lines) if line.overdue)
    page.open_cell(row, OVERDUE)
    qtbot.waitUntil(lambda: len(page.households.lines) == page.lines[row].overdue)
    lines = page.households.lines
    assert all(x.address and x.head and x.reason.startswith("逾期") and x.household_id for x in lines)
    page.households.table.cellDoubleClicked.emit(0, 0)
    dialog = page.households.dialog
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    view = dialog.findChild(QTextBrowser)
    qtbot.waitUntil(lambda: lines[0].head in view.toPlainText())
    dialog.close()
    unfinished = next(r for r, line in enumerate(page.lines)
                      if line.month and (line.month.households_missed or line.month.households_pending))
    page.open_cell(unfinished, RATE)
    shown = page.households
    qtbot.waitUntil(lambda: bool(shown.lines) and all(x.household_id for x in shown.lines))
    month = page.lines[unfinished].month
    assert not month.missed_households and not month.pending_households  # the page holds counts
    behind = street.completion.households_behind(month_span(), "grid", month.key)
    assert len(page.households.lines) == len(set(behind.missed_households) | set(behind.pending_households))
    assert len(page.households.lines) >= max(month.households_missed, month.households_pending)
    assert all(x.address and x.reason for x in page.households.lines)


def test_each_grids_overdue_and_due_are_its_rows_of_the_weeks_roster(page: DashboardPage, qtbot) -> None:  # noqa: ANN001
    roster = page.gk.roster.roster(span_of(Period.WEEK, date.today()))
    for row, line in enumerate(page.lines[:4]):
        for column, overdue in ((OVERDUE, True), (DUE, False)):
            expected = sorted(r.household_code for r in roster.rows
                              if str(r.grid_id) == line.key and (r.reason is RosterReason.OVERDUE) == overdue)
            page.open_cell(row, column)
            page.wait_idle()
            qtbot.waitUntil(lambda: not page.households.title.text().endswith("…"))
            assert sorted(page.households.codes()) == expected
