"""The three rates (三率) tab of the needs page: a period (month, quarter, half-year or year,
stepped back and forth), grouped by grid, category or handler, the counts behind every rate,
the total, and what each rate counts printed under the table; the same as a PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Period
from gridkeeper.domain.i18n import language
from gridkeeper.domain.needs import RATE_DEFINITIONS, RateCounts
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.roles import Permission
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.needs import NeedRates
from ui import icons
from ui.context import Context
from ui.tasks import Runner
from ui.texts import error_text
from ui.widgets.permissions import allow, refusal
from ui.widgets.tables import HeaderSort, compact, fit_columns

PERIODS = (Period.MONTH, Period.QUARTER, Period.HALF_YEAR, Period.YEAR)


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def cells(counts: RateCounts) -> list[str]:
    """The table's columns after the group: counts, each rate after what it divides."""
    return [str(counts.received), str(counts.responded_on_time), rate_text(counts.response_rate),
            str(counts.resolved), str(counts.resolved_on_time), rate_text(counts.resolution_rate),
            str(counts.called_back), str(counts.satisfied), rate_text(counts.satisfaction_rate)]


class RatesPanel(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gk = context.gk  # narrowed to a community by set_scoped
        self.rates: NeedRates | None = None
        self.exported: Path | None = None
        self.runner = Runner(self)
        lang = language()
        self.kind_box = QComboBox()
        for kind in PERIODS:
            self.kind_box.addItem(kind.label.get(lang), kind.value)
        self.span = span_of(Period.MONTH, date.today())
        self.previous_button = QPushButton(icons.icon("fa5s.chevron-left"), "")
        self.previous_button.setToolTip(self.tr("上一期"))
        self.period_label = QLabel()
        self.next_button = QPushButton(icons.icon("fa5s.chevron-right"), "")
        self.next_button.setToolTip(self.tr("下一期"))
        self.by_box = QComboBox()
        for key, title in (("grid", self.tr("按网格")), ("category", self.tr("按诉求类别")),
                           ("handler", self.tr("按承办人"))):
            self.by_box.addItem(title, key)
        self.pdf_button = QPushButton(icons.icon("fa5s.file-pdf"), self.tr("导出 PDF…"))
        allow(self.pdf_button, self.gk.actor, Permission.PRINT, Permission.VIEW_REPORTS,
              tooltip=self.tr("诉求办理“三率”统计表（PDF）"))
        self.excel_button = QPushButton(icons.icon("fa5s.file-excel"), self.tr("导出诉求 Excel…"))
        allow(self.excel_button, self.gk.actor, Permission.EXPORT,
              tooltip=self.tr("本期受理的诉求：工单各列及办理情况（电话隐藏中间四位）"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("受理期间：")))
        bar.addWidget(self.kind_box)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.period_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.by_box)
        bar.addStretch(1)
        compact(self.kind_box, self.by_box, letters=6)  # the bar fits a 1024-pixel screen
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels([
            self.tr("分组"), self.tr("受理"), self.tr("按时响应"), self.tr("响应率"), self.tr("已解决"),
            self.tr("按期解决"), self.tr("按期解决率"), self.tr("已回访"), self.tr("满意"),
            self.tr("满意率")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table, 9)  # every header in full, the satisfaction rate takes the rest
        self.lines: list[tuple[str, RateCounts]] = []  # in table order, the total last
        self.sorting = HeaderSort(self.table, lambda: self.lines, self._show_lines,
                                  pinned=lambda line: line is self.lines[-1])
        self.definitions = QLabel("\n".join(d.get(lang) for d in RATE_DEFINITIONS))
        self.definitions.setWordWrap(True)
        self.definitions.setStyleSheet("color: #555")
        self.definitions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.definitions)
        bottom = QHBoxLayout()  # the exports beside what they say; the period bar stays narrow
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.excel_button)
        bottom.addWidget(self.pdf_button)
        layout.addLayout(bottom)

        self.kind_box.currentIndexChanged.connect(lambda _i: self.set_span(
            span_of(Period(self.kind_box.currentData()), self.span.start)))
        self.previous_button.clicked.connect(lambda: self.set_span(self.span.previous()))
        self.next_button.clicked.connect(lambda: self.set_span(self.span.next()))
        self.by_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.set_span(self.span)

    def set_scoped(self, gk: GridKeeper) -> None:
        """Figures, prints and sheets of these services' grids (a community chosen in the tree)."""
        self.gk = gk
        self.refresh()

    def set_span(self, span: Span) -> None:
        self.span = span
        self.period_label.setText(f"{span.label}（{span.start:%Y-%m-%d} — {span.end:%Y-%m-%d}）")
        self.refresh()

    def refresh(self) -> None:
        why = refusal(self.gk.actor, Permission.VIEW_REPORTS)
        if why:
            self.message.setText(why)
            return
        span, by, needs = self.span, self.by_box.currentData(), self.gk.needs
        self.runner.submit(lambda: needs.rates_by(span, by), self._arrived,
                           lambda error: self.message.setText(error_text(error)))

    def wait_idle(self) -> None:
        self.runner.wait()

    def _arrived(self, rates: NeedRates) -> None:
        self.rates = rates
        lang = language()
        lines = [(g.label.get(lang), g.counts) for g in rates.groups]
        lines.append((self.tr("合计"), rates.total))
        self._show_lines(lines)
        self.sorting.resort()
        self.message.setText(self.tr("本期受理 %n 件诉求", "", rates.total.received)
                             if rates.total.received else self.tr("本期没有受理诉求"))

    def _show_lines(self, lines: list[tuple[str, RateCounts]]) -> None:
        self.lines = lines
        self.table.setRowCount(len(lines))
        bold = QFont()
        bold.setBold(True)
        for r, (label, counts) in enumerate(lines):
            for c, value in enumerate([label, *cells(counts)]):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c in (3, 6, 9):  # the rates themselves
                    item.setForeground(QBrush(QColor("#0d47a1")))
                if r == len(lines) - 1:
                    item.setFont(bold)
                self.table.setItem(r, c, item)

    def export_excel(self, target: str | None = None) -> bool:
        """The period's needs as a sheet (the hotline columns, then how each went), off the UI
        thread; phones masked (the command line's --full gives them whole); True when started."""
        if not self.excel_button.isEnabled():
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出诉求"), f"诉求_{self.span.label}.xlsx", "Excel (*.xlsx);;CSV (*.csv)")
            if not target:
                return False
        span, exporter = self.span, self.gk.exporter
        self.context.operations.run(self, lambda: exporter.needs(target, span).path,
                                    done=self._exported, failed=self._failed,
                                    label=self.tr("正在导出…"))
        return True

    def _exported(self, path: Path) -> None:
        self.exported = Path(path)
        self.message.setText(self.tr("已导出：%1").replace("%1", str(path)))

    def _failed(self, error: Exception) -> None:
        # said where the last success was said, so the page never claims an export that failed
        self.exported = None
        self.message.setText(self.tr("导出失败：%1").replace("%1", error_text(error)))

    def export_pdf(self, target: str | None = None) -> bool:
        """The table as the printed 三率统计表, off the UI thread; True when started."""
        if not self.pdf_button.isEnabled():
            return False
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出 PDF"), f"诉求三率_{self.span.label}.pdf", "PDF (*.pdf)")
            if not target:
                return False
        span, by, printing = self.span, self.by_box.currentData(), self.gk.printing
        self.context.operations.run(self, lambda: printing.need_rates(span, target, by=by).files[0],
                                    done=self._exported, failed=self._failed,
                                    label=self.tr("正在排版…"))
        return True

