"""``import`` / ``export`` through the real entry point: exit status, messages, masking, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.roles import Actor
from gridkeeper.services.exporter import ExportService
from gridkeeper.services.facade import open_gridkeeper
from gridkeeper.storage.models import AuditEntry
from tests.io.sheets import register_rows, write_sheet


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    rows = register_rows(5, seed=3)
    rows[-1][8:10] = rows[0][8:10]  # the last resident repeats the first one's ID number
    return write_sheet(tmp_path / "in.xlsx", rows, titles=["社区台账"])


def test_import_with_problems_writes_nothing_and_exits_1(sheet: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    errors = tmp_path / "errors.xlsx"
    assert main(["--db", db, "import", "households", str(sheet), "--errors", str(errors)]) == 1
    out = capsys.readouterr()
    assert "重复" in out.err and "未导入任何数据" in out.out
    assert errors.exists()
    assert main(["--db", db, "import", "households", str(sheet), "--dry-run"]) == 1
    assert main(["--db", db, "--lang", "en", "import", "households", str(sheet), "--only-good"]) == 0
    out = capsys.readouterr().out
    assert "imported:" in out and "refused households 1" in out


def test_export_masks_by_default_and_full_round_trips(sheet: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "import", "households", str(sheet), "--only-good"]) == 0
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    assert main(["--db", db, "export", "households", str(masked)]) == 0
    assert main(["--db", db, "export", "households", str(full), "--full"]) == 0
    masked_rows = list(load_workbook(masked).active.iter_rows(min_row=2, values_only=True))
    full_rows = list(load_workbook(full).active.iter_rows(min_row=2, values_only=True))
    assert masked_rows[0][9] == full_rows[0][9][:6] + "*" * 8 + full_rows[0][9][-4:]
    assert masked_rows[0][11] == full_rows[0][11][:3] + "****" + full_rows[0][11][-4:]
    assert main(["--db", str(tmp_path / "d.db"), "import", "households", str(full)]) == 0
    csv_out = tmp_path / "v.csv"
    assert main(["--db", db, "export", "visits", str(csv_out), "--period", "2026Q3"]) == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    gk = open_gridkeeper(db)
    try:
        with gk.db.reading() as session:
            details = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "export"))
            details = list(details)
    finally:
        gk.close()
    assert any("masked" in d for d in details) and any("full data" in d for d in details)


def test_full_data_needs_the_unmask_permission(tmp_path: Path) -> None:
    gk = open_gridkeeper(str(tmp_path / "p.db"))
    try:
        leader = Actor("组长", Role.GRID_LEADER, frozenset())
        with pytest.raises(PermissionDenied):
            ExportService(gk.db, leader).households(tmp_path / "x.xlsx", full=True)
    finally:
        gk.close()


def test_bad_period_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "e.db"), "export", "visits", str(tmp_path / "v.xlsx"),
                 "--period", "2026-13"]) == 1
    assert "2026-13" in capsys.readouterr().err


def test_roster_and_completion_export_to_excel_and_are_audited(sheet: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "import", "households", str(sheet), "--only-good"]) == 0
    roster, report = tmp_path / "roster.xlsx", tmp_path / "report.xlsx"
    assert main(["--db", db, "export", "roster", str(roster), "--week", "2026-W48",
                 "--date", "2026-11-23"]) == 0
    gk = open_gridkeeper(db)
    expected = [r.household_code for r in gk.roster.roster("2026-W48", as_of=date(2026, 11, 23)).rows]
    sheet_rows = list(load_workbook(roster).active.iter_rows(values_only=True))
    assert sheet_rows[0][:3] == ("户编号", "网格", "楼栋") and sheet_rows[0][10] == "原因"
    assert [row[0] for row in sheet_rows[1:]] == expected and expected
    assert main(["--db", db, "export", "completion", str(report), "--period", "2026-11",
                 "--by", "category", "--date", "2026-11-23"]) == 0
    figures = gk.completion.figures("2026-11", by="category", as_of=date(2026, 11, 23))
    book = load_workbook(report)
    lines = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(line[0], line[2], line[3]) for line in lines] == [
        (g.label, g.required_visits, g.visits_done) for g in figures.groups] + [
        ("合计", figures.total.required_visits, figures.total.visits_done)]
    assert [r[0] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)] == \
        figures.total.missed_households
    with gk.db.reading() as session:
        tables = list(session.scalars(select(AuditEntry.table_name).where(AuditEntry.action == "export")))
    assert tables[-2:] == ["roster", "completion"]
    gk.close()


def test_a_roster_export_needs_the_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "c.db"), "export", "roster", str(tmp_path / "r.xlsx")]) == 2
    assert "--week" in capsys.readouterr().err
