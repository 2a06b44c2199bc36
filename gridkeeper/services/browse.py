"""Register browsing for the GUI: the scope tree, one search box, and rows built on demand.

Like Anki's browser, a search returns only household ids (one indexed query); the table then
asks for the few rows it shows with :meth:`BrowseService.rows`. The search box takes what
office staff type: a name (张伟), pinyin initials (zw) or full pinyin (zhangwei), the tail of a
phone or ID number (4+ digits), an address ("3-2-501" = building 3, entrance 2, room 501...)
or a household code. Prefix matches are written as ranges (``col >= q AND col < q + U+FFFF``)
so SQLite and PostgreSQL both use the column indexes whatever their LIKE collation is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from gridkeeper.domain.enums import CategoryKind, NeedStatus, ResidentStatus, VisitOutcome
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.grid_names import grid_labels
from gridkeeper.services.levels import communities
from gridkeeper.services.seen import seen_household_grid
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Need,
    Resident,
    Visit,
    Worker,
)
from gridkeeper.storage.models.register import tail_key

_ADDRESS = re.compile(r"^\s*([0-9A-Za-z]+)\s*[-－—#号栋楼]\s*(\d+)(?:\s*[-－—]\s*(\d*))?\s*$")


@dataclass(frozen=True)
class BuildingNode:
    id: int
    label: str  # "阳光小区 3号楼" style: estate and number


@dataclass(frozen=True)
class GridNode:
    id: int
    name: str
    buildings: tuple[BuildingNode, ...]
    community_id: int = 0
    community: str = ""


@dataclass(frozen=True)
class CommunityNode:
    """A community (社区) of the street office with its grids, in order."""

    id: int
    name: str
    grids: tuple[GridNode, ...]


@dataclass(frozen=True)
class BuildingInfo:
    """A building as its chart heads it: where it is, its size, and whether it has a lift."""

    id: int
    estate: str
    number: str
    grid: str
    floors: int | None
    units: int | None
    rooms_per_floor: int | None
    has_lift: bool | None


@dataclass(frozen=True)
class CategoryChip:
    code: str
    name_zh: str
    name_en: str
    colour: str


@dataclass(frozen=True)
class RegisterFilter:
    """What the register page asks for; empty fields do not filter."""

    text: str = ""
    grid_id: int | None = None
    building_id: int | None = None
    community_id: int | None = None
    category: str | None = None  # any category or tag held today, derived ones included
    status: str | None = None  # HouseholdStatus
    only_ids: frozenset[int] | None = None  # e.g. the overdue set from the policy engine
    sort: str = "address"  # one of SORT_KEYS
    descending: bool = False


SORT_KEYS = ("code", "grid", "address", "head", "residents", "last_visit", "status")


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register table (plain data; the GUI never sees ORM objects)."""

    id: int
    code: str
    grid: str
    estate: str
    building: str
    unit: int
    floor: int
    room: str
    head: str
    residents: int
    # every category and tag held today but the universal one, derived ones included, in the
    # office's order
    categories: tuple[str, ...]
    last_visit: date | None
    status: str
    worker: str | None

    @property
    def address(self) -> str:
        return f"{self.estate} {self.building}-{self.unit}-{self.room}"


@dataclass(frozen=True)
class VisitLine:
    visit_date: date
    method: str
    outcome: str
    notes: str
    visitors: str


@dataclass(frozen=True)
class NeedLine:
    number: str
    received: date
    status: str
    description: str


@dataclass
class Timing:
    """Filled by :meth:`BrowseService.search_ids` for benchmarks (seconds)."""

    seconds: float = 0.0
    plan: list[str] = field(default_factory=list)


def _prefix(column: Any, text: str) -> ColumnElement[bool]:
    return and_(column >= text, column < text + "\uffff")


def _people_by_tail(digits: str) -> Any:
    key = digits[-4:]
    return select(Resident.household_id).where(
        or_(
            and_(tail_key(Resident.phone) == key, Resident.phone.like(f"%{digits}")),
            and_(tail_key(Resident.id_number) == key, Resident.id_number.like(f"%{digits}")),
        )
    )


