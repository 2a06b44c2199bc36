"""Every table of every page sorts by a click on its header, in the order a user means: the
needs board by what is due first, this week's roster by urgency with what was typed staying
with its household, and a third click on the roster gives the walking order back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from gridkeeper.domain.enums import NeedChannel, VisitOutcome
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.pages.needs.page import COUNTDOWN, NUMBER
from ui.pages.this_week.model import CODE, OUTCOME, REASON


def need(days_ago: int, deadline_in: int) -> NeedDraft:
    return NeedDraft(description="楼道灯坏了", household_code="A001", channel=NeedChannel.PHONE,
                     received_at=datetime.now().replace(microsecond=0) - timedelta(days=days_ago),
                     deadline=date.today() + timedelta(days=deadline_in))


@pytest.fixture
def window(qtbot, gk: GridKeeper, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    for n in range(1, 5):
        gk.register.save_household(household(f"A{n:03d}", room=f"{n}01"))
    for days_ago, deadline_in in ((1, 9), (200, -150), (3, 1)):
        need_id = gk.needs.raise_need(need(days_ago, deadline_in))
        gk.needs.start(need_id, gk.needs.need(need_id).version)
    shown = MainWindow(Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                               "test.db", "tester"))
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown._close_confirmed = True


def click_header(view: QAbstractItemView, column: int) -> None:
    header = view.horizontalHeader()  # type: ignore[attr-defined]
    header.sectionClicked.emit(column)
    if isinstance(view, QTableView) and view.isSortingEnabled():
        # what a click does in a sorting view (sectionClicked alone does not reach the view)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder
                                if header.sortIndicatorSection() == column
                                and header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
                                else Qt.SortOrder.AscendingOrder)


def test_every_table_on_every_page_sorts_by_a_header_click(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    unsorted = []
    # NOT sortable yet, left out here until they are (not passed over in silence): the
    # dashboard's own tables and the list of a figure's households on the reports page
    not_yet = ["户编号", "住址", "户主", "原因"]
    for name in (page for page in PAGES if page != "dashboard"):
        window.show_page(name)
        window.wait_idle()
        for view in window.page(name).findChildren(QAbstractItemView):
            header = getattr(view, "horizontalHeader", lambda: None)()
            if header is None or header.isHidden() or not view.isVisibleTo(window):
                continue
            sorts = header.sectionsClickable() and header.isSortIndicatorShown()
            if not sorts:
                titles = [view.model().headerData(c, Qt.Orientation.Horizontal)
                          for c in range(header.count())]
                if titles != not_yet:
                    unsorted.append(f"{name}: {titles}")
    assert unsorted == []


def test_the_needs_board_sorts_by_what_is_due_first_and_keeps_the_need_opened(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show_page("needs")
    page = window.page("needs")
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)

    def shown(column: int) -> list[str]:
        return [page.table.item(r, column).text() for r in range(page.table.rowCount())]

    opened = page.current()
    click_header(page.table, NUMBER)
    click_header(page.table, NUMBER)  # descending: the newest number first
    assert shown(NUMBER) == sorted(shown(NUMBER), reverse=True)
    assert page.current() == opened  # the need being read stays open
    click_header(page.table, COUNTDOWN)  # by the day itself, not the text: overdue, then 1 day, then 9
    assert shown(COUNTDOWN) == ["办理 超期150天", "办理 剩1天", "办理 剩9天"]
    page.refresh()  # new data keeps the order chosen
    page.wait_idle()
    assert shown(COUNTDOWN)[0] == "办理 超期150天"


def test_this_weeks_roster_sorts_and_typed_results_stay_with_their_household(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show_page("this_week")
    page = window.page("this_week")
    qtbot.waitUntil(lambda: page.roster is not None and page.model.rowCount() == 4)
    walking = [page.model.text(r, CODE) for r in range(4)]
    page.set_outcome(1, VisitOutcome.MET)
    typed_for = walking[1]
    page.table.sortByColumn(CODE, Qt.SortOrder.DescendingOrder)
    codes = [page.model.text(r, CODE) for r in range(4)]
    assert codes == sorted(walking, reverse=True)
    row = codes.index(typed_for)
    assert page.model.text(row, OUTCOME) != "" and [r for r, _e in page.model.entered()] == [row]
    page.table.sortByColumn(REASON, Qt.SortOrder.AscendingOrder)  # the most urgent first
    reasons = [page.model.rows[r].reason for r in range(4)]
    order = list(RosterReason)
    assert [order.index(x) for x in reasons] == sorted(order.index(x) for x in reasons)
    page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # cleared: the walking order again
    assert [page.model.text(r, CODE) for r in range(4)] == walking
    assert page.model.entered()[0][0] == 1
    assert page.save_results()
    window.context.operations.wait()
    qtbot.waitUntil(lambda: page.saved_count == 1)
    assert [v.household_code for v in window.context.gk.visits.list_visits(page.week.start, page.week.end)
            ] == [typed_for]
