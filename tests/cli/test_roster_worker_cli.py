"""``roster --worker NAME [--community C]``: one assigned worker's households across grids
(一对一跟踪服务, 包片包楼), as CSV and as printed lines that keep their grid sheet's 序号."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, update

from gridkeeper.cli import main
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Community, Grid, Household, Worker
from tests.conftest import household
from tests.reports import pdftools

WEEK, DAY = "2026-W48", "2026-11-24"


@pytest.fixture
def two_communities(gk: GridKeeper) -> GridKeeper:
    """Two communities, each with a worker called 刘芳; ours looks after households in two grids."""
    for code, grid, building, room in (("A1", "一网格", "1", "101"), ("A2", "一网格", "1", "102"),
                                       ("B1", "二网格", "2", "201"), ("C1", "三网格", "3", "301")):
        gk.register.save_household(household(code, grid=grid, building=building, room=room,
                                             floor=int(room[0])))
    with gk.db.transaction() as session:
        first = session.scalar(select(Community.id).order_by(Community.id))
        other = Community(name="西山社区")
        session.add(other)
        session.flush()
        session.execute(update(Grid).where(Grid.name == "三网格").values(community_id=other.id))
        ours, theirs = Worker(community_id=first, name="刘芳"), Worker(community_id=other.id, name="刘芳")
        session.add_all([ours, theirs])
        session.flush()
        session.execute(update(Household).where(Household.code.in_(["A2", "B1"])).values(worker_id=ours.id))
        session.execute(update(Household).where(Household.code == "C1").values(worker_id=theirs.id))
    return gk


def codes(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig") as f:
        return [row["household_code"] for row in csv.DictReader(f)]


def test_one_workers_list_across_grids_and_two_of_one_name_told_apart(
        two_communities: GridKeeper, db_location: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    gk = two_communities
    with gk.db.reading() as session:
        ours = session.scalar(select(Community.name).order_by(Community.id))
    base = ["--db", db_location, "roster", "--week", WEEK, "--date", DAY]
    assert main([*base, "--worker", "刘芳", "--csv", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "刘芳" in err and "西山社区" in err and "--community" in err
    assert main([*base, "--worker", "刘芳", "--community", ours, "--csv", str(tmp_path / "ours.csv")]) == 0
    assert codes(tmp_path / "ours.csv") == ["A2", "B1"]
    assert main([*base, "--worker", "刘芳", "--community", "西山社区", "--csv",
                 str(tmp_path / "theirs.csv")]) == 0
    assert codes(tmp_path / "theirs.csv") == ["C1"]
    assert main([*base, "--worker", "王五", "--csv", str(tmp_path / "none.csv")]) == 1
    assert "王五" in capsys.readouterr().err


def test_a_workers_printed_list_keeps_each_households_sheet_number(
        two_communities: GridKeeper, db_location: str, tmp_path: Path) -> None:
    gk = two_communities
    with gk.db.reading() as session:
        ours = session.scalar(select(Community.name).order_by(Community.id))
    pdf = tmp_path / "liu.pdf"
    assert main(["--db", db_location, "roster", "--week", WEEK, "--date", DAY, "--worker", "刘芳",
                 "--community", ours, "--pdf", str(pdf)]) == 0
    text = pdftools.text(pdf)
    assert "责任人：刘芳" in text and "A2" in text and "B1" in text
    assert "A1" not in text.replace("A1-", "") and "C1" not in text
    one = gk.sheets.open(gk.sheets.issue(gk.roster.roster(WEEK, grid="一网格"), [
        gk.roster.roster(WEEK, grid="一网格").rows[0].grid_id])[0].number)
    a2 = next(line for line in one.lines if line.household_code == "A2")
    assert a2.seq == 2  # its line on the grid's sheet, not renumbered for the worker's list


def test_a_worker_with_nobody_due_gets_a_message_not_an_empty_paper(
        two_communities: GridKeeper, db_location: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    gk = two_communities
    with gk.db.transaction() as session:
        session.add(Worker(community_id=session.scalar(select(Community.id).order_by(Community.id)),
                           name="赵六"))
    assert main(["--db", db_location, "roster", "--week", WEEK, "--date", DAY, "--worker", "赵六",
                 "--pdf", str(tmp_path / "none.pdf")]) == 1
    assert "赵六" in capsys.readouterr().err and not (tmp_path / "none.pdf").exists()
