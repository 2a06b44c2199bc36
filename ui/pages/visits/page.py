"""The 走访记录 page: visits filtered by period, grid, worker, outcome and method; opening a
visit shows its details as the visit log form has them, its history (the audit log) and the
supervisor's review comment. Supervisors review a visit there (点评); office staff correct a
wrongly saved result and complete the form's fields (audited, in the history). The second tab
is the month's spot checks (抽查回访). Everything goes through ``gk.visits`` and
``gk.spot_checks``; writes run off the UI thread (``context.operations``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import SpotCheckResult, VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import Permission
from gridkeeper.services.visits import VisitDetail, VisitRow
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text, method_label, outcome_label
from ui.widgets.colours import fill_grid_box, grid_labels
from ui.widgets.household_dialog import open_household
from ui.widgets.household_menu import household_menu
from ui.widgets.permissions import allow
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
        self.scoped = context.gk  # the community chosen in the tree, or every grid the user sees
        self._community: int | None = None
        self._stale = False  # the community changed: listed again
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
        self._fill_grids()
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
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda _url: self.open_household())
        self.shown: VisitDetail | None = None
        self.review = ReviewBox(self)
        self.correction = CorrectionForm(self)
        self.side = QTabWidget()
        self.side.addTab(self.detail, self.tr("详情与历史"))
        self.side.addTab(self.review, self.tr("点评"))
        self.side.addTab(self.correction, self.tr("更正"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.side)
        split.setSizes([780, 460])
        visits = QWidget()
        visits_layout = QVBoxLayout(visits)
        visits_layout.setContentsMargins(0, 0, 0, 0)
        visits_layout.addLayout(bar)
        visits_layout.addWidget(self.count_label)
        visits_layout.addWidget(split, 1)
        from ui.pages.visits.spot_checks import SpotCheckPanel

        self.spot_checks = SpotCheckPanel(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(visits, self.tr("走访记录"))
        self.tabs.addTab(self.spot_checks, self.tr("抽查回访"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

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

    def _fill_grids(self) -> None:
        """The grid box: the grids shown, each by a name two communities do not share."""
        fill_grid_box(self.grid_box, grid_labels(self.scoped), self.tr("全部网格"))

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its visits only (None: every grid again)."""
        if community_id != self._community:
            self._community = community_id
            self.scoped = self.context.gk.in_community(community_id)
            self._fill_grids()
            self._stale = True  # listed again once set_scope has chosen the grid, which follows

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        index = max(self.grid_box.findData(grid_id), 0) if grid_id else 0
        if index != self.grid_box.currentIndex():
            self.grid_box.setCurrentIndex(index)
        elif self._stale:
            self.refresh()

    def wait_idle(self) -> None:
        self.runner.wait()
        self.detail_runner.wait()
        self.spot_checks.wait_idle()

    def apply_changes(self, changes: Changes) -> None:
        """Visits saved or imported elsewhere (or a household renamed): the list again."""
        if changes.visits or changes.households or changes.needs:
            self.refresh()
            self.spot_checks.refresh()

    def refresh(self) -> None:
        self._stale = False
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        grid, outcome, method = (self.grid_box.currentData(), self.outcome_box.currentData(),
                                 self.method_box.currentData())
        worker = self.worker_edit.text().strip() or None
        visits = self.scoped.visits
        self.runner.submit(
            lambda: visits.list_visits(start, end, grid_id=grid, worker=worker, outcome=outcome,
                                               method=method, limit=LIMIT),
            self._arrived, lambda e: self.count_label.setText(error_text(e)))

    def _arrived(self, rows: list[VisitRow]) -> None:
        self.rows = rows
        more = ""
        if len(rows) >= LIMIT:
            more = self.tr("（仅显示最近 %1 条，请缩小范围）").replace("%1", str(LIMIT))
        self.count_label.setText(self.tr("共 %n 条走访记录", "", len(rows)) + more)
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
        self.show_visit(self.rows[row].id)

    def show_visit(self, visit_id: int) -> None:
        self.detail_runner.submit(
            lambda: (self.gk.visits.visit_detail(visit_id), self.gk.visits.visit_history(visit_id)),
            self._show_detail, lambda e: self.detail.setPlainText(error_text(e)))

    def _show_detail(self, result: tuple) -> None:  # noqa: ANN401 - (VisitDetail, [HistoryLine])
        d, history = result
        self.shown = d
        self.review.show_visit(d)
        self.correction.show_visit(d)
        team = "、".join(name + (f"（{duty}）" if duty else "") for name, duty, _worker in d.team)
        fields = [(self.tr("走访对象"), d.met_with), (self.tr("走访人"), team),
                  (self.tr("记录人"), d.recorded_by), (self.tr("花名册编号"), d.roster_number),
                  (self.tr("情况记录"), d.notes)]
        fields += [(self.tr(label), getattr(d, name)) for name, label in CHECKS]
        fields += [(self.tr("困难"), d.difficulties), (self.tr("处理措施"), d.actions_taken),
                   (self.tr("处理结果"), d.action_result), (self.tr("后续计划"), d.follow_up_plan),
                   (self.tr("后续走访日期"), d.follow_up_on.isoformat() if d.follow_up_on else ""),
                   (self.tr("登记诉求"), "、".join(d.needs))]
        open_link = self.tr("打开该户")
        lines = [f"<h3>{esc(d.household_code)} · {d.visit_date:%Y-%m-%d}"
                 f"{' ' + d.visit_time.strftime('%H:%M') if d.visit_time else ''}</h3>",
                 f"<p>{esc(d.address)} · {esc(d.head)} · <a href='household'>{open_link}</a></p>",
                 f"<p>{esc(d.grid)} · {esc(method_label(d.method))} · "
                 f"<b>{esc(outcome_label(d.outcome))}</b></p>"]
        if d.spot_check is not None:
            found = (SpotCheckResult(d.spot_check).label.get(language()) if d.spot_check
                     else self.tr("已抽中，待回访"))
            lines.append(f"<p>{self.tr('抽查回访')}：{esc(found)}</p>")
        lines += [f"<p>{esc(label)}：{esc(value)}</p>" for label, value in fields if value]
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
                    f"{esc(field_label(k))} {esc(shown_value(k, h.before.get(k)))} → "
                    f"{esc(shown_value(k, h.after.get(k)))}" for k in keys)
            lines.append(f"<li>{h.at:%Y-%m-%d %H:%M} {esc(h.username)} {esc(action_label(h.action))}"
                         f"{changed}</li>")
        lines.append("</ul>")
        self.detail.setHtml("".join(lines))

    def open_household(self) -> None:
        if self.shown is not None:
            self.dialog = open_household(self.gk, self.shown.household_id, self)

    def saved(self, message: str) -> None:
        """A review or correction was saved: the list and the visit again."""
        self.count_label.setText(message)
        self.refresh()
        if self.shown is not None:
            self.show_visit(self.shown.id)

    def demo_state(self) -> None:
        """For screenshots: the first visit opened."""
        self.runner.wait()
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        if self.rows:
            self.table.selectRow(0)
            self.detail_runner.wait()
            QApplication.processEvents()


