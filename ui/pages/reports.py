"""The 统计报表 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.chart-bar"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("ReportsPage", "统计报表"),
            QCoreApplication.translate("ReportsPage", "各网格、各类别的走访完成率和诉求三率。"),
        )
