"""The 民情诉求 page: the needs board with filters (status, channel, category, grid, overdue
against deadline), moving a need through its states with the fields each step requires, and
the three rates (三率) for the chosen period. Everything goes through ``gk.needs``; each step
is an operation (ui/operations.py), so every other page sees the need move."""

from __future__ import annotations

from datetime import date

import qtawesome as qta
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import NeedChannel, NeedStatus, Satisfaction
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import RateCounts
from gridkeeper.domain.roles import Permission
from gridkeeper.services.needs import NeedRow
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, need_status_label
from ui.widgets.permissions import refusal

(NUMBER, STATUS, CHANNEL, CATEGORY, HOUSEHOLD, GRID, RECEIVED, DEADLINE, HANDLER, TEXT) = range(10)
STATUS_COLOURS = {"open": "#c62828", "in_progress": "#ef6c00", "resolved": "#2e7d32",
                  "closed": "#546e7a", "rejected": "#757575"}


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def channel_label(code: str, lang: str) -> str:
    try:
        return NeedChannel(code).label.get(lang)
    except ValueError:
        return code


class NeedsPage(QWidget):
    icon_name = "fa5s.hand-holding-heart"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.rows: list[NeedRow] = []
        self.rates: RateCounts | None = None
        self.runner = Runner(self)
        lang = language()
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部状态"), None)
        for status in NeedStatus:
            self.status_box.addItem(status.label.get(lang), status.value)
        self.channel_box = QComboBox()
        self.channel_box.addItem(self.tr("全部渠道"), None)
        for channel in NeedChannel:
            self.channel_box.addItem(channel.label.get(lang), channel.value)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("全部类别"), None)
        self.category_names = {code: name.get(lang) for code, name in self.gk.needs.categories()}
        for code, name in self.category_names.items():
            self.category_box.addItem(name, code)
        self.grid_box = QComboBox()
        self.grid_box.addItem(self.tr("全部网格"), None)
        for node in self.gk.browse.tree():
            self.grid_box.addItem(node.name, node.id)
        self.overdue_box = QCheckBox(self.tr("仅超期"))
        today = date.today()
        self.from_edit = QDateEdit(today.replace(day=1))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        filters = QHBoxLayout()
        for widget in (self.status_box, self.channel_box, self.category_box, self.grid_box, self.overdue_box):
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("受理期间：")))
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.to_edit)
        filters.addStretch(1)

        self.rates_label = QLabel()
        self.rates_label.setObjectName("rates")
        self.rates_label.setStyleSheet("QLabel#rates { font-size: 14px; padding: 4px; }")
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels([
            self.tr("编号"), self.tr("状态"), self.tr("渠道"), self.tr("类别"), self.tr("住户"),
            self.tr("网格"), self.tr("受理时间"), self.tr("期限"), self.tr("承办人"), self.tr("诉求内容")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.start_button = QPushButton(qta.icon("fa5s.play"), self.tr("受理"))
        self.resolve_button = QPushButton(qta.icon("fa5s.check"), self.tr("办理完成…"))
        self.close_button = QPushButton(qta.icon("fa5s.flag-checkered"), self.tr("办结（满意度）…"))
        self.reject_button = QPushButton(qta.icon("fa5s.ban"), self.tr("不予受理…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.start_button, self.resolve_button, self.close_button, self.reject_button):
            actions.addWidget(button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.rates_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        for box in (self.status_box, self.channel_box, self.category_box, self.grid_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_box.toggled.connect(lambda _c: self.refresh())
        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.to_edit.dateChanged.connect(lambda _d: self.refresh())
        self.table.itemSelectionChanged.connect(self._enable_steps)
        self.start_button.clicked.connect(lambda: self.start())
        self.resolve_button.clicked.connect(lambda: self.resolve())
        self.close_button.clicked.connect(lambda: self.close_need())
        self.reject_button.clicked.connect(lambda: self.reject())
        self.refresh()

    def title(self) -> str:
        return self.tr("民情诉求")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        self.grid_box.setCurrentIndex(max(self.grid_box.findData(grid_id), 0) if grid_id else 0)

    def wait_idle(self) -> None:
        self.runner.wait()

    def apply_changes(self, changes: Changes) -> None:
        if changes.needs or changes.households:
            self.refresh()

    def refresh(self) -> None:
        status, channel = self.status_box.currentData(), self.channel_box.currentData()
        category, grid = self.category_box.currentData(), self.grid_box.currentData()
        overdue = date.today() if self.overdue_box.isChecked() else None
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()

        def work() -> tuple[list[NeedRow], RateCounts]:
            rows = self.gk.needs.list_needs(status=status, channel=channel, category=category, grid_id=grid,
                                            overdue_on=overdue, received_from=start, received_to=end)
            return rows, self.gk.needs.rates(start, end, grid_id=grid)

        self.runner.submit(work, self._arrived, lambda e: self.message.setText(error_text(e)))

    def _arrived(self, result: tuple[list[NeedRow], RateCounts]) -> None:
        self.rows, self.rates = result
        r = self.rates
        self.rates_label.setText(
            self.tr("受理 %1 件 · 及时响应率 %2 · 按期办结率 %3 · 满意率 %4")
            .replace("%1", str(r.received)).replace("%2", rate_text(r.response_rate))
            .replace("%3", rate_text(r.resolution_rate)).replace("%4", rate_text(r.satisfaction_rate)))
        lang = language()
        today = date.today()
        self.table.setRowCount(len(self.rows))
        for i, need in enumerate(self.rows):
            values = [need.number, need_status_label(need.status),
                      channel_label(need.channel, lang),
                      self.category_names.get(need.category, need.category),
                      need.household_code or need.address or "",
                      need.grid or "", f"{need.received_at:%Y-%m-%d %H:%M}",
                      f"{need.deadline:%Y-%m-%d}" if need.deadline else "", need.handler or "",
                      need.description]
            for c, value in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(value))
            status = self.table.item(i, STATUS)
            status.setForeground(QBrush(QColor(STATUS_COLOURS.get(need.status, "#000000"))))
            if need.deadline and need.deadline < today and need.status in ("open", "in_progress"):
                self.table.item(i, DEADLINE).setForeground(QBrush(QColor("#c62828")))
                self.table.item(i, DEADLINE).setToolTip(self.tr("已超期"))
        self._enable_steps()

    # -- moving a need ----------------------------------------------------------------------
    def current(self) -> NeedRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _enable_steps(self) -> None:
        need = self.current()
        status = need.status if need else None
        why = refusal(self.gk.actor, Permission.MANAGE_NEEDS)  # said before anything is typed
        for button, possible in ((self.start_button, status == "open"),
                                 (self.resolve_button, status == "in_progress"),
                                 (self.close_button, status == "resolved"),
                                 (self.reject_button, status in ("open", "in_progress"))):
            button.setEnabled(possible and not why)
            button.setToolTip(why)

    def _step(self, action, *args: object) -> bool:  # noqa: ANN001 - a bound service method
        """One step of the selected need, off the UI thread; True when started."""
        need = self.current()
        if need is None:
            return False

        def done(_result: object) -> None:
            self.message.setText(self.tr("诉求 %1 已更新。").replace("%1", need.number))
            self.refresh()

        self.context.operations.run(
            self, lambda: action(need.id, need.version, *args), Changes(needs=True), done=done,
            failed=lambda error: self.message.setText(error_text(error)),  # in the interface language
            label=self.tr("正在保存诉求…"))
        return True

    def start(self) -> bool:
        if not self.start_button.isEnabled():
            return False
        return self._step(self.gk.needs.start)

    def resolve(self, resolution: str | None = None) -> bool:
        if not self.resolve_button.isEnabled():
            return False
        if resolution is None:
            resolution, ok = QInputDialog.getMultiLineText(
                self, self.tr("办理完成"), self.tr("办理结果（必填）："))
            if not ok:
                return False
        return self._step(self.gk.needs.resolve, resolution)

    def close_need(self, satisfaction: str | None = None) -> bool:
        if not self.close_button.isEnabled():
            return False
        if satisfaction is None:
            labels = [s.label.get(language()) for s in Satisfaction]
            chosen, ok = QInputDialog.getItem(
                self, self.tr("办结"), self.tr("群众满意度："), labels, 0, False)
            if not ok:
                return False
            satisfaction = list(Satisfaction)[labels.index(chosen)].value
        return self._step(self.gk.needs.call_back, satisfaction)

    def reject(self, reason: str | None = None) -> bool:
        if not self.reject_button.isEnabled():
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("不予受理"), self.tr("理由（必填）："))
            if not ok:
                return False
        return self._step(self.gk.needs.reject, reason)

    def select_number(self, number: str) -> bool:
        for i, need in enumerate(self.rows):
            if need.number == number:
                self.table.selectRow(i)
                return True
        return False


Page = NeedsPage
