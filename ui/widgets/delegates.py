"""Coloured category chips in the register table (分色分类: each category has its colour)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.pages.register.model import ROW_ROLE


class CategoryChipDelegate(QStyledItemDelegate):
    """Paints each category a row holds as a small rounded chip in the category's colour."""

    def __init__(self, names: dict[str, tuple[str, str]], parent: object = None) -> None:
        super().__init__(parent)
        self.names = names  # code -> (label, colour)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = index.data(ROW_ROLE)
        if row is None or not row.categories:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            # draw the selection background, then our chips instead of the text
            blank = QStyleOptionViewItem(option)
            self.initStyleOption(blank, index)
            blank.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, blank, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(option.font)
        rect = option.rect.adjusted(3, 3, -3, -3)
        x = float(rect.left())
        height = min(rect.height(), metrics.height() + 4)
        top = rect.top() + (rect.height() - height) / 2
        for code in row.categories:
            label, colour = self.names.get(code, (code, "#9e9e9e"))
            width = metrics.horizontalAdvance(label) + 10
            if x == rect.left() and width > rect.width():
                # a lone long name (English) is elided inside its chip rather than hidden
                label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 10)
                width = rect.right() - x
            if x + width > rect.right():
                painter.setPen(option.palette.text().color())
                painter.drawText(QRectF(x, top, 16, height), Qt.AlignmentFlag.AlignCenter, "…")
                break
            fill = QColor(colour or "#9e9e9e")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, top, width, height), 4, 4)
            painter.setPen(QColor("#ffffff") if fill.lightness() < 150 else QColor("#202020"))
            painter.drawText(QRectF(x, top, width, height), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        row = index.data(ROW_ROLE)
        if row is None:
            return hint
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(self.names.get(c, (c, ""))[0]) + 14 for c in row.categories)
        return QSize(max(hint.width(), width + 6), hint.height())
