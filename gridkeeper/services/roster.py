"""The weekly roster (走访名单) and rule explanations, over facts fetched set-wise.

:class:`FactsLoader` fetches, for every household in scope, what the pure engine in
:mod:`gridkeeper.domain.policy` needs, in a handful of queries (households, the
compositions of households with an elderly resident, manual categories, counting visits of
a window, the last counting visit before it). Nothing here loops over ORM objects or runs
a query per household. The completion figures (:mod:`gridkeeper.services.completion`) use
the same loader and the same engine.

Cost: one grid of a 100,000-household demo takes ~0.04 s. All grids at once is bound by
Python work per household (~7-10 s for 100,000 on a loaded 2-core test box); getting that
under a second needs a stored per-household standing kept up to date on writes, with this
engine computing it (see the hand-over notes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import HouseholdStatus, ResidentStatus, VisitOutcome
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.i18n import T
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span, parse_week, span_of
from gridkeeper.domain.policy import (
    STRANDED,
    WALK_UP_FLOOR,
    Assessment,
    Assignment,
    Catalogue,
    Composition,
    ExtraReason,
    HouseholdFacts,
    RosterReason,
    assess,
    category,
    explain,
    plan_membership,
    plan_weeks,
    roster_day,
    roster_decision,
    settled,
)
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.follow_ups import roster_follow_ups
from gridkeeper.services.hot_spots import roster_hot_spots
from gridkeeper.services.standing import StandingKey, claim, fresh_grids, grids_in_scope, publish
from gridkeeper.storage.chunks import IN_LIST_SIZE, chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Estate,
    Grid,
    Household,
    Resident,
    RosterEntry,
    Visit,
    Worker,
)

ROSTER_COLUMNS = ("week_start", "household_id", "grid_id", "walk_rank", "reason", "due_date",
                  "governing", "rule", "categories", "last_visit", "last_attempt", "head", "residents")
FAILED_OUTCOMES = (VisitOutcome.ABSENT.value, VisitOutcome.REFUSED.value, VisitOutcome.AWAY.value)


def load_catalogue(session: Session) -> Catalogue:
    """The active categories with their rules, in the office's order; tags set apart."""
    rows = session.execute(
        select(Category.code, Category.visits, Category.period, Category.methods, Category.kind,
               Category.name_zh, Category.name_en, Category.threshold_age, Category.sort_order)
        .where(Category.active.is_(True)).order_by(Category.sort_order, Category.id)
    ).all()
    return Catalogue.of(
        category(r.code, r.visits, r.period, r.methods, r.kind, T(r.name_zh, r.name_en),
                 r.threshold_age, r.sort_order)
        for r in rows
    )


@dataclass(frozen=True)
class HouseholdPlace:
    """Where a household is and its walking-order key (grid, building, unit, floor, room)."""

    id: int
    grid_id: int
    walk: tuple[Any, ...]


