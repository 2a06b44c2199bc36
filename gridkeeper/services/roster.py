"""The weekly roster (走访名单) and rule explanations, computed from the register each time.

A street's roster is decided over columns (:mod:`gridkeeper.domain.standings`, facts from
:mod:`gridkeeper.services.columns`): households whose rule did not change over the days
that matter are settled by arithmetic, all at once; the few others (a rule that changed,
k >= 2 visits per period, a suspension or move) by the reference engine in
:mod:`gridkeeper.domain.policy`, with their complete histories. Extra reasons to visit found
by other queries are merged in one place (:data:`EXTRA_REASON_SOURCES`). Nothing is stored.
On PostgreSQL the statements that do not wait for the arithmetic run on a second connection
in the same snapshot meanwhile (:func:`beside`).

:func:`households_facts` loads the reference engine's complete facts of given households
(the register's rule column, a household's explanation, the households the columns leave).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, or_, select, text, true
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Period, ResidentStatus, VisitOutcome
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, parse_week, span_of
from gridkeeper.domain.policy import (
    WALK_UP_FLOOR,
    Assessment,
    Assignment,
    Catalogue,
    Composition,
    ExtraReason,
    HouseholdFacts,
    RosterDecision,
    RosterReason,
    _threshold,
    assess,
    category,
    explain,
    roster_day,
    roster_decision,
)
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.follow_ups import roster_follow_ups
from gridkeeper.services.grid_names import find_grid, grid_labels
from gridkeeper.services.hot_spots import roster_hot_spots
from gridkeeper.services.seen import seen_household_grid
from gridkeeper.storage.chunks import IN_LIST_SIZE, chunked, in_ids
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Estate,
    Grid,
    Household,
    Resident,
    Visit,
    Worker,
)
from gridkeeper.storage.models.register import ACTIVE_RESIDENT
from gridkeeper.storage.models.work import UNMET_VISIT

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


def walk_ups(conn: Any, household_ids: Sequence[int]) -> set[int]:
    """Those of ``household_ids`` whose home is up stairs without a lift (:func:`walk_up`)."""
    return set(conn.execute(
        select(Household.id).join(Building, Building.id == Household.building_id)
        .where(in_ids(Household.id, household_ids, conn.dialect.name), Building.has_lift.is_(False),
               Household.floor >= WALK_UP_FLOOR)).scalars())


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def scope_grids(session: Session, actor: Actor, grid: str | None,
                grid_id: int | None = None) -> frozenset[int] | None:
    """The grid ids to work on: the actor's grids, narrowed to ``grid`` (a name, see
    :func:`~gridkeeper.services.grid_names.find_grid`) or to ``grid_id`` if given."""
    if grid_id is not None:
        if not actor.sees_grid(grid_id) or session.get(Grid, grid_id) is None:
            raise NotFound(what="网格", what_en="grid", key=grid or grid_id)
        return frozenset({grid_id})
    if grid is None:
        return actor.grid_ids
    return frozenset({find_grid(session, actor, grid)})


def history_window(catalogue: Catalogue, day: date) -> date:
    """How far back the roster looks at households that have left: the Monday on or before
    the start of the longest rule period containing ``day`` (a household that moved out or
    died before it can neither be due nor hold a place in a current plan)."""
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


def roster_lines(session: Session, ids: Sequence[int], as_of: date) -> list[Any]:
    """What a roster line shows besides the decision, for the chosen households (in any
    number, one statement): id, code, building id, unit, floor, room, worker id, phone,
    head, active residents and the last visit that met nobody, each of the last three one
    seek in a narrow index."""
    from gridkeeper.domain.standings import NO_DAY, day_of
    from gridkeeper.services.columns import SEP, days, ints, packed

    conn = session.connection()
    head = (select(Resident.name).where(Resident.household_id == Household.id, Resident.is_head == true())
            .scalar_subquery())
    residents = (select(func.count()).select_from(Resident)
                 .where(Resident.household_id == Household.id, text("resident." + ACTIVE_RESIDENT))
                 .scalar_subquery())
    attempt = (select(func.max(Visit.visit_date))
               .where(Visit.household_id == Household.id, text("visit." + UNMET_VISIT),
                      Visit.visit_date <= as_of).scalar_subquery())
    columns = packed(conn, (
        select(Household.id, Household.code, Household.building_id, Household.unit, Household.floor,
               Household.room, Household.worker_id, Household.phone, head, residents, attempt)
        .where(in_ids(Household.id, ids, conn.dialect.name))))
    if columns is None:
        return []
    # one joined string per column (40,000 lines: no Python row objects on the way)
    attempts = days(columns[10]).tolist()
    seen: dict[int, date | None] = {int(NO_DAY): None}
    for day in set(attempts) - {int(NO_DAY)}:
        seen[day] = day_of(day)
    return list(zip(
        ints(columns[0]).tolist(), columns[1].split(SEP), ints(columns[2]).tolist(),
        ints(columns[3]).tolist(), ints(columns[4]).tolist(), columns[5].split(SEP),
        [int(w) if w else None for w in columns[6].split(SEP)],
        [p or None for p in columns[7].split(SEP)], columns[8].split(SEP),
        ints(columns[9]).tolist(), [seen[a] for a in attempts], strict=True))


class RosterService:
    """``gk.roster``: the weekly roster and the per-household explanation of its rule."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def roster(self, week: Span | str, grid: str | None = None, as_of: date | None = None,
               grid_id: int | None = None) -> Roster:
        """Who to visit in ISO ``week`` (one grid by name or id, or all the actor sees),
        judged with the visits recorded up to ``as_of`` (default today)."""
        self.actor.require(Permission.VIEW_REGISTER)
        week = parse_week(week) if isinstance(week, str) else week
        as_of = as_of or date.today()
        with self.db.reading() as session:
            if session.get_bind().dialect.name == "postgresql":
                # one state of the register for all of the roster's statements, shared with the
                # second connection of :func:`beside` (SQLite reads a snapshot anyway)
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            grid_ids = scope_grids(session, self.actor, grid, grid_id)
            rows = compute_roster(session, week, as_of, grid_ids)
        return Roster(week, as_of, grid, tuple(rows))

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
            seen_household_grid(session, self.actor, household_id)
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


