"""The 本周走访 page of a street whose two communities each have a 第1网格: both are offered,
told apart by community, and each shows, prints and opens its own households."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.cli import main
from gridkeeper.domain.periods import Period, span_of
from gridkeeper.services.facade import open_gridkeeper
from ui.context import Context
from ui.pages.this_week.model import CODE
from ui.pages.this_week.page import ThisWeekPage

WEEK = span_of(Period.WEEK, date.today())


@pytest.fixture
def context(db_location: str, tmp_path: Path) -> Context:
    for seed in ("1", "2"):
        assert main(["--db", db_location, "demo", "--households", "40", "--seed", seed]) == 0
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Context(open_gridkeeper(db_location), settings, "test.db", "tester")


def test_each_communitys_first_grid_is_offered_and_shows_its_own_households(
        qtbot, context: Context) -> None:  # noqa: ANN001
    page = ThisWeekPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.roster is not None)
    labels = [page.grid_box.itemText(i) for i in range(page.grid_box.count())]
    firsts = [label for label in labels if label.endswith("/第1网格")]
    assert len(firsts) == 2 and "第1网格" not in labels
    choices = {choice.label: choice.id for choice in context.gk.sheets.grids()}
    for label in firsts:
        page.grid_box.setCurrentIndex(page.grid_box.findText(label))
        qtbot.waitUntil(lambda label=label: page.roster is not None and page.roster.grid == label)
        assert page.roster.rows and {r.grid_id for r in page.roster.rows} == {choices[label]}
        codes = [page.model.text(r, CODE) for r in range(page.model.rowCount())]
        assert codes == [r.household_code for r in page.roster.rows]

    # a sheet of the second community's 第1网格 opened by its number selects that grid
    label = firsts[1]
    number = context.gk.printing.rosters(WEEK, None, grid=label).numbers[0]
    page.grid_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.roster is not None and page.roster.grid is None)
    assert page.open_sheet(number)
    qtbot.waitUntil(lambda: page.sheet is not None)
    assert page.grid_box.currentText() == label and page.grid() == label