class FactsLoader:
    """Fetch the engine's facts for all households in scope, set-wise, in one session."""

    def __init__(self, session: Session, catalogue: Catalogue, grid_ids: frozenset[int] | None) -> None:
        self.session = session
        # Core execution: plain tuples, none of the ORM's per-row bookkeeping
        self.conn = session.connection()
        self.catalogue = catalogue
        self.grid_ids = grid_ids
        self._scope_ids: list[int] | None = None

    def _in_scope(self, column: Any) -> Any:
        """A condition keeping ``column`` (a household id) to the grids in scope."""
        if self.grid_ids is None:
            return True
        scope = (select(Household.id).join(Building, Building.id == Household.building_id)
                 .where(Building.grid_id.in_(self.grid_ids)))
        if self._scope_ids is None:
            self._scope_ids = list(self.conn.execute(scope).scalars())
        # a few grids: a literal id list lets SQLite seek by household; many: the subquery
        return column.in_(self._scope_ids) if len(self._scope_ids) <= IN_LIST_SIZE else column.in_(scope)

    def places(self, since: date, until: date) -> tuple[list[Any], dict[int, HouseholdPlace]]:
        """Households that may be due between ``since`` and ``until``, in walking order.

        Moved-out and deceased households are kept when they left after ``since`` (their
        past obligations and the period's plan still count them).
        """
        grids = {g.id: (g.sort_order, natural_key(g.name)) for g in self.conn.execute(
            select(Grid.id, Grid.sort_order, Grid.name)).all()}
        found = list(self.conn.execute(
            select(Building.id, Building.grid_id, Estate.name, Building.number)
            .join(Estate, Estate.id == Building.estate_id)).all())
        # buildings in walking order once; households then sort by small integer keys
        found.sort(key=lambda b: (grids[b[1]], b[1], natural_key(b[2]), natural_key(b[3]), b[0]))
        buildings = {b[0]: (b[1], rank) for rank, b in enumerate(found)}
        query = (
            select(Household.id, Household.building_id, Household.unit, Household.floor,
                   Household.room, Household.registered_on, Household.status,
                   Household.status_since, Household.status_until)
            .where(Household.registered_on <= until,
                   or_(Household.status.in_((HouseholdStatus.ACTIVE, HouseholdStatus.SUSPENDED)),
                       Household.status_since > since)))
        if self.grid_ids is not None:
            query = query.where(Household.building_id.in_(
                [b for b, v in buildings.items() if v[0] in self.grid_ids]))
        rows: list[Any] = list(self.conn.execute(query).all())
        places = {}
        for r in rows:
            hid, building_id, unit, floor, room = r[0], r[1], r[2], r[3], r[4]
            grid_id, rank = buildings[building_id]
            # len(room) first: "201" before "1201"
            places[hid] = HouseholdPlace(hid, grid_id, (rank, unit, floor, len(room), room, hid))
        rows.sort(key=lambda r: places[r[0]].walk)
        return rows, places

    def compositions(self, oldest_by: date) -> dict[int, Composition]:
        """Compositions of households with an active resident born on or before ``oldest_by``
        (everyone else has no derived category: all derived ones need someone that old)."""
        query = (select(Resident.household_id, func.count(), func.min(Resident.birth_date),
                        func.max(Resident.birth_date), func.count(Resident.birth_date))
                 .where(Resident.status == ResidentStatus.ACTIVE)
                 .group_by(Resident.household_id))
        if self.grid_ids is None:
            # everybody: start from the elderly (birth date index), a fraction of all residents
            elderly = (select(Resident.household_id)
                       .where(Resident.status == ResidentStatus.ACTIVE, Resident.birth_date <= oldest_by))
            query = query.where(Resident.household_id.in_(elderly))
        else:
            # a few grids: start from their households
            query = query.where(self._in_scope(Resident.household_id)).having(
                func.min(Resident.birth_date) <= oldest_by)
        rows = self.conn.execute(query).all()
        stairs = walk_ups(self.conn, [r[0] for r in rows]) if self.catalogue.knows(STRANDED) else set()
        return {hid: Composition(n, oldest, youngest, known == n, hid in stairs)
                for hid, n, oldest, youngest, known in rows}

    def assignments(self) -> dict[int, tuple[Assignment, ...]]:
        """Manual categories of active residents, by household."""
        rows = self.conn.execute(
            select(Resident.household_id, Category.code, CategoryAssignment.valid_from,
                   CategoryAssignment.valid_to)
            .join(Resident, Resident.id == CategoryAssignment.resident_id)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(Resident.status == ResidentStatus.ACTIVE, Category.active.is_(True),
                   self._in_scope(Resident.household_id))).all()
        found: dict[int, list[Assignment]] = defaultdict(list)
        for hid, code, valid_from, valid_to in rows:
            found[hid].append(Assignment(code, valid_from, valid_to))
        return {hid: tuple(a) for hid, a in found.items()}

    def visits(self, since: date, until: date) -> dict[int, list[tuple[date, str]]]:
        """Met visits with a counting method from ``since`` to ``until``, ascending."""
        rows = self.conn.execute(
            select(Visit.household_id, Visit.visit_date, Visit.method)
            .where(Visit.outcome == VisitOutcome.MET, Visit.visit_date >= since,
                   Visit.visit_date <= until, Visit.method.in_(self.catalogue.counting_methods),
                   self._in_scope(Visit.household_id))).all()
        found: dict[int, list[tuple[date, str]]] = defaultdict(list)
        for hid, day, method in rows:
            found[hid].append((day, method))
        for days in found.values():
            days.sort()
        return found

    def recent_visits(self, as_of: date) -> dict[int, tuple[list[tuple[date, str]], bool]]:
        """Per household, its last counting visit days up to ``as_of`` (at least as many days
        as any rule's k, newest last) and whether that is its whole history.

        One correlated lookup per household on the partial index ``ix_visit_met`` instead of
        moving every visit of the year to Python.
        """
        methods = sorted(self.catalogue.counting_methods)
        limit = self.catalogue.max_visits * max(1, len(methods))
        # ordered like the index (no sort per household); concatenated outside the LIMIT
        inner = (select(Visit.visit_date.label("day"), Visit.method.label("method")).distinct()
                 .where(Visit.household_id == Household.id, Visit.outcome == VisitOutcome.MET,
                        Visit.method.in_(methods), Visit.visit_date <= as_of)
                 .order_by(Visit.visit_date.desc(), Visit.method.desc())
                 .limit(limit).correlate(Household).subquery())
        pair = type_coerce(inner.c.day, String) + ":" + inner.c.method
        if self.conn.dialect.name == "sqlite":
            joined = func.group_concat(pair, ",")
        else:
            joined = func.string_agg(pair, ",")
        query = select(Household.id, select(joined).scalar_subquery())
        if self.grid_ids is not None:
            query = query.join(Building, Building.id == Household.building_id).where(
                Building.grid_id.in_(self.grid_ids))
        found: dict[int, tuple[list[tuple[date, str]], bool]] = {}
        for hid, text in self.conn.execute(query).all():
            if not text:
                continue
            pairs = sorted((date.fromisoformat(p[:10]), p[11:]) for p in text.split(","))
            found[hid] = (pairs, len(pairs) < limit)
        return found

    def roster_facts(self, since: date, until: date, as_of: date
                     ) -> tuple[list[HouseholdFacts], dict[int, HouseholdPlace]]:
        """Facts for the roster: recent counting visits only (enough to decide due / overdue)."""
        rows, places = self.places(since, until)
        thresholds = [c.threshold_age or 60 for c in self.catalogue.derived]
        comps = self.compositions(years_before(until, min(thresholds))) if thresholds else {}
        assignments = self.assignments()
        recent = self.recent_visits(as_of)
        single = Composition(1, None, None, False)
        none: tuple[list[tuple[date, str]], bool] = ([], True)
        found = []
        for hid, _b, _u, _f, _r, registered_on, status, status_since, status_until in rows:
            days, whole = recent.get(hid, none)
            found.append(HouseholdFacts(
                hid, registered_on, comps.get(hid, single), assignments.get(hid, ()), status,
                status_since, status_until, tuple(days), None if whole else days[0][0]))
        return found, places

    def window_facts(self, since: date, until: date, as_of: date
                     ) -> tuple[list[HouseholdFacts], dict[int, HouseholdPlace]]:
        """Facts with every counting visit from ``since`` to ``min(until, as_of)``; the caller
        chooses ``since`` so that it covers every rule period it asks about (completion)."""
        rows, places = self.places(since, until)
        thresholds = [c.threshold_age or 60 for c in self.catalogue.derived]
        comps = self.compositions(years_before(until, min(thresholds))) if thresholds else {}
        assignments = self.assignments()
        visits = self.visits(since, min(until, as_of))
        single = Composition(1, None, None, False)
        found = [
            HouseholdFacts(hid, registered_on, comps.get(hid, single), assignments.get(hid, ()),
                           status, status_since, status_until, tuple(visits.get(hid, ())))
            for hid, _b, _u, _f, _r, registered_on, status, status_since, status_until in rows]
        return found, places


