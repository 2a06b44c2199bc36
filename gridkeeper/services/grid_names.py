"""Grids asked for by name. A grid's name is unique only within its community: two
communities of a street may each have a 第1网格. A name that fits one grid the user sees
is that grid; where it fits several, it is written with its community, "阳光社区/第1网格"
(the form every command's --grid, the pages and the prints accept), and a bare name is
refused with the communities to choose from rather than taken as the first one found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.domain.errors import GridKeeperError, NotFound
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.roles import Actor
from gridkeeper.storage.models import Community, Grid

SEPARATOR = "/"
_SEPARATORS = re.compile(r"\s*[/／]\s*")


class AmbiguousGrid(GridKeeperError):
    zh = "几个社区都有网格“{grid}”：请写成“社区/网格”，如 {example}"
    en = "Several communities have a grid “{grid}”: write it as community/grid, e.g. {example}"

    def __init__(self, grid: str, choices: list[str]) -> None:
        super().__init__(grid=grid, example="、".join(choices))


@dataclass(frozen=True)
class GridChoice:
    """A grid as a user picks it: its id and the name that finds it again (qualified with
    its community only where the bare name would fit several grids the user sees)."""

    id: int
    name: str
    community: str
    label: str


def grid_choices(session: Session, actor: Actor) -> list[GridChoice]:
    """The grids the actor sees, community by community, each labelled so that
    :func:`find_grid` finds it again."""
    return _choices(session, actor.grid_ids)


def _choices(session: Session, grid_ids: frozenset[int] | None) -> list[GridChoice]:
    rows = [r for r in session.execute(
        select(Grid.id, Grid.name, Grid.sort_order, Community.id.label("community_id"),
               Community.name.label("community"), Community.sort_order.label("community_order"))
        .join(Community, Community.id == Grid.community_id)).all()
        if grid_ids is None or r.id in grid_ids]
    rows.sort(key=lambda r: (r.community_order, natural_key(r.community), r.community_id,
                             r.sort_order, natural_key(r.name), r.id))
    names: dict[str, int] = {}
    for r in rows:
        names[r.name] = names.get(r.name, 0) + 1
    return [GridChoice(r.id, r.name, r.community,
                       f"{r.community}{SEPARATOR}{r.name}" if names[r.name] > 1 else r.name)
            for r in rows]


def grid_labels(session: Session, grid_ids: frozenset[int] | None) -> dict[int, str]:
    """Grid id -> the name to show it by, for the grids ``grid_ids`` (None: all; pass the
    actor's): bare where it is the only grid of its name, "阳光社区/第1网格" where several of
    them share it (a table, a print or a CSV that lists two 第1网格 tells them apart)."""
    return {choice.id: choice.label for choice in _choices(session, grid_ids)}


def find_grid(session: Session, actor: Actor, grid: str) -> int:
    """The id of the grid ``grid`` names ("第1网格", or "阳光社区/第1网格"). A grid the actor
    does not see is not found (the refusal is noted); a bare name several visible grids
    share is refused with the qualified names to choose from."""
    wanted = grid.strip()
    query = (select(Grid.id, Grid.name, Community.name.label("community"))
             .join(Community, Community.id == Grid.community_id))
    found = session.execute(query.where(Grid.name == wanted)).all()
    if not found and _SEPARATORS.search(wanted):
        community, name = _SEPARATORS.split(wanted, maxsplit=1)
        found = session.execute(query.where(Grid.name == name, Community.name == community)).all()
    seen = [r for r in found if actor.sees_grid(r.id)]
    if not seen:
        if found:
            actor.sees(found[0].id, f"grid {grid}")  # asked for by name: a refusal, noted
        raise NotFound(what="网格", what_en="grid", key=grid)
    if len(seen) > 1:
        raise AmbiguousGrid(wanted, sorted(f"{r.community}{SEPARATOR}{r.name}" for r in seen))
    return int(seen[0].id)
