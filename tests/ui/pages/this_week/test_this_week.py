"""The 本周走访 page: choosing a week and a grid shows the engine's roster; the keyboard enters
outcomes row after row; the roster prints to a PDF and exports to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.periods import Period, span_of
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.this_week.model import CODE, DAY, METHOD, NOTE, OUTCOME, REASON
from ui.pages.this_week.page import ThisWeekPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    for n in range(1, 6):
        gk.register.save_household(household(f"A{n:03d}", grid="第一网格", room=f"{n}01"))
    for n in range(1, 4):
        gk.register.save_household(household(f"B{n:03d}", grid="第二网格", building="9", room=f"{n}02"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Context(gk, settings, "test.db", "tester")


def shown_codes(page: ThisWeekPage) -> list[str]:
    return [page.model.text(r, CODE) for r in range(page.model.rowCount())]


def open_page(qtbot, context: Context) -> ThisWeekPage:  # noqa: ANN001
    page = ThisWeekPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.roster is not None)
    return page


def test_the_page_opens_on_this_week_with_every_grid(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    assert page.week == span_of(Period.WEEK, date.today())
    assert page.week.label in page.week_label.text()
    expected = [r.household_code for r in context.gk.roster.roster(page.week).rows]
    assert sorted(shown_codes(page)) == sorted(expected)
    assert len(expected) == 8


def test_choosing_a_grid_shows_only_its_households(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.roster = None
    page.grid_box.setCurrentIndex(page.grid_box.findData("第二网格"))
    qtbot.waitUntil(lambda: page.roster is not None and page.roster.grid == "第二网格")
    assert sorted(shown_codes(page)) == ["B001", "B002", "B003"]


def test_next_and_previous_week_move_the_roster(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    this_week = page.week
    page.next_button.click()
    qtbot.waitUntil(lambda: page.roster is not None and page.roster.week == this_week.next())
    assert this_week.next().label in page.week_label.text()
    page.previous_button.click()
    qtbot.waitUntil(lambda: page.roster is not None and page.roster.week == this_week)


def test_never_visited_households_show_a_red_overdue_badge(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    badge = page.model.index(0, REASON)
    assert page.model.text(0, REASON).startswith("逾期")
    assert page.model.text(0, REASON).endswith("天")
    assert badge.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#c62828"


def test_digit_keys_enter_outcomes_and_move_down(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.table.setFocus()
    page.set_current(0, OUTCOME)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        qtbot.keyClick(page.table, key)
    assert page.current_row() == 4
    assert [page.model.text(r, OUTCOME) for r in range(4)] == ["见面", "未遇", "拒访", "外出/住院"]
    entered = page.entries()
    assert [(n, o) for n, _code, o, _day, _note in entered] == [
        (1, VisitOutcome.MET), (2, VisitOutcome.ABSENT), (3, VisitOutcome.REFUSED), (4, VisitOutcome.AWAY)]
    assert all(day in page.week for *_, day, _note in entered)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_0)
    assert page.model.text(3, OUTCOME) == ""
    assert len(page.entries()) == 3


def test_keyboard_entered_results_are_saved_and_the_roster_shrinks(
        qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    before = len(page.roster.rows)
    page.table.setFocus()
    page.set_current(0, OUTCOME)
    qtbot.keyClick(page.table, Qt.Key.Key_1)  # met
    qtbot.keyClick(page.table, Qt.Key.Key_1)  # met
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # nobody home: stays on the roster
    met = {page.model.text(r, CODE) for r in (0, 1)}
    absent = page.model.text(2, CODE)
    page.roster = None
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    context.operations.wait()
    assert page.saved_count == 3, page.error_label.text()
    qtbot.waitUntil(lambda: page.roster is not None)
    shown = set(shown_codes(page))
    assert len(shown) == before - 2
    assert not met & shown
    assert absent in shown


def test_a_refused_row_is_named_and_nothing_is_saved(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.set_outcome(0, VisitOutcome.MET)
    page.set_outcome(1, VisitOutcome.MET)
    page.model.set_text(1, DAY, "2019-01-01")  # before the household was registered
    page.save_results()
    context.operations.wait()
    assert page.saved_count == 0
    assert page.error_label.text().startswith("序号2（A002）")
    assert page.model.text(1, CODE) in page.error_label.text()
    assert len(context.gk.roster.roster(page.week).rows) == len(page.roster.rows)


def test_a_need_is_raised_inline_for_the_current_row(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.set_current(0, OUTCOME)
    assert page.raise_need("楼道灯坏了")
    context.operations.wait()
    assert context.gk.needs.need(page.raised_need).household_code == page.model.text(0, CODE)
    assert "已登记诉求" in page.model.text(0, NOTE)


def test_excel_export_has_one_line_per_roster_household(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    page = open_page(qtbot, context)
    assert page.export_excel(str(tmp_path / "roster.xlsx"))
    context.operations.wait()
    sheet = load_workbook(page.exported).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(codes) == sorted(shown_codes(page))


def test_print_preview_shows_the_roster_pdf(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.preview()
    qtbot.waitUntil(lambda: getattr(page, "last_preview", None) is not None, timeout=20000)
    assert page.last_preview.page_count() >= 1
    page.last_preview.close()


def test_a_sixty_row_roster_is_entered_and_saved_without_the_mouse(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    for n in range(60):
        gk.register.save_household(household(f"C{n:03d}", grid="第三网格", floor=n // 4 + 1,
                                             room=f"{n // 4 + 1}{n % 4 + 1:02d}"))
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "tester")
    page = open_page(qtbot, context)
    assert page.model.rowCount() == 60
    page.table.setFocus()
    page.set_current(0, OUTCOME)
    for _ in range(60):
        qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert len(page.entries()) == 60
    page.roster = None
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    context.operations.wait()
    assert page.saved_count == 60, page.error_label.text()
    qtbot.waitUntil(lambda: page.roster is not None)
    assert page.model.rowCount() == 0


def test_a_phone_visit_is_chosen_in_the_method_column_and_saved_as_phone(
        qtbot, context: Context) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox

    page = open_page(qtbot, context)
    page.show()
    qtbot.waitExposed(page)
    code = page.model.text(0, CODE)
    assert page.model.text(0, METHOD) == "入户"  # in the home unless told otherwise
    page.set_current(0, METHOD)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)  # the method list opens
    editor = page.table.findChild(QComboBox)
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # 门口
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # 电话
    assert editor.currentData() == VisitMethod.PHONE.value
    assert page.model.text(0, METHOD) == "电话"
    page.set_current(0, OUTCOME)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert page.save_results(), page.error_label.text()
    context.operations.wait()
    visits = context.gk.visits.list_visits(page.week.start, date.today(),
                                           household_id=context.gk.register.household_id(code))
    assert [(str(v.method), str(v.outcome)) for v in visits] == [("phone", "met")]


def test_a_street_scale_roster_fills_the_table_without_building_every_cell(
        qtbot, context: Context) -> None:  # noqa: ANN001
    from dataclasses import replace

    page = open_page(qtbot, context)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    asked: list[int] = []
    original = page.model._display
    page.model._display = lambda r, *a: asked.append(r) or original(r, *a)  # type: ignore[method-assign]
    one = page.roster.rows[0]
    rows = tuple(replace(one, household_code=f"X{n:05d}") for n in range(40_000))
    page._arrived(replace(page.roster, rows=rows))
    qtbot.wait(50)  # the view paints what is on screen
    assert page.model.rowCount() == 40_000
    assert asked and max(asked) < 200  # only the rows on screen were asked for