# the checklist fields as the detail pane names them
CHECKS = (("check_safety", QT_TRANSLATE_NOOP("VisitsPage", "安全检查")),
          ("check_health", QT_TRANSLATE_NOOP("VisitsPage", "身体状况")),
          ("check_living", QT_TRANSLATE_NOOP("VisitsPage", "生活状况")),
          ("check_family", QT_TRANSLATE_NOOP("VisitsPage", "家庭情况")),
          ("check_needs", QT_TRANSLATE_NOOP("VisitsPage", "诉求需求")),
          ("hazards", QT_TRANSLATE_NOOP("VisitsPage", "隐患")))
# the history names what changed as the form does
FIELDS = {
    "visit_date": QT_TRANSLATE_NOOP("VisitsPage", "走访日期"),
    "visit_time": QT_TRANSLATE_NOOP("VisitsPage", "时间"),
    "method": QT_TRANSLATE_NOOP("VisitsPage", "方式"), "outcome": QT_TRANSLATE_NOOP("VisitsPage", "结果"),
    "notes": QT_TRANSLATE_NOOP("VisitsPage", "情况记录"),
    "met_with": QT_TRANSLATE_NOOP("VisitsPage", "走访对象"),
    "difficulties": QT_TRANSLATE_NOOP("VisitsPage", "困难"),
    "actions_taken": QT_TRANSLATE_NOOP("VisitsPage", "处理措施"),
    "action_result": QT_TRANSLATE_NOOP("VisitsPage", "处理结果"),
    "follow_up_plan": QT_TRANSLATE_NOOP("VisitsPage", "后续计划"),
    "follow_up_on": QT_TRANSLATE_NOOP("VisitsPage", "后续走访日期"),
    "review_comment": QT_TRANSLATE_NOOP("VisitsPage", "审核意见"),
    "reviewed_by": QT_TRANSLATE_NOOP("VisitsPage", "审核人"),
    "reviewed_at": QT_TRANSLATE_NOOP("VisitsPage", "审核时间"),
}
ACTIONS = {"insert": QT_TRANSLATE_NOOP("VisitsPage", "录入"),
           "update": QT_TRANSLATE_NOOP("VisitsPage", "更正"),
           "review": QT_TRANSLATE_NOOP("VisitsPage", "点评"),
           "spot_check": QT_TRANSLATE_NOOP("VisitsPage", "抽查回访")}


