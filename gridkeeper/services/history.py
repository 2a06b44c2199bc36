"""A household's history (户档案变动): the changes the register service records as they are
saved (moves, members joining and leaving, status, handovers), read back in order.

The events are written inside the saving transaction by :mod:`gridkeeper.services.register`
with :func:`add_events`; the audit log keeps the full before and after of every row besides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.history import HistoryLine, HouseholdChange
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.seen import seen_household_grid
from gridkeeper.storage.database import Database
from gridkeeper.storage.ids import NextIds
from gridkeeper.storage.models import Building, Estate, Household, HouseholdEvent, Resident


@dataclass(frozen=True)
class Event:
    """A change to record (see :class:`HouseholdChange`)."""

    household_id: int
    kind: HouseholdChange
    day: date
    resident_id: int | None = None
    other_household_id: int | None = None
    before: str | None = None
    after: str | None = None


def add_events(session: Session, actor: Actor, events: Sequence[Event]) -> None:
    """Write the events in one statement (a bulk import moves hundreds of people at once)."""
    if not events:
        return
    rows = [dict(household_id=e.household_id, kind=e.kind.value, day=e.day,
                 resident_id=e.resident_id, other_household_id=e.other_household_id,
                 before=_cut(e.before), after=_cut(e.after), recorded_by=actor.username, version=1)
            for e in events]
    if session.get_bind().dialect.name == "sqlite":
        ids = NextIds(session).take_many(HouseholdEvent, len(rows))
        session.execute(HouseholdEvent.__table__.insert(),
                        [{**row, "id": i} for i, row in zip(ids, rows, strict=True)])
    else:
        session.execute(insert(HouseholdEvent), rows)


def _cut(text: str | None) -> str | None:
    return text[:200] if text else text


def address_of(session: Session, building_id: int, unit: int, room: str) -> str:
    """``阳光小区 3-2-502``: how an address reads in the history."""
    found = session.execute(select(Estate.name, Building.number)
                            .join(Estate, Estate.id == Building.estate_id)
                            .where(Building.id == building_id)).first()
    estate, number = found if found is not None else ("", "")
    return f"{estate} {number}-{unit}-{room}".strip()


def history_lines(session: Session, household_id: int) -> list[HistoryLine]:
    """The household's history, oldest first: its registration, then every recorded change."""
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound(what="住户", what_en="household", key=household_id)
    other = aliased(Household)
    rows = session.execute(
        select(HouseholdEvent.day, HouseholdEvent.kind, Resident.name, HouseholdEvent.before,
               HouseholdEvent.after, other.code, HouseholdEvent.recorded_by)
        .outerjoin(Resident, Resident.id == HouseholdEvent.resident_id)
        .outerjoin(other, other.id == HouseholdEvent.other_household_id)
        .where(HouseholdEvent.household_id == household_id)
        .order_by(HouseholdEvent.day, HouseholdEvent.id)).all()
    first = HistoryLine(household.registered_on, HouseholdChange.REGISTERED, None,
                        "before_records" if household.before_records else None,
                        address_of(session, household.building_id, household.unit, household.room),
                        None, None)
    return [first, *(HistoryLine(day, HouseholdChange(kind), name, before, after, code, who)
                     for day, kind, name, before, after, code, who in rows)]


class HistoryService:
    """``gk.history``: a household's history, for its detail pane and the command line."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def of_household(self, household_id: int) -> list[HistoryLine]:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            seen_household_grid(session, self.actor, household_id)
            return history_lines(session, household_id)
