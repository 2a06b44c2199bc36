"""The 设置 page: what can be set today, and plainly marked what still waits for a service.

Shown: the categories with their colours, the grids, the interface language (a QSettings
value the app reads at start), the backup folder. Editing categories and rules, grids and
workers, and the PDF defaults needs write services that do not exist yet: those parts say so
instead of writing to the database from the GUI.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.context import Context
from ui.part2.common import not_available, text_colour

LANGUAGE_KEY = "ui/language"


class SettingsPage(QWidget):
    icon_name = "fa5s.cog"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        categories = QGroupBox(self.tr("管理类别与走访规则"))
        self.categories = QTableWidget(0, 3)
        self.categories.setHorizontalHeaderLabels([self.tr("代码"), self.tr("名称"), self.tr("颜色")])
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.categories.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.categories.verticalHeader().hide()
        chips = self.gk.browse.categories()
        self.categories.setRowCount(len(chips))
        for r, chip in enumerate(chips):
            for c, value in enumerate((chip.code, chip.name_zh, chip.colour)):
                self.categories.setItem(r, c, QTableWidgetItem(value))
            swatch = self.categories.item(r, 2)
            swatch.setBackground(QBrush(QColor(chip.colour)))
            swatch.setForeground(QBrush(QColor(text_colour(chip.colour))))
        box = QVBoxLayout(categories)
        box.addWidget(self.categories)
        box.addWidget(not_available(self.tr("修改类别、颜色、走访频次与派生条件：尚无对应的服务，暂不能在此修改。")))

        grids = QGroupBox(self.tr("网格与网格员"))
        self.grids = QListWidget()
        self.grids.addItems([f"{n.name}（{len(n.buildings)} 栋）" for n in self.gk.browse.tree()])
        box = QVBoxLayout(grids)
        box.addWidget(self.grids)
        box.addWidget(not_available(self.tr("新增、改名网格和分配网格员：尚无对应的服务，暂不能在此修改。")))

        general = QGroupBox(self.tr("界面与备份"))
        form = QFormLayout(general)
        self.language_box = QComboBox()
        self.language_box.addItem("中文", "zh")
        self.language_box.addItem("English", "en")
        current = str(context.settings.value(LANGUAGE_KEY, "zh"))
        self.language_box.setCurrentIndex(max(self.language_box.findData(current), 0))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(self.tr("重新启动后生效"))
        row = QHBoxLayout()
        row.addWidget(self.language_box)
        row.addWidget(self.language_note, 1)
        form.addRow(self.tr("界面语言："), row)
        try:
            folder = str(self.gk.backups.folder)
        except Exception as error:  # e.g. a server database has no backup folder of its own
            folder = str(error)
        self.backup_label = QLabel(folder)
        self.backup_label.setWordWrap(True)
        form.addRow(self.tr("备份文件夹："), self.backup_label)
        form.addRow(not_available(
            self.tr("PDF 选项（默认是否脱敏、字体）与备份文件夹、计划的修改：尚无对应的服务。")))

        layout = QHBoxLayout(self)
        layout.addWidget(categories, 3)
        layout.addWidget(grids, 2)
        layout.addWidget(general, 3)

    def title(self) -> str:
        return self.tr("设置")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """Settings are not scoped by grid."""

    def wait_idle(self) -> None:
        """Nothing runs in the background here."""

    def _language_chosen(self) -> None:
        self.context.settings.setValue(LANGUAGE_KEY, self.language_box.currentData())


Page = SettingsPage