def field_label(name: str) -> str:
    return QCoreApplication.translate("VisitsPage", FIELDS[name]) if name in FIELDS else name


def action_label(action: str) -> str:
    return QCoreApplication.translate("VisitsPage", ACTIONS[action]) if action in ACTIONS else action


def shown_value(name: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if name == "outcome":
        return outcome_label(str(value))
    if name == "method":
        return method_label(str(value))
    return str(value)


class ReviewBox(QWidget):
    """A supervisor's comment on the visit shown (点评): written, then saved off the UI thread."""

    def __init__(self, page: VisitsPage) -> None:
        super().__init__(page)
        self.page = page
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("点评意见，如：记录完整，已电话核实"))
        self.save_button = QPushButton(self.tr("保存点评"))
        allow(self.save_button, page.gk.actor, Permission.REVIEW_VISIT)
        self.comment.setReadOnly(not page.gk.actor.can(Permission.REVIEW_VISIT))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("审核意见（督导点评）：")))
        layout.addWidget(self.comment, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.save_button.clicked.connect(lambda: self.save())
        self.visit: VisitDetail | None = None

    def show_visit(self, visit: VisitDetail) -> None:
        self.visit = visit
        self.comment.setPlainText(visit.review_comment or "")
        when = f"{visit.reviewed_at:%Y-%m-%d %H:%M}" if visit.reviewed_at else ""
        by = visit.reviewed_by or ""
        self.message.setText(self.tr("%1 于 %2 点评").replace("%1", by).replace("%2", when) if when else "")

    def save(self) -> bool:
        if self.visit is None or not self.save_button.isEnabled():
            return False
        visit_id, comment = self.visit.id, self.comment.toPlainText()
        self.page.context.operations.run(
            self, lambda: self.page.gk.visits.review(visit_id, comment), Changes(visits=True),
            done=lambda _none: self.page.saved(self.tr("点评已保存")),
            failed=lambda e: self.message.setText(error_text(e)), label=self.tr("正在保存点评…"))
        return True


class CorrectionForm(QWidget):
    """Correcting the visit shown: a result saved wrongly, or the form's fields completed.
    Office staff (the record right); every change is audited and listed in the history."""

    TEXTS = ("met_with", "notes", "check_safety", "difficulties", "actions_taken", "action_result",
             "follow_up_plan")

    def __init__(self, page: VisitsPage) -> None:
        super().__init__(page)
        self.page = page
        lang = language()
        self.outcome = QComboBox()
        for outcome in VisitOutcome.entered():
            self.outcome.addItem(outcome.label.get(lang), outcome.value)
        self.method = QComboBox()
        for method in VisitMethod:
            self.method.addItem(method.label.get(lang), method.value)
        self.texts = {name: QLineEdit() for name in self.TEXTS}
        self.texts["met_with"].setMaxLength(100)
        self.follow_up = QDateEdit()
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up.setSpecialValueText(self.tr("无"))
        self.follow_up.setMinimumDate(QDate(2000, 1, 1))
        form = QFormLayout()
        form.addRow(self.tr("结果："), self.outcome)
        form.addRow(self.tr("方式："), self.method)
        labels = {"met_with": self.tr("走访对象："), "notes": self.tr("情况记录："),
                  "check_safety": self.tr("安全检查："), "difficulties": self.tr("困难："),
                  "actions_taken": self.tr("处理措施："), "action_result": self.tr("处理结果："),
                  "follow_up_plan": self.tr("后续计划：")}
        for name in self.TEXTS:
            form.addRow(labels[name], self.texts[name])
        form.addRow(self.tr("后续走访日期："), self.follow_up)
        self.save_button = QPushButton(self.tr("保存更正"))
        allow(self.save_button, page.gk.actor, Permission.RECORD_VISIT,
              tooltip=self.tr("更正记入审计日志，在“详情与历史”中可见"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save_button.clicked.connect(lambda: self.save())
        self.visit: VisitDetail | None = None
        for widget in (self.outcome, self.method, *self.texts.values(), self.follow_up):
            widget.setEnabled(page.gk.actor.can(Permission.RECORD_VISIT))

    def show_visit(self, visit: VisitDetail) -> None:
        self.visit = visit
        self.message.setText("")
        disproved = visit.outcome == VisitOutcome.DISPROVED
        index = self.outcome.findData(visit.outcome)
        self.outcome.setCurrentIndex(max(index, 0))
        # a spot check's finding is changed by recording the call again, not here
        self.outcome.setEnabled(not disproved and self.page.gk.actor.can(Permission.RECORD_VISIT))
        self.outcome.setToolTip(self.tr("经抽查回访核实未走访：在“抽查回访”中重新记录回访结果")
                                if disproved else "")
        self.method.setCurrentIndex(max(self.method.findData(visit.method), 0))
        for name, edit in self.texts.items():
            edit.setText(getattr(visit, name) or "")
        self.follow_up.setDate(QDate(visit.follow_up_on) if visit.follow_up_on
                               else self.follow_up.minimumDate())

    def changes(self) -> dict[str, object]:
        """The fields that differ from the visit as shown."""
        assert self.visit is not None
        values: dict[str, object] = {name: edit.text().strip() or None for name, edit in self.texts.items()}
        values["method"] = self.method.currentData()
        if self.outcome.isEnabled():
            values["outcome"] = self.outcome.currentData()
        day = self.follow_up.date()
        values["follow_up_on"] = None if day == self.follow_up.minimumDate() else day.toPython()
        return {k: v for k, v in values.items() if v != getattr(self.visit, k)}

    def save(self) -> bool:
        if self.visit is None or not self.save_button.isEnabled():
            return False
        changes = self.changes()
        if not changes:
            self.message.setText(self.tr("没有改动"))
            return False
        visit_id, version = self.visit.id, self.visit.version
        self.page.context.operations.run(
            self, lambda: self.page.gk.visits.edit_visit(visit_id, version, changes), Changes(visits=True),
            done=lambda _none: self.page.saved(self.tr("更正已保存")),
            failed=lambda e: self.message.setText(error_text(e)), label=self.tr("正在保存更正…"))
        return True


Page = VisitsPage
