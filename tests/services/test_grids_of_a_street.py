"""A street whose two communities each have a 第1网格: lists and figures keep the two apart
(each named with its community), and the services narrowed to one community see only its
grids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
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
    assert narrowed.actor.community_id == ids[second]  # its walk-in needs, not the other's
    assert {r.grid_id for r in narrowed.roster.roster(span_of(Period.WEEK, DAY), as_of=DAY).rows} <= mine
    visits = narrowed.visits.list_visits(date(2020, 1, 1), DAY, limit=100_000)
    assert visits and {v.grid for v in visits} <= {g.label for g in narrowed.sheets.grids()}
    assert {g.label for g in narrowed.sheets.grids()} == {g.name for g in narrowed.sheets.grids()}
    assert gk.in_community(None) is gk


def test_rosters_the_register_and_the_exports_tell_the_two_first_grids_apart(
        gk: GridKeeper, street_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = list(communities(gk))
    both = {f"{names[0]}/第1网格", f"{names[1]}/第1网格"}
    rows = gk.roster.roster(span_of(Period.WEEK, DAY), as_of=DAY).rows
    assert both <= {r.grid for r in rows} and "第1网格" not in {r.grid for r in rows}
    with gk.db.reading() as session:
        ids = list(session.scalars(select(Household.id)))
    assert both <= {r.grid for r in gk.browse.rows(ids).values()}

    out = tmp_path / "needs.xlsx"
    gk.exporter.needs(out, full=True)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    column = header.index("网格")
    grids = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert both <= grids and "第1网格" not in grids

    out = tmp_path / "completion.xlsx"
    gk.exporter.completion(out, span_of(Period.MONTH, DAY), as_of=DAY)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "分组" and header[-1] == "社区"
    firsts = {row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "第1网格"}
    assert firsts == set(names)

    capsys.readouterr()
    assert main(["--db", street_db, "roster",
                 "--week", span_of(Period.WEEK, DAY).label, "--date", DAY.isoformat(), "--csv", "-"]) == 0
    printed = {line.split(",")[1] for line in capsys.readouterr().out.splitlines()[1:]}
    assert both <= printed and "第1网格" not in printed


def test_the_settings_save_in_a_street_whose_communities_each_have_a_first_grid(
        street_db: str, tmp_path: Path) -> None:
    from dataclasses import replace

    from gridkeeper.services.settings import GridDraft, SettingsError

    copy = tmp_path / "street.db"
    copy.write_bytes(Path(street_db).read_bytes())
    gk = open_gridkeeper(str(copy))
    try:
        snap = gk.settings.snapshot()
        firsts = [g for g in snap.grids if g.name == "第1网格"]
        assert len(firsts) == 2
        # the page sends every row: saving a changed leader must not trip over the other 第1网格
        gk.settings.save(categories=list(snap.categories), grids=[replace(firsts[1], sort_order=5)],
                         workers=list(snap.workers), values=dict(snap.values))
        gk.settings.save(grids=list(gk.settings.snapshot().grids))
        assert [g.sort_order for g in gk.settings.snapshot().grids if g.id == firsts[1].id] == [5]
        with pytest.raises(SettingsError):  # within one community a name is still taken
            gk.settings.save(grids=[GridDraft(name="第1网格")])
    finally:
        gk.close()
