"""The weekly paper loop through the real command line: print the roster, fill its sheet,
import it back, and the roster shrinks by exactly the households met."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.services.facade import open_gridkeeper
from gridkeeper.storage.models import Household, PrintedRoster, Visit

WEEK, DAY = "2026-W48", "2026-11-25"  # printed on the Wednesday of the week


def roster_codes(db: str, grid: str, out: Path) -> list[str]:
    assert main(["--db", db, "roster", "--week", WEEK, "--grid", grid, "--date", DAY,
                 "--csv", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as f:
        return [row["household_code"] for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("loop") / "loop.db")
    assert main(["--db", db, "demo", "--households", "300", "--seed", "11", "--date", DAY]) == 0
    return db


def test_print_fill_the_sheet_import_and_the_roster_shrinks_by_the_households_met(
        demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = demo_db
    capsys.readouterr()
    assert main(["--db", db, "roster", "--week", WEEK, "--date", DAY, "--csv", "-"]) == 0
    grid = next(csv.DictReader(capsys.readouterr().out.splitlines()))["grid"]
    before = roster_codes(db, grid, tmp_path / "before.csv")
    assert main(["--db", db, "roster", "--week", WEEK, "--grid", grid, "--date", DAY,
                 "--pdf", str(tmp_path / "roster.pdf")]) == 0
    printed = re.search(r"编号 / numbers: (\S+)", capsys.readouterr().err)
    assert printed, "the print names its roster number"
    number = printed[1]

    form = tmp_path / "form.xlsx"
    assert main(["--db", db, "export", "roster", str(form), "--week", WEEK, "--grid", grid,
                 "--date", DAY]) == 0
    book = load_workbook(form)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    contract = ["花名册编号", "序号", "走访结果", "走访日期", "走访方式", "走访人", "情况记录", "诉求"]
    assert header[header.index("花名册编号"):][:8] == contract
    col = {title: header.index(title) + 1 for title in header}
    rows = list(range(2, sheet.max_row + 1))
    assert [sheet.cell(r, col["户编号"]).value for r in rows] == before
    assert {sheet.cell(r, col["花名册编号"]).value for r in rows} == {number}
    assert [sheet.cell(r, col["序号"]).value for r in rows] == list(range(1, len(before) + 1))

    # one visit a period is enough for these; two-a-month households may still owe one
    single = [r for r in rows if re.fullmatch(r"每.+1次", sheet.cell(r, col["走访要求"]).value)]
    assert len(single) >= 6, "the demo grid should have enough households to visit"
    met, absent = single[:4], single[4:6]
    for r in met:
        sheet.cell(r, col["走访结果"]).value = "见面"
        sheet.cell(r, col["走访日期"]).value = "2026-11-24"
        sheet.cell(r, col["走访人"]).value = "王芳"
    sheet.cell(met[0], col["户编号"]).value = None  # typed from the paper: number and 序号 only
    sheet.cell(met[1], col["走访结果"]).value = "met"
    for r in absent:
        sheet.cell(r, col["走访结果"]).value = "未遇"
        sheet.cell(r, col["走访日期"]).value = "2026-11-24"
        sheet.cell(r, col["走访人"]).value = "王芳"
    book.save(form)
    met_codes = {before[r - 2] for r in met}

    assert main(["--db", db, "import", "visits", str(form)]) == 0
    out = capsys.readouterr().out
    assert "新增条 6" in out
    assert f"未录入（走访结果为空，不算走访） {len(before) - 6}" in out
    after = roster_codes(db, grid, tmp_path / "after.csv")
    assert after == [code for code in before if code not in met_codes]
    assert len(after) == len(before) - 4

    # the same sheet again adds nothing; the roster number came with every visit
    assert main(["--db", db, "import", "visits", str(form)]) == 0
    assert "新增条" not in capsys.readouterr().out
    gk = open_gridkeeper(db)
    with gk.db.reading() as session:
        numbers = session.execute(
            select(Household.code, Visit.roster_number).join(Household, Household.id == Visit.household_id)
            .where(Visit.visit_date == date(2026, 11, 24), Visit.recorded_by == "system")).all()
    gk.close()
    assert sorted(numbers) == sorted((before[r - 2], number) for r in met + absent)


def test_two_communities_numbering_their_households_alike_each_get_their_own_results(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "two.db")
    for seed in ("1", "2"):  # a second community added to the register: codes 0100001... again
        assert main(["--db", db, "demo", "--households", "40", "--seed", seed, "--date", DAY]) == 0
    form = tmp_path / "form.xlsx"
    assert main(["--db", db, "export", "roster", str(form), "--week", WEEK, "--date", DAY]) == 0
    book = load_workbook(form)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    col = {title: header.index(title) + 1 for title in header}
    rows = list(range(2, sheet.max_row + 1))
    numbers = {sheet.cell(r, col["花名册编号"]).value for r in rows}
    codes = [sheet.cell(r, col["户编号"]).value for r in rows]
    assert len(numbers) == 2 and len(set(codes)) < len(codes), "both communities print code 0100001"
    for r in rows:
        sheet.cell(r, col["走访结果"]).value = "见面"
        sheet.cell(r, col["走访日期"]).value = DAY
    book.save(form)
    capsys.readouterr()
    assert main(["--db", db, "import", "visits", str(form)]) == 0
    assert f"新增条 {len(rows)}" in capsys.readouterr().out

    gk = open_gridkeeper(db)
    with gk.db.reading() as session:
        got = sorted(session.execute(
            select(Visit.roster_number, Household.code).join(Household, Household.id == Visit.household_id)
            .where(Visit.roster_number.is_not(None))).all())
        sheets = {n: gk.sheets.open(n, as_of=date.fromisoformat(DAY)) for n in numbers}
        communities = {n: set(session.scalars(select(Household.community_id).where(
            Household.id.in_([line.household_id for line in s.lines])))) for n, s in sheets.items()}
        per_visit = set(session.execute(
            select(Visit.roster_number, Household.community_id)
            .join(Household, Household.id == Visit.household_id)
            .where(Visit.roster_number.is_not(None))).all())
    gk.close()
    assert got == sorted((sheet.cell(r, col["花名册编号"]).value, sheet.cell(r, col["户编号"]).value)
                         for r in rows)
    # every result reached the household of its own sheet's community
    assert per_visit == {(n, c) for n, cs in communities.items() for c in cs}
    assert all(len(cs) == 1 for cs in communities.values())

    # the code alone cannot tell the two apart: refused, never recorded on the wrong one
    plain = tmp_path / "plain.xlsx"
    from tests.io.sheets import write_sheet
    write_sheet(plain, [[codes[0], DAY, "见面", "王芳"]], header=["户编号", "走访日期", "走访结果", "走访人"])
    assert main(["--db", db, "import", "visits", str(plain)]) == 1
    assert "几个社区都有这个户编号" in capsys.readouterr().err


def test_printing_every_grid_names_its_numbers_as_one_run(demo_db: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", demo_db, "roster", "--week", "2026-W49", "--date", "2026-12-02",
                 "--pdf", str(tmp_path / "all.pdf")]) == 0
    said = re.search(r"编号 / numbers: (.+)", capsys.readouterr().err)[1]
    gk = open_gridkeeper(demo_db)
    try:
        with gk.db.reading() as session:
            issued = sorted(session.execute(select(PrintedRoster.number)
                                            .where(PrintedRoster.week == "2026-W49")).scalars())
    finally:
        gk.close()
    assert len(issued) >= 2, "the demo street has several grids"
    assert said == f"{issued[0]}–{issued[-1]}"


def test_numbers_out_of_a_run_are_named_each() -> None:
    from gridkeeper.cli.pdf import number_spans

    assert number_spans(["2026W49-001", "2026W49-002", "2026W49-003", "2026W49-007", "2026W50-008",
                         "2026W49-009"]) == "2026W49-001–2026W49-003, 2026W49-007, 2026W50-008, 2026W49-009"
