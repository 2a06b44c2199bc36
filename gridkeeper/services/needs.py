"""Needs (诉求): received, handled and closed, one audited transaction per step; and the 三率.

Every need gets a ledger number "SQ{year}-{seq:06d}", continuing after the highest number of
its year. A need moves open -> in_progress -> resolved -> closed, or from open / in_progress
to rejected; each step carries the version it was read at (optimistic concurrency).

The three rates (三率) for needs received in a period (``received_at`` between the first and
the last day, inclusive), optionally one grid's:

* response rate (响应率) = needs responded to within the response limit / needs received.
  The limit is Setting "need_response_working_days" (default 1) working days, Monday to
  Friday, counted from the day the need was received: a need counts when ``responded_at``
  falls on or before the end of the N-th working day after the received day (public holidays
  are not known to the program).
* resolution rate (解决率) = needs resolved (``resolved_at`` set) on or before their deadline
  day, or resolved at all when they have no deadline / needs received, rejected ones excluded.
* satisfaction rate (满意率) = needs closed with a rating of 满意 or 基本满意 / closed needs
  with a rating.

A rate whose denominator is 0 is None (shown as "—"), never 0 % or 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gridkeeper.domain.enums import NeedChannel, NeedStatus, Satisfaction
from gridkeeper.domain.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.needs import (
    TRANSITIONS,
    NeedDraft,
    TransitionRefused,
    count_rates,
)
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services.hot_spots import HotSpot, find_hot_spots
from gridkeeper.services.register import default_community, ensure_worker
from gridkeeper.services.settings import NEED_RESPONSE_KEY, office_number
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Grid,
    Household,
    Need,
    NeedCategory,
    Worker,
)


@dataclass(frozen=True)
class NeedRow:
    id: int
    version: int
    number: str
    status: str
    channel: str
    category: str
    description: str
    household_code: str | None
    address: str | None
    grid: str | None
    received_at: datetime
    deadline: date | None
    handler: str | None
    responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str | None
    rejected_reason: str | None
    satisfaction: str | None
    visit_id: int | None


@dataclass(frozen=True)
class NeedAge:
    """Open needs (open or in progress) received ``days_from``..``days_to`` days ago."""

    label: T
    days_from: int
    days_to: int | None
    numbers: tuple[str, ...]  # need numbers, oldest first
    past_deadline: int


AGE_BUCKETS = ((0, 7, T("7天内", "up to 7 days")), (8, 30, T("8–30天", "8–30 days")),
               (31, 90, T("31–90天", "31–90 days")), (91, None, T("90天以上", "over 90 days")))


@dataclass(frozen=True)
class ThreeRates:
    """Counts and rates (0..1, None when nothing to divide by) of the 三率."""

    received: int
    responded_in_time: int
    counted_for_resolution: int  # received minus rejected
    resolved_in_time: int
    rated: int
    satisfied: int  # 满意 + 基本满意
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None


def next_number(session: Session, year: int) -> str:
    """The next ledger number of ``year``: one after the highest "SQ{year}-NNNNNN" there is."""
    prefix = f"SQ{year}-"
    highest = session.scalars(
        select(Need.number).where(Need.number.like(prefix + "%"))
        .order_by(Need.number.desc()).limit(1)
    ).first()
    seq = 0
    if highest is not None:
        try:
            seq = int(highest[len(prefix):])
        except ValueError:
            seq = 0
    return f"{prefix}{seq + 1:06d}"


def _household(session: Session, actor: Actor, code: str | None, household_id: int | None
               ) -> Household | None:
    if household_id is None and not code:
        return None
    query = select(Household)
    query = query.where(Household.id == household_id) if household_id is not None \
        else query.where(Household.code == code)
    found = session.scalars(query).first()
    if found is None:
        raise ValidationError(T("户编号", "household"), code or household_id,
                              T("台账中没有这一户", "is not in the register"))
    if not actor.sees_grid(found.building.grid_id):
        raise PermissionDenied(user=actor.username, action=f"办理其他网格住户 {found.code} 的事务",
                               action_en=f"act on household {found.code} of another grid")
    return found


def write_need(session: Session, actor: Actor, draft: NeedDraft, *,
               household_id: int | None = None, visit_id: int | None = None,
               now: datetime | None = None) -> int:
    """Record a need inside the caller's transaction (the visit service and importer call this)."""
    now = now or datetime.now().replace(microsecond=0)
    household = _household(session, actor, draft.household_code,
                           household_id if household_id is not None else draft.household_id)
    if household is None and not (draft.address or "").strip():
        raise ValidationError(T("地址", "address"), "",
                              T("没有户编号时必须填写地址", "is required when there is no household"))
    description = (draft.description or "").strip()
    if not description:
        raise ValidationError(T("诉求内容", "description"), "", T("不能为空", "must not be empty"))
    category_id = session.scalars(
        select(NeedCategory.id).where(NeedCategory.code == draft.category)).first()
    if category_id is None:
        raise ValidationError(T("诉求类别", "need category"), draft.category,
                              T("不是已有的类别", "is not a known category"))
    channel = NeedChannel(draft.channel)
    received_at = draft.received_at or now
    if received_at > now:
        raise ValidationError(T("受理时间", "received at"), received_at.isoformat(" "),
                              T("不能晚于现在", "must not be in the future"))
    if draft.deadline is not None and draft.deadline < received_at.date():
        raise ValidationError(T("办理时限", "deadline"), draft.deadline.isoformat(),
                              T("不能早于受理日期", "must not be before the day received"))
    community_id = household.community_id if household else default_community(session).id
    handler_id = None
    if draft.handler and draft.handler.strip():
        handler_id = _worker(session, actor, community_id, draft.handler.strip())
    need = Need(
        community_id=community_id, number=next_number(session, received_at.year),
        household_id=household.id if household else None,
        address=(draft.address or "").strip() or None, contact_name=draft.contact_name,
        contact_phone=draft.contact_phone, channel=channel.value, category_id=category_id,
        description=description, received_at=received_at, deadline=draft.deadline,
        handler_id=handler_id, status=NeedStatus.OPEN.value, visit_id=visit_id,
    )
    session.add(need)
    session.flush()
    audit_trail.record(session, actor, "insert", table="need", row_id=need.id,
                       after=audit_trail.snapshot(need))
    return need.id


