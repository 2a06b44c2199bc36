"""Draw GridKeeper's application icon (a blue building grid with one red flat due) and write
gridkeeper.png (256 px, the window icon) and gridkeeper.ico (16-256 px, the Windows build).

Run once after changing the drawing: ``QT_QPA_PLATFORM=offscreen python resources/icons/make_icon.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#1565c0")))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 40 * s, 40 * s)
    # three floors of three flats: white cells, one red (due) and one green (visited)
    cell, gap = 52 * s, 14 * s
    left = top = (256 * s - 3 * cell - 2 * gap) / 2
    colours = {(0, 2): "#e53935", (2, 0): "#43a047"}
    for row in range(3):
        for col in range(3):
            p.setBrush(QBrush(QColor(colours.get((row, col), "#ffffff"))))
            p.drawRoundedRect(QRectF(left + col * (cell + gap), top + row * (cell + gap), cell, cell),
                              8 * s, 8 * s)
    p.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    draw(256).save(str(HERE / "gridkeeper.png"), "PNG")
    from PIL import Image  # Pillow writes every size into one .ico; Qt writes one

    big = Image.open(HERE / "gridkeeper.png")
    big.save(HERE / "gridkeeper.ico", sizes=[(n, n) for n in SIZES])
    return 0


if __name__ == "__main__":
    sys.exit(main())
