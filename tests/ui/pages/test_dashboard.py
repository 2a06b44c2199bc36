"""The 工作台 page shows the same numbers as the roster and completion services, and each
figure opens the households behind it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import Period
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.dashboard import DUE, GRID, OVERDUE, RATE, DashboardPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    for n in range(1, 4):
        gk.register.save_household(household(f"A{n:03d}", grid="第2网格", room=f"{n}01"))
    gk.register.save_household(household("B001", grid="第10网格", building="9"))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_dashboard_numbers_equal_the_services(qtbot, context: Context) -> None:  # noqa: ANN001
    page = DashboardPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None)
    today = date.today()
    roster = context.gk.roster.roster(span_of(Period.WEEK, today))
    month = context.gk.completion.figures(span_of(Period.MONTH, today), by="grid")
    assert [page.table.item(r, GRID).text() for r in range(page.table.rowCount())] == ["第2网格", "第10网格"]
    for r in range(page.table.rowCount()):
        grid = page.table.item(r, GRID).text()
        rows = [x for x in roster.rows if x.grid == grid]
        assert int(page.table.item(r, OVERDUE).text()) == sum(x.reason is RosterReason.OVERDUE for x in rows)
        assert int(page.table.item(r, DUE).text()) == sum(x.reason is not RosterReason.OVERDUE for x in rows)
        figures = next((g for g in month.groups if g.label == grid), None)
        rate = figures.completion_rate if figures else None
        assert page.table.item(r, RATE).text() == ("—" if rate is None else f"{rate * 100:.1f}%")


def test_clicking_overdue_lists_those_households(qtbot, context: Context) -> None:  # noqa: ANN001
    page = DashboardPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None)
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, GRID).text() == "第2网格")
    page.open_cell(row, OVERDUE)
    page.wait_idle()  # that grid's roster, read when the figure is opened
    qtbot.waitUntil(lambda: sorted(page.households.codes()) == ["A001", "A002", "A003"])
    assert page.households.title.text() == "第2网格 · 逾期（3）"


def test_open_needs_by_age_equal_the_service_and_open_their_numbers(qtbot, context: Context) -> None:  # noqa: ANN001
    from datetime import datetime, timedelta

    from gridkeeper.domain.needs import NeedDraft

    for days in (2, 40, 45):
        context.gk.needs.raise_need(NeedDraft(description="楼道灯坏了", household_code="A001",
                                              received_at=datetime.now() - timedelta(days=days)))
    page = DashboardPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None)
    expected = context.gk.needs.open_by_age(date.today())
    shown = [(page.needs_table.item(r, 0).text(), int(page.needs_table.item(r, 1).text()))
             for r in range(page.needs_table.rowCount())]
    assert shown == [(a.label.zh, len(a.numbers)) for a in expected]
    assert [n for _label, n in shown] == [1, 0, 2, 0]
    page.open_needs(2)
    assert page.households.codes() == list(expected[2].numbers)


def test_hot_spots_are_listed_per_grid_and_open_their_needs(qtbot, context: Context) -> None:  # noqa: ANN001
    from datetime import datetime, timedelta

    from gridkeeper.domain.needs import NeedDraft

    numbers = []
    for days, code in ((1, "A001"), (3, "A002"), (5, "A003")):
        need_id = context.gk.needs.raise_need(NeedDraft(
            description="停车难", household_code=code, category="parking",
            received_at=datetime.now() - timedelta(days=days)))
        numbers.insert(0, context.gk.needs.need(need_id).number)
    page = DashboardPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.hot_table.rowCount() == 1
    shown = [page.hot_table.item(0, c).text() for c in range(4)]
    assert shown == ["第2网格", "阳光小区1号楼1单元", "停车", "3"]
    page.open_hot_spot(0)
    assert page.households.codes() == numbers


def test_no_hot_spot_is_said_plainly(qtbot, context: Context) -> None:  # noqa: ANN001
    page = DashboardPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.hot_table.item(0, 0).text() == "目前没有热点"
