"""Spot checks (抽查回访): each month a reproducible sample of every worker's counted visits
becomes a phone-call list for the supervisor, and each call's finding is recorded.

A call that finds the visit did not take place turns the visit's outcome into "disproved",
so it stops counting everywhere (every count asks for outcome "met"); the visit's own
outcome is kept on the spot check, and recording the call again with another finding
restores it. Every draw, call and outcome change is in the audit log.

Drawing, calling and reading the list need the review right (supervisors, administrators).
The list shows phones masked; a caller asks for one number at a time (:meth:`phone`), and
each number shown in full is audited.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import Period, SpotCheckResult, VisitOutcome
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, parse_period, span_of
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.domain.supervision import confirmation_rate, sample
from gridkeeper.services import audit_trail
from gridkeeper.services.grid_names import grid_labels
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Estate,
    Grid,
    Household,
    Resident,
    SpotCheck,
    Visit,
    VisitParticipant,
    Worker,
)

MONTH = T("抽查月份", "spot-check month")


@dataclass(frozen=True)
class SpotCall:
    """One line of the phone-call list."""

    id: int
    version: int
    month: str
    worker: str
    visit_id: int
    visit_date: date
    method: str
    household_id: int
    household_code: str
    grid: str
    address: str
    head: str
    phone: str  # masked; :meth:`SpotCheckService.phone` gives the full number
    result: str | None  # SpotCheckResult code, None until called
    called_at: datetime | None
    called_by: str | None
    note: str | None


@dataclass(frozen=True)
class WorkerChecks:
    """A worker's spot checks over a period: drawn, and what the calls found."""

    worker: str
    drawn: int = 0
    confirmed: int = 0
    not_confirmed: int = 0
    unreachable: int = 0

    @property
    def called(self) -> int:
        return self.confirmed + self.not_confirmed + self.unreachable

    @property
    def confirmation_rate(self) -> float | None:
        return confirmation_rate(self.confirmed, self.not_confirmed)


def month_of(month: Span | str) -> Span:
    span = parse_period(month) if isinstance(month, str) else month
    if span.kind is not Period.MONTH:
        raise ValidationError(MONTH, span.label,
                              T("应为一个月，如 2026-11", "must be one month, e.g. 2026-11"))
    return span


def checks_by_worker(session: Session, period: Span, grid_ids: frozenset[int] | None = None,
                     worker: str | None = None) -> dict[str, WorkerChecks]:
    """Spot checks of the months within ``period``, per name of a worker who made the visit
    (the report's confirmation rate per worker reads this)."""
    first = span_of(Period.MONTH, period.start).label
    last = span_of(Period.MONTH, period.end).label
    query = (select(Worker.name, SpotCheck.result, func.count())
             .join(VisitParticipant, VisitParticipant.visit_id == SpotCheck.visit_id)
             .join(Worker, Worker.id == VisitParticipant.worker_id)
             .where(SpotCheck.month >= first, SpotCheck.month <= last)
             .group_by(Worker.name, SpotCheck.result))
    if grid_ids is not None:
        query = query.join(Visit, Visit.id == SpotCheck.visit_id).join(
            Household, Household.id == Visit.household_id).join(
            Building, Building.id == Household.building_id).where(Building.grid_id.in_(sorted(grid_ids)))
    if worker is not None:
        query = query.where(Worker.name == worker)
    counts: dict[str, dict[str | None, int]] = defaultdict(dict)
    for name, result, count in session.execute(query):
        counts[name][result] = count
    return {
        name: WorkerChecks(name, sum(found.values()), found.get(SpotCheckResult.CONFIRMED, 0),
                           found.get(SpotCheckResult.NOT_CONFIRMED, 0),
                           found.get(SpotCheckResult.UNREACHABLE, 0))
        for name, found in counts.items()
    }


