"""The 本周走访 page: the week's roster as the policy engine computes it, its print preview,
Excel export, and batch entry of the results brought back from the stairwells.

Paper comes back by its roster number: typed or scanned (a USB scanner types the number and
Enter) into the number box, it opens that sheet: its lines in the paper's order under the
paper's 序号, with what was saved from it already. Saving keeps every line where it is, so a
second sitting still matches the paper.

The roster is computed off the UI thread (:class:`ui.tasks.Runner`); the table only shows
the plain :class:`~gridkeeper.services.roster.RosterRow` values. Batch entry is driven by
the keyboard: digit keys 1-4 set the outcome of the current row and move down, so a
60-row roster is entered without the mouse. Saving, raising a need, printing and exporting
run as operations (ui/operations.py). Typed results are never lost: they stay when the roster
is computed again after a change elsewhere, and another grid or week asks first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import NeedChannel, VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.paper_dates import typed_day
from gridkeeper.domain.periods import Period, Span, span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.roles import Permission
from gridkeeper.domain.visits import BatchRowError, VisitDraft
from gridkeeper.services.needs import HouseholdChoice
from gridkeeper.services.roster import Roster
from gridkeeper.services.roster_sheets import Sheet, normalise_number
from ui import icons
from ui.context import Context
from ui.operations import Changes
from ui.pages.this_week.model import (
    ADDRESS,
    EDITABLE,
    FOLLOW_UP,
    METHOD,
    NOTE,
    OUTCOME,
    WORKER,
    RosterEntryModel,
)
from ui.tasks import Runner
from ui.texts import error_text, outcome_label
from ui.widgets.colours import category_colours, fill_grid_box, grid_labels
from ui.widgets.household_menu import household_menu
from ui.widgets.need_intake import NeedIntakeDialog
from ui.widgets.permissions import allow
from ui.widgets.tables import AddressDelegate, compact
from ui.widgets.team_picker import TeamDelegate
from ui.widgets.unsaved import Choice, ask_to_save

# the four outcomes a grid worker brings back, in the order of the digit keys 1-4
ADDRESS_LETTERS = 24  # the widest an address column grows, in Chinese characters
ENTRY_OUTCOMES = (VisitOutcome.MET, VisitOutcome.ABSENT, VisitOutcome.REFUSED, VisitOutcome.AWAY)


class MethodDelegate(QStyledItemDelegate):
    """The visit method (入户, 门口, 电话, 视频) chosen from a list; arrows and Enter suffice."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     _index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        for method in VisitMethod:
            box.addItem(method.label.get(language()), method.value)
        # an arrow key or a click is the choice: written at once, Tab or a click elsewhere leave
        box.currentIndexChanged.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class EntryTable(QTableView):
    """The roster table; keys go to the page's batch entry first (a subclass, not an event
    filter, so nothing is called on a half-destroyed page at exit)."""

    def __init__(self, handle: Callable[[QKeyEvent], bool]) -> None:
        super().__init__()
        self.handle = handle

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle(event):
            super().keyPressEvent(event)


