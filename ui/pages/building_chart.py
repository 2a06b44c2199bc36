"""The 楼栋图 page: the colour-coded building map community staff draw by hand. Floors are
rows (top floor on top), unit and room position are columns. Each flat is filled with the
colour of its governing (strictest) category and carries a stripe for every other category
or tag it holds (分色分类), is marked with this week's state, and shows the head's name; a
flat nobody lives in (moved out, deceased, never registered) is drawn empty. A layer shows one
category or tag alone (the party-member map, 党员家庭分布图). Each stairwell's 楼门长 heads its
column; the building's standing contacts and its lift are named above the map. Printed, the
chart carries its title, building, date and legend.

Data: the register rows of the building (``gk.browse``, categories held included), the
governing category of each household (``gk.roster.standings``, set-wise), this week's
roster (``gk.roster.roster``) and the contacts (``gk.contacts``), gathered off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import ContactRole, HouseholdStatus, Period
from gridkeeper.domain.i18n import language
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.roles import Permission
from gridkeeper.services.browse import BuildingInfo, RegisterFilter
from gridkeeper.services.contacts import Contact
from gridkeeper.services.facade import GridKeeper
from ui.context import Context
from ui.tasks import Runner
from ui.texts import error_text, status_label, unbroken
from ui.widgets.colours import category_colours, text_colour
from ui.widgets.household_dialog import open_household
from ui.widgets.permissions import allow
from ui.widgets.tables import compact

CELL = QSize(96, 46)
HEADER = 78  # room for the column titles: unit, its 楼门长, room position
LEFT = 48  # room for the floor numbers
STRIPE = 7  # width of the stripe of each further category a flat holds
NO_CATEGORY = "#ffffff"
EMPTY_INK = "#9e9e9e"
MARKS = {"visited": ("✓", "#2e7d32"), "due": ("●", "#ef6c00"), "overdue": ("!", "#c62828"),
         "absent": ("?", "#6a1b9a")}
# the status a flat's household keeps when several were registered at one address
_PREFERRED = {HouseholdStatus.ACTIVE.value: 0, HouseholdStatus.SUSPENDED.value: 1,
              HouseholdStatus.MOVED_OUT.value: 2, HouseholdStatus.DECEASED.value: 3}


@dataclass(frozen=True)
class Flat:
    household_id: int | None  # None: nobody registered there
    unit: int
    floor: int
    room: str
    head: str = ""
    governing: str | None = None
    state: str | None = None  # one of MARKS, or None
    code: str = ""
    residents: int = 0
    last_visit: date | None = None
    categories: tuple[str, ...] = ()  # every category and tag held but 一般户, office order
    status: str = HouseholdStatus.ACTIVE.value

    @property
    def empty(self) -> bool:
        """Nobody lives there: never registered, moved out, deceased, or no active resident."""
        return (self.household_id is None or self.residents == 0
                or self.status in (HouseholdStatus.MOVED_OUT, HouseholdStatus.DECEASED))


@dataclass(frozen=True)
class BuildingPlan:
    """What the chart shows of one building."""

    building: BuildingInfo | None
    flats: list[Flat]
    contacts: list[Contact] = field(default_factory=list)


def room_position(floor: int, room: str) -> str:
    """"1203" on floor 12 is position "03": the column within a floor."""
    prefix = str(floor)
    return room[len(prefix):] if room.startswith(prefix) and len(room) > len(prefix) else room


def gather(gk: GridKeeper, building_id: int, grid_id: int | None, today: date) -> BuildingPlan:
    ids = gk.browse.search_ids(RegisterFilter(building_id=building_id))
    rows = gk.browse.rows(ids)
    # one flat per address: the household living there now wins over those that left
    chosen: dict[tuple[int, int, str], int] = {}
    for hid in ids:
        row = rows.get(hid)
        if row is None:
            continue
        key = (row.unit, row.floor, row.room)
        held = chosen.get(key)
        if held is None or _PREFERRED.get(row.status, 9) < _PREFERRED.get(rows[held].status, 9):
            chosen[key] = hid
    living = [hid for hid in chosen.values() if rows[hid].status == HouseholdStatus.ACTIVE]
    governing = {hid: found[0] for hid, found in gk.roster.standings(living, today).items()}
    roster = {r.household_id: r for r in gk.roster.roster(span_of(Period.WEEK, today), grid_id=grid_id).rows}
    flats = []
    for hid in chosen.values():
        row = rows[hid]
        on_roster = roster.get(hid)
        state = None
        if on_roster is not None:
            state = "overdue" if on_roster.reason is RosterReason.OVERDUE else "due"
            attempt, last = on_roster.last_attempt, on_roster.last_visit
            if state != "overdue" and attempt and (not last or attempt > last):
                state = "absent"  # nobody was home the last time someone called
        elif row.last_visit is not None and row.status == HouseholdStatus.ACTIVE:
            state = "visited"
        flats.append(Flat(hid, row.unit, row.floor, row.room, row.head, governing.get(hid), state,
                          row.code, row.residents, row.last_visit, row.categories, row.status))
    info = gk.browse.building(building_id)
    if info.units and info.floors and info.rooms_per_floor:
        # the flats nobody registered are part of the building too: drawn empty
        taken = {(f.unit, f.floor, room_position(f.floor, f.room)) for f in flats}
        for unit in range(1, info.units + 1):
            for floor in range(1, info.floors + 1):
                for door in range(1, info.rooms_per_floor + 1):
                    room = f"{floor}{door:02d}"
                    if (unit, floor, room_position(floor, room)) not in taken:
                        flats.append(Flat(None, unit, floor, room))
    return BuildingPlan(info, flats, gk.contacts.contacts(building_id))


class BuildingMap(QWidget):
    """The painted grid of flats; :meth:`cell_rect` says where each flat is drawn."""

    household_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flats: list[Flat] = []
        self.colours: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.columns: list[tuple[int, str]] = []
        self.floors: list[int] = []
        self.heads: dict[int, str] = {}  # unit -> its 楼门长
        self.layer: str | None = None  # one category or tag shown alone
        self._cells: dict[tuple[int, str, int], QRect] = {}
        self.setMouseTracking(True)

    def set_flats(self, flats: list[Flat], colours: dict[str, str], names: dict[str, str] | None = None,
                  contacts: list[Contact] | None = None) -> None:
        self.flats = flats
        self.colours = colours
        self.names = names or {}
        self.columns = sorted({(f.unit, room_position(f.floor, f.room)) for f in flats},
                              key=lambda c: (c[0], natural_key(c[1])))
        self.floors = sorted({f.floor for f in flats}, reverse=True)  # top floor on top
        self.heads = {}
        for c in contacts or ():
            if c.unit is not None and c.role == ContactRole.STAIRWELL_HEAD and c.unit not in self.heads:
                self.heads[c.unit] = c.name
        column_of = {c: i for i, c in enumerate(self.columns)}
        row_of = {floor: i for i, floor in enumerate(self.floors)}
        self._cells = {}
        for f in flats:
            column = column_of[(f.unit, room_position(f.floor, f.room))]
            self._cells[(f.unit, f.room, f.floor)] = QRect(
                LEFT + column * CELL.width(), HEADER + row_of[f.floor] * CELL.height(),
                CELL.width() - 2, CELL.height() - 2)
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self.update()

    def set_layer(self, code: str | None) -> None:
        self.layer = code
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(LEFT + CELL.width() * max(len(self.columns), 1) + 8,
                     HEADER + CELL.height() * max(len(self.floors), 1) + 8)

    def cell_rect(self, flat: Flat) -> QRect:
        return QRect(self._cells[(flat.unit, flat.room, flat.floor)])

    def fills(self, flat: Flat) -> list[str]:
        """The colours a flat is painted in: its governing category's first, then a stripe
        for each further category or tag (the layer's alone when a layer is chosen)."""
        if flat.empty:
            return []
        if self.layer is not None:
            return [self.colours.get(self.layer, NO_CATEGORY)] if self.layer in flat.categories else []
        codes = [c for c in flat.categories if c != flat.governing]
        first = flat.governing if flat.governing in self.colours else (codes.pop(0) if codes else None)
        return [self.colours[c] for c in ([first] if first else []) + codes if c in self.colours]

    def colour_of(self, flat: Flat) -> str:
        fills = self.fills(flat)
        return fills[0] if fills else NO_CATEGORY

    def flat_at(self, point: QPoint) -> Flat | None:
        return next((f for f in self.flats if self.cell_rect(f).contains(point)), None)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        painter.fillRect(QRect(QPoint(0, 0), self.sizeHint()), QColor("#ffffff"))
        small = QFont(painter.font())
        small.setPointSize(8)
        painter.setFont(small)
        painter.setPen(QColor("#37474f"))
        units: dict[int, int] = {}
        for i, (unit, position) in enumerate(self.columns):
            x = LEFT + i * CELL.width()
            units.setdefault(unit, x)
            painter.drawText(QRect(x, HEADER - 22, CELL.width(), 20), Qt.AlignmentFlag.AlignCenter, position)
        for unit, x in units.items():
            painter.drawText(QRect(x, 4, CELL.width() * 2, 20), Qt.AlignmentFlag.AlignLeft,
                             self.tr("%1单元").replace("%1", str(unit)))
            if unit in self.heads:
                painter.setPen(QColor("#6a1b9a"))
                painter.drawText(QRect(x, 24, CELL.width() * 2, 20), Qt.AlignmentFlag.AlignLeft,
                                 self.tr("楼门长 %1").replace("%1", self.heads[unit]))
                painter.setPen(QColor("#37474f"))
        for r, floor in enumerate(self.floors):
            painter.drawText(QRect(0, HEADER + r * CELL.height(), LEFT - 6, CELL.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("%1层").replace("%1", str(floor)))
        for flat in self.flats:
            self._paint_flat(painter, flat)

    def _paint_flat(self, painter: QPainter, flat: Flat) -> None:
        rect = self.cell_rect(flat)
        if flat.empty:
            painter.fillRect(rect, QColor("#ffffff"))
            painter.setPen(QPen(QColor("#b0bec5"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect)
            painter.setPen(QColor(EMPTY_INK))
            painter.drawText(rect.adjusted(4, 2, -4, -2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, flat.room)
            word = (self.tr("空置") if flat.household_id is None or flat.residents == 0 and
                    flat.status == HouseholdStatus.ACTIVE else status_label(flat.status))
            painter.drawText(rect.adjusted(4, 2, -4, -2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, word)
            return
        fills = self.fills(flat)
        main = fills[0] if fills else NO_CATEGORY
        painter.fillRect(rect, QColor(main))
        # each further category or tag: a stripe down the right edge (分色分类, all of them)
        for i, colour in enumerate(reversed(fills[1:])):
            stripe = QRect(rect.right() - (i + 1) * STRIPE + 1, rect.top(), STRIPE, rect.height())
            painter.fillRect(stripe, QColor(colour))
            painter.setPen(QColor("#ffffff"))
            painter.drawLine(stripe.topLeft(), stripe.bottomLeft())
        painter.setPen(QColor("#90a4ae"))
        painter.drawRect(rect)
        painter.setPen(QColor(text_colour(main)))
        text_rect = rect.adjusted(4, 2, -4 - STRIPE * max(len(fills) - 1, 0), -2)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, flat.room)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, flat.head)
        if flat.state in MARKS:
            mark, mark_colour = MARKS[flat.state]
            badge = QRect(text_rect.right() - 14, rect.top() + 3, 15, 15)
            painter.setBrush(QColor("#ffffff"))
            painter.setPen(QColor(mark_colour))
            painter.drawEllipse(badge)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        flat = self.flat_at(event.position().toPoint())
        if flat is None or flat.household_id is None:
            self.setToolTip(self.tr("%1室：未登记住户").replace("%1", flat.room) if flat else "")
            return
        held = "、".join(self.names.get(c, c) for c in flat.categories) or self.tr("无")
        self.setToolTip(self.tr("%1 %2室\n户主：%3\n人口：%4\n类别：%5\n状态：%6\n上次走访：%7")
                        .replace("%1", flat.code).replace("%2", flat.room).replace("%3", flat.head)
                        .replace("%4", str(flat.residents)).replace("%5", held)
                        .replace("%6", status_label(flat.status))
                        .replace("%7", str(flat.last_visit or self.tr("从未"))))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        flat = self.flat_at(event.position().toPoint())
        if flat is not None and flat.household_id is not None:
            self.household_clicked.emit(flat.household_id)


class BuildingChartPage(QWidget):
    icon_name = "fa5s.building"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk
        self.runner = Runner(self)
        self.colours = category_colours(self.gk)
        self.loaded_building: int | None = None
        self.plan: BuildingPlan | None = None
        self.building_box = QComboBox()
        self.grid_of: dict[int, int] = {}  # building -> its grid's id (names repeat across communities)
        self.buildings: list[tuple[int, str, int]] = []  # (community id, label, building id) in order
        communities = self.gk.browse.communities()
        for community in communities:
            for node in community.grids:
                grid = f"{community.name} {node.name}" if len(communities) > 1 else node.name
                for building in node.buildings:
                    self.buildings.append((community.id, f"{grid} · {building.label}", building.id))
                    self.grid_of[building.id] = node.id
        self._community: int | None = None
        self._fill_buildings()
        self.layer_box = QComboBox()
        self.layer_box.addItem(self.tr("全部类别"), None)
        for code, name in self.colours.names.items():
            self.layer_box.addItem(name, code)
        self.layer_box.setToolTip(self.tr("只显示一个类别或标签，如党员家庭分布图"))
        self.print_button = QPushButton(self.tr("导出 PDF"))
        self.team_button = QPushButton(self.tr("楼门联系人…"))
        allow(self.team_button, self.gk.actor, Permission.EDIT_REGISTER,
              tooltip=self.tr("登记本楼的楼门长、民情联络员、社区民警、志愿者、党员及电梯情况"))
        self.status = QLabel()
        self.about = QLabel()  # lift and the building's standing contacts
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color:#455a64")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("楼栋：")))
        bar.addWidget(self.building_box)
        bar.addWidget(QLabel(self.tr("图层：")))
        bar.addWidget(self.layer_box)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.team_button)
        bar.addWidget(self.print_button)
        # one line of coloured chips that wraps: twenty categories fit a 1024-pixel screen
        # (and a long English legend or many tags never widen the window)
        chips = []
        for text, colour, mark in self.legend():
            label = escape(unbroken(text))  # a name never split across lines
            if mark:
                chips.append(f"<span style='color:{colour}'>{mark}</span>&nbsp;{label}")
            else:
                chips.append(f"<span style='background-color:{colour}; color:{text_colour(colour)}'>"
                             f"&nbsp;{label}&nbsp;</span>")
        self.legend_label = QLabel("&nbsp; ".join(chips))
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        compact(self.building_box, letters=30, most=44)
        self.map = BuildingMap()
        scroll = QScrollArea()
        scroll.setWidget(self.map)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.about)
        layout.addWidget(self.legend_label)
        layout.addWidget(scroll, 1)
        self.building_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.layer_box.currentIndexChanged.connect(
            lambda _i: self.map.set_layer(self.layer_box.currentData()))
        self.print_button.clicked.connect(lambda: self.export_pdf())
        self.team_button.clicked.connect(lambda: self.edit_team())
        self.map.household_clicked.connect(self.open_household)
        self.refresh()

    def title(self) -> str:
        return self.tr("楼栋图")

    def legend(self) -> list[tuple[str, str, str]]:
        """(text, colour, mark) of the legend: categories and tags, then the week's marks."""
        found = [(self.colours.names.get(code, code), colour, "") for code, colour in self.colours.items()]
        found.append((self.tr("空置/迁出"), EMPTY_INK, "▭"))
        for state, text in (("visited", self.tr("本期已访")), ("due", self.tr("应访")),
                            ("overdue", self.tr("逾期")), ("absent", self.tr("上次未遇"))):
            mark, colour = MARKS[state]
            found.append((text, colour, mark))
        return found

    def _fill_buildings(self) -> None:
        """The building box: the chosen community's buildings, or every building."""
        kept = self.building_box.currentData()
        self.building_box.blockSignals(True)
        self.building_box.clear()
        for community_id, label, building_id in self.buildings:
            if self._community in (None, community_id):
                self.building_box.addItem(label, building_id)
        self.building_box.setCurrentIndex(max(self.building_box.findData(kept), 0))
        self.building_box.blockSignals(False)

    def set_community(self, community_id: int | None) -> None:
        """A community chosen in the tree: its buildings to choose from (None: all again)."""
        if community_id != self._community:
            kept = self.building_box.currentData()
            self._community = community_id
            self._fill_buildings()
            if self.building_box.currentData() != kept:
                self.refresh()

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        if building_id is not None:
            index = self.building_box.findData(building_id)
            if index >= 0:
                self.building_box.setCurrentIndex(index)

    def apply_changes(self, changes: object) -> None:
        """A write elsewhere: the chart follows who lives where and this week's visits."""
        if getattr(changes, "rosters", False):
            self.refresh()

    def wait_idle(self) -> None:
        self.runner.wait()

    def refresh(self) -> None:
        building_id = self.building_box.currentData()
        if building_id is None:
            self.status.setText(self.tr("没有楼栋"))
            return
        grid = self.grid_of.get(building_id)
        self.status.setText(self.tr("正在读取…"))
        today = date.today()

        def arrived(plan: BuildingPlan) -> None:
            self.loaded_building = building_id
            self.plan = plan
            self.map.set_flats(plan.flats, dict(self.colours), dict(self.colours.names), plan.contacts)
            living = sum(1 for f in plan.flats if not f.empty)
            self.status.setText(unbroken(self.tr("%n 户", "", living)))  # "46 households" on one line
            self.about.setText(self.describe(plan))

        self.runner.submit(lambda: gather(self.gk, building_id, grid, today), arrived,
                           lambda e: self.status.setText(error_text(e)))

    def describe(self, plan: BuildingPlan) -> str:
        """The lift and the standing contacts of the whole building, one line."""
        info = plan.building
        lift = (self.tr("电梯情况未登记") if info is None or info.has_lift is None
                else self.tr("有电梯") if info.has_lift else self.tr("无电梯"))
        whole = [c.line(language()) for c in plan.contacts if c.unit is None]
        return "　".join([lift, *whole])

    def edit_team(self) -> QDialog | None:
        """The building's standing contacts and lift, as the office keeps them."""
        plan = self.plan
        if plan is None or plan.building is None or self.loaded_building != plan.building.id:
            return None
        from ui.pages.standing_team import StandingTeamDialog

        dialog = StandingTeamDialog(self.gk, self.context.operations, plan.building, plan.contacts, self)
        dialog.accepted.connect(self.refresh)  # the other pages hear of it through the writer
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def open_household(self, household_id: int) -> None:
        self.last_dialog = open_household(self.gk, household_id, self)

    def export_pdf(self, target: str | None = None) -> Path | None:
        """The chart on one landscape A4 page: title, building, date, lift and contacts, the
        legend, then the map scaled to fit."""
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("导出 PDF"), "楼栋图.pdf", "PDF (*.pdf)")
            if not target:
                return None
        writer = QPdfWriter(str(target))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setResolution(96)
        writer.setTitle(self.tr("楼栋图"))
        painter = QPainter(writer)
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        top = self._paint_heading(painter, area.width())
        size = self.map.sizeHint()
        scale = min(area.width() / size.width(), (area.height() - top) / size.height(), 1.0)
        painter.translate(0, top)
        painter.scale(scale, scale)
        self.map.paint(painter)
        painter.end()
        return Path(target)

    def _paint_heading(self, painter: QPainter, width: int) -> int:
        """Title, building, date, lift and contacts, and the legend; returns the height used."""
        plan = self.plan
        info = plan.building if plan else None
        place = ""
        if info is not None:
            named = info.number.endswith(("号", "栋", "幢", "楼"))  # "3号楼" already says it
            place = (f"{info.estate} {info.number}" if named else
                     self.tr("%1 %2号楼").replace("%1", info.estate).replace("%2", info.number))
        grid = f"（{info.grid}）" if info else ""
        title = QFont(painter.font())
        title.setPointSize(15)
        painter.setFont(title)
        painter.setPen(QColor("#212121"))
        painter.drawText(QRect(0, 0, width, 28), Qt.AlignmentFlag.AlignLeft,
                         self.tr("楼栋图") + f"　{place}{grid}")
        small = QFont(painter.font())
        small.setPointSize(8)
        painter.setFont(small)
        painter.drawText(QRect(0, 0, width, 28), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                         self.tr("日期：%1").replace("%1", date.today().isoformat()))
        y = 32
        if plan is not None:
            painter.setPen(QColor("#455a64"))
            lines = [self.describe(plan)]
            units = sorted({c.unit for c in plan.contacts if c.unit is not None})
            for unit in units:
                people = "、".join(c.line(language()) for c in plan.contacts if c.unit == unit)
                lines.append(self.tr("%1单元：").replace("%1", str(unit)) + people)
            text = "　".join(lines)
            box = painter.boundingRect(QRect(0, y, width, 200), Qt.TextFlag.TextWordWrap, text)
            painter.drawText(box, Qt.TextFlag.TextWordWrap, text)
            y = box.bottom() + 6
        x = 0
        metrics = painter.fontMetrics()
        for text, colour, mark in self.legend():
            label = f"{mark} {text}" if mark else text
            w = metrics.horizontalAdvance(label) + 12
            if x + w > width:
                x, y = 0, y + 20
            if mark:
                painter.setPen(QColor(colour))
                painter.drawText(QRect(x, y, w, 16),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            else:
                painter.fillRect(QRect(x, y, w - 4, 16), QColor(colour))
                painter.setPen(QColor(text_colour(colour)))
                painter.drawText(QRect(x, y, w - 4, 16), Qt.AlignmentFlag.AlignCenter, label)
            x += w
        painter.setPen(QColor("#212121"))
        return y + 26


Page = BuildingChartPage
