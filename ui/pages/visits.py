"""The 走访记录 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.clipboard-list"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("VisitsPage", "走访记录"),
            QCoreApplication.translate("VisitsPage", "民情日志：走访记录的录入、查询和点评。"),
        )
