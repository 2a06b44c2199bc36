"""Visits (走访 / 民情日志): recorded one by one or as a batch, edited, reviewed, listed.

A visit is written with its team, any household status change it found (死亡 / 外出) and any
needs it raised, all in one transaction with audit entries. The audit log is the visit's
history: :meth:`VisitService.visit_history` reads the edits back from it, so there is no
second copy that could disagree.

``write_visit`` works inside a caller's transaction, for bulk writers such as the importer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import ContactRole, HouseholdStatus, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import (
    ConcurrentEdit,
    GridKeeperError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.domain.text import clean
from gridkeeper.domain.visits import BatchRowError, VisitDraft
from gridkeeper.services import audit_trail
from gridkeeper.services.grid_names import grid_labels
from gridkeeper.services.needs import _worker, write_need
from gridkeeper.services.register import household_by_code
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    AuditEntry,
    Building,
    Grid,
    Household,
    Need,
    Resident,
    SpotCheck,
    StairwellContact,
    Visit,
    VisitParticipant,
    Worker,
)

VISIT_DATE = T("走访日期", "visit date")
# what an edit may change; the household and the team stay as recorded
EDITABLE = frozenset({
    "visit_date", "visit_time", "method", "outcome", "notes", "check_health", "check_safety",
    "check_living", "check_family", "check_needs", "hazards", "met_with", "difficulties",
    "actions_taken", "action_result", "follow_up_plan", "follow_up_on", "roster_number",
})
MET_WITH = T("走访对象", "who was met")
MET_WITH_LIMIT = 100  # the column's length
DISPROVED_BY_SPOT_CHECK = T("只能由抽查回访认定", "is set only by a spot check")


@dataclass(frozen=True)
class VisitRow:
    id: int
    version: int
    household_id: int
    household_code: str
    grid: str
    visit_date: date
    visit_time: time | None
    method: str
    outcome: str
    team: tuple[str, ...]
    notes: str | None
    reviewed: bool


@dataclass(frozen=True)
class VisitDetail:
    id: int
    version: int
    household_id: int
    household_code: str
    grid: str
    visit_date: date
    visit_time: time | None
    method: str
    outcome: str
    team: tuple[tuple[str, str | None, bool], ...]  # (name, duty, is a worker)
    notes: str | None
    check_health: str | None
    check_safety: str | None
    check_living: str | None
    check_family: str | None
    check_needs: str | None
    hazards: str | None
    follow_up_on: date | None
    roster_number: str | None
    recorded_by: str | None
    review_comment: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    needs: tuple[str, ...]  # ledger numbers of the needs raised on this visit
    met_with: str | None = None
    difficulties: str | None = None
    actions_taken: str | None = None
    action_result: str | None = None
    follow_up_plan: str | None = None
    address: str = ""
    head: str = ""
    spot_check: str | None = None  # SpotCheckResult code of its confirming call, "" if drawn, not yet called


@dataclass(frozen=True)
class HistoryLine:
    """One change of a visit as the audit log holds it."""

    at: datetime
    username: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _check_date(household: Household, day: date, today: date) -> None:
    if day > today:
        raise ValidationError(VISIT_DATE, day.isoformat(), T("不能晚于今天", "must not be in the future"))
    # a household on the register before records began takes visits of any date
    if not household.before_records and day < household.registered_on:
        raise ValidationError(VISIT_DATE, day.isoformat(), T(
            f"早于该户登记日期 {household.registered_on.isoformat()}",
            f"is before the household was registered on {household.registered_on.isoformat()}"))
    if household.status == HouseholdStatus.DECEASED.value and household.status_since is not None \
            and day > household.status_since:
        raise ValidationError(VISIT_DATE, day.isoformat(), T(
            f"该户已于 {household.status_since.isoformat()} 登记为已故",
            f"the household is recorded deceased since {household.status_since.isoformat()}"))


def _check_entered(outcome: VisitOutcome, met_with: str | None) -> None:
    """What typing in or correcting a visit may not do: claim a spot check's finding, or
    overflow the 走访对象 column."""
    if outcome is VisitOutcome.DISPROVED:
        raise ValidationError(T("走访结果", "outcome"), outcome.label.zh, DISPROVED_BY_SPOT_CHECK)
    if met_with and len(met_with) > MET_WITH_LIMIT:
        raise ValidationError(MET_WITH, met_with, T(f"不能超过 {MET_WITH_LIMIT} 个字",
                                                    f"must be at most {MET_WITH_LIMIT} characters"))


def _household(session: Session, actor: Actor, draft: VisitDraft) -> Household:
    if draft.household_id is not None:
        # by id from the session's identity map: a batch visits the same households again
        household = session.get(Household, draft.household_id)
    else:
        household = household_by_code(session, actor, draft.household_code or "")
    if household is None:
        raise ValidationError(T("户编号", "household"), draft.household_code or draft.household_id or "",
                              T("台账中没有这一户", "is not in the register"))
    if not actor.sees(household.building.grid_id, f"household {household.code}"):
        raise PermissionDenied(user=actor.username, action=f"录入其他网格住户 {household.code} 的走访",
                               action_en=f"record visits to household {household.code} of another grid")
    return household


def prefetch_households(session: Session, household_ids: Iterable[int | None]) -> list[Household]:
    """Load households (with their buildings) by id, a chunk at a time.

    Bulk callers keep the returned list while they work: the session's identity map holds
    objects only while something refers to them, and every later lookup is then free.
    """
    ids = list(dict.fromkeys(i for i in household_ids if i is not None))
    loaded: list[Household] = []
    for start in range(0, len(ids), 500):
        loaded += session.scalars(
            select(Household).options(joinedload(Household.building))
            .where(Household.id.in_(ids[start:start + 500]))).all()
    return loaded


def check_visit(session: Session, actor: Actor, draft: VisitDraft, today: date | None = None) -> Household:
    """Refuse a visit that cannot be recorded (nothing is written); return its household.

    Importers call this while checking rows, so a sheet's bad rows are named before writing.
    """
    today = today or date.today()
    _check_texts(draft)
    household = _household(session, actor, draft)
    _check_date(household, draft.visit_date, today)
    if not [name for name in draft.team if name and name.strip()]:
        raise ValidationError(T("走访人员", "visit team"), "", T("至少填写一名工作人员",
                                                                 "needs at least one worker"))
    outcome = VisitOutcome(draft.outcome)
    _check_entered(outcome, draft.met_with)
    if draft.deceased_on is not None and outcome is not VisitOutcome.DECEASED:
        raise ValidationError(T("死亡日期", "date of death"), draft.deceased_on.isoformat(),
                              T("只有走访结果为“死亡”时才能填写", "only goes with outcome “found deceased”"))
    if draft.suspended_until is not None and outcome is not VisitOutcome.AWAY:
        raise ValidationError(T("暂停至", "suspended until"), draft.suspended_until.isoformat(),
                              T("只有走访结果为“外出/住院”时才能填写",
                                "only goes with outcome “away or in hospital”"))
    if draft.deceased_on is not None and draft.deceased_on > today:
        raise ValidationError(T("死亡日期", "date of death"), draft.deceased_on.isoformat(),
                              T("不能晚于今天", "must not be in the future"))
    if draft.suspended_until is not None and draft.suspended_until <= draft.visit_date:
        raise ValidationError(T("暂停至", "suspended until"), draft.suspended_until.isoformat(),
                              T("必须晚于走访日期", "must be after the visit date"))
    return household


class TeamRoles:
    """What each member of a visit's team is there as (the printed 民情日志 names it): their
    role among the standing contacts of the household's stairwell or building (楼门长, 社区民警
    ...), else the duty the office gave the worker (社工, 网格员 ...). Read once per building
    and batch."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._contacts: dict[int, dict[tuple[int, int | None], str]] = {}
        self._duties: dict[int, str | None] = {}

    def role(self, household: Household, worker_id: int) -> str | None:
        contacts = self._contacts.get(household.building_id)
        if contacts is None:
            contacts = {(worker, unit): ContactRole(role).label.zh
                        for worker, unit, role in self.session.execute(
                            select(StairwellContact.worker_id, StairwellContact.unit,
                                   StairwellContact.role)
                            .where(StairwellContact.building_id == household.building_id)
                            .order_by(StairwellContact.sort_order.desc()))}
            self._contacts[household.building_id] = contacts
        found = contacts.get((worker_id, household.unit)) or contacts.get((worker_id, None))
        if found:
            return found
        if worker_id not in self._duties:
            self._duties[worker_id] = self.session.scalar(
                select(Worker.duty).where(Worker.id == worker_id))
        return self._duties[worker_id]


