"""The standing team around each building and stairwell (组团式服务): 楼门长, 民情联络员, 社区民警,
志愿者 and 党员, and the people a visit's team is picked from.

Each contact is a :class:`Worker` of the community (name, phone) with a role at a building, or
at one stairwell (单元) of it. Phones are masked as everywhere; the full number needs the
unmask permission and is audited. ``gk.contacts``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import ContactRole
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T, counted
from gridkeeper.domain.phone import mask_phone, normalise_phone
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services.register import ensure_worker
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Building, Estate, Grid, Household, StairwellContact, Worker

# the order contacts print in: the whole building's before a stairwell's, then by role
ROLE_ORDER = {role.value: i for i, role in enumerate(ContactRole)}
STAFF_DUTIES = ("网格员", "网格长", "社工", "社区工作者")


@dataclass(frozen=True)
class Contact:
    """A standing contact as shown and printed; ``phone`` masked unless asked for in full."""

    building_id: int
    unit: int | None  # None: the whole building
    name: str
    role: str  # ContactRole code
    phone: str | None

    @property
    def role_label(self) -> T:
        return ContactRole(self.role).label

    def line(self, lang: str = "zh") -> str:
        """``楼门长 王秀英 139****1234`` as a heading prints it."""
        return " ".join(p for p in (self.role_label.get(lang), self.name, self.phone or "") if p)


@dataclass(frozen=True)
class ContactDraft:
    name: str
    role: str  # ContactRole code or label
    unit: int | None = None
    phone: str | None = None  # None: keep the worker's phone as it is


@dataclass(frozen=True)
class TeamMember:
    """Someone a visit's team can be picked from, and what they are there as."""

    name: str
    role: str  # as printed in the 民情日志: 楼门长, 社区民警, 网格员, 社工 ...
    worker_id: int


def sort_key(contact: Contact) -> tuple[int, int, int]:
    return (0 if contact.unit is None else 1, contact.unit or 0, ROLE_ORDER.get(contact.role, 99))


def contacts_of(session: Session, building_ids: Iterable[int], unmasked: bool = False
                ) -> dict[int, list[Contact]]:
    """The contacts of these buildings, in print order, by building (one query per chunk)."""
    found: dict[int, list[Contact]] = defaultdict(list)
    for part in chunked(list(dict.fromkeys(building_ids))):
        for building_id, unit, role, name, phone in session.execute(
            select(StairwellContact.building_id, StairwellContact.unit, StairwellContact.role,
                   Worker.name, Worker.phone)
            .join(Worker, Worker.id == StairwellContact.worker_id)
            .where(StairwellContact.building_id.in_(part))
            .order_by(StairwellContact.sort_order, StairwellContact.id)
        ):
            found[building_id].append(Contact(building_id, unit, name, role,
                                              phone if unmasked else (mask_phone(phone) or None)))
    for contacts in found.values():
        contacts.sort(key=sort_key)
    return found


def for_stairwell(contacts: Sequence[Contact], unit: int) -> list[Contact]:
    """A stairwell's own contacts, then the whole building's (what its heading shows)."""
    return [c for c in contacts if c.unit == unit] + [c for c in contacts if c.unit is None]


def _role(text: str) -> ContactRole:
    try:
        return ContactRole.parse(text)  # type: ignore[return-value]
    except ValueError:
        allowed = "、".join(r.label.zh for r in ContactRole)
        raise ValidationError(T("角色", "role"), text, T(f"应为{allowed}之一",
                                                          f"must be one of {allowed}")) from None


