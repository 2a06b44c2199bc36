"""A long list of the households behind a figure (a year's missed households run to tens of
thousands at street scale): the list holds only their codes and why each is there; address
and head are read from the register a block of rows at a time, as the rows come into view.

A header click sorts: by code or reason here, by address (walking order, also the order it
opens in) or head in the database, off the UI thread. Double-click, Enter or F2 opens a
household; its context menu is every household table's (ui/widgets/household_menu.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from gridkeeper.domain.ordering import natural_key
from gridkeeper.services.completion import HouseholdBrief
from gridkeeper.services.facade import GridKeeper
from ui.tasks import Runner
from ui.widgets.household_dialog import act_over_page, open_household
from ui.widgets.household_menu import household_menu
from ui.widgets.tables import AddressDelegate

BLOCK = 200  # rows read at once: a screenful and then some, in one query
CODE, ADDRESS, HEAD, REASON = range(4)
Index = QModelIndex | QPersistentModelIndex


class HouseholdPages(QAbstractTableModel):
    """Codes and reasons in table order; each row's address and head read when first shown."""

    ordered = Signal()  # a sort asked of the database has arrived

    def __init__(self, gk: GridKeeper, parent: Any = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.titles = [self.tr("户编号"), self.tr("住址"), self.tr("户主"), self.tr("原因")]
        self._codes: list[str] = []
        self._reasons: dict[str, str] = {}
        self._briefs: dict[str, HouseholdBrief | None] = {}  # None: not in the actor's grids
        self.runner = Runner(self)
        self.column, self.order = -1, Qt.SortOrder.AscendingOrder

    # --- what the list calls ---------------------------------------------------------------
    def show_households(self, reasons: dict[str, str]) -> None:
        """These households (code -> why listed), in the order last chosen (walking order first)."""
        self.beginResetModel()
        self._codes, self._reasons, self._briefs = list(reasons), dict(reasons), {}
        self.endResetModel()
        self.sort(self.column, self.order)

    def codes(self) -> list[str]:
        return list(self._codes)

    def brief(self, row: int) -> HouseholdBrief | None:
        """The row's household as the register has it (its block read now if it is not yet)."""
        if not 0 <= row < len(self._codes):
            return None
        code = self._codes[row]
        if code not in self._briefs:
            start = max(0, row - BLOCK // 4)
            block = [c for c in self._codes[start:start + BLOCK] if c not in self._briefs]
            found = {h.code: h for h in self.gk.completion.households(block)}
            self._briefs.update({c: found.get(c) for c in block})
        return self._briefs.get(code)

    # --- Qt's side ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        code, column = self._codes[index.row()], index.column()
        if column == CODE:
            return code if role == Qt.ItemDataRole.DisplayRole else None
        if column == REASON:
            return self._reasons[code]
        if role == Qt.ItemDataRole.ToolTipRole and column != ADDRESS:
            return None
        brief = self.brief(index.row())
        if brief is None:
            return "—"
        return brief.address if column == ADDRESS else brief.head

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort off the UI thread (a year's list is a hundred thousand households): by code or
        reason here, by address or head in the database; the rows follow when it is done."""
        self.column, self.order = column, order
        descending = order is Qt.SortOrder.DescendingOrder
        codes, reasons = list(self._codes), dict(self._reasons)
        if column in (CODE, REASON):
            def key(code: str) -> Any:
                return (reasons[code], natural_key(code)) if column == REASON else natural_key(code)

            def work() -> list[str]:
                return sorted(codes, key=key)
        else:
            by = "head" if column == HEAD else "address"

            def work() -> list[str]:
                return self.gk.completion.household_order(codes, by)
        self.runner.submit(work, lambda found: self._arrange(found[::-1] if descending else found, codes))

    def _arrange(self, ordered: list[str], asked: list[str]) -> None:
        if asked != self._codes:  # other households were shown meanwhile
            return
        placed = set(ordered)  # codes the database did not place (another's grid) stay, last
        ordered = ordered + [c for c in asked if c not in placed]
        self.layoutAboutToBeChanged.emit()
        self._codes = ordered
        self.layoutChanged.emit()
        self.ordered.emit()


class PagedHouseholdList(QWidget):
    """A title and the households behind it, read as they are shown; double-click, Enter or F2
    opens one, its context menu records a visit, raises a need or prints the visit log
    (``household_action``)."""

    household_action = Signal(str, int)  # what, household id: heard by the main window

    def __init__(self, gk: GridKeeper, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.dialog: Any = None
        self.title = QLabel(hint)
        self.title.setWordWrap(True)
        self.model = HouseholdPages(gk, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ADDRESS, AddressDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row measured before it is shown
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        samples = {CODE: "0000000", HEAD: "欧阳某某", REASON: "漏访"}
        for column, sample in samples.items():  # rows are not measured: most are not read yet
            wide = max(metrics.horizontalAdvance(text) for text in (sample, self.model.titles[column]))
            header.resizeSection(column, wide + 24)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # walking order until a click
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.table.setToolTip(self.tr("双击（或按回车）打开该户；点击表头排序"))
        self.table.doubleClicked.connect(lambda index: self.open(index.row()))
        household_menu(self.table, gk.actor, lambda index: getattr(self.model.brief(index.row()), "id", None),
                       act_over_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_households(self, title: str, reasons: dict[str, str]) -> None:
        """The households (code -> why listed) under ``title`` (which says how many)."""
        self.title.setText(title)
        self.model.show_households(reasons)
        self.table.scrollToTop()

    def open(self, row: int) -> None:
        brief = self.model.brief(row)
        if brief is not None:
            self.dialog = open_household(self.gk, brief.id, self)

    def codes(self) -> list[str]:
        return self.model.codes()

    def wait(self) -> None:
        """Block until a sort asked of the database has arrived (screenshots and tests only)."""
        self.model.runner.wait()
