"""Completion figures for supervisors (走访完成情况): per grid, worker or category, for any
period, with the households behind every number.

The obligations counted here come from :func:`gridkeeper.domain.policy.obligations`, the
same walk the roster's due / overdue decisions come from, over the same facts loader, so
the figures and the roster cannot disagree.

Definitions (for a period X and visits recorded up to "as of"):

- required visits: obligations (the j-th visit of a rule period) due within X;
  households required: households with at least one.
- visits done: obligations met by a counting visit (on time or late);
  done on time: met on or before the due date.
- missed: obligations unmet when their rule period had ended.
- completion rate = done / required; on-time rate = on time / required.
- failed attempts: visits dated within X that met nobody (nobody home, refused, away).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Period
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, parse_period, span_of
from gridkeeper.domain.policy import Obligation, obligations
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.policy import (
    FAILED_OUTCOMES,
    FactsLoader,
    chunks,
    load_catalogue,
    scope_grids,
)
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Building, Grid, Household, Visit, Worker

GROUPINGS = ("grid", "worker", "category")
UNASSIGNED = T("未分配", "unassigned")


@dataclass
class CompletionFigures:
    """The numbers of one group (a grid, a worker, a category, or everything)."""

    key: str
    label: str
    households_required: int = 0
    required_visits: int = 0
    visits_done: int = 0
    done_on_time: int = 0
    missed: int = 0
    failed_attempts: int = 0
    # the households behind the numbers, by household code, sorted
    required_households: list[str] = field(default_factory=list)
    done_late_households: list[str] = field(default_factory=list)
    missed_households: list[str] = field(default_factory=list)
    pending_households: list[str] = field(default_factory=list)  # unmet, period still running
    failed_attempt_households: list[str] = field(default_factory=list)

    @property
    def completion_rate(self) -> float | None:
        return self.visits_done / self.required_visits if self.required_visits else None

    @property
    def on_time_rate(self) -> float | None:
        return self.done_on_time / self.required_visits if self.required_visits else None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "label": self.label,
            "households_required": self.households_required,
            "required_visits": self.required_visits, "visits_done": self.visits_done,
            "done_on_time": self.done_on_time, "missed": self.missed,
            "completion_rate": self.completion_rate, "on_time_rate": self.on_time_rate,
            "failed_attempts": self.failed_attempts,
            "required_households": self.required_households,
            "done_late_households": self.done_late_households,
            "missed_households": self.missed_households,
            "pending_households": self.pending_households,
            "failed_attempt_households": self.failed_attempt_households,
        }


@dataclass(frozen=True)
class CompletionReport:
    period: Span
    as_of: date
    by: str
    groups: tuple[CompletionFigures, ...]
    total: CompletionFigures


@dataclass(frozen=True)
class _Who:
    code: str
    grid: str
    worker: str | None


class CompletionService:
    """``gk.completion``: completion figures for any period and grouping."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def figures(self, period: Span | str, by: str = "grid", grid: str | None = None,
                as_of: date | None = None) -> CompletionReport:
        """Figures for ``period`` (a Span or 2026-W48 / 2026-11 / 2026Q3 / 2026H2 / 2026),
        grouped by grid, worker or category, judged with visits up to ``as_of`` (default today)."""
        self.actor.require(Permission.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(T("分组", "grouping"), by,
                                  T("应为 grid、worker 或 category", "must be grid, worker or category"))
        span = parse_period(period) if isinstance(period, str) else period
        as_of = as_of or date.today()
        with self.db.reading() as session:
            catalogue = load_catalogue(session)
            grid_ids = scope_grids(session, self.actor, grid)
            loader = FactsLoader(session, catalogue, grid_ids)
            kinds = {c.rule.period for c in catalogue.categories} or {Period.YEAR}
            # every rule period owning a due date inside the span starts here or later
            since = min(span_of(k, span.start).start for k in kinds)
            until = max(span_of(k, span.end).end for k in kinds)
            facts, _places = loader.window_facts(since, until, min(until, as_of))
            owed: list[Obligation] = []
            for f in facts:
                owed.extend(obligations(f, catalogue, span.start, span.end, as_of))
            failed = _failed_attempts(loader, span, as_of)
            ids = sorted({o.household_id for o in owed} | set(failed))
            who = _who(session, ids)
        return _tally(span, as_of, by, owed, failed, who)


def _failed_attempts(loader: FactsLoader, span: Span, as_of: date) -> dict[int, int]:
    rows = loader.conn.execute(
        select(Visit.household_id, func.count())
        .where(Visit.outcome.in_(FAILED_OUTCOMES), Visit.visit_date >= span.start,
               Visit.visit_date <= min(span.end, as_of), loader._in_scope(Visit.household_id))
        .group_by(Visit.household_id)).all()
    return {hid: n for hid, n in rows}


def _who(session: Session, ids: list[int]) -> dict[int, _Who]:
    found: dict[int, _Who] = {}
    for part in chunks(ids):
        rows = session.connection().execute(
            select(Household.id, Household.code, Grid.name, Worker.name)
            .join(Building, Building.id == Household.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .outerjoin(Worker, Worker.id == Household.worker_id)
            .where(Household.id.in_(part))).all()
        found.update({hid: _Who(code, grid, worker) for hid, code, grid, worker in rows})
    return found


def _tally(span: Span, as_of: date, by: str, owed: Iterable[Obligation], failed: dict[int, int],
           who: dict[int, _Who]) -> CompletionReport:
    groups: dict[str, CompletionFigures] = {}
    total = CompletionFigures(key="", label=str(T("合计", "total")))
    sets: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def group_of(hid: int, category: str | None, label: str | None) -> list[CompletionFigures]:
        if by == "grid":
            key = lab = who[hid].grid
        elif by == "worker":
            key = who[hid].worker or ""
            lab = who[hid].worker or str(UNASSIGNED)
        else:
            if category is None:
                return [total]
            key, lab = category, label or category
        if key not in groups:
            groups[key] = CompletionFigures(key=key, label=lab)
        return [groups[key], total]

    for o in owed:
        code = who[o.household_id].code
        for g in group_of(o.household_id, o.category.code, str(o.category.label)):
            s = sets[id(g)]
            g.required_visits += 1
            s["required"].add(code)
            if o.met_on is not None:
                g.visits_done += 1
                if o.on_time:
                    g.done_on_time += 1
                else:
                    s["late"].add(code)
            elif o.missed(as_of):
                g.missed += 1
                s["missed"].add(code)
            else:
                s["pending"].add(code)
    for hid, n in failed.items():
        code = who[hid].code
        # by category an attempt belongs to no single category: it shows in the total only
        for g in group_of(hid, None, None) if by != "category" else [total]:
            g.failed_attempts += n
            sets[id(g)]["failed"].add(code)
    for g in [*groups.values(), total]:
        s = sets[id(g)]
        g.households_required = len(s["required"])
        g.required_households = sorted(s["required"])
        g.done_late_households = sorted(s["late"])
        g.missed_households = sorted(s["missed"])
        g.pending_households = sorted(s["pending"])
        g.failed_attempt_households = sorted(s["failed"])
    ordered = tuple(groups[k] for k in sorted(groups))
    return CompletionReport(span, as_of, by, ordered, total)
