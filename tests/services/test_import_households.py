"""Importing the household register from messy office sheets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from gridkeeper.domain.progress import Cancelled
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.services.exporter import ExportService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.importer import ImportService, MissingColumns
from gridkeeper.storage.models import AuditEntry, CategoryAssignment, Household, Resident
from tests.conftest import household
from tests.io.sheets import HEADER, id_number, register_rows, write_sheet

TODAY = date(2026, 11, 20)
ID_A = id_number(date(1950, 3, 1), 1, False)
ID_B = id_number(date(1952, 5, 2), 2, True)
ID_C = id_number(date(1980, 7, 3), 3, False)
ID_D = id_number(date(1985, 9, 4), 4, True)


def row(code: str, name: str, number: Any = None, relation: str = "户主", categories: str = "",
        room: str = "101", registered: Any = "2024/3/1", **changes: Any) -> list[Any]:
    values = dict(zip(HEADER, [code, "第一网格", "阳光小区", "1", 1, 1, room, name, None, number,
                               None, None, relation, categories, registered, None], strict=True))
    values.update(changes)
    return list(values.values())


def service(gk: GridKeeper) -> ImportService:
    return ImportService(gk.db, gk.actor)


def count(gk: GridKeeper, model: Any) -> int:
    with gk.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """Title rows, merged address cells, a blank row, mixed dates, one bad household (H3)."""
    rows = [
        row("H1", "张伟 ", ID_A, categories="低保、高龄", registered=date(2024, 3, 1)),
        row("H1", "李秀英", ID_B, relation="配偶", categories="残疾人", registered=None),
        [None] * 16,
        row("H2", "王强", ID_C, room="102", categories="特困;一般户", registered="2024年3月5日"),
        row("H3", "赵敏", 1.10105198509041e17, room="103"),
        row("H3", "赵二", None, relation="子", room="103", categories="五保"),
    ]
    return write_sheet(tmp_path / "台账.xlsx", rows, titles=["阳光社区住户台账", "填报日期：2026年11月"],
                       merges=["A1:P1", "A2:P2"])


def test_problems_are_reported_by_sheet_row_and_column_with_value_and_reason(
        gk: GridKeeper, messy: Path) -> None:
    result = service(gk).import_households(messy, today=TODAY)
    messages = [p.message() for p in result.problems]
    assert any(m.startswith("第8行“身份证号”列") and "Excel" in m for m in messages)
    assert any(m.startswith("第9行“人员类别”列：“五保”") and "没有这个人员类别" in m for m in messages)
    assert result.refused == ["H3"]
    assert not result.written


def test_nothing_is_written_when_any_row_is_bad(gk: GridKeeper, messy: Path) -> None:
    service(gk).import_households(messy, today=TODAY)
    assert count(gk, Household) == 0 and count(gk, Resident) == 0


def test_only_good_writes_the_good_households_and_refuses_the_bad_one_whole(
        gk: GridKeeper, messy: Path) -> None:
    result = service(gk).import_households(messy, only_good=True, today=TODAY)
    assert result.written and sorted(result.added) == ["H1", "H2"] and result.refused == ["H3"]
    draft = gk.register.load_draft(gk.register.household_id("H1"))
    head = next(r for r in draft.residents if r.is_head)
    assert head.name == "张伟" and head.id_number == ID_A
    assert draft.registered_on == date(2024, 3, 1)
    categories = {r.name: [a.category for a in r.categories] for r in draft.residents}
    # 高龄 and 一般户 are computed, so accepted and not stored
    assert categories == {"张伟": ["low_income"], "李秀英": ["disabled"]}
    assert all(a.valid_from == date(2024, 3, 1) for r in draft.residents for a in r.categories)
    h2 = gk.register.load_draft(gk.register.household_id("H2"))
    assert h2.registered_on == date(2024, 3, 5)
    assert [a.category for a in h2.residents[0].categories] == ["special_hardship"]
    with pytest.raises(Exception, match="H3"):
        gk.register.household_id("H3")


def test_an_id_twice_in_the_file_is_named_and_one_registered_elsewhere_is_a_move(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("OLD", residents=(ResidentDraft(name="钱某", id_number=ID_D),)))
    path = write_sheet(tmp_path / "d.xlsx", [
        row("H1", "张伟", ID_A), row("H2", "王强", ID_A, room="102"),
        row("H3", "钱某", ID_D, room="103"),
    ])
    result = service(gk).import_households(path, today=TODAY, only_good=True)
    assert [p.message() for p in result.problems if p.column] == [f"第3行“身份证号”列：“{ID_A}” 与第2行重复"]
    assert result.moved == ["钱某（OLD → H3）"]


def test_bad_check_digit_and_missing_address_part_are_reported(gk: GridKeeper, tmp_path: Path
                                                               ) -> None:
    wrong = ID_A[:17] + ("0" if ID_A[17] != "0" else "1")
    path = write_sheet(tmp_path / "b.xlsx", [row("H1", "张伟", wrong),
                                             row("H2", "王强", None, room="102", 小区=None)])
    problems = [p.message() for p in service(gk).import_households(path, today=TODAY).problems]
    assert any(p.startswith("第2行“身份证号”列") and "校验位错误" in p for p in problems)
    assert any(p.startswith("第3行“小区”列") and "不能为空" in p for p in problems)


def test_dry_run_lists_additions_and_new_places_and_writes_nothing(gk: GridKeeper,
                                                                   tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "a.xlsx", [row("H1", "张伟", ID_A),
                                             row("H2", "王强", ID_C, room="102", 网格="第九网格")])
    result = service(gk).import_households(path, dry_run=True, today=TODAY)
    assert result.ok and result.added == ["H1", "H2"] and not result.written
    assert result.new_grids == ["第一网格", "第九网格"]
    assert result.new_estates == ["阳光小区"] and result.new_buildings == ["阳光小区 1"]
    assert count(gk, Household) == 0


def test_reimport_updates_households_in_place_without_duplicating_residents(
        gk: GridKeeper, tmp_path: Path) -> None:
    first = write_sheet(tmp_path / "1.xlsx", [row("H1", "张伟", ID_A, categories="低保"),
                                              row("H1", "李秀英", None, relation="配偶")])
    service(gk).import_households(first, today=TODAY)
    hid = gk.register.household_id("H1")
    again = service(gk).import_households(first, today=TODAY)
    assert again.unchanged == ["H1"] and again.changed == []
    second = write_sheet(tmp_path / "2.xlsx", [
        row("H1", "张伟", ID_A, room="1101", 楼层=11, categories="残疾"),
        row("H1", "李秀英", ID_B, relation="配偶", room="1101", 楼层=11),
        row("H1", "张小明", None, relation="子", room="1101", 楼层=11),
    ])
    preview = service(gk).import_households(second, dry_run=True, today=TODAY)
    assert preview.changed == ["H1"] and preview.added == []
    service(gk).import_households(second, today=TODAY)
    draft = gk.register.load_draft(hid)
    assert gk.register.household_id("H1") == hid and draft.room == "1101" and draft.floor == 11
    assert sorted(r.name for r in draft.residents) == ["张伟", "张小明", "李秀英"]
    assert next(r for r in draft.residents if r.name == "李秀英").id_number == ID_B
    zhang = next(r for r in draft.residents if r.name == "张伟")
    held = {a.category: a for a in zhang.categories}
    assert held["low_income"].valid_to == date(2026, 11, 19)  # closed, kept as history
    assert held["disabled"].valid_to is None
    assert count(gk, Resident) == 3 and count(gk, CategoryAssignment) == 2
    with gk.db.reading() as session:
        edits = session.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "update", AuditEntry.table_name == "resident")).all()
    assert any(ID_B in (e or "") for e in edits)  # the audit log shows what changed


def test_import_is_audited_and_cancel_leaves_the_register_as_before(gk: GridKeeper,
                                                                    tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "big.xlsx", register_rows(1200))

    def cancel(fraction: float, text: str) -> None:
        if "writing" in text and fraction > 0.6:
            raise Cancelled()

    with pytest.raises(Cancelled):
        service(gk).import_households(path, progress=cancel, today=TODAY)
    assert count(gk, Household) == 0 and count(gk, Resident) == 0
    seen: list[float] = []
    result = service(gk).import_households(path, progress=lambda f, t: seen.append(f), today=TODAY)
    assert len(result.added) == 1200 and seen[-1] == 1.0 and seen == sorted(seen)
    with gk.db.reading() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
    assert "import" in actions


def test_missing_required_columns_are_named(gk: GridKeeper, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "c.xlsx", [["H1", "张伟"]], header=["户编号", "姓名"])
    with pytest.raises(MissingColumns, match="网格"):
        service(gk).import_households(path, today=TODAY)


def test_error_report_is_a_copy_of_the_sheet_with_an_error_column(gk: GridKeeper, messy: Path,
                                                                  tmp_path: Path) -> None:
    from openpyxl import load_workbook

    imports = service(gk)
    result = imports.import_households(messy, today=TODAY)
    report = load_workbook(imports.save_error_report(result, tmp_path / "errors.xlsx")).active
    header = [c.value for c in report[1]]
    assert header[0] == "行号" and header[-1] == "错误" and "身份证号" in header
    by_row = {r[0]: r[-1] for r in report.iter_rows(min_row=2, values_only=True)}
    assert by_row[4] is None and "Excel" in by_row[8] and "五保" in by_row[9]


def test_preview_shows_the_mapping_and_first_rows(gk: GridKeeper, messy: Path) -> None:
    preview = service(gk).preview(messy, rows=2)
    assert preview.header_row == 3 and preview.mapping["id_number"] == "身份证号"
    assert [n for n, _ in preview.rows] == [4, 5] and preview.rows[0][1][7] == "张伟"


def test_export_then_import_round_trips_to_the_same_register(gk: GridKeeper, tmp_path: Path,
                                                             db_location: str) -> None:
    source = write_sheet(tmp_path / "s.xlsx", register_rows(60, seed=7))
    service(gk).import_households(source)
    exported = ExportService(gk.db, gk.actor).households(tmp_path / "out.xlsx", full=True)
    assert exported.rows == count(gk, Resident)
    from gridkeeper.services.facade import open_gridkeeper

    other = open_gridkeeper(str(tmp_path / "copy.db"))
    try:
        result = service(other).import_households(exported.path)
        assert result.ok and len(result.added) == 60
        assert _register(other) == _register(gk)
        again = service(gk).import_households(exported.path)
        assert len(again.unchanged) == 60 and not again.changed
    finally:
        other.close()


def _register(gk: GridKeeper) -> list[Any]:
    with gk.db.reading() as session:
        codes = sorted(session.scalars(select(Household.code)))
    out = []
    for code in codes:
        d = gk.register.load_draft(gk.register.household_id(code))
        out.append((d.code, d.grid, d.estate, d.building, d.unit, d.floor, d.room, d.registered_on,
                    sorted((r.name, r.id_number, r.gender, r.birth_date, r.phone, r.relation,
                            r.is_head, tuple(sorted((a.category, a.valid_from) for a in r.categories)))
                           for r in d.residents)))
    return out


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_sheets_in_gbk_or_utf8_import_the_same(gk: GridKeeper, tmp_path: Path,
                                                   encoding: str) -> None:
    lines = [",".join(HEADER),
             f"H1,第一网格,阳光小区,1,1,1,101,张伟,男,{ID_A},,13800138000,户主,低保户,2024-3-1,",
             f"H1,第一网格,阳光小区,1,1,1,101,李秀英,女,{ID_B},,,配偶,,,"]
    path = tmp_path / "s.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    result = service(gk).import_households(path, today=TODAY)
    assert result.written and result.added == ["H1"]
    draft = gk.register.load_draft(gk.register.household_id("H1"))
    assert sorted(r.name for r in draft.residents) == ["张伟", "李秀英"]
    assert draft.residents[0].phone == "13800138000"
    assert [a.category for a in draft.residents[0].categories] == ["low_income"]


def test_a_household_written_once_over_merged_cells_imports_all_its_residents(
        gk: GridKeeper, tmp_path: Path) -> None:
    blank = [None] * 7
    path = write_sheet(tmp_path / "merged.xlsx", [
        row("H1", "张伟", ID_A), blank + row("H1", "李秀英", ID_B, relation="配偶")[7:],
        blank + row("H1", "张小明", None, relation="子")[7:],
    ], titles=["台账"], merges=["A1:P1"] + [f"{c}3:{c}5" for c in "ABCDEFG"])
    result = service(gk).import_households(path, today=TODAY)
    assert result.ok and result.added == ["H1"], [p.message() for p in result.problems]
    draft = gk.register.load_draft(gk.register.household_id("H1"))
    assert len(draft.residents) == 3 and draft.room == "101"


def test_a_real_import_first_takes_a_backup_of_the_register_as_it_was(
        gk: GridKeeper, tmp_path: Path, messy: Path) -> None:
    import sqlite3

    gk.register.save_household(household("H9"))
    service(gk).import_households(messy, dry_run=True, today=TODAY)
    service(gk).import_households(messy, today=TODAY)  # refused: nothing written, no backup
    assert gk.backups.list_backups() == []
    path = write_sheet(tmp_path / "ok.xlsx", [row("H1", "张伟", ID_A)])
    assert service(gk).import_households(path, today=TODAY).written
    (backup,) = gk.backups.list_backups()
    assert backup.reason == "before-import"
    connection = sqlite3.connect(backup.path)
    try:
        assert {r[0] for r in connection.execute("SELECT code FROM household")} == {"H9"}
    finally:
        connection.close()
