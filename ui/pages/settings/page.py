"""The 设置 page: categories and their visit rules, grids and workers, the office's PDF and
backup options, this PC's interface language, and the user accounts (users.py beside this module).

Everything but the language belongs to the office and is kept in the database by
gridkeeper/services/settings.py: one Save writes every change in one transaction (audited),
and a bad value comes back naming its section, row and column, which is selected here with
the message. The save is an operation (ui/operations.py): every page sees the new rules. Only
an administrator may change them; others see them read-only. The language is this PC's
choice (QSettings), used from the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import CategoryKind, Period, VisitMethod
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.roles import Permission
from gridkeeper.services.settings import (
    BACKUP_FOLDER_KEY,
    BACKUP_INTERVAL_KEY,
    FONT_KEY,
    IDLE_KEY,
    MASK_KEY,
    SAMPLE_KEY,
    CategoryDraft,
    CommunityChoice,
    GridDraft,
    SettingsError,
    SettingsSnapshot,
    WorkerDraft,
)
from ui.context import Context
from ui.operations import Changes
from ui.pages.settings.needs import NeedSettings
from ui.texts import error_text, method_label
from ui.widgets.colours import text_colour
from ui.widgets.permissions import refusal
from ui.widgets.tables import fit_columns

LANGUAGE_KEY = "ui/language"
_t = QCoreApplication.translate
# (attribute, header) per table; attributes not listed keep their stored value
CATEGORY_COLUMNS = (
    ("code", QT_TRANSLATE_NOOP("SettingsPage", "代码")),
    ("name_zh", QT_TRANSLATE_NOOP("SettingsPage", "中文名称")),
    ("name_en", QT_TRANSLATE_NOOP("SettingsPage", "英文名称")),
    ("colour", QT_TRANSLATE_NOOP("SettingsPage", "颜色")),
    ("visits", QT_TRANSLATE_NOOP("SettingsPage", "每期次数")),
    ("period", QT_TRANSLATE_NOOP("SettingsPage", "周期")),
    ("methods", QT_TRANSLATE_NOOP("SettingsPage", "计数方式")),
    ("target_rate", QT_TRANSLATE_NOOP("SettingsPage", "目标完成率 %")),
    ("threshold_age", QT_TRANSLATE_NOOP("SettingsPage", "年龄条件")),
    ("aliases", QT_TRANSLATE_NOOP("SettingsPage", "别名")),
    ("active", QT_TRANSLATE_NOOP("SettingsPage", "启用")),
)
GRID_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SettingsPage", "网格名称")),
    ("community_id", QT_TRANSLATE_NOOP("SettingsPage", "社区")),
    ("leader_id", QT_TRANSLATE_NOOP("SettingsPage", "网格长")),
    ("sort_order", QT_TRANSLATE_NOOP("SettingsPage", "顺序")),
)
WORKER_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SettingsPage", "姓名")),
    ("community_id", QT_TRANSLATE_NOOP("SettingsPage", "社区")),
    ("phone", QT_TRANSLATE_NOOP("SettingsPage", "电话")),
    ("active", QT_TRANSLATE_NOOP("SettingsPage", "在岗")),
)
_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
_PLACE_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's place as loaded (or added): what is saved
_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # a leader cell's worker id (None: no leader)


class NaturalItem(QTableWidgetItem):
    """A cell that sorts in the natural order (第2网格 before 第10网格, 9 before 10)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return natural_key(self.text()) < natural_key(other.text())
_ERROR_BACKGROUND = "#ffcdd2"
_NO_THRESHOLD = QT_TRANSLATE_NOOP("SettingsPage", "只有自动推算的类别（高龄、独居、空巢）有年龄条件")


