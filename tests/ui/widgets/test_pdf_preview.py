"""Printing from the preview: in the background with progress and Cancel, each page in the
document's own orientation, a spool of sane size; nothing written to the temp folder."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSettings, QTimer
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.widgets.pdf_preview import PdfPreview


def landscape_pdf(pages: int) -> bytes:
    """A landscape A4 document with a line of text on each page."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(10, 10, 10, 10)))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(200, 400, f"走访花名册 第 {page + 1} 页")
    painter.end()
    buffer.close()
    return bytes(data.data())


def file_printer(preview: PdfPreview, target: Path) -> QPrinter:
    printer = preview.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def test_printing_runs_in_the_background_at_the_documents_orientation(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    preview = PdfPreview(landscape_pdf(6), "走访花名册")
    qtbot.addWidget(preview)
    assert preview.orientation() is QPageLayout.Orientation.Landscape
    target = tmp_path / "spool.pdf"
    printer = file_printer(preview, target)
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Landscape  # not shrunk on portrait
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    job = preview.print_to(printer)
    assert not job.done and not preview.print_button.isEnabled()  # returned at once; one print at a time
    steps: list[tuple[int, int]] = []
    job.progressed.connect(lambda done, total: steps.append((done, total)))
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    timer.stop()
    assert job.error == "" and job.thread_id not in (None, threading.get_ident())
    assert ticks  # the UI thread kept running its timers meanwhile
    assert steps[-1] == (6, 6)
    assert "已送往打印机" in preview.status.text() and preview.print_button.isEnabled()
    printed = QPdfDocument()
    printed.load(str(target))
    assert printed.pageCount() == 6
    size = printed.pagePointSize(0)
    assert size.width() > size.height()  # landscape paper
    assert target.stat().st_size < 6 * 400_000  # a few hundred KB a page, not megabytes


def test_cancel_stops_the_print(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    preview = PdfPreview(landscape_pdf(40), "走访花名册")
    qtbot.addWidget(preview)
    job = preview.print_to(file_printer(preview, tmp_path / "spool.pdf"))
    job.progressed.connect(lambda done, _total: job.cancel() if done == 2 else None)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert "已取消" in preview.status.text()
    assert not preview.printed


def test_only_the_pages_asked_for_are_printed(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    preview = PdfPreview(landscape_pdf(5), "走访花名册")
    qtbot.addWidget(preview)
    printer = file_printer(preview, tmp_path / "spool.pdf")
    printer.setFromTo(2, 3)
    job = preview.print_to(printer)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    printed = QPdfDocument()
    printed.load(str(tmp_path / "spool.pdf"))
    assert printed.pageCount() == 2


def test_the_roster_preview_leaves_nothing_in_the_temp_folder(
        qtbot, gk: GridKeeper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from ui.context import Context
    from ui.pages.this_week.page import ThisWeekPage

    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for n in range(1, 4):
        gk.register.save_household(household(f"A{n:03d}", room=f"{n}01"))
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "tester")
    page = ThisWeekPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.roster is not None)
    page.preview()
    qtbot.waitUntil(lambda: getattr(page, "last_preview", None) is not None, timeout=20_000)
    assert page.last_preview.page_count() >= 1
    assert list(scratch.iterdir()) == []
    saved = page.last_preview.save_as(str(tmp_path / "roster.pdf"))
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    page.last_preview.close()
