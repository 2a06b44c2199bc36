"""The main window: left navigation, a grid / building tree scoping every page, the pages,
and a status bar with the database, the household count and the user."""

from __future__ import annotations

import importlib

import qtawesome as qta
from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.context import Context
from ui.pages import NAVIGATION, PAGE_MODULES, PAGES

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.settings = context.settings
        self.setWindowTitle(self.tr("GridKeeper 社区网格走访台账"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.pages = QStackedWidget()
        self.page_widgets: dict[str, QWidget] = {}  # the pages built so far
        self._scope: tuple[int | None, int | None] = (None, None)
        for name in PAGES:
            title, icon = NAVIGATION[name]
            item = QListWidgetItem(qta.icon(icon, color="#37474f"), QCoreApplication.translate("Page", title))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(item)
        self.nav.setMaximumWidth(170)
        self.nav.setMinimumWidth(130)

        self.scope = QTreeWidget()
        self.scope.setHeaderLabel(self.tr("网格 / 楼栋"))
        self._fill_scope()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.nav, 0)
        left_layout.addWidget(self.scope, 1)
        self.nav.setFixedHeight(self.nav.sizeHintForRow(0) * len(PAGES) + 8)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.pages)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([190, 1100])
        self.setCentralWidget(self.split)

        self.database_label = QLabel(self.tr("数据库：%1").replace("%1", context.database_label))
        self.count_label = QLabel()
        self.user_label = QLabel(self.tr("当前用户：%1").replace("%1", context.user))
        for label in (self.database_label, self.count_label, self.user_label):
            self.statusBar().addPermanentWidget(label)
        self.update_count()

        self.nav.currentRowChanged.connect(self._page_chosen)
        self.scope.currentItemChanged.connect(lambda *_: self._scope_chosen())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._find)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self._new)

        self._restore()

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built the first time it is asked for."""
        page = self.page_widgets.get(name)
        if page is None:
            page = importlib.import_module(PAGE_MODULES[name]).Page(self.context)
            page.set_scope(*self._scope)
            self.page_widgets[name] = page
            self.pages.addWidget(page)
        return page

    def register(self):  # noqa: ANN201 - the register page
        return self.page("register")

    def _fill_scope(self) -> None:
        root = QTreeWidgetItem([self.tr("全部网格")])
        root.setIcon(0, qta.icon("fa5s.city", color="#546e7a"))
        root.setData(0, SCOPE_ROLE, (None, None))
        self.scope.addTopLevelItem(root)
        for grid in self.context.gk.browse.tree():
            node = QTreeWidgetItem([grid.name])
            node.setIcon(0, qta.icon("fa5s.th-large", color="#1565c0"))
            node.setData(0, SCOPE_ROLE, (grid.id, None))
            for building in grid.buildings:
                leaf = QTreeWidgetItem([building.label])
                leaf.setIcon(0, qta.icon("fa5s.building", color="#78909c"))
                leaf.setData(0, SCOPE_ROLE, (grid.id, building.id))
                node.addChild(leaf)
            root.addChild(node)
        root.setExpanded(True)

    def _find_scope_item(self, grid_id: int | None, building_id: int | None) -> QTreeWidgetItem | None:
        stack = [self.scope.topLevelItem(i) for i in range(self.scope.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if tuple(item.data(0, SCOPE_ROLE)) == (grid_id, building_id):
                return item
            stack += [item.child(i) for i in range(item.childCount())]
        return None

    def _scope_chosen(self) -> None:
        item = self.scope.currentItem()
        grid_id, building_id = item.data(0, SCOPE_ROLE) if item else (None, None)
        self._scope = (grid_id, building_id)
        for page in self.page_widgets.values():
            page.set_scope(grid_id, building_id)
        self.settings.setValue("main/scope", f"{grid_id or ''}:{building_id or ''}")

    def _page_chosen(self, row: int) -> None:
        if not 0 <= row < len(PAGES):
            return
        self.pages.setCurrentWidget(self.page(PAGES[row]))
        self.settings.setValue("main/page", PAGES[row])

    def show_page(self, name: str) -> None:
        if name in PAGES:
            self.nav.setCurrentRow(PAGES.index(name))

    def update_count(self) -> None:
        count = self.context.gk.browse.household_count()
        self.count_label.setText(self.tr("住户：%1 户").replace("%1", f"{count:,}"))

    def _find(self) -> None:
        self.show_page("register")
        self.register().focus_search()

    def _new(self) -> None:
        self.show_page("register")
        self.register().new_household()

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        scope = str(self.settings.value("main/scope", ":"))
        grid, _, building = scope.partition(":")
        item = self._find_scope_item(int(grid) if grid else None, int(building) if building else None)
        self.scope.setCurrentItem(item or self.scope.topLevelItem(0))
        self.show_page(str(self.settings.value("main/page", "register")))

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self.settings.setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)

    def wait_idle(self) -> None:
        """Until the pages built so far have their data (screenshots and tests)."""
        for page in list(self.page_widgets.values()):
            wait = getattr(page, "wait_idle", None)
            if wait is not None:
                wait()
