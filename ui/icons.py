"""The app's icons: Font Awesome 5 solid glyphs, named the way qtawesome names them
(``icon("fa5s.search", color="#777")``).

They are painted here from the font file qtawesome ships rather than through
``qtawesome.icon``: importing qtawesome imports qtpy, which star-imports every class of QtCore,
QtGui and QtWidgets (PySide6 then builds each class's enums), and its first icon loads all of
its thirteen fonts and their character maps. Together that was 0.13 s of CPU and 30 MB before
the first page could be shown; one font read here costs a few milliseconds. A glyph is drawn
exactly as qtawesome draws it (7/8 of the icon's height, centred, in the given colour; a
disabled icon in the palette's disabled text colour), so the icons look the same. Where the
font cannot be found or loaded (an unusual install), qtawesome itself draws them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

_PREFIX = "fa5s."
_FONT = "fontawesome5-solid-webfont-*.ttf"
_CHARMAP = "fontawesome5-solid-webfont-charmap-*.json"
# qtawesome's proportion: a 16-pixel icon draws a 14-pixel glyph, the rest is the font's bearing
_GLYPH_SHARE = 0.875

_icons: dict[tuple[str, str | None], QIcon] = {}


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``name`` ("fa5s.print") in ``color`` (default: the palette's text colour); one
    shared QIcon per name and colour."""
    key = (name, color)
    found = _icons.get(key)
    if found is None:
        found = _icons[key] = _make(name, color)
    return found


def _make(name: str, color: str | None) -> QIcon:
    font = _solid_font()
    if font is None or not name.startswith(_PREFIX):
        import qtawesome

        return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    family, charmap = font
    code = charmap.get(name.removeprefix(_PREFIX))
    if code is None:
        raise KeyError(f"no icon {name!r} in Font Awesome 5")
    return QIcon(_GlyphEngine(chr(int(code, 16)), family, color))


@cache
def _solid_font() -> tuple[str, dict[str, str]] | None:
    """(font family, {icon name: hex code}) of qtawesome's Font Awesome 5 solid font, loaded
    into the application once; None when it is not there or Qt cannot load it."""
    spec = find_spec("qtawesome")  # finds the package without importing it
    places = list(spec.submodule_search_locations or []) if spec is not None else []
    for place in places:
        fonts = Path(place) / "fonts"
        ttf, charmap = sorted(fonts.glob(_FONT)), sorted(fonts.glob(_CHARMAP))
        if not ttf or not charmap:
            continue
        loaded = QFontDatabase.addApplicationFont(str(ttf[-1]))
        families = QFontDatabase.applicationFontFamilies(loaded) if loaded >= 0 else []
        if families:
            return families[0], json.loads(charmap[-1].read_text(encoding="utf-8"))
    return None


class _GlyphEngine(QIconEngine):
    """Paints one glyph of the icon font at whatever size the icon is asked for."""

    def __init__(self, char: str, family: str, color: str | None) -> None:
        super().__init__()
        self.char = char
        self.family = family
        # like qtawesome, the text colour when the icon is made unless one is given
        self.color = QColor(color) if color else _palette().color(QPalette.ColorGroup.Active,
                                                                  QPalette.ColorRole.Text)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: N802
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setPen(_palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        else:
            painter.setPen(self.color)
        font = QFont()
        font.setFamily(self.family)
        font.setPixelSize(round(_GLYPH_SHARE * rect.height()))
        font.setStyleName("Solid")
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap


def _palette() -> QPalette:
    app = QGuiApplication.instance()
    return app.palette() if isinstance(app, QGuiApplication) else QPalette()
