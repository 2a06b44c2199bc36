"""The 走访记录 page lists visits by the filters and opens one with its review comment."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.visits import HOUSEHOLD, VisitsPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    gk.register.save_household(household("A001"))
    gk.register.save_household(household("A002", room="102"))
    day = date.today()
    met = gk.visits.record_visit(VisitDraft(day, VisitMethod.HOME, VisitOutcome.MET, ("张伟",),
                                            household_code="A001", notes="身体很好"))
    gk.visits.record_visit(VisitDraft(day - timedelta(days=1) if day.day > 1 else day, VisitMethod.PHONE,
                                      VisitOutcome.ABSENT, ("李娜",), household_code="A002"))
    gk.visits.review(met, "记录完整")
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_outcome_filter_and_opening_a_visit_shows_the_review(qtbot, context: Context) -> None:  # noqa: ANN001
    page = VisitsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 2)
    page.outcome_box.setCurrentIndex(page.outcome_box.findData("met"))
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.table.item(0, HOUSEHOLD).text() == "A001"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "记录完整" in page.detail.toPlainText())
    assert "身体很好" in page.detail.toPlainText()
    assert "张伟" in page.detail.toPlainText()