def residents_facts(conn: Any, household_ids: Sequence[int], on: date | None = None
                    ) -> tuple[dict[int, list[date | None]], dict[int, list[Assignment]]]:
    """Per household, its active residents' birth dates and their assignments to active
    categories: every one ever made (the rules look back over the history), or with ``on``
    only those in force that day."""
    dialect = conn.dialect.name
    births: dict[int, list[date | None]] = defaultdict(list)
    for hid, born in conn.execute(select(Resident.household_id, Resident.birth_date).where(
            in_ids(Resident.household_id, household_ids, dialect), Resident.status == ResidentStatus.ACTIVE)):
        births[hid].append(born)
    query = (select(Resident.household_id, Category.code, CategoryAssignment.valid_from,
                    CategoryAssignment.valid_to)
             .join(Resident, Resident.id == CategoryAssignment.resident_id)
             .join(Category, Category.id == CategoryAssignment.category_id)
             .where(in_ids(Resident.household_id, household_ids, dialect),
                    Resident.status == ResidentStatus.ACTIVE, Category.active.is_(True)))
    if on is not None:
        query = query.where(CategoryAssignment.valid_from <= on, or_(
            CategoryAssignment.valid_to.is_(None), CategoryAssignment.valid_to >= on))
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    for hid, code, valid_from, valid_to in conn.execute(query):
        assignments[hid].append(Assignment(code, valid_from, valid_to))
    return births, assignments


