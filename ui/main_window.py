"""The main window: left navigation, a grid / building tree scoping every page, the pages,
and a status bar with the database, the household count, the user and what is being saved.

Every write runs through ``context.operations`` (ui/operations.py); when one is done the
window hands what it changed to every page built so far (``apply_changes``), and updates its
own household count and grid tree.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.context import Context
from ui.operations import Changes
from ui.pages import NAVIGATION, PAGE_MODULES, PAGES
from ui.tasks import Runner
from ui.widgets.unsaved import Choice, ask_to_save

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1
COMMUNITY = "community"  # a community node's scope is (COMMUNITY, community id)


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
        self._community: int | None = None  # a community chosen in the tree
        for name in PAGES:
            title, icon = NAVIGATION[name]
            item = QListWidgetItem(icons.icon(icon, color="#37474f"),
                                   QCoreApplication.translate("Page", title))
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

        self.activity_bar = QProgressBar()
        self.activity_bar.setRange(0, 0)
        self.activity_bar.setMaximumWidth(90)
        self.activity_bar.setMaximumHeight(14)
        self.activity_label = QLabel()
        self.activity_bar.hide()
        # the file's name only (a Windows data folder path is wider than the screen); all of it
        # in the tooltip
        shown = context.database_label.replace("\\", "/").rsplit("/", 1)[-1] or context.database_label
        self.database_label = QLabel(self.tr("数据库：%1").replace("%1", shown))
        self.database_label.setToolTip(context.database_label)
        self.count_label = QLabel()
        self.user_label = QLabel(self.tr("当前用户：%1").replace("%1", context.user))
        for label in (self.activity_label, self.activity_bar, self.database_label, self.count_label,
                      self.user_label):
            self.statusBar().addPermanentWidget(label)
        self.counter = Runner(self)
        self.update_count()
        context.operations.changed.connect(self.apply_changes)
        context.operations.activity.connect(self._show_activity)

        self.nav.currentRowChanged.connect(self._page_chosen)
        self.scope.currentItemChanged.connect(lambda *_: self._scope_chosen())
        from ui.menu_bar import MenuBar

        self.menus = MenuBar(self)

        self._close_confirmed = False
        self._restore()

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built the first time it is asked for."""
        page = self.page_widgets.get(name)
        if page is None:
            page = importlib.import_module(PAGE_MODULES[name]).Page(self.context)
            self._scope_page(page)
            # a table's context menu (and Enter) on the page or on a list inside it
            for widget in (page, *page.findChildren(QWidget)):
                if isinstance(getattr(type(widget), "household_action", None), Signal):
                    widget.household_action.connect(self.household_action)
            self.page_widgets[name] = page
            self.pages.addWidget(page)
        return page

    def register(self):  # noqa: ANN201 - the register page
        return self.page("register")

    def _fill_scope(self) -> None:
        root = QTreeWidgetItem([self.tr("全部网格")])
        root.setIcon(0, icons.icon("fa5s.city", color="#546e7a"))
        root.setData(0, SCOPE_ROLE, (None, None))
        self.scope.addTopLevelItem(root)
        communities = self.context.gk.browse.communities()
        # one icon per kind of node, shared: a street's tree has thousands of buildings
        community_icon = icons.icon("fa5s.landmark", color="#6a1b9a")
        grid_icon = icons.icon("fa5s.th-large", color="#1565c0")
        building_icon = icons.icon("fa5s.building", color="#78909c")
        for community in communities:
            # a street office's grids sit under their community; one community needs no level
            parent = root
            if len(communities) > 1:
                parent = QTreeWidgetItem([community.name])
                parent.setIcon(0, community_icon)
                parent.setData(0, SCOPE_ROLE, (COMMUNITY, community.id))
                root.addChild(parent)
            for grid in community.grids:
                node = QTreeWidgetItem([grid.name])
                node.setIcon(0, grid_icon)
                node.setData(0, SCOPE_ROLE, (grid.id, None))
                for building in grid.buildings:
                    leaf = QTreeWidgetItem([building.label])
                    leaf.setIcon(0, building_icon)
                    leaf.setData(0, SCOPE_ROLE, (grid.id, building.id))
                    node.addChild(leaf)
                parent.addChild(node)
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
        community_id = None
        if grid_id == COMMUNITY:  # a community: pages that know communities narrow to it
            grid_id, building_id, community_id = None, None, building_id
        self._scope = (grid_id, building_id)
        self._community = community_id
        for page in self.page_widgets.values():
            self._scope_page(page)
        self.settings.setValue("main/scope", f"c{community_id}" if community_id else
                               f"{grid_id or ''}:{building_id or ''}")

    def _scope_page(self, page: QWidget) -> None:
        set_community = getattr(page, "set_community", None)
        if set_community is not None:
            set_community(self._community)
        page.set_scope(*self._scope)

    def _page_chosen(self, row: int) -> None:
        if not 0 <= row < len(PAGES):
            return
        self.pages.setCurrentWidget(self.page(PAGES[row]))
        self.settings.setValue("main/page", PAGES[row])
        if hasattr(self, "menus"):
            self.menus.page_shown()

    def show_page(self, name: str) -> None:
        if name in PAGES:
            self.nav.setCurrentRow(PAGES.index(name))

    def update_count(self) -> None:
        browse = self.context.gk.browse
        self.counter.submit(browse.household_count, lambda count: self.count_label.setText(
            self.tr("住户：%1 户").replace("%1", f"{count:,}")))

    def apply_changes(self, changes: Changes, initiator: object = None) -> None:
        """A write is done: every page built so far but the one that asked refreshes what
        depends on it; the household count and the grid tree follow the register."""
        if changes.households:
            self.update_count()
        if changes.households or changes.settings:
            self._refill_scope()
        for page in list(self.page_widgets.values()):
            apply = getattr(page, "apply_changes", None)
            if apply is not None and page is not initiator:
                apply(changes)

    def _show_activity(self, label: str) -> None:
        self.activity_label.setText(label)
        self.activity_bar.setVisible(bool(label))

    def _refill_scope(self) -> None:
        """The tree again (a new grid or building), keeping what was chosen."""
        grid_id, building_id = self._scope
        if self._community is not None:
            grid_id, building_id = COMMUNITY, self._community  # type: ignore[assignment]
        self.scope.blockSignals(True)
        self.scope.clear()
        self._fill_scope()
        item = self._find_scope_item(grid_id, building_id) or self._find_scope_item(grid_id, None)
        self.scope.setCurrentItem(item or self.scope.topLevelItem(0))
        self.scope.blockSignals(False)
        if item is None or tuple(item.data(0, SCOPE_ROLE)) != (grid_id, building_id):
            self._scope_chosen()  # what was chosen is gone: the pages follow the tree

    def household_action(self, what: str, household_id: int) -> None:
        """What a table's context menu asked for one household (ui/widgets/household_menu.py)."""
        from ui.widgets.household_menu import NEED, OPEN, VISIT, VISIT_LOG

        if what == OPEN:
            self.register().open_household(household_id)
        elif what == VISIT:
            self.show_page("this_week")
            this_week = self.page("this_week")
            if not this_week.select_household(household_id):  # type: ignore[attr-defined]
                self.statusBar().showMessage(
                    self.tr("此户不在所选周和网格的走访名单上。"), 15_000)
        elif what == NEED:
            self._raise_need(household_id)
        elif what == VISIT_LOG:
            from ui.widgets.visit_log import print_visit_log

            row = self.context.gk.browse.rows([household_id]).get(household_id)
            if row is not None:
                print_visit_log(self.register(), self.context, household=row.code)

    def _raise_need(self, household_id: int) -> None:
        """The need dialog with the household fixed; recorded by the needs page (as an intake)."""
        from PySide6.QtWidgets import QDialog

        from gridkeeper.domain.addresses import address_text
        from gridkeeper.services.needs import HouseholdChoice
        from ui.widgets.need_intake import NeedIntakeDialog

        row = self.context.gk.browse.rows([household_id]).get(household_id)
        if row is None:
            return
        dialog = NeedIntakeDialog(self.context.gk, self, household=HouseholdChoice(
            row.id, row.code, row.grid, address_text(row.estate, row.building, row.unit, row.room),
            row.head, "register"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page("needs").intake(dialog.draft())  # type: ignore[attr-defined]

    def find_household(self) -> None:
        self.show_page("register")
        self.register().focus_search()

    def new_item(self) -> None:
        """Ctrl+N: a new need on the needs page, a new household anywhere else."""
        intake = getattr(self.pages.currentWidget(), "intake", None)
        if callable(intake):
            intake()
        else:
            self.new_household()

    def new_household(self) -> None:
        self.show_page("register")
        self.register().new_household()

    def import_file(self) -> None:
        self.show_page("register")
        self.register().import_file()

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(self.first_size())
        scope = str(self.settings.value("main/scope", ":"))
        if scope.startswith("c") and scope[1:].isdigit():
            item = self._find_scope_item(COMMUNITY, int(scope[1:]))  # type: ignore[arg-type]
        else:
            grid, _, building = scope.partition(":")
            item = self._find_scope_item(int(grid) if grid.isdigit() else None,
                                         int(building) if building.isdigit() else None)
        self.scope.setCurrentItem(item or self.scope.topLevelItem(0))
        self.show_page(str(self.settings.value("main/page", "register")))

    def first_size(self) -> QSize:
        """1360x820 where the screen has room, else what it has (a 1024x768 office PC): the
        first start never puts the status bar below the screen's edge."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1360, 820)
        room = screen.availableGeometry().size() - QSize(16, 48)  # the frame and title bar
        return QSize(1360, 820).boundedTo(room)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if not self._may_close():
            event.ignore()
            return
        self.context.operations.wait()  # a save under way finishes before the database closes
        for runner in self.findChildren(Runner):  # and no page reads after it
            runner.close()
        self.settings.setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)

    def unsaved_work(self) -> list[tuple[str, str]]:
        """(page, what would be lost) for every built page holding typed work not yet saved."""
        found = []
        for name, page in self.page_widgets.items():
            ask = getattr(page, "unsaved_work", None)
            text = ask() if ask is not None else ""
            if text:
                found.append((name, text))
        return found

    def _may_close(self) -> bool:
        """Nothing unsaved, or the user chose: save first (the window closes once saved),
        close without saving, or stay."""
        if self._close_confirmed:
            return True
        unsaved = self.unsaved_work()
        if not unsaved:
            return True
        choice = ask_to_save(self, "\n".join(text for _name, text in unsaved))
        if choice is Choice.DISCARD:
            return True
        self.show_page(unsaved[0][0])
        if choice is Choice.CANCEL:
            return False
        left = [len(unsaved)]

        def one_saved() -> None:
            left[0] -= 1
            if left[0] == 0 and not self.unsaved_work():
                self._close_confirmed = True
                self.close()

        for name, _text in unsaved:
            if not self.page_widgets[name].save_unsaved(one_saved):  # type: ignore[attr-defined]
                self.show_page(name)  # it says why it cannot be saved as it is
                break
        return False

    def wait_idle(self) -> None:
        """Until the pages built so far have their data (screenshots and tests)."""
        self.context.operations.wait()
        self.counter.wait()
        for page in list(self.page_widgets.values()):
            wait = getattr(page, "wait_idle", None)
            if wait is not None:
                wait()
