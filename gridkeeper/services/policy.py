"""The weekly roster (走访名单) and rule explanations, over facts fetched set-wise.

:class:`FactsLoader` fetches, for every household in scope, what the pure engine in
:mod:`gridkeeper.domain.policy` needs, in a handful of queries (households, the
compositions of households with an elderly resident, manual categories, counting visits of
a window, the last counting visit before it). Nothing here loops over ORM objects or runs
a query per household. The completion figures (:mod:`gridkeeper.services.completion`) use
the same loader and the same engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import CategoryKind, HouseholdStatus, ResidentStatus, VisitOutcome
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, parse_week, span_of
from gridkeeper.domain.policy import (
    Assessment,
    Assignment,
    Catalogue,
    CategoryRule,
    Composition,
    HouseholdFacts,
    RosterReason,
    VisitRule,
    assess,
    explain,
    plan_membership,
    plan_weeks,
    roster_decision,
)
from gridkeeper.domain.roles import Actor, Permission
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

CHUNK = 5000  # ids per IN list (SQLite allows 32766 variables)
FAILED_OUTCOMES = (VisitOutcome.ABSENT.value, VisitOutcome.REFUSED.value, VisitOutcome.AWAY.value)


def load_catalogue(session: Session) -> Catalogue:
    """The active categories with their rules, in the office's order."""
    rows = session.execute(
        select(Category.code, Category.visits, Category.period, Category.methods, Category.kind,
               Category.name_zh, Category.name_en, Category.threshold_age, Category.sort_order)
        .where(Category.active.is_(True)).order_by(Category.sort_order, Category.id)
    ).all()
    return Catalogue(tuple(
        CategoryRule(code=r.code, rule=VisitRule.of(r.visits, r.period, r.methods),
                     kind=CategoryKind(r.kind), name=T(r.name_zh, r.name_en),
                     threshold_age=r.threshold_age, sort_order=r.sort_order)
        for r in rows
    ))


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def natural_key(text: str) -> tuple[int, str]:
    """"3" before "10" before "A": numbers by value, then text (building and room numbers)."""
    text = text or ""
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits and text[0].isdigit() else 1 << 30, text)


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
        self.catalogue = catalogue
        self.grid_ids = grid_ids

    def _in_scope(self, column: Any) -> Any:
        """A condition keeping ``column`` (a household id) to the grids in scope."""
        if self.grid_ids is None:
            return True
        return column.in_(
            select(Household.id).join(Building, Building.id == Household.building_id)
            .where(Building.grid_id.in_(self.grid_ids)))

    def places(self, since: date, until: date) -> tuple[list[Any], dict[int, HouseholdPlace]]:
        """Households that may be due between ``since`` and ``until``, in walking order.

        Moved-out and deceased households are kept when they left after ``since`` (their
        past obligations and the period's plan still count them).
        """
        grids = {g.id: (g.sort_order, natural_key(g.name)) for g in self.session.execute(
            select(Grid.id, Grid.sort_order, Grid.name)).all()}
        buildings = {b.id: (b.grid_id, natural_key(b.estate), natural_key(b.number))
                     for b in self.session.execute(
                         select(Building.id, Building.grid_id, Estate.name.label("estate"),
                                Building.number).join(Estate, Estate.id == Building.estate_id)).all()}
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
        rows = self.session.execute(query).all()
        places = {}
        for r in rows:
            grid_id, estate, number = buildings[r.building_id]
            places[r.id] = HouseholdPlace(
                r.id, grid_id,
                (grids[grid_id], grid_id, estate, number, r.building_id, r.unit, r.floor,
                 natural_key(r.room), r.id))
        rows.sort(key=lambda r: places[r.id].walk)
        return rows, places

    def compositions(self, oldest_by: date) -> dict[int, Composition]:
        """Compositions of households with an active resident born on or before ``oldest_by``
        (everyone else has no derived category: all derived ones need someone that old)."""
        elderly = (select(Resident.household_id)
                   .where(Resident.status == ResidentStatus.ACTIVE, Resident.birth_date <= oldest_by))
        rows = self.session.execute(
            select(Resident.household_id, func.count(), func.min(Resident.birth_date),
                   func.max(Resident.birth_date), func.count(Resident.birth_date))
            .where(Resident.status == ResidentStatus.ACTIVE, Resident.household_id.in_(elderly),
                   self._in_scope(Resident.household_id))
            .group_by(Resident.household_id)).all()
        return {hid: Composition(n, oldest, youngest, known == n)
                for hid, n, oldest, youngest, known in rows}

    def assignments(self) -> dict[int, tuple[Assignment, ...]]:
        """Manual categories of active residents, by household."""
        rows = self.session.execute(
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
        rows = self.session.execute(
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

    def last_visits_before(self, ids: Sequence[int], before: date) -> dict[int, tuple[date, str]]:
        """The last met visit with a counting method before ``before``, for these households."""
        found: dict[int, tuple[date, str]] = {}
        methods = self.catalogue.counting_methods
        for part in chunks(ids):
            last = (select(Visit.household_id, func.max(Visit.visit_date).label("day"))
                    .where(Visit.household_id.in_(part), Visit.outcome == VisitOutcome.MET,
                           Visit.visit_date < before, Visit.method.in_(methods))
                    .group_by(Visit.household_id).subquery())
            rows = self.session.execute(
                select(last.c.household_id, last.c.day, func.min(Visit.method))
                .join(Visit, and_(Visit.household_id == last.c.household_id,
                                  Visit.visit_date == last.c.day))
                .where(Visit.outcome == VisitOutcome.MET, Visit.method.in_(methods))
                .group_by(last.c.household_id, last.c.day)).all()
            found.update({hid: (day, method) for hid, day, method in rows})
        return found

    def facts(self, since: date, until: date, as_of: date, *, complete: bool = False
              ) -> tuple[list[HouseholdFacts], dict[int, HouseholdPlace]]:
        """Facts of every household in scope, in walking order.

        Visits are loaded from ``since`` to ``min(until, as_of)``. With ``complete`` the caller
        promises ``since`` covers every period it asks about; otherwise households without a
        counting visit in the window get their last earlier one, so "overdue since" can
        reach back before the window.
        """
        rows, places = self.places(since, until)
        thresholds = [c.threshold_age or 60 for c in self.catalogue.derived]
        comps = self.compositions(_years_before(until, min(thresholds))) if thresholds else {}
        assignments = self.assignments()
        visits = self.visits(since, min(until, as_of))
        earlier: dict[int, tuple[date, str]] = {}
        if not complete:
            earlier = self.last_visits_before(
                [r.id for r in rows if r.id not in visits and r.registered_on < since], since)
        single = Composition(1, None, None, False)
        found = []
        for r in rows:
            days = visits.get(r.id, ())
            if days:
                history_from = None if complete or r.registered_on >= since else days[0][0]
            elif r.id in earlier:
                days = [earlier[r.id]]
                history_from = earlier[r.id][0]
            else:
                history_from = None
            found.append(HouseholdFacts(
                id=r.id, registered_on=r.registered_on, composition=comps.get(r.id, single),
                assignments=assignments.get(r.id, ()), status=r.status,
                status_since=r.status_since, status_until=r.status_until,
                visits=tuple(days), history_from=history_from))
        return found, places


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def scope_grids(session: Session, actor: Actor, grid: str | None) -> frozenset[int] | None:
    """The grid ids to work on: the actor's grids, narrowed to ``grid`` (a name) if given."""
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


@dataclass(frozen=True)
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


def household_details(session: Session, ids: Sequence[int], as_of: date) -> dict[int, _Details]:
    """What a roster line shows besides the decision, for the chosen households only."""
    found: dict[int, _Details] = {}
    for part in chunks(list(ids)):
        heads = dict(session.execute(
            select(Resident.household_id, Resident.name)
            .where(Resident.household_id.in_(part), Resident.is_head.is_(True))).all())
        counts = dict(session.execute(
            select(Resident.household_id, func.count())
            .where(Resident.household_id.in_(part), Resident.status == ResidentStatus.ACTIVE)
            .group_by(Resident.household_id)).all())
        attempts = dict(session.execute(
            select(Visit.household_id, func.max(Visit.visit_date))
            .where(Visit.household_id.in_(part), Visit.outcome != VisitOutcome.MET,
                   Visit.visit_date <= as_of)
            .group_by(Visit.household_id)).all())
        rows = session.execute(
            select(Household.id, Household.code, Grid.name.label("grid"), Estate.name.label("estate"),
                   Building.number, Household.unit, Household.floor, Household.room,
                   Worker.name.label("worker"), Household.phone)
            .join(Building, Building.id == Household.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .join(Estate, Estate.id == Building.estate_id)
            .outerjoin(Worker, Worker.id == Household.worker_id)
            .where(Household.id.in_(part))).all()
        for r in rows:
            found[r.id] = _Details(r.code, r.grid, r.estate, r.number, r.unit, r.floor, r.room,
                                   heads.get(r.id, ""), r.worker, counts.get(r.id, 0), r.phone,
                                   attempts.get(r.id))
    return found


class RosterService:
    """``gk.roster``: the weekly roster and the per-household explanation of its rule."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def roster(self, week: Span | str, grid: str | None = None, as_of: date | None = None) -> Roster:
        """Who to visit in ISO ``week`` (one grid by name, or all the actor sees), judged with
        the visits recorded up to ``as_of`` (default today)."""
        self.actor.require(Permission.VIEW_REGISTER)
        week = parse_week(week) if isinstance(week, str) else week
        as_of = as_of or date.today()
        with self.db.reading() as session:
            catalogue = load_catalogue(session)
            grid_ids = scope_grids(session, self.actor, grid)
            loader = FactsLoader(session, catalogue, grid_ids)
            since = history_window(catalogue, week.start)
            facts, places = loader.facts(since, week.end, as_of)
            chosen = decide_roster(facts, places, catalogue, week, as_of)
            details = household_details(session, [a.household_id for a, _ in chosen], as_of)
        rows = []
        for a, decision in chosen:
            d = details[a.household_id]
            governing = a.governing
            assert governing is not None
            rows.append(RosterRow(
                household_id=a.household_id, household_code=d.code, grid=d.grid, estate=d.estate,
                building=d.building, unit=d.unit, floor=d.floor, room=d.room, head=d.head,
                categories=tuple(c.code for c in a.categories), governing=governing.code,
                rule=governing.rule.label, reason=decision.reason, due_date=decision.due_date,
                last_visit=a.last_visit, last_attempt=d.last_attempt, worker=d.worker,
                residents=d.residents, phone=d.phone))
        return Roster(week, as_of, grid, tuple(rows))

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
    hh = session.execute(
        select(Household.registered_on, Household.status, Household.status_since,
               Household.status_until).where(Household.id == household_id)).one()
    births = session.scalars(select(Resident.birth_date).where(
        Resident.household_id == household_id, Resident.status == ResidentStatus.ACTIVE)).all()
    assignments = tuple(
        Assignment(code, valid_from, valid_to) for code, valid_from, valid_to in session.execute(
            select(Category.code, CategoryAssignment.valid_from, CategoryAssignment.valid_to)
            .join(Resident, Resident.id == CategoryAssignment.resident_id)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(Resident.household_id == household_id, Resident.status == ResidentStatus.ACTIVE,
                   Category.active.is_(True))).all())
    visits = tuple(sorted(session.execute(
        select(Visit.visit_date, Visit.method)
        .where(Visit.household_id == household_id, Visit.outcome == VisitOutcome.MET,
               Visit.visit_date <= as_of)).tuples().all()))
    return HouseholdFacts(
        id=household_id, registered_on=hh.registered_on, composition=Composition.of(births),
        assignments=assignments, status=hh.status, status_since=hh.status_since,
        status_until=hh.status_until, visits=visits)


def decide_roster(facts: Sequence[HouseholdFacts], places: dict[int, HouseholdPlace],
                  catalogue: Catalogue, week: Span, as_of: date) -> list[tuple[Assessment, Any]]:
    """Assess every household on the week's Monday, level the plans per grid and period,
    and keep those with a reason to be visited, in walking order (facts come in that order)."""
    groups: dict[tuple[int, Span], list[int]] = defaultdict(list)
    for f in facts:
        period = plan_membership(f, catalogue, week)
        if period is not None:
            groups[(places[f.id].grid_id, period)].append(f.id)
    planned: dict[int, Span] = {}
    for (_grid, period), ids in groups.items():
        planned.update(plan_weeks(ids, period))
    chosen = []
    for f in facts:
        a = assess(f, catalogue, week.start, as_of)
        decision = roster_decision(a, week, planned.get(f.id))
        if decision is not None:
            chosen.append((a, decision))
    return chosen