def walk_ups(conn: Any, household_ids: Sequence[int]) -> set[int]:
    """Those of ``household_ids`` whose home is up stairs without a lift (:func:`walk_up`)."""
    found: set[int] = set()
    for part in chunked(list(household_ids)):
        found.update(conn.execute(
            select(Household.id).join(Building, Building.id == Household.building_id)
            .where(Household.id.in_(part), Building.has_lift.is_(False),
                   Household.floor >= WALK_UP_FLOOR)).scalars())
    return found


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def scope_grids(session: Session, actor: Actor, grid: str | None,
                grid_id: int | None = None) -> frozenset[int] | None:
    """The grid ids to work on: the actor's grids, narrowed to ``grid`` (a name) or to
    ``grid_id`` if given."""
    if grid_id is not None:
        if not actor.sees_grid(grid_id) or session.get(Grid, grid_id) is None:
            raise NotFound(what="网格", what_en="grid", key=grid or grid_id)
        return frozenset({grid_id})
    if grid is None:
        return actor.grid_ids
    found = session.scalars(select(Grid.id).where(Grid.name == grid)).first()
    if found is None or not actor.sees_grid(found):
        raise NotFound(what="网格", what_en="grid", key=grid)
    return frozenset({found})


def history_window(catalogue: Catalogue, day: date) -> date:
    """Where the roster starts loading visits: the Monday on or before the start of the
    longest rule period containing ``day`` (every current period starts within it)."""
    longest = max((c.rule.period for c in catalogue.categories),
                  key=lambda p: span_of(p, day).days, default=None)
    start = span_of(longest, day).start if longest else day
    return start - timedelta(days=start.weekday())


