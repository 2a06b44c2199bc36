"""Every page works at 1024x700 in Chinese and English: the window stays that size (no page
forces it wider), and no table header is clipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget

from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.main_window import MainWindow
from ui.pages import PAGES

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


def test_every_page_fits_1024_by_700_and_no_header_is_clipped(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    wrong = {}
    for name in PAGES:
        window.show_page(name)
        window.wait_idle()
        window.resize(*SIZE)
        QApplication.processEvents()
        window.resize(*SIZE)
        QApplication.processEvents()
        if (window.width(), window.height()) != SIZE:
            wrong[name] = (window.width(), window.height())
            continue
        clipped = clipped_headers(window.page(name))
        for tabs in window.page(name).findChildren(QTabWidget):  # every tab, not only the first
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                clipped += clipped_headers(tabs.widget(index))
            tabs.setCurrentIndex(0)
        if clipped:
            wrong[name] = clipped
    assert wrong == {}


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
