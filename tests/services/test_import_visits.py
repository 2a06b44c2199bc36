"""Importing visits from a sheet: teams become workers, 诉求 opens needs, bad rows named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gridkeeper.domain.i18n import set_language
from gridkeeper.services.exporter import ExportService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.importer import ImportService, MissingColumns, summary
from gridkeeper.storage.models import Need, Visit, VisitParticipant, Worker
from tests.conftest import household
from tests.io.sheets import write_sheet

HEADER = ["户编号", "走访日期", "走访方式", "走访结果", "走访人", "情况记录", "诉求"]
TODAY = date(2026, 11, 20)


def sheet(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "visits.xlsx", [
        ["H1", "2026/11/3", "入户", "见面", "王芳、李警官", "身体好", "楼道灯坏了"],
        ["H1", "2026年11月5日", "电话", "未遇", "王芳", None, None],
        ["H9", "2026-11-6", "入户", "见面", "王芳", None, None],
        ["H1", "2026-11-31", "飞鸽", "见面", None, None, None],
    ], header=HEADER, titles=["十一月走访记录"])


def test_bad_rows_are_named_and_nothing_is_written(gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    result = ImportService(gk.db, gk.actor).import_visits(sheet(tmp_path), today=TODAY)
    messages = [p.message() for p in result.problems]
    assert "第5行“户编号”列：“H9” 台账中没有这个户编号" in messages
    assert any(m.startswith("第6行“走访日期”列：“2026-11-31”") for m in messages)
    assert any(m.startswith("第6行“走访方式”列：“飞鸽”") for m in messages)
    with gk.db.reading() as session:
        assert session.scalars(select(Visit)).first() is None
    assert gk.backups.list_backups() == []  # nothing written, no backup needed


def test_good_rows_record_visits_teams_and_open_needs_once(gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    imports = ImportService(gk.db, gk.actor)
    result = imports.import_visits(sheet(tmp_path), only_good=True, today=TODAY)
    assert result.written and result.added == ["3", "4"] and result.refused == ["5", "6"]
    assert result.new_workers == ["王芳", "李警官"] and result.needs_opened == 1
    # a backup first (of a database file; a server's own backups keep a server database)
    assert [b.reason for b in gk.backups.list_backups()] == (["before-import"] if gk.db.path else [])
    with gk.db.reading() as session:
        visits = session.scalars(select(Visit).order_by(Visit.visit_date)).all()
        assert [(v.visit_date, v.method, v.outcome) for v in visits] == [
            (date(2026, 11, 3), "home", "met"), (date(2026, 11, 5), "phone", "absent")]
        team = session.scalars(select(VisitParticipant.name).order_by(VisitParticipant.id)).all()
        assert team == ["王芳", "李警官", "王芳"]
        assert sorted(session.scalars(select(Worker.name))) == ["李警官", "王芳"]
        need = session.scalars(select(Need)).one()
        assert need.status == "open" and need.description == "楼道灯坏了"
        assert need.visit_id == visits[0].id
    again = imports.import_visits(sheet(tmp_path), only_good=True, today=TODAY)
    assert again.added == [] and again.unchanged == ["3", "4"]


def test_visits_of_a_period_export_with_team_and_need(gk: GridKeeper, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    gk.register.save_household(household("H1"))
    ImportService(gk.db, gk.actor).import_visits(sheet(tmp_path), only_good=True, today=TODAY)
    result = ExportService(gk.db, gk.actor).visits(tmp_path / "v.xlsx", "2026-W45")
    rows = list(load_workbook(result.path).active.iter_rows(values_only=True))
    assert rows[0][:7] == tuple(HEADER)
    assert rows[1][0] == "H1" and rows[1][1].date() == date(2026, 11, 3)
    assert rows[1][4] == "王芳、李警官" and rows[1][6] == "楼道灯坏了"
    assert len(rows) == 3
    assert ExportService(gk.db, gk.actor).visits(tmp_path / "w.xlsx", "2026-W46").rows == 0


def test_a_blank_result_is_not_a_visit_but_counted_as_not_entered(gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    path = write_sheet(tmp_path / "blank.xlsx", [
        ["H1", "2026-11-3", "入户", "见面", "王芳", "好", None],
        ["H1", "2026-11-4", "入户", None, "王芳", "写了记录却没勾结果", None],
        ["H1", None, None, "  ", None, None, None],
    ], header=HEADER)
    result = ImportService(gk.db, gk.actor).import_visits(path, today=TODAY)
    assert result.written and result.added == ["2"] and result.not_entered == ["3", "4"]
    assert result.problems == []
    assert "未录入（走访结果为空，不算走访） 2：3、4" in summary(result)
    set_language("en")
    try:  # English words with English punctuation
        assert "not entered (no result: not a visit) 2: 3, 4" in summary(result)
        assert "rows read 3, problems 0" in summary(result)
    finally:
        set_language("zh")
    with gk.db.reading() as session:
        assert [(v.visit_date, v.outcome) for v in session.scalars(select(Visit))] == [
            (date(2026, 11, 3), "met")]


def test_results_are_read_in_chinese_or_english_and_anything_else_is_named(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    words = ["见面", "未遇", "拒访", "外出", "met", "absent", "refused", "away", "Met"]
    rows = [["H1", f"2026-11-{i + 1}", "电话", word, "王芳", f"第{i}次", None]
            for i, word in enumerate(words)]
    rows.append(["H1", "2026-11-15", "入户", "在家吗", "王芳", None, None])
    path = write_sheet(tmp_path / "words.xlsx", rows, header=HEADER)
    result = ImportService(gk.db, gk.actor).import_visits(path, only_good=True, today=TODAY)
    assert len(result.added) == len(words)
    assert [p.message() for p in result.problems] == [
        "第11行“走访结果”列：“在家吗” 应为见面、未遇、拒访、外出、met、absent、refused、away之一"]
    with gk.db.reading() as session:
        outcomes = list(session.scalars(select(Visit.outcome).order_by(Visit.visit_date)))
    assert outcomes == ["met", "absent", "refused", "away"] * 2 + ["met"]


def test_a_sheet_without_a_result_column_is_refused_rather_than_counted_as_met(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    path = write_sheet(tmp_path / "no_result.xlsx", [["H1", "2026-11-3", "入户", "王芳"]],
                       header=["户编号", "走访日期", "走访方式", "走访人"])
    with pytest.raises(MissingColumns, match="走访结果"):
        ImportService(gk.db, gk.actor).import_visits(path, today=TODAY)


def test_a_follow_up_date_is_recorded_and_may_not_precede_the_visit(gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("H1"))
    path = write_sheet(tmp_path / "follow.xlsx", [
        ["H1", "2026-11-3", "入户", "见面", "王芳", "腿伤", None, "2026-11-17"],
        ["H1", "2026-11-5", "入户", "见面", "王芳", "复查", None, "2026-11-1"],
    ], header=[*HEADER, "跟进日期"])
    result = ImportService(gk.db, gk.actor).import_visits(path, only_good=True, today=TODAY)
    assert result.added == ["2"]
    assert [p.message() for p in result.problems] == [
        "第3行“跟进日期”列：“2026-11-01” 早于走访日期 2026-11-05"]
    with gk.db.reading() as session:
        assert list(session.scalars(select(Visit.follow_up_on))) == [date(2026, 11, 17)]
    exported = ExportService(gk.db, gk.actor).visits(tmp_path / "back.xlsx", "2026-11")
    again = ImportService(gk.db, gk.actor).import_visits(exported.path, today=TODAY)
    assert again.unchanged == ["2"] and again.problems == []


def test_a_filled_roster_sheet_is_matched_by_number_and_seq_and_checked_against_the_code(
        gk: GridKeeper, tmp_path: Path) -> None:
    for code, room in (("H1", "101"), ("H2", "102"), ("H3", "201")):
        gk.register.save_household(household(code, room=room, floor=int(room[0])))
    roster = gk.roster.roster("2026-W47", as_of=TODAY)
    sheet = gk.sheets.issue(roster, [roster.rows[0].grid_id])[0]
    assert [(line.seq, line.household_code) for line in sheet.lines] == [(1, "H1"), (2, "H2"), (3, "H3")]
    number = sheet.number
    path = write_sheet(tmp_path / "filled.xlsx", [
        [number, 1, None, "2026-11-16", "见面", "王芳"],
        [number.lower(), 2, "H2", "2026-11-16", "未遇", "王芳"],
        [number, 3, "H1", "2026-11-16", "见面", "王芳"],
        [number, 9, None, "2026-11-16", "见面", "王芳"],
        ["2026W47-999", 1, "H1", "2026-11-16", "见面", "王芳"],
        [number, None, "H9", "2026-11-16", "见面", "王芳"],
    ], header=["花名册编号", "序号", "户编号", "走访日期", "走访结果", "走访人"])
    result = ImportService(gk.db, gk.actor).import_visits(path, only_good=True, today=TODAY)
    assert result.added == ["2", "3"]
    assert [p.message() for p in result.problems] == [
        f"第4行“序号”列：“3” 在花名册 {number} 上是户 H3，与户编号 H1 不符",
        f"第5行“序号”列：“9” 花名册 {number} 上没有这个序号",
        "第6行“花名册编号”列：“2026W47-999” 没有这个花名册编号",
        f"第7行“户编号”列：“H9” 不在花名册 {number} 上",
    ]
    with gk.db.reading() as session:
        recorded = session.execute(select(Visit.household_id, Visit.outcome, Visit.roster_number)
                                   .order_by(Visit.household_id)).all()
    ids = {line.household_code: line.household_id for line in sheet.lines}
    assert recorded == [(ids["H1"], "met", number), (ids["H2"], "absent", number)]


def test_a_roster_sheet_may_give_the_date_as_the_paper_has_it_month_and_day(
        gk: GridKeeper, tmp_path: Path) -> None:
    for code, room in (("H1", "101"), ("H2", "102"), ("H3", "201")):
        gk.register.save_household(household(code, room=room, floor=int(room[0])))
    roster = gk.roster.roster("2026-W47", as_of=TODAY)
    number = gk.sheets.issue(roster, [roster.rows[0].grid_id])[0].number
    path = write_sheet(tmp_path / "filled.xlsx", [
        [number, 1, "11-16", "见面", "王芳"],
        [number, 2, "11月17日", "未遇", "王芳"],
        [number, 3, "11-21", "见面", "王芳"],  # a day still to come: a slip, not last year's
        [None, None, "11-16", "见面", "王芳"],
    ], header=["花名册编号", "序号", "走访日期", "走访结果", "走访人"])
    result = ImportService(gk.db, gk.actor).import_visits(path, only_good=True, today=TODAY)
    assert result.added == ["2", "3"]
    assert [p.row for p in result.problems] == [4, 5, 5]
    assert "“2026-11-21” 不能晚于今天" in result.problems[0].message()
    assert "2026-01-05" in result.problems[2].message()  # no sheet: the date in full, as before
    with gk.db.reading() as session:
        assert sorted(session.scalars(select(Visit.visit_date))) == [date(2026, 11, 16), date(2026, 11, 17)]
