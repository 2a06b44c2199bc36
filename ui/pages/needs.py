"""The 民情诉求 page: a placeholder until part 2 builds it (visibly marked, no fake data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.context import Context
from ui.pages.placeholder import PlaceholderPage


class Page(PlaceholderPage):
    icon_name = "fa5s.comments"

    def __init__(self, context: Context) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("NeedsPage", "民情诉求"),
            QCoreApplication.translate("NeedsPage", "诉求台账：受理、转办、回访，直至办结。"),
        )
