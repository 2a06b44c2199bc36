"""Which categories households hold on a day, tags and derived ones included, set-wise.

The register's chips and category filter, the building chart's colours, campaign lists and
``info`` all ask this, and all answer through the engine's own tests
(:func:`gridkeeper.domain.policy.held_on`), so a household filtered as 高龄 is the very one the
engine visits monthly as 高龄.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import CategoryKind, ResidentStatus
from gridkeeper.domain.policy import (
    Assignment,
    Catalogue,
    Composition,
    HouseholdFacts,
    held_on,
)
from gridkeeper.services.roster import load_catalogue, residents_facts, walk_ups, years_before
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.models import Building, Category, CategoryAssignment, Household, Resident


def compositions(session: Session, oldest_by: date, grid_ids: frozenset[int] | None = None
                 ) -> dict[int, Composition]:
    """Who lives in each household with an active resident born on or before ``oldest_by``
    (nobody else can hold a derived category: all of them need someone that old), and
    whether its home is up stairs without a lift."""
    elderly = select(Resident.household_id).where(
        Resident.status == ResidentStatus.ACTIVE, Resident.birth_date <= oldest_by)
    query = (select(Resident.household_id, func.count(), func.min(Resident.birth_date),
                    func.max(Resident.birth_date), func.count(Resident.birth_date))
             .where(Resident.status == ResidentStatus.ACTIVE, Resident.household_id.in_(elderly))
             .group_by(Resident.household_id))
    if grid_ids is not None:
        query = query.where(Resident.household_id.in_(
            select(Household.id).join(Building, Building.id == Household.building_id)
            .where(Building.grid_id.in_(grid_ids))))
    conn = session.connection()
    rows = conn.execute(query).all()
    stairs = walk_ups(conn, [r[0] for r in rows])
    return {hid: Composition(n, oldest, youngest, known == n, hid in stairs)
            for hid, n, oldest, youngest, known in rows}


def held_codes(session: Session, household_ids: Sequence[int], day: date,
               catalogue: Catalogue | None = None) -> dict[int, tuple[str, ...]]:
    """Per household, the codes of every category it holds on ``day`` except the universal
    one (everyone has it), in the office's order: a screenful of rows at a time."""
    catalogue = catalogue or load_catalogue(session)
    ids = list(household_ids)
    births: dict[int, list[date | None]] = {}
    assignments: dict[int, list[Assignment]] = {}
    stairs: set[int] = set()
    conn = session.connection()
    for part in chunked(ids):
        part_births, part_assignments = residents_facts(conn, part, on=day)
        births.update(part_births)
        assignments.update(part_assignments)
        stairs |= walk_ups(conn, part)
    found: dict[int, tuple[str, ...]] = {}
    for hid in ids:
        people = births.get(hid, [])
        composition = Composition.of(people, hid in stairs) if people else Composition(0)
        facts = HouseholdFacts(hid, date.min, composition, tuple(assignments.get(hid, ())))
        found[hid] = tuple(c.code for c in held_on(facts, catalogue, day)
                           if c.kind != CategoryKind.UNIVERSAL)
    return found


def holding(session: Session, codes: Iterable[str], day: date,
            grid_ids: frozenset[int] | None = None) -> set[int]:
    """Households holding any of ``codes`` on ``day`` (their active residents do), whatever
    the kind: manual ones and tags from their assignments, derived ones from the residents'
    ages and homes, the universal one for every household."""
    catalogue = load_catalogue(session)
    wanted = set(codes)
    kinds = {c.code: c.kind for c in catalogue.everything}
    conn = session.connection()
    found: set[int] = set()
    if any(kinds.get(c) == CategoryKind.UNIVERSAL for c in wanted):
        return set(conn.execute(select(Household.id)).scalars())
    manual = [c for c in wanted if kinds.get(c) == CategoryKind.MANUAL]
    if manual:
        found |= set(conn.execute(
            select(Resident.household_id).distinct()
            .join(CategoryAssignment, CategoryAssignment.resident_id == Resident.id)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(Category.code.in_(manual), Resident.status == ResidentStatus.ACTIVE,
                   CategoryAssignment.valid_from <= day,
                   or_(CategoryAssignment.valid_to.is_(None), CategoryAssignment.valid_to >= day))
        ).scalars())
    derived = [c for c in catalogue.everything
               if c.code in wanted and c.kind == CategoryKind.DERIVED]
    if derived:
        youngest = min(c.threshold_age or 60 for c in derived)
        codes_wanted = {c.code for c in derived}
        for hid, composition in compositions(session, years_before(day, youngest), grid_ids).items():
            facts = HouseholdFacts(hid, date.min, composition)
            if any(c.code in codes_wanted for c in held_on(facts, catalogue, day)):
                found.add(hid)
    return found


def households_per_category(session: Session, day: date, grid_ids: frozenset[int] | None = None
                            ) -> dict[str, int]:
    """How many active households (of ``grid_ids``, else all) hold each category and tag on
    ``day`` (``info``): one grouped query for the assigned ones, one pass over the elderly for
    the derived ones."""
    catalogue = load_catalogue(session)
    conn = session.connection()
    counts: dict[str, int] = {c.code: 0 for c in catalogue.everything
                              if c.kind != CategoryKind.UNIVERSAL}
    active = Household.status == "active"
    if grid_ids is not None:
        active = active & Household.building_id.in_(
            select(Building.id).where(Building.grid_id.in_(grid_ids)))
    counts.update(dict(conn.execute(
        select(Category.code, func.count(func.distinct(Resident.household_id)))
        .join(CategoryAssignment, CategoryAssignment.category_id == Category.id)
        .join(Resident, Resident.id == CategoryAssignment.resident_id)
        .join(Household, Household.id == Resident.household_id)
        .where(active, Resident.status == ResidentStatus.ACTIVE, Category.kind == CategoryKind.MANUAL,
               CategoryAssignment.valid_from <= day,
               or_(CategoryAssignment.valid_to.is_(None), CategoryAssignment.valid_to >= day))
        .group_by(Category.code)).all()))
    derived = [c for c in catalogue.everything if c.kind == CategoryKind.DERIVED]
    if derived:
        ids = set(conn.execute(select(Household.id).where(active)).scalars())
        youngest = min(c.threshold_age or 60 for c in derived)
        for hid, composition in compositions(session, years_before(day, youngest), grid_ids).items():
            if hid in ids:
                for c in held_on(HouseholdFacts(hid, date.min, composition), catalogue, day):
                    if c.kind == CategoryKind.DERIVED:
                        counts[c.code] += 1
    return counts
