"""What a role may not do is disabled before any work is typed, with a tooltip saying why,
on every page: a supervisor reads and reviews but saves, accepts and exports nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from gridkeeper.domain.enums import Role
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.pages.this_week.model import OUTCOME


@pytest.fixture
def supervisor_window(qtbot, gk: GridKeeper, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    for n in range(1, 3):
        gk.register.save_household(household(f"A{n:03d}", room=f"{n}01"))
    gk.needs.raise_need(NeedDraft(description="楼道灯坏了", household_code="A001"))
    zhao = gk.acting_as(Actor("zhao", Role.SUPERVISOR))
    window = MainWindow(Context(zhao, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                "test.db", "zhao"))
    qtbot.addWidget(window)
    for name in PAGES:
        window.show_page(name)
    window.wait_idle()
    yield window


def refused(button) -> bool:  # noqa: ANN001
    """Disabled, and the tooltip names the role and what it may not do."""
    return not button.isEnabled() and "督导" in button.toolTip() and "无权" in button.toolTip()


def test_a_supervisor_sees_every_write_disabled_with_the_reason(qtbot, supervisor_window: MainWindow) -> None:  # noqa: ANN001
    pages = supervisor_window.page_widgets
    this_week, register, needs = pages["this_week"], pages["register"], pages["needs"]
    assert refused(this_week.save_button) and refused(this_week.need_button)
    assert this_week.print_button.isEnabled()  # supervisors print
    assert refused(pages["reports"].excel_button) and pages["reports"].pdf_button.isEnabled()
    assert refused(register.new_button) and refused(register.import_button)
    qtbot.waitUntil(lambda: needs.current() is not None)
    for button in (needs.intake_button, needs.import_button, *needs.buttons.values()):
        assert refused(button)
    settings = pages["settings"]
    assert refused(settings.save_button)
    for column in ("methods", "period"):  # the rules' cells say it too, not only the save button
        assert refused(settings.categories.cellWidget(0, settings.categories.column_of(column)))
    assert pages["audit"].search_button.isEnabled()  # the audit log is theirs to read


def test_a_supervisor_cannot_type_results_that_would_be_refused(qtbot, supervisor_window: MainWindow) -> None:  # noqa: ANN001
    page = supervisor_window.page("this_week")
    qtbot.waitUntil(lambda: page.roster is not None and page.model.rowCount() == 2)
    page.table.setFocus()
    page.set_current(0, OUTCOME)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert page.model.text(0, OUTCOME) == "" and not page.model.entered()
    assert page.table.editTriggers() == page.table.EditTrigger.NoEditTriggers
    assert page.save_results() is False and "无权" in page.error_label.text()


def test_a_grid_leader_records_visits_but_does_not_edit_the_register(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.register.save_household(household("A001"))
    li = gk.acting_as(Actor("li", Role.GRID_LEADER, frozenset({1})))
    window = MainWindow(Context(li, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                "test.db", "li"))
    qtbot.addWidget(window)
    window.show_page("this_week")
    window.wait_idle()
    assert window.page("this_week").save_button.isEnabled()
    assert not window.register().new_button.isEnabled() and "网格长" in window.register().new_button.toolTip()


def test_enter_shows_a_supervisor_the_household_without_an_editor(
        qtbot, supervisor_window: MainWindow) -> None:  # noqa: ANN001
    register = supervisor_window.register()
    supervisor_window.show_page("register")
    register.wait_idle()
    register.table.selectRow(0)
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key.Key_Return)
    assert register.editors == {}
    shown = register.open_selected()
    assert shown is not None and shown.windowTitle() == "住户详情"
    shown.close()


def test_the_context_menu_greys_out_what_a_supervisor_may_not_do(
        qtbot, supervisor_window: MainWindow) -> None:  # noqa: ANN001
    register = supervisor_window.register()
    supervisor_window.show_page("register")
    register.wait_idle()
    first = register.table.visualRect(register.model.index(0, 0)).center()
    register.table.customContextMenuRequested.emit(first)
    actions = {a.text().split("\t")[0]: a for a in register.table.last_menu.actions()}
    assert actions["打开住户"].isEnabled() and actions["打印民情日志…"].isEnabled()
    for text in ("在本周走访中录入走访", "登记诉求…"):
        assert not actions[text].isEnabled() and "督导" in actions[text].toolTip()


def test_the_menu_greys_out_what_a_supervisor_may_not_do_and_says_why(
        qtbot, supervisor_window: MainWindow) -> None:  # noqa: ANN001
    menus = supervisor_window.menus
    assert refused(menus.import_action) and refused(menus.new_household_action)
    supervisor_window.show_page("this_week")
    assert refused(menus.page_actions["save"]) and refused(menus.page_actions["need"])
    assert menus.page_actions["print"].isEnabled()  # supervisors print
    supervisor_window.show_page("needs")
    assert refused(menus.new_action)  # Ctrl+N on the needs page: a need, which they may not raise
    supervisor_window.show_page("settings")
    assert refused(menus.page_actions["save"])