class LeaderDelegate(QStyledItemDelegate):
    """A grid's leader (网格长) cell: the item holds the chosen worker's name and id; a box
    listing no one and every worker is made only while the cell is edited (F2, Enter,
    double-click or typing). A street office has a thousand grids and thousands of workers:
    a box in every row took 150 MB, a full list in every box minutes and gigabytes."""

    def __init__(self, table: DraftTable) -> None:
        super().__init__(table)
        self.table = table

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setModel(self.table.leader_model())
        # a choice is the edit: written to the cell at once, as the row's box did
        box.activated.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(self.table.leader_row(index.data(_ID_ROLE)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        chosen = editor.currentData()
        if chosen != index.data(_ID_ROLE) or editor.currentText() != index.data():
            self.table.set_leader(index.row(), chosen)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setGeometry(option.rect)


class MethodsButton(QToolButton):
    """The counting methods of a category (入户, 门口, 电话, 视频) ticked in a drop-down menu;
    ``value()`` is the stored form, codes joined by ","."""

    changed = Signal()

    def __init__(self, value: str) -> None:
        super().__init__()
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        chosen = {m.strip() for m in value.replace(";", ",").split(",")}
        for method in VisitMethod:
            action = menu.addAction(method_label(method.value))
            action.setData(method.value)
            action.setCheckable(True)
            action.setChecked(method.value in chosen)
            action.toggled.connect(self._toggled)
        self.setMenu(menu)
        self._label()

    def value(self) -> str:
        return ",".join(a.data() for a in self.menu().actions() if a.isChecked())

    def _toggled(self) -> None:
        self._label()
        self.changed.emit()

    def _label(self) -> None:
        self.setText("、".join(a.text() for a in self.menu().actions() if a.isChecked()) or "—")


class DraftTable(QTableWidget):
    """Rows of drafts (categories, grids or workers) edited in place; ``drafts()`` reads the
    edited values back into drafts of the same kind. ``edited`` is emitted for every change
    made in a cell, whether in an item or in a cell's combo box or menu."""

    edited = Signal()

    def __init__(self, columns: tuple[tuple[str, str], ...], factory: type,
                 editable: bool = True) -> None:
        super().__init__(0, len(columns))
        self.columns = columns
        self.factory = factory
        self.editable = editable
        self.why = ""  # said on the cells' buttons and boxes when they are read-only
        self.workers: list[WorkerDraft] = []
        # the street's communities: a column of its own only where there are several
        self.communities: list[CommunityChoice] = []
        # the one list of workers every grid's leader box shows (a street office has
        # thousands of workers and grids: a list per box took gigabytes), and each worker's row in it
        self._leaders: QStandardItemModel | None = None
        self._leader_rows: dict[int | None, int] = {}
        self._worker_names: dict[int | None, str] | None = None
        self.marked: tuple[int, int] | None = None
        self.setHorizontalHeaderLabels([_t("SettingsPage", title) for _attr, title in columns])
        # the free-text column takes the room left: aliases of a category, a grid's or worker's name
        wide = next(a for a in ("aliases", "name", "name_zh") if any(c == a for c, _t in columns))
        fit_columns(self, self.column_of(wide))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if any(attr == "leader_id" for attr, _title in columns):
            self.setItemDelegateForColumn(self.column_of("leader_id"), LeaderDelegate(self))
        if not editable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemChanged.connect(self._item_changed)
        # a click on a header sorts what is shown, once (an edited cell does not jump away);
        # the rows are read back, saved and marked in the order they were loaded
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._sort_by)
        self._placed = 0

    def _sort_by(self, column: int) -> None:
        header = self.horizontalHeader()
        order = (Qt.SortOrder.DescendingOrder if header.sortIndicatorSection() == column
                 and header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
                 else Qt.SortOrder.AscendingOrder)
        self.unmark()
        blocked = self.blockSignals(True)  # sorting is not an edit
        self.sortItems(column, order)
        self.blockSignals(blocked)
        header.setSortIndicator(column, order)

    def in_order(self) -> list[int]:
        """The table's rows in the order they were loaded or added."""
        return sorted(range(self.rowCount()), key=lambda r: self.item(r, 0).data(_PLACE_ROLE))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self.columns[item.column()][0] == "colour":
            self.blockSignals(True)  # painting is not an edit
            self.paint_colour(item)
            self.blockSignals(False)
        self.edited.emit()

    def column_of(self, attr: str) -> int:
        return next(i for i, (a, _t) in enumerate(self.columns) if a == attr)

    def fill(self, drafts: tuple[Any, ...], workers: tuple[WorkerDraft, ...] = (),
             communities: tuple[CommunityChoice, ...] = ()) -> None:
        self.workers = list(workers)
        self.communities = list(communities)
        if any(attr == "community_id" for attr, _title in self.columns):
            self.setColumnHidden(self.column_of("community_id"), len(self.communities) < 2)
        self._leaders = None
        self._worker_names = None
        self.setRowCount(0)
        self._placed = 0
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for draft in drafts:
            self.add(draft)

    def add(self, draft: Any) -> None:
        r = self.rowCount()
        blocked = self.blockSignals(True)  # a half-built row is not an edit: one signal at the end
        self.insertRow(r)
        for c, (attr, _title) in enumerate(self.columns):
            value = getattr(draft, attr)
            if attr == "active":
                item = QTableWidgetItem()
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if not self.editable:  # Qt's default flags make an item checkable
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            elif attr == "leader_id":
                item = NaturalItem(self._leader_name(value))
                item.setData(_ID_ROLE, value)
                item.setToolTip(self.why)
            elif attr == "period":
                box = QComboBox()
                for period in Period:
                    box.addItem(period.label.get(_language()), period.value)
                box.setCurrentIndex(max(box.findData(value), 0))
                self.setCellWidget(r, c, box)
                box.setEnabled(self.editable)
                box.setToolTip(self.why)
                box.currentIndexChanged.connect(self.edited)
                item = QTableWidgetItem()
            elif attr == "community_id" and draft.id is None and self.editable:
                # a new row's community is chosen; a stored row stays where it is
                box = QComboBox()
                for community in self.communities:
                    box.addItem(community.name, community.id)
                box.setCurrentIndex(max(box.findData(value), 0))
                self.setCellWidget(r, c, box)
                box.currentIndexChanged.connect(self.edited)
                item = QTableWidgetItem()
            elif attr == "community_id":
                names = {community.id: community.name for community in self.communities}
                item = NaturalItem(names.get(value, ""))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            elif attr == "methods":
                button = MethodsButton(value)
                button.setEnabled(self.editable)
                button.setToolTip(self.why)
                button.changed.connect(self.edited)
                self.setCellWidget(r, c, button)
                item = QTableWidgetItem()
            else:
                item = NaturalItem("" if value is None else str(value))
            if (attr == "code" and draft.id is not None) or attr == "colour":
                # a code is what rosters refer to; a colour is chosen in the colour dialog
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if attr == "threshold_age" and draft.kind != CategoryKind.DERIVED.value:
                # only 高龄/独居/空巢 are worked out from ages; the others have no threshold
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(_t("SettingsPage", _NO_THRESHOLD))
            if attr == "colour":
                self.paint_colour(item)
            self.setItem(r, c, item)
        self.item(r, 0).setData(_DRAFT_ROLE, draft)
        self.item(r, 0).setData(_PLACE_ROLE, self._placed)
        self._placed += 1
        self.blockSignals(blocked)
        self.edited.emit()

    def leader_model(self) -> QStandardItemModel:
        """"—" (no leader) and every worker, as a leader cell's box lists them."""
        if self._leaders is None:
            model = self._leaders = QStandardItemModel(self)
            self._leader_rows = {}
            for worker in (None, *self.workers):
                item = QStandardItem("—" if worker is None else worker.name)
                item.setData(None if worker is None else worker.id, Qt.ItemDataRole.UserRole)
                self._leader_rows.setdefault(None if worker is None else worker.id, model.rowCount())
                model.appendRow(item)
        return self._leaders

    def leader_row(self, worker_id: int | None) -> int:
        """The place of a worker (None: "—") in :meth:`leader_model`."""
        self.leader_model()
        return self._leader_rows.get(worker_id, 0)

    def _leader_name(self, worker_id: int | None) -> str:
        names = self._worker_names
        if names is None:
            names = self._worker_names = {w.id: w.name for w in self.workers}
        return names.get(worker_id, "—") if worker_id is not None else "—"

    def set_leader(self, row: int, worker_id: int | None) -> None:
        """Choose the leader of the grid in ``row`` (None: no one): an edit like any typed one."""
        item = self.item(row, self.column_of("leader_id"))
        blocked = self.blockSignals(True)  # one change, one signal: the name and the id together
        item.setData(_ID_ROLE, worker_id)
        item.setText(self._leader_name(worker_id))
        self.blockSignals(blocked)
        self.edited.emit()

    @staticmethod
    def paint_colour(item: QTableWidgetItem) -> None:
        colour = QColor(item.text())
        if colour.isValid():
            item.setBackground(QBrush(colour))
            item.setForeground(QBrush(QColor(text_colour(colour.name()))))
        else:  # not a colour: no swatch, rather than the colour it had before
            item.setBackground(QBrush())
            item.setForeground(QBrush())

    def mark(self, row: int, column: int, text: str) -> None:
        """Select and highlight the cell a bad value was found in (``row``: its place among
        :meth:`drafts`), with the reason as tooltip."""
        self.unmark()
        row = self.in_order()[row]
        self.marked = (row, column)
        self.blockSignals(True)  # highlighting is not an edit
        self.item(row, column).setBackground(QBrush(QColor(_ERROR_BACKGROUND)))
        self.item(row, column).setToolTip(text)
        self.blockSignals(False)
        widget = self.cellWidget(row, column)
        if widget is not None:
            widget.setStyleSheet(f"background: {_ERROR_BACKGROUND}")
            widget.setToolTip(text)
        self.setCurrentCell(row, column)
        self.scrollToItem(self.item(row, column))
        self.setFocus()

    def unmark(self) -> None:
        if self.marked is None or self.marked[0] >= self.rowCount():
            self.marked = None
            return
        row, column = self.marked
        self.marked = None
        item = self.item(row, column)
        self.blockSignals(True)
        item.setBackground(QBrush())
        item.setToolTip("")
        if self.columns[column][0] == "colour":
            self.paint_colour(item)
        self.blockSignals(False)
        widget = self.cellWidget(row, column)
        if widget is not None:
            widget.setStyleSheet("")
            widget.setToolTip("")

    def drafts(self) -> list[Any]:
        found = []
        for r in self.in_order():
            draft = self.item(r, 0).data(_DRAFT_ROLE)
            changes: dict[str, Any] = {}
            types = {f.name: f.type for f in fields(draft)}
            for c, (attr, _title) in enumerate(self.columns):
                widget = self.cellWidget(r, c)
                if isinstance(widget, QComboBox):
                    changes[attr] = widget.currentData()
                    continue
                if isinstance(widget, MethodsButton):
                    changes[attr] = widget.value()
                    continue
                if attr == "community_id":
                    continue  # a stored row's community is not edited here
                item = self.item(r, c)
                if attr == "leader_id":
                    changes[attr] = item.data(_ID_ROLE)
                    continue
                if attr == "active":
                    changes[attr] = item.checkState() == Qt.CheckState.Checked
                    continue
                text = item.text().strip()
                kind = str(types[attr])
                if "int" in kind:
                    changes[attr] = int(text) if text.lstrip("-").isdigit() else (
                        None if "None" in kind and not text else -1)
                elif "None" in kind:
                    changes[attr] = text or None
                else:
                    changes[attr] = text
            found.append(replace(draft, **changes))
        return found


class SettingsPage(QWidget):
    icon_name = "fa5s.cog"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.editable = self.gk.actor.can(Permission.MANAGE_SETTINGS)
        self.snapshot: SettingsSnapshot | None = None
        self._loading = True
        self._saved: tuple[Any, ...] | None = None  # the page's values as last loaded

        self.categories = DraftTable(CATEGORY_COLUMNS, CategoryDraft, self.editable)
        # double-click or Enter on a colour cell (not editable as text) opens the colour dialog
        self.categories.activated.connect(lambda index: self._pick_colour(index.row(), index.column()))
        new_category = QPushButton(self.tr("新增类别"))
        new_category.clicked.connect(lambda: self.categories.add(CategoryDraft(
            code="", name_zh="", name_en="", colour="#607D8B", kind="manual", visits=1,
            period="quarter", sort_order=self.categories.rowCount())))
        self.grids = DraftTable(GRID_COLUMNS, GridDraft, self.editable)
        self.workers = DraftTable(WORKER_COLUMNS, WorkerDraft, self.editable)
        new_grid = QPushButton(self.tr("新增网格"))
        new_grid.clicked.connect(lambda: self.grids.add(GridDraft(name="", sort_order=self.grids.rowCount())))
        new_worker = QPushButton(self.tr("新增工作人员"))
        new_worker.clicked.connect(lambda: self.workers.add(WorkerDraft(name="")))
        for table in (self.categories, self.grids, self.workers):
            table.edited.connect(self._changed)
        self.needs = NeedSettings(DraftTable, self.editable)  # needs.py beside this module
        self.needs.changed.connect(self._changed)

        self.mask_box = QCheckBox(self.tr("打印和导出时默认隐藏身份证号和电话的中间几位"))
        self.font_edit = QLineEdit()
        self.font_edit.setPlaceholderText(self.tr("留空：自动选择中文字体"))
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("留空：数据库旁的 backups 文件夹"))
        choose = QPushButton(self.tr("选择…"))
        choose.clicked.connect(self._choose_folder)
        self.interval_box = QSpinBox()
        self.interval_box.setRange(5, 24 * 60)
        self.interval_box.setSuffix(self.tr(" 分钟"))
        self.idle_box = QSpinBox()
        self.idle_box.setRange(1, 240)
        self.idle_box.setSuffix(self.tr(" 分钟"))
        self.sample_box = QSpinBox()
        self.sample_box.setRange(0, 50)
        self.sample_box.setSuffix(self.tr(" 条走访"))
        for signal in (self.mask_box.toggled, self.font_edit.textEdited, self.folder_edit.textEdited,
                       self.interval_box.valueChanged, self.idle_box.valueChanged,
                       self.sample_box.valueChanged):
            signal.connect(self._changed)
        self.language_box = QComboBox()
        self.language_box.addItem("中文", "zh")
        self.language_box.addItem("English", "en")
        current = str(context.settings.value(LANGUAGE_KEY, "zh"))
        self.language_box.setCurrentIndex(max(self.language_box.findData(current), 0))
        self.language_box.currentIndexChanged.connect(self._language_chosen)

        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.revert_button.clicked.connect(self.load)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.read_only_note = QLabel(self.tr("只有管理员可以修改这些设置；此处仅供查看。"))
        self.read_only_note.setStyleSheet("color: #7a5a00")
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setVisible(not self.editable)

        tabs = QTabWidget()
        tabs.addTab(self._section(self.categories, new_category, self.tr(
            "双击颜色格（或按回车）选择颜色；点计数方式格勾选哪些走访方式计数（可多选）；"
            "年龄条件只用于自动推算的类别（高龄、独居、空巢）；目标完成率用于工作台和报表的达标判断"
            "（低于目标 10 个百分点以内为预警）。")), self.tr("管理类别与走访规则"))
        people = QWidget()
        row = QHBoxLayout(people)
        row.addWidget(self._section(self.grids, new_grid, ""), 1)
        row.addWidget(self._section(self.workers, new_worker, ""), 1)
        tabs.addTab(people, self.tr("网格与工作人员"))
        office = QWidget()
        form = QFormLayout(office)
        form.addRow(self.tr("PDF 与导出："), self.mask_box)
        form.addRow(self.tr("PDF 字体文件："), self.font_edit)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        form.addRow(self.tr("备份文件夹："), folder_row)
        form.addRow(self.tr("工作中自动备份间隔："), self.interval_box)
        form.addRow(self.tr("无操作自动锁定："), self.idle_box)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_box)
        sample_note = QLabel(self.tr(
            "每月为每位工作人员随机抽取这么多条已计数的走访，供督导电话回访核实；0 为不抽查"))
        sample_note.setWordWrap(True)  # one line would make the window wider than the screen
        sample_row.addWidget(sample_note, 1)
        form.addRow(self.tr("每人每月抽查回访："), sample_row)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_box)
        language_note = QLabel(self.tr("本机设置，重新启动程序后生效"))
        language_note.setWordWrap(True)
        language_row.addWidget(language_note, 1)
        form.addRow(self.tr("界面语言："), language_row)
        tabs.addTab(office, self.tr("打印、备份与语言"))
        tabs.addTab(self.needs, self.tr("诉求与热点"))
        from ui.pages.settings.users import UsersPanel

        self.users = UsersPanel(self.gk, context.operations)
        tabs.addTab(self.users, self.tr("用户"))
        self.tabs = tabs

        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_note)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        why = refusal(self.gk.actor, Permission.MANAGE_SETTINGS)
        for widget in (new_category, new_grid, new_worker, self.mask_box, self.font_edit,
                       self.folder_edit, choose, self.interval_box, self.idle_box, self.sample_box,
                       self.save_button, self.revert_button):
            widget.setEnabled(self.editable)
            widget.setToolTip(why)
        for table in (self.categories, self.grids, self.workers, self.needs.categories):
            table.why = why
        self.saving = False
        self.load()

    def _section(self, table: QTableWidget, add: QPushButton, hint: str) -> QWidget:
        box = QGroupBox()
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            row.addWidget(note, 1)
        else:
            row.addStretch(1)
        row.addWidget(add)
        layout.addLayout(row)
        return box

    # -- the page protocol ------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("设置")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """Settings are not scoped by grid."""

    def wait_idle(self) -> None:
        """Reading runs on the UI thread here: the settings are a few dozen rows."""

    def apply_changes(self, changes: Changes) -> None:
        """Saved elsewhere (another window of this app): shown here unless edits are pending."""
        if changes.settings and not self.unsaved_work():
            self.load()
        if changes.accounts and self.users.allowed:
            self.users.load()

    def unsaved_work(self) -> str:
        if self._saved is None or self._loading or self._pending() == self._saved:
            return ""
        return self.tr("设置：有修改尚未保存。")

    def save_unsaved(self, then: Callable[[], None]) -> bool:
        return self.save(then=then)

    # -- loading and saving -----------------------------------------------------------------
    def load(self) -> None:
        self._loading = True
        self.message.setText("")  # a message about the values shown until now
        snap = self.snapshot = self.gk.settings.snapshot()
        self.categories.fill(snap.categories)
        self.grids.fill(snap.grids, snap.workers, snap.communities)
        self.workers.fill(snap.workers, communities=snap.communities)
        self.mask_box.setChecked(snap.values[MASK_KEY] != "0")
        self.font_edit.setText(snap.values[FONT_KEY])
        self.folder_edit.setText(snap.values[BACKUP_FOLDER_KEY])
        self.interval_box.setValue(int(snap.values[BACKUP_INTERVAL_KEY]))
        self.idle_box.setValue(int(snap.values[IDLE_KEY]))
        self.sample_box.setValue(int(snap.values[SAMPLE_KEY]))
        self.needs.fill(snap)
        self._unmark()
        self._saved = self._pending()
        self._loading = False
        self._set_dirty(False)

    def _pending(self) -> tuple[Any, ...]:
        """Everything a Save would send, to tell whether anything differs from what was loaded."""
        return (self.categories.drafts(), self.grids.drafts(), self.workers.drafts(), self.values(),
                self.needs.categories.drafts())

    def values(self) -> dict[str, str]:
        return {MASK_KEY: "1" if self.mask_box.isChecked() else "0",
                FONT_KEY: self.font_edit.text().strip(),
                BACKUP_FOLDER_KEY: self.folder_edit.text().strip(),
                BACKUP_INTERVAL_KEY: str(self.interval_box.value()),
                IDLE_KEY: str(self.idle_box.value()),
                SAMPLE_KEY: str(self.sample_box.value()), **self.needs.values()}

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save every change in one transaction, off the UI thread; True when started. A bad
        value is shown at its cell and nothing is saved; ``then`` runs once saved."""
        if not self.editable or not self.save_button.isEnabled() or self.saving:
            return False
        self._unmark()
        pending = dict(categories=self.categories.drafts(), grids=self.grids.drafts(),
                       workers=self.workers.drafts(), values=self.values(),
                       need_categories=self.needs.categories.drafts())
        service = self.gk.settings
        self.saving = True
        self.save_button.setEnabled(False)

        def saved(_result: object) -> None:
            self.saving = False
            self.load()
            self.message.setStyleSheet("color: #2e7d32")
            self.message.setText(self.tr("已保存。规则的修改在下一次计算名单时生效。"))
            if then is not None:
                then()

        def refused(error: Exception) -> None:
            self.saving = False
            self._set_dirty(True)  # the edits are kept to be put right
            if isinstance(error, SettingsError):
                self._show_error(error)
                return
            self.message.setStyleSheet("color: #c62828")
            self.message.setText(error_text(error))

        self.context.operations.run(self, lambda: service.save(**pending), Changes(settings=True),
                                    done=saved, failed=refused, label=self.tr("正在保存设置…"))
        return True

    def _show_error(self, error: SettingsError) -> None:
        section, row, column = error.where
        text = error_text(error)
        self.message.setStyleSheet("color: #c62828")
        self.message.setText(text)
        table = {"categories": self.categories, "grids": self.grids, "workers": self.workers,
                 "need_categories": self.needs.categories}.get(section)
        if table is not None and isinstance(row, int):
            self.tabs.setCurrentIndex(0 if table is self.categories else 1)
            if table is self.needs.categories:
                self.tabs.setCurrentWidget(self.needs)
            table.mark(row, table.column_of(column), text)
            return
        widget = self._value_widgets().get(str(row))
        self.tabs.setCurrentWidget(self.needs if widget is not None and self.needs.isAncestorOf(widget)
                                   else self.tabs.widget(2))
        if widget is not None:
            widget.setStyleSheet(f"background: {_ERROR_BACKGROUND}")
            widget.setToolTip(text)
            widget.setFocus()

    def _value_widgets(self) -> dict[str, QWidget]:
        return {MASK_KEY: self.mask_box, FONT_KEY: self.font_edit, BACKUP_FOLDER_KEY: self.folder_edit,
                BACKUP_INTERVAL_KEY: self.interval_box, IDLE_KEY: self.idle_box,
                SAMPLE_KEY: self.sample_box, **self.needs.value_widgets()}

    def _unmark(self) -> None:
        for table in (self.categories, self.grids, self.workers, self.needs.categories):
            table.unmark()
        for widget in self._value_widgets().values():
            widget.setStyleSheet("")
            widget.setToolTip("")

    # -- editing ----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(self._pending() != self._saved)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and self.editable)
        self.revert_button.setEnabled(dirty and self.editable)
        if dirty:
            self.message.setText("")

    def _pick_colour(self, row: int, column: int) -> None:
        if not self.editable or self.categories.columns[column][0] != "colour":
            return
        item = self.categories.item(row, column)
        chosen = QColorDialog.getColor(QColor(item.text()), self, self.tr("选择颜色"))
        if chosen.isValid():
            item.setText(chosen.name().upper())  # painted and marked as a change by itemChanged

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("备份文件夹"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            self._changed()

    def _language_chosen(self) -> None:
        self.context.settings.setValue(LANGUAGE_KEY, self.language_box.currentData())


def _language() -> str:
    from gridkeeper.domain.i18n import language

    return language()


Page = SettingsPage
