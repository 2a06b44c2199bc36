"""A page still to be built (part 2), visibly marked as under construction: never fake data."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import Context


class PlaceholderPage(QWidget):
    icon_name = "fa5s.hard-hat"
    context_name = "PlaceholderPage"

    def __init__(self, context: Context, title: str, explanation: str) -> None:
        super().__init__()
        self.context = context
        self._title = title
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        icon = QLabel()
        icon.setPixmap(qta.icon("fa5s.hard-hat", color="#e0a000").pixmap(QSize(64, 64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(icon)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        banner = QLabel(QCoreApplication.translate("PlaceholderPage", "建设中：此页面将在第二期实现"))
        banner.setObjectName("underConstruction")
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(banner)
        text = QLabel(explanation)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        layout.addStretch(2)

    def title(self) -> str:
        return self._title

    def set_scope(self, grid_id: int | None, building_id: int | None) -> None:
        """Placeholders show nothing scoped yet."""
