"""Households named in a list (a drill-down behind a figure, a phone-call list): a table of
code, address, head and why each is there, sorted by a click on a header, and double-click (or
Enter) to open the household in the register's detail pane, in a dialog of its own so the page
behind keeps its place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.services.facade import GridKeeper
from ui.widgets.household_menu import OPEN, household_menu
from ui.widgets.tables import AddressDelegate, HeaderSort, keep_header

ADDRESS, REASON = 1, 3


@dataclass(frozen=True)
class ListedHousehold:
    """One line: ``household_id`` None for what is not a household (a need's number)."""

    code: str
    address: str
    head: str
    reason: str
    household_id: int | None = None


def open_household(gk: GridKeeper, household_id: int, parent: QWidget) -> QDialog:
    """Show the household in a non-modal dialog and return it (the caller may keep it)."""
    from ui.pages.register.detail import HouseholdDetail

    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("HouseholdList", "住户详情"))
    detail = HouseholdDetail(gk, dialog)
    QVBoxLayout(dialog).addWidget(detail)
    detail.show_household(household_id)
    dialog.resize(640, 560)
    dialog.show()
    return dialog


def act_over_page(owner: Any) -> Callable[[str, int], None]:
    """The household menu's ``act`` for a list shown over a page: OPEN shows the household in a
    dialog (kept as ``owner.dialog``) so the page behind keeps its place; the rest goes to the
    main window through ``owner.household_action``. ``owner`` has ``gk``, ``dialog`` and that
    signal."""

    def act(what: str, household_id: int) -> None:
        if what == OPEN:
            owner.dialog = open_household(owner.gk, household_id, owner)
        else:
            owner.household_action.emit(what, household_id)

    return act


class HouseholdList(QWidget):
    """A title and the households behind it; double-click, Enter or F2 opens one, its context
    menu records a visit, raises a need or prints the visit log (``household_action``)."""

    household_action = Signal(str, int)  # what, household id: heard by the main window

    def __init__(self, gk: GridKeeper, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.lines: list[ListedHousehold] = []
        self.dialog: QDialog | None = None
        self.title = QLabel(hint)
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("户编号"), self.tr("住址"), self.tr("户主"),
                                              self.tr("原因")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegateForColumn(ADDRESS, AddressDelegate(self.table))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the reason as wide as its header (cut, it is in the tooltip); the address takes the
        # room left, never less than its header: a narrow list scrolls rather than clip them
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REASON, max(header.sectionSizeHint(REASON), 120))
        keep_header(self.table, ADDRESS)
        self.sorting = HeaderSort(self.table, lambda: self.lines, self._fill)
        self.table.setToolTip(self.tr("双击（或按回车）打开该户"))
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open(row))
        household_menu(self.table, gk.actor,
                       lambda index: self.lines[index.row()].household_id if index.row() < len(self.lines)
                       else None, act_over_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_lines(self, title: str, lines: list[ListedHousehold], counted: bool = False) -> None:
        """``counted``: the title already says how many (else the count follows it)."""
        self.title.setText(title if counted else f"{title}（{len(lines)}）")
        self._fill(lines)
        self.sorting.resort()
        self.table.scrollToTop()

    def _fill(self, lines: list[ListedHousehold]) -> None:
        """The table, row i being ``lines[i]``."""
        self.lines = lines
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate((line.code, line.address, line.head, line.reason)):
                item = QTableWidgetItem(value)
                if c in (1, 3):
                    item.setToolTip(value)
                self.table.setItem(r, c, item)

    def open(self, row: int) -> None:
        if 0 <= row < len(self.lines) and self.lines[row].household_id is not None:
            self.dialog = open_household(self.gk, self.lines[row].household_id, self)

    def codes(self) -> list[str]:
        return [line.code for line in self.lines]


