"""Which household a need comes from: by its address, then by its phone; never guessed.

An address names a household when the text names one of the register's estates and a
building, unit and room there (:func:`gridkeeper.domain.addresses.parse_address`). When the
address finds none, the phone is looked up among households' and residents' phones; when
the address finds several, the phone may pick one of them. Anything else (no match, or
several) leaves the need unlinked for a person to link: the hotline import lists them and
the needs page filters them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gridkeeper.domain.addresses import parse_address
from gridkeeper.domain.enums import HouseholdStatus, ResidentStatus
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.phone import normalise_phone
from gridkeeper.storage.models import Building, Estate, Household, Resident

LIVING = (HouseholdStatus.ACTIVE.value, HouseholdStatus.SUSPENDED.value)


@dataclass(frozen=True)
class HouseholdMatch:
    """The outcome: ``household_id`` when exactly one household was found; otherwise
    ``unlinked`` says "none" or "several". ``how``: "address", "phone" or "address+phone"."""

    household_id: int | None
    how: str | None
    unlinked: str | None
    by_address: tuple[int, ...] = ()
    by_phone: tuple[int, ...] = ()


class EstateNames:
    """The register's estate names, longest first (阳光小区东区 before 阳光小区), read once
    for a whole import."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Estate.id, Estate.name)).all()
        self.names = sorted(((name, eid) for eid, name in rows), key=lambda r: -len(r[0]))

    def found_in(self, text: str) -> list[int]:
        """The estates named in ``text``: the longest name found, and any others of that name
        (two communities may both have a 阳光小区)."""
        for name, _eid in self.names:
            if name and name in text:
                return [eid for n, eid in self.names if n == name]
        return []


def by_address(session: Session, address: str | None, estates: EstateNames,
               grid_ids: frozenset[int] | None = None) -> list[int]:
    """Households living at ``address`` (in the grids given; every grid when None)."""
    parts = parse_address(address)
    if parts is None:
        return []
    estate_ids = estates.found_in(parts.before)
    if not estate_ids:
        return []
    query = (select(Household.id).join(Building, Building.id == Household.building_id)
             .where(Building.estate_id.in_(estate_ids),
                    Building.number.in_(parts.building_spellings()),
                    Household.unit == parts.unit, Household.room == parts.room,
                    Household.status.in_(LIVING)))
    if grid_ids is not None:
        query = query.where(Building.grid_id.in_(sorted(grid_ids)))
    return list(session.scalars(query.order_by(Household.id)))


def phone_text(phone: str | None) -> str | None:
    """The stored form of a phone as typed or imported; None when it is no phone number
    (a masked 138****5678 from the hotline is kept as text elsewhere, never matched)."""
    try:
        return normalise_phone(phone)
    except ValidationError:
        return None


def by_phone(session: Session, phone: str | None, grid_ids: frozenset[int] | None = None
             ) -> list[int]:
    """Households with this phone, their own or one of their residents'."""
    number = phone_text(phone)
    if number is None:
        return []
    residents = select(Resident.household_id).where(
        Resident.phone == number, Resident.status == ResidentStatus.ACTIVE.value)
    query = (select(Household.id).join(Building, Building.id == Household.building_id)
             .where(or_(Household.phone == number, Household.id.in_(residents)),
                    Household.status.in_(LIVING)))
    if grid_ids is not None:
        query = query.where(Building.grid_id.in_(sorted(grid_ids)))
    return list(session.scalars(query.order_by(Household.id)))


def match_household(session: Session, address: str | None, phone: str | None,
                    estates: EstateNames | None = None,
                    grid_ids: frozenset[int] | None = None) -> HouseholdMatch:
    """The household a need comes from, by address then phone (see the module docstring)."""
    estates = estates or EstateNames(session)
    at = by_address(session, address, estates, grid_ids)
    if len(at) == 1:
        return HouseholdMatch(at[0], "address", None, tuple(at))
    calling = by_phone(session, phone, grid_ids)
    if at:
        both = [h for h in at if h in calling]
        if len(both) == 1:
            return HouseholdMatch(both[0], "address+phone", None, tuple(at), tuple(calling))
        return HouseholdMatch(None, None, "several", tuple(at), tuple(calling))
    if len(calling) == 1:
        return HouseholdMatch(calling[0], "phone", None, (), tuple(calling))
    return HouseholdMatch(None, None, "several" if calling else "none", (), tuple(calling))
