"""The 民情诉求 page: every unfinished need on one board, what is due next first (overdue and
near at the top, each counting down to its response, resolution or callback), with the
selected need's details, its history and the steps it can take next; the 三率 in a second tab.

Intake (walk-in, call, 12345 ticket, referral) opens the intake dialog
(ui/widgets/need_intake.py); a batch of hotline tickets comes in through 导入工单. Every step
is an operation (ui/operations.py), so the other pages see the need move. Everything goes
through ``gk.needs``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import NeedChannel, NeedEventKind, NeedStatus, Satisfaction
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import HANDLING, UNFINISHED, NeedDraft, NextDeadline, may_call
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.roles import Permission
from gridkeeper.services.needs import NEAR_DAYS, HouseholdChoice, NeedEventRow, NeedRow
from ui import icons
from ui.context import Context
from ui.operations import Changes
from ui.pages.needs.rates import RatesPanel
from ui.pages.needs.steps import ask_callback, ask_callback_day, ask_name, ask_resolution, ask_text
from ui.tasks import Runner
from ui.texts import error_text, need_status_label
from ui.widgets.colours import fill_grid_box, grid_labels
from ui.widgets.need_intake import NeedIntakeDialog
from ui.widgets.permissions import allow, refusal
from ui.widgets.tables import HeaderSort, compact, keep_header, sort_key

(NUMBER, STATUS, COUNTDOWN, CHANNEL, CATEGORY, PLACE, RECEIVED, HANDLER, TEXT) = range(9)
STATUS_COLOURS = {"open": "#c62828", "in_progress": "#ef6c00", "sent_on": "#6a1b9a",
                  "resolved": "#2e7d32", "closed": "#546e7a", "rejected": "#757575"}
OVERDUE, NEAR, LATER = "#c62828", "#e65100", "#37474f"
COLUMN_WIDTH = 140  # the widest a column but the need's text gets
_HOUSEHOLD_ROLE = Qt.ItemDataRole.UserRole + 1

# the board's views: key -> list_needs arguments
VIEWS: dict[str, dict[str, Any]] = {
    "unfinished": {"unfinished": True, "by_deadline": True},
    "overdue": {"by_deadline": True},  # overdue_on filled in when asked
    "unlinked": {"unlinked": True},
    "all": {},
    **{status.value: {"status": status.value} for status in NeedStatus},
}


def channel_label(code: str, lang: str) -> str:
    try:
        return NeedChannel(code).label.get(lang)
    except ValueError:
        return code


# what a need waits for, and how long is left (lupdate finds them through QT_TRANSLATE_NOOP)
_WAITS = {"response": QT_TRANSLATE_NOOP("NeedsPage", "响应"),
          "resolution": QT_TRANSLATE_NOOP("NeedsPage", "办理"),
          "callback": QT_TRANSLATE_NOOP("NeedsPage", "回访")}
_LATE = QT_TRANSLATE_NOOP("NeedsPage", "%1 超期%2天")
_TODAY = QT_TRANSLATE_NOOP("NeedsPage", "%1 今天到期")
_LEFT = QT_TRANSLATE_NOOP("NeedsPage", "%1 剩%2天")


def countdown(due: NextDeadline | None, today: date) -> tuple[str, str]:
    """What a need waits for and how long is left, and its colour: "办理 超期3天" in red."""
    if due is None:
        return "", LATER
    kind = _translate(_WAITS[due.kind])
    days = (due.day - today).days
    if days < 0:
        return _translate(_LATE).replace("%1", kind).replace("%2", str(-days)), OVERDUE
    if days == 0:
        return _translate(_TODAY).replace("%1", kind), NEAR
    text = _translate(_LEFT).replace("%1", kind).replace("%2", str(days))
    return text, NEAR if days <= NEAR_DAYS else LATER


def _translate(text: str) -> str:
    return QCoreApplication.translate("NeedsPage", text)


class HistoryStep(QTreeWidgetItem):
    """A step in a need's history: sorted by the column clicked, steps of one minute in the
    order they happened."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        happened = Qt.ItemDataRole.UserRole
        return ((sort_key(self.text(column)), self.data(0, happened) or 0)
                < (sort_key(other.text(column)), other.data(0, happened) or 0))


