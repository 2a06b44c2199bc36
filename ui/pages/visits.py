"""The 走访记录 page: visits filtered by period, grid, worker, outcome and method; opening a
visit shows its details, its history (the audit log) and the supervisor's review comment.
Everything goes through ``gk.visits``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import language
from gridkeeper.services.visits import VisitRow
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, method_label, outcome_label
from ui.widgets.household_menu import household_menu
from ui.widgets.tables import HeaderSort, compact, fit_columns

(DAY, HOUSEHOLD, GRID, METHOD, OUTCOME, TEAM, REVIEWED, NOTES) = range(8)
LIMIT = 1000


def esc(text: object) -> str:
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class VisitsPage(QWidget):
    icon_name = "fa5s.walking"
    household_action = Signal(str, int)  # from the table's context menu: what, household id

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.rows: list[VisitRow] = []
        self.runner = Runner(self)
        self.detail_runner = Runner(self)
        today = date.today()
        self.from_edit = QDateEdit(today.replace(day=1))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        lang = language()
        self.grid_box = QComboBox()
        self.grid_box.addItem(self.tr("全部网格"), None)
        for node in self.gk.browse.tree():
            self.grid_box.addItem(node.name, node.id)
        self.worker_edit = QLineEdit()
        self.worker_edit.setPlaceholderText(self.tr("走访人"))
        self.worker_edit.setMaximumWidth(120)
        self.outcome_box = QComboBox()
        self.outcome_box.addItem(self.tr("全部结果"), None)
        for outcome in VisitOutcome:
            self.outcome_box.addItem(outcome.label.get(lang), outcome.value)
        self.method_box = QComboBox()
        self.method_box.addItem(self.tr("全部方式"), None)
        for method in VisitMethod:
            self.method_box.addItem(method.label.get(lang), method.value)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("日期：")))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.to_edit)
        for widget in (self.grid_box, self.worker_edit, self.outcome_box, self.method_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        compact(self.grid_box, self.outcome_box, self.method_box, letters=6)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("日期"), self.tr("住户"), self.tr("网格"), self.tr("方式"), self.tr("结果"),
            self.tr("走访人"), self.tr("已审核"), self.tr("备注")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.table, NOTES)
        self.sorting = HeaderSort(self.table, lambda: self.rows, self._show_rows)
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText(self.tr("选择一条走访记录查看详情、修改历史和审核意见"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([820, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.count_label)
        layout.addWidget(split, 1)

        for box in (self.grid_box, self.outcome_box, self.method_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.to_edit.dateChanged.connect(lambda _d: self.refresh())
        self.worker_edit.editingFinished.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self.open_current)
        household_menu(self.table, self.gk.actor, self._household_at, self.household_action.emit)
        self.refresh()

    def _household_at(self, index: QModelIndex) -> int | None:
        return self.rows[index.row()].household_id if index.row() < len(self.rows) else None

    def title(self) -> str:
        return self.tr("走访记录")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        self.grid_box.setCurrentIndex(max(self.grid_box.findData(grid_id), 0) if grid_id else 0)

    def wait_idle(self) -> None:
        self.runner.wait()
        self.detail_runner.wait()

    def apply_changes(self, changes: Changes) -> None:
        """Visits saved or imported elsewhere (or a household renamed): the list again."""
        if changes.visits or changes.households or changes.needs:
            self.refresh()

    def refresh(self) -> None:
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        grid, outcome, method = (self.grid_box.currentData(), self.outcome_box.currentData(),
                                 self.method_box.currentData())
        worker = self.worker_edit.text().strip() or None
        self.runner.submit(
            lambda: self.gk.visits.list_visits(start, end, grid_id=grid, worker=worker, outcome=outcome,
                                               method=method, limit=LIMIT),
            self._arrived, lambda e: self.count_label.setText(error_text(e)))

    def _arrived(self, rows: list[VisitRow]) -> None:
        self.rows = rows
        more = ""
        if len(rows) >= LIMIT:
            more = self.tr("（仅显示最近 %1 条，请缩小范围）").replace("%1", str(LIMIT))
        self.count_label.setText(self.tr("共 %1 条走访记录").replace("%1", str(len(rows))) + more)
        self._fill()
        self.sorting.resort()

    def _show_rows(self, rows: list[VisitRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        rows = self.rows
        self.table.setRowCount(len(rows))
        for i, v in enumerate(rows):
            values = [f"{v.visit_date:%Y-%m-%d}", v.household_code, v.grid, method_label(v.method),
                      outcome_label(v.outcome), "、".join(t for t in v.team if t),
                      self.tr("是") if v.reviewed else "",
                      v.notes or ""]
            for c, value in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(value))

    def open_current(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        visit_id = self.rows[row].id
        self.detail_runner.submit(
            lambda: (self.gk.visits.visit_detail(visit_id), self.gk.visits.visit_history(visit_id)),
            self._show_detail, lambda e: self.detail.setPlainText(error_text(e)))

    def _show_detail(self, result: tuple) -> None:  # noqa: ANN401 - (VisitDetail, [HistoryLine])
        d, history = result
        team = "、".join(name + (f"（{duty}）" if duty else "") for name, duty, _worker in d.team)
        checks = [(self.tr("身体状况"), d.check_health), (self.tr("安全隐患"), d.check_safety),
                  (self.tr("生活状况"), d.check_living), (self.tr("家庭情况"), d.check_family),
                  (self.tr("诉求需求"), d.check_needs), (self.tr("隐患"), d.hazards)]
        lines = [f"<h3>{esc(d.household_code)} · {d.visit_date:%Y-%m-%d}</h3>",
                 f"<p>{esc(d.grid)} · {esc(method_label(d.method))} · "
                 f"<b>{esc(outcome_label(d.outcome))}</b></p>",
                 f"<p>{self.tr('走访人')}：{esc(team)}</p>"]
        if d.roster_number:
            lines.append(f"<p>{self.tr('花名册编号')}：{esc(d.roster_number)}</p>")
        if d.notes:
            lines.append(f"<p>{self.tr('备注')}：{esc(d.notes)}</p>")
        lines += [f"<p>{label}：{esc(value)}</p>" for label, value in checks if value]
        if d.needs:
            lines.append(f"<p>{self.tr('登记诉求')}：{esc('、'.join(d.needs))}</p>")
        lines.append(f"<h4>{self.tr('审核意见')}</h4>")
        if d.review_comment:
            lines.append(f"<p style='background:#e8f5e9;padding:4px'>{esc(d.review_comment)}<br>"
                         f"<small>{esc(d.reviewed_by)} {d.reviewed_at or ''}</small></p>")
        else:
            lines.append(f"<p><i>{self.tr('尚未审核')}</i></p>")
        lines.append(f"<h4>{self.tr('修改历史')}</h4><ul>")
        for h in history:
            changed = ""
            if h.before and h.after:
                keys = [k for k in h.after if h.before.get(k) != h.after.get(k)]
                changed = "：" + "，".join(
                    f"{k} {esc(h.before.get(k))} → {esc(h.after.get(k))}" for k in keys)
            lines.append(f"<li>{h.at:%Y-%m-%d %H:%M} {esc(h.username)} {esc(h.action)}{changed}</li>")
        lines.append("</ul>")
        self.detail.setHtml("".join(lines))

    def demo_state(self) -> None:
        """For screenshots: the first visit opened."""
        self.runner.wait()
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        if self.rows:
            self.table.selectRow(0)


Page = VisitsPage
