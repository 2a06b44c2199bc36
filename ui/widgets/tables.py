"""Tables and bars that behave the same on every page: sorted by a click on a header, headers
never clipped, addresses cut in their middle (:class:`AddressDelegate`), filter bars that give
way on a 1024-pixel screen.

Pages keep their rows in a list (``self.rows``) and fill a QTableWidget from it, so row ``i``
of the table is ``rows[i]``. Qt's own sorting would move the items and break that; a
:class:`HeaderSort` instead reorders the page's list by what the clicked column shows (by
:func:`sort_key`: numbers and percentages by their value, names in the natural order, 第2网格
before 第10网格, dates by date, empty cells last) and has the page fill the table again. A row
can be pinned last (a total). A table whose rows are only its items (a file's problems, a
preview) sorts the same way with :class:`ItemSort`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableWidget,
)

from gridkeeper.domain.ordering import natural_key

_NUMBER = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?\s*[%％]?")
_BLANK = frozenset(("", "—", "–", "-", "…"))


def sort_key(text: str) -> tuple[Any, ...]:
    """What a cell sorts by: a number or percentage by its value ("9.5%" before "10.0%",
    "1,200" after "980"), anything else in the natural order, numbers before words."""
    text = text.strip()
    if _NUMBER.fullmatch(text):
        return (0, float(text.rstrip("%％ ").replace(",", "").replace("−", "-")))
    return (1, natural_key(text))


def blank(text: str) -> bool:
    """A cell with nothing in it (or a dash for "no figure"): it sorts last either way."""
    return text.strip() in _BLANK


class HeaderSort(QObject):
    """Sorting of a page's rows by a click on ``table``'s header.

    ``rows()`` gives the page's rows in table order, ``show(rows)`` takes them sorted (the page
    keeps them and fills the table again); ``pinned(row)`` keeps a row last (a total);
    ``keys`` sorts a column by a value of the row instead of its text (a countdown by its date).
    """

    def __init__(self, table: QTableWidget, rows: Callable[[], Sequence[Any]],
                 show: Callable[[list[Any]], None], pinned: Callable[[Any], bool] | None = None,
                 keys: Mapping[int, Callable[[Any], Any]] | None = None) -> None:
        super().__init__(table)
        self.table = table
        self.rows = rows
        self.show = show
        self.pinned = pinned or (lambda _row: False)
        self.keys = dict(keys or {})
        self.column = -1  # as the service gave them until a header is clicked
        self.order = Qt.SortOrder.AscendingOrder
        header = table.horizontalHeader()
        table.setSortingEnabled(False)  # the items stay where the page put them
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, self.order)
        header.sectionClicked.connect(self._clicked)

    def _clicked(self, column: int) -> None:
        if column == self.column:
            self.order = (Qt.SortOrder.DescendingOrder if self.order is Qt.SortOrder.AscendingOrder
                          else Qt.SortOrder.AscendingOrder)
        else:
            self.column, self.order = column, Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(self.column, self.order)
        self.resort()

    def resort(self) -> None:
        """Sort the rows shown now by the chosen column (after the page filled the table)."""
        if self.column < 0:
            return
        rows = list(self.rows())
        texts = [self._text(r) for r in range(min(len(rows), self.table.rowCount()))]
        if len(texts) != len(rows):
            return
        key = self.keys.get(self.column)
        empty = [False] * len(rows) if key else [blank(text) for text in texts]
        values = [key(row) for row in rows] if key else [sort_key(text) for text in texts]
        order = sorted((r for r in range(len(rows)) if not empty[r]), key=values.__getitem__,
                       reverse=self.order is Qt.SortOrder.DescendingOrder)
        order += [r for r in range(len(rows)) if empty[r]]
        kept = [rows[r] for r in order if not self.pinned(rows[r])]
        self.show(kept + [rows[r] for r in order if self.pinned(rows[r])])

    def _text(self, row: int) -> str:
        item = self.table.item(row, self.column)
        return item.text() if item is not None else ""


class ItemSort(HeaderSort):
    """Header sorting of a table whose items are all there is to a row (no list behind it):
    the rows' items, their row titles included, are moved into the order clicked. After the
    table is filled again, ``resort()`` keeps the order chosen."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table, lambda: range(table.rowCount()), self._put)

    def _put(self, order: list[int]) -> None:
        table = self.table
        columns = range(table.columnCount())
        rows = [([table.takeItem(r, c) for c in columns], table.takeVerticalHeaderItem(r)) for r in order]
        for r, (items, title) in enumerate(rows):
            for c, item in zip(columns, items, strict=True):
                if item is not None:
                    table.setItem(r, c, item)
            if title is not None:
                table.setVerticalHeaderItem(r, title)


