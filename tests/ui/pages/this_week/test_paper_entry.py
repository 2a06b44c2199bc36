"""Typing a printed roster back by its number: the sheet opens from the number box (typed or
scanned), lists the paper's lines under the paper's 序号, and 30 results go in with at most
35 key presses; saving keeps every line where it is for a second sitting."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from gridkeeper.domain.enums import VisitOutcome
from gridkeeper.domain.periods import Period, span_of
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Grid, Household, Need, Visit, Worker
from tests.conftest import household
from ui.context import Context
from ui.pages.this_week.model import CODE, DAY, FOLLOW_UP, NOTE, OUTCOME
from ui.pages.this_week.page import ThisWeekPage

WEEK = span_of(Period.WEEK, date.today())
KEYS = {VisitOutcome.MET: Qt.Key.Key_1, VisitOutcome.ABSENT: Qt.Key.Key_2,
        VisitOutcome.REFUSED: Qt.Key.Key_3, VisitOutcome.AWAY: Qt.Key.Key_4}


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    """Thirty households of one grid (3 stairwells), none visited, and a grid besides."""
    for n in range(30):
        unit, floor = n // 10 + 1, n % 10 + 1
        gk.register.save_household(household(f"A{n + 1:03d}", grid="第一网格", unit=unit,
                                             floor=floor, room=f"{floor}01"))
    gk.register.save_household(household("B001", grid="第二网格", building="9"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Context(gk, settings, "test.db", "tester")


def printed_number(gk: GridKeeper, grid: str = "第一网格") -> str:
    return gk.printing.rosters(WEEK, None, grid=grid).numbers[0]


def open_page(qtbot, context: Context) -> ThisWeekPage:  # noqa: ANN001
    page = ThisWeekPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.roster is not None)
    return page


class Keyboard:
    """The user's hands: every key press goes through here and is counted."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.presses = 0

    def press(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
        self.presses += 1
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget, text: str) -> None:  # noqa: ANN001
        for char in text:
            self.press(widget, char)


def scan(qtbot, page: ThisWeekPage, number: str) -> None:  # noqa: ANN001
    """A USB scanner: it types the number and Enter into the focused box (not the user's keys)."""
    page.number_box.setFocus()
    qtbot.keyClicks(page.number_box, number)
    qtbot.keyClick(page.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.sheet is not None and page.sheet.number == number)


def recorded(gk: GridKeeper) -> dict[str, tuple[str, str | None, date | None]]:
    with gk.db.reading() as session:
        rows = session.execute(select(Household.code, Visit.outcome, Visit.roster_number,
                                      Visit.follow_up_on)
                               .join(Household, Household.id == Visit.household_id)).all()
    return {code: (outcome, number, follow_up) for code, outcome, number, follow_up in rows}


