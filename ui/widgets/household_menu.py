"""The context menu of every table that lists households (the register, this week's roster,
the visits, spot checks, the households behind a figure): open the household, record a visit
on this week's page, raise a need, print its visit log. What a role may not do is greyed out
with the reason. Enter or F2 opens the selected household, as in the register.

The table's page only says which household a row is; the main window does the rest
(:meth:`ui.main_window.MainWindow.household_action`), as it knows the other pages: it hears
every widget of a page that has a ``household_action`` signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QMenu

from gridkeeper.domain.roles import Actor, Permission
from ui.widgets.permissions import allow

OPEN, VISIT, NEED, VISIT_LOG = "open", "visit", "need", "visit_log"


def _items() -> tuple[tuple[str, str, Permission | None], ...]:
    translate = QCoreApplication.translate
    return ((OPEN, translate("HouseholdMenu", "打开住户") + "\tEnter", None),
            (VISIT, translate("HouseholdMenu", "在本周走访中录入走访"), Permission.RECORD_VISIT),
            (NEED, translate("HouseholdMenu", "登记诉求…"), Permission.MANAGE_NEEDS),
            (VISIT_LOG, translate("HouseholdMenu", "打印民情日志…"), Permission.PRINT))


OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)


def household_menu(view: QAbstractItemView, actor: Actor, household_of: Callable[[QModelIndex], int | None],
                   act: Callable[[str, int], object], open_keys: bool = True) -> None:
    """Give ``view`` the household context menu: ``household_of(index)`` says which household a
    row is, ``act(what, household_id)`` does it (one of OPEN, VISIT, NEED, VISIT_LOG).
    ``open_keys``: Enter and F2 open the selected household (a table where they type or edit
    keeps them)."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    if open_keys:
        def open_current() -> None:
            index = view.currentIndex()
            household_id = household_of(index) if index.isValid() else None
            if household_id is not None:
                act(OPEN, household_id)

        for key in OPEN_KEYS:
            opener = QShortcut(QKeySequence(key), view)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(open_current)

    def show(point: QPoint) -> None:
        index = view.indexAt(point)
        household_id = household_of(index) if index.isValid() else None
        if household_id is None:
            return
        view.setCurrentIndex(index)
        menu = QMenu(view)
        menu.setToolTipsVisible(True)  # a greyed-out item says why
        for what, text, permission in _items():
            action = QAction(text, menu)
            if permission is not None:
                allow(action, actor, permission)
            action.triggered.connect(lambda _checked=False, what=what: act(what, household_id))
            menu.addAction(action)
        view.last_menu = menu  # type: ignore[attr-defined]  # tests look at it
        menu.popup(view.viewport().mapToGlobal(point))

    view.customContextMenuRequested.connect(show)
