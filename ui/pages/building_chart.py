"""The 楼栋图 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.building"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("BuildingChartPage", "楼栋图"),
            QCoreApplication.translate("BuildingChartPage", "按楼栋、单元、楼层的分色住户图。"),
        )
