"""The 统计报表 page shows the completion service's figures for the chosen period and grouping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import Period
from gridkeeper.domain.periods import span_of
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.reports import ReportsPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    for n in range(1, 4):
        gk.register.save_household(household(f"A{n:03d}", grid="第2网格", room=f"{n}01"))
    gk.register.save_household(household("B001", grid="第10网格", building="9"))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_table_shows_the_service_figures_per_grid_in_natural_order(qtbot, context: Context) -> None:  # noqa: ANN001
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.kind_box.setCurrentIndex(list(Period).index(Period.YEAR))
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.kind is Period.YEAR)
    expected = context.gk.completion.figures(span_of(Period.YEAR, date.today()), by="grid")
    assert expected.total.required_visits > 0
    labels = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert labels == ["第2网格", "第10网格", "合计"]
    assert int(page.table.item(2, 2).text()) == expected.total.required_visits
    assert int(page.table.item(2, 3).text()) == expected.total.visits_done


@pytest.mark.parametrize("by", ["grid", "category"])
def test_each_line_chosen_lists_the_households_it_missed_or_still_owes(
        qtbot, context: Context, by: str) -> None:  # noqa: ANN001
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.kind_box.setCurrentIndex(list(Period).index(Period.YEAR))
    page.group_box.setCurrentIndex(page.group_box.findData(by))
    qtbot.waitUntil(lambda: page.report is not None and page.report.by == by
                    and page.report.period.kind is Period.YEAR)
    page.wait_idle()
    full = context.gk.completion.figures(span_of(Period.YEAR, date.today()), by=by)
    expected = {f.label: set(f.missed_households) | set(f.pending_households) for f in full.groups}
    expected["合计"] = set(full.total.missed_households) | set(full.total.pending_households)
    assert expected["合计"]
    for row in range(page.table.rowCount()):
        page.table.selectRow(row)
        label = page.table.item(row, 0).text()
        qtbot.waitUntil(lambda: set(page.missed.codes()) == expected[label])  # noqa: B023 - waited for here
        assert page.missed.title.text().startswith(
            f"漏访 {page.table.item(row, 6).text()} 户 · 待访 {page.table.item(row, 7).text()} 户")


def test_year_by_category_and_excel_export(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.kind_box.setCurrentIndex(list(Period).index(Period.YEAR))
    page.group_box.setCurrentIndex(page.group_box.findData("category"))
    qtbot.waitUntil(lambda: page.report is not None and page.report.by == "category"
                    and page.report.period.kind is Period.YEAR)
    assert page.export_excel(str(tmp_path / "r.xlsx"))
    context.operations.wait()
    book = load_workbook(page.exported)
    assert book.worksheets[0].cell(1, 1).value == "分组"
    assert len(book.worksheets) == 2


def test_pdf_export_writes_the_completion_report(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    page = ReportsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.report is not None)
    target = tmp_path / "report.pdf"
    page.export_pdf(str(target))
    qtbot.waitUntil(lambda: "已导出" in page.summary.text(), timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")