_VISIT_TEXTS = (("notes", T("情况记录", "notes")), ("check_health", T("健康情况", "health")),
                ("check_safety", T("安全情况", "safety")), ("check_living", T("生活情况", "living")),
                ("check_family", T("家庭情况", "family")), ("check_needs", T("诉求", "needs")),
                ("hazards", T("隐患", "hazards")), ("met_with", T("走访对象", "person met")),
                ("difficulties", T("困难", "difficulties")),
                ("actions_taken", T("处理措施", "action taken")), ("action_result", T("处理结果", "result")),
                ("follow_up_plan", T("后续计划", "follow-up plan")))


def _check_texts(draft: VisitDraft) -> None:
    """No control characters and no text beyond its field's length, in anything typed."""
    for attribute, label in _VISIT_TEXTS:
        clean(getattr(draft, attribute, None), label, "visit_notes", multiline=True)
    for name in draft.team:
        clean(name, T("走访人员", "visit team"), "team_member")
    for person in draft.participants:
        clean(person.name, T("走访人员", "visit team"), "team_member")


def write_visit(session: Session, actor: Actor, draft: VisitDraft, today: date | None = None,
                workers: dict[tuple[int, str], int] | None = None) -> int:
    """Check and write one visit inside the caller's transaction; return its id.

    The caller has checked Permission.RECORD_VISIT. See :func:`write_visits`.
    """
    try:
        return write_visits(session, actor, [draft], today, workers)[0]
    except BatchRowError as error:
        raise error.error from None


