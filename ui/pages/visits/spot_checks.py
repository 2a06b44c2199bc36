"""The 抽查回访 tab: a month's reproducible sample of every worker's counted visits as a phone-call
list. The supervisor draws the month's list, shows one number at a time to call (each number
shown is audited), and records what the call found: confirmed, not confirmed (the visit stops
counting) or unreachable. Everything goes through ``gk.spot_checks``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Period, SpotCheckResult
from gridkeeper.domain.i18n import language
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.roles import Permission
from gridkeeper.services.spot_checks import SpotCall
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, method_label
from ui.widgets.household_dialog import act_over_page, open_household
from ui.widgets.household_menu import household_menu
from ui.widgets.permissions import allow, refusal
from ui.widgets.tables import HeaderSort

(WORKER, DAY, HOUSEHOLD, ADDRESS, HEAD, PHONE, RESULT, NOTE, CALLED) = range(9)
MONTHS = 12  # months offered in the picker, this one first
RESULT_COLOURS = {SpotCheckResult.CONFIRMED: "#2e7d32", SpotCheckResult.NOT_CONFIRMED: "#c62828",
                  SpotCheckResult.UNREACHABLE: "#6d4c41"}


class SpotCheckPanel(QWidget):
    household_action = Signal(str, int)  # from the table's context menu: what, household id

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.calls: list[SpotCall] = []
        self.phones: dict[int, str] = {}  # numbers shown in full on request, by spot check
        self.runner = Runner(self)
        self.dialog: QWidget | None = None
        self.month_box = QComboBox()
        month = span_of(Period.MONTH, date.today())
        for _ in range(MONTHS):
            self.month_box.addItem(month.label, month)
            month = month.previous()
        self.draw_button = QPushButton(self.tr("抽取回访名单"))
        allow(self.draw_button, self.gk.actor, Permission.REVIEW_VISIT,
              tooltip=self.tr("为每位工作人员随机抽取已计数的走访（条数见设置），同一月份再次抽取只补足不替换"))
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("月份：")))
        bar.addWidget(self.month_box)
        bar.addWidget(self.draw_button)
        bar.addWidget(self.summary, 1)
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            self.tr("工作人员"), self.tr("走访日期"), self.tr("户编号"), self.tr("住址"), self.tr("户主"),
            self.tr("电话"), self.tr("回访结果"), self.tr("说明"), self.tr("回访时间")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.sorting = HeaderSort(self.table, lambda: self.calls, self._show_calls)
        self.table.setToolTip(self.tr("双击打开该户"))
        self.table.cellDoubleClicked.connect(self.open_household)
        household_menu(self.table, self.gk.actor,
                       lambda index: self.calls[index.row()].household_id if index.row() < len(self.calls)
                       else None, act_over_page(self))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("说明（如：户主确认当天见面）"))
        self.phone_button = QPushButton(self.tr("显示电话"))
        self.buttons = {result: QPushButton(result.label.get(language())) for result in SpotCheckResult}
        actions = QHBoxLayout()
        actions.addWidget(self.phone_button)
        actions.addWidget(self.note_edit, 1)
        for button in self.buttons.values():
            actions.addWidget(button)
        for button in self.buttons.values():
            allow(button, self.gk.actor, Permission.REVIEW_VISIT)
        allow(self.phone_button, self.gk.actor, Permission.REVIEW_VISIT,
              tooltip=self.tr("显示所选一户的完整电话以便拨打；此操作记入审计日志"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.month_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.draw_button.clicked.connect(lambda: self.draw())
        self.phone_button.clicked.connect(lambda: self.show_phone())
        for result, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, r=result: self.record(r))
        self.refresh()

    def month(self) -> Span:
        return self.month_box.currentData()

    def wait_idle(self) -> None:
        self.runner.wait()

    def refresh(self) -> None:
        why = refusal(self.gk.actor, Permission.REVIEW_VISIT)
        if why:  # the list names households and their workers: reviewers only
            self.summary.setText(self.tr("抽查回访由督导或管理员进行。") + why)
            return
        month = self.month()
        self.runner.submit(lambda: self.gk.spot_checks.calls(month), self._arrived,
                           lambda e: self.summary.setText(error_text(e)))

    def _arrived(self, calls: list[SpotCall]) -> None:
        keep = self.selected()
        called = [c for c in calls if c.result]
        confirmed = sum(1 for c in called if c.result == SpotCheckResult.CONFIRMED)
        refuted = sum(1 for c in called if c.result == SpotCheckResult.NOT_CONFIRMED)
        asked = confirmed + refuted
        rate = f"{100 * confirmed / asked:.1f}%" if asked else "—"
        self.summary.setText(
            self.tr("已抽取 %1 条，已回访 %2 条：属实 %3，不属实 %4；核实率 %5")
            .replace("%1", str(len(calls))).replace("%2", str(len(called))).replace("%3", str(confirmed))
            .replace("%4", str(refuted)).replace("%5", rate) if calls else
            self.tr("本月尚未抽取回访名单"))
        self._show_calls(calls)
        self.sorting.resort()
        if keep is not None:
            row = next((i for i, c in enumerate(self.calls) if c.id == keep.id), -1)
            if row >= 0:
                self.table.selectRow(row)

    def _show_calls(self, calls: list[SpotCall]) -> None:
        """The table, row i being ``calls[i]`` (a click on a header sorts them)."""
        self.calls = calls
        lang = language()
        self.table.setRowCount(len(calls))
        for r, c in enumerate(calls):
            result = SpotCheckResult(c.result) if c.result else None
            values = [c.worker, f"{c.visit_date:%Y-%m-%d} {method_label(c.method)}", c.household_code,
                      c.address, c.head, self.phones.get(c.id, c.phone),
                      result.label.get(lang) if result else "", c.note or "",
                      f"{c.called_at:%m-%d %H:%M} {c.called_by or ''}" if c.called_at else ""]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == RESULT and result is not None:
                    item.setForeground(QColor(RESULT_COLOURS[result]))
                self.table.setItem(r, col, item)

    def selected(self) -> SpotCall | None:
        row = self.table.currentRow()
        return self.calls[row] if 0 <= row < len(self.calls) else None

    def draw(self) -> bool:
        """Draw the month's sample (off the UI thread); True when started."""
        if not self.draw_button.isEnabled():
            return False
        month = self.month()
        self.context.operations.run(
            self, lambda: self.gk.spot_checks.draw(month), Changes(visits=True),
            done=self._drawn, failed=lambda e: self.message.setText(error_text(e)),
            label=self.tr("正在抽取回访名单…"))
        return True

    def _drawn(self, count: int) -> None:
        self.message.setText(self.tr("新抽取 %1 条").replace("%1", str(count)))
        self.refresh()

    def show_phone(self) -> None:
        call = self.selected()
        if call is None:
            self.message.setText(self.tr("请先选择一户"))
            return
        check_id = call.id

        def shown(number: str) -> None:
            self.phones[check_id] = number or self.tr("（未登记电话）")
            self._arrived(self.calls)

        # an audited read: it writes the unmasked view to the audit log, so it runs as a write
        self.context.operations.run(self, lambda: self.gk.spot_checks.phone(check_id), done=shown,
                                    failed=lambda e: self.message.setText(error_text(e)))

    def record(self, result: SpotCheckResult) -> bool:
        """Record the selected call's finding (off the UI thread); True when started."""
        call = self.selected()
        if call is None or not self.buttons[result].isEnabled():
            self.message.setText(self.tr("请先选择一户"))
            return False
        note = self.note_edit.text().strip()
        check_id = call.id

        def recorded(_none: object) -> None:
            self.note_edit.clear()
            self.message.setText(self.tr("已记录：%1 %2").replace("%1", call.household_code)
                                 .replace("%2", result.label.get(language())))
            self.refresh()

        self.context.operations.run(
            self, lambda: self.gk.spot_checks.record(check_id, result, note), Changes(visits=True),
            done=recorded, failed=lambda e: self.message.setText(error_text(e)),
            label=self.tr("正在记录回访结果…"))
        return True

    def open_household(self, row: int, _column: int = 0) -> None:
        if 0 <= row < len(self.calls):
            self.dialog = open_household(self.gk, self.calls[row].household_id, self)