class NeedsPage(QWidget):
    icon_name = "fa5s.hand-holding-heart"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        # what the board lists: the community chosen in the tree, or everything the user sees;
        # a need's steps go through ``gk``
        self.scoped = context.gk
        self._community: int | None = None
        self._stale = False  # the community changed: listed again
        self.rows: list[NeedRow] = []
        self.history: list[NeedEventRow] = []
        self.helpers: list[str] = []
        self.runner = Runner(self)
        self.detail_runner = Runner(self)
        self.wanted: int | None = None  # the need to select when the board arrives
        self.last_import: Any = None  # the latest hotline import's result
        lang = language()
        self.may_handle = self.gk.actor.can(Permission.MANAGE_NEEDS)

        # -- the bar ---------------------------------------------------------------------
        self.intake_button = QPushButton(icons.icon("fa5s.plus"), self.tr("登记诉求 (Ctrl+N)"))
        self.import_button = QPushButton(icons.icon("fa5s.file-import"), self.tr("导入工单…"))
        allow(self.intake_button, self.gk.actor, Permission.MANAGE_NEEDS,
              tooltip=self.tr("来访、来电、12345 工单、部门转办"))
        allow(self.import_button, self.gk.actor, Permission.IMPORT, Permission.MANAGE_NEEDS,
              tooltip=self.tr("12345 热线派发的工单表（Excel 或 CSV）"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("编号、工单号、诉求人、电话、地址或内容"))
        self.search_edit.setClearButtonEnabled(True)
        self.view_box = QComboBox()
        for key, title in (("unfinished", self.tr("未办结（按时限）")), ("overdue", self.tr("已超期")),
                           ("unlinked", self.tr("待关联住户")), ("all", self.tr("全部"))):
            self.view_box.addItem(title, key)
        for status in NeedStatus:
            self.view_box.addItem(status.label.get(lang), status.value)
        self.channel_box = QComboBox()
        self.channel_box.addItem(self.tr("全部来源"), None)
        for channel in NeedChannel:
            self.channel_box.addItem(channel.label.get(lang), channel.value)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("全部类别"), None)
        self.category_names = {code: name.get(lang) for code, name in self.gk.needs.categories()}
        for code, name in self.category_names.items():
            self.category_box.addItem(name, code)
        self.grid_box = QComboBox()
        self._fill_grids()
        # the filters on a line of their own: every box shows its whole text and the search
        # keeps its room on a 1024-pixel screen, in English too
        bar = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        bar.addLayout(first)
        bar.addLayout(second)
        first.addWidget(self.intake_button)
        first.addWidget(self.import_button)
        first.addSpacing(12)
        first.addWidget(self.search_edit, 1)
        for box in (self.view_box, self.channel_box, self.category_box, self.grid_box):
            second.addWidget(box)
        second.addStretch(1)
        self.search_edit.setMinimumWidth(160)
        compact(self.view_box, self.channel_box, self.category_box, self.grid_box, letters=6)

        # -- the board -------------------------------------------------------------------
        self.summary = QLabel()
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            self.tr("编号"), self.tr("状态"), self.tr("时限"), self.tr("来源"), self.tr("类别"),
            self.tr("住户 / 地址"), self.tr("受理日期"), self.tr("主办人"), self.tr("诉求内容")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        keep_header(self.table, TEXT)  # a narrow window scrolls rather than clip the header
        # the countdown by its day (most urgent first), the date received by its time
        self.sorting = HeaderSort(self.table, lambda: self.rows, self._show_sorted, keys={
            COUNTDOWN: lambda need: (need.next_deadline is None,
                                     need.next_deadline.day if need.next_deadline else date.max),
            RECEIVED: lambda need: need.received_at})
        board = QWidget()
        board_layout = QVBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(self.summary)
        board_layout.addWidget(self.table, 1)

        # -- the selected need -----------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_tree = QTreeWidget()
        self.history_tree.setHeaderLabels([self.tr("时间"), self.tr("办理过程"), self.tr("内容"),
                                           self.tr("记录人")])
        self.history_tree.setRootIsDecorated(False)
        self.history_tree.setWordWrap(True)
        self.history_tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history_tree.header().setStretchLastSection(False)
        # a click on a header sorts the steps; first (and on equal times) in the order they happened
        self.history_tree.setSortingEnabled(True)
        self.history_tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.phone_button = QPushButton(icons.icon("fa5s.eye"), self.tr("显示完整电话"))
        self.phone_button.setToolTip(self.tr("回访要打电话：显示完整号码（记入审计日志）"))
        self.phone_button.clicked.connect(lambda: self.show_phone())
        self.buttons: dict[str, QPushButton] = {}
        steps = QGridLayout()
        for i, (key, icon, title) in enumerate((
                ("start", "fa5s.play", self.tr("受理")), ("assign", "fa5s.user-check", self.tr("主办人…")),
                ("helper", "fa5s.user-friends", self.tr("协办人…")),
                ("send_on", "fa5s.share", self.tr("派单…")),
                ("returned", "fa5s.undo", self.tr("退回…")), ("escalate", "fa5s.bullhorn", self.tr("吹哨…")),
                ("note", "fa5s.pen", self.tr("进展…")), ("resolve", "fa5s.check", self.tr("办理完成…")),
                ("callback", "fa5s.phone", self.tr("回访…")),
                ("callback_day", "fa5s.calendar-alt", self.tr("改回访日期…")),
                ("reject", "fa5s.ban", self.tr("不予受理…")), ("link", "fa5s.link", self.tr("关联住户…")))):
            button = QPushButton(icons.icon(icon), title)
            self.buttons[key] = button
            steps.addWidget(button, i // 4, i % 4)
        self.message = QLabel()
        self.message.setWordWrap(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.facts)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone_button)
        phone_row.addStretch(1)
        detail_layout.addLayout(phone_row)
        detail_layout.addLayout(steps)
        detail_layout.addWidget(self.message)
        detail_layout.addWidget(QLabel(self.tr("办理过程（每一步都记入审计日志）")))
        detail_layout.addWidget(self.history_tree, 1)
        splitter = QSplitter()
        splitter.addWidget(board)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1000, 440])
        handling = QWidget()
        handling_layout = QVBoxLayout(handling)
        handling_layout.addLayout(bar)
        handling_layout.addWidget(splitter, 1)
        self.rates = RatesPanel(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(handling, self.tr("诉求办理"))
        self.tabs.addTab(self.rates, self.tr("三率统计"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        # -- wiring ----------------------------------------------------------------------
        for box in (self.view_box, self.channel_box, self.category_box, self.grid_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search_edit.returnPressed.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda text: self.refresh() if not text else None)
        self.table.itemSelectionChanged.connect(self._selected)
        self.intake_button.clicked.connect(lambda: self.intake())
        self.import_button.clicked.connect(lambda: self.import_tickets())
        # Ctrl+N is the window's 新建 (File menu): here it enters a need, see ui/menu_bar.py
        actions = {"start": self.start, "assign": self.assign, "helper": self.add_helper,
                   "send_on": self.send_on, "returned": self.returned, "escalate": self.escalate,
                   "note": self.add_note, "resolve": self.resolve, "callback": self.call_back,
                   "callback_day": self.move_callback, "reject": self.reject, "link": self.link}
        for key, action in actions.items():
            self.buttons[key].clicked.connect(lambda _c=False, act=action: act())
        self._show_detail(None)
        self.refresh()

    # -- the page protocol ------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("民情诉求")

    def _fill_grids(self) -> None:
        """The grid box: the grids shown, each by a name two communities do not share."""
        fill_grid_box(self.grid_box, grid_labels(self.scoped), self.tr("全部网格"))

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its needs and rates only (None: every grid again;
        needs without a household belong to the whole office and always show)."""
        if community_id != self._community:
            self._community = community_id
            self.scoped = self.context.gk.in_community(community_id)
            self._fill_grids()
            self.rates.set_scoped(self.scoped)
            self._stale = True  # listed again once set_scope has chosen the grid, which follows

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        index = max(self.grid_box.findData(grid_id), 0) if grid_id else 0
        if index != self.grid_box.currentIndex():
            self.grid_box.setCurrentIndex(index)
        elif self._stale:
            self.refresh()

    def wait_idle(self) -> None:
        for _ in range(3):  # the board, then the selected need's history
            self.runner.wait()
            self.detail_runner.wait()
            self.rates.wait_idle()
            QApplication.processEvents()

    def apply_changes(self, changes: Changes) -> None:
        if changes.needs or changes.households or changes.settings:
            self.refresh()
            self.rates.refresh()

    # -- the board --------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        view = self.view_box.currentData()
        options = dict(VIEWS[view])
        if view == "overdue":
            options["overdue_on"] = date.today()
        options.update(channel=self.channel_box.currentData(), category=self.category_box.currentData(),
                       grid_id=self.grid_box.currentData(), search=self.search_edit.text().strip() or None)
        needs = self.scoped.needs
        self.runner.submit(lambda: needs.list_needs(**options), self._arrived,
                           lambda error: self.summary.setText(error_text(error)))

    def _arrived(self, rows: list[NeedRow]) -> None:
        keep = self.wanted if self.wanted is not None else (self.current().id if self.current() else None)
        self.wanted = None
        self._fill(rows)
        self.sorting.resort()  # in the order the user chose by a header, if any
        self._select(keep)

    def _show_sorted(self, rows: list[NeedRow]) -> None:
        keep = self.current().id if self.current() else None
        self._fill(rows)
        self._select(keep)

    def _fill(self, rows: list[NeedRow]) -> None:
        self.rows = rows
        lang = language()
        today = date.today()
        self.table.setRowCount(len(rows))
        overdue = near = 0
        for i, need in enumerate(rows):
            left, colour = countdown(need.next_deadline, today)
            overdue += colour == OVERDUE
            near += colour == NEAR
            place = need.household_code or need.address or ""
            if need.household_id is None and need.unlinked:
                place = self.tr("待关联：%1").replace("%1", need.address or "")
            values = [need.number, need_status_label(need.status), left, channel_label(need.channel, lang),
                      self.category_names.get(need.category, need.category), place,
                      f"{need.received_at:%Y-%m-%d}", need.handler or "", need.description]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                self.table.setItem(i, c, item)
            self.table.item(i, NUMBER).setToolTip(self.tr("工单号：%1").replace("%1", need.ticket_no)
                                                  if need.ticket_no else "")
            self.table.item(i, STATUS).setForeground(QBrush(QColor(STATUS_COLOURS.get(need.status, "#000"))))
            self.table.item(i, COUNTDOWN).setForeground(QBrush(QColor(colour)))
            if need.escalated_at and need.status in HANDLING:
                self.table.item(i, STATUS).setText(need_status_label(need.status) + self.tr(" · 已吹哨"))
            self.table.item(i, TEXT).setToolTip(need.description)
            self.table.item(i, PLACE).setToolTip(need.grid or "")
            self.table.item(i, RECEIVED).setToolTip(f"{need.received_at:%Y-%m-%d %H:%M}")
        for column in range(TEXT):  # long labels (English) elide: the need's text keeps its room
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), COLUMN_WIDTH))
        self.summary.setText(
            self.tr("共 %1 件；超期 %2 件，%3 天内到期 %4 件").replace("%1", str(len(rows)))
            .replace("%2", str(overdue)).replace("%3", str(NEAR_DAYS)).replace("%4", str(near)))

    def _select(self, keep: int | None) -> None:
        """Select the need ``keep`` (else the first) and show it."""
        rows = self.rows
        row = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
            self._selected()
        else:
            self._show_detail(None)

    def current(self) -> NeedRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_number(self, number: str) -> bool:
        for i, need in enumerate(self.rows):
            if need.number == number:
                self.table.selectRow(i)
                return True
        return False

    # -- the selected need ------------------------------------------------------------------
    def _selected(self) -> None:
        need = self.current()
        self._show_detail(need)
        if need is None:
            return
        needs = self.gk.needs
        self.detail_runner.submit(lambda: (needs.history(need.id), needs.helpers(need.id)),
                                  lambda found: self._show_history(need.id, *found),
                                  lambda error: self.message.setText(error_text(error)))

    def _show_detail(self, need: NeedRow | None) -> None:
        self.history_tree.clear()
        if need is None:
            self.title_label.setText(self.tr("没有选中的诉求"))
            self.facts.setText("")
            for button in self.buttons.values():
                button.setEnabled(False)
            self.phone_button.setEnabled(False)
            return
        lang = language()
        status = need_status_label(need.status)
        self.title_label.setText(f"{need.number} · {status}"
                                 + (f" · {self.tr('工单')} {need.ticket_no}" if need.ticket_no else ""))
        left, colour = countdown(need.next_deadline, date.today())
        category = self.category_names.get(need.category, need.category)
        if need.category_text:
            category += self.tr("（热线类别：%1）").replace("%1", need.category_text)
        place = need.household_code or self.tr("未关联住户")
        if need.grid:
            place += f" · {need.grid}"
        deadline = _html(f"{need.deadline:%Y-%m-%d}" if need.deadline else self.tr("不限"))
        if left:
            deadline += f" · <span style='color:{colour}'>{_html(left)}</span>"
        facts = [  # (label, HTML)
            (self.tr("来源"), _html(f"{channel_label(need.channel, lang)} · "
                                    f"{need.received_at:%Y-%m-%d %H:%M}")),
            (self.tr("诉求人"), _html(" ".join(x for x in (need.contact_name or "",
                                                          mask_phone(need.contact_phone)) if x) or "—")),
            (self.tr("住户"), _html(place)), (self.tr("地址"), _html(need.address or "—")),
            (self.tr("类别"), _html(category)), (self.tr("时限"), deadline),
            (self.tr("主办"), _html(need.handler or self.tr("未分派"))),
        ]
        if need.sent_to and need.status == NeedStatus.SENT_ON.value:
            facts.append((self.tr("派往"), _html(need.sent_to)))
        if need.escalated_at:
            escalated = f"{need.escalated_at:%m-%d} {need.escalation_reason or ''}"
            facts.append((self.tr("吹哨"), _html(escalated)))
        if need.resolution:
            facts.append((self.tr("处理结果"), _html(need.resolution)))
        if need.status == NeedStatus.RESOLVED.value and need.callback_due:
            facts.append((self.tr("回访日期"), _html(f"{need.callback_due:%Y-%m-%d}")))
        if need.satisfaction:
            rating = Satisfaction(need.satisfaction).label.get(lang)
            if need.reopened:
                rating += self.tr("（已重新办理 %n 次）", "", need.reopened)
            facts.append((self.tr("回访"), _html(rating)))
        if need.rejected_reason:
            facts.append((self.tr("不予受理"), _html(need.rejected_reason)))
        facts.append((self.tr("诉求内容"), _html(need.description)))
        self.facts.setText("<table cellspacing='2'>" + "".join(
            f"<tr><td style='color:#555; white-space:nowrap'>{_html(k)}</td><td>{v}</td></tr>"
            for k, v in facts) + "</table>")
        self._enable_steps(need)
        actor, tip = self.gk.actor, self.tr("回访要打电话：显示完整号码（记入审计日志）")
        if may_call(actor, need.household_id, need.status):
            self.phone_button.setEnabled(True)
            self.phone_button.setToolTip(tip)
        elif actor.can(Permission.CALL_BACK):  # a grid leader: only their grids' needs in hand
            self.phone_button.setEnabled(False)
            self.phone_button.setToolTip(self.tr(
                "只能查看本网格住户仍在办理或待回访的诉求的完整电话"))
        else:
            allow(self.phone_button, actor, Permission.UNMASK, tooltip=tip)
        self.phone_button.setEnabled(self.phone_button.isEnabled() and bool(need.contact_phone)
                                     and "*" in (need.contact_phone or ""))

    def show_phone(self) -> bool:
        """The selected need's phone in full (audited), to call the resident back."""
        need = self.current()
        if need is None or not self.phone_button.isEnabled():
            return False
        full_phone = self.gk.needs.full_phone
        self.detail_runner.submit(lambda: full_phone(need.id), lambda phone: self._phone_shown(need, phone),
                                  lambda error: self.message.setText(error_text(error)))
        return True

    def _phone_shown(self, need: NeedRow, phone: str | None) -> None:
        if self.current() is not None and self.current().id == need.id:
            self.message.setStyleSheet("color: #37474f")
            self.message.setText(self.tr("%1 的电话：%2").replace("%1", need.contact_name or need.number)
                                 .replace("%2", phone or "—"))

    def _show_history(self, need_id: int, events: list[NeedEventRow], helpers: list[str]) -> None:
        need = self.current()
        if need is None or need.id != need_id:
            return
        self.history, self.helpers = events, helpers
        lang = language()
        self.history_tree.clear()
        for event in events:
            try:
                kind = NeedEventKind(event.kind).label.get(lang)
            except ValueError:
                kind = event.kind
            what = [event.party or "", event.text or ""]
            if event.rating:
                what.insert(0, Satisfaction(event.rating).label.get(lang))
            item = HistoryStep([f"{event.at:%Y-%m-%d %H:%M}", kind, "  ".join(x for x in what if x),
                                event.actor or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, self.history_tree.topLevelItemCount())
            item.setToolTip(2, "  ".join(x for x in what if x))
            self.history_tree.addTopLevelItem(item)
        if helpers:
            self.title_label.setText(self.title_label.text() + self.tr(" · 协办：%1").replace(
                "%1", "、".join(helpers)))

    def _enable_steps(self, need: NeedRow) -> None:
        why = refusal(self.gk.actor, Permission.MANAGE_NEEDS)  # said before anything is typed
        status = need.status
        possible = {
            "start": status == "open", "send_on": status in ("open", "in_progress"),
            "returned": status == "sent_on", "assign": status in UNFINISHED,
            "helper": status in HANDLING, "escalate": status in HANDLING, "note": status in UNFINISHED,
            "resolve": status in ("in_progress", "sent_on"), "callback": status == "resolved",
            "callback_day": status == "resolved",
            "reject": status in ("open", "in_progress"), "link": need.household_id is None,
        }
        for key, button in self.buttons.items():
            button.setEnabled(possible[key] and not why)
            button.setToolTip(why)

    # -- the steps --------------------------------------------------------------------------
    def _step(self, key: str, action: Any, *args: object) -> bool:
        """One step of the selected need, off the UI thread; True when started."""
        need = self.current()
        if need is None or not self.buttons[key].isEnabled():
            return False
        self.wanted = need.id

        def done(_result: object) -> None:
            self.message.setStyleSheet("color: #2e7d32")
            self.message.setText(self.tr("诉求 %1 已更新。").replace("%1", need.number))
            self.refresh()

        def failed(error: Exception) -> None:  # the service's typed error, in the interface language
            self.message.setStyleSheet("color: #c62828")
            self.message.setText(error_text(error))

        self.context.operations.run(self, lambda: action(need.id, need.version, *args),
                                    Changes(needs=True), done=done, failed=failed,
                                    label=self.tr("正在保存诉求…"))
        return True

    def _usable(self, key: str) -> NeedRow | None:
        need = self.current()
        return need if need is not None and self.buttons[key].isEnabled() else None

    def start(self) -> bool:
        return self._step("start", self.gk.needs.start)

    def assign(self, name: str | None = None) -> bool:
        need = self._usable("assign")
        if need is None:
            return False
        if name is None:
            answer = ask_name(self, self.tr("主办人"), self.tr("承办这件诉求、对结果负责的人（主办）。"),
                              self.tr("主办人："), self.gk.needs.workers(), need.handler or "")
            if answer is None:
                return False
            name = answer[0]
        return self._step("assign", self.gk.needs.assign, name)

    def add_helper(self, name: str | None = None) -> bool:
        need = self._usable("helper")
        if need is None:
            return False
        if name is None:
            answer = ask_name(self, self.tr("协办人"), self.tr("协助主办人办理的工作人员（协办）。"),
                              self.tr("协办人："), self.gk.needs.workers())
            if answer is None:
                return False
            name = answer[0]
        return self._step("helper", self.gk.needs.add_helper, name)

    def send_on(self, department: str | None = None, note: str = "") -> bool:
        need = self._usable("send_on")
        if need is None:
            return False
        if department is None:
            answer = ask_name(self, self.tr("派单"), self.tr(
                "社区解决不了的，派给职能部门或街道办理；部门退回时再接回。"), self.tr("派往单位："),
                self.gk.needs.departments(), "", self.tr("派单说明："))
            if answer is None:
                return False
            department, note = answer
        return self._step("send_on", self.gk.needs.send_on, department, note or None)

    def returned(self, reason: str | None = None) -> bool:
        if self._usable("returned") is None:
            return False
        if reason is None:
            reason = ask_text(self, self.tr("退回"),
                              self.tr("部门退回了这件诉求：写明退回理由，社区继续办理。"),
                              self.tr("退回理由："))
            if reason is None:
                return False
        return self._step("returned", self.gk.needs.returned, reason)

    def escalate(self, reason: str | None = None) -> bool:
        if self._usable("escalate") is None:
            return False
        if reason is None:
            reason = ask_text(self, self.tr("吹哨"),
                              self.tr("“街乡吹哨、部门报到”：写明为什么需要部门到场。"),
                              self.tr("吹哨理由："))
            if reason is None:
                return False
        return self._step("escalate", self.gk.needs.escalate, reason)

    def add_note(self, text: str | None = None) -> bool:
        if self._usable("note") is None:
            return False
        if text is None:
            text = ask_text(self, self.tr("办理进展"),
                            self.tr("记下做了什么、约了谁、下一步（记录时间和记录人）。"),
                            self.tr("进展："))
            if text is None:
                return False
        return self._step("note", self.gk.needs.add_note, text)

    def resolve(self, resolution: str | None = None, callback_due: date | None = None) -> bool:
        if self._usable("resolve") is None:
            return False
        if resolution is None:
            answer = ask_resolution(self, self.gk.needs.default_callback_due())
            if answer is None:
                return False
            resolution, callback_due = answer
        return self._step("resolve", self.gk.needs.resolve, resolution, None, callback_due)

    def call_back(self, satisfaction: Satisfaction | str | None = None, comment: str = "") -> bool:
        if self._usable("callback") is None:
            return False
        if satisfaction is None:
            answer = ask_callback(self)
            if answer is None:
                return False
            satisfaction, comment = answer
        return self._step("callback", self.gk.needs.call_back, satisfaction, comment or None)

    def move_callback(self, day: date | None = None, reason: str | None = None) -> bool:
        """Call the resident back on another day (the reason is kept in the history)."""
        need = self._usable("callback_day")
        if need is None:
            return False
        if day is None or reason is None:
            answer = ask_callback_day(self, need.callback_due)
            if answer is None:
                return False
            day, reason = answer
        return self._step("callback_day", self.gk.needs.move_callback, day, reason)

    def reject(self, reason: str | None = None) -> bool:
        if self._usable("reject") is None:
            return False
        if reason is None:
            reason = ask_text(self, self.tr("不予受理"),
                              self.tr("写明不予受理的理由（如不属于社区职责，已告知居民去向）。"),
                              self.tr("理由："))
            if reason is None:
                return False
        return self._step("reject", self.gk.needs.reject, reason)

    def link(self, household_id: int | None = None, confirm_none: bool = False) -> bool:
        """Link the need to its household (picked from a search), or settle that it has none."""
        need = self._usable("link")
        if need is None:
            return False
        if household_id is None and not confirm_none:
            dialog = LinkDialog(self, self.gk, need.address or need.contact_phone or "")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            chosen = dialog.chosen()
            household_id = chosen.id if chosen else None
        return self._step("link", self.gk.needs.link, household_id)

    # -- intake and import ------------------------------------------------------------------
    def intake(self, draft: NeedDraft | None = None) -> bool:
        """Enter a walk-in, a call, a 12345 ticket or a referral; True when recording started."""
        if not self.intake_button.isEnabled():
            return False
        if draft is None:
            dialog = NeedIntakeDialog(self.gk, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            draft = dialog.draft()
        raise_need = self.gk.needs.raise_need

        def done(need_id: int) -> None:
            self.wanted = need_id
            self.message.setStyleSheet("color: #2e7d32")
            self.message.setText(self.tr("已登记。"))
            self.refresh()

        def failed(error: Exception) -> None:
            self.message.setStyleSheet("color: #c62828")
            self.message.setText(error_text(error))

        self.context.operations.run(self, lambda: raise_need(draft), Changes(needs=True), done=done,
                                    failed=failed, label=self.tr("正在登记诉求…"))
        return True

    def import_tickets(self, path: str | None = None, only_good: bool = False) -> bool:
        """A batch of 12345 tickets: nothing is written when a row is malformed (the problems
        are listed, and the good rows may then be imported alone); the unlinked are listed."""
        if not self.import_button.isEnabled():
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入 12345 工单"), "",
                                                  self.tr("表格 (*.xlsx *.csv)"))
            if not path:
                return False
        importer = self.gk.need_importer

        def done(result: Any) -> None:
            from gridkeeper.services.need_transfer import summary

            self.last_import = result
            self.message.setStyleSheet("color: #2e7d32" if result.written else "color: #c62828")
            self.message.setText(summary(result).splitlines()[0])
            if self.isVisible():
                self._show_import(result, path)
            if result.unlinked:
                self.view_box.setCurrentIndex(self.view_box.findData("unlinked"))
            else:
                self.refresh()

        def failed(error: Exception) -> None:
            self.message.setStyleSheet("color: #c62828")
            self.message.setText(error_text(error))

        self.context.operations.run(
            self, lambda: importer.import_needs(path, only_good=only_good),
            lambda result: Changes(needs=bool(result.written)), done=done, failed=failed,
            label=self.tr("正在导入工单…"))
        return True

    def _show_import(self, result: Any, path: str) -> None:
        from gridkeeper.services.need_transfer import summary

        lines = [p.message() for p in result.problems[:50]] + [
            self.tr("提醒：") + w.message() for w in result.warnings[:50]]
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("导入 12345 工单"))
        box.setText(summary(result))
        if lines:
            box.setDetailedText("\n".join(lines))
        good = None
        if result.problems and not result.written:
            good = box.addButton(self.tr("只导入无误的工单"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if good is not None and box.clickedButton() is good:
            self.import_tickets(path, only_good=True)


class LinkDialog(QDialog):
    """Find the household a need comes from by its address or a phone, and pick it."""

    def __init__(self, parent: QWidget, gk: Any, text: str) -> None:
        super().__init__(parent)
        self.gk = gk
        self.runner = Runner(self)
        self.setWindowTitle(self.tr("关联住户"))
        self.search = QLineEdit(text)
        self.search.setPlaceholderText(self.tr("地址（如 阳光小区3号楼2单元501）或电话"))
        find = QPushButton(self.tr("查找"))
        self.list = QListWidget()
        self.none = QCheckBox(self.tr("这件诉求不属于某一户（如道路、公共设施）"))
        self.ok = QPushButton(self.tr("关联"))
        cancel = QPushButton(self.tr("取消"))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(find)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.none)
        layout.addLayout(buttons)
        self.resize(520, 360)
        find.clicked.connect(self.find)
        self.search.returnPressed.connect(self.find)
        self.ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_a: self._ready())
        self.none.toggled.connect(lambda _c: self._ready())
        self._ready()
        if text:
            self.find()

    def find(self) -> None:
        text = self.search.text().strip()
        find = self.gk.needs.find_households
        self.runner.submit(lambda: find(text, text), self._found)

    def _found(self, choices: list[HouseholdChoice]) -> None:
        self.list.clear()
        for choice in choices:
            item = QListWidgetItem(f"{choice.code} · {choice.address} · {choice.head} · {choice.grid}")
            item.setData(_HOUSEHOLD_ROLE, choice)
            self.list.addItem(item)
        if not choices:
            self.list.addItem(self.tr("没有找到住户"))

    def _ready(self) -> None:
        self.ok.setEnabled(self.none.isChecked() or self.chosen() is not None)
        self.list.setEnabled(not self.none.isChecked())

    def chosen(self) -> HouseholdChoice | None:
        if self.none.isChecked():
            return None
        item = self.list.currentItem()
        return item.data(_HOUSEHOLD_ROLE) if item is not None else None


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


Page = NeedsPage
