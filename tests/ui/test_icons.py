"""The app's icons look exactly as qtawesome draws them, and the window starts without loading
qtawesome (qtpy's wrappers of every Qt class and its thirteen fonts cost a tenth of start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from ui import icons

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("name", "color"), [
    ("fa5s.plus", "#2e7d32"), ("fa5s.address-book", "#37474f"), ("fa5s.print", None),
    ("fa5s.chevron-left", None), ("fa5s.people-arrows", "#6a1b9a"),
])
@pytest.mark.parametrize("mode", [QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Selected])
def test_an_icon_is_drawn_pixel_for_pixel_as_qtawesome_draws_it(
        qapp: QApplication, name: str, color: str | None, mode: QIcon.Mode) -> None:
    import qtawesome

    ours = icons.icon(name, color=color)
    theirs = qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    for size in (16, 20, 32):
        mine = ours.pixmap(QSize(size, size), mode).toImage()
        assert mine == theirs.pixmap(QSize(size, size), mode).toImage()
        inked = {mine.pixelColor(x, y).name() for x in range(size) for y in range(size)
                 if mine.pixelColor(x, y).alpha() == 255}
        assert inked, "the glyph is drawn"
        if color and mode != QIcon.Mode.Disabled:
            assert QColor(color).name() in inked


def test_the_same_icon_is_made_once_and_a_wrong_name_is_refused(qapp: QApplication) -> None:
    assert icons.icon("fa5s.save", color="#123456") is icons.icon("fa5s.save", color="#123456")
    with pytest.raises(KeyError, match="fa5s.no-such-icon"):
        icons.icon("fa5s.no-such-icon")


def test_without_the_font_file_qtawesome_draws_the_icon(qapp: QApplication,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icons, "_solid_font", lambda: None)
    monkeypatch.setattr(icons, "_icons", {})
    drawn = icons.icon("fa5s.book", color="#00695c").pixmap(QSize(20, 20)).toImage()
    assert "#00695c" in {drawn.pixelColor(x, y).name() for x in range(20) for y in range(20)}


def test_the_window_starts_without_qtawesome_and_the_qt_modules_it_does_not_show(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    script = (
        "import sys, main\n"
        f"code = main.main(['--db', {str(tmp_path / 'r.db')!r}, '--screenshot', {str(shot)!r}])\n"
        "print(code, ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('qtawesome', 'qtpy', 'numpy', 'reportlab') or m.startswith('PySide6.Qt'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=300).stdout.split()
    assert out[0] == "0" and shot.stat().st_size > 0
    assert sorted(out[1:]) == ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"]
