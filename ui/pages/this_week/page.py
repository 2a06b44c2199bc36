"""The 本周走访 page: the week's roster as the policy engine computes it, its print preview,
Excel export, and batch entry of the results brought back from the stairwells.

The roster is computed off the UI thread (:class:`ui.tasks.Runner`); the table only shows
the plain :class:`~gridkeeper.services.roster.RosterRow` values. Batch entry is driven by
the keyboard: digit keys 1-4 set the outcome of the current row and move down, so a
60-row roster is entered without the mouse.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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

from gridkeeper.domain.enums import NeedChannel, VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.periods import Period, Span, span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.visits import BatchRowError, VisitDraft
from gridkeeper.services.roster import Roster
from ui.context import Context
from ui.pages.this_week.model import (
    ADDRESS,
    EDITABLE,
    METHOD,
    OUTCOME,
    RosterEntryModel,
)
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.colours import category_colours, grid_names

# the four outcomes a grid worker brings back, in the order of the digit keys 1-4
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

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.week: Span = span_of(Period.WEEK, date.today())
        self.roster: Roster | None = None
        self.runner = Runner(self)
        self.colours = category_colours(self.gk)
        self.model = RosterEntryModel(dict(self.colours), self.colours.names, context.user)

        self.previous_button = QPushButton(qta.icon("fa5s.chevron-left"), "")
        self.previous_button.setToolTip(self.tr("上一周"))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_label.setMinimumWidth(230)
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(qta.icon("fa5s.chevron-right"), "")
        self.next_button.setToolTip(self.tr("下一周"))
        self.today_button = QPushButton(self.tr("本周"))
        self.grid_box = QComboBox()
        self.grid_box.addItem(self.tr("全部网格"), None)
        for name in grid_names(self.gk):
            self.grid_box.addItem(name, name)
        self.grid_box.setMinimumWidth(160)
        self.print_button = QPushButton(qta.icon("fa5s.print"), self.tr("打印预览"))
        self.excel_button = QPushButton(qta.icon("fa5s.file-excel"), self.tr("导出 Excel"))
        self.save_button = QPushButton(qta.icon("fa5s.save"), self.tr("保存走访结果"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()

        bar = QHBoxLayout()
        for widget in (self.previous_button, self.week_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("网格：")))
        bar.addWidget(self.grid_box)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        for widget in (self.print_button, self.excel_button, self.save_button):
            bar.addWidget(widget)

        self.summary = QLabel()
        self.number_box = QLineEdit()
        self.number_box.setPlaceholderText(self.tr("打印后自动填入"))
        self.number_box.setMaximumWidth(220)
        self.need_button = QPushButton(qta.icon("fa5s.hand-paper"), self.tr("登记诉求"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.saved_count = 0
        self.hint = QLabel(self.tr(
            "回填：选中一行按 1 见面、2 未遇、3 拒访、4 外出，自动跳到下一行；0 或退格清除；"
            "← → 到走访人、方式、日期、备注列直接输入（方式列 F2 选择）；"
            "Ctrl+R 为当前户登记诉求；Ctrl+S 保存。"))
        self.hint.setObjectName("hint")
        self.table = EntryTable(self.handle_key)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(METHOD, MethodDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        # widths from the first rows only: measuring every row of a street-scale roster would
        # take seconds (see _arrived)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("花名册编号：")))
        top.addWidget(self.number_box)
        top.addWidget(self.need_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save_results)

        self.previous_button.clicked.connect(lambda: self.set_week(self.week.previous()))
        self.next_button.clicked.connect(lambda: self.set_week(self.week.next()))
        self.today_button.clicked.connect(lambda: self.set_week(span_of(Period.WEEK, date.today())))
        self.grid_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button.clicked.connect(self.preview)
        self.excel_button.clicked.connect(self.export_excel)
        self.save_button.clicked.connect(self.save_results)
        self.need_button.clicked.connect(lambda: self.raise_need())
        self.runner.busy.connect(self.progress.setVisible)
        self._show_week()
        self.refresh()

    # -- the page protocol of the main window ------------------------------------------------
    def title(self) -> str:
        return self.tr("本周走访")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """Follow the scope tree: choosing a grid there chooses it here."""
        if grid_id is None:
            self.grid_box.setCurrentIndex(0)
            return
        for node in self.gk.browse.tree():
            if node.id == grid_id:
                index = self.grid_box.findData(node.name)
                if index >= 0:
                    self.grid_box.setCurrentIndex(index)

    def wait_idle(self) -> None:
        self.runner.wait()

    # -- the roster -------------------------------------------------------------------------
    def grid(self) -> str | None:
        return self.grid_box.currentData()

    def set_week(self, week: Span) -> None:
        self.week = week
        self._show_week()
        self.refresh()

    def _show_week(self) -> None:
        self.week_label.setText(self.tr("%1（%2 至 %3）").replace("%1", self.week.label)
                                .replace("%2", f"{self.week.start:%m-%d}")
                                .replace("%3", f"{self.week.end:%m-%d}"))

    def refresh(self) -> None:
        week, grid = self.week, self.grid()
        self.summary.setText(self.tr("正在计算应访名单…"))
        self.runner.submit(lambda: self.gk.roster.roster(week, grid=grid), self._arrived, self._failed)

    def _failed(self, error: Exception) -> None:
        self.summary.setText(self.tr("计算失败：%1").replace("%1", error_text(error)))

    def _arrived(self, roster: Roster) -> None:
        self.roster = roster
        self.model.set_roster(roster, self.default_day())
        self.table.resizeColumnsToContents()
        counts = {reason: sum(1 for x in roster.rows if x.reason is reason) for reason in RosterReason}
        self.summary.setText(self.tr("本周应访 %1 户：逾期 %2，应访 %3，计划 %4")
                             .replace("%1", str(len(roster.rows)))
                             .replace("%2", str(counts[RosterReason.OVERDUE]))
                             .replace("%3", str(counts[RosterReason.DUE]))
                             .replace("%4", str(counts[RosterReason.PLANNED])))
        if roster.rows:
            self.set_current(0, OUTCOME)

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
            return date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(self.tr("第%1行：日期“%2”应写成 2026-11-23")
                             .replace("%1", str(row + 1)).replace("%2", text)) from error

    def drafts(self) -> tuple[list[int], list[VisitDraft]]:
        """The entered rows as visit drafts, with the table row each came from."""
        rows, drafts = [], []
        for row, entry in self.model.entered():
            team = tuple(t for t in re.split(r"[、，,\s]+", entry.team) if t)
            assert entry.outcome is not None
            drafts.append(VisitDraft(
                visit_date=self._day(row), method=entry.method, outcome=entry.outcome,
                team=team or (self.context.user,),
                household_id=self.model.rows[row].household_id,
                notes=entry.note or None,
                roster_number=self.number_box.text().strip() or None))
            rows.append(row)
        return rows, drafts

    def save_results(self) -> bool:
        """Save every entered row in one transaction ; errors name the row."""
        try:
            rows, drafts = self.drafts()
        except ValueError as error:
            self.error_label.setText(str(error))
            return False
        if not drafts:
            self.error_label.setText(self.tr("尚未录入任何走访结果。"))
            return False
        try:
            self.gk.visits.record_batch(drafts)
        except BatchRowError as error:
            # the service numbers the drafts; the user sees the roster's row number
            row = rows[error.row - 1]
            self.error_label.setText(self.tr("第%1行（%2）：%3").replace("%1", str(row + 1))
                                     .replace("%2", self.model.rows[row].household_code)
                                     .replace("%3", error_text(error.error)))
            self.set_current(row, OUTCOME)
            return False
        except Exception as error:  # shown, never swallowed silently
            self.error_label.setText(error_text(error))
            return False
        self.error_label.setText("")
        self.saved_count = len(drafts)
        self.refresh()
        self.summary.setText(self.tr("已保存 %1 条走访记录。").replace("%1", str(len(drafts))))
        return True

    def raise_need(self, description: str | None = None) -> int | None:
        """Raise a need (channel: visit) for the current row's household."""
        row = self.current_row()
        if row < 0:
            return None
        code = self.model.rows[row].household_code
        if description is None:
            description, ok = QInputDialog.getMultiLineText(
                self, self.tr("登记诉求"), self.tr("%1 户的诉求：").replace("%1", code))
            if not ok:
                return None
        if not description.strip():
            return None
        try:
            need_id = self.gk.needs.raise_need(NeedDraft(
                description=description.strip(), channel=NeedChannel.VISIT,
                household_id=self.model.rows[row].household_id))
        except Exception as error:
            self.error_label.setText(self.tr("第%1行：%2").replace("%1", str(row + 1))
                                     .replace("%2", error_text(error)))
            return None
        self.model.add_note(row, self.tr("[已登记诉求]"))
        return need_id

    # -- print and export -------------------------------------------------------------------
    def preview(self) -> None:
        """Lay out the roster PDF (off the UI thread) and show it in the preview dialog."""
        week, grid, roster = self.week, self.grid(), self.roster
        target = Path(tempfile.mkdtemp(prefix="gridkeeper-roster-")) / f"roster-{week.label}.pdf"
        self.summary.setText(self.tr("正在排版花名册…"))

        def work() -> Path:
            result = self.gk.printing.rosters(week, target, grid=grid, roster=roster)
            if len(result.numbers) == 1:  # one grid: its number goes with the results
                self.printed_number = result.numbers[0]
            return result.files[0]

        self.runner.submit(work, self._show_pdf, self._failed)

    def _show_pdf(self, path: Path) -> None:
        from ui.widgets.pdf_preview import PdfPreview

        self.summary.setText(self.tr("花名册已生成：%1").replace("%1", str(path)))
        if getattr(self, "printed_number", None):
            self.number_box.setText(self.printed_number)
        self.last_preview = PdfPreview(path, self.tr("走访花名册 %1").replace("%1", self.week.label), self)
        self.last_preview.show()

    def export_excel(self, target: str | None = None) -> Path | None:
        if self.roster is None:
            return None
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出 Excel"), f"走访名单_{self.week.label}.xlsx", "Excel (*.xlsx)")
            if not target:
                return None
        # the audited exporter, with the roster already on screen
        result = self.gk.exporter.roster(target, self.week, grid=self.grid(), roster=self.roster)
        self.summary.setText(self.tr("已导出：%1").replace("%1", str(result.path)))
        return result.path


Page = ThisWeekPage