class ContactService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _building(self, session: Session, building_id: int) -> Building:
        building = session.get(Building, building_id)
        if building is None or not self.actor.sees(building.grid_id, f"building {building_id}"):
            raise NotFound(what="楼栋", what_en="building", key=building_id)
        return building

    def building_id(self, estate: str, number: str) -> int:
        """A building by its estate and number (``阳光花园``, ``3``), as the command line names it."""
        with self.db.reading() as session:
            named = session.execute(
                select(Building.id, Building.grid_id).join(Estate, Estate.id == Building.estate_id)
                .where(Estate.name == estate.strip(), Building.number == number.strip())
                .order_by(Building.id)).all()
        # two communities may each have an estate of that name: the one the actor sees
        found = next((b for b in named if self.actor.sees_grid(b.grid_id)), named[0] if named else None)
        if found is None or not self.actor.sees(found.grid_id, f"building {estate} {number}"):
            raise NotFound(what="楼栋", what_en="building", key=f"{estate} {number}")
        return int(found.id)

    def contacts(self, building_id: int, unmasked: bool = False) -> list[Contact]:
        """The building's standing contacts in print order; full phones need the unmask
        permission and are audited."""
        self.actor.require(Permission.VIEW_REGISTER)
        if unmasked:
            self.actor.require(Permission.UNMASK)
        with self.db.reading() as session:
            self._building(session, building_id)
            found = contacts_of(session, [building_id], unmasked).get(building_id, [])
        if unmasked:
            audit_trail.record_event(self.db, self.actor, "unmask", table="building",
                                     row_id=building_id, detail="contacts")
        return found

    def contacts_for_household(self, household_id: int) -> list[Contact]:
        """The standing contacts of the household's stairwell, then of its building (masked)."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            found = session.execute(
                select(Household.building_id, Household.unit, Building.grid_id)
                .join(Building, Building.id == Household.building_id)
                .where(Household.id == household_id)).first()
            if found is None or not self.actor.sees(found.grid_id, f"household {household_id}"):
                raise NotFound(what="住户", what_en="household", key=household_id)
            mine = contacts_of(session, [found.building_id]).get(found.building_id, [])
        return for_stairwell(mine, found.unit)

    def set_contacts(self, building_id: int, drafts: Sequence[ContactDraft]) -> list[Contact]:
        """Make the building's contacts those drafted (in that order). A name the community
        does not know becomes a worker; a phone given is saved on the worker. Audited."""
        self.actor.require(Permission.EDIT_REGISTER)
        cleaned = []
        for draft in drafts:
            name = (draft.name or "").strip()
            if not name:
                raise ValidationError(T("联系人姓名", "contact name"), "", T("不能为空", "is required"))
            phone = normalise_phone(draft.phone) if draft.phone else None
            cleaned.append(replace(draft, name=name, role=_role(draft.role).value, phone=phone))
        with self.db.transaction() as session:
            building = self._building(session, building_id)
            community_id = session.scalar(select(Grid.community_id).where(Grid.id == building.grid_id))
            if building.units is not None:
                for draft in cleaned:
                    if draft.unit is not None and not 1 <= draft.unit <= max(building.units, 1):
                        raise ValidationError(T("单元", "stairwell"), draft.unit,
                                              T(f"本楼只有{building.units}个单元",
                                                f"the building has {counted(building.units, 'stairwell')}"))
            before = [(c.unit, c.role, c.name) for c in contacts_of(session, [building_id])[building_id]]
            session.execute(delete(StairwellContact).where(StairwellContact.building_id == building_id))
            seen: set[tuple[int | None, int, str]] = set()
            for order, draft in enumerate(cleaned):
                worker = ensure_worker(session, community_id, draft.name)
                if draft.phone and worker.phone != draft.phone:
                    worker.phone = draft.phone
                if not worker.duty:
                    worker.duty = ContactRole(draft.role).label.zh
                key = (draft.unit, worker.id, draft.role)
                if key in seen:
                    continue
                seen.add(key)
                session.add(StairwellContact(building_id=building_id, unit=draft.unit,
                                             worker_id=worker.id, role=draft.role, sort_order=order))
            session.flush()
            after = [(c.unit, c.role, c.name) for c in contacts_of(session, [building_id])[building_id]]
            audit_trail.record(session, self.actor, "update", table="stairwell_contact",
                               row_id=building_id, before={"contacts": before},
                               after={"contacts": after})
            return contacts_of(session, [building_id])[building_id]

    def set_lift(self, building_id: int, has_lift: bool | None) -> None:
        """Record whether the building has a lift (None: not known). Audited."""
        self.actor.require(Permission.EDIT_REGISTER)
        with self.db.transaction() as session:
            building = self._building(session, building_id)
            before = audit_trail.snapshot(building)
            building.has_lift = has_lift
            session.flush()
            audit_trail.record(session, self.actor, "update", table="building", row_id=building_id,
                               before=before, after=audit_trail.snapshot(building))

    def team_for(self, household_id: int) -> list[TeamMember]:
        """Whom a visit to the household can be made by: its stairwell's and building's
        standing contacts, then the grid's leader, the household's own worker (责任人) and the
        community's other staff; each once, with the role they go as."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            found = session.execute(
                select(Household.building_id, Household.unit, Household.worker_id,
                       Household.community_id, Grid.leader_id, Grid.id)
                .join(Building, Building.id == Household.building_id)
                .join(Grid, Grid.id == Building.grid_id).where(Household.id == household_id)).first()
            if found is None or not self.actor.sees(found[5], f"household {household_id}"):
                raise NotFound(what="住户", what_en="household", key=household_id)
            building_id, unit, worker_id, community_id, leader_id, _grid = found
            members: list[TeamMember] = []
            for worker, name, role, contact_unit in session.execute(
                select(Worker.id, Worker.name, StairwellContact.role, StairwellContact.unit)
                .join(StairwellContact, StairwellContact.worker_id == Worker.id)
                .where(StairwellContact.building_id == building_id, Worker.active.is_(True))
                .order_by(StairwellContact.sort_order)
            ):
                if contact_unit in (None, unit):
                    members.append(TeamMember(name, ContactRole(role).label.zh, worker))
            members.sort(key=lambda m: 0 if m.role == ContactRole.STAIRWELL_HEAD.label.zh else 1)
            staff = session.execute(
                select(Worker.id, Worker.name, Worker.duty)
                .where(Worker.community_id == community_id, Worker.active.is_(True))).all()
            duties = {w.id: (w.name, w.duty) for w in staff}
            for wid in (leader_id, worker_id):
                if wid in duties:
                    name, duty = duties[wid]
                    members.insert(0, TeamMember(name, duty or "网格员", wid))
            for w in sorted(staff, key=lambda w: w.name):
                if w.duty in STAFF_DUTIES:
                    members.append(TeamMember(w.name, w.duty, w.id))
        unique: dict[int, TeamMember] = {}
        for member in members:
            unique.setdefault(member.worker_id, member)
        return list(unique.values())
