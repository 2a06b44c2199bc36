"""The 楼栋图 page: the colour-coded building map community staff draw by hand. Floors are
rows (top floor on top), unit and room position are columns; each flat is coloured by its
governing (strictest) category, marked with this week's state, and shows the head's name.

Data: the register rows of the building (``gk.browse``), the governing category of each flat
(``gk.roster.explain``) and this week's roster (``gk.roster.roster``), gathered off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
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

from gridkeeper.domain.enums import Period
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.policy import RosterReason
from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.facade import GridKeeper
from ui.context import Context
from ui.operations import Changes
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.colours import category_colours, text_colour
from ui.widgets.tables import compact

CELL = QSize(96, 46)
HEADER = 64  # room for the column titles (unit / room)
LEFT = 48  # room for the floor numbers
NO_CATEGORY = "#ffffff"
MARKS = {"visited": ("✓", "#2e7d32"), "due": ("●", "#ef6c00"), "overdue": ("!", "#c62828"),
         "absent": ("?", "#6a1b9a")}


@dataclass(frozen=True)
class Flat:
    household_id: int
    unit: int
    floor: int
    room: str
    head: str
    governing: str | None
    state: str | None  # one of MARKS, or None
    code: str
    residents: int
    last_visit: date | None


def room_position(floor: int, room: str) -> str:
    """"1203" on floor 12 is position "03": the column within a floor."""
    prefix = str(floor)
    return room[len(prefix):] if room.startswith(prefix) and len(room) > len(prefix) else room


def gather(gk: GridKeeper, building_id: int, grid: str | None, today: date) -> list[Flat]:
    ids = gk.browse.search_ids(RegisterFilter(building_id=building_id))
    rows = gk.browse.rows(ids)
    roster = {r.household_id: r for r in gk.roster.roster(span_of(Period.WEEK, today), grid=grid).rows}
    flats = []
    for hid in ids:
        row = rows[hid]
        governing = gk.roster.explain(hid, today).governing
        on_roster = roster.get(hid)
        state = None
        if on_roster is not None:
            state = "overdue" if on_roster.reason is RosterReason.OVERDUE else "due"
            attempt, last = on_roster.last_attempt, on_roster.last_visit
            if state != "overdue" and attempt and (not last or attempt > last):
                state = "absent"  # nobody was home the last time someone called
        elif row.last_visit is not None:
            state = "visited"
        flats.append(Flat(hid, row.unit, row.floor, row.room, row.head, governing, state, row.code,
                          row.residents, row.last_visit))
    return flats


class BuildingMap(QWidget):
    """The painted grid of flats; :meth:`cell_rect` says where each flat is drawn."""

    household_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flats: list[Flat] = []
        self.colours: dict[str, str] = {}
        self.columns: list[tuple[int, str]] = []
        self.floors: list[int] = []
        self.setMouseTracking(True)

    def set_flats(self, flats: list[Flat], colours: dict[str, str]) -> None:
        self.flats = flats
        self.colours = colours
        self.columns = sorted({(f.unit, room_position(f.floor, f.room)) for f in flats},
                              key=lambda c: (c[0], natural_key(c[1])))
        self.floors = sorted({f.floor for f in flats}, reverse=True)  # top floor on top
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(LEFT + CELL.width() * max(len(self.columns), 1) + 8,
                     HEADER + CELL.height() * max(len(self.floors), 1) + 8)

    def cell_rect(self, flat: Flat) -> QRect:
        column = self.columns.index((flat.unit, room_position(flat.floor, flat.room)))
        row = self.floors.index(flat.floor)
        return QRect(LEFT + column * CELL.width(), HEADER + row * CELL.height(), CELL.width() - 2,
                     CELL.height() - 2)

    def colour_of(self, flat: Flat) -> str:
        return self.colours.get(flat.governing or "", NO_CATEGORY)

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
        units = {}
        for i, (unit, position) in enumerate(self.columns):
            x = LEFT + i * CELL.width()
            units.setdefault(unit, x)
            painter.drawText(QRect(x, HEADER - 22, CELL.width(), 20), Qt.AlignmentFlag.AlignCenter, position)
        for unit, x in units.items():
            painter.drawText(QRect(x, 4, CELL.width() * 2, 20), Qt.AlignmentFlag.AlignLeft,
                             self.tr("%1单元").replace("%1", str(unit)))
        for r, floor in enumerate(self.floors):
            painter.drawText(QRect(0, HEADER + r * CELL.height(), LEFT - 6, CELL.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("%1层").replace("%1", str(floor)))
        for flat in self.flats:
            rect = self.cell_rect(flat)
            colour = self.colour_of(flat)
            painter.fillRect(rect, QColor(colour))
            painter.setPen(QColor("#90a4ae"))
            painter.drawRect(rect)
            painter.setPen(QColor(text_colour(colour)))
            painter.drawText(rect.adjusted(4, 2, -4, -2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, flat.room)
            painter.drawText(rect.adjusted(4, 2, -4, -2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, flat.head)
            if flat.state in MARKS:
                mark, mark_colour = MARKS[flat.state]
                badge = QRect(rect.right() - 18, rect.top() + 3, 15, 15)
                painter.setBrush(QColor("#ffffff"))
                painter.setPen(QColor(mark_colour))
                painter.drawEllipse(badge)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
                painter.setBrush(Qt.BrushStyle.NoBrush)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        flat = self.flat_at(event.position().toPoint())
        if flat is None:
            self.setToolTip("")
            return
        self.setToolTip(self.tr("%1 %2室\n户主：%3\n人口：%4\n上次走访：%5").replace("%1", flat.code)
                        .replace("%2", flat.room).replace("%3", flat.head).replace("%4", str(flat.residents))
                        .replace("%5", str(flat.last_visit or self.tr("从未"))))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        flat = self.flat_at(event.position().toPoint())
        if flat is not None:
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
        self.building_box = QComboBox()
        self.grid_of: dict[int, str] = {}
        for node in self.gk.browse.tree():
            for building in node.buildings:
                self.building_box.addItem(f"{node.name} · {building.label}", building.id)
                self.grid_of[building.id] = node.name
        self.building_box.setMinimumWidth(260)
        self.print_button = QPushButton(self.tr("导出 PDF"))
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("楼栋：")))
        bar.addWidget(self.building_box)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.print_button)
        # one line of coloured chips that wraps: twenty categories fit a 1024-pixel screen
        chips = []
        for code, colour in self.colours.items():
            name = escape(self.colours.names.get(code, code)).replace(" ", "&nbsp;")
            chips.append(f"<span style='background-color:{colour}; color:{text_colour(colour)}'>"
                         f"&nbsp;{name}&nbsp;</span>")
        for state, text in (("visited", self.tr("本期已访")), ("due", self.tr("应访")),
                            ("overdue", self.tr("逾期")), ("absent", self.tr("上次未遇"))):
            mark, colour = MARKS[state]
            label = escape(text).replace(" ", "&nbsp;")
            chips.append(f"<span style='color:{colour}'>{mark}</span>&nbsp;{label}")
        self.legend = QLabel("&nbsp; ".join(chips))
        self.legend.setWordWrap(True)
        self.status.setWordWrap(True)
        compact(self.building_box, letters=12)
        self.map = BuildingMap()
        scroll = QScrollArea()
        scroll.setWidget(self.map)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.legend)
        layout.addWidget(scroll, 1)
        self.building_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button.clicked.connect(lambda: self.export_pdf())
        self.map.household_clicked.connect(self.open_household)
        self.refresh()

    def title(self) -> str:
        return self.tr("楼栋图")

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        if building_id is not None:
            index = self.building_box.findData(building_id)
            if index >= 0:
                self.building_box.setCurrentIndex(index)

    def wait_idle(self) -> None:
        self.runner.wait()

    def apply_changes(self, changes: Changes) -> None:
        if changes.rosters:
            self.refresh()

    def refresh(self) -> None:
        building_id = self.building_box.currentData()
        if building_id is None:
            self.status.setText(self.tr("没有楼栋"))
            return
        grid = self.grid_of.get(building_id)
        self.status.setText(self.tr("正在读取…"))
        today = date.today()

        def arrived(flats: list[Flat]) -> None:
            self.loaded_building = building_id
            self.map.set_flats(flats, dict(self.colours))
            self.status.setText(self.tr("%1 户").replace("%1", str(len(flats))))

        self.runner.submit(lambda: gather(self.gk, building_id, grid, today), arrived,
                           lambda e: self.status.setText(error_text(e)))

    def open_household(self, household_id: int) -> None:
        from ui.pages.register.detail import HouseholdDetail

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("住户详情"))
        detail = HouseholdDetail(self.gk, dialog)
        QVBoxLayout(dialog).addWidget(detail)
        detail.show_household(household_id)
        dialog.resize(640, 560)
        dialog.show()
        self.last_dialog = dialog

    def export_pdf(self, target: str | None = None) -> Path | None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("导出 PDF"), "楼栋图.pdf", "PDF (*.pdf)")
            if not target:
                return None
        # written beside the target and renamed when complete: a full disk or a file open in
        # another program leaves no half a PDF, and is said here rather than on stderr
        path = Path(target)
        partial = path.with_name(path.name + ".part")
        writer = QPdfWriter(str(partial))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setResolution(96)
        painter = QPainter()
        try:
            if not painter.begin(writer):
                raise OSError(self.tr("无法写入 %1").replace("%1", str(path)))
            size = self.map.sizeHint()
            area = writer.pageLayout().paintRectPixels(writer.resolution())
            scale = min(area.width() / size.width(), area.height() / size.height(), 1.0)
            painter.scale(scale, scale)
            self.map.paint(painter)
            painter.end()
            del writer
            partial.replace(path)
        except OSError as error:
            if painter.isActive():
                painter.end()
            partial.unlink(missing_ok=True)
            self.status.setText(self.tr("导出失败：%1").replace("%1", error_text(error)))
            return None
        self.status.setText(self.tr("已导出：%1").replace("%1", str(path)))
        return path


Page = BuildingChartPage
