"""The small dialogs of a need's steps: a text with a label (a reason, a note, a result), a
name from a list or typed (handler, helper, department), the callback (回访) with the
resident's rating, and a new callback day with the reason. Each returns the values or None
when cancelled; the page records them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Satisfaction
from gridkeeper.domain.i18n import language


class StepDialog(QDialog):
    """A dialog of one step: a note of what it does, the fields, OK and Cancel. OK stays
    disabled until the required text is there."""

    def __init__(self, parent: QWidget | None, title: str, note: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.resize(460, 260)

    def require(self, ready: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


def ask_text(parent: QWidget | None, title: str, note: str, label: str, text: str = "") -> str | None:
    """A required text (a reason, a note, a result); None when cancelled."""
    dialog = StepDialog(parent, title, note)
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    dialog.form.addRow(label, edit)
    edit.textChanged.connect(lambda: dialog.require(bool(edit.toPlainText().strip())))
    dialog.require(bool(text.strip()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.toPlainText().strip()


def ask_name(parent: QWidget | None, title: str, note: str, label: str, names: list[str],
             current: str = "", second: str | None = None) -> tuple[str, str] | None:
    """A name picked from ``names`` or typed (a worker, a department), and with ``second`` an
    optional text under it; None when cancelled."""
    dialog = StepDialog(parent, title, note)
    box = QComboBox()
    box.setEditable(True)
    box.addItems(names)
    box.setCurrentText(current)
    dialog.form.addRow(label, box)
    extra = QPlainTextEdit()
    extra.setTabChangesFocus(True)
    if second is not None:
        dialog.form.addRow(second, extra)
    box.editTextChanged.connect(lambda text: dialog.require(bool(text.strip())))
    dialog.require(bool(current.strip()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return box.currentText().strip(), extra.toPlainText().strip()


def _day_edit(day: date) -> QDateEdit:
    """A day from today on, picked from a calendar."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate.currentDate())
    return edit


def ask_resolution(parent: QWidget | None, callback_due: date) -> tuple[str, date] | None:
    """The 处理结果 and the day to call the resident back; None when cancelled."""
    dialog = StepDialog(parent, QCoreApplication.translate("StepDialog", "办理完成"),
                        QCoreApplication.translate(
                            "StepDialog", "写明处理结果；解决后按时回访居民，满意即办结，不满意则重新办理。"))
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    due = _day_edit(callback_due)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "处理结果："), edit)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "回访日期："), due)
    edit.textChanged.connect(lambda: dialog.require(bool(edit.toPlainText().strip())))
    dialog.require(False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.toPlainText().strip(), due.date().toPython()


def ask_callback(parent: QWidget | None) -> tuple[Satisfaction, str] | None:
    """The resident's rating at the callback and what they said; None when cancelled."""
    dialog = StepDialog(parent, QCoreApplication.translate("StepDialog", "回访"),
                        QCoreApplication.translate(
                            "StepDialog", "满意或基本满意即办结；不满意则重新办理（重新计入解决情况）。"))
    group = QButtonGroup(dialog)
    lang = language()
    row = QVBoxLayout()
    for i, rating in enumerate(Satisfaction):
        button = QRadioButton(rating.label.get(lang))
        group.addButton(button, i)
        row.addWidget(button)
    holder = QWidget()
    holder.setLayout(row)
    comment = QPlainTextEdit()
    comment.setTabChangesFocus(True)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "居民评价："), holder)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "回访记录："), comment)
    group.idClicked.connect(lambda _i: dialog.require(True))
    dialog.require(False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return list(Satisfaction)[group.checkedId()], comment.toPlainText().strip()



def ask_callback_day(parent: QWidget | None, current: date | None) -> tuple[date, str] | None:
    """A new day to call the resident back and why; None when cancelled."""
    dialog = StepDialog(parent, QCoreApplication.translate("StepDialog", "改回访日期"),
                        QCoreApplication.translate(
                            "StepDialog", "居民不便接听或外出时改期回访；新日期和理由记入办理过程。"))
    due = _day_edit(max(current or date.today(), date.today()))
    reason = QPlainTextEdit()
    reason.setTabChangesFocus(True)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "回访日期："), due)
    dialog.form.addRow(QCoreApplication.translate("StepDialog", "改期理由："), reason)

    def check() -> None:
        dialog.require(bool(reason.toPlainText().strip()) and due.date().toPython() != current)

    reason.textChanged.connect(check)
    due.dateChanged.connect(lambda _d: check())
    check()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return due.date().toPython(), reason.toPlainText().strip()
