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
from gridkeeper.domain.periods import span_of
from gridkeeper.services import demo
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Community, Grid
from ui.context import Context
from ui.pages.dashboard import GRID, OVERDUE, RATE, STANDING, W_STANDING, WORKER, DashboardPage


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


def test_drill_downs_say_where_who_and_why_and_open_the_household(page: DashboardPage, qtbot) -> None:  # noqa: ANN001
    row = next(r for r, line in enumerate(page.lines) if line.overdue)
    page.open_cell(row, OVERDUE)
    lines = page.households.lines
    assert len(lines) == page.lines[row].overdue
    assert all(x.address and x.head and x.reason.startswith("逾期") and x.household_id for x in lines)
    page.households.table.cellDoubleClicked.emit(0, 0)
    dialog = page.households.dialog
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    view = dialog.findChild(QTextBrowser)
    qtbot.waitUntil(lambda: lines[0].head in view.toPlainText())
    dialog.close()
    unfinished = next(r for r, line in enumerate(page.lines)
                      if line.month and (line.month.missed_households or line.month.pending_households))
    page.open_cell(unfinished, RATE)
    qtbot.waitUntil(lambda: page.households.lines and all(x.household_id for x in page.households.lines))
    month = page.lines[unfinished].month
    assert len(page.households.lines) == len(set(month.missed_households) | set(month.pending_households))
    assert all(x.address and x.reason for x in page.households.lines)
