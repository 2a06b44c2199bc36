"""``roster`` and ``report`` through the real entry point: the CSV contract and JSON."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from gridkeeper.cli import main
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.services.facade import open_gridkeeper
from tests.conftest import household
from tests.services.test_roster import visit

HEADER = ("household_code,grid,building,unit,floor,room,head,categories,rule,reason,due_date,"
          "last_visit,worker")


@pytest.fixture
def db(tmp_path: Path) -> str:
    location = str(tmp_path / "cli.db")
    gk = open_gridkeeper(location)
    gk.register.save_household(household(
        "A101", room="101", residents=(ResidentDraft(name="李秀英", birth_date=date(1940, 3, 3)),)))
    gk.register.save_household(household(
        "A102", room="102", residents=(ResidentDraft(name="王强", birth_date=date(1990, 1, 1)),)))
    gk.register.save_household(household(
        "B201", grid="第二网格", building="2", room="201",
        residents=(ResidentDraft(name="周杰", birth_date=date(1985, 1, 1)),)))
    visit(gk, "A101", date(2026, 9, 10))
    visit(gk, "A102", date(2026, 11, 2))
    visit(gk, "B201", date(2026, 3, 3))
    gk.close()
    return location


def test_roster_csv_has_the_contract_header_and_one_row_per_household(db: str, tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    assert main(["--db", db, "roster", "--week", "2026-W48", "--date", "2026-11-22",
                 "--csv", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["household_code"] for r in rows] == ["A101", "B201"]
    a101 = rows[0]
    assert a101 == {
        "household_code": "A101", "grid": "第一网格", "building": "1", "unit": "1", "floor": "1",
        "room": "101", "head": "李秀英", "categories": "general;elderly_80;living_alone",
        "rule": "1/month", "reason": "overdue", "due_date": "2026-10-31",
        "last_visit": "2026-09-10", "worker": "",
    }
    assert (rows[1]["reason"], rows[1]["rule"], rows[1]["due_date"]) == ("planned", "1/half_year",
                                                                         "2026-12-31")


def test_roster_for_one_grid_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "roster", "--week", "2026-W48", "--grid", "第二网格",
                 "--date", "2026-11-22", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["week"] == "2026-W48"
    assert [r["household_code"] for r in data["rows"]] == ["B201"]


def test_roster_needs_exactly_one_output(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as error:
        main(["--db", db, "roster", "--week", "2026-W48"])
    assert error.value.code == 2
    with pytest.raises(SystemExit):
        main(["--db", db, "roster", "--week", "2026-W48", "--json", "--csv", "x.csv"])


def test_a_bad_week_is_refused_with_exit_status_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "--lang", "en", "roster", "--week", "2025-W53", "--json"]) == 1
    assert "2025-W53" in capsys.readouterr().err


def test_report_prints_completion_figures(db: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "report", "--period", "2026-10", "--by", "grid",
                 "--date", "2026-11-22", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026-10"
    assert data["total"]["missed_households"] == ["A101"]
    out = tmp_path / "report.csv"
    assert main(["--db", db, "report", "--period", "2026Q4", "--csv", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("group,households_required,required_visits,visits_done")
