"""A street office: grids listed under their community, communities in order, everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from gridkeeper.domain.ordering import natural_key
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.services.levels import communities, grid_order, group_by_community
from gridkeeper.storage.models import Community

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> GridKeeper:
    gk = open_gridkeeper(str(tmp_path_factory.mktemp("street") / "street.db"))
    gk.demo.generate(DemoOptions(households=3600, seed=3, today=TODAY))
    return gk


def test_grids_come_under_their_community_in_order_never_interleaved(street: GridKeeper) -> None:
    with street.db.reading() as session:
        order = communities(session)
        grids = grid_order(session)
    assert len(order) == 2
    names = [g.community for g in grids]
    assert names == sorted(names, key=[c.name for c in order].index)  # one block per community
    for community in order:
        within = [g.name for g in community.grids]
        assert within == sorted(within, key=natural_key)  # 第2网格 before 第10网格
    tree = street.browse.communities()
    assert [c.name for c in tree] == [c.name for c in order]
    assert [g.id for g in street.browse.tree()] == [g.id for g in grids]


def test_the_office_sets_the_order_of_its_communities(street: GridKeeper) -> None:
    with street.db.transaction() as session:
        first, second = session.execute(select(Community.id).order_by(Community.sort_order)).scalars()
        session.execute(update(Community).where(Community.id == first).values(sort_order=9))
    try:
        assert [c.id for c in street.browse.communities()] == [second, first]
    finally:
        with street.db.transaction() as session:
            session.execute(update(Community).where(Community.id == first).values(sort_order=1))


def test_a_street_s_totals_are_the_sum_of_its_communities(street: GridKeeper) -> None:
    with street.db.reading() as session:
        grids = grid_order(session)
        groups = group_by_community(session, reversed(grids), lambda g: g.id)
    assert [c.name for c, _ in groups] == [c.name for c in street.browse.communities()]
    assert sum(len(items) for _, items in groups) == len(grids)
    assert [g.id for _, items in groups for g in items] == [g.id for g in grids]


def test_info_counts_each_community_in_order_and_they_add_up_to_the_street(
        street: GridKeeper) -> None:
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor

    counts = street.info.counts()
    per_community = counts["households_per_community"]
    assert list(per_community) == [c.name for c in street.browse.communities()]
    assert sum(per_community.values()) == counts["households"] and min(per_community.values()) > 0
    assert sum(counts["grids_per_community"].values()) == counts["grids"]
    second = street.browse.communities()[1]
    leader = street.acting_as(Actor("li", Role.GRID_LEADER, frozenset({second.grids[0].id})))
    mine = leader.info.counts()
    assert list(mine["households_per_community"]) == [second.name]
    assert mine["households_per_community"][second.name] == mine["households"] > 0


def test_rosters_and_exports_follow_the_street_s_order(street: GridKeeper, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with street.db.reading() as session:
        ranks = {g.name: g.rank for g in grid_order(session)}
    roster = street.roster.roster("2026-W48", as_of=TODAY)
    seen = list(dict.fromkeys(r.grid for r in roster.rows))
    assert seen == sorted(seen, key=ranks.__getitem__)
    exported = street.exporter.households(tmp_path / "h.csv")
    import csv

    with exported.path.open(encoding="utf-8-sig") as handle:
        grids = list(dict.fromkeys(row["网格"] for row in csv.DictReader(handle)))
    assert grids == sorted(grids, key=ranks.__getitem__)


def test_completion_figures_list_grids_community_by_community_and_the_street_sums_them(
        street: GridKeeper) -> None:
    report = street.completion.figures("2026Q3", by="grid", as_of=TODAY)
    order = [c.name for c in street.browse.communities()]
    seen = list(dict.fromkeys(g.community for g in report.groups))
    assert seen == order
    per_community = report.communities()
    assert [name for name, _ in per_community] == order
    assert sum(g.required_visits for _, groups in per_community for g in groups) == \
        report.total.required_visits