def choose(month: str, counted: Iterable[tuple[int, int]], size: int,
           taken: Iterable[int] = (), have: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """The month's draw: ``size`` of each worker's counted visits (``counted``: pairs of
    worker id and visit id), as (worker id, visit id), leaving out visits ``taken`` before.

    ``have`` is how many drawn calls already check each worker: a call about a visit two
    workers made checks both, so it counts toward each one's sample.
    """
    visits: dict[int, set[int]] = defaultdict(set)
    team: dict[int, list[int]] = defaultdict(list)
    for worker_id, visit_id in counted:
        if visit_id not in visits[worker_id]:
            visits[worker_id].add(visit_id)
            team[visit_id].append(worker_id)
    taken = set(taken)
    have = dict(have or {})
    chosen = []
    # workers in id order: the same register always gives the same list
    for worker_id in sorted(visits):
        wanted = size - have.get(worker_id, 0)
        if wanted <= 0:
            continue
        for visit_id in sample(month, worker_id, visits[worker_id] - taken, wanted):
            taken.add(visit_id)
            for member in team[visit_id]:
                have[member] = have.get(member, 0) + 1
            chosen.append((worker_id, visit_id))
    return chosen


class SpotCheckService:
    """``gk.spot_checks``: draw a month's sample, list the calls, record what they found."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def draw(self, month: Span | str, today: date | None = None, now: datetime | None = None) -> int:
        """Draw the month's sample for every worker with counted visits in it; return how many
        visits were newly drawn.

        Drawing again adds only what is missing (a larger sample size, visits entered since),
        never replaces what was drawn: calls may already have been made from the list.
        """
        self.actor.require(Permission.REVIEW_VISIT)
        span = month_of(month)
        today = today or date.today()
        if span.start > today:
            raise ValidationError(MONTH, span.label, T("尚未开始", "has not begun yet"))
        from gridkeeper.services.settings import SettingsService

        size = SettingsService(self.db, self.actor).spot_check_sample()
        now = now or datetime.now().replace(microsecond=0)
        with self.db.transaction() as session:
            counted = select(VisitParticipant.worker_id, Visit.id).join(
                Visit, Visit.id == VisitParticipant.visit_id).join(
                Household, Household.id == Visit.household_id).join(
                Building, Building.id == Household.building_id).where(
                Visit.outcome == VisitOutcome.MET, Visit.visit_date >= span.start,
                Visit.visit_date <= min(span.end, today), VisitParticipant.worker_id.is_not(None))
            if self.actor.grid_ids is not None:
                counted = counted.where(Building.grid_id.in_(sorted(self.actor.grid_ids)))
            pairs = [(w, v) for w, v in session.execute(counted)]
            taken = set(session.scalars(select(SpotCheck.visit_id).where(SpotCheck.month == span.label)))
            # a call about a visit two workers made checks both: it counts toward each one's sample
            have: dict[int, int] = dict(session.execute(
                select(VisitParticipant.worker_id, func.count())
                .join(SpotCheck, SpotCheck.visit_id == VisitParticipant.visit_id)
                .where(SpotCheck.month == span.label, VisitParticipant.worker_id.is_not(None))
                .group_by(VisitParticipant.worker_id)).all())
            rows = [SpotCheck(month=span.label, worker_id=worker_id, visit_id=visit_id,
                              drawn_at=now, drawn_by=self.actor.username)
                    for worker_id, visit_id in choose(span.label, pairs, size, taken, have)]
            session.add_all(rows)
            session.flush()
            audit_trail.record_many(session, self.actor, "insert", "spot_check",
                                    ((row.id, None, audit_trail.snapshot(row)) for row in rows))
            return len(rows)

    def calls(self, month: Span | str, worker: str | None = None) -> list[SpotCall]:
        """The month's phone-call list, by worker and then visit date."""
        self.actor.require(Permission.REVIEW_VISIT)
        span = month_of(month)
        head = aliased(Resident)
        query = (
            select(SpotCheck.id, SpotCheck.version, SpotCheck.month, Worker.name.label("worker"),
                   SpotCheck.visit_id, Visit.visit_date, Visit.method, Household.id.label("household_id"),
                   Household.code,
                   Grid.name.label("grid"), Estate.name.label("estate"), Building.number.label("building"),
                   Household.unit, Household.room, head.name.label("head"), Grid.id.label("grid_id"),
                   func.coalesce(Household.phone, head.phone).label("phone"), SpotCheck.result,
                   SpotCheck.called_at, SpotCheck.called_by, SpotCheck.note)
            .join(Worker, Worker.id == SpotCheck.worker_id)
            .join(Visit, Visit.id == SpotCheck.visit_id)
            .join(Household, Household.id == Visit.household_id)
            .join(Building, Building.id == Household.building_id)
            .join(Estate, Estate.id == Building.estate_id)
            .join(Grid, Grid.id == Building.grid_id)
            .outerjoin(head, and_(head.household_id == Household.id, head.is_head.is_(True)))
            .where(SpotCheck.month == span.label)
            .order_by(Worker.name, Visit.visit_date, SpotCheck.id))
        if worker:
            query = query.where(Worker.name == worker)
        if self.actor.grid_ids is not None:
            query = query.where(Grid.id.in_(sorted(self.actor.grid_ids)))
        with self.db.reading() as session:
            grids = grid_labels(session, self.actor.grid_ids)  # two communities may each have a 第1网格
            return [SpotCall(
                id=r.id, version=r.version, month=r.month, worker=r.worker, visit_id=r.visit_id,
                visit_date=r.visit_date, method=r.method, household_id=r.household_id, household_code=r.code,
                grid=grids.get(r.grid_id, r.grid),
                address=address_text(r.estate, r.building, r.unit, r.room), head=r.head or "",
                phone=mask_phone(r.phone), result=r.result, called_at=r.called_at,
                called_by=r.called_by, note=r.note) for r in session.execute(query)]

    def phone(self, check_id: int) -> str:
        """The full number to call for one spot check (audited as an unmasked view)."""
        self.actor.require(Permission.REVIEW_VISIT)
        head = aliased(Resident)
        with self.db.transaction() as session:
            check = self._get(session, check_id)
            household = check.visit.household
            number = household.phone or session.scalar(
                select(head.phone).where(head.household_id == household.id, head.is_head.is_(True))) or ""
            audit_trail.record(session, self.actor, "unmask", table="spot_check", row_id=check.id,
                               detail=json.dumps({"document": "spot_check_call", "household": household.code},
                                                 ensure_ascii=False))
            return number

    def record(self, check_id: int, result: SpotCheckResult | str, note: str | None = None,
               now: datetime | None = None) -> None:
        """Record what the call found. "Not confirmed" stops the visit counting; recording
        the call again with another finding makes it count as it did before."""
        self.actor.require(Permission.REVIEW_VISIT)
        try:
            found = SpotCheckResult(result)
        except ValueError:
            raise ValidationError(T("回访结果", "call result"), result, T(
                "应为属实、不属实或未接通", "must be confirmed, not confirmed or unreachable")) from None
        now = now or datetime.now().replace(microsecond=0)
        with self.db.transaction() as session:
            check = self._get(session, check_id)
            visit = check.visit
            before_check = audit_trail.snapshot(check)
            before_visit = audit_trail.snapshot(visit)
            if found is SpotCheckResult.NOT_CONFIRMED and visit.outcome != VisitOutcome.DISPROVED:
                check.original_outcome = visit.outcome
                visit.outcome = VisitOutcome.DISPROVED.value
            elif found is not SpotCheckResult.NOT_CONFIRMED and visit.outcome == VisitOutcome.DISPROVED:
                visit.outcome = check.original_outcome or VisitOutcome.MET.value
            check.result = found.value
            check.note = (note or "").strip() or None
            check.called_at = now
            check.called_by = self.actor.username
            session.flush()
            audit_trail.record(session, self.actor, "spot_check", table="spot_check", row_id=check.id,
                               before=before_check, after=audit_trail.snapshot(check))
            after_visit = audit_trail.snapshot(visit)
            if after_visit != before_visit:
                audit_trail.record(session, self.actor, "spot_check", table="visit", row_id=visit.id,
                                   before=before_visit, after=after_visit,
                                   detail=f"spot check {check.id}: {found.label.zh}")

    def by_worker(self, period: Span | str, worker: str | None = None) -> dict[str, WorkerChecks]:
        """Confirmation per worker for the months within ``period``."""
        self.actor.require(Permission.VIEW_REPORTS)
        span = parse_period(period) if isinstance(period, str) else period
        with self.db.reading() as session:
            return checks_by_worker(session, span, self.actor.grid_ids, worker)

    def _get(self, session: Session, check_id: int) -> SpotCheck:
        check = session.get(SpotCheck, check_id)
        grid_id = check.visit.household.building.grid_id if check is not None else None
        if check is None or not self.actor.sees(grid_id, f"spot check {check_id}"):
            raise NotFound(what="抽查记录", what_en="spot check", key=check_id)
        return check

