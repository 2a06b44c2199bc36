"""A street whose two communities each have a 第1网格: lists and figures keep the two apart
(each named with its community), and the services narrowed to one community see only its
grids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.domain.enums import Period
from gridkeeper.domain.periods import span_of
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Building, Community, Grid, Household, Need

DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def street_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("street") / "street.db")
    for seed in ("1", "2"):
        assert main(["--db", db, "demo", "--households", "40", "--seed", seed,
                     "--date", DAY.isoformat()]) == 0
    return db


@pytest.fixture
def gk(street_db: str) -> Iterator[GridKeeper]:
    keeper = open_gridkeeper(street_db)
    yield keeper
    keeper.close()


def communities(gk: GridKeeper) -> dict[str, int]:
    with gk.db.reading() as session:
        return dict(session.execute(select(Community.name, Community.id).order_by(Community.id)).all())


def test_need_rates_by_grid_keep_two_first_grids_apart(gk: GridKeeper) -> None:
    names = list(communities(gk))
    with gk.db.reading() as session:
        per_grid = dict(session.execute(
            select(Community.name, select(Need.id).join(Household).join(Building).join(Grid)
                   .where(Grid.community_id == Community.id, Grid.name == "第1网格").exists())).all())
    assert all(per_grid.values()), "each community's 第1网格 should have needs"
    rates = gk.needs.rates_by(span_of(Period.YEAR, DAY), "grid")
    labels = [g.label.zh for g in rates.groups]
    assert f"{names[0]}/第1网格" in labels and f"{names[1]}/第1网格" in labels and "第1网格" not in labels
    assert labels.index(f"{names[0]}/第1网格") < labels.index(f"{names[1]}/第1网格")  # the street's order
    assert sum(g.counts.received for g in rates.groups) == rates.total.received


def test_visits_and_needs_name_the_grid_with_its_community_where_two_share_it(gk: GridKeeper) -> None:
    names = list(communities(gk))
    visits = gk.visits.list_visits(date(2020, 1, 1), DAY, limit=100_000)
    assert {f"{names[0]}/第1网格", f"{names[1]}/第1网格"} <= {v.grid for v in visits}
    needs = gk.needs.list_needs(limit=100_000)
    assert "第1网格" not in {n.grid for n in needs}


def test_services_narrowed_to_a_community_see_only_its_grids(gk: GridKeeper) -> None:
    ids = communities(gk)
    second = list(ids)[1]
    narrowed = gk.in_community(ids[second])
    with gk.db.reading() as session:
        mine = set(session.scalars(select(Grid.id).where(Grid.community_id == ids[second])))
    assert narrowed.actor.grid_ids == mine and narrowed.actor.username == gk.actor.username
    assert {r.grid_id for r in narrowed.roster.roster(span_of(Period.WEEK, DAY), as_of=DAY).rows} <= mine
    visits = narrowed.visits.list_visits(date(2020, 1, 1), DAY, limit=100_000)
    assert visits and {v.grid for v in visits} <= {g.label for g in narrowed.sheets.grids()}
    assert {g.label for g in narrowed.sheets.grids()} == {g.name for g in narrowed.sheets.grids()}
    assert gk.in_community(None) is gk
