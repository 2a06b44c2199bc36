"""The import wizard: the columns it found, the first rows, problems by sheet row, nothing
written by default, only the good households on request, cancel leaves nothing, and the
register page shows what was imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from gridkeeper.domain.progress import Cancelled
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Household
from tests.io.sheets import register_rows, write_sheet
from tests.services.test_import_households import messy  # noqa: F401 - fixture
from ui.context import Context
from ui.pages.register.import_wizard import CHECKED, DONE, PREVIEW, ImportWizard


def households(gk: GridKeeper) -> int:
    with gk.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Household)) or 0)


def checked(qtbot, gk: GridKeeper, path: Path) -> ImportWizard:  # noqa: ANN001
    wizard = ImportWizard(gk)
    qtbot.addWidget(wizard)
    wizard.file_edit.setText(str(path))
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=10_000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == CHECKED, timeout=10_000)
    return wizard


def test_preview_shows_the_columns_found_and_the_first_rows(qtbot, gk: GridKeeper, messy: Path) -> None:  # noqa: F811
    wizard = ImportWizard(gk)
    qtbot.addWidget(wizard)
    wizard.file_edit.setText(str(messy))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=10_000)
    mapped = {wizard.mapping_table.item(r, 0).text(): wizard.mapping_table.item(r, 1).text()
              for r in range(wizard.mapping_table.rowCount())}
    assert mapped["户编号"] == "户编号" and mapped["身份证号"] == "身份证号"
    assert "第 3 行" in wizard.header_label.text()  # two title rows above the header
    first = [wizard.rows_table.item(0, c).text() for c in range(3)]
    assert first[0] == "H1" and wizard.rows_table.verticalHeaderItem(0).text() == "4"


def test_a_bad_row_is_named_and_nothing_is_imported_by_default(qtbot, gk: GridKeeper, messy: Path) -> None:  # noqa: F811
    wizard = checked(qtbot, gk, messy)
    problems = [(wizard.problems_table.item(r, 0).text(), wizard.problems_table.item(r, 1).text())
                for r in range(wizard.problems_table.rowCount())]
    assert ("8", "身份证号") in problems and ("9", "人员类别") in problems
    assert not wizard.next_button.isEnabled()  # all or nothing: the import waits for a choice
    report = wizard.save_report(str(messy.with_name("errors.xlsx")))
    assert report is not None and report.exists()
    assert households(gk) == 0


def test_only_good_households_are_imported_and_the_register_shows_them(
        qtbot, gk: GridKeeper, messy: Path, tmp_path: Path) -> None:  # noqa: F811
    from ui.pages.register.page import RegisterPage

    page = RegisterPage(Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                  "t.db", "tester"))
    qtbot.addWidget(page)
    page.wait_idle()
    wizard = page.import_file()
    assert isinstance(wizard, ImportWizard)
    wizard.file_edit.setText(str(messy))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == PREVIEW, timeout=10_000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == CHECKED, timeout=10_000)
    wizard.only_good.setChecked(True)
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == DONE, timeout=20_000)
    assert wizard.result is not None and sorted(wizard.result.added) == ["H1", "H2"]
    assert "已导入" in wizard.done_summary.toPlainText()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)


def test_cancel_during_the_import_leaves_the_register_as_it_was(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "big.xlsx", register_rows(400))
    wizard = checked(qtbot, gk, path)
    assert wizard.checked is not None and wizard.checked.ok
    wizard.cancel()  # as if Cancel were pressed before the first progress report
    with pytest.raises(Cancelled):
        wizard._progress(0.5, "")
    wizard.run_import()
    wizard.cancel()
    qtbot.waitUntil(lambda: not wizard.runner_busy, timeout=20_000)
    assert "取消" in wizard.error_label.text()
    assert households(gk) == 0
