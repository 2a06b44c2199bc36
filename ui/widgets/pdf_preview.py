"""A PDF shown inside the app (QtPdf), with print (QPrinter) and save-as."""

from __future__ import annotations

import shutil
from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget


class PdfPreview(QDialog):
    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        print_button = QPushButton(qta.icon("fa5s.print"), self.tr("打印…"))
        save_button = QPushButton(qta.icon("fa5s.save"), self.tr("另存为…"))
        close_button = QPushButton(self.tr("关闭"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        print_button.clicked.connect(self.print_document)
        save_button.clicked.connect(self.save_as)
        close_button.clicked.connect(self.close)
        self.resize(900, 760)

    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Render each page as an image at the printer's resolution (QtPdf has no vector path)."""
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                size = self.document.pagePointSize(page).toSize().scaled(
                    area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(page, QSize(size.width(), size.height()))
                painter.drawImage(QRect(QPoint(0, 0), size), image)
        finally:
            painter.end()

    def save_as(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), self.path.name, "PDF (*.pdf)")
        if target:
            shutil.copyfile(self.path, target)
