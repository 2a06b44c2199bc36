"""The 工作台 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.tachometer-alt"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("DashboardPage", "工作台"),
            QCoreApplication.translate("DashboardPage", "本周应访、逾期户数和待办诉求一览。"),
        )
