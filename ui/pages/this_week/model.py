"""The table model behind the 本周走访 page: the week's roster rows, or a printed roster
sheet's lines under their 序号, and what the grid leader brings back for each (outcome,
method, team, date, follow-up date, note).

A model, not a table of items: an all-grids roster at street scale has tens of thousands of
rows, and the view asks only for the cells on screen, so a roster of any size shows at once
and never blocks the UI thread while it fills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import language
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.paper_dates import typed_day
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services.roster import Roster, RosterRow
from gridkeeper.services.roster_sheets import Saved, Sheet, SheetLine
from ui.texts import outcome_label, rule_label
from ui.widgets.colours import text_colour

(CODE, ADDRESS, HEAD, CATEGORY, REASON, DUE, LAST, WORKER, METHOD, OUTCOME, DAY, FOLLOW_UP,
 NOTE) = range(13)
EDITABLE = (WORKER, METHOD, DAY, FOLLOW_UP, NOTE)  # typed in (F2 or any key); outcomes by digit
SETTLED_COLOUR = "#757575"  # a sheet line no longer due (visited since it was printed)
REASON_COLOURS = {RosterReason.OVERDUE: "#c62828", RosterReason.DUE: "#ef6c00",
                  RosterReason.PLANNED: "#1565c0", RosterReason.FOLLOW_UP: "#00695c",
                  RosterReason.HOT_SPOT: "#6a1b9a"}
_HEADERS = (
    QT_TRANSLATE_NOOP("ThisWeekPage", "编号"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "地址"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "户主"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "管理类别"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "原因"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "应访日期"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "上次走访"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "走访人"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "方式"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "走访结果"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "日期"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "跟进日期"),
    QT_TRANSLATE_NOOP("ThisWeekPage", "备注"),
)
_Index = QModelIndex | QPersistentModelIndex


def address_of(row: RosterRow | SheetLine) -> str:
    return f"{row.estate} {row.building}号楼 {row.unit}单元 {row.room}"


@dataclass
class Entry:
    """What was brought back for one row; ``outcome`` None: nothing entered yet."""

    team: str
    day: str
    method: VisitMethod = VisitMethod.HOME
    outcome: VisitOutcome | None = None
    note: str = ""
    follow_up: str = ""  # 跟进日期 as typed; empty: none promised
    needs: list[int] = field(default_factory=list)


class RosterEntryModel(QAbstractTableModel):
    def __init__(self, colours: dict[str, str], names: dict[str, str], user: str) -> None:
        super().__init__()
        self.colours = colours
        self.names = names
        self.user = user
        self.roster: Roster | None = None
        self.sheet: Sheet | None = None  # a printed sheet opened by its number
        self.given: tuple[RosterRow | SheetLine, ...] = ()  # as the service gave them
        self.rows: tuple[RosterRow | SheetLine, ...] = ()  # in the order shown
        self.sort_column = -1  # -1: as given (the walking order, or the paper's)
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.as_of: date | None = None
        self.default_day = ""
        self._entries: dict[int, Entry] = {}  # only the rows someone touched

    # -- content ------------------------------------------------------------------------------
    def set_roster(self, roster: Roster, default_day: date, keep: bool = False) -> None:
        """Show ``roster``; with ``keep``, what was typed for a household still on it stays
        (the same week computed again after a change elsewhere)."""
        self._show(roster.rows, default_day, keep)
        self.roster, self.sheet, self.as_of = roster, None, roster.as_of

    def set_sheet(self, sheet: Sheet, default_day: date, keep: bool = False) -> None:
        """Show a printed sheet's lines in the paper's order under the paper's 序号, with the
        results already saved from it; ``keep`` as for :meth:`set_roster`."""
        self._show(sheet.lines, default_day, keep)
        self.roster, self.sheet, self.as_of = None, sheet, None

    def _show(self, rows: tuple[RosterRow | SheetLine, ...], default_day: date, keep: bool) -> None:
        kept = {self.rows[r].household_id: e for r, e in self._entries.items()} if keep else {}
        self.beginResetModel()
        self.given = self.rows = tuple(rows)
        if not keep or not self.default_day:  # the same paper again: the date typed last stays
            self.default_day = f"{default_day:%Y-%m-%d}"
        self._entries = {r: kept[row.household_id] for r, row in enumerate(self.rows)
                         if row.household_id in kept}
        self._arrange()  # in the order a header was clicked for, if any
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # Qt override
        """Rows by what ``column`` shows, in the natural order (the reason by urgency, dates by
        date); -1 gives the walking order back. What was typed moves with its household."""
        self.sort_column, self.sort_order = column, order
        if not self.rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved_to = self._arrange()
        self.changePersistentIndexList(old, [self.index(moved_to[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _arrange(self) -> list[int]:
        """Put the rows in the chosen order (stable: ties keep the walking order), typed
        entries with them; returns where each row went."""
        rows, column = self.rows, self.sort_column
        given = {id(row): g for g, row in enumerate(self.given)}
        keys: list[object]
        if column < 0:  # as given: the walking order, or the paper's 序号
            keys = [given[id(row)] for row in rows]
        elif column == REASON:
            urgency = {reason: n for n, reason in enumerate(RosterReason)}
            keys = [(urgency.get(row.reason, len(urgency)), given[id(row)]) for row in rows]  # type: ignore[arg-type]
        else:
            keys = [(natural_key(str(self._display(r, column, row, False) or "")), given[id(row)])
                    for r, row in enumerate(rows)]
        descending = self.sort_order is Qt.SortOrder.DescendingOrder and column >= 0
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
        moved_to = [0] * len(rows)
        for new, old in enumerate(order):
            moved_to[old] = new
        self.rows = tuple(rows[r] for r in order)
        self._entries = {moved_to[r]: e for r, e in self._entries.items()}
        return moved_to

    def saved(self, row: int) -> Saved | None:
        """The result already saved from the open sheet for this row's household."""
        if self.sheet is None:
            return None
        return self.sheet.saved.get(self.rows[row].household_id)

    def seq(self, row: int) -> int:
        """The number shown before the row: the paper's 序号, or the row's place."""
        return getattr(self.rows[row], "seq", row + 1)

    def forget(self, household_ids: set[int]) -> None:
        """Drop what was typed for these households (saved now)."""
        for r in [r for r in self._entries if self.rows[r].household_id in household_ids]:
            del self._entries[r]
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(_HEADERS) - 1))

    def entry(self, row: int) -> Entry:
        found = self._entries.get(row)
        if found is None:
            found = Entry(team=self.rows[row].worker or self.user, day=self.default_day)
            self._entries[row] = found
        return found

    def entered(self) -> list[tuple[int, Entry]]:
        """Rows with an outcome, in roster order."""
        return [(row, e) for row, e in sorted(self._entries.items()) if e.outcome is not None]

    def set_outcome(self, row: int, outcome: VisitOutcome | None) -> None:
        self.entry(row).outcome = outcome
        self._changed(row, OUTCOME)

    def add_note(self, row: int, text: str) -> None:
        entry = self.entry(row)
        entry.note = (entry.note + " " + text).strip()
        self._changed(row, NOTE)

    def text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)) or "")

    def set_text(self, row: int, column: int, text: str) -> bool:
        return self.setData(self.index(row, column), text)

    def _changed(self, row: int, column: int) -> None:
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    # -- Qt's model protocol ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("ThisWeekPage", _HEADERS[section])
        return str(self.seq(section))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        row = self.rows[r]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(r, c, row, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.UserRole:
            return row.household_id
        if c == CATEGORY and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colour = self.colours.get(row.governing or "", "#9e9e9e")
            if role == Qt.ItemDataRole.ForegroundRole:
                colour = text_colour(colour)
            return QBrush(QColor(colour))
        if c == ADDRESS and role == Qt.ItemDataRole.ToolTipRole:
            return address_of(row)  # whole, where the column cuts a long one
        if c == REASON:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(REASON_COLOURS.get(row.reason, SETTLED_COLOUR)))  # type: ignore[arg-type]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("white"))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.ToolTipRole and row.note is not None:
                return row.note.get(language())  # e.g. the hot spot to ask the neighbours about
        if c == OUTCOME and role == Qt.ItemDataRole.ForegroundRole:
            outcome = self._entries[r].outcome if r in self._entries else None
            if outcome is not None:
                return QBrush(QColor("#2e7d32" if outcome is VisitOutcome.MET else "#6d4c41"))
            if self.saved(r) is not None:
                return QBrush(QColor(SETTLED_COLOUR))
        return None

    def _display(self, r: int, c: int, row: RosterRow | SheetLine, editing: bool) -> object:
        if c == CODE:
            return row.household_code
        if c == ADDRESS:
            return address_of(row)
        if c == HEAD:
            return row.head
        if c == CATEGORY:
            if not row.governing:
                return ""
            return f"{self.names.get(row.governing, row.governing)} · {rule_label(row.rule)}"
        if c == REASON:
            if row.reason is None:  # a sheet line no longer due
                return QCoreApplication.translate("ThisWeekPage", "已无需走访")
            badge = row.reason.label.get(language())
            if row.reason is RosterReason.OVERDUE and row.due_date is not None and self.as_of is not None:
                days = max((self.as_of - row.due_date).days, 0)
                badge = self.tr("%1 %n天", "", days).replace("%1", badge)
            return badge
        if c == DUE:
            return f"{row.due_date:%Y-%m-%d}" if row.due_date else ""
        if c == LAST:
            return (f"{row.last_visit:%Y-%m-%d}" if row.last_visit
                    else QCoreApplication.translate("ThisWeekPage", "从未"))
        entry = self._entries.get(r)
        if c == WORKER:
            return entry.team if entry else (row.worker or self.user)
        if c == METHOD:
            method = entry.method if entry else VisitMethod.HOME
            return method.value if editing else method.label.get(language())
        if c == OUTCOME:
            if entry and entry.outcome:
                return outcome_label(entry.outcome.value)
            saved = self.saved(r)
            if saved is not None:
                return QCoreApplication.translate("ThisWeekPage", "%1（已保存 %2）").replace(
                    "%1", outcome_label(saved.outcome.value)).replace("%2", f"{saved.visit_date:%m-%d}")
            return ""
        if c == DAY:
            return entry.day if entry else self.default_day
        if c == FOLLOW_UP:
            return entry.follow_up if entry else ""
        if c == NOTE:
            return entry.note if entry else ""
        return None

    def setData(self, index: _Index, value: object,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        entry = self.entry(index.row())
        text = str(value or "").strip()
        if index.column() == WORKER:
            entry.team = text
        elif index.column() == METHOD:
            try:
                entry.method = VisitMethod(text)
            except ValueError:
                return False
        elif index.column() == DAY:
            try:  # shown in full as it will be saved: 12-01 is the last 1 December
                text = f"{typed_day(text, date.today()):%Y-%m-%d}"
            except ValueError:
                pass  # kept as typed; saving names the line
            entry.day = text
            # a stairwell is walked in one go: the lines not typed yet take this date too
            self.default_day = text
        elif index.column() == FOLLOW_UP:
            entry.follow_up = text
        else:
            entry.note = text
        self.dataChanged.emit(index, index)
        return True
