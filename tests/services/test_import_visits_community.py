"""A visit sheet of a street office: household codes repeat across its communities (each
numbers its own 0100001), so a sheet names the community in a 社区 column; without it a
code two communities share is refused, naming them, and never recorded on either."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Community, Household, Visit
from tests.io.sheets import write_sheet

DAY = "2026-11-25"


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("street") / "street.db")
    # a second community joins the register: its codes start at 0100001 again
    for seed, size in (("1", "40"), ("2", "30")):
        assert main(["--db", db, "demo", "--households", size, "--seed", seed, "--date", DAY]) == 0
    return db


@pytest.fixture
def gk(street: str, tmp_path: Path) -> GridKeeper:
    copy = tmp_path / "street.db"
    copy.write_bytes(Path(street).read_bytes())
    gk = open_gridkeeper(str(copy))
    yield gk
    gk.close()


def shared_code(gk: GridKeeper) -> tuple[str, dict[str, int]]:
    """A household code both communities use, and community name -> that household's id."""
    with gk.db.reading() as session:
        rows = session.execute(select(Household.code, Community.name, Household.id)
                               .join(Community, Community.id == Household.community_id)
                               .order_by(Household.code)).all()
    by_code: dict[str, dict[str, int]] = {}
    for code, community, hid in rows:
        by_code.setdefault(code, {})[community] = hid
    code, places = next((c, p) for c, p in by_code.items() if len(p) == 2)
    return code, places


def visits_of(gk: GridKeeper, household_id: int) -> list[date]:
    with gk.db.reading() as session:
        return list(session.scalars(select(Visit.visit_date).where(
            Visit.household_id == household_id, Visit.notes == "社区列")))


def test_the_community_column_finds_the_household_of_that_community(gk: GridKeeper, tmp_path: Path) -> None:
    code, places = shared_code(gk)
    first, second = sorted(places)
    sheet = tmp_path / "visits.xlsx"
    write_sheet(sheet, [[code, "2026-11-20", "见面", "王芳", "社区列", second]],
                header=["户编号", "走访日期", "走访结果", "走访人", "情况记录", "社区"])
    result = gk.importer.import_visits(sheet, today=date.fromisoformat(DAY))
    assert result.ok and result.added == ["2"], result.problems
    assert visits_of(gk, places[second]) == [date(2026, 11, 20)]
    assert visits_of(gk, places[first]) == []


def test_without_the_column_a_shared_code_is_refused_naming_the_communities(
        gk: GridKeeper, tmp_path: Path) -> None:
    code, places = shared_code(gk)
    sheet = tmp_path / "visits.xlsx"
    write_sheet(sheet, [[code, "2026-11-20", "见面", "王芳", "社区列"]],
                header=["户编号", "走访日期", "走访结果", "走访人", "情况记录"])
    result = gk.importer.import_visits(sheet, today=date.fromisoformat(DAY))
    assert result.refused == ["2"]
    message = result.problems[0].message("zh")
    assert all(name in message for name in places) and "社区列" in message
    assert all(visits_of(gk, hid) == [] for hid in places.values())


def test_a_community_not_in_the_register_or_without_that_code_is_refused(
        gk: GridKeeper, tmp_path: Path) -> None:
    code, places = shared_code(gk)
    with gk.db.reading() as session:
        codes = {name: set(session.scalars(select(Household.code).join(Community)
                                           .where(Community.name == name))) for name in places}
    larger, smaller = sorted(places, key=lambda name: -len(codes[name]))
    only_larger = sorted(codes[larger] - codes[smaller])[0]
    sheet = tmp_path / "visits.xlsx"
    write_sheet(sheet, [[code, "2026-11-20", "见面", "王芳", "社区列", "月亮社区"],
                        [only_larger, "2026-11-20", "见面", "王芳", "社区列", smaller]],
                header=["户编号", "走访日期", "走访结果", "走访人", "情况记录", "社区"])
    result = gk.importer.import_visits(sheet, today=date.fromisoformat(DAY))
    assert result.refused == ["2", "3"]
    assert [p.column for p in result.problems] == ["社区", "户编号"]
    assert "月亮社区" in result.problems[0].message("zh")


def test_an_export_of_a_street_s_visits_imports_back_unchanged(gk: GridKeeper, tmp_path: Path) -> None:
    code, places = shared_code(gk)
    out = tmp_path / "visits.xlsx"
    gk.exporter.visits(out, full=True)
    header = [c.value for c in load_workbook(out).active[1]]
    # the old columns keep their names and order; the community comes after them
    assert header == ["户编号", "走访日期", "走访方式", "走访结果", "走访人", "情况记录", "诉求", "跟进日期",
                      "网格", "地址", "社区"]
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert {r[-1] for r in rows if r[0] == code} == set(places)
    result = gk.importer.import_visits(out, dry_run=True, today=date.fromisoformat(DAY))
    assert result.problems == [] and result.added == [] and len(result.unchanged) == len(rows)


def test_a_visit_a_spot_check_disproved_is_never_typed_in(gk: GridKeeper, tmp_path: Path) -> None:
    code, places = shared_code(gk)
    sheet = tmp_path / "visits.xlsx"
    write_sheet(sheet, [[code, "2026-11-20", "核实未走访", "王芳", "社区列", sorted(places)[0]]],
                header=["户编号", "走访日期", "走访结果", "走访人", "情况记录", "社区"])
    result = gk.importer.import_visits(sheet, today=date.fromisoformat(DAY))
    assert result.refused == ["2"] and "抽查回访" in result.problems[0].message("zh")
