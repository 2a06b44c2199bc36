"""The main window keeps every page in step and never loses typed work: a saved result
reaches the dashboard, a new household the status bar, saved visits the visits page; results
typed on this week's page survive a change of page and are offered for saving before another
grid, week or closing the window drops them; the household editor asks the same on Esc."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gridkeeper.domain.enums import VisitOutcome
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.main_window import MainWindow
from ui.operations import Changes
from ui.pages.this_week.model import OUTCOME
from ui.texts import plain


@pytest.fixture
def window(qtbot, gk: GridKeeper, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    for n in range(1, 4):
        gk.register.save_household(household(f"A{n:03d}", grid="第一网格", room=f"{n}01"))
    gk.register.save_household(household("B001", grid="第二网格", building="2"))
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")
    shown = MainWindow(context)
    shown.show()
    shown.wait_idle()
    yield shown
    shown._close_confirmed = True  # nothing asked while the test tears down
    shown.close()
    shown.deleteLater()


def answer(button_text: str, seen: list[str] | None = None) -> None:
    """Click ``button_text`` on the next message box (the save / discard / cancel question)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def this_week(window: MainWindow, qtbot):  # noqa: ANN001, ANN201
    window.show_page("this_week")
    page = window.page("this_week")
    qtbot.waitUntil(lambda: page.roster is not None)
    return page


def settle(window: MainWindow) -> None:
    window.context.operations.wait()
    window.wait_idle()