@dataclass(slots=True)  # not frozen: a street's roster has 40,000 lines; frozen __init__ is slow
class RosterRow:
    """One line of a week's roster (plain data for CSV, PDF and the GUI)."""

    household_id: int
    household_code: str
    grid: str
    estate: str
    building: str
    unit: int
    floor: int
    room: str
    head: str
    categories: tuple[str, ...]  # codes, derived ones included, catalogue order
    governing: str  # the governing category's code
    rule: str  # "2/month", "1/quarter", ...
    reason: RosterReason
    due_date: date | None  # overdue: the first missed due date; else the next due date
    last_visit: date | None  # last counting visit
    last_attempt: date | None  # last visit that did not meet anyone
    worker: str | None
    residents: int
    phone: str | None  # raw; masking is the printer's job
    note: T | None = None  # from an extra reason: what the visitor should know
    grid_id: int | None = None  # grid names repeat across communities; ids do not


@dataclass(frozen=True)
class Roster:
    week: Span
    as_of: date
    grid: str | None
    rows: tuple[RosterRow, ...]


@dataclass(frozen=True)
class CategoryLine:
    code: str
    name: T
    rule: str
    why: T
    governs: bool


@dataclass(frozen=True)
class RuleExplanation:
    """Why a household follows the rule it follows, on one day (for the household detail)."""

    household_id: int
    day: date
    status: str
    categories: tuple[CategoryLine, ...]
    governing: str | None
    rule: str | None
    next_due: date | None
    overdue_since: date | None
    last_visit: date | None


@dataclass(frozen=True)
class _Details:
    code: str
    grid: str
    estate: str
    building: str
    unit: int
    floor: int
    room: str
    head: str
    worker: str | None
    residents: int
    phone: str | None
    last_attempt: date | None
    grid_id: int = 0


