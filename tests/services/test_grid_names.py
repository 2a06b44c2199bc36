"""Two communities of a street may each have a 第1网格: a bare name that fits several grids
is refused with the qualified names to choose from, "社区/网格" finds one, and every way in
(roster, print, export, grid leaders' grants) finds the same grid."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.services.grid_names import AmbiguousGrid
from gridkeeper.storage.models import Building, Community, Grid, Household

WEEK, DAY = "2026-W48", date(2026, 11, 25)


@pytest.fixture
def street(db_location: str) -> GridKeeper:
    """Two demo communities added one after the other: each numbers its grids from 第1网格."""
    for seed in ("1", "2"):
        assert main(["--db", db_location, "demo", "--households", "40", "--seed", seed,
                     "--date", DAY.isoformat()]) == 0
    return open_gridkeeper(db_location)


def first_grids(gk: GridKeeper) -> dict[str, int]:
    """Community name -> the id of its 第1网格."""
    with gk.db.reading() as session:
        return dict(session.execute(select(Community.name, Grid.id)
                                    .join(Grid, Grid.community_id == Community.id)
                                    .where(Grid.name == "第1网格")).all())


def households_of(gk: GridKeeper, grid_id: int) -> set[str]:
    with gk.db.reading() as session:
        return set(session.scalars(select(Household.code).join(Building).where(Building.grid_id == grid_id)))


def test_a_bare_name_two_communities_share_is_refused_and_the_qualified_name_finds_one(
        street: GridKeeper) -> None:
    gk = street
    grids = first_grids(gk)
    assert len(grids) == 2
    with pytest.raises(AmbiguousGrid) as refused:
        gk.roster.roster(WEEK, grid="第1网格", as_of=DAY)
    assert all(f"{community}/第1网格" in str(refused.value) for community in grids)
    for community, grid_id in grids.items():
        roster = gk.roster.roster(WEEK, grid=f"{community}/第1网格", as_of=DAY)
        assert roster.rows and {r.grid_id for r in roster.rows} == {grid_id}
        assert {r.household_code for r in roster.rows} <= households_of(gk, grid_id)
        # the print and the sheet export cover that grid and no other
        printed = gk.printing.rosters(WEEK, None, grid=f"{community} / 第1网格", as_of=DAY)
        assert printed.households == len(roster.rows) and len(printed.numbers) == 1
        assert printed.numbers[0].endswith(f"-{grid_id:03d}")
    with pytest.raises(NotFound):
        gk.roster.roster(WEEK, grid="没有的社区/第1网格", as_of=DAY)
    labels = [choice.label for choice in gk.sheets.grids()]
    assert sorted(label for label in labels if label.endswith("第1网格")) == sorted(
        f"{community}/第1网格" for community in grids)


def test_a_grid_leader_granted_one_of_two_alike_named_grids_gets_that_one_by_its_bare_name(
        street: GridKeeper) -> None:
    gk = street
    grids = first_grids(gk)
    community, grid_id = sorted(grids.items())[1]
    gk.accounts.add_user("lead", "Lead-pass-2026", Role.GRID_LEADER, grids=[f"{community}/第1网格"])
    with pytest.raises(AmbiguousGrid):
        gk.accounts.set_grids("lead", ["第1网格"])
    leader = gk.acting_as(Actor("lead", Role.GRID_LEADER, frozenset({grid_id})))
    roster = leader.roster.roster(WEEK, grid="第1网格", as_of=DAY)  # their own: not ambiguous to them
    assert roster.rows and {r.grid_id for r in roster.rows} == {grid_id}
    assert [choice.label for choice in leader.sheets.grids()] == ["第1网格"]
    other = next(c for c in grids if c != community)
    with pytest.raises(NotFound):
        leader.roster.roster(WEEK, grid=f"{other}/第1网格", as_of=DAY)
