"""The register table's Qt model: it holds only the ids a search returned and builds each
row when the view asks for it, a block at a time, keeping a cache (as Anki's browser does).

The governing rule and next due date come from the policy engine per household; they are
asked for the rows actually shown, on the thread pool, and filled in when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from gridkeeper.services.browse import RegisterRow
from ui.tasks import Runner
from ui.texts import status_label

CODE, GRID, ADDRESS, HEAD, RESIDENTS, CATEGORIES, RULE, LAST_VISIT, NEXT_DUE, STATUS = range(10)
COLUMN_COUNT = 10
# sort key the browse service understands per column; None = not sortable in SQL
SORT_KEYS: dict[int, str | None] = {
    CODE: "code",
    GRID: "grid",
    ADDRESS: "address",
    HEAD: "head",
    RESIDENTS: "residents",
    CATEGORIES: None,
    RULE: None,
    LAST_VISIT: "last_visit",
    NEXT_DUE: None,
    STATUS: "status",
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the RegisterRow itself (for delegates and the detail)
BLOCK = 100  # rows fetched together when the view first touches one

Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    """Rows of the household register, fetched lazily by id."""

    def __init__(
        self,
        fetch_rows: Callable[[Sequence[int]], dict[int, RegisterRow]],
        fetch_rules: Callable[[Sequence[int]], dict[int, tuple[str, date | None]]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._fetch_rules = fetch_rules
        self._ids: list[int] = []
        self._positions: dict[int, int] | None = None  # household id -> row, built when needed
        self._rows: dict[int, RegisterRow] = {}
        self._rules: dict[int, tuple[str, date | None]] = {}
        self._rules_wanted: set[int] = set()
        self._rule_runner = Runner(self)
        self._rule_timer = QTimer(self)
        self._rule_timer.setSingleShot(True)
        self._rule_timer.setInterval(30)
        self._rule_timer.timeout.connect(self._ask_rules)
        self.category_names: dict[str, tuple[str, str]] = {}  # code -> (name, colour)

    # --- what the page calls -------------------------------------------------------------
    def set_ids(self, ids: Sequence[int], rows: dict[int, RegisterRow] | None = None,
                rules: dict[int, tuple[str, date | None]] | None = None) -> None:
        """A search's ids, with the rows and rules of its first screenful when they were read
        with it (off the UI thread); the rest are read when shown."""
        self.beginResetModel()
        self._ids = list(ids)
        self._positions = None
        self._rows.clear()
        self._rows.update(rows or {})
        self._rules.update(rules or {})
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def refresh(self, household_id: int) -> None:
        """Forget one household's cached row (after an edit) so it is read again."""
        self._rows.pop(household_id, None)
        self._rules.pop(household_id, None)
        if household_id in self._ids:
            row = self._ids.index(household_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def forget_all(self) -> None:
        """Forget every cached row and rule (something was written): read again when shown."""
        self._rows.clear()
        self._rules.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    def row_at(self, row: int) -> RegisterRow | None:
        if not 0 <= row < len(self._ids):
            return None
        household_id = self._ids[row]
        found = self._rows.get(household_id)
        if found is None:
            start = max(0, row - BLOCK // 4)
            block = [i for i in self._ids[start : start + BLOCK] if i not in self._rows]
            self._rows.update(self._fetch_rows(block))
            found = self._rows.get(household_id)
        return found

    # --- Qt overrides --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < COLUMN_COUNT:
            return None
        return self.column_titles()[section]

    def column_titles(self) -> list[str]:
        return [
            self.tr("户编号"),
            self.tr("网格"),
            self.tr("地址"),
            self.tr("户主"),
            self.tr("人数"),
            self.tr("人员类别"),
            self.tr("适用规则"),
            self.tr("最近走访"),
            self.tr("下次应访"),
            self.tr("状态"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= COLUMN_COUNT:
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            SORT_ROLE,
            ROW_ROLE,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == RESIDENTS:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rule = self._rule_of(row.id) if column in (RULE, NEXT_DUE) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS and row.status != "active":
                return QBrush(QColor("#9e9e9e"))
            if column == NEXT_DUE and rule and rule[1] and rule[1] < date.today():
                return QBrush(QColor("#c62828"))  # overdue
            return None
        values: list[Any] = [
            row.code,
            row.grid,
            row.address,
            row.head,
            row.residents,
            "、".join(self.category_names.get(c, (c, ""))[0] for c in row.categories),
            rule[0] if rule else "",
            _day(row.last_visit),
            _day(rule[1]) if rule else "",
            status_label(row.status),
        ]
        if role == SORT_ROLE:
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return values[column] if column in (ADDRESS, CATEGORIES, RULE) else None
        if column == RESIDENTS:
            return str(row.residents)
        return values[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # the page re-runs the search with the SQL sort key; see RegisterPage.sort_by
        sorter = getattr(self.parent(), "sort_by", None)
        if callable(sorter):
            sorter(column, order)

    # --- the policy engine's columns -----------------------------------------------------
    def _rule_of(self, household_id: int) -> tuple[str, date | None] | None:
        found = self._rules.get(household_id)
        if found is None and self._fetch_rules is not None and household_id not in self._rules_wanted:
            self._rules_wanted.add(household_id)
            self._rule_timer.start()
        return found

    def _ask_rules(self) -> None:
        if self._fetch_rules is None or not self._rules_wanted:
            return
        wanted = sorted(self._rules_wanted)
        fetch = self._fetch_rules
        self._rule_runner.submit(lambda: fetch(wanted), self._rules_arrived, lambda _e: None)

    def _rules_arrived(self, found: dict[int, tuple[str, date | None]]) -> None:
        self._rules.update(found)
        self._rules_wanted -= set(found)
        if self._positions is None:  # built once per search, not once per screenful of rules
            self._positions = {hid: i for i, hid in enumerate(self._ids)}
        rows = [self._positions[h] for h in found if h in self._positions]
        if rows:
            self.dataChanged.emit(self.index(min(rows), RULE), self.index(max(rows), NEXT_DUE))
        if self._rules_wanted:
            self._rule_timer.start()

    def wait_for_rules(self) -> None:
        """Finish outstanding rule lookups now (screenshots and tests)."""
        self._rule_timer.stop()
        self._ask_rules()
        self._rule_runner.wait()


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""
