"""The household register: save a household with its residents in one transaction, read it back.

Editors and importers hand in a :class:`HouseholdDraft`; everything it names (grid, estate,
building, worker) is created when missing. Edits carry the version they started from, and
a save based on a stale copy is refused with :class:`ConcurrentEdit`, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gridkeeper.domain.errors import ConcurrentEdit, DuplicateIdNumber, NotFound, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.names import pinyin_forms
from gridkeeper.domain.register import (
    AssignmentDraft,
    HouseholdDraft,
    ResidentDraft,
    check_household,
)
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services import audit
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Resident,
    Worker,
)

DEFAULT_COMMUNITY = "示范社区"


@dataclass(frozen=True)
class Place:
    """Ids of where a household lives, resolved or created from names."""

    community_id: int
    grid_id: int
    building_id: int


def default_community(session: Session) -> Community:
    community = session.scalars(select(Community).order_by(Community.id).limit(1)).first()
    if community is None:
        community = Community(name=DEFAULT_COMMUNITY)
        session.add(community)
        session.flush()
    return community


def ensure_place(
    session: Session, grid: str, estate: str, building: str, community_id: int | None = None
) -> Place:
    """Find or create grid, estate and building by name (one query each when they exist)."""
    grid_row = session.scalars(select(Grid).where(Grid.name == grid)).first()
    if grid_row is None:
        cid = community_id or default_community(session).id
        grid_row = Grid(community_id=cid, name=grid)
        session.add(grid_row)
        session.flush()
    cid = grid_row.community_id
    estate_row = session.scalars(
        select(Estate).where(Estate.community_id == cid, Estate.name == estate)
    ).first()
    if estate_row is None:
        estate_row = Estate(community_id=cid, name=estate)
        session.add(estate_row)
        session.flush()
    building_row = session.scalars(
        select(Building).where(Building.estate_id == estate_row.id, Building.number == building)
    ).first()
    if building_row is None:
        building_row = Building(estate_id=estate_row.id, number=building, grid_id=grid_row.id)
        session.add(building_row)
        session.flush()
    return Place(cid, building_row.grid_id, building_row.id)


def ensure_worker(session: Session, community_id: int, name: str) -> Worker:
    worker = session.scalars(
        select(Worker).where(Worker.community_id == community_id, Worker.name == name)
    ).first()
    if worker is None:
        worker = Worker(community_id=community_id, name=name)
        session.add(worker)
        session.flush()
    return worker


def categories_by_code(session: Session) -> dict[str, Category]:
    return {c.code: c for c in session.scalars(select(Category))}


class RegisterService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def save_household(self, draft: HouseholdDraft, today: date | None = None) -> int:
        """Create or update a household with its residents; return its id."""
        self.actor.require(Permission.EDIT_REGISTER)
        draft = check_household(draft, today)
        try:
            with self.db.transaction() as session:
                household_id = save_household(session, self.actor, draft)
        except StaleDataError:
            raise ConcurrentEdit(what="住户", what_en="household", key=draft.code) from None
        return household_id

    def household_id(self, code: str) -> int:
        with self.db.reading() as session:
            found = session.scalars(select(Household.id).where(Household.code == code)).first()
            if found is None:
                raise NotFound(what="户编号", what_en="household code", key=code)
            return found

    def load_draft(self, household_id: int) -> HouseholdDraft:
        """The household as an editable draft (with versions for the concurrency check)."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            hh = session.get(Household, household_id)
            if hh is None or not self.actor.sees_grid(hh.building.grid_id):
                raise NotFound(what="住户", what_en="household", key=household_id)
            residents = tuple(
                ResidentDraft(
                    id=r.id, version=r.version, name=r.name, id_number=r.id_number,
                    gender=r.gender, birth_date=r.birth_date, phone=r.phone,
                    relation=r.relation, is_head=r.is_head, status=r.status,
                    categories=tuple(
                        AssignmentDraft(
                            id=a.id, category=a.category.code, valid_from=a.valid_from,
                            valid_to=a.valid_to, disability_kind=a.disability_kind,
                            disability_grade=a.disability_grade,
                        )
                        for a in r.categories
                    ),
                )
                for r in hh.residents
            )
            return HouseholdDraft(
                id=hh.id, version=hh.version, code=hh.code, grid=hh.building.grid.name,
                estate=hh.building.estate.name, building=hh.building.number, unit=hh.unit,
                floor=hh.floor, room=hh.room, registered_on=hh.registered_on, phone=hh.phone,
                notes=hh.notes, worker=hh.worker.name if hh.worker else None,
                status=hh.status, status_until=hh.status_until, status_since=hh.status_since,
                residents=residents,
            )


