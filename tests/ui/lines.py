"""The lines a laid-out rich text shows, as read: for tests that a wrap never splits a word."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from ui.texts import plain


def shown_lines(document: QTextDocument, width: int) -> list[str]:
    """``document`` laid out ``width`` pixels wide, line by line, without the marks that keep
    runs of text whole."""
    document.setTextWidth(width)
    document.size()  # laid out
    lines, block = [], document.begin()
    while block.isValid():
        layout = block.layout()
        lines += [block.text()[line.textStart():line.textStart() + line.textLength()]
                  for line in (layout.lineAt(i) for i in range(layout.lineCount()))]
        block = block.next()
    return [plain(line) for line in lines]
