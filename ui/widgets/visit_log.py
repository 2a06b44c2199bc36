"""Printing the visit log (民情日志) from the GUI: a household's, from its detail pane, or a
grid's for a period, from the 本周走访 page. The user chooses the period; the printing
service lays the document out off the UI thread (the print is audited) and it opens in the
preview, held in memory only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from gridkeeper.domain.enums import Period
from gridkeeper.domain.periods import parse_period, span_of
from ui.operations import Changes
from ui.texts import error_text


class PeriodDialog(QDialog):
    """Which period a visit log covers: this week, month, quarter, half-year or year, the last
    month, or any period typed as 2026-W48, 2026-11, 2026Q3, 2026H2 or 2026."""

    def __init__(self, what: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印民情日志"))
        self.box = QComboBox()
        self.box.setEditable(True)
        last_month = span_of(Period.MONTH, today).previous()
        for label, span in ((self.tr("本周"), span_of(Period.WEEK, today)),
                            (self.tr("本月"), span_of(Period.MONTH, today)),
                            (self.tr("上月"), last_month),
                            (self.tr("本季度"), span_of(Period.QUARTER, today)),
                            (self.tr("本半年"), span_of(Period.HALF_YEAR, today)),
                            (self.tr("本年"), span_of(Period.YEAR, today))):
            self.box.addItem(f"{span.label}（{label}）", span.label)
        self.box.setCurrentIndex(1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(what))
        form.addRow(self.tr("时期："), self.box)
        form.addRow(QLabel(self.tr("也可输入 2026-W48、2026-11、2026Q3、2026H2 或 2026")))
        form.addRow(self.error)
        form.addRow(buttons)

    def period(self) -> str:
        """The chosen period as the printing service names it ("2026-11")."""
        text = self.box.currentText().strip()
        index = self.box.findText(text)
        return str(self.box.itemData(index)) if index >= 0 else text.split("（")[0]

    def _check(self) -> None:
        try:
            parse_period(self.period())
        except Exception as error:  # a typed period the service would refuse: say so here
            self.error.setText(error_text(error))
            return
        self.accept()


def print_visit_log(page: QWidget, context: object, *, household: str | None = None,
                    grid: str | None = None, period: str | None = None,
                    shown: Callable[[object], None] | None = None) -> bool:
    """Ask for the period (unless given), print the household's or the grid's visit log off
    the UI thread and show it; True when started."""
    from ui.widgets.pdf_preview import PdfPreview

    what = (page.tr("住户 %1 的民情日志").replace("%1", household) if household
            else page.tr("网格 %1 的民情日志").replace("%1", grid or ""))
    if period is None:
        dialog = PeriodDialog(what, date.today(), page)
        if not dialog.exec():
            return False
        period = dialog.period()
    printing = context.gk.printing  # type: ignore[attr-defined]
    chosen = period

    def work() -> bytes:
        # no target: the document stays in memory (a log names residents and their needs)
        return printing.visit_log(chosen, None, household=household, grid=grid).documents[0]

    def done(data: bytes) -> None:
        title = f"{what} {chosen}"
        preview = PdfPreview(data, title, page, file_name=f"民情日志_{household or grid}_{chosen}.pdf")
        page.last_visit_log = preview  # type: ignore[attr-defined]
        preview.show()
        if shown is not None:
            shown(preview)

    def failed(error: Exception) -> None:
        say = getattr(page, "_say", None)
        if callable(say):
            say(error_text(error), error=True)
        else:  # a page with no message line: never a failure nobody sees
            from ui.error_log import report_error

            report_error(error, "visit log")

    context.operations.run(page, work, Changes(), done=done, failed=failed,  # type: ignore[attr-defined]
                           label=page.tr("正在排版民情日志…"))
    return True
