"""Hot spots: needs of one category repeating in one building put its stairwells on the roster."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from gridkeeper.domain.enums import Role
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import HOT_SPOT_COUNT_KEY, HOT_SPOT_DAYS_KEY
from gridkeeper.storage.models import Visit
from tests.conftest import household

WEEK = "2026-W48"  # Monday 23 - Sunday 29 November 2026
NEXT_WEEK = "2026-W49"
SUNDAY = date(2026, 11, 22)
NOW = datetime(2026, 12, 1, 18)


def visit(gk: GridKeeper, code: str, day: date, outcome: str = "met") -> None:
    household_id = gk.register.household_id(code)
    with gk.db.transaction() as session:
        session.add(Visit(household_id=household_id, visit_date=day, method="home", outcome=outcome))


@pytest.fixture
def estate(gk: GridKeeper) -> GridKeeper:
    """Building 3: unit 1 (C1-101, C1-102, C1-201), unit 2 (C2-101); building 4 (D1-101) in
    the same grid; E1-101 in another grid. Everyone was visited on 2 November, so nobody is
    due in week 48 by the rules."""
    for code, building, unit, room, grid in (
            ("C1-101", "3", 1, "101", "第一网格"), ("C1-102", "3", 1, "102", "第一网格"),
            ("C1-201", "3", 1, "201", "第一网格"), ("C2-101", "3", 2, "101", "第一网格"),
            ("D1-101", "4", 1, "101", "第一网格"), ("E1-101", "9", 1, "101", "第二网格")):
        gk.register.save_household(household(
            code, building=building, unit=unit, room=room, floor=int(room[0]), grid=grid,
            residents=(ResidentDraft(name=f"住户{code}", birth_date=date(1985, 1, 1)),)))
        visit(gk, code, date(2026, 11, 2))
    return gk


def complain(gk: GridKeeper, code: str, day: date, category: str = "parking") -> int:
    return gk.needs.raise_need(NeedDraft(description="楼下车位被占", category=category,
                                         household_code=code, received_at=datetime.combine(
                                             day, datetime.min.time()).replace(hour=9)), now=NOW)


def roster(gk: GridKeeper, week: str = WEEK, as_of: date = SUNDAY) -> dict[str, object]:
    return {r.household_code: r for r in gk.roster.roster(week, as_of=as_of).rows}


def test_three_needs_of_one_kind_in_a_stairwell_put_it_on_next_weeks_roster(estate: GridKeeper) -> None:
    assert roster(estate) == {}  # nobody is due by the rules
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    spots = estate.needs.hot_spots(SUNDAY)
    assert len(spots) == 1
    spot = spots[0]
    assert (spot.category, spot.count, spot.units) == ("parking", 3, (1,))
    assert spot.place.zh == "阳光小区3号楼1单元"
    rows = roster(estate)
    # the whole stairwell, the neighbours who never complained too; not unit 2, not building 4
    assert sorted(rows) == ["C1-101", "C1-102", "C1-201"]
    assert {r.reason for r in rows.values()} == {RosterReason.HOT_SPOT}
    assert rows["C1-201"].note.zh == "热点：停车3件"
    assert rows["C1-201"].due_date == date(2026, 11, 29)


def test_a_hot_spot_without_new_needs_leaves_the_roster_the_week_after(estate: GridKeeper) -> None:
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    assert roster(estate, NEXT_WEEK, date(2026, 11, 29)) == {}
    complain(estate, "C1-201", date(2026, 11, 25))  # still coming: on again
    assert sorted(roster(estate, NEXT_WEEK, date(2026, 11, 29))) == ["C1-101", "C1-102", "C1-201"]


def test_needs_spread_over_more_than_the_window_or_too_few_make_no_hot_spot(estate: GridKeeper) -> None:
    complain(estate, "C1-101", date(2026, 10, 10))  # 43 days before the week: outside 30 days
    complain(estate, "C1-102", date(2026, 11, 12))
    complain(estate, "C1-101", date(2026, 11, 18))
    complain(estate, "C1-201", date(2026, 11, 18), category="utilities")  # another kind
    assert estate.needs.hot_spots(SUNDAY) == []
    assert roster(estate) == {}
    # the office's own threshold: 2 in 30 days
    estate.settings.save(values={HOT_SPOT_COUNT_KEY: "2"})
    assert [s.count for s in estate.needs.hot_spots(SUNDAY)] == [2]
    estate.settings.save(values={HOT_SPOT_COUNT_KEY: "3", HOT_SPOT_DAYS_KEY: "60"})
    assert [s.count for s in estate.needs.hot_spots(SUNDAY)] == [3]


def test_rejected_needs_do_not_count(estate: GridKeeper) -> None:
    for code, day in (("C1-101", 5), ("C1-102", 12)):
        complain(estate, code, date(2026, 11, day))
    third = complain(estate, "C1-101", date(2026, 11, 18))
    estate.needs.reject(third, estate.needs.need(third).version, "重复来电", now=NOW)
    assert estate.needs.hot_spots(SUNDAY) == []


def test_a_building_hot_spot_puts_each_stairwell_it_came_from_on_the_roster(estate: GridKeeper) -> None:
    for code, day in (("C1-101", 16), ("C2-101", 17), ("C1-201", 18)):
        complain(estate, code, date(2026, 11, day), category="utilities")  # water pressure
    spot = estate.needs.hot_spots(SUNDAY)[0]
    assert (spot.units, spot.place.zh) == ((1, 2), "阳光小区3号楼（1、2单元）")
    assert sorted(roster(estate)) == ["C1-101", "C1-102", "C1-201", "C2-101"]


def test_a_household_the_rules_list_keeps_its_reason_and_gains_the_note(estate: GridKeeper) -> None:
    estate.register.save_household(household(
        "C1-301", building="3", unit=1, room="301", floor=3,
        residents=(ResidentDraft(name="李秀英", birth_date=date(1940, 3, 3)),)))  # never visited
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    rows = roster(estate)
    assert rows["C1-301"].reason is RosterReason.OVERDUE
    assert rows["C1-301"].note.zh == "热点：停车3件"
    # walking order kept: 101, 102, 201, 301
    assert list(rows) == ["C1-101", "C1-102", "C1-201", "C1-301"]


def test_a_visit_in_the_week_takes_the_household_off(estate: GridKeeper) -> None:
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    visit(estate, "C1-102", date(2026, 11, 24))
    visit(estate, "C1-201", date(2026, 11, 24), outcome="absent")  # met nobody: still to ask
    assert sorted(roster(estate, as_of=date(2026, 11, 25))) == ["C1-101", "C1-201"]


def test_a_grid_leader_sees_only_the_hot_spots_of_their_grid(estate: GridKeeper) -> None:
    for code, day in (("E1-101", 5), ("E1-101", 12), ("E1-101", 18)):
        complain(estate, code, date(2026, 11, day), category="environment")
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    grids = {node.name: node.id for node in estate.browse.tree()}
    leader = estate.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grids["第二网格"]})))
    assert [s.grid for s in leader.needs.hot_spots(SUNDAY)] == ["第二网格"]
    assert sorted(r.household_code for r in leader.roster.roster(WEEK, as_of=SUNDAY).rows) == ["E1-101"]
    assert [s.grid for s in estate.needs.hot_spots(SUNDAY)] == ["第一网格", "第二网格"]


def test_the_printed_roster_and_the_csv_carry_the_hot_spot(estate: GridKeeper, tmp_path: Path,
                                                          db_location: str) -> None:
    from gridkeeper.cli import main
    from tests.reports.pdftools import text

    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day))
    target = tmp_path / "roster.pdf"
    estate.printing.rosters(WEEK, target, grid="第一网格", as_of=SUNDAY)
    assert text(target).count("热点：停车3件") == 3
    estate.close()
    sheet = tmp_path / "roster.csv"
    assert main(["--db", db_location, "roster", "--week", WEEK, "--date", "2026-11-22",
                 "--csv", str(sheet)]) == 0
    with sheet.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {(r["household_code"], r["reason"]) for r in rows} == {
        ("C1-101", "hot_spot"), ("C1-102", "hot_spot"), ("C1-201", "hot_spot")}


def test_needs_of_no_category_make_no_hot_spot(estate: GridKeeper) -> None:
    for code, day in (("C1-101", 5), ("C1-102", 12), ("C1-101", 18)):
        complain(estate, code, date(2026, 11, day), category="other")  # 其他: three different things
    assert estate.needs.hot_spots(SUNDAY) == []
    assert roster(estate) == {}
