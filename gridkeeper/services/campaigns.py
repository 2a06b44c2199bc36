"""Campaign lists (专项名单): a saved filter (categories x buildings x floors) of the households
to reach in a storm, a heat wave or the heating season, printed as a contact list stairwell by
stairwell with each stairwell's standing contacts. ``gk.campaigns``.

Only active households are listed (nobody calls on a flat whose people moved out). Phones
are masked on paper unless the list is printed in full, which needs the unmask permission and
is audited like every print.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import ResidentStatus
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T, counted
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.policy import age_on
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.reports.contact_list import ContactLine, ContactList, Stairwell, render_contact_list
from gridkeeper.services import audit_trail
from gridkeeper.services.contacts import contacts_of, for_stairwell
from gridkeeper.services.held import held_codes, holding
from gridkeeper.services.levels import grid_ranks
from gridkeeper.services.outputs import stage
from gridkeeper.services.roster import load_catalogue
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    CampaignList,
    Category,
    Estate,
    Grid,
    Household,
    Resident,
)

NAME = T("名单名称", "list name")


@dataclass(frozen=True)
class CampaignDraft:
    """What a campaign list holds: households with any of ``categories`` (none: every
    household) in ``buildings`` (none: every building) on floors ``floor_from``..``floor_to``."""

    name: str
    categories: tuple[str, ...] = ()  # codes
    buildings: tuple[int, ...] = ()  # building ids
    floor_from: int | None = None
    floor_to: int | None = None
    notes: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class PrintedList:
    path: Path | None
    pages: int
    households: int
    document: bytes


class CampaignService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # -- the saved lists ---------------------------------------------------------------------

    def save(self, draft: CampaignDraft) -> int:
        """Save (or replace, by name) a campaign list; categories may be given by code or
        name. Audited."""
        self.actor.require(Permission.EDIT_REGISTER)
        name = (draft.name or "").strip()
        if not name:
            raise ValidationError(NAME, "", T("不能为空", "is required"))
        if (draft.floor_from is not None and draft.floor_to is not None
                and draft.floor_from > draft.floor_to):
            raise ValidationError(T("楼层", "floors"), f"{draft.floor_from}-{draft.floor_to}",
                                  T("起始层高于截止层", "the lowest floor is above the highest"))
        with self.db.transaction() as session:
            codes = self._codes(session, draft.categories)
            buildings = self._buildings(session, draft.buildings)
            row = session.scalars(select(CampaignList).where(CampaignList.name == name)).first()
            if row is not None and not self._own(session, row, refusing=True):
                # another grid's list of that name is not replaced
                raise NotFound(what="名单", what_en="campaign list", key=name)
            before = audit_trail.snapshot(row) if row is not None else None
            if row is None:
                row = CampaignList(name=name, created_by=self.actor.username)
                session.add(row)
            row.categories = ",".join(codes)
            row.buildings = ",".join(str(b) for b in buildings)
            row.floor_from, row.floor_to = draft.floor_from, draft.floor_to
            row.notes = (draft.notes or "").strip() or None
            session.flush()
            audit_trail.record(session, self.actor, "update" if before else "insert",
                               table="campaign_list", row_id=row.id, before=before,
                               after=audit_trail.snapshot(row))
            return row.id

    def lists(self) -> list[CampaignDraft]:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            return [_draft(row) for row in session.scalars(select(CampaignList).order_by(CampaignList.name))
                    if self._own(session, row)]

    def get(self, name: str) -> CampaignDraft:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            row = session.scalars(select(CampaignList).where(CampaignList.name == name.strip())).first()
            if row is None or not self._own(session, row, refusing=True):
                raise NotFound(what="名单", what_en="campaign list", key=name)
            return _draft(row)

    def delete(self, name: str) -> None:
        self.actor.require(Permission.EDIT_REGISTER)
        with self.db.transaction() as session:
            row = session.scalars(select(CampaignList).where(CampaignList.name == name.strip())).first()
            if row is None or not self._own(session, row, refusing=True):
                raise NotFound(what="名单", what_en="campaign list", key=name)
            audit_trail.record(session, self.actor, "delete", table="campaign_list", row_id=row.id,
                               before=audit_trail.snapshot(row))
            session.delete(row)

    # -- who is on it ------------------------------------------------------------------------

    def contact_list(self, which: str | CampaignDraft, day: date | None = None,
                     unmasked: bool = False) -> ContactList:
        """The households of the list on ``day`` (default today), stairwell by stairwell in
        walking order, with their standing contacts; phones masked unless ``unmasked`` (the
        caller checked the permission)."""
        self.actor.require(Permission.VIEW_REGISTER)
        draft = self.get(which) if isinstance(which, str) else which
        day = day or date.today()
        with self.db.reading() as session:
            codes = self._codes(session, draft.categories)
            return self._contact_list(session, replace(draft, categories=tuple(codes)), day, unmasked)

    def print_list(self, which: str | CampaignDraft, target: str | Path | None = None, *,
                   unmasked: bool = False, day: date | None = None, font: str | None = None,
                   progress: Progress = no_progress) -> PrintedList:
        """The contact list as PDF (to ``target``, or only as bytes). Full phones need the
        unmask permission; the print (and the unmasking) is audited."""
        self.actor.require(Permission.PRINT)
        if unmasked:
            self.actor.require(Permission.UNMASK)
        contact_list = self.contact_list(which, day, unmasked)
        buffer = io.BytesIO()
        pages = render_contact_list(contact_list, buffer, font=font, unmasked=unmasked,
                                    progress=progress)
        detail = (f"campaign list {contact_list.name}: {counted(contact_list.households, 'household')}, "
                  f"{counted(pages, 'page')}, {'full data' if unmasked else 'masked'}")
        path = Path(target) if target is not None else None
        with self.db.transaction() as session:
            audit_trail.record(session, self.actor, "print", table="campaign_list", detail=detail)
            if unmasked:
                audit_trail.record(session, self.actor, "unmask", table="campaign_list", detail=detail)
            if path is not None:
                # the file appears, whole, only when the print is recorded
                stage(session, path, buffer.getvalue())
        return PrintedList(path, pages, contact_list.households, buffer.getvalue())

    # -- internals ---------------------------------------------------------------------------

    def _codes(self, session: Session, wanted: Sequence[str]) -> list[str]:
        catalogue = load_catalogue(session)
        names: dict[str, str] = {}
        for c in session.execute(select(Category.code, Category.name_zh, Category.name_en,
                                        Category.aliases)).all():
            for name in (c.code, c.name_zh, c.name_en.lower(), *c.aliases.split("、")):
                if name:
                    names.setdefault(name.strip(), c.code)
        known = {c.code for c in catalogue.everything}
        codes: list[str] = []
        for text in wanted:
            key = text.strip()
            code = names.get(key) or names.get(key.lower())
            if code is None or code not in known:
                raise ValidationError(T("人员类别", "category"), key, T("没有这个类别", "no such category"))
            if code not in codes:
                codes.append(code)
        return codes

    def _own(self, session: Session, row: CampaignList, refusing: bool = False) -> bool:
        """Whether the list is the actor's to see: one naming buildings of grids (or a
        community) the actor does not see is not; one over every building is everyone's."""
        if self.actor.grid_ids is None or not row.buildings:
            return True
        wanted = [int(b) for b in row.buildings.split(",") if b]
        grids = set(session.scalars(select(Building.grid_id).where(Building.id.in_(wanted))))
        outside = sorted(g for g in grids if not self.actor.sees_grid(g))
        if not outside:
            return True
        if refusing:  # asked for by name: the refusal is noted
            self.actor.sees(outside[0], f"campaign list {row.name}")
        return False

    def _buildings(self, session: Session, wanted: Sequence[int]) -> list[int]:
        found = {b.id: b.grid_id for b in session.execute(
            select(Building.id, Building.grid_id).where(Building.id.in_(list(wanted)))).all()}
        for building_id in wanted:
            if building_id not in found or not self.actor.sees(found[building_id], f"building {building_id}"):
                raise NotFound(what="楼栋", what_en="building", key=building_id)
        return list(dict.fromkeys(wanted))

    def _contact_list(self, session: Session, draft: CampaignDraft, day: date,
                      unmasked: bool) -> ContactList:
        query = (select(Household.id, Household.code, Household.building_id, Household.unit,
                        Household.floor, Household.room, Household.phone, Building.grid_id,
                        Grid.name, Estate.name, Building.number)
                 .join(Building, Building.id == Household.building_id)
                 .join(Grid, Grid.id == Building.grid_id)
                 .join(Estate, Estate.id == Building.estate_id)
                 .where(Household.status == "active"))
        if self.actor.grid_ids is not None:
            query = query.where(Building.grid_id.in_(self.actor.grid_ids))
        if draft.buildings:
            query = query.where(Household.building_id.in_(draft.buildings))
        if draft.floor_from is not None:
            query = query.where(Household.floor >= draft.floor_from)
        if draft.floor_to is not None:
            query = query.where(Household.floor <= draft.floor_to)
        rows = session.execute(query).all()
        if draft.categories:
            chosen = holding(session, draft.categories, day, self.actor.grid_ids)
            rows = [r for r in rows if r.id in chosen]
        ranks = grid_ranks(session)
        rows.sort(key=lambda r: (ranks.get(r.grid_id, 0), natural_key(r[9]), natural_key(r.number),
                                 r.unit, r.floor, len(r.room), r.room))
        ids = [r.id for r in rows]
        catalogue = load_catalogue(session)
        labels = {c.code: c.label.zh for c in catalogue.everything}
        held = held_codes(session, ids, day, catalogue)
        people: dict[int, list[tuple[bool, str, date | None, str | None]]] = defaultdict(list)
        for part in chunked(ids):
            for hid, name, born, phone, head in session.execute(
                    select(Resident.household_id, Resident.name, Resident.birth_date, Resident.phone,
                           Resident.is_head)
                    .where(Resident.household_id.in_(part), Resident.status == ResidentStatus.ACTIVE)
                    .order_by(Resident.is_head.desc(), Resident.id)):
                people[hid].append((head, name, born, phone))
        contacts = contacts_of(session, {r.building_id for r in rows}, unmasked)
        shown = (lambda p: p) if unmasked else mask_phone
        stairwells: dict[tuple[int, int], list[ContactLine]] = {}
        places: dict[tuple[int, int], tuple[str, str]] = {}
        for r in rows:
            members = people.get(r.id, [])
            head = next((name for is_head, name, _b, _p in members if is_head), "")
            ages = "、".join(f"{name}({age_on(born, day)})" if born else name
                            for _h, name, born, _p in members)
            phones = [p for p in (r.phone, *(phone for *_x, phone in members)) if p]
            key = (r.building_id, r.unit)
            building = r.number if r.number.endswith(("号", "栋", "幢", "楼")) else f"{r.number}号楼"
            places[key] = (f"{r[9]} {building} {r.unit}单元", r[8])
            stairwells.setdefault(key, []).append(ContactLine(
                code=r.code, room=r.room, floor=r.floor, head=head, people=ages,
                categories="、".join(labels.get(c, c) for c in held.get(r.id, ())),
                phones="\n".join(shown(p) for p in dict.fromkeys(phones))))
        return ContactList(
            name=draft.name, criteria=self._criteria(session, draft, labels), day=day,
            printed_at=datetime.now().replace(microsecond=0),
            stairwells=tuple(
                Stairwell(place=places[key][0], grid=places[key][1],
                          contacts="；".join(c.line() for c in for_stairwell(
                              contacts.get(key[0], []), key[1])),
                          lines=tuple(lines))
                for key, lines in stairwells.items()),
            households=len(rows))

    def _criteria(self, session: Session, draft: CampaignDraft, labels: dict[str, str]) -> str:
        parts = [("类别：" + "、".join(labels.get(c, c) for c in draft.categories))
                 if draft.categories else "全部住户"]
        if draft.buildings:
            names = session.execute(
                select(Estate.name, Building.number).join(Estate, Estate.id == Building.estate_id)
                .where(Building.id.in_(draft.buildings))).all()
            parts.append("楼栋：" + "、".join(f"{e} {n}" for e, n in
                                            sorted(names, key=lambda b: (b[0], natural_key(b[1])))))
        low, high = draft.floor_from, draft.floor_to
        if low is not None and high is not None:
            parts.append(f"楼层：{low}-{high}层" if low != high else f"楼层：{low}层")
        elif low is not None:
            parts.append(f"楼层：{low}层及以上")
        elif high is not None:
            parts.append(f"楼层：{high}层及以下")
        return "；".join(parts)


def _draft(row: CampaignList) -> CampaignDraft:
    return CampaignDraft(
        name=row.name, categories=tuple(c for c in row.categories.split(",") if c),
        buildings=tuple(int(b) for b in row.buildings.split(",") if b),
        floor_from=row.floor_from, floor_to=row.floor_to, notes=row.notes, id=row.id)