def fit_columns(table: QTableWidget, stretch: int) -> None:
    """Every column as wide as its header and contents; ``stretch`` takes what is left but
    never less than its own header and contents (an English header is not clipped to
    "Addr..."): a narrow window scrolls sideways rather than clip."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    _Filler(table, stretch, contents=True)


def keep_header(table: QTableWidget, column: int) -> None:
    """``column`` takes the room the others leave, but never gets narrower than its header's
    text (its contents may be cut: a need's long text)."""
    _Filler(table, column, contents=False)


class AddressDelegate(QStyledItemDelegate):
    """An address cut in its middle where the column is too narrow: the estate's long name
    gives way, the building, unit and room at its end stay in view."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
        # one line: a wrapped address would be cut at its end again, under the row's height
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


class _Filler(QObject):
    """Gives one column the room the other columns leave, never less than it needs. (Qt's
    Stretch squeezes a column to the header's one minimum size, and a minimum wide enough
    for one header widens every other column as well.)"""

    def __init__(self, table: QTableWidget, column: int, contents: bool) -> None:
        super().__init__(table)
        self.table, self.column, self.contents = table, column, contents
        header = table.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        header.sectionResized.connect(lambda logical, _old, _new: logical != column and self.timer.start())
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.headerDataChanged):
            signal.connect(self.timer.start)
        table.viewport().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.timer.start()
        return False

    def needed(self) -> int:
        """The header's text with its margins and sort arrow, and the contents if they count."""
        wide = self.table.horizontalHeader().sectionSizeHint(self.column)
        if self.contents and self.table.rowCount():
            wide = max(wide, self.table.sizeHintForColumn(self.column))
        return wide

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        if self.column >= header.count():
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != self.column and not header.isSectionHidden(c))
        header.resizeSection(self.column, max(self.needed(), self.table.viewport().width() - others))


def compact(*boxes: QComboBox, letters: int = 8, most: int = 24) -> None:
    """Filter boxes that show their whole current text ("All outcomes", a grid's name) yet never
    ask for room for their longest entry: a box is as wide as its current text (at least
    ``letters`` characters, at most ``most``), so a long category name in the list does not
    make the whole window wider than a 1024-pixel screen."""
    for box in boxes:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(letters)
        fit = _FitCurrent(box, most)
        box.currentTextChanged.connect(fit.fit)
        fit.fit()


def text_room(box: QComboBox) -> int:
    """How many pixels of text ``box`` shows (its edit field, without frame, arrow and icon)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxEditField, box)
    icon = box.iconSize().width() + 4 if not box.itemIcon(box.currentIndex()).isNull() else 0
    return field.width() - icon


class _FitCurrent(QObject):
    """Keeps a box's minimum width at what its current text needs, again when its font or style
    changes (the style sheet is applied when the box is first shown)."""

    def __init__(self, box: QComboBox, most: int) -> None:
        super().__init__(box)
        self.box = box
        self.most = most
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self, *_: object) -> None:
        box = self.box
        metrics = box.fontMetrics()
        text = min(metrics.horizontalAdvance(box.currentText()) + 2,
                   metrics.horizontalAdvance("x") * self.most)
        room = text_room(box)  # the box's frame, arrow, icon and margins, as the style lays them out
        around = box.width() - room if box.width() > room > 0 else \
            box.minimumSizeHint().width() - metrics.horizontalAdvance("x") * box.minimumContentsLength()
        width = max(text + around, 0)
        if width != box.minimumWidth():
            box.setMinimumWidth(width)
