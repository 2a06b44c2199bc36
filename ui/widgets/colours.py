"""Colours and names shared by several pages: category colours, text colour on a swatch, grid names."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox

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


def grid_labels(gk: GridKeeper) -> dict[int, str]:
    """The grids to choose from, by id, in the street's order, each by the name the services
    find it by ("阳光社区/第1网格" where two communities each have a 第1网格)."""
    return {choice.id: choice.label for choice in gk.sheets.grids()}


def fill_grid_box(box: QComboBox, labels: dict[int, str], every: str, *, by_name: bool = False) -> None:
    """A grid filter: ``every`` (no grid) first, then each grid by its label; an item carries the
    grid's id, or its label where the page finds grids by name. Quietly: refilling is no choice."""
    box.blockSignals(True)
    box.clear()
    box.addItem(every, None)
    for grid_id, label in labels.items():
        box.addItem(label, label if by_name else grid_id)
    box.blockSignals(False)


def grid_names(gk: GridKeeper) -> list[str]:
    return list(grid_labels(gk).values())


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    colour = QColor(background)
    # perceived brightness (ITU-R BT.601): yellow and orange take black text, purple white
    brightness = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if brightness > 150 else "#ffffff"