def write_visits(session: Session, actor: Actor, drafts: Sequence[VisitDraft], today: date | None = None,
                 workers: dict[tuple[int, str], int] | None = None) -> list[int]:
    """Check and write visits inside the caller's transaction; return their ids in order.

    Writes each visit's team (new names become workers, audited), the household status
    change and the needs raised, each audited. A refused draft raises :class:`BatchRowError`
    with its 1-based position; the caller's transaction must then be rolled back. The visits
    are inserted with one flush for the whole batch (an import writes thousands).
    ``workers`` (community id, name) -> worker id is an optional cache for bulk callers; the
    workers created here are added to it.
    """
    pending: list[tuple[VisitDraft, Household, Visit, dict[str, Any] | None]] = []
    held = prefetch_households(session, (d.household_id for d in drafts))  # noqa: F841 - kept in the session
    roles = TeamRoles(session)
    for number, draft in enumerate(drafts, start=1):
        try:
            household = check_visit(session, actor, draft, today)
        except GridKeeperError as error:
            raise BatchRowError(row=number, error=error) from error
        visit = Visit(
            household_id=household.id, visit_date=draft.visit_date, visit_time=draft.visit_time,
            method=VisitMethod(draft.method).value, outcome=VisitOutcome(draft.outcome).value,
            notes=draft.notes, check_health=draft.check_health, check_safety=draft.check_safety,
            check_living=draft.check_living, check_family=draft.check_family,
            check_needs=draft.check_needs, hazards=draft.hazards, met_with=draft.met_with,
            difficulties=draft.difficulties, actions_taken=draft.actions_taken,
            action_result=draft.action_result, follow_up_plan=draft.follow_up_plan,
            follow_up_on=draft.follow_up_on,
            roster_number=draft.roster_number, recorded_by=actor.username,
        )
        for name in dict.fromkeys(name.strip() for name in draft.team if name and name.strip()):
            key = (household.community_id, name)
            worker_id = workers.get(key) if workers is not None else None
            if worker_id is None:
                worker_id = _worker(session, actor, household.community_id, name)
                if workers is not None:
                    workers[key] = worker_id
            visit.participants.append(VisitParticipant(
                name=name, worker_id=worker_id, duty=roles.role(household, worker_id)))
        for other in draft.participants:
            if other.name and other.name.strip():
                visit.participants.append(VisitParticipant(name=other.name.strip(), duty=other.duty))
        session.add(visit)
        before = None
        # the status changes at once on the household object, so a later draft of the same
        # batch is checked against it (no visit after the death it records)
        if draft.deceased_on is not None or draft.suspended_until is not None:
            before = audit_trail.snapshot(household)
            if draft.deceased_on is not None:
                household.status = HouseholdStatus.DECEASED.value
                household.status_since = draft.deceased_on
                household.status_until = None
            else:
                household.status = HouseholdStatus.SUSPENDED.value
                household.status_since = draft.visit_date
                household.status_until = draft.suspended_until
        pending.append((draft, household, visit, before))
    session.flush()
    audit_trail.record_many(session, actor, "insert", "visit",
                      ((visit.id, None, audit_trail.snapshot(visit)) for _, _, visit, _ in pending))
    now = datetime.now().replace(microsecond=0)
    for number, (draft, household, visit, before) in enumerate(pending, start=1):
        if before is not None:
            audit_trail.record(session, actor, "status", table="household", row_id=household.id,
                         before=before, after=audit_trail.snapshot(household), detail=f"visit {visit.id}")
        # a need raised on a visit was received when the visit took place, unless it says otherwise
        received = datetime.combine(draft.visit_date, draft.visit_time or time(9))
        for need in draft.needs:
            if need.received_at is None:
                need = replace(need, received_at=received)
            try:
                write_need(session, actor, need, household_id=household.id, visit_id=visit.id,
                           now=max(received, now))
            except GridKeeperError as error:
                raise BatchRowError(row=number, error=error) from error
    return [visit.id for _, _, visit, _ in pending]