def _worker(session: Session, actor: Actor, community_id: int, name: str) -> int:
    """The worker of that name, created (and audited) when the office does not have one yet."""
    known = session.scalars(
        select(Worker.id).where(Worker.community_id == community_id, Worker.name == name)).first()
    if known is not None:
        return known
    worker = ensure_worker(session, community_id, name)
    audit_trail.record(session, actor, "insert", table="worker", row_id=worker.id,
                 after=audit_trail.snapshot(worker))
    return worker.id


def response_days(session: Session) -> int:
    return office_number(session, NEED_RESPONSE_KEY)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class NeedService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def raise_need(self, draft: NeedDraft, now: datetime | None = None) -> int:
        """Record a received need; return its id (its number is in :meth:`need`)."""
        self.actor.require(Permission.MANAGE_NEEDS)
        with self.db.transaction() as session:
            return write_need(session, self.actor, draft, now=now)

    # -- the steps ------------------------------------------------------------------------

    def start(self, need_id: int, version: int, now: datetime | None = None) -> None:
        """open -> in_progress (受理): the response time is now."""
        self._move(need_id, version, NeedStatus.IN_PROGRESS, now, {})

    def resolve(self, need_id: int, version: int, resolution: str, now: datetime | None = None) -> None:
        """in_progress -> resolved, with what was done."""
        if not (resolution or "").strip():
            raise ValidationError(T("办理结果", "resolution"), resolution or "",
                                  T("解决时必须填写", "is required to resolve a need"))
        self._move(need_id, version, NeedStatus.RESOLVED, now, {"resolution": resolution.strip()})

    def close(self, need_id: int, version: int, satisfaction: Satisfaction | str,
              now: datetime | None = None) -> None:
        """resolved -> closed (办结), with the resident's rating."""
        try:
            rating = Satisfaction(satisfaction) if satisfaction else None
        except ValueError:
            rating = None
        if rating is None:
            raise ValidationError(T("满意度", "satisfaction"), satisfaction or "",
                                  T("办结时必须选择满意、基本满意或不满意",
                                    "is required to close: satisfied, basically or unsatisfied"))
        self._move(need_id, version, NeedStatus.CLOSED, now, {"satisfaction": rating.value})

    def reject(self, need_id: int, version: int, reason: str, now: datetime | None = None) -> None:
        """open / in_progress -> rejected (不予受理), with the reason."""
        if not (reason or "").strip():
            raise ValidationError(T("不予受理理由", "reason for rejecting"), reason or "",
                                  T("必须填写", "is required"))
        self._move(need_id, version, NeedStatus.REJECTED, now, {"rejected_reason": reason.strip()})

    def _move(self, need_id: int, version: int, wanted: NeedStatus, now: datetime | None,
              values: dict[str, Any]) -> None:
        self.actor.require(Permission.MANAGE_NEEDS)
        now = now or datetime.now().replace(microsecond=0)
        try:
            with self.db.transaction() as session:
                need = self._get(session, need_id)
                if need.version != version:
                    raise ConcurrentEdit(what="诉求", what_en="need", key=need.number)
                current = NeedStatus(need.status)
                if wanted not in TRANSITIONS[current]:
                    raise TransitionRefused(need.number, current, wanted)
                before = audit_trail.snapshot(need)
                need.status = wanted.value
                stamp = {NeedStatus.IN_PROGRESS: "responded_at", NeedStatus.RESOLVED: "resolved_at",
                         NeedStatus.CLOSED: "closed_at"}.get(wanted)
                if stamp is not None:
                    setattr(need, stamp, now)
                for key, value in values.items():
                    setattr(need, key, value)
                session.flush()
                audit_trail.record(session, self.actor, "status", table="need", row_id=need.id,
                             before=before, after=audit_trail.snapshot(need))
        except StaleDataError:
            raise ConcurrentEdit(what="诉求", what_en="need", key=need_id) from None

    def _get(self, session: Session, need_id: int) -> Need:
        need = session.get(Need, need_id)
        if need is None or not self._sees(need):
            raise NotFound(what="诉求", what_en="need", key=need_id)
        return need

    def _sees(self, need: Need) -> bool:
        # walk-ins without a household belong to the whole office
        return need.household is None or self.actor.sees_grid(need.household.building.grid_id)

    # -- reading --------------------------------------------------------------------------

    def _query(self) -> Any:
        return (
            select(Need, NeedCategory.code, Household.code, Grid.id, Grid.name, Worker.name)
            .join(NeedCategory, NeedCategory.id == Need.category_id)
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .outerjoin(Worker, Worker.id == Need.handler_id)
        )

    def _scoped(self, query: Any, grid_id: int | None) -> Any:
        if grid_id is not None:
            query = query.where(Grid.id == grid_id)
        if self.actor.grid_ids is not None:
            query = query.where((Grid.id.in_(self.actor.grid_ids)) | (Need.household_id.is_(None)))
        return query

    def categories(self) -> list[tuple[str, T]]:
        """The need categories (code, name) in the office's order, for lists and labels."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            rows = session.execute(select(NeedCategory.code, NeedCategory.name_zh, NeedCategory.name_en)
                                   .order_by(NeedCategory.sort_order, NeedCategory.id)).all()
        return [(code, T(zh, en)) for code, zh, en in rows]

    def need(self, need_id: int) -> NeedRow:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            row = session.execute(self._scoped(self._query().where(Need.id == need_id), None)).first()
            if row is None:
                raise NotFound(what="诉求", what_en="need", key=need_id)
            return _row(*row)

    def list_needs(self, status: NeedStatus | str | None = None, channel: NeedChannel | str | None = None,
                   category: str | None = None, grid_id: int | None = None,
                   overdue_on: date | None = None, received_from: date | None = None,
                   received_to: date | None = None, limit: int = 1000, offset: int = 0) -> list[NeedRow]:
        """Needs as plain rows, newest first. ``overdue_on``: still open or in progress with
        a deadline before that day."""
        self.actor.require(Permission.VIEW_REGISTER)
        query = self._scoped(self._query(), grid_id)
        if status is not None:
            query = query.where(Need.status == str(status))
        if channel is not None:
            query = query.where(Need.channel == str(channel))
        if category is not None:
            query = query.where(NeedCategory.code == category)
        if overdue_on is not None:
            query = query.where(Need.status.in_([NeedStatus.OPEN.value, NeedStatus.IN_PROGRESS.value]),
                                Need.deadline < overdue_on)
        if received_from is not None:
            query = query.where(Need.received_at >= datetime.combine(received_from, time()))
        if received_to is not None:
            query = query.where(Need.received_at < datetime.combine(received_to, time.max))
        query = query.order_by(Need.received_at.desc(), Need.id.desc()).limit(limit).offset(offset)
        with self.db.reading() as session:
            return [_row(*r) for r in session.execute(query)]

    def rates(self, date_from: date, date_to: date, grid_id: int | None = None) -> ThreeRates:
        """The 三率 of needs received from ``date_from`` to ``date_to`` (see the module docstring)."""
        self.actor.require(Permission.VIEW_REPORTS)
        query = (
            select(Need.received_at, Need.responded_at, Need.resolved_at, Need.deadline,
                   Need.status, Need.satisfaction)
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .where(Need.received_at >= datetime.combine(date_from, time()),
                   Need.received_at <= datetime.combine(date_to, time.max))
        )
        query = self._scoped(query, grid_id)
        with self.db.reading() as session:
            days = response_days(session)
            # plain tuples of six columns: a street's needs for a year fit in memory easily,
            # and the working-day arithmetic is the same on SQLite and PostgreSQL this way
            rows = session.execute(query).all()
        c = count_rates(rows, days)
        return ThreeRates(
            received=c.received, responded_in_time=c.responded_in_time,
            counted_for_resolution=c.counted_for_resolution, resolved_in_time=c.resolved_in_time,
            rated=c.rated, satisfied=c.satisfied,
            response_rate=_rate(c.responded_in_time, c.received),
            resolution_rate=_rate(c.resolved_in_time, c.counted_for_resolution),
            satisfaction_rate=_rate(c.satisfied, c.rated),
        )

    def open_by_age(self, today: date | None = None) -> list[NeedAge]:
        """Open needs by how long ago they were received, with how many are past their
        deadline: the supervisor's view of what is left waiting."""
        self.actor.require(Permission.VIEW_REGISTER)
        today = today or date.today()
        query = self._scoped(
            select(Need.number, Need.received_at, Need.deadline)
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .where(Need.status.in_([NeedStatus.OPEN.value, NeedStatus.IN_PROGRESS.value]))
            .order_by(Need.received_at, Need.id), None)
        with self.db.reading() as session:
            rows = session.execute(query).all()
        waited = [(number, (today - received.date()).days, deadline) for number, received, deadline in rows]
        ages = []
        for low, high, label in AGE_BUCKETS:
            inside = [(n, d) for n, days, d in waited if low <= days and (high is None or days <= high)]
            ages.append(NeedAge(label, low, high, tuple(n for n, _d in inside),
                                sum(1 for _n, d in inside if d is not None and d < today)))
        return ages

    def hot_spots(self, day: date | None = None) -> list[HotSpot]:
        """The hot spots in the grids the actor sees as they stand at the end of ``day``
        (default today): see gridkeeper/services/hot_spots.py."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            return find_hot_spots(session, day or date.today(), self.actor.grid_ids)

    def count_open(self) -> int:
        with self.db.reading() as session:
            query = self._scoped(
                select(func.count(Need.id)).outerjoin(Household, Household.id == Need.household_id)
                .outerjoin(Building, Building.id == Household.building_id)
                .outerjoin(Grid, Grid.id == Building.grid_id)
                .where(Need.status.in_([NeedStatus.OPEN.value, NeedStatus.IN_PROGRESS.value])), None)
            return int(session.scalar(query) or 0)


def _row(need: Need, category: str, household_code: str | None, _grid_id: int | None,
         grid: str | None, handler: str | None) -> NeedRow:
    return NeedRow(
        id=need.id, version=need.version, number=need.number, status=need.status,
        channel=need.channel, category=category, description=need.description,
        household_code=household_code, address=need.address, grid=grid,
        received_at=need.received_at, deadline=need.deadline, handler=handler,
        responded_at=need.responded_at, resolved_at=need.resolved_at, closed_at=need.closed_at,
        resolution=need.resolution, rejected_reason=need.rejected_reason,
        satisfaction=need.satisfaction, visit_id=need.visit_id,
    )
