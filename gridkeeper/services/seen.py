"""A household the actor may look at: its grid, or the refusal noted and "not found".

Another grid's household answers like a missing one, so a code cannot be probed; the refusal
goes to the audit log through ``Actor.sees``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.roles import Actor
from gridkeeper.storage.models import Building, Household


def seen_household_grid(session: Session, actor: Actor, household_id: int) -> int:
    """The grid of household ``household_id``, if ``actor`` sees it; else :class:`NotFound`."""
    grid_id = session.scalar(select(Building.grid_id).join(
        Household, Household.building_id == Building.id).where(Household.id == household_id))
    if grid_id is None or not actor.sees(grid_id, f"household {household_id}"):
        raise NotFound(what="住户", what_en="household", key=household_id)
    return grid_id