def _fetch_ids(session: Any, query: Any) -> list[int]:
    """Run an ids-only query. On SQLite the DB-API cursor is used directly: for 100,000 ids
    SQLAlchemy's row processing costs more than the query itself (about 200 ms against 60)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and connection.dialect.paramstyle == "qmark":
        compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
        cursor = connection.connection.driver_connection.cursor()
        try:
            return [row[0] for row in cursor.execute(str(compiled), params)]
        finally:
            cursor.close()
    return list(session.scalars(query))


class BrowseService:
    """``gk.browse``: read-only queries behind the register page."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def tree(self) -> list[GridNode]:
        """Grids the actor sees, each with its buildings, in the street's order: communities
        in order, their grids within (the scope tree; :meth:`communities` groups them)."""
        return [grid for community in self.communities() for grid in community.grids]

    def communities(self) -> list[CommunityNode]:
        """The communities with the grids the actor sees, each grid with its buildings."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            order = communities(session, self.actor.grid_ids)
            buildings = list(session.execute(
                select(Building.id, Building.grid_id, Estate.name, Building.number).join(
                    Estate, Estate.id == Building.estate_id
                )
            ).all())
        by_grid: dict[int, list[BuildingNode]] = {}
        buildings.sort(key=lambda b: (natural_key(b[2]), natural_key(b[3])))
        for bid, gid, estate, number in buildings:
            by_grid.setdefault(gid, []).append(BuildingNode(bid, f"{estate} {number}"))
        return [
            CommunityNode(c.id, c.name, tuple(
                GridNode(g.id, g.name, tuple(by_grid.get(g.id, ())), c.id, c.name) for g in c.grids))
            for c in order
        ]

    def building(self, building_id: int) -> BuildingInfo:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            found = session.execute(
                select(Building.id, Estate.name, Building.number, Grid.name, Building.floors,
                       Building.units, Building.rooms_per_floor, Building.has_lift, Grid.id)
                .join(Estate, Estate.id == Building.estate_id)
                .join(Grid, Grid.id == Building.grid_id).where(Building.id == building_id)).first()
        if found is None or not self.actor.sees(found[8], f"building {building_id}"):
            raise NotFound(what="楼栋", what_en="building", key=building_id)
        return BuildingInfo(*found[:8])

    def categories(self) -> list[CategoryChip]:
        with self.db.reading() as session:
            return [
                CategoryChip(c, zh, en, colour)
                for c, zh, en, colour in session.execute(
                    select(Category.code, Category.name_zh, Category.name_en, Category.colour)
                    .where(Category.active.is_(True))
                    .order_by(Category.sort_order, Category.id)
                )
            ]

    def household_count(self) -> int:
        with self.db.reading() as session:
            query = (
                select(func.count())
                .select_from(Household)
                .join(Building, Building.id == Household.building_id)
            )
            if self.actor.grid_ids is not None:
                query = query.where(Building.grid_id.in_(self.actor.grid_ids))
            return int(session.scalar(query) or 0)

    def search_ids(self, wanted: RegisterFilter, today: date | None = None) -> list[int]:
        """Ids of the households matching ``wanted``, in its sort order."""
        self.actor.require(Permission.VIEW_REGISTER)
        today = today or date.today()
        query = select(Household.id)
        if self.actor.grid_ids is not None or wanted.grid_id is not None or wanted.sort == "grid":
            # the join costs a lookup per household: only when a grid is asked about
            query = query.join(Building, Building.id == Household.building_id)
        if self.actor.grid_ids is not None:
            query = query.where(Building.grid_id.in_(self.actor.grid_ids))
        if wanted.grid_id is not None:
            query = query.where(Building.grid_id == wanted.grid_id)
        if wanted.building_id is not None:
            query = query.where(Household.building_id == wanted.building_id)
        if wanted.community_id is not None:
            query = query.where(Household.community_id == wanted.community_id)
        if wanted.status:
            query = query.where(Household.status == wanted.status)
        derived: set[int] | None = None
        text = wanted.text.strip()
        if text:
            query = query.where(self._text_condition(text))
        query = self._sorted(query, wanted.sort, wanted.descending)
        with self.db.reading() as session:
            if wanted.category:
                kind = session.scalar(select(Category.kind).where(Category.code == wanted.category))
                if kind == CategoryKind.MANUAL:
                    query = query.where(Household.id.in_(
                        select(Resident.household_id)
                        .join(CategoryAssignment, CategoryAssignment.resident_id == Resident.id)
                        .join(Category, Category.id == CategoryAssignment.category_id)
                        .where(
                            Category.code == wanted.category,
                            Resident.status == ResidentStatus.ACTIVE,
                            CategoryAssignment.valid_from <= today,
                            or_(CategoryAssignment.valid_to.is_(None),
                                CategoryAssignment.valid_to >= today),
                        )))
                else:
                    # 高龄, 空巢, 独居, 悬空老人: from ages and homes, by the engine's own tests
                    from gridkeeper.services.held import holding

                    derived = holding(session, [wanted.category], today, self.actor.grid_ids)
            ids = _fetch_ids(session, query)
        if derived is not None:
            ids = [i for i in ids if i in derived]
        if wanted.only_ids is not None:
            ids = [i for i in ids if i in wanted.only_ids]
        return ids

    def _text_condition(self, text: str) -> ColumnElement[bool]:
        address = _ADDRESS.match(text)
        if address:
            number, unit, room = address.groups()
            building_ids = select(Building.id).where(
                or_(
                    Building.number == number,
                    Building.number == number + "号",
                    Building.number == number + "号楼",
                )
            )
            parts: list[ColumnElement[bool]] = [
                Household.building_id.in_(building_ids),
                Household.unit == int(unit),
            ]
            if room:
                parts.append(_prefix(Household.room, room))
            return and_(*parts)
        lowered = text.lower().replace(" ", "")
        if text.isdigit():
            if len(text) >= 4:
                # tails of phones and ID numbers: the few residents matching are found by a
                # scan of two short columns; a household code can be digits too
                return or_(
                    Household.id.in_(_people_by_tail(text)),
                    and_(tail_key(Household.phone) == text[-4:], Household.phone.like(f"%{text}")),
                    _prefix(Household.code, text),
                )
            return or_(_prefix(Household.code, text), _prefix(Household.room, text))
        if lowered.isascii() and lowered.isalpha():
            people = select(Resident.household_id).where(
                or_(_prefix(Resident.name_initials, lowered), _prefix(Resident.name_pinyin, lowered))
            )
            return or_(Household.id.in_(people), _prefix(Household.code, text))
        if text[-1:] in "xX" and text[:-1].isdigit() and len(text) >= 4:
            return Household.id.in_(_people_by_tail(text.upper()))
        people = select(Resident.household_id).where(_prefix(Resident.name, text))
        if text.isascii():
            return or_(Household.id.in_(people), _prefix(Household.code, text))
        return Household.id.in_(people)  # codes are never Chinese: one indexed lookup

    def _sorted(self, query: Any, key: str, descending: bool) -> Any:
        def order(*columns: Any) -> Any:
            return query.order_by(*[c.desc() if descending else c.asc() for c in columns], Household.id)

        if key == "code":
            return order(Household.code)
        if key == "grid":
            return order(
                Building.grid_id, Household.building_id, Household.unit, Household.floor, Household.room
            )
        if key == "status":
            return order(Household.status)
        if key == "head":
            head = (
                select(Resident.name_pinyin)
                .where(Resident.household_id == Household.id, Resident.is_head.is_(True))
                .scalar_subquery()
            )
            return order(head)
        if key == "residents":
            count = (
                select(func.count())
                .where(Resident.household_id == Household.id, Resident.status == ResidentStatus.ACTIVE)
                .scalar_subquery()
            )
            return order(count)
        if key == "last_visit":
            last = (
                select(func.max(Visit.visit_date)).where(Visit.household_id == Household.id).scalar_subquery()
            )
            return order(last)
        return order(Household.building_id, Household.unit, Household.floor, Household.room)

    def rows(self, ids: Sequence[int], today: date | None = None) -> dict[int, RegisterRow]:
        """The register lines of ``ids`` (the rows a view is about to show)."""
        self.actor.require(Permission.VIEW_REGISTER)
        today = today or date.today()
        found: dict[int, RegisterRow] = {}
        with self.db.reading() as session:
            from gridkeeper.services.held import held_codes
            from gridkeeper.services.roster import load_catalogue

            catalogue = load_catalogue(session)
            for part in map(list, chunked(ids)):
                heads = dict(
                    session.execute(
                        select(Resident.household_id, Resident.name).where(
                            Resident.household_id.in_(part), Resident.is_head.is_(True)
                        )
                    ).all()
                )
                counts = dict(
                    session.execute(
                        select(Resident.household_id, func.count())
                        .where(Resident.household_id.in_(part), Resident.status == ResidentStatus.ACTIVE)
                        .group_by(Resident.household_id)
                    ).all()
                )
                last = dict(
                    session.execute(
                        select(Visit.household_id, func.max(Visit.visit_date))
                        .where(Visit.household_id.in_(part), Visit.outcome == VisitOutcome.MET)
                        .group_by(Visit.household_id)
                    ).all()
                )
                # derived ones (高龄, 空巢, 悬空老人 ...) and tags too, by the engine's own tests
                held = held_codes(session, part, today, catalogue)
                grids = grid_labels(session, self.actor.grid_ids)  # two communities may each have a 第1网格
                for row in session.execute(
                    select(
                        Household.id,
                        Household.code,
                        Grid.name,
                        Estate.name,
                        Building.number,
                        Household.unit,
                        Household.floor,
                        Household.room,
                        Household.status,
                        Worker.name,
                        Building.grid_id,
                    )
                    .join(Building, Building.id == Household.building_id)
                    .join(Grid, Grid.id == Building.grid_id)
                    .join(Estate, Estate.id == Building.estate_id)
                    .outerjoin(Worker, Worker.id == Household.worker_id)
                    .where(Household.id.in_(part))
                ):
                    hid, code, grid, estate, number, unit, floor, room, status, worker, gid = row
                    if not self.actor.sees_grid(gid):
                        continue
                    found[hid] = RegisterRow(
                        id=hid,
                        code=code,
                        grid=grids.get(gid, grid),
                        estate=estate,
                        building=number,
                        unit=unit,
                        floor=floor,
                        room=room,
                        head=heads.get(hid, ""),
                        residents=counts.get(hid, 0),
                        categories=held.get(hid, ()),
                        last_visit=last.get(hid),
                        status=status,
                        worker=worker,
                    )
        return found

    def visits(self, household_id: int, limit: int = 50) -> list[VisitLine]:
        """The household's visit history, newest first."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            seen_household_grid(session, self.actor, household_id)
            visits = session.scalars(
                select(Visit)
                .where(Visit.household_id == household_id)
                .order_by(Visit.visit_date.desc(), Visit.id.desc())
                .limit(limit)
            ).all()
            return [
                VisitLine(
                    v.visit_date,
                    v.method,
                    v.outcome,
                    v.notes or "",
                    "、".join(p.name for p in v.participants if p.name),
                )
                for v in visits
            ]

    def open_needs(self, household_id: int) -> list[NeedLine]:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            seen_household_grid(session, self.actor, household_id)
            return [
                NeedLine(n, r.date(), s, d)
                for n, r, s, d in session.execute(
                    select(Need.number, Need.received_at, Need.status, Need.description)
                    .where(
                        Need.household_id == household_id,
                        Need.status.in_((NeedStatus.OPEN, NeedStatus.IN_PROGRESS)),
                    )
                    .order_by(Need.received_at)
                )
            ]

    def workers(self) -> list[str]:
        query = select(Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)
        if self.actor.community_id is not None:
            query = query.where(Worker.community_id == self.actor.community_id)
        with self.db.reading() as session:
            return list(session.scalars(query))

    def worker_places(self) -> list[tuple[str, str]]:
        """Active workers as (name, community), communities in the street's order, names
        within: two communities may each have a worker of one name."""
        with self.db.reading() as session:
            rank = {c.id: c.rank for c in communities(session)}
            rows = [r for r in session.execute(
                select(Worker.name, Worker.community_id, Community.name)
                .join(Community, Community.id == Worker.community_id)
                .where(Worker.active.is_(True))).all() if self.actor.sees_community(r[1])]
        rows.sort(key=lambda r: (rank.get(r[1], len(rank)), natural_key(r[0])))
        return [(name, community) for name, _cid, community in rows]


