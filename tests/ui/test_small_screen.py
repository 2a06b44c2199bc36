"""Every page works at 1024x700 in Chinese and English: the window stays that size (no page
forces it wider), no table header is clipped and every filter box shows its whole text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QStyleOptionViewItem,
    QTabWidget,
)

from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.widgets.tables import text_room

SIZE = (1024, 700)


@pytest.fixture(params=["zh", "en"])
def window(request: pytest.FixtureRequest, qtbot, gk: GridKeeper, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    from ui.app import STYLE, install_cjk_font, install_language

    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    install_cjk_font(app)  # as the app starts: its font, style sheet and language
    app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    install_language(app, request.param)
    for n in range(1, 4):
        gk.register.save_household(household(f"A{n:03d}", grid="阳光社区第12网格", room=f"{n}01"))
    shown = MainWindow(Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                               "/home/office/GridKeeper/gridkeeper.db", "administrator"))
    qtbot.addWidget(shown)
    shown.resize(*SIZE)
    shown.show()
    yield shown
    install_language(app, "zh")
    app.setStyleSheet(sheet)
    app.setFont(font)


def clipped_headers(page) -> list[str]:  # noqa: ANN001
    """The titles of visible columns narrower than their header text."""
    found = []
    for view in page.findChildren(QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)()
        if header is None or not view.isVisible() or header.isHidden():
            continue
        metrics = header.fontMetrics()
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            title = str(view.model().headerData(column, header.orientation()) or "")
            if title and header.sectionSize(column) < metrics.horizontalAdvance(title) + 6:
                found.append(title)
    return found


def clipped_boxes(page) -> list[str]:  # noqa: ANN001
    """The current texts of visible drop-down boxes too narrow to show them whole, and the
    placeholders of search boxes squeezed to a sliver to make room for them."""
    clipped = [box.currentText() for box in page.findChildren(QComboBox)
               if box.isVisible() and not box.isEditable() and box.currentText()
               and text_room(box) < box.fontMetrics().horizontalAdvance(box.currentText())]
    return clipped + [edit.placeholderText() for edit in page.findChildren(QLineEdit)
                      if edit.isVisible() and edit.placeholderText()
                      and not isinstance(edit.parent(), (QComboBox, QAbstractSpinBox))
                      and edit.width() < min(100, 12 + edit.fontMetrics().horizontalAdvance(
                          edit.placeholderText()))]


def each_tab(page) -> Iterator[None]:  # noqa: ANN001
    """Shows every tab of ``page`` in turn, not only the first."""
    yield
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield
        tabs.setCurrentIndex(0)


def each_page(window: MainWindow) -> Iterator[str]:
    """Shows every page in turn with its data, the window asked back to 1024x700 after it
    (twice: a page that wants more room asks for it once the first resize has laid it out)."""
    for name in PAGES:
        window.show_page(name)
        window.wait_idle()
        for _ in range(2):
            window.resize(*SIZE)
            QApplication.processEvents()
        yield name


def wrong_on_every_tab(window: MainWindow, check) -> dict[str, object]:  # noqa: ANN001
    """What ``check(page)`` finds on any tab of any page, by page; a page that forces the
    window larger is reported by its size instead."""
    wrong: dict[str, object] = {}
    for name in each_page(window):
        if (window.width(), window.height()) != SIZE:
            wrong[name] = (window.width(), window.height())
            continue
        page, found = window.page(name), []
        for _ in each_tab(page):
            found += [text for text in check(page) if text not in found]
        if found:
            wrong[name] = found
    return wrong


def test_every_page_fits_1024_by_700_and_no_header_is_clipped(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    assert wrong_on_every_tab(window, clipped_headers) == {}


def test_every_filter_box_shows_its_whole_text_at_1024(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    assert wrong_on_every_tab(window, clipped_boxes) == {}


def test_the_dashboards_grid_table_and_this_weeks_households_are_in_view_at_1024(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from ui.pages.this_week.model import ADDRESS, HEAD

    window.show_page("dashboard")
    window.wait_idle()
    dashboard = window.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.table.rowCount() > 0)
    # every column of the grid table in view beside the households list: no sideways scrolling
    qtbot.waitUntil(lambda: dashboard.table.horizontalHeader().length()
                    <= dashboard.table.viewport().width())
    assert dashboard.households.width() >= 200
    window.show_page("this_week")
    window.wait_idle()
    page = window.page("this_week")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    QApplication.processEvents()
    # typing starts in the result column, but the page opens at the left: whose results they are
    assert page.table.horizontalScrollBar().value() == 0
    for column in (ADDRESS, HEAD):
        assert page.table.columnViewportPosition(column) + page.table.columnWidth(column) \
            <= page.table.viewport().width()


def test_one_very_long_estate_name_does_not_push_this_weeks_columns_out_of_view(
        qtbot, gk: GridKeeper, window: MainWindow) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from ui.pages.this_week.model import ADDRESS, HEAD

    estate = "阳光花园小区东区" * 12  # 96 characters: an office's full formal name, typed whole
    gk.register.save_household(household("A100", grid="阳光社区第12网格", estate=estate))
    window.show_page("this_week")
    window.wait_idle()
    page = window.page("this_week")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    QApplication.processEvents()
    assert page.table.columnViewportPosition(HEAD) + page.table.columnWidth(HEAD) \
        <= page.table.viewport().width()
    row = next(r for r in range(page.model.rowCount())
               if page.model.data(page.model.index(r, 0)) == "A100")
    assert estate in page.model.data(page.model.index(row, ADDRESS), Qt.ItemDataRole.ToolTipRole)
    # cut in its middle: the building, unit and room at its end stay in view
    option = QStyleOptionViewItem()
    page.table.itemDelegateForColumn(ADDRESS).initStyleOption(option, page.model.index(row, ADDRESS))
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    assert not option.features & QStyleOptionViewItem.ViewItemFeature.WrapText


def test_the_dashboards_headline_wraps_only_between_clauses(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """A count never leaves its unit or name behind ("预警 56\\n个"): at 1024 px, and at any
    narrower width, the headline breaks only after a comma, semicolon or colon."""
    from PySide6.QtGui import QTextLayout

    window.show_page("dashboard")
    window.wait_idle()
    headline = window.page("dashboard").headline
    qtbot.waitUntil(lambda: any(c.isdigit() for c in headline.text()))
    QApplication.processEvents()
    text = headline.text()
    wrong = []
    for width in range(headline.contentsRect().width(), 240, -20):
        layout = QTextLayout(text, headline.font())
        layout.beginLayout()
        ends = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            ends.append(line.textStart() + line.textLength())
        layout.endLayout()
        wrong += [(width, text[:end]) for end in ends[:-1] if text[:end].rstrip()[-1] not in "，；：,;:"]
    assert wrong == []
