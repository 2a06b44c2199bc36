"""The 设置 page: an administrator changes a rule and the roster follows; a bad colour is
shown at its cell and nothing is saved; others see the settings read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import Period, Role
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import MASK_KEY, WorkerDraft
from tests.conftest import household
from ui.context import Context
from ui.part2.settings import SettingsPage


def page_for(qtbot, gk: GridKeeper, tmp_path: Path) -> SettingsPage:  # noqa: ANN001
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(Context(gk, settings, "t.db", gk.actor.username))
    qtbot.addWidget(page)
    return page


def row_of(page: SettingsPage, code: str) -> int:
    column = page.categories.column_of("code")
    return next(r for r in range(page.categories.rowCount())
                if page.categories.item(r, column).text() == code)


def test_a_monthly_general_rule_saved_here_puts_the_household_on_the_roster(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.register.save_household(household("A001"))
    from gridkeeper.domain.enums import VisitMethod, VisitOutcome
    from gridkeeper.domain.visits import VisitDraft

    gk.visits.record_visit(VisitDraft(visit_date=date(2026, 10, 28), method=VisitMethod.HOME,
                                      outcome=VisitOutcome.MET, team=("王芳",), household_code="A001"),
                           today=date(2026, 10, 28))
    week, today = span_of(Period.WEEK, date(2026, 11, 30)), date(2026, 11, 30)
    assert not gk.roster.roster(week, as_of=today).rows
    page = page_for(qtbot, gk, tmp_path)
    assert not page.save_button.isEnabled()  # nothing changed yet
    r = row_of(page, "general")
    period = page.categories.cellWidget(r, page.categories.column_of("period"))
    period.setCurrentIndex(period.findData("month"))
    assert page.save_button.isEnabled()
    assert page.save(), page.message.text()
    assert [(x.code, x.period) for x in gk.settings.snapshot().categories if x.code == "general"] == [
        ("general", "month")]
    assert [row.household_code for row in gk.roster.roster(week, as_of=today).rows] == ["A001"]


def test_a_bad_colour_is_shown_at_its_cell_and_nothing_is_saved(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    r = row_of(page, "disabled")
    page.categories.item(r, page.categories.column_of("name_zh")).setText("残疾人")
    page.categories.item(r, page.categories.column_of("colour")).setText("red")
    assert page.save() is False
    assert "颜色" in page.message.text()
    assert (page.categories.currentRow(), page.categories.currentColumn()) == (
        r, page.categories.column_of("colour"))
    names = {c.code: c.name_zh for c in gk.settings.snapshot().categories}
    assert names["disabled"] == "残疾"  # the good change in the same save was not written either


def test_office_options_are_saved_with_the_rest(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    page.mask_box.setChecked(False)
    page.idle_box.setValue(5)
    page.workers.add(WorkerDraft(name=""))  # the 新增工作人员 button's empty row
    page.workers.item(page.workers.rowCount() - 1, 0).setText("赵敏")
    assert page.save(), page.message.text()
    snap = gk.settings.snapshot()
    assert snap.values[MASK_KEY] == "0" and "赵敏" in [w.name for w in snap.workers]
    assert gk.accounts.idle_minutes() == 5  # the idle lock reads the office's choice


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.GRID_LEADER, Role.STAFF])
def test_only_an_administrator_edits(qtbot, gk: GridKeeper, tmp_path: Path, role: Role) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk.acting_as(Actor("li", role)), tmp_path)
    assert page.read_only_note.isVisibleTo(page) and not page.save_button.isEnabled()
    assert page.categories.editTriggers() == page.categories.EditTrigger.NoEditTriggers
    assert not page.mask_box.isEnabled()
    assert page.save() is False
