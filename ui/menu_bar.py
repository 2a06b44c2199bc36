"""The main window's menu bar: every action the window offers, with its shortcut, findable
by someone who has not read the hint lines.

Window-wide actions (find, new household, import, print, the pages, quit) carry their own
shortcuts. Actions that belong to a page (save, raise a need, open a roster by its number)
call the page shown, when it has them, and are greyed out elsewhere; their shortcuts stay the
page's own and are only shown here, so no key is claimed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox

from gridkeeper.domain.roles import Permission
from ui.pages import NAVIGATION, PAGES
from ui.widgets.permissions import allow

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# (method names a page may have, in order of preference) for the actions that act on the page
PAGE_ACTIONS: dict[str, tuple[str, ...]] = {
    "save": ("save_results", "save"),
    "print": ("preview", "print_visit_log", "export_pdf"),
    "need": ("raise_need",),
    "number": ("focus_number_box",),
    "open": ("open_selected",),
    "handover": ("hand_over",),
    "campaigns": ("campaign_lists",),
}
# what a role needs for a page action, by page (greyed out with the reason otherwise)
PAGE_PERMISSIONS: dict[tuple[str, str], Permission] = {
    ("save", "this_week"): Permission.RECORD_VISIT,
    ("save", "settings"): Permission.MANAGE_SETTINGS,
    ("need", "this_week"): Permission.MANAGE_NEEDS,
}


class MenuBar(QObject):
    """Builds the menus of ``window`` and keeps the page actions in step with the page shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page_actions: dict[str, QAction] = {}
        bar = window.menuBar()

        file = bar.addMenu(self.tr("文件(&F)"))
        # Ctrl+N makes a new one of what the page shows: a need on the needs page, else a household
        self.new_action = self._action(file, self.tr("新建…"), window.new_item, QKeySequence.StandardKey.New)
        self.import_action = self._action(file, self.tr("导入住户或走访记录…"), window.import_file, "Ctrl+I")
        self._page_action(file, "save", self.tr("保存"), "Ctrl+S")
        self._page_action(file, "print", self.tr("打印预览…"), "Ctrl+P", own_shortcut=True)
        file.addSeparator()
        self._action(file, self.tr("退出"), window.close, QKeySequence.StandardKey.Quit)

        households = bar.addMenu(self.tr("住户(&O)"))
        self._action(households, self.tr("查找住户"), window.find_household, QKeySequence.StandardKey.Find)
        self.new_household_action = self._action(households, self.tr("新建住户…"), window.new_household)
        self._page_action(households, "open", self.tr("打开所选住户"), "Enter / F2")
        households.addSeparator()
        self._page_action(households, "handover", self.tr("移交住户…"), "")
        self._page_action(households, "campaigns", self.tr("专项名单…"), "")

        visits = bar.addMenu(self.tr("走访(&V)"))
        self._page_action(visits, "need", self.tr("为当前户登记诉求…"), "Ctrl+R")
        self._page_action(visits, "number", self.tr("按花名册编号打开"), "Ctrl+L")

        pages = bar.addMenu(self.tr("转到(&G)"))
        for number, name in enumerate(PAGES, start=1):
            title = QCoreApplication.translate("Page", NAVIGATION[name][0])
            self._action(pages, title, lambda name=name: window.show_page(name), f"Ctrl+{number}")

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("打开错误日志所在文件夹"), self.open_log_folder)
        self._action(help_menu, self.tr("关于 GridKeeper"), self.about)
        for menu in (file, households, visits, pages, help_menu):
            menu.setToolTipsVisible(True)  # a greyed-out action says why on hover
        actor = window.context.gk.actor
        allow(self.import_action, actor, Permission.IMPORT)
        allow(self.new_household_action, actor, Permission.EDIT_REGISTER)
        self.page_shown()

    def _action(self, menu, text: str, slot: Callable[[], object],  # noqa: ANN001 - a QMenu
                shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _page_action(self, menu, key: str, text: str, shown: str,  # noqa: ANN001 - a QMenu
                     own_shortcut: bool = False) -> QAction:
        """An action on the page shown; ``shown`` is the page's own key, displayed in the menu
        (``own_shortcut``: the window binds it, as no page does)."""
        action = QAction(text if own_shortcut or not shown else f"{text}\t{shown}", self.window)
        if own_shortcut:
            action.setShortcut(QKeySequence(shown))
        action.triggered.connect(lambda _checked=False: self.call_page(key))
        menu.addAction(action)
        self.page_actions[key] = action
        return action

    def method(self, key: str) -> Callable[[], object] | None:
        page = self.window.pages.currentWidget()
        return next((getattr(page, name) for name in PAGE_ACTIONS[key] if hasattr(page, name)), None)

    def call_page(self, key: str) -> None:
        method = self.method(key)
        if method is not None:
            method()

    def page_shown(self) -> None:
        """Grey out what the page shown cannot do, and what the role may not (saying why)."""
        actor = self.window.context.gk.actor
        shown = self.window.pages.currentWidget()
        name = next((n for n, page in self.window.page_widgets.items() if page is shown), "")
        for key, action in self.page_actions.items():
            permission = PAGE_PERMISSIONS.get((key, name))
            if self.method(key) is None:
                action.setEnabled(False)
                action.setToolTip("")
            elif permission is not None:
                allow(action, actor, permission)
            else:
                action.setEnabled(True)
                action.setToolTip("")
        # Ctrl+N: a need on the needs page, a household elsewhere
        allow(self.new_action, actor,
              Permission.MANAGE_NEEDS if name == "needs" else Permission.EDIT_REGISTER)

    def open_log_folder(self) -> None:
        from ui.error_log import log_path

        path = log_path()
        if path is None:
            self.window.statusBar().showMessage(self.tr("错误日志尚未建立"), 10_000)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        self.window.statusBar().showMessage(str(path), 30_000)

    def about(self) -> None:
        from ui.error_log import log_path

        text = "\n".join((self.tr("GridKeeper 社区网格走访台账"),
                          self.tr("住户台账、每周走访名单、民情诉求和完成情况统计。"), "",
                          self.tr("错误日志：%1").replace("%1", str(log_path() or "—"))))
        QMessageBox.about(self.window, self.tr("关于 GridKeeper"), text)
