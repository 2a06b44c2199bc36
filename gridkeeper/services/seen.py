"""What the actor may look at: a household (its grid, or the refusal noted and "not found"),
the workers it works with.

Another grid's household answers like a missing one, so a code cannot be probed; the refusal
goes to the audit log through ``Actor.sees``."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.roles import Actor
from gridkeeper.storage.models import Building, Grid, Household, Worker


def seen_household_grid(session: Session, actor: Actor, household_id: int) -> int:
    """The grid of household ``household_id``, if ``actor`` sees it; else :class:`NotFound`."""
    grid_id = session.scalar(select(Building.grid_id).join(
        Household, Household.building_id == Building.id).where(Household.id == household_id))
    if grid_id is None or not actor.sees(grid_id, f"household {household_id}"):
        raise NotFound(what="住户", what_en="household", key=household_id)
    return grid_id


def seen_workers(actor: Actor) -> ColumnElement[bool]:
    """The workers ``actor`` works with, as a condition on :class:`Worker`: an account of one
    community, its own; a grid leader, those of their grids' communities; else all."""
    if actor.community_id is not None:
        return Worker.community_id == actor.community_id
    if actor.grid_ids is not None:
        return Worker.community_id.in_(select(Grid.community_id).where(Grid.id.in_(sorted(actor.grid_ids))))
    return true()