def test_results_saved_on_this_weeks_page_reach_the_dashboard(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show_page("dashboard")
    dashboard = window.page("dashboard")
    settle(window)
    assert "应访 4 户" in plain(dashboard.headline.text())
    page = this_week(window, qtbot)
    page.set_outcome(0, VisitOutcome.MET)
    page.set_outcome(1, VisitOutcome.MET)
    assert page.save_results()
    settle(window)
    assert page.saved_count == 2
    assert "应访 2 户" in plain(dashboard.headline.text())  # refreshed without being opened again


def test_a_new_household_updates_the_status_bar_count(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    assert "4" in window.count_label.text()
    editor = window.register().new_household()
    editor.code.setText("C001")
    editor.grid.setCurrentText("第三网格")
    editor.estate.setText("阳光小区")
    editor.building.setText("5")
    editor.room.setText("101")
    editor.residents.item(0, 0).setText("刘洋")
    assert editor.save()
    settle(window)
    assert "5" in window.count_label.text()
    root = window.scope.topLevelItem(0)
    grids = [root.child(i).text(0) for i in range(root.childCount())]
    assert "第三网格" in grids  # the tree follows the register


def test_saved_visits_appear_on_the_visits_page(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show_page("visits")
    visits = window.page("visits")
    settle(window)
    assert visits.table.rowCount() == 0
    page = this_week(window, qtbot)
    page.set_outcome(0, VisitOutcome.MET)
    page.save_results()
    settle(window)
    assert visits.table.rowCount() == 1


def test_typed_results_survive_a_change_of_page_and_a_save_elsewhere(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = this_week(window, qtbot)
    page.set_outcome(2, VisitOutcome.ABSENT)
    code = page.model.rows[2].household_code
    window.show_page("register")
    window.show_page("this_week")
    assert page.model.text(2, OUTCOME) == "未遇"
    # a household added elsewhere: the roster is computed again, with one more row
    gk = window.context.gk
    window.context.operations.run(
        None, lambda: gk.register.save_household(household("A000", grid="第一网格", room="001")),
        Changes(households=True))
    settle(window)
    assert "A000" in [x.household_code for x in page.roster.rows]
    row = next(r for r, x in enumerate(page.model.rows) if x.household_code == code)
    assert page.model.text(row, OUTCOME) == "未遇"


@pytest.mark.parametrize(("choice", "kept", "saved"),
                         [("取消", True, 0), ("不保存", False, 0), ("保存", False, 1)])
def test_another_grid_asks_before_typed_results_are_dropped(
        qtbot, window: MainWindow, choice: str, kept: bool, saved: int) -> None:  # noqa: ANN001
    page = this_week(window, qtbot)
    page.set_outcome(0, VisitOutcome.MET)
    seen: list[str] = []
    answer(choice, seen)
    page.grid_box.setCurrentIndex(page.grid_box.findData("第二网格"))
    settle(window)
    assert seen and "1 户" in seen[0]
    assert (page.grid() is None) == kept  # cancelled: still every grid, with the typed result
    assert bool(page.model.entered()) == kept
    visits = window.context.gk.visits.list_visits(page.week.start, page.week.end)
    assert len(visits) == saved
    if not kept:
        assert [r.grid for r in page.roster.rows] == ["第二网格"]


def test_another_week_asks_too(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = this_week(window, qtbot)
    week = page.week
    page.set_outcome(0, VisitOutcome.MET)
    answer("取消")
    page.next_button.click()
    assert page.week == week and page.model.entered()


def test_closing_the_window_asks_and_saves_first(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = this_week(window, qtbot)
    page.set_outcome(0, VisitOutcome.MET)
    answer("取消")
    window.close()
    assert window.isVisible()
    answer("保存")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert len(window.context.gk.visits.list_visits(page.week.start, page.week.end)) == 1


def test_the_household_editor_asks_on_escape_and_opens_once_per_household(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    register = window.register()
    household_id = window.context.gk.register.household_id("A001")
    editor = register.edit_household(household_id)
    assert register.edit_household(household_id) is editor  # brought forward, not a second one
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert not editor.isVisible()
    editor = register.edit_household(household_id)
    editor.notes.setPlainText("独居，腿脚不便")
    seen: list[str] = []
    answer("取消", seen)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and "A001" in seen[0]
    answer("保存")
    editor.close()
    settle(window)
    assert not editor.isVisible()
    assert window.context.gk.register.load_draft(household_id).notes == "独居，腿脚不便"


def test_the_menu_bar_offers_the_windows_actions_with_their_shortcuts(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    found = {a.text().split("\t")[0]: a for m in window.menuBar().actions() for a in m.menu().actions()}
    assert found["新建…"].shortcut().toString() == "Ctrl+N"  # a need on the needs page
    assert found["查找住户"].shortcut().toString() == "Ctrl+F"
    assert found["导入住户或走访记录…"].shortcut().toString() == "Ctrl+I"
    assert "Ctrl+S" in next(a.text() for a in found.values() if a.text().startswith("保存"))
    window.show_page("dashboard")
    assert not window.menus.page_actions["save"].isEnabled()  # nothing to save on the dashboard
    page = this_week(window, qtbot)
    assert window.menus.page_actions["save"].isEnabled()
    page.set_outcome(0, VisitOutcome.MET)
    window.menus.page_actions["save"].trigger()
    settle(window)
    assert page.saved_count == 1
    found["新建…"].trigger()
    assert window.pages.currentWidget() is window.register()
    editor = window.register().editors[None]
    assert editor.isVisible()
    editor.close()


def test_enter_and_f2_open_the_selected_household(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    register = window.register()
    window.show_page("register")
    register.wait_idle()
    register.table.setFocus()
    register.table.selectRow(0)
    household_id = register.selected_id()
    qtbot.keyClick(register.table, Qt.Key.Key_F2)
    editor = register.editors[household_id]
    assert editor.isVisible()
    editor.close()
    qtbot.keyClick(register.table, Qt.Key.Key_Return)
    assert register.editors[household_id].isVisible()
    register.editors[household_id].close()


def test_the_households_behind_a_figure_open_with_enter_or_f2_and_have_the_household_menu(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from ui.pages.dashboard import DUE, OVERDUE

    window.show_page("dashboard")
    settle(window)
    dashboard = window.page("dashboard")
    row = next(r for r in range(dashboard.table.rowCount())
               if any(dashboard.table.item(r, c).text() != "0" for c in (DUE, OVERDUE)))
    column = DUE if dashboard.table.item(row, DUE).text() != "0" else OVERDUE
    dashboard.table.setFocus()
    dashboard.table.setCurrentCell(row, column)
    qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)  # Enter on a figure, as a click
    listed = dashboard.households
    qtbot.waitUntil(lambda: listed.table.rowCount() > 0)
    listed.table.setFocus()
    listed.table.setCurrentCell(0, 0)
    qtbot.keyClick(listed.table, Qt.Key.Key_F2)
    assert listed.dialog is not None and listed.dialog.isVisible()  # beside the dashboard
    listed.dialog.close()
    qtbot.keyClick(listed.table, Qt.Key.Key_Return)
    assert listed.dialog.isVisible()
    listed.dialog.close()
    household_id = listed.lines[0].household_id
    first = listed.table.visualRect(listed.table.model().index(0, 0))
    listed.table.customContextMenuRequested.emit(first.center())
    menu = listed.table.last_menu
    assert [a.text().split("\t")[0] for a in menu.actions()] == [
        "打开住户", "在本周走访中录入走访", "登记诉求…", "打印民情日志…"]
    menu.actions()[1].trigger()  # record a visit: this week's page, on that household's row
    page = window.page("this_week")
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.roster is not None)
    window.register().household_action.emit("visit", household_id)
    assert page.model.rows[page.current_row()].household_id == household_id


def test_a_tables_context_menu_opens_records_and_says_what_a_role_may_not(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    register = window.register()
    window.show_page("register")
    register.wait_idle()
    rect = register.table.visualRect(register.model.index(0, 0))
    register.table.customContextMenuRequested.emit(rect.center())
    menu = register.table.last_menu
    texts = [a.text().split("\t")[0] for a in menu.actions()]
    assert texts == ["打开住户", "在本周走访中录入走访", "登记诉求…", "打印民情日志…"]
    household_id = register.selected_id()
    menu.actions()[1].trigger()  # record a visit: this week's page, on that household's row
    page = window.page("this_week")
    qtbot.waitUntil(lambda: page.roster is not None)
    window.register().household_action.emit("visit", household_id)
    assert window.pages.currentWidget() is page
    assert page.model.rows[page.current_row()].household_id == household_id
    assert page.table.currentIndex().column() == OUTCOME
    page_rect = page.table.visualRect(page.model.index(0, 0))
    page.table.customContextMenuRequested.emit(page_rect.center() + QPoint(0, 0))
    page.table.last_menu.actions()[0].trigger()  # open the household from the roster
    editor = window.register().editors[page.model.rows[0].household_id]
    assert editor.isVisible()
    editor.close()


def test_every_button_showing_only_an_icon_says_what_it_does(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    from ui.pages import PAGES

    silent = []
    for name in PAGES:
        window.show_page(name)
        window.wait_idle()
        for button in window.page(name).findChildren(QAbstractButton):
            # on another tab too: only a button hidden on purpose is passed over
            if (not button.isHidden() and not button.text().strip() and not button.toolTip()
                    and button.objectName() != "qt_tableview_cornerbutton"  # Qt's select-all corner
                    and not isinstance(button.parent(), QLineEdit)):  # a line edit's clear button
                silent.append(f"{name}: {type(button).__name__}")
    assert silent == []


def test_closing_the_window_asks_for_an_open_editor_and_the_settings_too(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    register = window.register()
    editor = register.edit_household(window.context.gk.register.household_id("A002"))
    editor.notes.setPlainText("子女在外地")
    window.show_page("settings")
    settings = window.page("settings")
    settings.idle_box.setValue(settings.idle_box.value() + 5)
    seen: list[str] = []
    answer("取消", seen)
    window.close()
    assert window.isVisible() and editor.isVisible()
    assert "A002" in seen[0] and "设置" in seen[0]  # one question naming both
    answer("不保存")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert window.context.gk.register.load_draft(editor.household_id).notes != "子女在外地"  # discarded


def test_a_search_finishing_after_the_window_closed_reaches_no_page(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    register = window.register()
    delivered: list[object] = []
    started = threading.Event()
    release = threading.Event()

    def slow_search() -> str:
        started.set()
        release.wait(5)
        return "rows"

    register.runner.submit(slow_search, delivered.append)
    assert started.wait(5)
    window._close_confirmed = True
    window.close()
    release.set()
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    assert delivered == []  # the closed window's database is not read on its behalf
    assert register.runner.submit(lambda: "again", delivered.append) == 0
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    assert delivered == []
