"""The 设置 page: categories and their visit rules, grids and workers, the office's PDF and
backup options, this PC's interface language, and the user accounts (ui/part2/users.py).

Everything but the language belongs to the office and is kept in the database by
gridkeeper/services/settings.py: one Save writes every change in one transaction (audited),
and a bad value comes back naming its section, row and column, which is selected here with
the message. Only an administrator may change them; others see them read-only. The language
is this PC's choice (QSettings), used from the next start.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Period
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.roles import Permission
from gridkeeper.services.settings import (
    BACKUP_FOLDER_KEY,
    BACKUP_INTERVAL_KEY,
    FONT_KEY,
    IDLE_KEY,
    MASK_KEY,
    CategoryDraft,
    GridDraft,
    SettingsError,
    SettingsSnapshot,
    WorkerDraft,
)
from ui.context import Context
from ui.part2.common import text_colour
from ui.texts import error_text

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
    ("threshold_age", QT_TRANSLATE_NOOP("SettingsPage", "年龄条件")),
    ("aliases", QT_TRANSLATE_NOOP("SettingsPage", "别名")),
    ("active", QT_TRANSLATE_NOOP("SettingsPage", "启用")),
)
GRID_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SettingsPage", "网格名称")),
    ("leader_id", QT_TRANSLATE_NOOP("SettingsPage", "网格长")),
    ("sort_order", QT_TRANSLATE_NOOP("SettingsPage", "顺序")),
)
WORKER_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SettingsPage", "姓名")),
    ("phone", QT_TRANSLATE_NOOP("SettingsPage", "电话")),
    ("active", QT_TRANSLATE_NOOP("SettingsPage", "在岗")),
)
_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1


class DraftTable(QTableWidget):
    """Rows of drafts (categories, grids or workers) edited in place; ``drafts()`` reads the
    edited values back into drafts of the same kind."""

    def __init__(self, columns: tuple[tuple[str, str], ...], factory: type) -> None:
        super().__init__(0, len(columns))
        self.columns = columns
        self.factory = factory
        self.workers: list[WorkerDraft] = []
        self.setHorizontalHeaderLabels([_t("SettingsPage", title) for _attr, title in columns])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the free-text column takes the room left: aliases of a category, a grid's or worker's name
        wide = "aliases" if any(a == "aliases" for a, _t in columns) else "name"
        header.setSectionResizeMode(self.column_of(wide), QHeaderView.ResizeMode.Stretch)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemChanged.connect(self._repaint)

    def _repaint(self, item: QTableWidgetItem) -> None:
        if self.columns[item.column()][0] == "colour":
            self.blockSignals(True)  # painting is not an edit
            self.paint_colour(item)
            self.blockSignals(False)

    def column_of(self, attr: str) -> int:
        return next(i for i, (a, _t) in enumerate(self.columns) if a == attr)

    def fill(self, drafts: tuple[Any, ...], workers: tuple[WorkerDraft, ...] = ()) -> None:
        self.workers = list(workers)
        self.setRowCount(0)
        for draft in drafts:
            self.add(draft)

    def add(self, draft: Any) -> None:
        r = self.rowCount()
        self.insertRow(r)
        for c, (attr, _title) in enumerate(self.columns):
            value = getattr(draft, attr)
            if attr == "active":
                item = QTableWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            elif attr == "period":
                box = QComboBox()
                for period in Period:
                    box.addItem(period.label.get(_language()), period.value)
                box.setCurrentIndex(max(box.findData(value), 0))
                self.setCellWidget(r, c, box)
                item = QTableWidgetItem()
            elif attr == "leader_id":
                box = QComboBox()
                box.addItem("—", None)
                for worker in self.workers:
                    box.addItem(worker.name, worker.id)
                box.setCurrentIndex(max(box.findData(value), 0))
                self.setCellWidget(r, c, box)
                item = QTableWidgetItem()
            else:
                item = QTableWidgetItem("" if value is None else str(value))
            if attr == "code" and draft.id is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)  # rosters refer to it
            if attr == "colour":
                self.paint_colour(item)
            self.setItem(r, c, item)
        self.item(r, 0).setData(_DRAFT_ROLE, draft)

    @staticmethod
    def paint_colour(item: QTableWidgetItem) -> None:
        colour = QColor(item.text())
        if colour.isValid():
            item.setBackground(QBrush(colour))
            item.setForeground(QBrush(QColor(text_colour(colour.name()))))

    def drafts(self) -> list[Any]:
        found = []
        for r in range(self.rowCount()):
            draft = self.item(r, 0).data(_DRAFT_ROLE)
            changes: dict[str, Any] = {}
            types = {f.name: f.type for f in fields(draft)}
            for c, (attr, _title) in enumerate(self.columns):
                widget = self.cellWidget(r, c)
                if isinstance(widget, QComboBox):
                    changes[attr] = widget.currentData()
                    continue
                item = self.item(r, c)
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

        self.categories = DraftTable(CATEGORY_COLUMNS, CategoryDraft)
        self.categories.cellDoubleClicked.connect(self._pick_colour)
        self.categories.itemChanged.connect(self._changed)
        new_category = QPushButton(self.tr("新增类别"))
        new_category.clicked.connect(lambda: self.categories.add(CategoryDraft(
            code="", name_zh="", name_en="", colour="#607D8B", kind="manual", visits=1,
            period="quarter", sort_order=self.categories.rowCount())))
        self.grids = DraftTable(GRID_COLUMNS, GridDraft)
        self.workers = DraftTable(WORKER_COLUMNS, WorkerDraft)
        new_grid = QPushButton(self.tr("新增网格"))
        new_grid.clicked.connect(lambda: self.grids.add(GridDraft(name="", sort_order=self.grids.rowCount())))
        new_worker = QPushButton(self.tr("新增工作人员"))
        new_worker.clicked.connect(lambda: self.workers.add(WorkerDraft(name="")))
        for table in (self.grids, self.workers):
            table.itemChanged.connect(self._changed)

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
        for signal in (self.mask_box.toggled, self.font_edit.textEdited, self.folder_edit.textEdited,
                       self.interval_box.valueChanged, self.idle_box.valueChanged):
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
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setVisible(not self.editable)

        tabs = QTabWidget()
        tabs.addTab(self._section(self.categories, new_category, self.tr(
            "双击颜色格选择颜色；计数方式填 home、door、phone、video（可多个，用逗号分隔）；"
            "年龄条件只用于自动推算的类别（高龄、独居、空巢）。")), self.tr("管理类别与走访规则"))
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
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_box)
        language_row.addWidget(QLabel(self.tr("本机设置，重新启动后生效")), 1)
        form.addRow(self.tr("界面语言："), language_row)
        tabs.addTab(office, self.tr("打印、备份与语言"))
        from ui.part2.users import UsersPanel

        self.users = UsersPanel(self.gk)
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
        for widget in (self.categories, self.grids, self.workers):
            if not self.editable:
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for widget in (new_category, new_grid, new_worker, self.mask_box, self.font_edit,
                       self.folder_edit, choose, self.interval_box, self.idle_box):
            widget.setEnabled(self.editable)
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
        """Nothing runs in the background here: the settings are a few dozen rows."""

    # -- loading and saving -----------------------------------------------------------------
    def load(self) -> None:
        self._loading = True
        snap = self.snapshot = self.gk.settings.snapshot()
        self.categories.fill(snap.categories)
        self.grids.fill(snap.grids, snap.workers)
        self.workers.fill(snap.workers)
        self.mask_box.setChecked(snap.values[MASK_KEY] != "0")
        self.font_edit.setText(snap.values[FONT_KEY])
        self.folder_edit.setText(snap.values[BACKUP_FOLDER_KEY])
        self.interval_box.setValue(int(snap.values[BACKUP_INTERVAL_KEY]))
        self.idle_box.setValue(int(snap.values[IDLE_KEY]))
        for table in (self.categories, self.grids):
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    box = table.cellWidget(r, c)
                    if isinstance(box, QComboBox):
                        box.currentIndexChanged.connect(self._changed)
        self._loading = False
        self._set_dirty(False)

    def values(self) -> dict[str, str]:
        return {MASK_KEY: "1" if self.mask_box.isChecked() else "0",
                FONT_KEY: self.font_edit.text().strip(),
                BACKUP_FOLDER_KEY: self.folder_edit.text().strip(),
                BACKUP_INTERVAL_KEY: str(self.interval_box.value()),
                IDLE_KEY: str(self.idle_box.value())}

    def save(self) -> bool:
        if not self.editable or not self.save_button.isEnabled():
            return False
        try:
            self.gk.settings.save(categories=self.categories.drafts(), grids=self.grids.drafts(),
                                  workers=self.workers.drafts(), values=self.values())
        except SettingsError as error:
            self._show_error(error)
            return False
        except GridKeeperError as error:
            self.message.setStyleSheet("color: #c62828")
            self.message.setText(error_text(error))
            return False
        self.load()
        self.message.setStyleSheet("color: #2e7d32")
        self.message.setText(self.tr("已保存。规则的修改在下一次计算名单时生效。"))
        return True

    def _show_error(self, error: SettingsError) -> None:
        section, row, column = error.where
        self.message.setStyleSheet("color: #c62828")
        self.message.setText(error_text(error))
        table = {"categories": self.categories, "grids": self.grids, "workers": self.workers}.get(section)
        if table is not None and isinstance(row, int):
            self.tabs.setCurrentIndex(0 if table is self.categories else 1)
            table.setCurrentCell(row, table.column_of(column))
            table.setFocus()
        else:
            self.tabs.setCurrentIndex(2)

    # -- editing ----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not getattr(self, "_loading", True):
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and self.editable)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.message.setText("")

    def _pick_colour(self, row: int, column: int) -> None:
        if not self.editable or self.categories.columns[column][0] != "colour":
            return
        item = self.categories.item(row, column)
        chosen = QColorDialog.getColor(QColor(item.text()), self, self.tr("选择颜色"))
        if chosen.isValid():
            item.setText(chosen.name().upper())
            DraftTable.paint_colour(item)

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