def households_facts(session: Session, household_ids: Sequence[int], as_of: date
                     ) -> dict[int, HouseholdFacts]:
    """All facts of the given households with their complete visit histories, in five
    statements whatever their number (the register's rule column asks for a screenful, the
    roster for the thousands its columns leave undecided)."""
    ids = list(household_ids)
    conn = session.connection()  # Core rows: no ORM bookkeeping per row
    dialect = conn.dialect.name
    households = conn.execute(
        select(Household.id, Household.registered_on, Household.status, Household.status_since,
               Household.status_until).where(in_ids(Household.id, ids, dialect))).all()
    births, assignments = residents_facts(conn, ids)
    visits: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for hid, day, method in conn.execute(
            select(Visit.household_id, Visit.visit_date, Visit.method)
            .where(in_ids(Visit.household_id, ids, dialect), Visit.outcome == VisitOutcome.MET,
                   Visit.visit_date <= as_of)):
        visits[hid].append((day, method))
    stairs = walk_ups(conn, ids)
    return {
        hh.id: HouseholdFacts(
            id=hh.id, registered_on=hh.registered_on,
            composition=Composition.of(births[hh.id], hh.id in stairs),
            assignments=tuple(assignments[hh.id]), status=hh.status, status_since=hh.status_since,
            status_until=hh.status_until, visits=tuple(sorted(visits[hh.id])))
        for hh in households}


# --- the roster's reasons -----------------------------------------------------------------

# Extra reasons to visit, each from its own query (signature of roster_hot_spots): the rules
# decide overdue / due / planned, these add households the rules did not list and notes to
# those they did (merged in :func:`compute_roster`). A new kind of reason adds its
# RosterReason and its source here.
ExtraReasonSource = Callable[[Session, Span, "frozenset[int] | None", date], list[ExtraReason]]
EXTRA_REASON_SOURCES: tuple[ExtraReasonSource, ...] = (roster_follow_ups, roster_hot_spots)


def extra_reasons(session: Session, week: Span, grid_ids: frozenset[int] | None, as_of: date
                  ) -> dict[int, list[ExtraReason]]:
    """Every source's extra reasons by household, each household's in RosterReason order."""
    found: dict[int, list[ExtraReason]] = defaultdict(list)
    for source in EXTRA_REASON_SOURCES:
        for extra in source(session, week, grid_ids, as_of):
            found[extra.household_id].append(extra)
    order = list(RosterReason)
    for extras in found.values():
        extras.sort(key=lambda e: order.index(e.reason))
    return found


def _joined(first: T | None, *more: T) -> T:
    parts = [p for p in (first, *more) if p is not None]
    return T("；".join(p.zh for p in parts), "; ".join(p.en for p in parts))


_R = TypeVar("_R")


class Beside:
    """Statements run on a second connection, on a thread of its own, while this thread
    computes; without a second connection :meth:`submit` runs them here and now."""

    def __init__(self, session: Session | None, pool: ThreadPoolExecutor | None) -> None:
        self.session = session
        self.pool = pool

    def submit(self, work: Callable[[Session], _R], here: Session) -> Callable[[], _R]:
        """``work`` on the second connection's session, or at once on ``here``; call the
        result for its value."""
        if self.pool is None or self.session is None:
            value = work(here)
            return lambda: value
        side = self.session
        future: Future[_R] = self.pool.submit(work, side)
        return future.result


@contextmanager
def beside(session: Session) -> Iterator[Beside]:
    """A second connection reading the very snapshot of ``session``'s transaction.

    On PostgreSQL, in a REPEATABLE READ transaction: the roster's server work (a district's
    statements take a second and more) then runs while the client does its arithmetic; the
    driver lets go of Python's lock while it waits. Both see one state of the register
    (``pg_export_snapshot``, ``SET TRANSACTION SNAPSHOT``). Anywhere else everything runs
    in turn on ``session``.
    """
    conn = session.connection()
    if (conn.dialect.name != "postgresql"
            or conn.get_execution_options().get("isolation_level") != "REPEATABLE READ"):
        yield Beside(None, None)
        return
    snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    engine = conn.engine
    opened: list[Any] = []

    def open_side() -> Session:
        side = engine.connect()
        try:
            side.execution_options(isolation_level="REPEATABLE READ")
            # the first statement of the transaction; the snapshot's name is the server's own
            side.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
        except BaseException:
            side.close()
            raise
        opened.append(Session(bind=side))
        return opened[-1]

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        try:
            # opened while the exporting transaction is surely open, before anything is asked
            side_session: Session | None = pool.submit(open_side).result()
        except SQLAlchemyError:
            # no second connection to be had (the server's or the account's connections all
            # taken): the roster is worked out on this one alone, as it is on SQLite
            side_session = None
        yield Beside(side_session, pool if side_session is not None else None)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for side in opened:
            connection = side.connection()
            side.close()
            connection.close()  # rolled back: it only read


