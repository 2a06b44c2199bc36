"""The 民情诉求 board: a need moves from open to resolved with the fields each step asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.needs import NeedDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.needs import STATUS, NeedsPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    gk.register.save_household(household("A001"))
    gk.needs.raise_need(NeedDraft(description="楼道灯坏了", household_code="A001"))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_a_need_is_started_then_resolved_and_the_board_shows_it(qtbot, context: Context) -> None:  # noqa: ANN001
    page = NeedsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    number = page.rows[0].number
    page.select_number(number)
    assert page.start_button.isEnabled() and not page.resolve_button.isEnabled()
    assert page.start()
    qtbot.waitUntil(lambda: page.rows and page.rows[0].status == "in_progress")
    page.select_number(number)
    page.resolve("   ")
    context.operations.wait()
    assert "办理结果" in page.message.text()  # a resolution is required
    assert context.gk.needs.need(page.rows[0].id).status == "in_progress"
    assert page.resolve("已更换灯泡")
    qtbot.waitUntil(lambda: page.rows and page.rows[0].status == "resolved")
    assert page.table.item(0, STATUS).text() == "已解决待回访"
    assert context.gk.needs.need(page.rows[0].id).resolution == "已更换灯泡"


def test_status_filter_and_rates(qtbot, context: Context) -> None:  # noqa: ANN001
    page = NeedsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.rates is not None)
    assert "受理 1 件" in page.rates_label.text()
    page.status_box.setCurrentIndex(page.status_box.findData("closed"))
    qtbot.waitUntil(lambda: page.rows == [])


def test_need_categories_are_shown_and_chosen_by_name(qtbot, context: Context) -> None:  # noqa: ANN001
    from ui.pages.needs import CATEGORY

    context.gk.needs.raise_need(NeedDraft(description="想申请助餐", household_code="A001",
                                          category="elderly_care"))
    page = NeedsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 2)
    names = dict(context.gk.needs.categories())
    shown = {page.table.item(r, CATEGORY).text() for r in range(page.table.rowCount())}
    assert shown == {names["elderly_care"].zh, names["other"].zh}
    page.category_box.setCurrentIndex(page.category_box.findText(names["elderly_care"].zh))
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.rows[0].category == "elderly_care"
