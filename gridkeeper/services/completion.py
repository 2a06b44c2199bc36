"""Completion figures for supervisors (走访完成情况): per grid, worker or category, for any
period, with the households behind every number.

The obligations counted here are :func:`gridkeeper.domain.policy.obligations`, the same
rules the roster's due / overdue decisions come from, worked out for every household at
once over columns (:func:`gridkeeper.domain.standings.owed`, held equal to the reference by
property tests) from the register as it is: nothing is stored.

Definitions (for a period X and visits recorded up to "as of"):

- required visits: obligations (the j-th visit of a rule period) due within X;
  households required: households with at least one.
- visits done: obligations met by a counting visit (on time or late);
  done on time: met on or before the due date.
- missed: obligations unmet when their rule period had ended.
- completion rate = done / required; on-time rate = on time / required.
- failed attempts: visits dated within X that met nobody (nobody home, refused, away).

Each figure carries its counts of households (required, done late, missed, pending, with
failed attempts); the household codes behind them are listed for every group by default (the
report command, PDF and Excel), or only for the groups asked for: a desktop page holding a
street's year of figures keeps the counts and asks for one group's households when they are
shown (:meth:`CompletionService.households_behind`), from the same tally.

Groups are grids (by id: two communities may both have a 第1网格), the households' assigned
workers, or categories, listed communities first in order and names in natural order
within. Each group also carries its figures per category against the category's target
(:mod:`gridkeeper.domain.supervision`), so a supervisor sees who is behind.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, func, select, text
from sqlalchemy.orm import Session, aliased

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import Period
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span, parse_period, span_of
from gridkeeper.domain.policy import _threshold
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.domain.standings import Rules, owed
from gridkeeper.domain.supervision import CategoryStanding, Standing, worst
from gridkeeper.services.columns import SEP, ColumnLoader, ints, packed
from gridkeeper.services.levels import communities
from gridkeeper.services.roster import load_catalogue, scope_grids, years_before
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    Community,
    Estate,
    Grid,
    Household,
    Resident,
    Visit,
    Worker,
)
from gridkeeper.storage.models.work import FAILED_VISIT

GROUPINGS = ("grid", "worker", "category")
UNASSIGNED = T("未分配", "unassigned")


@dataclass
class CompletionFigures:
    """The numbers of one group (a grid, a worker, a category, or everything)."""

    key: str  # grid or worker id, category code; "" for the total
    label: str
    community: str = ""  # the grid's or worker's community
    households_required: int = 0
    required_visits: int = 0
    visits_done: int = 0
    done_on_time: int = 0
    missed: int = 0
    failed_attempts: int = 0
    # how many households are behind each list below (filled whether or not they are listed)
    households_done_late: int = 0
    households_missed: int = 0
    households_pending: int = 0
    households_failed: int = 0
    # the households behind the numbers, by household code, sorted; empty when not asked for
    required_households: list[str] = field(default_factory=list)
    done_late_households: list[str] = field(default_factory=list)
    missed_households: list[str] = field(default_factory=list)
    pending_households: list[str] = field(default_factory=list)  # unmet, period still running
    failed_attempt_households: list[str] = field(default_factory=list)
    # the same visits per category against each category's target, catalogue order
    categories: list[CategoryStanding] = field(default_factory=list)

    @property
    def standing(self) -> Standing:
        """The worst standing among its categories (green only when every one is on target)."""
        return worst(c.standing for c in self.categories)

    @property
    def behind(self) -> list[CategoryStanding]:
        """Its categories short of target, worst first."""
        short = [c for c in self.categories if c.standing in (Standing.BEHIND, Standing.AT_RISK)]
        return sorted(short, key=lambda c: (c.standing.rank, c.rate or 0.0))

    @property
    def completion_rate(self) -> float | None:
        return self.visits_done / self.required_visits if self.required_visits else None

    @property
    def on_time_rate(self) -> float | None:
        return self.done_on_time / self.required_visits if self.required_visits else None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "label": self.label, "community": self.community,
            "standing": self.standing.value,
            "households_required": self.households_required,
            "required_visits": self.required_visits, "visits_done": self.visits_done,
            "done_on_time": self.done_on_time, "missed": self.missed,
            "completion_rate": self.completion_rate, "on_time_rate": self.on_time_rate,
            "failed_attempts": self.failed_attempts,
            "households_done_late": self.households_done_late, "households_missed": self.households_missed,
            "households_pending": self.households_pending, "households_failed": self.households_failed,
            "required_households": self.required_households,
            "done_late_households": self.done_late_households,
            "missed_households": self.missed_households,
            "pending_households": self.pending_households,
            "failed_attempt_households": self.failed_attempt_households,
            "categories": [{"category": c.category, "label": c.label, "target": c.target,
                            "required": c.required, "done": c.done, "pending": c.pending,
                            "standing": c.standing.value} for c in self.categories],
        }


@dataclass(frozen=True)
class CompletionReport:
    period: Span
    as_of: date
    by: str
    groups: tuple[CompletionFigures, ...]  # communities in order, then names in natural order
    total: CompletionFigures

    def exceptions_first(self) -> list[CompletionFigures]:
        """The groups behind target first, then at risk, then the rest; the order within each
        as listed."""
        return sorted(self.groups, key=lambda g: g.standing.rank)

    def communities(self) -> list[tuple[str, list[CompletionFigures]]]:
        """The groups of each community in order (categories: one unnamed community)."""
        found: dict[str, list[CompletionFigures]] = {}
        for g in self.groups:
            found.setdefault(g.community, []).append(g)
        return list(found.items())


@dataclass(frozen=True)
class _Who:
    code: str
    grid: str
    worker: str | None


@dataclass(frozen=True)
class HouseholdBrief:
    """A household behind a figure, as a list shows it: where it is and who heads it."""

    id: int
    code: str
    grid: str
    address: str
    head: str


class CompletionService:
    """``gk.completion``: completion figures for any period and grouping."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def figures(self, period: Span | str, by: str = "grid", grid: str | None = None,
                as_of: date | None = None, worker_id: int | None = None,
                listed: Collection[str | None] | None = None) -> CompletionReport:
        """Figures for ``period`` (a Span or 2026-W48 / 2026-11 / 2026Q3 / 2026H2 / 2026),
        grouped by grid, worker or category, judged with visits up to ``as_of`` (default today);
        ``worker_id``: only the households assigned to that worker (their evidence pack);
        ``listed``: the keys of the groups whose household codes are listed (None among them:
        the total; by default every group and the total) — the others carry their counts only.
        """
        return self.figures_of([period], by, grid, as_of, worker_id, listed)[0]

    def figures_of(self, periods: Sequence[Span | str], by: str = "grid", grid: str | None = None,
                   as_of: date | None = None, worker_id: int | None = None,
                   listed: Collection[str | None] | None = None) -> tuple[CompletionReport, ...]:
        """:meth:`figures` for several periods at once (a trend by month): the register is
        read once for all of them, and each period is counted and put away before the next.

        Each figure is counted from every household's obligations, worked out from the
        register as it is (nothing is stored).
        """
        self.actor.require(Permission.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(T("分组", "grouping"), by,
                                  T("应为 grid、worker 或 category", "must be grid, worker or category"))
        with self.db.reading() as session:
            return self._figures(session, periods, by, scope_grids(session, self.actor, grid), as_of,
                                 worker_id, listed)

    def households_behind(self, period: Span | str, by: str, key: str | None, grid: str | None = None,
                          as_of: date | None = None, worker_id: int | None = None) -> CompletionFigures:
        """One group's figures (``key`` as in the report; None: the total) with the household codes
        behind them: what a page holding counts only lists when a figure is opened. The same
        tally as :meth:`figures`; a grid's own is worked out from that grid's households only."""
        self.actor.require(Permission.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(T("分组", "grouping"), by,
                                  T("应为 grid、worker 或 category", "must be grid, worker or category"))
        with self.db.reading() as session:
            grid_ids = scope_grids(session, self.actor, grid)
            if by == "grid" and key is not None and key.isdigit():  # a grid's figures are its households'
                grid_ids = frozenset({int(key)} & grid_ids if grid_ids is not None else {int(key)})
            report = self._figures(session, [period], by, grid_ids, as_of, worker_id, {key})[0]
        if key is None:
            return report.total
        found = next((g for g in report.groups if g.key == key), None)
        return found if found is not None else CompletionFigures(key=key, label="")

    def _figures(self, session: Session, periods: Sequence[Span | str], by: str,
                 grid_ids: frozenset[int] | None, as_of: date | None, worker_id: int | None,
                 listed: Collection[str | None] | None) -> tuple[CompletionReport, ...]:
        spans = [parse_period(p) if isinstance(p, str) else p for p in periods]
        as_of = as_of or date.today()
        conn = session.connection()
        names = _Names.load(conn, workers=by == "worker")
        tallied: dict[Span, CompletionReport] = {}
        # always per category: every group is also judged per category against targets
        for span, lines in _owed(session, spans, as_of, grid_ids, True):
            failed = _failed_attempts(conn, span, as_of, grid_ids)
            if worker_id is not None:  # lines carry the household's worker third
                lines = (line for line in lines if line[2] == worker_id)
                failed = [row for row in failed if row[2] == worker_id]
            tallied[span] = _tally(span, as_of, by, lines, failed, names, listed)
        return tuple(tallied[span] for span in spans)

    def households(self, codes: Sequence[str]) -> list[HouseholdBrief]:
        """The households behind a figure (its household codes), in walking order, limited to
        the grids the actor sees."""
        self.actor.require(Permission.VIEW_REPORTS)
        head = aliased(Resident)
        found = []
        with self.db.reading() as session:
            for part in chunked(list(dict.fromkeys(codes))):
                query = (select(Household.id, Household.code, Household.unit, Household.floor, Household.room,
                                Building.number.label("building"), Estate.name.label("estate"),
                                Grid.name.label("grid"), Grid.sort_order, head.name.label("head"))
                         .join(Building, Building.id == Household.building_id)
                         .join(Estate, Estate.id == Building.estate_id)
                         .join(Grid, Grid.id == Building.grid_id)
                         .outerjoin(head, and_(head.household_id == Household.id, head.is_head.is_(True)))
                         .where(Household.code.in_(part)))
                if self.actor.grid_ids is not None:
                    query = query.where(Grid.id.in_(sorted(self.actor.grid_ids)))
                found += session.execute(query).all()
        found.sort(key=lambda r: (r.sort_order, natural_key(r.grid), natural_key(r.estate),
                                  natural_key(r.building), r.unit, r.floor, natural_key(r.room)))
        return [HouseholdBrief(r.id, r.code, r.grid, address_text(r.estate, r.building, r.unit, r.room),
                               r.head or "") for r in found]

    def household_order(self, codes: Sequence[str], by: str = "address") -> list[str]:
        """``codes`` (a figure's households, possibly all of a year's) in the order of their
        address (walking order: community and grid in the street's order, estate, building,
        unit, floor, room) or of their head's
        name, sorted by the database, limited to the grids the actor sees.

        Numbers in names sort as numbers (2号楼 before 10号楼) by ordering on the length
        first. Only the codes come back: a list of any length stays small, and what a table
        shows is read a page at a time with :meth:`households`.
        """
        self.actor.require(Permission.VIEW_REPORTS)
        if by not in ("address", "head"):
            raise ValidationError(T("排序", "order"), by,
                                  T("应为 address 或 head", "must be address or head"))
        head = aliased(Resident)
        walking = (Community.sort_order, func.length(Community.name), Community.name, Community.id,
                   Grid.sort_order, func.length(Grid.name), Grid.name, Grid.id,
                   func.length(Estate.name), Estate.name, func.length(Building.number), Building.number,
                   Household.unit, Household.floor, func.length(Household.room), Household.room)
        query = (select(Household.code)
                 .join(Building, Building.id == Household.building_id)
                 .join(Estate, Estate.id == Building.estate_id)
                 .join(Grid, Grid.id == Building.grid_id)
                 .join(Community, Community.id == Grid.community_id))
        if by == "head":
            query = (query.outerjoin(head, and_(head.household_id == Household.id, head.is_head.is_(True)))
                     .order_by(head.name.is_(None), head.name, *walking))
        else:
            query = query.order_by(*walking)
        if self.actor.grid_ids is not None:
            query = query.where(Grid.id.in_(sorted(self.actor.grid_ids)))
        wanted = set(codes)
        with self.db.reading() as session:
            ordered = [code for code in session.scalars(query) if code in wanted]
        return list(dict.fromkeys(ordered))


@dataclass(frozen=True)
class _Place:
    """How a grid or worker is named and ordered in a report."""

    label: str
    community: str
    order: tuple[Any, ...]


@dataclass(frozen=True)
class _Names:
    """Grids and workers by id (with their community and place in the order), and categories
    by code (label, target, catalogue order)."""

    grids: dict[int, _Place]
    workers: dict[int, _Place]
    categories: dict[str, tuple[str, int, int]]

    @classmethod
    def load(cls, conn: Connection, workers: bool = True) -> _Names:
        """The names a report needs: workers only for one grouped by worker (a district has
        28,000 of them; reading and ordering their names cost a report by grid a second)."""
        communities = community_order(conn)
        grids = {
            r.id: _Place(r.name, r.community, (communities.get(r.community_id, 0), r.sort_order,
                                               natural_key(r.name), r.id))
            for r in conn.execute(select(Grid.id, Grid.name, Grid.sort_order, Grid.community_id,
                                         Community.name.label("community"))
                                  .join(Community, Community.id == Grid.community_id))}
        people = {
            r.id: _Place(r.name, r.community, (communities.get(r.community_id, 0), natural_key(r.name), r.id))
            for r in conn.execute(select(Worker.id, Worker.name, Worker.community_id,
                                         Community.name.label("community"))
                                  .join(Community, Community.id == Worker.community_id))} if workers else {}
        categories = {
            code: (str(T(zh, en)), target, order) for order, (code, zh, en, target) in enumerate(conn.execute(
                select(Category.code, Category.name_zh, Category.name_en, Category.target_rate)
                .order_by(Category.sort_order, Category.id)).all())}
        return cls(grids, people, categories)


def community_order(conn: Connection) -> dict[int, int]:
    """Each community's place in the street office's order (a street's report lists them so,
    each with its grids): the one order of :mod:`gridkeeper.services.levels`."""
    return {c.id: c.rank for c in communities(conn)}


def _owed(session: Session, spans: Sequence[Span], as_of: date, grid_ids: frozenset[int] | None,
          by_category: bool) -> Iterator[tuple[Span, Iterator[tuple[Any, ...]]]]:
    """Each span (once) with the obligations due in it counted per household (and governing
    category): lines of household code, grid id, worker id, category (or None), required, done,
    on time, missed, pending, to be taken before the next span. The facts are read once for
    all spans."""
    catalogue = load_catalogue(session)
    rules = Rules(catalogue)
    loader = ColumnLoader(session.connection(), rules, grid_ids)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    thresholds = [_threshold(c) for c in catalogue.derived]
    oldest_by = years_before(last, min(thresholds)) if thresholds else date.min
    h = loader.households(first, last, oldest_by)
    assignments = loader.assignments()
    # every rule period owning a due date inside the spans lies within these days
    kinds = {c.rule.period for c in catalogue.categories} or {Period.YEAR}
    since = min(span_of(k, first).start for k in kinds)
    until = max(span_of(k, last).end for k in kinds)
    visits = loader.visits(since, min(until, as_of))
    household_codes, workers = loader.codes()
    grids = h.grid.tolist()
    codes = [c.code for c in catalogue.categories]
    for span in dict.fromkeys(spans):
        o = owed(h, assignments, rules, visits, span, as_of)
        columns: list[np.ndarray] = [o.required, o.done, o.on_time, o.missed, o.pending]
        if by_category:
            rows, categories = o.row.tolist(), [codes[c] for c in o.category.tolist()]
        else:  # one line per household: its obligations under every category together
            rows_found, at = np.unique(o.row, return_inverse=True)
            columns = [np.bincount(at, weights=c.astype(np.float64), minlength=len(rows_found))
                       .astype(np.int64) for c in columns]
            rows, categories = rows_found.tolist(), [None] * len(rows_found)
        # made as the tally takes them: a street's year is a hundred thousand lines, held
        # together as tuples they were the largest thing the reports page ever held
        yield span, ((household_codes[row], grids[row], workers[row], category, required, done, on_time,
                      missed, pending)
                     for row, category, required, done, on_time, missed, pending in zip(
                         rows, categories, *(c.tolist() for c in columns), strict=True))


def _failed_attempts(conn: Connection, span: Span, as_of: date,
                     grid_ids: frozenset[int] | None) -> list[Any]:
    """Households in scope with visits in the span that met nobody: rows of code, grid id,
    worker id and how many attempts."""
    tried = (
        select(Visit.household_id.label("household_id"), func.count().label("attempts"))
        # the literal condition of the partial index ix_visit_failed
        .where(text(FAILED_VISIT), Visit.visit_date >= span.start,
               Visit.visit_date <= min(span.end, as_of))
        .group_by(Visit.household_id)).subquery()
    query = (select(Household.code, Building.grid_id, Household.worker_id, tried.c.attempts)
             .join(Household, Household.id == tried.c.household_id)
             .join(Building, Building.id == Household.building_id))
    if grid_ids is not None:
        query = query.where(Building.grid_id.in_(sorted(grid_ids)))
    # a district's year has 90,000 such households: one joined string per column
    columns = packed(conn, query)
    if columns is None:
        return []
    return list(zip(columns[0].split(SEP), ints(columns[1]).tolist(),
                    [int(w) if w else None for w in columns[2].split(SEP)], ints(columns[3]).tolist(),
                    strict=True))


class _Group:
    """Running sums and household sets of one group while tallying."""

    __slots__ = ("figures", "required", "late", "missed", "pending", "failed", "per_category", "order")

    def __init__(self, figures: CompletionFigures, order: tuple[Any, ...] = ()) -> None:
        self.figures = figures
        self.order = order
        self.required: set[str] = set()
        self.late: set[str] = set()
        self.missed: set[str] = set()
        self.pending: set[str] = set()
        self.failed: set[str] = set()
        # code -> [required, done, pending, on time, missed]
        self.per_category: dict[str, list[int]] = {}

    def add(self, code: str, category: str | None, required: int, done: int, on_time: int, missed: int,
            pending: int) -> None:
        f = self.figures
        f.required_visits += required
        f.visits_done += done
        f.done_on_time += on_time
        f.missed += missed
        self.required.add(code)
        if done > on_time:
            self.late.add(code)
        if missed:
            self.missed.add(code)
        if pending:
            self.pending.add(code)
        if category is not None:
            sums = self.per_category.setdefault(category, [0, 0, 0, 0, 0])
            sums[0] += required
            sums[1] += done
            sums[2] += pending
            sums[3] += on_time
            sums[4] += missed

    def absorb(self, other: _Group) -> None:
        """Add ``other``'s figures, households and categories to this group's."""
        f, o = self.figures, other.figures
        f.required_visits += o.required_visits
        f.visits_done += o.visits_done
        f.done_on_time += o.done_on_time
        f.missed += o.missed
        f.failed_attempts += o.failed_attempts
        for mine, theirs in ((self.required, other.required), (self.late, other.late),
                             (self.missed, other.missed), (self.pending, other.pending),
                             (self.failed, other.failed)):
            mine |= theirs
        for category, sums in other.per_category.items():
            found = self.per_category.setdefault(category, [0, 0, 0, 0, 0])
            for i, value in enumerate(sums):
                found[i] += value

    def finish(self, names: _Names, listing: bool) -> CompletionFigures:
        """The group's figures, with the household codes behind them when ``listing``."""
        f = self.figures
        f.households_required = len(self.required)
        f.households_done_late, f.households_missed = len(self.late), len(self.missed)
        f.households_pending, f.households_failed = len(self.pending), len(self.failed)
        if listing:
            f.required_households = sorted(self.required)
            f.done_late_households = sorted(self.late)
            f.missed_households = sorted(self.missed)
            f.pending_households = sorted(self.pending)
            f.failed_attempt_households = sorted(self.failed)
        unknown = (str(UNASSIGNED), 100, 1 << 30)
        f.categories = [
            CategoryStanding(code, names.categories.get(code, unknown)[0],
                             names.categories.get(code, unknown)[1], *sums)
            for code, sums in sorted(self.per_category.items(),
                                     key=lambda item: names.categories.get(item[0], unknown)[2])]
        return f


def _tally(span: Span, as_of: date, by: str, owed: Iterable[Any], failed: Iterable[Any],
           names: _Names, listed: Collection[str | None] | None = None) -> CompletionReport:
    groups: dict[str, _Group] = {}
    total = _Group(CompletionFigures(key="", label=str(T("合计", "total"))))
    unassigned = str(UNASSIGNED)

    def group_of(grid: int, worker: int | None, category: str | None) -> _Group | None:
        if by == "grid":
            key, place = str(grid), names.grids[grid]
        elif by == "worker":
            key = str(worker) if worker is not None else ""
            place = names.workers[worker] if worker is not None else _Place(unassigned, "", ((1 << 30,)))
        else:
            if category is None:
                return None  # an attempt belongs to no single category: total only
            label, _target, order = names.categories.get(category, (category, 100, 1 << 30))
            key, place = category, _Place(label, "", (order,))
        found = groups.get(key)
        if found is None:
            found = groups[key] = _Group(
                CompletionFigures(key=key, label=place.label, community=place.community), place.order)
        return found

    # a district's year is 600,000 lines: each is added to its group only (found by the one
    # value that decides it), and the total is the groups put together afterwards
    decides = {"grid": 1, "worker": 2}.get(by, 3)
    found: dict[Any, _Group] = {}
    for line in owed:
        code, grid, worker, category, required, done, on_time, missed, pending = line
        group = found.get(line[decides])
        if group is None:
            group = group_of(grid, worker, category)
            assert group is not None
            found[line[decides]] = group
        group.add(code, category, required, done, on_time or 0, missed or 0, pending or 0)
    for group in groups.values():
        total.absorb(group)
    for code, grid, worker, attempts in failed:
        group = group_of(grid, worker, None)
        for g in (group, total) if group is not None else (total,):
            g.figures.failed_attempts += attempts
            g.failed.add(code)
    ordered = tuple(g.finish(names, listed is None or g.figures.key in listed)
                    for g in sorted(groups.values(), key=lambda g: g.order))
    return CompletionReport(span, as_of, by, ordered, total.finish(names, listed is None or None in listed))
