"""The 登记诉求 dialog of the 本周走访 page: what the resident asked for and, if the visitor
promised to come back, from which day (跟进日期: the household is listed again that week)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)


class NeedDialog(QDialog):
    """Describe a need raised on a visit; optionally set the visit's follow-up date."""

    def __init__(self, household_code: str, visit_day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记诉求"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("居民反映的问题或诉求"))
        self.promise = QCheckBox(self.tr("约定再来跟进"))
        self.when = QDateEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        first = visit_day + timedelta(days=14)
        self.when.setDate(QDate(first.year, first.month, first.day))
        self.when.setMinimumDate(QDate(visit_day.year, visit_day.month, visit_day.day))
        self.when.setEnabled(False)
        self.promise.toggled.connect(self.when.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("%1 户的诉求：").replace("%1", household_code)))
        form.addRow(self.text)
        form.addRow(self.promise, self.when)
        form.addRow(QLabel(self.tr("跟进日期所在的那一周起，该户列入花名册（原因：跟进），直到有一次计入的走访。")))
        form.addRow(buttons)

    def description(self) -> str:
        return self.text.toPlainText().strip()

    def follow_up(self) -> date | None:
        if not self.promise.isChecked():
            return None
        chosen = self.when.date()
        return date(chosen.year(), chosen.month(), chosen.day())
