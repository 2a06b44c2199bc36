"""Communities and their grids in the office's order: how a street office's register is laid
out in every tree, list, report and roster.

A street office (街道) holds several communities (社区), each with its own grids (网格).
Everything that lists grids lists them under their community: communities in their order
(``Community.sort_order``, then their names in natural order), and within each community the
grids by their order and natural name (第2网格 before 第10网格). Grid ``sort_order`` counts
within a community, so ordering grids by it alone would interleave the communities.

:func:`grid_order` is the one ordering; :func:`group_by_community` groups anything keyed by a
grid under its community in that order, so a street's totals are the sum of its communities'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from gridkeeper.domain.ordering import natural_key
from gridkeeper.storage.models import Community, Grid

Item = TypeVar("Item")


@dataclass(frozen=True)
class GridPlace:
    """A grid and its community; ``rank`` is its position in the street's order."""

    id: int
    name: str
    community_id: int
    community: str
    rank: int


@dataclass(frozen=True)
class CommunityPlace:
    """A community with its grids in order; ``rank`` is its position in the street."""

    id: int
    name: str
    street: str | None
    rank: int
    grids: tuple[GridPlace, ...]


def community_key(sort_order: int | None, name: str, community_id: int) -> tuple[Any, ...]:
    return (sort_order or 0, natural_key(name), community_id)


def grid_key(sort_order: int | None, name: str, grid_id: int) -> tuple[Any, ...]:
    return (sort_order or 0, natural_key(name), grid_id)


def communities(session: Any, grid_ids: Iterable[int] | None = None) -> list[CommunityPlace]:
    """Communities in order, each with its grids in order (only ``grid_ids`` when given:
    a grid leader's own grids; communities left without grids are then left out).

    ``session``: a Session or a Connection (both are read with ``execute``).
    """
    wanted = None if grid_ids is None else set(grid_ids)
    rows = session.execute(select(Community.id, Community.name, Community.street,
                                  Community.sort_order)).all()
    ordered = sorted(rows, key=lambda r: community_key(r.sort_order, r.name, r.id))
    grids: dict[int, list[Any]] = {r.id: [] for r in ordered}
    for g in session.execute(select(Grid.id, Grid.name, Grid.community_id, Grid.sort_order)).all():
        if wanted is None or g.id in wanted:
            grids.setdefault(g.community_id, []).append(g)
    found: list[CommunityPlace] = []
    rank = 0
    for c in ordered:
        mine = sorted(grids.get(c.id, ()), key=lambda g: grid_key(g.sort_order, g.name, g.id))
        if wanted is not None and not mine:
            continue
        places = []
        for g in mine:
            places.append(GridPlace(g.id, g.name, c.id, c.name, rank))
            rank += 1
        found.append(CommunityPlace(c.id, c.name, c.street, len(found), tuple(places)))
    return found


def grid_order(session: Any, grid_ids: Iterable[int] | None = None) -> list[GridPlace]:
    """Every grid (or those of ``grid_ids``) in the street's order: by community, then within."""
    return [g for c in communities(session, grid_ids) for g in c.grids]


def grid_ranks(session: Any) -> dict[int, int]:
    """Grid id -> position in the street's order (a sort key for rows that carry a grid id)."""
    return {g.id: g.rank for g in grid_order(session)}


def group_by_community(session: Any, items: Iterable[Item], grid_of: Callable[[Item], int]
                       ) -> list[tuple[CommunityPlace, list[Item]]]:
    """``items`` grouped under their grid's community, communities in order and items in
    their grids' order (items of one grid keep the order they came in). Communities with no
    item are left out."""
    order = communities(session)
    rank = {g.id: (c.rank, g.rank) for c in order for g in c.grids}
    by_community: dict[int, list[tuple[int, int, Item]]] = {}
    for position, item in enumerate(items):
        community_rank, grid_rank = rank[grid_of(item)]
        by_community.setdefault(community_rank, []).append((grid_rank, position, item))
    return [(order[r], [item for _, _, item in sorted(found, key=lambda t: t[:2])])
            for r, found in sorted(by_community.items())]
