"""The need intake dialog (登记诉求): a walk-in, a call, a 12345 ticket, a department's
referral, or a need raised from the roster, entered in one form.

The household is found by what the resident gives (address or phone, ``gk.needs.
find_households``) and confirmed by the person taking the need: nothing is linked until
they pick it from the list ("不关联住户" keeps only the address). The deadline follows the
category and channel (the office's settings) until it is changed by hand. The dialog only
collects a :class:`NeedDraft`; the page that opened it records it as an operation.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import NeedChannel
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.needs import HouseholdChoice
from ui.tasks import Runner
from ui.texts import error_text

_HOUSEHOLD_ROLE = Qt.ItemDataRole.UserRole + 1
# channels a person enters here; needs found on a visit come from the roster
INTAKE_CHANNELS = (NeedChannel.WALK_IN, NeedChannel.PHONE, NeedChannel.HOTLINE,
                   NeedChannel.REFERRED, NeedChannel.VISIT)


class NeedIntakeDialog(QDialog):
    """Enter a need; ``household`` (from the roster) fixes the household and the channel."""

    def __init__(self, gk: GridKeeper, parent: QWidget | None = None,
                 household: HouseholdChoice | None = None, description: str = "",
                 visit_day: date | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.fixed = household
        self.finder = Runner(self)  # each its own: a runner delivers only its latest request
        self.proposer = Runner(self)
        self.deadline_touched = False
        self.setWindowTitle(self.tr("登记诉求"))
        lang = language()
        self.channel_box = QComboBox()
        for channel in INTAKE_CHANNELS:
            self.channel_box.addItem(channel.label.get(lang), channel.value)
        self.ticket_edit = QLineEdit()
        self.ticket_edit.setMaxLength(40)
        self.ticket_edit.setPlaceholderText(self.tr("12345 工单号、转办单号（如有）"))
        self.received_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.received_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.person_edit = QLineEdit()
        self.person_edit.setMaxLength(50)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(20)
        self.address_edit = QLineEdit()
        self.address_edit.setMaxLength(200)
        self.address_edit.setPlaceholderText(self.tr("如 阳光小区3号楼2单元501"))
        self.find_button = QPushButton(self.tr("查找住户"))
        self.households = QListWidget()
        self.households.setMaximumHeight(110)
        self.category_box = QComboBox()
        for code, name in gk.needs.categories():
            self.category_box.addItem(name.get(lang), code)
        self.content_edit = QPlainTextEdit(description)
        self.content_edit.setPlaceholderText(self.tr("居民反映的问题和诉求（必填）"))
        self.content_edit.setTabChangesFocus(True)
        self.deadline_edit = QDateEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.deadline_edit.setSpecialValueText(self.tr("不限"))
        self.deadline_edit.setMinimumDate(QDate(2000, 1, 1))
        self.deadline_note = QLabel()
        self.deadline_note.setStyleSheet("color: #666")
        self.handler_box = QComboBox()
        self.handler_box.setEditable(True)
        self.handler_box.addItem("")
        self.handler_box.addItems(gk.needs.workers())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828")
        # on a visit the visitor may promise to come back (跟进日期): from that day's week the
        # household is on the roster again (reason follow_up) until a counting visit
        self.promise = QCheckBox(self.tr("约定再来跟进"))
        self.follow_up_edit = QDateEdit()
        self.follow_up_edit.setCalendarPopup(True)
        self.follow_up_edit.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_edit.setEnabled(False)
        self.promise.toggled.connect(self.follow_up_edit.setEnabled)
        if visit_day is not None:
            first = visit_day + timedelta(days=14)
            self.follow_up_edit.setMinimumDate(QDate(visit_day.year, visit_day.month, visit_day.day))
            self.follow_up_edit.setDate(QDate(first.year, first.month, first.day))

        form = QFormLayout()
        form.addRow(self.tr("来源："), self.channel_box)
        form.addRow(self.tr("工单号："), self.ticket_edit)
        form.addRow(self.tr("受理时间："), self.received_edit)
        form.addRow(self.tr("诉求人："), self.person_edit)
        form.addRow(self.tr("联系电话："), self.phone_edit)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address_edit, 1)
        address_row.addWidget(self.find_button)
        form.addRow(self.tr("地址："), address_row)
        form.addRow(self.tr("住户："), self.households)
        form.addRow(self.tr("类别："), self.category_box)
        form.addRow(self.tr("诉求内容："), self.content_edit)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_edit)
        deadline_row.addWidget(self.deadline_note, 1)
        form.addRow(self.tr("办理时限："), deadline_row)
        form.addRow(self.tr("承办人："), self.handler_box)
        if visit_day is not None:
            follow_up_row = QHBoxLayout()
            follow_up_row.addWidget(self.promise)
            follow_up_row.addWidget(self.follow_up_edit, 1)
            form.addRow(self.tr("跟进："), follow_up_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 640)

        self.find_button.clicked.connect(self.find)
        self.address_edit.returnPressed.connect(self.find)
        self.phone_edit.returnPressed.connect(self.find)
        self.channel_box.currentIndexChanged.connect(lambda _i: self.propose_deadline())
        self.category_box.currentIndexChanged.connect(lambda _i: self.propose_deadline())
        self.received_edit.dateTimeChanged.connect(lambda _d: self.propose_deadline())
        self.deadline_edit.editingFinished.connect(self._deadline_edited)
        if household is not None:
            self._fix(household)
        else:
            self.show_choices([])
        self.propose_deadline()

    # -- the household ----------------------------------------------------------------------
    def _fix(self, household: HouseholdChoice) -> None:
        """From the roster: the household is known, the need was found on the visit."""
        self.channel_box.setCurrentIndex(self.channel_box.findData(NeedChannel.VISIT.value))
        self.address_edit.setText(household.address)
        for widget in (self.channel_box, self.address_edit, self.find_button):
            widget.setEnabled(False)
        self.show_choices([household])  # selected: the household the roster row is
        self.households.setEnabled(False)

    def find(self) -> None:
        """Look the household up by the address and phone given (in the background)."""
        address, phone = self.address_edit.text().strip(), self.phone_edit.text().strip()
        if not address and not phone:
            self.message.setText(self.tr("请先填写地址或电话"))
            return
        self.message.setText("")
        find = self.gk.needs.find_households
        self.finder.submit(lambda: find(address or None, phone or None), self.show_choices,
                           lambda error: self.message.setText(error_text(error)))

    def show_choices(self, choices: list[HouseholdChoice]) -> None:
        self.households.clear()
        none = QListWidgetItem(self.tr("不关联住户（只记地址）"))
        none.setData(_HOUSEHOLD_ROLE, None)
        self.households.addItem(none)
        how = {"address": self.tr("（地址相符）"), "phone": self.tr("（电话相符）")}
        for choice in choices:
            text = (f"{choice.code} · {choice.address} · {choice.head} · {choice.grid}"
                    f"{how.get(choice.how, '')}")
            item = QListWidgetItem(text)
            item.setData(_HOUSEHOLD_ROLE, choice)
            self.households.addItem(item)
        if choices and self.fixed is None:
            self.message.setStyleSheet("color: #1565c0")
            self.message.setText(self.tr("找到 %1 户：请选中并确认是哪一户").replace("%1", str(len(choices))))
        elif self.fixed is None and (self.address_edit.text() or self.phone_edit.text()):
            self.message.setStyleSheet("color: #7a5a00")
            self.message.setText(self.tr("台账中没有找到：将只记地址，可以以后再关联"))
        self.households.setCurrentRow(1 if self.fixed is not None else 0)

    def chosen(self) -> HouseholdChoice | None:
        item = self.households.currentItem()
        return item.data(_HOUSEHOLD_ROLE) if item is not None else None

    # -- the deadline -----------------------------------------------------------------------
    def _deadline_edited(self) -> None:
        self.deadline_touched = True
        self.deadline_note.setText(self.tr("已手动设定"))

    def propose_deadline(self) -> None:
        """The office's default for this category and channel, unless set by hand."""
        if self.deadline_touched:
            return
        category, channel = self.category_box.currentData(), self.channel_box.currentData()
        received = self.received_edit.dateTime().toPython().date()
        default = self.gk.needs.default_deadline
        self.proposer.submit(lambda: default(category, channel, received), self._proposed,
                           lambda error: self.deadline_note.setText(error_text(error)))

    def _proposed(self, day: date | None) -> None:
        if self.deadline_touched:
            return
        if day is None:
            self.deadline_edit.setDate(self.deadline_edit.minimumDate())  # shows 不限
            self.deadline_note.setText(self.tr("本类别和来源没有默认时限"))
        else:
            self.deadline_edit.setDate(QDate(day.year, day.month, day.day))
            self.deadline_note.setText(self.tr("按类别和来源的默认时限（工作日）"))

    def wait_idle(self) -> None:
        self.finder.wait()
        self.proposer.wait()

    # -- the result -------------------------------------------------------------------------
    def draft(self) -> NeedDraft:
        chosen = self.chosen()
        deadline = self.deadline_edit.date()
        received = self.received_edit.dateTime().toPython()
        assert isinstance(received, datetime)
        return NeedDraft(
            description=self.content_edit.toPlainText().strip(),
            category=self.category_box.currentData(),
            channel=NeedChannel(self.channel_box.currentData()),
            household_id=chosen.id if chosen else None,
            address=self.address_edit.text().strip() or None,
            received_at=received.replace(second=0, microsecond=0),
            deadline=None if deadline == self.deadline_edit.minimumDate() else deadline.toPython(),
            handler=self.handler_box.currentText().strip() or None,
            contact_name=self.person_edit.text().strip() or None,
            contact_phone=self.phone_edit.text().strip() or None,
            ticket_no=self.ticket_edit.text().strip() or None,
        )

    def follow_up(self) -> date | None:
        """The day the visitor promised to come back, if they did."""
        if not self.promise.isChecked():
            return None
        return self.follow_up_edit.date().toPython()

    def accept(self) -> None:
        """Say what is missing before anything is recorded (the service checks it again)."""
        self.message.setStyleSheet("color: #c62828")
        if not self.content_edit.toPlainText().strip():
            self.message.setText(self.tr("请填写诉求内容"))
            self.content_edit.setFocus()
            return
        if self.chosen() is None and not self.address_edit.text().strip():
            self.message.setText(self.tr("没有关联住户时请填写地址"))
            self.address_edit.setFocus()
            return
        super().accept()
