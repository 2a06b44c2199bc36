"""The 审计日志 page: who changed, printed, exported or looked at what, and what was refused.

For supervisors and administrators (``Permission.VIEW_AUDIT``, checked by the service): filter
by user, action, table, dates and text, see a line's before and after, export the matching
lines to CSV (the export is itself logged). Nothing here can change the log; the database
refuses that too. Others see a plain line saying the log is not theirs to read.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.roles import Permission
from gridkeeper.services.audit_browser import AuditFilter, AuditLine, AuditLogService
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.permissions import refusal
from ui.widgets.tables import HeaderSort, compact, fit_columns

SHOWN = 500
ACTIONS = ("insert", "update", "delete", "status", "print", "export", "unmask", "refused", "login",
           "import")


class AuditPage(QWidget):
    icon_name = "fa5s.history"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.service = AuditLogService(self.gk.db, self.gk.actor)
        self.allowed = self.gk.actor.can(Permission.VIEW_AUDIT)
        self.lines: list[AuditLine] = []
        self.runner = Runner(self)

        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("用户名"))
        self.action_box = QComboBox()
        self.action_box.addItem(self.tr("全部操作"), None)
        for action in ACTIONS:
            self.action_box.addItem(action, action)
        self.table_edit = QLineEdit()
        self.table_edit.setPlaceholderText(self.tr("表（如 household）"))
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("内容包含…"))
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-30))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出 CSV…"))
        # the dates on a line of their own: the text boxes keep room for what is typed in them
        # on a 1024-pixel screen
        bar = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        bar.addLayout(first)
        bar.addLayout(second)
        for widget in (self.user_edit, self.action_box, self.table_edit, self.text_edit):
            first.addWidget(widget)
        first.setStretchFactor(self.table_edit, 1)
        first.setStretchFactor(self.text_edit, 2)
        second.addWidget(QLabel(self.tr("日期：")))
        second.addWidget(self.from_edit)
        second.addWidget(QLabel("—"))
        second.addWidget(self.to_edit)
        second.addWidget(self.search_button)
        second.addStretch(1)
        second.addWidget(self.export_button)

        self.summary = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作人"), self.tr("操作"),
                                              self.tr("表"), self.tr("行"), self.tr("说明")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_columns(self.table, 5)
        self.sorting = HeaderSort(self.table, lambda: self.lines, self._show_lines)
        compact(self.action_box, letters=6)
        self.table.verticalHeader().hide()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([900, 350])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.search_button.clicked.connect(self.refresh)
        self.text_edit.returnPressed.connect(self.refresh)
        self.user_edit.returnPressed.connect(self.refresh)
        self.export_button.clicked.connect(lambda: self.export())
        self.table.currentCellChanged.connect(lambda row, *_: self._show_line(row))
        why = refusal(self.gk.actor, Permission.VIEW_AUDIT)
        for widget in (self.user_edit, self.action_box, self.table_edit, self.text_edit,
                       self.from_edit, self.to_edit, self.search_button, self.export_button):
            widget.setEnabled(self.allowed)
            widget.setToolTip(why)
        if self.allowed:
            self.refresh()
        else:
            # a community's supervisor holds the role but not the whole register's log
            self.summary.setText(why if self.gk.actor.community_id is not None
                                 else self.tr("审计日志仅供督导和管理员查看。"))

    # -- the page protocol ------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("审计日志")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """The log is not scoped by grid."""

    def wait_idle(self) -> None:
        self.runner.wait()

    def apply_changes(self, changes: Changes) -> None:
        """Every write is logged: the lines again."""
        if self.allowed:
            self.refresh()

    # -- reading ----------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        start = datetime.combine(self.from_edit.date().toPython(), time())
        end = datetime.combine(self.to_edit.date().toPython(), time()) + timedelta(days=1)
        return AuditFilter(since=start, until=end, username=self.user_edit.text().strip() or None,
                           action=self.action_box.currentData(),
                           table=self.table_edit.text().strip() or None,
                           text=self.text_edit.text().strip() or None)

    def refresh(self) -> None:
        wanted = self.current_filter()
        service = self.service
        self.runner.submit(lambda: (service.count(wanted), service.browse(wanted, limit=SHOWN)),
                           self._arrived, lambda e: self.summary.setText(error_text(e)))

    def _arrived(self, result: tuple[int, list[AuditLine]]) -> None:
        total, self.lines = result
        self.summary.setText(self.tr("共 %n 条", "", total) + (
            self.tr("（显示最新 %1 条）").replace("%1", str(SHOWN)) if total > SHOWN else ""))
        self._fill()
        self.sorting.resort()

    def _show_lines(self, lines: list[AuditLine]) -> None:
        self.lines = lines
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            values = [f"{line.at:%Y-%m-%d %H:%M:%S}", line.username, line.action, line.table or "",
                      "" if line.row_id is None else str(line.row_id), line.detail or ""]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.detail.clear()

    def _show_line(self, row: int) -> None:
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        parts = [line.detail or ""]
        for title, values in ((self.tr("修改前"), line.before), (self.tr("修改后"), line.after)):
            if values is not None:
                parts.append(f"{title}:\n{json.dumps(values, ensure_ascii=False, indent=1)}")
        self.detail.setPlainText("\n\n".join(p for p in parts if p))

    def export(self, target: str | None = None) -> bool:
        """The matching lines as CSV, off the UI thread (the export is itself logged); True when
        started."""
        if not self.allowed:
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("导出审计日志"), "审计日志.csv",
                                                    "CSV (*.csv)")
            if not target:
                return False
        from pathlib import Path

        service, wanted = self.service, self.current_filter()

        def exported(written: int) -> None:
            self.exported = written
            self.summary.setText(self.tr("已导出 %n 条：%2", "", written)
                                 .replace("%2", str(target)))
            self.refresh()  # the export's own line

        def refused(error: Exception) -> None:
            self.summary.setText(self.tr("导出失败：%1").replace("%1", error_text(error)))

        self.context.operations.run(self, lambda: service.export_csv(Path(target), wanted), done=exported,
                                    failed=refused, label=self.tr("正在导出…"))
        return True


Page = AuditPage
