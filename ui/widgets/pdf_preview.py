"""A PDF shown inside the app (QtPdf), with print (QPrinter) and save-as.

The document is held in memory (a roster names every household of a grid: no plaintext copy
is left in the temp folder); it is written to disk only where the user saves it.
"""

from __future__ import annotations

from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget


class PdfPreview(QDialog):
    def __init__(self, data: bytes | Path, title: str, parent: QWidget | None = None,
                 file_name: str = "document.pdf") -> None:
        super().__init__(parent)
        if isinstance(data, Path):
            file_name, data = data.name, data.read_bytes()
        self.data = bytes(data)
        self.file_name = file_name
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(self.data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
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

    def save_as(self, target: str | None = None) -> Path | None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), self.file_name, "PDF (*.pdf)")
            if not target:
                return None
        path = Path(target)
        partial = path.with_name(path.name + ".part")  # a full disk leaves no half a PDF
        try:
            partial.write_bytes(self.data)
            partial.replace(path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            from ui.error_log import report_error

            report_error(error, "saving a PDF")
            return None
        return path
