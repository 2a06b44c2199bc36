"""The pages of the main window, one module or package each.

Every page module defines ``Page(context)``: a QWidget with ``title()``, ``icon_name`` and
``set_scope(grid_id, building_id)``. :data:`PAGES` is the navigation order and
:data:`NAVIGATION` what the navigation list shows before a page is built: pages are built
when first opened, so the window appears without loading every page's data (start-up).
:data:`PAGE_MODULES` says where each page's ``Page`` lives.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

PAGES = ("dashboard", "register", "this_week", "visits", "needs", "reports", "building_chart", "audit",
         "settings")

# title (translated in the "Page" context, like each page's own self.tr) and icon
NAVIGATION: dict[str, tuple[str, str]] = {
    "dashboard": (QT_TRANSLATE_NOOP("Page", "工作台"), "fa5s.tachometer-alt"),
    "register": (QT_TRANSLATE_NOOP("Page", "住户台账"), "fa5s.address-book"),
    "this_week": (QT_TRANSLATE_NOOP("Page", "本周走访"), "fa5s.calendar-week"),
    "visits": (QT_TRANSLATE_NOOP("Page", "走访记录"), "fa5s.walking"),
    "needs": (QT_TRANSLATE_NOOP("Page", "民情诉求"), "fa5s.hand-holding-heart"),
    "reports": (QT_TRANSLATE_NOOP("Page", "统计报表"), "fa5s.chart-bar"),
    "building_chart": (QT_TRANSLATE_NOOP("Page", "楼栋图"), "fa5s.building"),
    "audit": (QT_TRANSLATE_NOOP("Page", "审计日志"), "fa5s.history"),
    "settings": (QT_TRANSLATE_NOOP("Page", "设置"), "fa5s.cog"),
}

PAGE_MODULES: dict[str, str] = {
    "dashboard": "ui.pages.dashboard",
    "register": "ui.pages.register.page",
    "this_week": "ui.pages.this_week.page",
    "visits": "ui.pages.visits",
    "needs": "ui.pages.needs.page",
    "reports": "ui.pages.reports",
    "building_chart": "ui.pages.building_chart",
    "audit": "ui.pages.audit",
    "settings": "ui.pages.settings.page",
}