def save_household(session: Session, actor: Actor, draft: HouseholdDraft) -> int:
    """Write a checked draft inside the caller's transaction (the importer calls this too)."""
    place = ensure_place(session, draft.grid, draft.estate, draft.building)
    if not actor.sees_grid(place.grid_id):
        raise NotFound(what="网格", what_en="grid", key=draft.grid)
    _refuse_duplicate_ids(session, draft)
    same_code = session.scalars(
        select(Household).where(
            Household.community_id == place.community_id, Household.code == draft.code
        )
    ).first()
    if draft.id is None:
        if same_code is not None:
            raise ValidationError(T("户编号", "household code"), draft.code,
                                  T("已被另一户使用", "is already used by another household"))
        household = Household(community_id=place.community_id, code=draft.code)
        session.add(household)
        before = None
    else:
        found = session.get(Household, draft.id)
        if found is None:
            raise NotFound(what="住户", what_en="household", key=draft.code)
        household = found
        if same_code is not None and same_code.id != household.id:
            raise ValidationError(T("户编号", "household code"), draft.code,
                                  T("已被另一户使用", "is already used by another household"))
        if draft.version is not None and draft.version != household.version:
            raise ConcurrentEdit(what="住户", what_en="household", key=draft.code)
        before = audit.snapshot(household)
    worker_id = (ensure_worker(session, place.community_id, draft.worker).id
                 if draft.worker else None)
    household.code = draft.code
    household.building_id = place.building_id
    household.unit, household.floor, household.room = draft.unit, draft.floor, draft.room
    household.registered_on = draft.registered_on or date.today()
    household.phone, household.notes, household.worker_id = draft.phone, draft.notes, worker_id
    household.status = draft.status
    household.status_until, household.status_since = draft.status_until, draft.status_since
    session.flush()
    audit.record(session, actor, "insert" if before is None else "update", table="household",
                 row_id=household.id, before=before, after=audit.snapshot(household))
    _save_residents(session, actor, household, draft.residents)
    return household.id


def _refuse_duplicate_ids(session: Session, draft: HouseholdDraft) -> None:
    numbers = [r.id_number for r in draft.residents if r.id_number]
    if not numbers:
        return
    own = {r.id for r in draft.residents if r.id is not None}
    clash = session.execute(
        select(Resident.id, Resident.id_number, Resident.name, Household.code)
        .join(Household, Household.id == Resident.household_id)
        .where(Resident.id_number.in_(numbers))
    ).all()
    for resident_id, number, name, code in clash:
        if resident_id not in own:
            raise DuplicateIdNumber(value=number, other_household=code, other_name=name)


def _save_residents(
    session: Session, actor: Actor, household: Household, drafts: tuple[ResidentDraft, ...]
) -> None:
    existing = {r.id: r for r in session.scalars(
        select(Resident).where(Resident.household_id == household.id))}
    for draft in drafts:
        if draft.id is not None:
            found = existing.get(draft.id)
            if found is None:
                raise NotFound(what="成员", what_en="resident", key=draft.name)
            if draft.version is not None and draft.version != found.version:
                raise ConcurrentEdit(what="成员", what_en="resident", key=draft.name)
    # the one-head index is checked row by row: clear the old head before naming a new one
    new_head = next((d.id for d in drafts if d.is_head), None)
    for resident in existing.values():
        if resident.is_head and resident.id != new_head:
            resident.is_head = False
    session.flush()
    codes = categories_by_code(session)
    for draft in drafts:
        if draft.id is not None:
            resident = existing[draft.id]
            before = audit.snapshot(resident)
        else:
            resident = Resident(household_id=household.id)
            session.add(resident)
            before = None
        full, initials = pinyin_forms(draft.name)
        resident.name, resident.name_pinyin, resident.name_initials = draft.name, full, initials
        resident.id_number, resident.gender = draft.id_number, draft.gender
        resident.birth_date, resident.phone = draft.birth_date, draft.phone
        resident.relation, resident.is_head, resident.status = (
            draft.relation, draft.is_head, draft.status)
        session.flush()
        audit.record(session, actor, "insert" if before is None else "update", table="resident",
                     row_id=resident.id, before=before, after=audit.snapshot(resident))
        _save_assignments(session, actor, resident, draft.categories, codes)


def _save_assignments(
    session: Session, actor: Actor, resident: Resident,
    drafts: tuple[AssignmentDraft, ...], codes: dict[str, Category],
) -> None:
    existing = {a.id: a for a in session.scalars(
        select(CategoryAssignment).where(CategoryAssignment.resident_id == resident.id))}
    kept: set[int] = set()
    for draft in drafts:
        category = codes.get(draft.category)
        if category is None:
            raise ValidationError(T("人员类别", "category"), draft.category,
                                  T("没有这个类别", "no such category"))
        if category.kind != "manual":
            raise ValidationError(T("人员类别", "category"), category.name_zh,
                                  T("此类别自动推算，无需登记", "is derived, not assigned"))
        if draft.id is not None and draft.id in existing:
            row = existing[draft.id]
            kept.add(row.id)
            before = audit.snapshot(row)
        else:
            row = CategoryAssignment(resident_id=resident.id)
            session.add(row)
            before = None
        row.category_id = category.id
        row.valid_from, row.valid_to = draft.valid_from, draft.valid_to
        row.disability_kind, row.disability_grade = draft.disability_kind, draft.disability_grade
        session.flush()
        audit.record(session, actor, "insert" if before is None else "update",
                     table="category_assignment", row_id=row.id, before=before,
                     after=audit.snapshot(row))
    for row_id, row in existing.items():
        if row_id not in kept:
            audit.record(session, actor, "delete", table="category_assignment", row_id=row_id,
                         before=audit.snapshot(row))
            session.delete(row)
