"""Small helpers shared by the part 2 pages: category colours, grid names, the
"not available yet" banner for features whose service is still missing."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from gridkeeper.domain.i18n import language
from gridkeeper.services.facade import GridKeeper


class CategoryColours(dict[str, str]):
    """Category code -> "#RRGGBB", with ``names``: code -> name in the interface language."""

    names: dict[str, str]


def category_colours(gk: GridKeeper) -> CategoryColours:
    colours = CategoryColours()
    colours.names = {}
    zh = language() == "zh"
    for chip in gk.browse.categories():
        colours[chip.code] = chip.colour
        colours.names[chip.code] = chip.name_zh if zh else chip.name_en
    return colours


def grid_names(gk: GridKeeper) -> list[str]:
    return [node.name for node in gk.browse.tree()]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    colour = QColor(background)
    # perceived brightness (ITU-R BT.601): yellow and orange take black text, purple white
    brightness = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if brightness > 150 else "#ffffff"


def not_available(text: str) -> QLabel:
    """A plainly marked banner: this part waits for a service that is not there yet."""
    label = QLabel("⚠ " + text)
    label.setObjectName("notAvailable")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#notAvailable { background: #fff3cd; color: #7a5a00; "
                        "border: 1px solid #e0c060; padding: 6px; }")
    return label


def natural_key(text: str) -> list[object]:
    """第2网格 before 第10网格: runs of digits compare by value."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text or "")]