class ThisWeekPage(QWidget):
    """本周走访: week and grid selectors, the roster table, print, export and batch entry."""

    icon_name = "fa5s.calendar-week"
    household_action = Signal(str, int)  # from the table's context menu: what, household id

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        # what is listed, printed and exported: the community chosen in the tree, or everything
        # the user sees; writes and opened sheets go through ``gk`` (a sheet may be any grid's)
        self.scoped = context.gk
        self._community: int | None = None
        self._stale = False  # the community changed: the roster is computed again
        self.week: Span = span_of(Period.WEEK, date.today())
        self.roster: Roster | None = None
        self.runner = Runner(self)
        self.colours = category_colours(self.gk)
        self.model = RosterEntryModel(dict(self.colours), self.colours.names, context.user)

        self.previous_button = QPushButton(icons.icon("fa5s.chevron-left"), "")
        self.previous_button.setToolTip(self.tr("上一周"))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(icons.icon("fa5s.chevron-right"), "")
        self.next_button.setToolTip(self.tr("下一周"))
        self.today_button = QPushButton(self.tr("本周"))
        self.grid_box = QComboBox()
        self._fill_grids()
        self._grid_index = 0  # the grid shown (a choice that would lose typed work is asked first)
        self.worker_box = QComboBox()
        self.worker_box.addItem(self.tr("全部走访人"), None)
        self.worker_box.setToolTip(self.tr("只看一位责任人（包片包楼）负责的住户，可跨网格"))
        self._worker_index = 0
        self.visit_log_button = QPushButton(icons.icon("fa5s.book"), self.tr("民情日志"))
        self.print_button = QPushButton(icons.icon("fa5s.print"), self.tr("打印预览"))
        self.excel_button = QPushButton(icons.icon("fa5s.file-excel"), self.tr("导出 Excel"))
        self.save_button = QPushButton(icons.icon("fa5s.save"), self.tr("保存走访结果"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()

        # three short rows rather than two long ones: the page fits a 1024-pixel screen
        bar = QHBoxLayout()  # which roster: the week, the grid, the worker
        for widget in (self.previous_button, self.week_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("网格：")))
        bar.addWidget(self.grid_box)
        bar.addWidget(QLabel(self.tr("责任人：")))
        bar.addWidget(self.worker_box)
        bar.addStretch(1)

        self.summary = QLabel()
        self.sheet: Sheet | None = None  # a printed sheet opened by its number
        self.summary.setWordWrap(True)
        compact(self.worker_box, letters=8)
        # a grid named with its community ("金顶街社区/第1网格") is read whole: it still fits 1024 px
        # (letters counted as Qt does, in Latin widths: a Chinese character takes two)
        widths = [sum(2 if ord(c) >= 0x2E80 else 1 for c in label) for label in self.grid_labels.values()]
        compact(self.grid_box, letters=min(max([8, *widths]), 22))
        self.number_box = QLineEdit()
        self.number_box.setPlaceholderText(self.tr("扫描或输入花名册编号，回车打开"))
        self.number_box.setToolTip(self.tr(
            "花名册编号印在纸质花名册右上角（也可用扫码枪扫二维码）。"
            "只输入末尾的网格号（如 3）即打开本页所选周的该网格花名册。Ctrl+L 回到这里。"))
        self.number_box.setMinimumWidth(220)
        self.number_box.setMaximumWidth(320)
        self.number_box.setClearButtonEnabled(True)
        # a number is letters, digits and a hyphen: a Chinese input method left on would catch
        # a scanner's keys (W starts pinyin); the service reads full-width forms all the same
        self.number_box.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.number_box.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly
                                            | Qt.InputMethodHint.ImhPreferUppercase
                                            | Qt.InputMethodHint.ImhNoPredictiveText)
        self.close_sheet_button = QPushButton(icons.icon("fa5s.list"), self.tr("回到本周名单"))
        self.close_sheet_button.hide()
        self.need_button = QPushButton(icons.icon("fa5s.hand-paper"), self.tr("登记诉求"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.saved_count = 0
        self.hint = QLabel(self.tr(
            "回填：扫描或输入花名册编号后回车，按纸上的序号逐行录入：1 见面、2 未遇、3 拒访、4 外出，"
            "自动跳到下一行；0 或退格清除；← → 到走访人、方式、日期、跟进日期、备注列直接输入"
            "（方式列 F2 选择）；Ctrl+R 为当前户登记诉求；Ctrl+S 保存；Ctrl+L 扫下一张。"))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)  # one line would make the window 1,141 px wide at least
        self.table = EntryTable(self.handle_key)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(METHOD, MethodDelegate(self.table))
        # the team is picked from the stairwell's standing contacts and the grid's staff
        self.table.setItemDelegateForColumn(WORKER, TeamDelegate(
            self.gk, lambda row: self.model.rows[row].household_id if row < len(self.model.rows)
            else None, self.table))
        self.table.setItemDelegateForColumn(ADDRESS, AddressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.may_record = self.gk.actor.can(Permission.RECORD_VISIT)
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                                   if self.may_record else triggers.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        # widths from the first rows only: measuring every row of a street-scale roster would
        # take seconds (see _arrived)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        # the address as wide as its text (a stretched column squeezed to nothing on a 1024-pixel
        # screen); the last column takes what is left, the table scrolls sideways if need be
        header.setStretchLastSection(True)
        # a header click sorts (overdue first, by address, by worker ...); a third click gives
        # the walking order back
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        paper = QHBoxLayout()  # the paper: its number, and what is printed or exported
        paper.addWidget(QLabel(self.tr("花名册编号：")))
        paper.addWidget(self.number_box)
        paper.addWidget(self.close_sheet_button)
        paper.addStretch(1)
        for widget in (self.print_button, self.excel_button, self.visit_log_button):
            paper.addWidget(widget)
        layout.addLayout(paper)
        top = QHBoxLayout()  # what is shown, and the entry's own actions
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.need_button)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save_results)
        self.number_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.number_shortcut.activated.connect(self.focus_number_box)
        self.number_box.returnPressed.connect(lambda: self.open_sheet())
        self.close_sheet_button.clicked.connect(self.close_sheet)
        self.worker_box.currentIndexChanged.connect(self._worker_chosen)
        self.visit_log_button.clicked.connect(lambda: self.print_visit_log())

        self.previous_button.clicked.connect(lambda: self.set_week(self.week.previous()))
        self.next_button.clicked.connect(lambda: self.set_week(self.week.next()))
        self.today_button.clicked.connect(lambda: self.set_week(span_of(Period.WEEK, date.today())))
        self.grid_box.currentIndexChanged.connect(self._grid_chosen)
        actor = self.gk.actor
        allow(self.save_button, actor, Permission.RECORD_VISIT,
              tooltip=self.tr("保存录入的走访结果 (Ctrl+S)"))
        allow(self.need_button, actor, Permission.MANAGE_NEEDS,
              tooltip=self.tr("为当前户登记诉求 (Ctrl+R)"))
        allow(self.print_button, actor, Permission.PRINT,
              tooltip=self.tr("排版并预览本周花名册，可打印或另存"))
        allow(self.excel_button, actor, Permission.EXPORT,
              tooltip=self.tr("把本周花名册导出为可填写的 Excel（带花名册编号和序号，填好后可导入）"))
        allow(self.visit_log_button, actor, Permission.PRINT,
              tooltip=self.tr("打印所选网格某一时期的民情日志"))
        if not self.may_record:
            self.hint.setText(self.save_button.toolTip())
        self.saving = False
        self.print_button.clicked.connect(self.preview)
        self.excel_button.clicked.connect(self.export_excel)
        self.save_button.clicked.connect(self.save_results)
        self.need_button.clicked.connect(lambda: self.raise_need())
        self.runner.busy.connect(self.progress.setVisible)
        household_menu(self.table, self.gk.actor,
                       lambda index: self.model.rows[index.row()].household_id
                       if index.row() < len(self.model.rows) else None,
                       self.household_action.emit, open_keys=False)  # Enter and F2 enter results
        self._show_week()
        self.refresh()

    # -- the page protocol of the main window ------------------------------------------------
    def title(self) -> str:
        return self.tr("本周走访")

    def _fill_grids(self) -> None:
        """The grid box: every grid shown (the chosen community's, or all the user sees)."""
        self.grid_labels = grid_labels(self.scoped)  # by id: a sheet or the scope tree names a grid by id
        fill_grid_box(self.grid_box, self.grid_labels, self.tr("全部网格"), by_name=True)
        self._grid_index = 0

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its grids only (None: every grid again). Typed
        results are kept or saved first, as for a grid chosen in the box."""
        if community_id == self._community:
            return

        def go() -> None:
            self._community = community_id
            self.scoped = self.context.gk.in_community(community_id)
            self._fill_grids()
            self._leave_sheet()
            self._stale = True  # computed once set_scope has chosen the grid, which follows

        self._leave_entries(go, lambda: None)

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """Follow the scope tree: choosing a grid there chooses it here."""
        index = 0 if grid_id is None else self.grid_box.findData(self.grid_labels.get(grid_id))
        if index >= 0 and index != self.grid_box.currentIndex():
            self.grid_box.setCurrentIndex(index)
        elif self._stale:
            self.refresh()

    def wait_idle(self) -> None:
        self.runner.wait()

    # -- the roster -------------------------------------------------------------------------
    def grid(self) -> str | None:
        return self.grid_box.currentData()

    def set_week(self, week: Span) -> None:
        def go() -> None:
            self.week = week
            self._show_week()
            self._leave_sheet()
            self.refresh()

        if week != self.week:
            self._leave_entries(go, lambda: None)

    def _grid_chosen(self, index: int) -> None:
        def go() -> None:
            self._grid_index = index
            self.grid_box.blockSignals(True)
            self.grid_box.setCurrentIndex(index)
            self.grid_box.blockSignals(False)
            self._leave_sheet()
            self.refresh()

        def stay() -> None:
            self.grid_box.blockSignals(True)
            self.grid_box.setCurrentIndex(self._grid_index)
            self.grid_box.blockSignals(False)

        if index != self._grid_index:
            self._leave_entries(go, stay)

    def _leave_entries(self, go: Callable[[], None], stay: Callable[[], None]) -> None:
        """``go`` to another grid or week unless typed results would be lost: then the user
        saves them first (``go`` once saved), discards them, or stays."""
        if not self.model.entered():
            go()
            return
        stay()
        choice = ask_to_save(self, self.unsaved_work())
        if choice is Choice.DISCARD:
            self.model.forget({row.household_id for row in self.model.rows})
            go()
        elif choice is Choice.SAVE:
            self.save_results(then=go)

    # -- unsaved work (asked by the main window before it closes) ----------------------------
    def unsaved_work(self) -> str:
        count = len(self.model.entered())
        if not count:
            return ""
        return self.tr("本周走访：%n 户的走访结果已录入，尚未保存。", "", count)

    def save_unsaved(self, then: Callable[[], None]) -> bool:
        return self.save_results(then=then)

    def apply_changes(self, changes: Changes) -> None:
        """Someone saved elsewhere: the roster again, keeping what was typed here."""
        if changes.rosters or changes.printed:
            self.refresh(keep=True)

    def _show_week(self) -> None:
        self.week_label.setText(self.tr("%1（%2 至 %3）").replace("%1", self.week.label)
                                .replace("%2", f"{self.week.start:%m-%d}")
                                .replace("%3", f"{self.week.end:%m-%d}"))

    def refresh(self, keep: bool = False) -> None:
        self._stale = False
        if self.sheet is not None:
            self.open_sheet(self.sheet.number, keep=keep)
            return
        week, grid = self.week, self.grid()
        self.summary.setText(self.tr("正在计算应访名单…"))
        roster = self.scoped.roster
        self.runner.submit(lambda: roster.roster(week, grid=grid),
                           lambda roster: self._arrived(roster, keep), self._failed)

    def _failed(self, error: Exception) -> None:
        self.summary.setText(self.tr("计算失败：%1").replace("%1", error_text(error)))

    def _arrived(self, roster: Roster, keep: bool = False) -> None:
        if self.sheet is not None:
            return  # a sheet was opened meanwhile
        current = self.table.currentIndex()
        self.roster = roster
        self._offer_workers(roster.rows)
        shown = self._for_worker(roster.rows)
        self.model.set_roster(replace(roster, rows=shown), self.default_day(), keep=keep)
        self._fit_columns()
        counts = {reason: sum(1 for x in shown if x.reason is reason) for reason in RosterReason}
        self.summary.setText(self.tr("本周应访 %1 户：逾期 %2，应访 %3，计划 %4，跟进 %5，热点 %6")
                             .replace("%1", str(len(shown)))
                             .replace("%2", str(counts[RosterReason.OVERDUE]))
                             .replace("%3", str(counts[RosterReason.DUE]))
                             .replace("%4", str(counts[RosterReason.PLANNED]))
                             .replace("%5", str(counts[RosterReason.FOLLOW_UP]))
                             .replace("%6", str(counts[RosterReason.HOT_SPOT])))
        if shown:
            row = min(current.row(), len(shown) - 1) if keep and current.isValid() else 0
            self.set_current(row, current.column() if keep and current.isValid() else OUTCOME)
            if not keep:  # typing starts in the result column, but the page opens at the household
                self.table.horizontalScrollBar().setValue(0)

    def _fit_columns(self) -> None:
        """Widths from what is shown, and room for what will be typed: any of the four
        results (外出/住院 is the longest), a follow-up date and a note of a few words."""
        self.table.resizeColumnsToContents()
        metrics = self.table.fontMetrics()
        padding = 2 * metrics.horizontalAdvance("M")
        # one very long estate name would widen the column for every row and push the result
        # columns off a 1024-pixel screen: a long address is cut (whole in its tooltip)
        widest_address = metrics.horizontalAdvance("某" * ADDRESS_LETTERS) + padding
        if self.table.columnWidth(ADDRESS) > widest_address:
            self.table.setColumnWidth(ADDRESS, widest_address)
        room = {OUTCOME: max(metrics.horizontalAdvance(outcome_label(o.value)) for o in ENTRY_OUTCOMES),
                FOLLOW_UP: metrics.horizontalAdvance("2026-12-31"),
                NOTE: metrics.horizontalAdvance(self.tr("[已登记诉求]") + "情况记录")}
        for column, width in room.items():
            if self.table.columnWidth(column) < width + padding:
                self.table.setColumnWidth(column, width + padding)

    # -- one worker's households (一对一, 包片包楼) ----------------------------------------------
    def worker(self) -> str | None:
        return self.worker_box.currentData()

    def _offer_workers(self, rows: tuple) -> None:  # type: ignore[type-arg]
        """The assigned workers of the rows shown, to choose one; the choice stays."""
        chosen = self.worker()
        names = sorted({row.worker for row in rows if row.worker} | ({chosen} if chosen else set()))
        self.worker_box.blockSignals(True)
        self.worker_box.clear()
        self.worker_box.addItem(self.tr("全部走访人"), None)
        for name in names:
            self.worker_box.addItem(name, name)
        self._worker_index = max(self.worker_box.findData(chosen), 0) if chosen else 0
        self.worker_box.setCurrentIndex(self._worker_index)
        self.worker_box.blockSignals(False)

    def _for_worker(self, rows: tuple) -> tuple:  # type: ignore[type-arg]
        name = self.worker()
        return tuple(row for row in rows if row.worker == name) if name else tuple(rows)

    def _worker_chosen(self, index: int) -> None:
        def go() -> None:
            self._worker_index = index
            self.worker_box.blockSignals(True)
            self.worker_box.setCurrentIndex(index)
            self.worker_box.blockSignals(False)
            if self.sheet is not None:
                self._sheet_arrived(self.sheet)
            elif self.roster is not None:
                self._arrived(self.roster)

        def stay() -> None:
            self.worker_box.blockSignals(True)
            self.worker_box.setCurrentIndex(self._worker_index)
            self.worker_box.blockSignals(False)

        if index != self._worker_index:
            self._leave_entries(go, stay)

    # -- a printed sheet, opened by its number ----------------------------------------------
    def focus_number_box(self) -> None:
        self.number_box.setFocus()
        self.number_box.selectAll()

    def sheet_number(self, text: str) -> str:
        """The number as typed or scanned; a number alone is the grid's sheet of the week shown
        ("3" on 2026-W48 is 2026W48-003): two keys instead of eleven."""
        text = normalise_number(text)
        if text.isdigit():
            return f"{self.week.label.replace('-', '')}-{int(text):03d}"
        return text

    def open_sheet(self, number: str | None = None, keep: bool = False) -> bool:
        """Open the sheet with this number (default: the number box's), off the UI thread;
        False when there is nothing to open or typed work must be saved first."""
        wanted = self.sheet_number(number if number is not None else self.number_box.text())
        if not wanted:
            return False
        if not keep and self.model.entered() and (self.sheet is None or self.sheet.number != wanted):
            self._leave_entries(lambda: self.open_sheet(wanted), lambda: None)
            return False
        self.summary.setText(self.tr("正在打开花名册 %1…").replace("%1", wanted))
        sheets = self.gk.sheets
        self.runner.submit(lambda: sheets.open(wanted), lambda sheet: self._sheet_arrived(sheet, keep),
                           self._sheet_failed)
        return True

    def _sheet_arrived(self, sheet: Sheet, keep: bool = False) -> None:
        self.sheet = sheet
        self.week = sheet.week
        self._show_week()
        index = self.grid_box.findData(self.grid_labels.get(sheet.grid_id))
        if index >= 0:
            self.grid_box.blockSignals(True)
            self.grid_box.setCurrentIndex(index)
            self.grid_box.blockSignals(False)
            self._grid_index = index
        self.number_box.setText(sheet.number)
        self.close_sheet_button.show()
        self._offer_workers(sheet.lines)
        shown = self._for_worker(sheet.lines)
        self.model.set_sheet(replace(sheet, lines=shown), self.default_day(), keep=keep)
        self._fit_columns()
        saved = sum(1 for line in shown if line.household_id in sheet.saved)
        self.summary.setText(
            self.tr("花名册 %1：%2，%3 户（已打印 %4 次），已保存 %5 户，待录入 %6 户")
            .replace("%1", sheet.number).replace("%2", sheet.grid).replace("%3", str(len(shown)))
            .replace("%4", str(sheet.prints)).replace("%5", str(saved))
            .replace("%6", str(len(shown) - saved)))
        if not keep:
            self._say("")
        first = next((r for r, line in enumerate(shown) if line.household_id not in sheet.saved), None)
        if first is None:  # everything typed back: ready for the next paper
            self.focus_number_box()
            return
        self.set_current(first, OUTCOME)
        self.table.setFocus()

    def _sheet_failed(self, error: Exception) -> None:
        self._say(error_text(error), error=True)
        self.summary.setText(self.tr("未能打开花名册。"))
        self.focus_number_box()  # a second scan replaces what is there

    def close_sheet(self) -> None:
        """Back to the week's roster (asking first when typed results would be lost)."""
        def go() -> None:
            self._leave_sheet()
            self.refresh()

        self._leave_entries(go, lambda: None)

    def _leave_sheet(self) -> None:
        if self.sheet is not None:
            self.sheet = None
            self.number_box.clear()
            self.close_sheet_button.hide()

    def set_current(self, row: int, column: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def default_day(self) -> date:
        """Today when today is in the roster week; a past week's Friday; never a future day
        (the visits service refuses visits dated after today)."""
        today = date.today()
        if today in self.week or today < self.week.start:
            return today
        return self.week.start + timedelta(days=4)

    def select_household(self, household_id: int) -> bool:
        """Put the cursor on the household's result cell; False when it is not on this roster."""
        row = next((r for r, shown in enumerate(self.model.rows) if shown.household_id == household_id), -1)
        if row < 0:
            return False
        self.set_current(row, OUTCOME)
        self.table.setFocus()
        return True

    def household_codes(self) -> list[str]:
        return [row.household_code for row in self.roster.rows] if self.roster else []

    # -- batch entry ------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        """Batch-entry keys of the table; True when the key was used here."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.save_results()
            return True
        if event.key() == Qt.Key.Key_R and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.raise_need()
            return True
        if not self.may_record:
            return False  # nothing to enter: the table only reads
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if self.table.currentIndex().column() in EDITABLE or editing:
            return False
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
            self.set_outcome(self.current_row(), ENTRY_OUTCOMES[key - Qt.Key.Key_1])
            return True
        if key in (Qt.Key.Key_0, Qt.Key.Key_Backspace):
            self.set_outcome(self.current_row(), None)
            return True
        return False

    def set_outcome(self, row: int, outcome: VisitOutcome | None) -> None:
        """Record the outcome of ``row`` (not yet saved) and move to the next row."""
        if row < 0 or row >= self.model.rowCount():
            return
        self.model.set_outcome(row, outcome)
        if outcome is not None and row + 1 < self.model.rowCount():
            self.set_current(row + 1, OUTCOME)

    def entries(self) -> list[tuple[int, str, VisitOutcome, date, str]]:
        """The rows entered so far: (row number from 1, household code, outcome, date, note)."""
        return [(row + 1, self.model.rows[row].household_code, entry.outcome, self._day(row),
                 entry.note) for row, entry in self.model.entered()]  # type: ignore[misc]

    def _day(self, row: int) -> date:
        text = self.model.entry(row).day
        try:
            return typed_day(text, date.today())
        except ValueError as error:
            raise ValueError(self.tr("序号%1：日期“%2”应写成 2026-11-23")
                             .replace("%1", str(self.model.seq(row))).replace("%2", text)) from error

    def _follow_up(self, row: int, day: date) -> date | None:
        """The row's follow-up date: 2026-12-10, or 12-10 for the next such day."""
        text = self.model.entry(row).follow_up.strip()
        if not text:
            return None
        try:
            found = typed_day(text, day, forward=True)
        except ValueError as error:
            raise ValueError(self.tr("序号%1：跟进日期“%2”应写成 2026-12-10 或 12-10")
                             .replace("%1", str(self.model.seq(row))).replace("%2", text)) from error
        if found < day:
            raise ValueError(self.tr("序号%1：跟进日期 %2 早于走访日期 %3")
                             .replace("%1", str(self.model.seq(row))).replace("%2", found.isoformat())
                             .replace("%3", day.isoformat()))
        return found

    def drafts(self) -> tuple[list[int], list[VisitDraft]]:
        """The entered rows as visit drafts, with the table row each came from. Results typed
        from a sheet carry its roster number."""
        rows, drafts = [], []
        number = self.sheet.number if self.sheet is not None else None
        for row, entry in self.model.entered():
            team = tuple(t for t in re.split(r"[、，,\s]+", entry.team) if t)
            assert entry.outcome is not None
            day = self._day(row)
            drafts.append(VisitDraft(
                visit_date=day, method=entry.method, outcome=entry.outcome,
                team=team or (self.context.user,),
                household_id=self.model.rows[row].household_id,
                notes=entry.note or None, follow_up_on=self._follow_up(row, day),
                roster_number=number))
            rows.append(row)
        return rows, drafts

    def save_results(self, then: Callable[[], None] | None = None) -> bool:
        """Save every entered row in one transaction, off the UI thread; a refused row is named
        and nothing is saved. ``then`` runs once saved. False when nothing could be started."""
        if not self.may_record:
            self._say(self.save_button.toolTip(), error=True)
            return False
        if self.saving:
            return False  # one save at a time; typing goes on meanwhile
        try:
            rows, drafts = self.drafts()
        except ValueError as error:
            self._say(str(error), error=True)
            return False
        if not drafts:
            self._say(self.tr("尚未录入任何走访结果。"), error=True)
            return False
        households = {self.model.rows[row].household_id for row in rows}
        self.saving = True
        self.save_button.setEnabled(False)

        def saved(_ids: object) -> None:
            self._saving_done()
            self.model.forget(households)  # what was typed meanwhile stays
            self.saved_count = len(drafts)
            self._say(self.tr("已保存 %n 条走访记录。", "", len(drafts)))
            self.refresh(keep=True)
            if then is not None:
                then()

        def refused(error: Exception) -> None:
            self._saving_done()
            if isinstance(error, BatchRowError):
                # the service numbers the drafts; the user sees the paper's 序号
                row = rows[error.row - 1]
                self._say(self.tr("序号%1（%2）：%3").replace("%1", str(self.model.seq(row)))
                          .replace("%2", self.model.rows[row].household_code)
                          .replace("%3", error_text(error.error)), error=True)
                self.set_current(row, OUTCOME)
            else:
                self._say(error_text(error), error=True)

        record_batch = self.gk.visits.record_batch
        self.context.operations.run(self, lambda: record_batch(drafts), Changes(visits=True),
                                    done=saved, failed=refused, label=self.tr("正在保存走访结果…"))
        return True

    def _saving_done(self) -> None:
        self.saving = False
        self.save_button.setEnabled(self.may_record)

    def _say(self, text: str, error: bool = False) -> None:
        self.error_label.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
        self.error_label.setText(text)

    def raise_need(self, description: str | None = None, follow_up: date | None = None) -> bool:
        """Raise a need (channel: visit) for the current row's household, and promise a
        follow-up visit on that row if a date is given; True when started."""
        row = self.current_row()
        if row < 0 or not self.need_button.isEnabled():
            if row >= 0:
                self._say(self.need_button.toolTip(), error=True)
            return False
        shown = self.model.rows[row]
        code, household_id = shown.household_code, shown.household_id
        if description is None:
            # the whole need in one dialog: category, deadline (the office's default), handler,
            # and the follow-up visit promised on the doorstep
            dialog = NeedIntakeDialog(self.gk, self, household=HouseholdChoice(
                household_id, code, shown.grid,
                address_text(shown.estate, shown.building, shown.unit, shown.room), shown.head,
                "roster"), visit_day=self.default_day())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            draft, follow_up = dialog.draft(), dialog.follow_up()
        elif not description.strip():
            return False
        else:
            draft = NeedDraft(description=description.strip(), channel=NeedChannel.VISIT,
                              household_id=household_id)
        if follow_up is not None:
            self.model.set_text(row, FOLLOW_UP, follow_up.isoformat())

        def raised(need_id: int) -> None:
            self.raised_need = need_id
            for r, shown in enumerate(self.model.rows):  # the row may have moved meanwhile
                if shown.household_id == household_id:
                    self.model.add_note(r, self.tr("[已登记诉求]"))

        def refused(error: Exception) -> None:
            self._say(self.tr("%1：%2").replace("%1", code).replace("%2", error_text(error)), error=True)

        raise_need = self.gk.needs.raise_need
        self.context.operations.run(self, lambda: raise_need(draft), Changes(needs=True), done=raised,
                                    failed=refused, label=self.tr("正在登记诉求…"))
        return True

    # -- print and export -------------------------------------------------------------------
    def print_visit_log(self, period: str | None = None) -> bool:
        """The chosen grid's visit log (民情日志) for a period the user picks; True when started."""
        from ui.widgets.visit_log import print_visit_log

        grid = self.grid()
        if grid is None:
            self._say(self.tr("请先在“网格”中选一个网格，再打印它的民情日志。"), error=True)
            return False
        return print_visit_log(self, self.context, grid=grid, period=period)

    def preview(self) -> None:
        """Lay out the roster PDF (off the UI thread: the print is recorded with its roster
        number) and show it in the preview dialog."""
        if not self.print_button.isEnabled():
            return
        # the grid and week shown (an opened sheet's), and only one worker's lines if chosen
        week, grid, worker = self.week, self.grid(), self.worker()
        roster = self.roster if self.sheet is None else None
        self.summary.setText(self.tr("正在排版花名册…"))
        printing = self.scoped.printing

        def work() -> tuple[bytes, tuple[str, ...]]:
            # no target: the PDF stays in memory, never a plaintext roster in the temp folder
            result = printing.rosters(week, None, grid=grid, roster=roster, worker=worker)
            return result.documents[0], result.numbers

        self.context.operations.run(self, work, Changes(printed=True), done=self._show_pdf,
                                    failed=self._failed, label=self.tr("正在排版花名册…"))

    def _show_pdf(self, printed: tuple[bytes, tuple[str, ...]]) -> None:
        from ui.widgets.pdf_preview import PdfPreview

        data, numbers = printed
        self.summary.setText(self.tr("花名册已生成，共 %1 个网格。").replace("%1", str(max(len(numbers), 1))))
        if len(numbers) == 1:  # one grid: its number goes with the results
            self.number_box.setText(numbers[0])
        name = f"走访花名册_{self.week.label}.pdf"
        self.last_preview = PdfPreview(data, self.tr("走访花名册 %1").replace("%1", self.week.label), self,
                                       file_name=name)
        self.last_preview.show()

    def export_excel(self, target: str | None = None) -> bool:
        """The week's roster as Excel (the audited exporter, off the UI thread); True when started."""
        if (self.roster is None and self.sheet is None) or not self.excel_button.isEnabled():
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出 Excel"), f"走访名单_{self.week.label}.xlsx", "Excel (*.xlsx)")
            if not target:
                return False
        week, grid, exporter = self.week, self.grid(), self.scoped.exporter
        roster = self.roster if self.sheet is None else None
        self.summary.setText(self.tr("正在导出…"))

        def exported(result: object) -> None:
            self.exported = Path(result.path)  # type: ignore[attr-defined]
            self.summary.setText(self.tr("已导出：%1").replace("%1", str(self.exported)))

        def refused(error: Exception) -> None:
            self.summary.setText(self.tr("导出失败：%1").replace("%1", error_text(error)))

        self.context.operations.run(
            self, lambda: exporter.roster(target, week, grid=grid, roster=roster), done=exported,
            failed=refused, label=self.tr("正在导出…"))
        return True


Page = ThisWeekPage
