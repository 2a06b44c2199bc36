"""The 本周走访 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.calendar-week"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("ThisWeekPage", "本周走访"),
            QCoreApplication.translate("ThisWeekPage", "本周走访名单：打印、回填走访结果。"),
        )
