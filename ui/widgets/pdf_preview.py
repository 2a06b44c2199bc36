"""A PDF shown inside the app (QtPdf), printed in the background, and saved where the user says.

The document is held in memory (a roster names every household of a grid: no plaintext copy
is left in the temp folder); it is written to disk only where the user saves it.

QtPdf has no vector path to a printer, so each page is drawn as an image. Printing at the
printer's own resolution (1,200 dpi for Qt's PDF output) took 1.2-3 s a page on the UI thread
and spooled 4.5 MB a page; here a :class:`PrintJob` draws the pages in its own thread (QPainter
may paint on a QPrinter outside the UI thread) at :data:`PRINT_DPI`, with a progress dialog
and Cancel, in the document's own orientation, and in greyscale unless the user chooses colour
in the print dialog (office printers print black; a grey page spools a third of a colour one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPoint,
    QRect,
    QSize,
    QSizeF,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.files import written_whole
from ui import icons

# enough for 9-point Chinese on paper; a 138-page roster spools in about 40 MB (greyscale)
PRINT_DPI = 300


def load_document(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading ``data`` from memory (keep the buffer as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def orientation_of(size: QSizeF) -> QPageLayout.Orientation:
    if size.width() > size.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


class _Worker(QThread):
    def __init__(self, work: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        self.work()


class PrintJob(QObject):
    """Prints a PDF (bytes) on ``printer`` from its own thread: ``progressed(done, total)``
    after each page, then ``finished(error)`` ("" when every page went to the printer)."""

    progressed = Signal(int, int)
    finished = Signal(str)

    def __init__(self, data: bytes, printer: QPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.printer = printer
        self.cancelled = threading.Event()
        self.error = ""
        self.done = False
        self.thread_id: int | None = None
        self._thread = _Worker(self._run, self)
        self._thread.finished.connect(self._ended)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the page being drawn; what reached the printer is withdrawn if it can be."""
        self.cancelled.set()

    def wait(self, milliseconds: int = -1) -> bool:
        return self._thread.wait(milliseconds) if milliseconds >= 0 else self._thread.wait()

    def _run(self) -> None:
        self.thread_id = threading.get_ident()
        try:
            self.error = self._print()
        except Exception as error:  # said in the dialog and kept in the log
            from ui.error_log import format_error, log

            log.error("printing: %s", format_error(error))
            self.error = str(error) or type(error).__name__

    def _print(self) -> str:
        document, _buffer = load_document(self.data)  # this thread's own: QtPdf is not shared
        total = document.pageCount()
        first, last = self._range(total)
        printer = self.printer
        grey = printer.colorMode() == QPrinter.ColorMode.GrayScale
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        painter = QPainter()
        if not painter.begin(printer):
            return QCoreApplication.translate("PrintJob", "打印机无法开始打印")
        try:
            for number, page in enumerate(range(first, last + 1)):
                if self.cancelled.is_set():
                    printer.abort()
                    return ""
                points = document.pagePointSize(page)
                if number:
                    # each page in its own orientation (a landscape roster is not shrunk)
                    printer.setPageOrientation(orientation_of(points))
                    printer.newPage()
                painter.drawImage(self._area(points), self._page_image(document, page, points, dpi, grey))
                self.progressed.emit(number + 1, last - first + 1)
        finally:
            if painter.isActive():
                painter.end()
        return ""

    def _range(self, total: int) -> tuple[int, int]:
        """The pages the print dialog asked for (from 1 to N there), as indexes."""
        wanted_from, wanted_to = self.printer.fromPage(), self.printer.toPage()
        first = max(wanted_from - 1, 0) if wanted_from else 0
        last = min(wanted_to - 1, total - 1) if wanted_to else total - 1
        return first, last

    def _area(self, points: QSizeF) -> QRect:
        """Where the page goes: as large as the printable area allows, centred, never stretched."""
        area = self.printer.pageLayout().paintRectPixels(self.printer.resolution())
        size = points.toSize().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(QPoint((area.width() - size.width()) // 2, 0), size)

    @staticmethod
    def _page_image(document: QPdfDocument, page: int, points: QSizeF, dpi: int, grey: bool) -> QImage:
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        rendered = document.render(page, size)
        # QtPdf leaves the paper transparent: white, and no alpha channel to spool
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return image.convertToFormat(QImage.Format.Format_Grayscale8) if grey else image

    def _ended(self) -> None:
        self.done = True
        self.finished.emit(self.error)


class PdfPreview(QDialog):
    def __init__(self, data: bytes | Path, title: str, parent: QWidget | None = None,
                 file_name: str = "document.pdf") -> None:
        super().__init__(parent)
        if isinstance(data, Path):
            file_name, data = data.name, data.read_bytes()
        self.data = bytes(data)
        self.file_name = file_name
        self.job: PrintJob | None = None
        self.setWindowTitle(title)
        self.document, self.buffer = load_document(self.data, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton(icons.icon("fa5s.print"), self.tr("打印…"))
        self.print_button.setToolTip(self.tr("在后台打印，可随时取消 (Ctrl+P)"))
        self.print_button.setShortcut("Ctrl+P")
        save_button = QPushButton(icons.icon("fa5s.save"), self.tr("另存为…"))
        close_button = QPushButton(self.tr("关闭"))
        self.status = QLabel(self.tr("共 %n 页", "", self.document.pageCount()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_document)
        save_button.clicked.connect(lambda: self.save_as())
        close_button.clicked.connect(self.close)
        self.resize(900, 640)

    def page_count(self) -> int:
        return self.document.pageCount()

    def orientation(self) -> QPageLayout.Orientation:
        return orientation_of(self.document.pagePointSize(0))

    def new_printer(self) -> QPrinter:
        """A printer set up for this document: its orientation, greyscale, all pages."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(self.orientation())
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, max(self.page_count(), 1))
        return printer

    def print_document(self) -> None:
        if self.job is not None:
            return  # one print at a time
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> PrintJob:
        """Start printing in the background with a progress dialog; the job, to follow or cancel."""
        job = PrintJob(self.data, printer, self)
        progress = QProgressDialog(self.tr("正在打印…"), self.tr("取消"), 0, max(self.page_count(), 1), self)
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        progress.canceled.connect(job.cancel)

        def moved(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("正在打印：第 %1 页，共 %2 页").replace("%1", str(done))
                                  .replace("%2", str(total)))

        def ended(error: str) -> None:
            cancelled = job.cancelled.is_set()
            progress.reset()
            progress.deleteLater()
            self.job = None
            self.print_button.setEnabled(True)
            if error:
                self.status.setText(self.tr("打印失败：%1").replace("%1", error))
            elif cancelled:
                self.status.setText(self.tr("已取消打印。"))
            else:
                self.status.setText(self.tr("已送往打印机。"))
            self.printed = not error and not cancelled

        job.progressed.connect(moved)
        job.finished.connect(ended)
        self.job = job
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("正在打印…"))
        job.start()
        return job

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.job is not None:  # stop the print rather than leave a thread on a closed window
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)

    def save_as(self, target: str | None = None) -> Path | None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), self.file_name, "PDF (*.pdf)")
            if not target:
                return None
        path = Path(target)
        try:
            # whole or not at all, readable by its owner only (a full disk leaves no half a PDF)
            with written_whole() as outputs:
                outputs.write(path, self.data)
                outputs.publish()
        except OSError as error:
            self.status.setText(self.tr("保存失败：%1").replace("%1", str(error)))
            return None
        self.status.setText(self.tr("已保存：%1").replace("%1", str(path)))
        return path
