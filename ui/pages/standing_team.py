"""A building's standing team (组团式服务) and its lift, as the office keeps them: 楼门长,
民情联络员, 社区民警, 志愿者 and 党员 for the whole building or one stairwell (单元), with their
phones. What is entered here heads the printed roster's stairwells, the building chart and the
household details, and a visit's team is picked from it.

Phones show masked; a phone left as shown keeps the number on record, a number typed over it
replaces it. Saving replaces the building's contacts in one audited step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import ContactRole
from gridkeeper.domain.i18n import language
from gridkeeper.services.browse import BuildingInfo
from gridkeeper.services.contacts import Contact, ContactDraft
from gridkeeper.services.facade import GridKeeper
from ui.operations import Changes, Operations
from ui.texts import error_text
from ui.widgets.tables import HeaderSort

UNIT, ROLE, NAME, PHONE = range(4)
LIFT_CHOICES = (None, True, False)  # the lift box's items in order
SHOWN = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class TypedContact:
    """A row as it stands, typed changes included: what a click on a header moves."""

    unit: int | None
    role: str
    name: str
    phone: str
    shown: str  # the phone as it was shown (masked)


class StandingTeamDialog(QDialog):
    def __init__(self, gk: GridKeeper, operations: Operations, building: BuildingInfo,
                 contacts: list[Contact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.operations = operations
        self.building = building
        self.setWindowTitle(self.tr("楼门联系人与电梯"))
        named = building.number.endswith(("号", "栋", "幢", "楼"))
        place = f"{building.estate} {building.number}" if named else \
            self.tr("%1 %2号楼").replace("%1", building.estate).replace("%2", building.number)
        self.lift = QComboBox()
        for text in (self.tr("未登记"), self.tr("有电梯"), self.tr("无电梯")):
            self.lift.addItem(text)
        self.lift.setCurrentIndex(LIFT_CHOICES.index(building.has_lift))
        self.lift.setToolTip(self.tr("无电梯楼栋四层及以上的老人列为“悬空老人”"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("单元"), self.tr("角色"), self.tr("姓名"),
                                              self.tr("电话")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for contact in contacts:
            self.add_row(contact)
        roles = [role.value for role in ContactRole]
        self.sorting = HeaderSort(self.table, self.typed, self._put, keys={
            UNIT: lambda row: (row.unit is not None, row.unit or 0),  # the whole building first
            ROLE: lambda row: roles.index(row.role) if row.role in roles else len(roles)})
        add = QPushButton(self.tr("添加联系人"))
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(self.tr("删除所选"))
        remove.clicked.connect(self.remove_selected)
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("电梯：")))
        tools.addWidget(self.lift)
        tools.addStretch(1)
        tools.addWidget(add)
        tools.addWidget(remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        about = QLabel(self.tr("%1（%2）：整栋的联系人印在每个单元，单元的联系人只印在该单元。"
                               "电话显示为部分隐藏；不改动即保留原号码，输入新号码则替换。")
                       .replace("%1", place).replace("%2", building.grid))
        about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def typed(self) -> list[TypedContact]:
        rows = []
        for row in range(self.table.rowCount()):
            name, phone = self.table.item(row, NAME), self.table.item(row, PHONE)
            rows.append(TypedContact(self.table.cellWidget(row, UNIT).currentData(),
                                     self.table.cellWidget(row, ROLE).currentData(),
                                     name.text() if name else "", phone.text() if phone else "",
                                     (phone.data(SHOWN) or "") if phone else ""))
        return rows

    def _put(self, rows: list[TypedContact]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(Contact(self.building.id, row.unit, row.name, row.role, row.phone), shown=row.shown)

    def add_row(self, contact: Contact | None = None, shown: str | None = None) -> int:
        """A row for ``contact`` (an empty one to type in when None); ``shown``: the phone as it
        was first shown, when the row's phone has been typed over since."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        unit = QComboBox()
        unit.addItem(self.tr("整栋"), None)
        for number in range(1, max(self.building.units or 0, contact.unit or 0 if contact else 0, 1) + 1):
            unit.addItem(self.tr("%1单元").replace("%1", str(number)), number)
        if contact is not None:
            unit.setCurrentIndex(max(unit.findData(contact.unit), 0))
        role = QComboBox()
        for each in ContactRole:
            role.addItem(each.label.get(language()), each.value)
        if contact is not None:
            role.setCurrentIndex(max(role.findData(contact.role), 0))
        self.table.setCellWidget(row, UNIT, unit)
        self.table.setCellWidget(row, ROLE, role)
        self.table.setItem(row, NAME, QTableWidgetItem(contact.name if contact else ""))
        phone = (contact.phone or "") if contact else ""
        item = QTableWidgetItem(phone)
        # the masked phone as shown: left so, the number stays
        item.setData(SHOWN, phone if shown is None else shown)
        self.table.setItem(row, PHONE, item)
        if contact is None:
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(self.table.item(row, NAME))
        return row

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def drafts(self) -> list[ContactDraft]:
        """The table as contacts to save; rows without a name are left out."""
        found = []
        for row in range(self.table.rowCount()):
            name = (self.table.item(row, NAME).text() if self.table.item(row, NAME) else "").strip()
            if not name:
                continue
            item = self.table.item(row, PHONE)
            typed = item.text().strip() if item else ""
            # a phone left as it was shown (masked) keeps the number on record
            phone = None if not typed or (item and item.data(SHOWN) == typed) else typed
            found.append(ContactDraft(name=name, role=self.table.cellWidget(row, ROLE).currentData(),
                                      unit=self.table.cellWidget(row, UNIT).currentData(), phone=phone))
        return found

    def save(self) -> bool:
        """Save the lift and the contacts off the UI thread; True when started."""
        building_id, has_lift = self.building.id, LIFT_CHOICES[self.lift.currentIndex()]
        drafts = self.drafts()
        contacts = self.gk.contacts
        changed_lift = has_lift != self.building.has_lift

        def work() -> list[Contact]:
            saved = contacts.set_contacts(building_id, drafts)  # refused as a whole: nothing saved
            if changed_lift:
                contacts.set_lift(building_id, has_lift)
            return saved

        self.message.clear()
        self.operations.run(self, work, Changes(households=True), done=lambda _saved: self.accept(),
                            failed=lambda e: self.message.setText(error_text(e)),
                            label=self.tr("正在保存…"))
        return True
