"""The 设置 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.cog"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("SettingsPage", "设置"),
            QCoreApplication.translate("SettingsPage", "界面语言、字体、账户和备份设置。"),
        )