def household_details(session: Session, ids: Sequence[int], as_of: date,
                      grid_ids: frozenset[int] | None = None) -> dict[int, _Details]:
    """What a roster line shows besides the decision, for the chosen households only.

    Long selections (a whole street's roster) are read for the whole scope instead of
    through thousands of bound ids.
    """
    found: dict[int, _Details] = {}
    conn = session.connection()
    wanted = set(ids)
    if len(ids) > IN_LIST_SIZE:
        scope: Any = (select(Household.id).join(Building, Building.id == Household.building_id)
                      .where(Building.grid_id.in_(grid_ids)) if grid_ids is not None else None)
        parts: list[Any] = [scope]
    else:
        parts = [list(p) for p in chunked(list(ids))]
    for part in parts:
        def keep(column: Any, part: Any = part) -> Any:
            return True if part is None else column.in_(part)

        heads = dict(conn.execute(
            select(Resident.household_id, Resident.name)
            .where(keep(Resident.household_id), Resident.is_head.is_(True))).all())
        counts = dict(conn.execute(
            select(Resident.household_id, func.count())
            .where(keep(Resident.household_id), Resident.status == ResidentStatus.ACTIVE)
            .group_by(Resident.household_id)).all())
        attempts = dict(conn.execute(
            select(Visit.household_id, func.max(Visit.visit_date))
            .where(keep(Visit.household_id), Visit.outcome != VisitOutcome.MET,
                   Visit.visit_date <= as_of)
            .group_by(Visit.household_id)).all())
        rows = conn.execute(
            select(Household.id, Household.code, Grid.name, Estate.name, Building.number,
                   Household.unit, Household.floor, Household.room, Worker.name, Household.phone,
                   Grid.id)
            .join(Building, Building.id == Household.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .join(Estate, Estate.id == Building.estate_id)
            .outerjoin(Worker, Worker.id == Household.worker_id)
            .where(keep(Household.id))).all()
        for hid, code, grid, estate, number, unit, floor, room, worker, phone, grid_id in rows:
            if hid in wanted:
                found[hid] = _Details(code, grid, estate, number, unit, floor, room,
                                      heads.get(hid, ""), worker, counts.get(hid, 0), phone,
                                      attempts.get(hid), grid_id)
    return found


def read_roster(session: Session, week: Span, grid_ids: frozenset[int] | None) -> list[RosterRow]:
    """The stored roster entries of ``week`` for the grids in scope, in walking order, with
    the names of grid, estate, building and worker as they are now (looked up from their
    small tables rather than joined into every line)."""
    conn = session.connection()
    query = (
        select(RosterEntry.household_id, Household.code, Household.building_id, Household.unit,
               Household.floor, Household.room, RosterEntry.head, RosterEntry.categories,
               RosterEntry.governing, RosterEntry.rule, RosterEntry.reason, RosterEntry.due_date,
               RosterEntry.last_visit, RosterEntry.last_attempt, Household.worker_id,
               RosterEntry.residents, Household.phone, RosterEntry.grid_id, RosterEntry.walk_rank)
        .join(Household, Household.id == RosterEntry.household_id)
        .where(RosterEntry.week_start == week.start))
    if grid_ids is not None:
        query = query.where(RosterEntry.grid_id.in_(sorted(grid_ids)))
    found = conn.execute(query).all()
    grids = {gid: (name, (order, natural_key(name), gid))
             for gid, name, order in conn.execute(select(Grid.id, Grid.name, Grid.sort_order)).all()}
    in_scope = (Building.grid_id.in_(sorted(grid_ids))
                if grid_ids is not None and len(grid_ids) <= IN_LIST_SIZE // 10 else True)
    buildings = {bid: (grid, estate, number) for bid, grid, estate, number in conn.execute(
        select(Building.id, Building.grid_id, Estate.name, Building.number)
        .join(Estate, Estate.id == Building.estate_id).where(in_scope)).all()}
    workers = dict(conn.execute(select(Worker.id, Worker.name)).all())
    found.sort(key=lambda r: (grids[r[17]][1], r[18]))
    reasons = {reason.value: reason for reason in RosterReason}
    rows = []
    for (hid, code, building_id, unit, floor, room, head, categories, governing, rule, reason,
         due_date, last_visit, last_attempt, worker_id, residents, phone, _g, _w) in found:
        grid_id, estate, number = buildings[building_id]
        rows.append(RosterRow(
            household_id=hid, household_code=code, grid=grids[grid_id][0], estate=estate,
            building=number, unit=unit, floor=floor, room=room, head=head,
            categories=tuple(categories.split(";")) if categories else (), governing=governing,
            rule=rule, reason=reasons[reason], due_date=due_date, last_visit=last_visit,
            last_attempt=last_attempt, worker=workers.get(worker_id) if worker_id else None,
            residents=residents, phone=phone, grid_id=grid_id))
    return rows


class RosterService:
    """``gk.roster``: the weekly roster and the per-household explanation of its rule."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def roster(self, week: Span | str, grid: str | None = None, as_of: date | None = None,
               grid_id: int | None = None) -> Roster:
        """Who to visit in ISO ``week`` (one grid by name or id, or all the actor sees),
        judged with the visits recorded up to ``as_of`` (default today).

        Grids whose stored roster for the week still holds are read back; the others are
        computed (set-wise, all of them at once) and stored for the next reader.
        """
        week = parse_week(week) if isinstance(week, str) else week
        as_of = as_of or date.today()
        grid_ids = self.prepare(week, grid, as_of, grid_id)
        with self.db.reading() as session:
            rows = read_roster(session, week, grid_ids)
            rows = merge_extra_reasons(session, week, grid_ids, as_of, rows)
        return Roster(week, as_of, grid, tuple(rows))

    def prepare(self, week: Span, grid: str | None = None, as_of: date | None = None,
                grid_id: int | None = None) -> frozenset[int] | None:
        """Make sure the stored roster of ``week`` holds for the grids in scope, computing the
        stale ones; returns the scope (None: every grid). The app calls this in the background
        after login, so this week's page opens from stored rows even after a night of changes.
        """
        self.actor.require(Permission.VIEW_REGISTER)
        as_of = as_of or date.today()
        key = StandingKey("roster", week.start, week.end)
        with self.db.reading() as session:
            conn = session.connection()
            grid_ids = scope_grids(session, self.actor, grid, grid_id)
            scope = grids_in_scope(conn, grid_ids)
            stale = scope - fresh_grids(conn, key, scope, as_of,
                                        lambda day: roster_day(week, day))
        if stale:
            self._compute(key, week, as_of, stale, every=grid_ids is None and stale == scope)
        return grid_ids

    def _compute(self, key: StandingKey, week: Span, as_of: date, grids: set[int], every: bool) -> None:
        """Run the engine for ``grids`` and store their roster entries."""
        token = claim(self.db, key, grids, as_of)
        with self.db.reading() as session:
            catalogue = load_catalogue(session)
            scope = None if every else frozenset(grids)
            loader = FactsLoader(session, catalogue, scope)
            since = history_window(catalogue, week.start)
            facts, places = loader.roster_facts(since, week.end, as_of)
            walk = {f.id: rank for rank, f in enumerate(facts)}  # facts come in walking order
            chosen = decide_roster(facts, places, catalogue, week, as_of)
            ids = [a.household_id for a, _ in chosen]
            details = household_details(session, ids, as_of, scope)
        rows = []
        for a, decision in chosen:
            d = details[a.household_id]
            governing = a.governing
            assert governing is not None
            rows.append((
                week.start, a.household_id, places[a.household_id].grid_id, walk[a.household_id],
                decision.reason.value, decision.due_date, governing.code, governing.rule.label,
                ";".join(c.code for c in a.categories), a.last_visit, d.last_attempt, d.head or "",
                d.residents))
        publish(self.db, key, token, grids, RosterEntry, (RosterEntry.week_start == week.start,),
                ROSTER_COLUMNS, rows, ids)

    def standings(self, household_ids: Sequence[int], day: date | None = None
                  ) -> dict[int, tuple[str | None, str | None, date | None, date | None]]:
        """For each household the actor sees: (governing category, its rule, next due date,
        overdue since) on ``day``, set-wise (the register shows them for a screenful of rows)."""
        self.actor.require(Permission.VIEW_REGISTER)
        day = day or date.today()
        with self.db.reading() as session:
            query = select(Household.id).join(Building, Building.id == Household.building_id).where(
                Household.id.in_(list(household_ids)))
            if self.actor.grid_ids is not None:
                query = query.where(Building.grid_id.in_(self.actor.grid_ids))
            seen = list(session.scalars(query))
            catalogue = load_catalogue(session)
            facts = households_facts(session, seen, day)
        found = {}
        for hid, f in facts.items():
            a = assess(f, catalogue, day)
            found[hid] = (a.governing.code if a.governing else None,
                          a.governing.rule.label if a.governing else None, a.next_due, a.overdue_since)
        return found

    def explain(self, household_id: int, day: date | None = None) -> RuleExplanation:
        """Each category the household has on ``day`` with its rule and why; the governing one
        marked; its next due date and whether it is overdue."""
        self.actor.require(Permission.VIEW_REGISTER)
        day = day or date.today()
        with self.db.reading() as session:
            grid_id = session.scalar(
                select(Building.grid_id).join(Household, Household.building_id == Building.id)
                .where(Household.id == household_id))
            if grid_id is None or not self.actor.sees_grid(grid_id):
                raise NotFound(what="住户", what_en="household", key=household_id)
            catalogue = load_catalogue(session)
            facts = single_household_facts(session, catalogue, household_id, day)
        a = assess(facts, catalogue, day)
        lines = tuple(
            CategoryLine(w.category.code, w.category.label, w.category.rule.label, w.why, w.governs)
            for w in explain(facts, catalogue, day))
        return RuleExplanation(
            household_id=household_id, day=day, status=facts.status, categories=lines,
            governing=a.governing.code if a.governing else None,
            rule=a.governing.rule.label if a.governing else None,
            next_due=a.next_due, overdue_since=a.overdue_since, last_visit=a.last_visit)


def single_household_facts(session: Session, catalogue: Catalogue, household_id: int,
                           as_of: date) -> HouseholdFacts:
    """All facts of one household with its complete visit history (the detail view)."""
    return households_facts(session, [household_id], as_of)[household_id]


def households_facts(session: Session, household_ids: Sequence[int], as_of: date
                     ) -> dict[int, HouseholdFacts]:
    """All facts of the given households with their complete visit histories, in four
    queries whatever their number (the register's rule column asks for a screenful)."""
    ids = list(household_ids)
    households = session.execute(
        select(Household.id, Household.registered_on, Household.status, Household.status_since,
               Household.status_until).where(Household.id.in_(ids))).all()
    births: dict[int, list[date | None]] = defaultdict(list)
    for hid, born in session.execute(select(Resident.household_id, Resident.birth_date).where(
            Resident.household_id.in_(ids), Resident.status == ResidentStatus.ACTIVE)):
        births[hid].append(born)
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    for hid, code, valid_from, valid_to in session.execute(
            select(Resident.household_id, Category.code, CategoryAssignment.valid_from,
                   CategoryAssignment.valid_to)
            .join(Resident, Resident.id == CategoryAssignment.resident_id)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(Resident.household_id.in_(ids), Resident.status == ResidentStatus.ACTIVE,
                   Category.active.is_(True))):
        assignments[hid].append(Assignment(code, valid_from, valid_to))
    visits: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for hid, day, method in session.execute(
            select(Visit.household_id, Visit.visit_date, Visit.method)
            .where(Visit.household_id.in_(ids), Visit.outcome == VisitOutcome.MET,
                   Visit.visit_date <= as_of)):
        visits[hid].append((day, method))
    stairs = walk_ups(session.connection(), ids)
    return {
        hh.id: HouseholdFacts(
            id=hh.id, registered_on=hh.registered_on,
            composition=Composition.of(births[hh.id], hh.id in stairs),
            assignments=tuple(assignments[hh.id]), status=hh.status, status_since=hh.status_since,
            status_until=hh.status_until, visits=tuple(sorted(visits[hh.id])))
        for hh in households}


# Extra reasons to visit, each from its own query (signature of roster_hot_spots): the rules
# above decide overdue / due / planned, these add households the rules did not list and notes
# to those they did. A new kind of reason adds its RosterReason and its source here.
ExtraReasonSource = Callable[[Session, Span, frozenset[int] | None, date], list[ExtraReason]]
EXTRA_REASON_SOURCES: tuple[ExtraReasonSource, ...] = (roster_follow_ups, roster_hot_spots)


def merge_extra_reasons(session: Session, week: Span, grid_ids: frozenset[int] | None,
                        as_of: date, rows: list[RosterRow]) -> list[RosterRow]:
    """The rules' roster with the extra reasons merged in: a household already listed keeps
    its reason and gains the note; the others are inserted in walking order with the extra
    reason (the first in RosterReason order when several sources name one household)."""
    extras: dict[int, list[ExtraReason]] = defaultdict(list)
    for source in EXTRA_REASON_SOURCES:
        for extra in source(session, week, grid_ids, as_of):
            extras[extra.household_id].append(extra)
    if not extras:
        return rows
    order = list(RosterReason)
    for found in extras.values():
        found.sort(key=lambda e: order.index(e.reason))
    listed = {row.household_id for row in rows}
    for row in rows:
        if row.household_id in extras:
            row.note = _joined(row.note, *(e.note for e in extras[row.household_id]))
    added = [hid for hid in extras if hid not in listed]
    if not added:
        return rows
    catalogue = load_catalogue(session)
    facts = households_facts(session, added, as_of)
    details = household_details(session, added, as_of)
    new_rows = []
    for hid in added:
        d, found = details[hid], extras[hid]
        a = assess(facts[hid], catalogue, roster_day(week, as_of), as_of)
        new_rows.append(RosterRow(
            household_id=hid, household_code=d.code, grid=d.grid, estate=d.estate,
            building=d.building, unit=d.unit, floor=d.floor, room=d.room, head=d.head,
            categories=tuple(c.code for c in a.categories),
            governing=a.governing.code if a.governing else "",
            rule=a.governing.rule.label if a.governing else "", reason=found[0].reason,
            due_date=found[0].due_date, last_visit=a.last_visit, last_attempt=d.last_attempt,
            worker=d.worker, residents=d.residents, phone=d.phone,
            note=_joined(None, *(e.note for e in found)), grid_id=d.grid_id))
    return _in_walking_order(session, rows, new_rows)


def _joined(first: T | None, *more: T) -> T:
    parts = [p for p in (first, *more) if p is not None]
    return T("；".join(p.zh for p in parts), "; ".join(p.en for p in parts))


def _in_walking_order(session: Session, rows: list[RosterRow], added: list[RosterRow]
                      ) -> list[RosterRow]:
    """``rows`` as they are with ``added`` slotted in where the walk passes them (grid,
    estate, building, unit, floor, room), leaving the order of ``rows`` untouched."""
    grids = {name: (order, natural_key(name)) for name, order in
             session.execute(select(Grid.name, Grid.sort_order)).all()}

    def walk(r: RosterRow) -> tuple[Any, ...]:
        return (grids.get(r.grid, (0, ())), natural_key(r.estate), natural_key(r.building),
                r.unit, r.floor, len(r.room), r.room, r.household_id)

    added.sort(key=walk)
    merged: list[RosterRow] = []
    i = 0
    for row in rows:
        while i < len(added) and walk(added[i]) < walk(row):
            merged.append(added[i])
            i += 1
        merged.append(row)
    merged.extend(added[i:])
    return merged


def decide_roster(facts: Sequence[HouseholdFacts], places: dict[int, HouseholdPlace],
                  catalogue: Catalogue, week: Span, as_of: date) -> list[tuple[Assessment, Any]]:
    """Assess every household on the day the roster is judged (:func:`roster_day`), level
    the plans per grid and period, and keep those with a reason to be visited, in walking
    order (facts come in that order)."""
    groups: dict[tuple[int, Span], list[int]] = defaultdict(list)
    for f in facts:
        period = plan_membership(f, catalogue, week)
        if period is not None:
            groups[(places[f.id].grid_id, period)].append(f.id)
    planned: dict[int, Span] = {}
    for (_grid, period), ids in groups.items():
        planned.update(plan_weeks(ids, period))
    chosen = []
    day = roster_day(week, as_of)
    for f in facts:
        if settled(f, catalogue, day, as_of):
            continue  # the common case, decided without the full walk
        a = assess(f, catalogue, day, as_of)
        decision = roster_decision(a, week, planned.get(f.id))
        if decision is not None:
            chosen.append((a, decision))
    return chosen
