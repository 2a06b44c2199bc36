"""住户台账: the household register page: search box, filters, lazy table, detail pane.

Households are edited in :class:`HouseholdEditor` windows, one per household (opening it again
brings the open one forward); what they and the import wizard write reaches every page through
the window's operations (ui/operations.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gridkeeper.domain.enums import HouseholdStatus
from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import Permission
from gridkeeper.services.browse import RegisterFilter, RegisterRow
from ui import icons
from ui.context import Context
from ui.operations import Changes
from ui.pages.register.detail import HouseholdDetail
from ui.pages.register.model import ADDRESS, CATEGORIES, COLUMN_COUNT, ROW_ROLE, SORT_KEYS, RegisterModel
from ui.tasks import Runner
from ui.texts import error_text, rule_label
from ui.widgets.delegates import CategoryChipDelegate
from ui.widgets.household_menu import household_menu
from ui.widgets.permissions import allow
from ui.widgets.tables import AddressDelegate

# rows read with a search: a tall window's table (about 40 rows at 1080 pixels) and some
FIRST_SCREEN = 60

if TYPE_CHECKING:  # the editor and the details dialog load when first opened, not at start-up
    from ui.pages.register.editor import HouseholdEditor


class RegisterPage(QWidget):
    """The register: ids from one search, rows on demand, details of the selected household."""

    icon_name = "fa5s.address-book"
    count_changed = Signal(int)
    household_action = Signal(str, int)  # from the table's context menu: what, household id

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.gk = context.gk
        self._grid_id: int | None = None
        self._building_id: int | None = None
        self._community_id: int | None = None
        self._select_next: int | None = None  # the household to select when a search arrives
        self._sort = "address"
        self._descending = False
        self._overdue: frozenset[int] | None = None
        self.runner = Runner(self)
        self.overdue_runner = Runner(self)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("fa5s.search", color="#777"),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、电话或身份证尾号、地址（如 3-2-501）"))
        self.category = QComboBox()
        self.status = QComboBox()
        self.overdue = QCheckBox(self.tr("仅逾期"))
        self.new_button = QPushButton(icons.icon("fa5s.plus", color="#2e7d32"), self.tr("新建住户"))
        allow(self.new_button, context.gk.actor, Permission.EDIT_REGISTER,
              tooltip=self.tr("新建住户 (Ctrl+N)"))
        self.import_button = QPushButton(icons.icon("fa5s.file-import", color="#1565c0"), self.tr("导入…"))
        # icons only, so the bar fits a 1024-pixel screen in English too; the 住户 menu names them
        self.handover_button = QPushButton(icons.icon("fa5s.people-arrows", color="#6a1b9a"), "")
        allow(self.handover_button, context.gk.actor, Permission.EDIT_REGISTER,
              tooltip=self.tr("移交…") + " " + self.tr("把一位责任人的全部住户移交给另一位（记入审计日志）"))
        self.campaign_button = QPushButton(icons.icon("fa5s.list-alt", color="#00695c"), "")
        self.campaign_button.setToolTip(self.tr("专项名单…") + " " + self.tr(
            "按类别、楼栋、楼层保存名单，打印联系名单（防汛、高温、供暖）"))
        allow(self.import_button, context.gk.actor, Permission.IMPORT,
              tooltip=self.tr("从 Excel 或 CSV 导入住户或走访记录 (Ctrl+I)"))
        self.editors: dict[int | None, HouseholdEditor] = {}  # open editors; None: a new household
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setVisible(False)
        self.found_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color:#c62828")

        self.category.addItem(self.tr("全部类别"), None)
        for chip in self.gk.browse.categories():
            self.category.addItem(chip.name_zh if language() == "zh" else chip.name_en, chip.code)
        self.status.addItem(self.tr("全部状态"), None)
        for status in HouseholdStatus:
            self.status.addItem(status.label.get(language()), status.value)
        self.status.setCurrentIndex(1)  # active households first: what staff work with

        self.model = RegisterModel(self.gk.browse.rows, self._rules, parent=self)
        self.model.category_names = {
            c.code: (c.name_zh if language() == "zh" else c.name_en, c.colour)
            for c in self.gk.browse.categories()
        }
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(
            CATEGORIES, CategoryChipDelegate(self.model.category_names, self.table)
        )
        self.table.setItemDelegateForColumn(ADDRESS, AddressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # widths from sample data (Chinese glyphs are twice a digit), never narrower than the
        # translated header
        samples = [
            "0100002",
            "阳光第10网格",
            "远洋山水 10-1-1202",
            "欧阳静丽",
            "99",
            "低收入 残疾",
            "general 1 per half-year",
            "2026-12-31",
            "2026-12-31",
            "moved out",
        ]
        metrics = header.fontMetrics()
        titles = self.model.column_titles()
        for column in range(COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(
                column,
                max(
                    metrics.horizontalAdvance(samples[column]) + 16,
                    metrics.horizontalAdvance(titles[column]) + 28,
                ),
            )
        header.setSectionResizeMode(CATEGORIES, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.detail = HouseholdDetail(self.gk)
        self.detail.visit_log_requested = self._print_visit_log

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.overdue)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.handover_button)
        bar.addWidget(self.campaign_button)
        info = QHBoxLayout()
        info.addWidget(self.found_label)
        info.addWidget(self.error_label, 1)
        info.addWidget(self.progress)
        info.addWidget(self.cancel_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([960, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(split, 1)

        # a keystroke restarts a short timer so fast typing runs one search, not ten
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.category.currentIndexChanged.connect(lambda _i: self.run_search())
        self.status.currentIndexChanged.connect(lambda _i: self.run_search())
        self.overdue.toggled.connect(self._overdue_toggled)
        self.new_button.clicked.connect(self.new_household)
        self.import_button.clicked.connect(self.import_file)
        self.handover_button.clicked.connect(self.hand_over)
        self.campaign_button.clicked.connect(self.campaign_lists)
        # Enter or F2 opens the selected household (the editor, or the details for those who
        # may not edit); Ctrl+I (import) is the window's menu
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            opener = QShortcut(QKeySequence(key), self.table)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(self.open_selected)
        # Esc in the search box: stop a running search and clear what was typed
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(lambda: (self.cancel_search(), self.search.clear()))
        self.cancel_button.clicked.connect(self.cancel_search)
        self.runner.busy.connect(self._busy)
        self.overdue_runner.busy.connect(self._busy)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self._open)
        household_menu(self.table, self.gk.actor, self._household_at, self.household_action.emit,
                       open_keys=False)  # its own: the editor for those who may edit

    def title(self) -> str:
        return self.tr("住户台账")

    # --- searching -----------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            text=self.search.text(),
            grid_id=self._grid_id,
            building_id=self._building_id,
            community_id=self._community_id,
            category=self.category.currentData(),
            status=self.status.currentData(),
            only_ids=self._overdue if self.overdue.isChecked() else None,
            sort=self._sort,
            descending=self._descending,
        )

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree (a street office's register): its households only;
        the following :meth:`set_scope` runs the search."""
        self._community_id = community_id

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        self._grid_id, self._building_id = grid_id, building_id
        self._overdue = None
        if self.overdue.isChecked():
            self._overdue_toggled(True)
        else:
            self.run_search()

    def run_search(self) -> None:
        wanted = self.current_filter()
        self.error_label.clear()
        typed = wanted.text.strip()
        if len(typed) == 1 and typed.isascii() and typed.isalpha():
            # one letter matches a quarter of a street's residents: wait for the second
            self.found_label.setText(self.tr("请再输入一个字母"))
            return
        self.runner.submit(lambda: self._search(wanted), self._found, self._failed)

    def _search(self, wanted: RegisterFilter) -> tuple[list[int], dict[int, RegisterRow],
                                                        dict[int, tuple[str, date | None]]]:
        """On the thread pool: the ids, and the rows and rules of the first screenful, so the
        table shows them without reading on the UI thread."""
        ids = self.gk.browse.search_ids(wanted)
        first = ids[:FIRST_SCREEN]
        try:
            return ids, self.gk.browse.rows(first), self._rules(first)
        except Exception:  # noqa: BLE001 - a bonus: the table reads them itself when they come into view
            return ids, {}, {}

    def cancel_search(self) -> None:
        self.runner.cancel()
        self.overdue_runner.cancel()

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            # not sortable in SQL: keep the current order and say so by the header indicator
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, order)
            header.blockSignals(False)
            return
        self._sort, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.run_search()

    def _found(self, found: tuple[list[int], dict[int, RegisterRow], dict[int, tuple[str, date | None]]]
               ) -> None:
        ids, rows, rules = found
        chosen = self._select_next or self.selected_id()
        self._select_next = None
        self.model.set_ids(ids, rows, rules)
        self.found_label.setText(self.tr("共 %n 户", "", len(ids)))
        self.count_changed.emit(len(ids))
        if ids:
            # the household being looked at stays chosen when the list is searched again
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        else:
            self.detail.show_household(None)

    def apply_changes(self, changes: Changes) -> None:
        """Written elsewhere: the list and its rule column read again, the same household shown."""
        if changes.households or changes.visits or changes.settings or changes.needs:
            self.model.forget_all()
            self.set_scope(self._grid_id, self._building_id)

    def _failed(self, error: Exception) -> None:
        self.error_label.setText(error_text(error))

    def _busy(self, busy: bool) -> None:
        running = self.runner is not None and (busy or False)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _overdue_toggled(self, checked: bool) -> None:
        if not checked:
            self.run_search()
            return
        grid = None
        if self._grid_id is not None:
            grid = next((g.name for g in self.gk.browse.tree() if g.id == self._grid_id), None)

        def overdue_ids() -> frozenset[int]:
            roster = self.gk.roster.roster(_this_week(), grid=grid)
            return frozenset(r.household_id for r in roster.rows if r.reason == "overdue")

        def arrived(ids: frozenset[int]) -> None:
            self._overdue = ids
            self.run_search()

        self.overdue_runner.submit(overdue_ids, arrived, self._failed)

    def _rules(self, ids: Sequence[int]) -> dict[int, tuple[str, date | None]]:
        """The governing rule and next due date of each household (the policy engine's view),
        for a screenful of rows at once."""
        names = self.model.category_names
        found: dict[int, tuple[str, date | None]] = {}
        for household_id, (code, rule, next_due, overdue_since) in self.gk.roster.standings(ids).items():
            name = names.get(code, (code or "", ""))[0]
            found[household_id] = (f"{name} {rule_label(rule)}" if rule else "", overdue_since or next_due)
        return found

    def _print_visit_log(self, code: str) -> bool:
        """The household's visit log (民情日志) for a period the user picks."""
        from ui.widgets.visit_log import print_visit_log

        return print_visit_log(self, self.context, household=code)

    def wait_idle(self) -> None:
        """Let background searches finish and deliver (screenshots and tests)."""
        from PySide6.QtWidgets import QApplication

        for _ in range(50):
            self.overdue_runner.wait()
            self.runner.wait()
            QApplication.processEvents()
            # painting asks the model for the visible rows, which queues their rule lookups
            self.table.viewport().repaint()
            self.model.wait_for_rules()
            QApplication.processEvents()
            if self._debounce.isActive():
                self._debounce.stop()
                self.run_search()
                continue
            break
        self.detail.wait_idle()

    # --- selection and editing -----------------------------------------------------------
    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        self.detail.show_household(row.id if row else None)

    def _household_at(self, index: QModelIndex) -> int | None:
        row = self.model.index(index.row(), 0).data(ROW_ROLE)
        return row.id if row is not None else None

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row.id if row else None

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_household(row.id)

    def open_selected(self) -> QWidget | None:
        """The selected household: its editor, or its details for those who may not edit."""
        household_id = self.selected_id()
        return self.open_household(household_id) if household_id is not None else None

    def open_household(self, household_id: int) -> QWidget:
        if self.gk.actor.can(Permission.EDIT_REGISTER):
            return self.edit_household(household_id)
        from ui.widgets.household_dialog import open_household

        return open_household(self.gk, household_id, self)

    def new_household(self) -> HouseholdEditor | None:
        if not self.gk.actor.can(Permission.EDIT_REGISTER):
            return None
        return self._editor(None)

    def _editor(self, household_id: int | None) -> HouseholdEditor:
        """The household's editor: the one already open is brought forward, never a second."""
        editor = self.editors.get(household_id)
        if editor is not None and isValid(editor) and editor.isVisible():
            editor.raise_()
            editor.activateWindow()
            return editor
        from ui.pages.register.editor import HouseholdEditor

        editor = HouseholdEditor(self.gk, household_id, self, self.context.operations,
                                 grid_id=self._grid_id if household_id is None else None)
        editor.saved.connect(self._saved)
        editor.finished.connect(lambda _code: self._closed(household_id, editor))
        self.editors[household_id] = editor
        editor.show()
        return editor

    def _closed(self, household_id: int | None, editor: HouseholdEditor) -> None:
        if self.editors.get(household_id) is editor:
            del self.editors[household_id]

    def unsaved_work(self) -> str:
        """Editors with changes not yet saved (asked before the window closes)."""
        return "\n".join(text for text in (e.unsaved_work() for e in self.open_editors()) if text)

    def open_editors(self) -> list[HouseholdEditor]:
        return [e for e in self.editors.values() if isValid(e) and e.isVisible()]

    def save_unsaved(self, then: Callable[[], None]) -> bool:
        waiting = [e for e in self.open_editors() if e.unsaved_work()]
        left = [len(waiting)]

        def one_saved() -> None:
            left[0] -= 1
            if left[0] == 0:
                then()

        started = [e.save(then=one_saved) for e in waiting]
        return all(started)

    def import_file(self) -> QWidget | None:
        """The import wizard; the register shows what it wrote as soon as it is written."""
        if not self.gk.actor.can(Permission.IMPORT):
            return None
        from ui.pages.register.import_wizard import (
            ImportWizard,  # loaded when asked for: start-up stays short
        )

        wizard = ImportWizard(self.gk, self, self.context.operations)
        wizard.imported.connect(lambda _result: self.apply_changes(Changes(households=True)))
        wizard.show()
        return wizard

    def edit_household(self, household_id: int) -> HouseholdEditor:
        return self._editor(household_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _saved(self, household_id: int) -> None:
        """A household saved in the editor is the one selected afterwards (a new one too)."""
        self.model.refresh(household_id)
        if household_id not in self.model.ids():
            self._select_next = household_id
            self.run_search()
        else:
            self.table.selectRow(self.model.ids().index(household_id))
        self.detail.show_household(household_id)

    def hand_over(self) -> QWidget | None:
        """移交: all households of one worker to another, in one audited step."""
        if not self.gk.actor.can(Permission.EDIT_REGISTER):
            return None
        from ui.pages.register.handover import HandoverDialog

        dialog = HandoverDialog(self.gk, self.context.operations, self)
        dialog.show()
        return dialog

    def campaign_lists(self) -> QWidget:
        """专项名单: saved filters printed as contact lists."""
        from ui.pages.register.campaigns import CampaignDialog

        dialog = CampaignDialog(self.gk, self.context.operations, self)
        dialog.show()
        return dialog


def _this_week() -> str:
    year, week, _ = date.today().isocalendar()
    return f"{year}-W{week:02d}"


Page = RegisterPage  # every page module exposes Page
