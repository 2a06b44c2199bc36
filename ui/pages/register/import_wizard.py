"""The import wizard: households or visits from an office's Excel/CSV file, the way the
command line's ``gridkeeper import`` does it, with a look before anything is written.

1. choose what and which file; 2. the header found, how its columns map to the register's
fields, and the first rows; 3. the check (a dry run): what would be added, changed and
refused, every problem by sheet row and column, an error report to save, and the choice to
import only the good rows; 4. the import itself. Reading, checking and importing run off
the UI thread with a progress bar; Cancel stops them and the import's single transaction
leaves the register as it was. The import is an operation (ui/operations.py): once written,
every page shows what came in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.progress import Cancelled
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.importer import ImportResult, Preview, field_title, summary
from ui.operations import NOTHING, Changes, Operations
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.tables import ItemSort

CHOOSE, PREVIEW, CHECKED, DONE = range(4)
SHOWN_PROBLEMS = 2000  # the error report holds them all


class _ProgressRelay(QObject):
    """Carries the service's progress calls from the worker thread to the bar (queued)."""

    moved = Signal(float, str)


class ImportWizard(QDialog):
    imported = Signal(object)  # the ImportResult of a written import

    def __init__(self, gk: GridKeeper, parent: QWidget | None = None,
                 operations: Operations | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        # the window's writer; a wizard on its own (tests) has its own
        self.operations = operations if operations is not None else Operations(self)
        self.setWindowTitle(self.tr("导入住户或走访记录"))
        self.resize(960, 640)
        self.preview_data: Preview | None = None
        self.checked: ImportResult | None = None
        self.result: ImportResult | None = None
        self._cancel = threading.Event()
        self.runner = Runner(self)
        self.relay = _ProgressRelay(self)
        self.relay.moved.connect(self._moved)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._checked_page())
        self.pages.addWidget(self._done_page())

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress_text = QLabel()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828")

        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.progress_text, 1)
        bar.addWidget(self.cancel_button)
        bar.addSpacing(24)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bar)
        self._show(CHOOSE)

    # -- the four pages ---------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        self.households_choice = QRadioButton(self.tr("住户台账（每位居民一行，同一户编号为一户）"))
        self.visits_choice = QRadioButton(self.tr("走访记录（户编号、走访日期、方式、结果、走访人……）"))
        self.households_choice.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.households_choice)
        group.addButton(self.visits_choice)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("Excel（.xlsx）或 CSV 文件"))
        self.file_edit.textChanged.connect(lambda _t: self._update_buttons())
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        note = QLabel(self.tr("列按表头名称识别（中文或英文，顺序不限）；标题行、合并单元格、空行均可。"
                              "导入前会先检查，并备份数据库。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>导入什么</b>")))
        layout.addWidget(self.households_choice)
        layout.addWidget(self.visits_choice)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("<b>文件</b>")))
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("台账字段"), self.tr("文件中的列")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setMaximumWidth(320)
        self.rows_table = QTableWidget()
        self.mapping_sorting = ItemSort(self.mapping_table)
        self.rows_sorting = ItemSort(self.rows_table)  # the file's row numbers go with their rows
        side = QHBoxLayout()
        side.addWidget(self.mapping_table)
        side.addWidget(self.rows_table, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.header_label)
        layout.addLayout(side, 1)
        return page

    def _checked_page(self) -> QWidget:
        page = QWidget()
        self.check_summary = QPlainTextEdit()
        self.check_summary.setReadOnly(True)
        self.check_summary.setMaximumHeight(170)
        self.problems_table = QTableWidget(0, 4)
        self.problems_table.setHorizontalHeaderLabels(
            [self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("问题")])
        self.problems_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems_table.verticalHeader().hide()
        self.problems_sorting = ItemSort(self.problems_table)
        self.only_good = QCheckBox(self.tr("只导入无误的户（有问题的户整户不导入）"))
        self.only_good.toggled.connect(lambda _on: self._update_buttons())
        self.report_button = QPushButton(self.tr("保存错误报告…"))
        self.report_button.clicked.connect(self.save_report)
        row = QHBoxLayout()
        row.addWidget(self.only_good, 1)
        row.addWidget(self.report_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_summary)
        layout.addWidget(self.problems_table, 1)
        layout.addLayout(row)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_summary = QPlainTextEdit()
        self.done_summary.setReadOnly(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_summary)
        return page

    # -- moving through them ----------------------------------------------------------------
    def kind(self) -> str:
        return "households" if self.households_choice.isChecked() else "visits"

    def path(self) -> Path:
        return Path(self.file_edit.text().strip())

    def browse(self) -> None:
        found, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的文件"), "", self.tr("Excel 或 CSV (*.xlsx *.xlsm *.csv)"))
        if found:
            self.file_edit.setText(found)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == CHOOSE:
            self.load_preview()
        elif page == PREVIEW:
            self.check()
        elif page == CHECKED:
            self.run_import()
        else:
            self.accept()

    def back(self) -> None:
        self._show(max(self.pages.currentIndex() - 1, CHOOSE))

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.next_button.setText({CHOOSE: self.tr("下一步"), PREVIEW: self.tr("检查"),
                                  CHECKED: self.tr("导入"), DONE: self.tr("完成")}[page])
        self._busy(False)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        ready = True
        if page == CHOOSE:
            ready = self.path().suffix.lower() in (".xlsx", ".xlsm", ".csv") and self.path().is_file()
        elif page == PREVIEW:
            ready = self.preview_data is not None and not self.preview_data.missing
        elif page == CHECKED:
            checked = self.checked
            ready = checked is not None and (checked.ok or (
                self.only_good.isChecked() and bool(checked.added or checked.changed)))
        self.next_button.setEnabled(ready and not self.runner_busy)
        self.back_button.setEnabled(page in (PREVIEW, CHECKED) and not self.runner_busy)

    runner_busy = False

    def _busy(self, busy: bool) -> None:
        self.runner_busy = busy
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.close_button.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)
            self.progress_text.setText("")
        self._update_buttons()

    # -- the work, off the UI thread --------------------------------------------------------
    def _progress(self, fraction: float, text: str) -> None:
        """The service's progress callback (worker thread): Cancel is answered here."""
        if self._cancel.is_set():
            raise Cancelled()
        self.relay.moved.emit(fraction, text)

    def _moved(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress_text.setText(text)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.error_label.clear()
        self._cancel.clear()
        self._busy(True)
        self.runner.submit(work, done, self._failed)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.error_label.setText(error_text(error))

    def cancel(self) -> None:
        self._cancel.set()  # the service stops at its next progress call and rolls back

    def load_preview(self) -> None:
        kind, path = self.kind(), self.path()
        self._run(lambda: self.gk.importer.preview(path, kind), self._previewed)

    def _previewed(self, preview: Preview) -> None:
        self.preview_data = preview
        where = self.tr("工作表“%1”，表头在第 %2 行，共 %3 行数据。").replace("%1", preview.sheet) \
            .replace("%2", str(preview.header_row)).replace("%3", str(preview.total_rows))
        notes = [where]
        if preview.missing:
            notes.append(self.tr("缺少必需的列：%1").replace("%1", "、".join(preview.missing)))
        if preview.unknown:
            notes.append(self.tr("不导入的列：%1").replace("%1", "、".join(preview.unknown)))
        self.header_label.setText("<br>".join(notes))
        self.mapping_table.setRowCount(len(preview.mapping))
        for r, (key, title) in enumerate(preview.mapping.items()):
            self.mapping_table.setItem(r, 0, QTableWidgetItem(str(field_title(key))))
            self.mapping_table.setItem(r, 1, QTableWidgetItem(title))
        width = max((len(cells) for _n, cells in preview.rows), default=len(preview.titles))
        self.rows_table.setColumnCount(width)
        self.rows_table.setHorizontalHeaderLabels(preview.titles[:width])
        self.rows_table.setRowCount(len(preview.rows))
        self.rows_table.setVerticalHeaderLabels([str(n) for n, _cells in preview.rows])
        for r, (_number, cells) in enumerate(preview.rows):
            for c, text in enumerate(cells):
                self.rows_table.setItem(r, c, QTableWidgetItem(text))
        self.mapping_sorting.resort()
        self.rows_sorting.resort()
        self.rows_table.resizeColumnsToContents()
        self._show(PREVIEW)

    def _importer(self, dry_run: bool) -> Callable[[], ImportResult]:
        kind, path, only_good = self.kind(), self.path(), self.only_good.isChecked()
        service = self.gk.importer
        run = service.import_households if kind == "households" else service.import_visits
        return lambda: run(path, dry_run=dry_run, only_good=only_good, progress=self._progress)

    def check(self) -> None:
        self._run(self._importer(dry_run=True), self._checked)

    def _checked(self, result: ImportResult) -> None:
        self.checked = result
        self.check_summary.setPlainText(summary(result))
        problems = result.problems[:SHOWN_PROBLEMS]
        self.problems_table.setRowCount(len(problems))
        for r, problem in enumerate(problems):
            values = [str(problem.row), problem.column, problem.value, str(problem.reason)]
            for c, value in enumerate(values):
                self.problems_table.setItem(r, c, QTableWidgetItem(value))
        self.problems_sorting.resort()
        self.problems_table.resizeColumnsToContents()
        self.report_button.setEnabled(bool(result.problems))
        self.only_good.setEnabled(bool(result.problems))
        self._show(CHECKED)

    def save_report(self, target: str | None = None) -> Path | None:
        if self.checked is None:
            return None
        if not target:
            suggested = self.path().with_name(self.path().stem + "_错误报告.xlsx")
            target, _ = QFileDialog.getSaveFileName(self, self.tr("保存错误报告"), str(suggested),
                                                    "Excel (*.xlsx)")
            if not target:
                return None
        try:
            saved = self.gk.importer.save_error_report(self.checked, target)
        except Exception as error:  # shown, never lost
            self.error_label.setText(error_text(error))
            return None
        self.error_label.setText(self.tr("错误报告已保存：%1").replace("%1", str(saved)))
        return saved

    def run_import(self) -> None:
        self.error_label.clear()
        self._cancel.clear()
        self._busy(True)
        kind = self.kind()

        def changes(result: ImportResult) -> Changes:
            if not result.written:
                return NOTHING
            return Changes(households=kind == "households", visits=kind == "visits")

        self.operations.run(self, self._importer(dry_run=False), changes, done=self._imported,
                            failed=self._failed, label=self.tr("正在导入…"))

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.done_summary.setPlainText(summary(result))
        self._show(DONE)
        self.back_button.setEnabled(False)
        if result.written:
            self.imported.emit(result)

    def wait_idle(self) -> None:
        """Until the running step has finished (tests and screenshots)."""
        from PySide6.QtWidgets import QApplication

        self.runner.wait()
        self.operations.wait()
        QApplication.processEvents()

    def reject(self) -> None:
        if self.runner_busy:
            answer = QMessageBox.question(self, self.windowTitle(), self.tr("正在处理，取消并关闭？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.cancel()
        super().reject()