class VisitService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # -- writing --------------------------------------------------------------------------

    def record_visit(self, draft: VisitDraft, today: date | None = None) -> int:
        self.actor.require(Permission.RECORD_VISIT)
        with self.db.transaction() as session:
            return write_visit(session, self.actor, draft, today)

    def record_batch(self, drafts: Sequence[VisitDraft], today: date | None = None) -> list[int]:
        """All visits or none: the first refused row raises :class:`BatchRowError` (1-based)."""
        self.actor.require(Permission.RECORD_VISIT)
        with self.db.transaction() as session:
            return write_visits(session, self.actor, drafts, today)

    def edit_visit(self, visit_id: int, version: int, changes: dict[str, Any],
                   today: date | None = None) -> None:
        """Change recorded fields (see EDITABLE) of a visit read at ``version``."""
        self.actor.require(Permission.RECORD_VISIT)
        unknown = set(changes) - EDITABLE
        if unknown:
            name = sorted(unknown)[0]
            raise ValidationError(T("字段", "field"), name, T("不能修改", "cannot be changed"))
        today = today or date.today()
        try:
            with self.db.transaction() as session:
                visit = self._get(session, visit_id)
                if visit.version != version:
                    raise ConcurrentEdit(what="走访记录", what_en="visit", key=visit_id)
                values = {k: (v.strip() or None) if isinstance(v, str) and k not in ("method", "outcome")
                          else v for k, v in changes.items()}
                if "method" in values:
                    values["method"] = VisitMethod(values["method"]).value
                if "outcome" in values:
                    values["outcome"] = VisitOutcome(values["outcome"]).value
                    if visit.outcome == VisitOutcome.DISPROVED and values["outcome"] != visit.outcome:
                        # undone only by recording the spot check's call again
                        raise ValidationError(T("走访结果", "outcome"), VisitOutcome.DISPROVED.label.zh,
                                              DISPROVED_BY_SPOT_CHECK)
                    if values["outcome"] != visit.outcome:
                        _check_entered(VisitOutcome(values["outcome"]), None)
                _check_entered(VisitOutcome.MET, values.get("met_with"))
                if "visit_date" in values:
                    _check_date(visit.household, values["visit_date"], today)
                before = audit_trail.snapshot(visit)
                for key, value in values.items():
                    setattr(visit, key, value)
                session.flush()
                audit_trail.record(session, self.actor, "update", table="visit", row_id=visit.id,
                             before=before, after=audit_trail.snapshot(visit))
        except StaleDataError:
            raise ConcurrentEdit(what="走访记录", what_en="visit", key=visit_id) from None

    def review(self, visit_id: int, comment: str, now: datetime | None = None) -> None:
        """A supervisor's comment (点评) on a visit."""
        self.actor.require(Permission.REVIEW_VISIT)
        if not (comment or "").strip():
            raise ValidationError(T("点评", "review comment"), comment or "",
                                  T("不能为空", "must not be empty"))
        try:
            with self.db.transaction() as session:
                visit = self._get(session, visit_id)
                before = audit_trail.snapshot(visit)
                visit.review_comment = comment.strip()
                visit.reviewed_by = self.actor.username
                visit.reviewed_at = now or datetime.now().replace(microsecond=0)
                session.flush()
                audit_trail.record(session, self.actor, "review", table="visit", row_id=visit.id,
                             before=before, after=audit_trail.snapshot(visit))
        except StaleDataError:
            raise ConcurrentEdit(what="走访记录", what_en="visit", key=visit_id) from None

    # -- reading --------------------------------------------------------------------------

    def _get(self, session: Session, visit_id: int) -> Visit:
        visit = session.get(Visit, visit_id)
        if visit is None or not self.actor.sees(visit.household.building.grid_id, f"visit {visit_id}"):
            raise NotFound(what="走访记录", what_en="visit", key=visit_id)
        return visit

    def visit_history(self, visit_id: int) -> list[HistoryLine]:
        """Every audited change of the visit, oldest first (the audit log is the history)."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            self._get(session, visit_id)
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.table_name == "visit", AuditEntry.row_id == visit_id)
                .order_by(AuditEntry.id)).all()
            return [HistoryLine(at=e.at, username=e.username, action=e.action,
                                before=json.loads(e.before) if e.before else None,
                                after=json.loads(e.after) if e.after else None) for e in entries]

    def list_visits(self, date_from: date, date_to: date, grid_id: int | None = None,
                    worker: str | None = None, outcome: VisitOutcome | str | None = None,
                    method: VisitMethod | str | None = None, household_id: int | None = None,
                    limit: int = 1000, offset: int = 0) -> list[VisitRow]:
        """Visits between two days (inclusive), newest first, as plain rows."""
        self.actor.require(Permission.VIEW_REGISTER)
        query = (
            select(Visit.id, Visit.version, Visit.household_id, Household.code, Grid.name,
                   Visit.visit_date, Visit.visit_time, Visit.method, Visit.outcome, Visit.notes,
                   Visit.reviewed_at, Grid.id.label("grid_id"))
            .join(Household, Household.id == Visit.household_id)
            .join(Building, Building.id == Household.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .where(Visit.visit_date >= date_from, Visit.visit_date <= date_to)
        )
        if grid_id is not None:
            query = query.where(Grid.id == grid_id)
        if self.actor.grid_ids is not None:
            query = query.where(Grid.id.in_(self.actor.grid_ids))
        if worker:
            query = query.where(Visit.id.in_(
                select(VisitParticipant.visit_id).where(VisitParticipant.name == worker)))
        if outcome is not None:
            query = query.where(Visit.outcome == str(outcome))
        if method is not None:
            query = query.where(Visit.method == str(method))
        if household_id is not None:
            query = query.where(Visit.household_id == household_id)
        query = query.order_by(Visit.visit_date.desc(), Visit.id.desc()).limit(limit).offset(offset)
        with self.db.reading() as session:
            rows = session.execute(query).all()
            teams: dict[int, list[str]] = {r.id: [] for r in rows}
            ids = list(teams)
            for start in range(0, len(ids), 500):
                for visit_id, name in session.execute(
                        select(VisitParticipant.visit_id, VisitParticipant.name)
                        .where(VisitParticipant.visit_id.in_(ids[start:start + 500]))
                        .order_by(VisitParticipant.id)):
                    teams[visit_id].append(name)
            grids = grid_labels(session, self.actor.grid_ids)  # two communities may each have a 第1网格
        return [VisitRow(id=r.id, version=r.version, household_id=r.household_id, household_code=r.code,
                         grid=grids.get(r.grid_id, r.name), visit_date=r.visit_date,
                         visit_time=r.visit_time, method=r.method, outcome=r.outcome,
                         team=tuple(teams[r.id]), notes=r.notes,
                         reviewed=r.reviewed_at is not None) for r in rows]

    def visit_detail(self, visit_id: int) -> VisitDetail:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            v = self._get(session, visit_id)
            needs = session.scalars(select(Need.number).where(Need.visit_id == v.id).order_by(Need.id)).all()
            head = session.scalar(select(Resident.name).where(
                Resident.household_id == v.household_id, Resident.is_head.is_(True)))
            check = session.scalars(select(SpotCheck).where(SpotCheck.visit_id == v.id)).first()
            return VisitDetail(
                id=v.id, version=v.version, household_id=v.household_id, household_code=v.household.code,
                grid=v.household.building.grid.name, visit_date=v.visit_date, visit_time=v.visit_time,
                method=v.method, outcome=v.outcome,
                team=tuple((p.name, p.duty, p.worker_id is not None) for p in v.participants),
                notes=v.notes, check_health=v.check_health, check_safety=v.check_safety,
                check_living=v.check_living, check_family=v.check_family, check_needs=v.check_needs,
                hazards=v.hazards, follow_up_on=v.follow_up_on, roster_number=v.roster_number,
                recorded_by=v.recorded_by, review_comment=v.review_comment, reviewed_by=v.reviewed_by,
                reviewed_at=v.reviewed_at, needs=tuple(needs), met_with=v.met_with,
                difficulties=v.difficulties, actions_taken=v.actions_taken,
                action_result=v.action_result, follow_up_plan=v.follow_up_plan,
                address=address_text(v.household.building.estate.name, v.household.building.number,
                                     v.household.unit, v.household.room), head=head or "",
                spot_check=None if check is None else (check.result or ""),
            )
