"""Places made for many households at once are the rows one household after another makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.services.register import Place, ensure_place, ensure_places
from gridkeeper.storage.models import Building, Community, Estate, Grid

# (community or "", grid, estate, building): new and known communities, a grid name two
# communities share, grids found by name alone, a building that stays in the grid it is in,
# and the same place named twice
WANTED = [
    ("", "第1网格", "阳光小区", "1"),
    ("东园社区", "第1网格", "阳光小区", "2"),
    ("", "第1网格", "阳光小区", "3"),
    ("西园社区", "第2网格", "月亮湾", "1"),
    ("东园社区", "第3网格", "阳光小区", "1"),
    ("", "第2网格", "月亮湾", "7"),
    ("东园社区", "第1网格", "阳光小区", "2"),
    ("", "第9网格", "新村", "1"),
    ("西园社区", "第1网格", "阳光小区", "4"),
]


def places(gk: GridKeeper, one_by_one: bool, empty: bool) -> tuple[list[Place], list[tuple]]:
    with gk.db.transaction() as session:
        if not empty:  # a register that has a community, a grid and a building already
            ensure_place(session, "第1网格", "阳光小区", "3", community="东园社区")
        if one_by_one:
            found = [ensure_place(session, grid, estate, building, community=community or None)
                     for community, grid, estate, building in WANTED]
        else:
            made = ensure_places(session, WANTED)
            found = [made[key] for key in WANTED]
        rows = [tuple(session.execute(select(*model.__table__.c).order_by(model.id)).all())
                for model in (Community, Grid, Estate, Building)]
    return found, [tuple(tuple(v for k, v in r._mapping.items() if k not in ("created_at", "updated_at"))
                         for r in table) for table in rows]


@pytest.mark.parametrize("empty", [True, False], ids=["empty register", "register with a place"])
def test_places_made_at_once_are_those_made_one_after_another(tmp_path: Path, empty: bool) -> None:
    found = []
    for one_by_one in (True, False):
        keeper = open_gridkeeper(str(tmp_path / f"{one_by_one}.db"))
        try:
            found.append(places(keeper, one_by_one, empty))
        finally:
            keeper.close()
    assert found[0] == found[1]
    assert len({place.building_id for place in found[1][0]}) == (8 if empty else 7)
