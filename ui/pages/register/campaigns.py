"""专项名单: campaign lists (a storm, a heat wave, the heating season). Choose categories and
tags, buildings and floors, save the list under a name, see how many households it holds and
print it as a contact list, stairwell by stairwell (full phones only for those allowed to see
them; every print is audited)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import Permission
from gridkeeper.services.campaigns import CampaignDraft
from gridkeeper.services.facade import GridKeeper
from ui.operations import Changes, Operations
from ui.tasks import Runner
from ui.texts import error_text

ANY_FLOOR = 0  # the spin boxes' "no limit"


class CampaignDialog(QDialog):
    def __init__(self, gk: GridKeeper, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.operations = operations
        self.runner = Runner(self)
        self.setWindowTitle(self.tr("专项名单"))
        self.resize(720, 560)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItem("")
        self.name.addItems([d.name for d in gk.campaigns.lists()])
        self.categories = QListWidget()
        for chip in gk.browse.categories():
            item = QListWidgetItem(chip.name_zh if language() == "zh" else chip.name_en)
            item.setData(Qt.ItemDataRole.UserRole, chip.code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        self.buildings = QListWidget()
        for node in gk.browse.tree():
            for building in node.buildings:
                item = QListWidgetItem(f"{node.name} · {building.label}")
                item.setData(Qt.ItemDataRole.UserRole, building.id)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.buildings.addItem(item)
        self.floor_from = QSpinBox()
        self.floor_to = QSpinBox()
        for box in (self.floor_from, self.floor_to):
            box.setRange(ANY_FLOOR, 200)
            box.setSpecialValueText(self.tr("不限"))
        self.full = QCheckBox(self.tr("打印完整电话（记入审计日志）"))
        self.full.setVisible(gk.actor.can(Permission.UNMASK))
        self.count = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        save = QPushButton(self.tr("保存名单"))
        save.setEnabled(gk.actor.can(Permission.EDIT_REGISTER))
        preview = QPushButton(self.tr("统计户数"))
        self.print_button = QPushButton(self.tr("打印联系名单…"))
        self.print_button.setEnabled(gk.actor.can(Permission.PRINT))
        close = QPushButton(self.tr("关闭"))
        floors = QHBoxLayout()
        floors.addWidget(self.floor_from)
        floors.addWidget(QLabel(self.tr("至")))
        floors.addWidget(self.floor_to)
        floors.addWidget(QLabel(self.tr("层")))
        floors.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("名单名称"), self.name)
        form.addRow(self.tr("楼层"), floors)
        lists = QHBoxLayout()
        for title, widget in ((self.tr("人员类别（任一）"), self.categories),
                              (self.tr("楼栋（不选 = 全部）"), self.buildings)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget)
            lists.addLayout(column)
        buttons = QHBoxLayout()
        for button in (save, preview, self.print_button):
            buttons.addWidget(button)
        buttons.addWidget(self.full)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.name.currentTextChanged.connect(self._chosen)
        save.clicked.connect(self.save)
        preview.clicked.connect(self.preview)
        self.print_button.clicked.connect(lambda: self.print_list())
        close.clicked.connect(self.accept)

    def draft(self) -> CampaignDraft:
        def checked(widget: QListWidget) -> tuple:
            return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                         if widget.item(i).checkState() == Qt.CheckState.Checked)

        low, high = self.floor_from.value(), self.floor_to.value()
        return CampaignDraft(self.name.currentText().strip(), checked(self.categories),
                             checked(self.buildings), low or None, high or None)

    def _chosen(self, name: str) -> None:
        """A saved list picked: its choices shown."""
        saved = next((d for d in self.gk.campaigns.lists() if d.name == name), None)
        if saved is None:
            return
        for widget, wanted in ((self.categories, set(saved.categories)),
                               (self.buildings, set(saved.buildings))):
            for i in range(widget.count()):
                item = widget.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.floor_from.setValue(saved.floor_from or ANY_FLOOR)
        self.floor_to.setValue(saved.floor_to or ANY_FLOOR)

    def save(self) -> bool:
        draft = self.draft()
        self.message.clear()

        def saved(_id: int) -> None:
            if self.name.findText(draft.name) < 0:
                self.name.addItem(draft.name)
            self.count.setText(self.tr("名单“%1”已保存").replace("%1", draft.name))

        self.operations.run(self, lambda: self.gk.campaigns.save(draft), Changes(), done=saved,
                            failed=lambda e: self.message.setText(error_text(e)),
                            label=self.tr("正在保存名单…"))
        return True

    def preview(self) -> None:
        draft = self.draft()
        self.message.clear()
        self.runner.submit(lambda: self.gk.campaigns.contact_list(draft),
                           lambda found: self.count.setText(
                               self.tr("符合条件：%1 户").replace("%1", str(found.households))),
                           lambda e: self.message.setText(error_text(e)))

    def print_list(self, target: str | None = None) -> bool:
        draft = self.draft()
        if not draft.name:
            self.message.setText(self.tr("请先填写名单名称"))
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("打印联系名单"), f"{draft.name}-{date.today():%Y%m%d}.pdf", "PDF (*.pdf)")
            if not target:
                return False
        unmasked = self.full.isChecked()
        print_list = self.gk.campaigns.print_list
        self.operations.run(
            self, lambda: print_list(draft, Path(target), unmasked=unmasked), Changes(),
            done=lambda printed: self.count.setText(
                self.tr("已打印 %1 户，%2 页：%3").replace("%1", str(printed.households))
                .replace("%2", str(printed.pages)).replace("%3", str(printed.path))),
            failed=lambda e: self.message.setText(error_text(e)), label=self.tr("正在打印名单…"))
        return True