def compute_roster(session: Session, week: Span, as_of: date, grid_ids: frozenset[int] | None
                   ) -> list[RosterRow]:
    """The week's roster lines for the grids in scope, in walking order."""
    with beside(session) as side:
        return _compute_roster(session, side, week, as_of, grid_ids)


def _compute_roster(session: Session, side: Beside, week: Span, as_of: date,
                    grid_ids: frozenset[int] | None) -> list[RosterRow]:
    # numpy comes with the columns: loaded when a roster is first computed, not at start-up
    # (the register's rule column needs only the reference engine)
    from gridkeeper.domain.standings import DUE, NO_DAY, OVERDUE, PLANNED, Rules, day_of, roster_standings
    from gridkeeper.services.columns import ColumnLoader, packed

    reasons = {OVERDUE: RosterReason.OVERDUE, DUE: RosterReason.DUE, PLANNED: RosterReason.PLANNED}
    catalogue = load_catalogue(session)
    rules = Rules(catalogue)
    loader = ColumnLoader(session.connection(), rules, grid_ids)
    day = roster_day(week, as_of)
    # derived categories are needed up to the end of the longest current period
    high = max((span_of(c.rule.period, day).end for c in catalogue.categories), default=day)
    thresholds = [_threshold(c) for c in catalogue.derived]
    oldest_by = years_before(max(high, week.end), min(thresholds)) if thresholds else date.min
    # the statements that do not depend on the households loaded run beside them
    if grid_ids is None:
        assignment_query, last_visit_queries = loader.assignments_query(), loader.last_visit_queries(as_of)
        assignment_columns = side.submit(
            lambda s: packed(s.connection(), assignment_query), session)
        last_visit_columns = side.submit(
            lambda s: {m: packed(s.connection(), q) for m, q in last_visit_queries.items()}, session)
    extras_of = side.submit(lambda s: extra_reasons(s, week, grid_ids, as_of), session)
    h = loader.households(history_window(catalogue, week.start), week.end, oldest_by)
    if grid_ids is None:
        assignments, last_visits = (loader.assignments(assignment_columns()),
                                    loader.last_visits(as_of, last_visit_columns()))
    else:
        assignments, last_visits = loader.assignments(), loader.last_visits(as_of)
    standings = roster_standings(h, assignments, rules, last_visits, week, day)
    cats = catalogue.categories
    ids = h.ids.tolist()

    # the households the columns could not settle: the reference engine, complete histories
    assessed: dict[int, Assessment] = {}
    decisions: dict[int, RosterDecision] = {}
    undecided = standings.undecided.tolist()
    listed = standings.reason.nonzero()[0]
    # the lines of the households the columns list (nearly all of the roster: a district's
    # longest statement) are read while the rest is decided
    listed_ids = h.ids[listed].tolist()
    listed_lines = side.submit(lambda s: roster_lines(s, listed_ids, as_of), session)
    facts = households_facts(session, [ids[r] for r in undecided], as_of)
    for row in undecided:
        hid = ids[row]
        a = assessed[hid] = assess(facts[hid], catalogue, day, as_of)
        start = int(standings.planned[row])
        planned = None if start == NO_DAY else span_of(Period.WEEK, day_of(start))
        decision = roster_decision(a, week, planned)
        if decision is not None:
            decisions[hid] = decision
    # a district lists 100,000 households with a few hundred (reason, due date) pairs: each
    # pair's decision is made once and shared (they are immutable)
    made: dict[tuple[int, int], RosterDecision] = {}
    for row, pair in zip(listed.tolist(), zip(standings.reason[listed].tolist(),
                                              standings.due[listed].tolist(), strict=True), strict=True):
        decision = made.get(pair)
        if decision is None:
            decision = made[pair] = RosterDecision(reasons[pair[0]], day_of(pair[1]))
        decisions[ids[row]] = decision
    # extra reasons: a household the rules list keeps its reason and gains the note; the
    # others are listed with the extra reason (assessed by the reference if not yet)
    extras = extras_of()
    for hid, found in extras.items():
        if hid not in decisions:
            decisions[hid] = RosterDecision(found[0].reason, found[0].due_date)
    row_of = {hid: row for row, hid in enumerate(ids)}
    outside = [hid for hid in extras if hid not in row_of]
    if outside:
        for hid, f in households_facts(session, outside, as_of).items():
            assessed[hid] = assess(f, catalogue, day, as_of)
            row_of[hid] = len(row_of)  # after the walk: registered after the week
    chosen = [hid for hid in decisions if hid in row_of]
    known = set(listed_ids)
    more_lines = roster_lines(session, [hid for hid in chosen if hid not in known], as_of)
    conn = session.connection()
    # names of the grids, buildings and workers on the lines (a district has thousands); a
    # grid's name carries its community where two of the street's share it (两个 第1网格)
    building_query = (select(Building.id, Building.grid_id, Estate.name, Building.number)
                      .join(Estate, Estate.id == Building.estate_id))
    worker_query = select(Worker.id, Worker.name)
    if grid_ids is not None:
        building_query = building_query.where(in_ids(Building.grid_id, sorted(grid_ids), conn.dialect.name))
    grids = grid_labels(session, grid_ids)
    buildings = {bid: (gid, grids[gid], estate, number)
                 for bid, gid, estate, number in conn.execute(building_query).all()}
    lines = {line[0]: line for line in listed_lines()}
    lines.update((line[0], line) for line in more_lines)
    if grid_ids is not None:
        worker_query = worker_query.where(in_ids(
            Worker.id, sorted({line[6] for line in lines.values() if line[6] is not None}),
            conn.dialect.name))
    workers = dict(conn.execute(worker_query).all())
    masks, governs, lasts = (standings.categories.tolist(), standings.governing.tolist(),
                             standings.last_visit.tolist())
    codes: dict[int, tuple[str, ...]] = {}
    days: dict[int, date | None] = {int(NO_DAY): None}
    # the governing category's code and rule as printed, per category index (-1: none)
    ruled = {g: (c.code, c.rule.label) for g, c in enumerate(cats)} | {-1: ("", "")}
    rows = []
    # 100,000 lines in a district: positional arguments, everything looked up once
    for hid in sorted(chosen, key=row_of.__getitem__):
        a = assessed.get(hid)
        if a is not None:
            governing = a.governing
            code_rule = (governing.code, governing.rule.label) if governing else ("", "")
            categories, last_visit = tuple(c.code for c in a.categories), a.last_visit
        else:
            row = row_of[hid]
            mask, last = masks[row], lasts[row]
            code_rule = ruled[governs[row]]
            if mask not in codes:
                codes[mask] = tuple(c.code for i, c in enumerate(cats) if mask >> i & 1)
            categories = codes[mask]
            if last not in days:
                days[last] = day_of(last)
            last_visit = days[last]
        decision = decisions[hid]
        (_, code, building_id, unit, floor, room, worker_id, phone, head, residents,
         attempt) = lines[hid]
        grid_id, grid, estate, number = buildings[building_id]
        extra = extras.get(hid)
        rows.append(RosterRow(
            hid, code, grid, estate, number, unit, floor, room, head or "", categories,
            code_rule[0], code_rule[1], decision.reason, decision.due_date, last_visit, attempt,
            workers.get(worker_id) if worker_id else None, residents, phone,
            _joined(None, *(e.note for e in extra)) if extra else None, grid_id))
    return rows
