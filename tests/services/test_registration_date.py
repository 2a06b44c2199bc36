"""A blank 登记日期: the household was on the register before records began."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Household, Visit
from tests.io.sheets import HEADER, id_number, write_sheet

TODAY = date(2026, 11, 20)
VISIT_HEADER = ["户编号", "走访日期", "走访方式", "走访结果", "走访人", "情况记录", "诉求"]


def register(tmp_path: Path, registered: object = None) -> Path:
    return write_sheet(tmp_path / "台账.xlsx", [
        ["H1", "第一网格", "阳光小区", "1", 1, 2, "201", "张伟", None,
         id_number(date(1980, 1, 1), 1, False), None, None, "户主", "", registered, None],
        ["H2", "第一网格", "阳光小区", "1", 1, 2, "202", "李娜", None,
         id_number(date(1985, 1, 1), 2, True), None, None, "户主", "", date(2020, 1, 1), None],
    ], header=HEADER)


def test_visits_of_any_date_import_for_a_household_registered_before_records_began(
        gk: GridKeeper, tmp_path: Path) -> None:
    assert gk.importer.import_households(register(tmp_path), today=TODAY).ok
    visits = write_sheet(tmp_path / "走访.xlsx", [
        ["H1", "2019-05-06", "入户", "见面", "王芳", "老记录", None],
        ["H2", "2019-05-06", "入户", "见面", "王芳", None, None],
    ], header=VISIT_HEADER)
    result = gk.importer.import_visits(visits, today=TODAY, only_good=True)
    assert [p.row for p in result.problems] == [3]  # H2 was registered in 2020: refused
    assert "早于该户登记日期" in result.problems[0].message()
    with gk.db.reading() as session:
        assert session.scalar(select(Visit.visit_date)) == date(2019, 5, 6)
    assert gk.register.load_draft(gk.register.household_id("H1")).registered_on is None


def test_no_missed_period_is_invented_before_the_household_was_taken_in(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.importer.import_households(register(tmp_path), today=TODAY)
    blank = gk.roster.explain(gk.register.household_id("H1"), TODAY)
    dated = gk.roster.explain(gk.register.household_id("H2"), TODAY)
    assert blank.overdue_since is None and blank.next_due == date(2026, 12, 31)
    assert dated.overdue_since is not None  # registered in 2020 and never visited
    # an earlier visit in the current period still counts
    gk.visits.record_visit(_visit("H1", date(2026, 9, 1)), today=TODAY)
    assert gk.roster.explain(gk.register.household_id("H1"), TODAY).next_due is None


def test_a_blank_date_exports_blank_and_reimports_unchanged(gk: GridKeeper, tmp_path: Path) -> None:
    gk.importer.import_households(register(tmp_path), today=TODAY)
    exported = gk.exporter.households(tmp_path / "out.xlsx", full=True)
    from openpyxl import load_workbook

    rows = list(load_workbook(exported.path).active.iter_rows(values_only=True))
    column = rows[0].index("登记日期")
    assert [str(r[column])[:10] if r[column] else None for r in rows[1:]] == [None, "2020-01-01"]
    again = gk.importer.import_households(exported.path, dry_run=True, today=date(2026, 12, 1))
    assert again.ok and sorted(again.unchanged) == ["H1", "H2"]


def test_editing_keeps_a_blank_date_blank_and_a_date_can_be_given_later(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.importer.import_households(register(tmp_path), today=TODAY)
    hid = gk.register.household_id("H1")
    draft = gk.register.load_draft(hid)
    gk.register.save_household(replace(draft, notes="楼下有车棚"), today=date(2026, 12, 3))
    with gk.db.reading() as session:
        row = session.get(Household, hid)
        assert row is not None and row.before_records and row.registered_on == TODAY
    draft = gk.register.load_draft(hid)
    gk.register.save_household(replace(draft, registered_on=date(2015, 3, 1)), today=TODAY)
    assert gk.register.load_draft(hid).registered_on == date(2015, 3, 1)


def _visit(code: str, day: date):  # type: ignore[no-untyped-def]
    from gridkeeper.domain.enums import VisitMethod, VisitOutcome
    from gridkeeper.domain.visits import VisitDraft

    return VisitDraft(visit_date=day, method=VisitMethod.HOME, outcome=VisitOutcome.MET,
                      team=("王芳",), household_code=code)