def test_a_scanned_number_opens_the_paper_and_thirty_results_take_31_key_presses(
        qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    number = printed_number(gk)
    sheet = gk.sheets.open(number)
    page = open_page(qtbot, context)
    assert page.number_box.text() == "" and "花名册编号" in page.number_box.placeholderText()
    scan(qtbot, page, number)
    model = page.model
    assert [model.text(r, CODE) for r in range(model.rowCount())] == [
        line.household_code for line in sheet.lines]
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(30)] == [
        str(line.seq) for line in sheet.lines]
    assert page.table.hasFocus() and page.table.currentIndex().column() == OUTCOME

    results = ([VisitOutcome.MET] * 7 + [VisitOutcome.ABSENT, VisitOutcome.MET, VisitOutcome.REFUSED]) * 3
    results[-1] = VisitOutcome.AWAY
    hands = Keyboard(qtbot)
    for outcome in results:
        hands.press(page.table, KEYS[outcome])
    hands.press(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    context.operations.wait()
    qtbot.waitUntil(lambda: page.saved_count == 30)
    assert hands.presses == 31 <= 35
    by_code = recorded(gk)
    assert {code: outcome for code, (outcome, _n, _f) in by_code.items()} == {
        line.household_code: outcome.value for line, outcome in zip(sheet.lines, results, strict=True)}
    assert {n for _o, n, _f in by_code.values()} == {number}


def test_the_grid_number_alone_typed_by_hand_opens_the_weeks_sheet(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    number = printed_number(gk)
    page = open_page(qtbot, context)
    hands = Keyboard(qtbot)
    page.number_box.setFocus()
    hands.type(page.number_box, str(int(number.rsplit("-", 1)[1])))
    hands.press(page.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.sheet is not None)
    assert page.sheet.number == number and hands.presses <= 4
    for _ in range(30):
        hands.press(page.table, Qt.Key.Key_1)
    hands.press(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    context.operations.wait()
    qtbot.waitUntil(lambda: page.saved_count == 30)
    assert hands.presses <= 35 and len(recorded(gk)) == 30


def test_a_number_scanned_through_a_chinese_input_method_in_full_width_still_opens_the_paper(
        qtbot, context: Context) -> None:  # noqa: ANN001
    number = printed_number(context.gk)
    page = open_page(qtbot, context)
    # the box takes the scanner's keys itself: no input method turns the W into pinyin
    assert not page.number_box.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)  # what a full-width mode types
    page.number_box.setFocus()
    for char in full_width:  # key events carrying the text (QTest types ASCII only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(page.number_box, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                              Qt.KeyboardModifier.NoModifier, char))
    assert page.number_box.text() == full_width
    qtbot.keyClick(page.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.sheet is not None)
    assert page.sheet.number == number


def test_every_result_and_a_short_note_fit_their_columns_uncut(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.resize(1024, 700)
    scan(qtbot, page, printed_number(context.gk))
    for key in (Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1):
        qtbot.keyClick(page.table, key)
    page.model.setData(page.model.index(0, FOLLOW_UP), "2026-12-31")
    page.model.setData(page.model.index(0, NOTE), "[已登记诉求]老人住院")
    metrics = page.table.fontMetrics()
    for row, column in ((0, OUTCOME), (1, OUTCOME), (0, FOLLOW_UP), (0, NOTE)):
        text = page.model.index(row, column).data()
        assert metrics.horizontalAdvance(text) < page.table.columnWidth(column), (column, text)


def test_a_date_typed_short_on_a_line_carries_down_to_the_lines_below(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    number = printed_number(gk)
    page = open_page(qtbot, context)
    scan(qtbot, page, number)
    today = date.today()
    earlier = today - timedelta(days=2)  # the paper's 走访日期 of the second stairwell
    hands = Keyboard(qtbot)
    for _ in range(2):
        hands.press(page.table, Qt.Key.Key_1)
    hands.press(page.table, Qt.Key.Key_Right)  # to the date of the third line
    for char in f"{earlier.month}-{earlier.day}":  # as the paper has it (月 日), into the editor
        hands.press(QApplication.focusWidget() or page.table, char)
    hands.press(QApplication.focusWidget(), Qt.Key.Key_Return)
    hands.press(page.table, Qt.Key.Key_Left)
    for _ in range(3):
        hands.press(page.table, Qt.Key.Key_1)
    assert page.model.text(2, DAY) == page.model.text(4, DAY) == earlier.isoformat()
    assert page.model.text(0, DAY) == today.isoformat()
    hands.press(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    context.operations.wait()
    qtbot.waitUntil(lambda: page.saved_count == 5)
    with gk.db.reading() as session:
        days = dict(session.execute(select(Household.code, Visit.visit_date)
                                    .join(Household, Household.id == Visit.household_id)).all())
    codes = [line.household_code for line in gk.sheets.open(number).lines]
    assert [days[c] for c in codes[:5]] == [today] * 2 + [earlier] * 3
    assert hands.presses <= 5 + 3 + len(f"{earlier.month}-{earlier.day}") + 1
    # a slip of the pen (a day still to come) is not taken for last year's: the line is named
    page.set_current(6, DAY)
    tomorrow = today + timedelta(days=1)
    page.model.setData(page.model.index(6, DAY), f"{tomorrow.month}-{tomorrow.day}")
    page.set_outcome(6, VisitOutcome.MET)
    assert page.save_results() is False
    assert f"序号{page.model.seq(6)}" in page.error_label.text()


def test_saving_does_not_renumber_so_a_second_sitting_still_matches_the_paper(
        qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    number = printed_number(gk)
    page = open_page(qtbot, context)
    scan(qtbot, page, number)
    before = [(page.model.headerData(r, Qt.Orientation.Vertical), page.model.text(r, CODE))
              for r in range(page.model.rowCount())]
    for _ in range(10):
        qtbot.keyClick(page.table, Qt.Key.Key_1)
    page.save_results()
    context.operations.wait()
    qtbot.waitUntil(lambda: page.model.saved(9) is not None)
    after = [(page.model.headerData(r, Qt.Orientation.Vertical), page.model.text(r, CODE))
             for r in range(page.model.rowCount())]
    assert after == before  # the ten met households stay on their lines
    assert "已保存" in page.model.text(0, OUTCOME)
    assert page.table.currentIndex().row() == 10  # the next line to type
    # the week's roster itself did shrink
    assert len(gk.roster.roster(WEEK, grid="第一网格").rows) == 20
    # a second sitting, later: the same paper, the same lines
    page.close_sheet()
    qtbot.waitUntil(lambda: page.sheet is None and page.roster is not None)
    scan(qtbot, page, number)
    assert [(page.model.headerData(r, Qt.Orientation.Vertical), page.model.text(r, CODE))
            for r in range(page.model.rowCount())] == before
    assert page.table.currentIndex().row() == 10
    for _ in range(5):
        qtbot.keyClick(page.table, Qt.Key.Key_2)
    page.save_results()
    context.operations.wait()
    qtbot.waitUntil(lambda: len(recorded(gk)) == 15)


def test_an_unknown_number_is_said_and_the_box_is_ready_for_another_scan(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    page.number_box.setFocus()
    qtbot.keyClicks(page.number_box, "2026W01-999")
    qtbot.keyClick(page.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2026W01-999" in page.error_label.text())
    assert page.sheet is None and page.number_box.hasFocus()
    assert page.number_box.selectedText() == "2026W01-999"


def test_a_follow_up_date_typed_on_a_line_is_saved_with_the_visit(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    page = open_page(qtbot, context)
    scan(qtbot, page, printed_number(gk))
    day = date.fromisoformat(page.model.text(0, DAY))
    page.model.set_text(0, FOLLOW_UP, (day + timedelta(days=14)).isoformat())
    page.set_outcome(0, VisitOutcome.MET)
    page.model.set_text(1, FOLLOW_UP, (day - timedelta(days=1)).isoformat())
    page.set_outcome(1, VisitOutcome.MET)
    assert page.save_results() is False
    assert "跟进日期" in page.error_label.text() and "早于走访日期" in page.error_label.text()
    page.model.set_text(1, FOLLOW_UP, "")
    page.save_results()
    context.operations.wait()
    qtbot.waitUntil(lambda: len(recorded(gk)) == 2)
    first = page.model.rows[0].household_code
    assert recorded(gk)[first][2] == day + timedelta(days=14)


def test_the_need_dialog_can_promise_a_follow_up(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    page = open_page(qtbot, context)
    scan(qtbot, page, printed_number(gk))
    day = date.fromisoformat(page.model.text(0, DAY))
    page.set_current(0, OUTCOME)
    assert page.raise_need("楼道灯坏了", follow_up=day + timedelta(days=7))
    context.operations.wait()
    assert page.model.text(0, FOLLOW_UP) == (day + timedelta(days=7)).isoformat()
    page.set_outcome(0, VisitOutcome.MET)
    page.save_results()
    context.operations.wait()
    qtbot.waitUntil(lambda: len(recorded(gk)) == 1)
    assert recorded(gk)[page.model.rows[0].household_code][2] == day + timedelta(days=7)
    with gk.db.reading() as session:
        assert session.scalars(select(Need.description)).all() == ["楼道灯坏了"]


def test_one_workers_households_across_the_grids(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    with gk.db.transaction() as session:
        grid = session.scalar(select(Grid.community_id).where(Grid.name == "第一网格"))
        worker = Worker(community_id=grid, name="刘芳")
        session.add(worker)
        session.flush()
        session.execute(update(Household).where(Household.code.in_(["A003", "A017", "B001"]))
                        .values(worker_id=worker.id))
    page = open_page(qtbot, context)
    index = page.worker_box.findData("刘芳")
    assert index > 0
    page.worker_box.setCurrentIndex(index)
    assert sorted(page.model.text(r, CODE) for r in range(page.model.rowCount())) == ["A003", "A017", "B001"]
    page.worker_box.setCurrentIndex(0)
    assert page.model.rowCount() == 31


def test_the_grids_visit_log_prints_from_the_page(qtbot, context: Context) -> None:  # noqa: ANN001
    page = open_page(qtbot, context)
    assert page.print_visit_log(period=WEEK.label) is False  # all grids: choose one first
    assert "网格" in page.error_label.text()
    page.grid_box.setCurrentIndex(page.grid_box.findData("第一网格"))
    qtbot.waitUntil(lambda: page.roster is not None and page.roster.grid == "第一网格")
    assert page.print_visit_log(period=WEEK.label)
    context.operations.wait()
    qtbot.waitUntil(lambda: getattr(page, "last_visit_log", None) is not None)
    assert page.last_visit_log.data.startswith(b"%PDF")
