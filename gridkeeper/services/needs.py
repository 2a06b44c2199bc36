"""Needs (诉求) followed to closure the 接诉即办 way: received, assigned, sent on and returned,
escalated, resolved, called back, reopened; each step one audited transaction that also
writes the step into the need's history (``need_event``). And the three rates (三率).

Every need gets a ledger number "SQ{year}-{seq:06d}", continuing after the highest number of
its year; a hotline ticket keeps its own 工单号 too (unique per channel). The steps and
states are in :mod:`gridkeeper.domain.needs`; each step carries the version it was read at
(optimistic concurrency). Roles: handling needs takes ``MANAGE_NEEDS`` (staff and grid
leaders; a grid leader only in their grids, walk-ins without a household belong to the whole
office); supervisors read.

Deadlines: a need gets the deadline it is given, else the stricter of its category's and its
channel's limit (working days, office settings). The response is due within
``need_response_working_days`` working days; the callback within
``needs.callback_working_days`` working days after the resolution.

The three rates for needs received in a period are defined in docs/three-rates.md and
counted by :func:`gridkeeper.domain.needs.count_rates`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, literal, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import NeedChannel, NeedEventKind, NeedStatus, Satisfaction
from gridkeeper.domain.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.needs import (
    HANDLING,
    STEP_FROM,
    TRANSITIONS,
    UNFINISHED,
    NeedDraft,
    NextDeadline,
    RateCounts,
    StepRefused,
    TransitionRefused,
    add_working_days,
    count_rates,
    default_deadline,
    may_call,
    next_deadline,
)
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.domain.text import clean
from gridkeeper.services import audit_trail
from gridkeeper.services.grid_names import grid_labels
from gridkeeper.services.hot_spots import HotSpot, find_hot_spots
from gridkeeper.services.need_matching import EstateNames, by_address, by_phone, phone_text
from gridkeeper.services.register import default_community, ensure_worker, household_by_code
from gridkeeper.services.settings import (
    NEED_CALLBACK_KEY,
    NEED_RESPONSE_KEY,
    channel_deadline_key,
    office_number,
    office_values,
)
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Estate,
    Grid,
    Household,
    Need,
    NeedCategory,
    NeedEvent,
    NeedHelper,
    Resident,
    Worker,
)

GROUPINGS = ("grid", "category", "handler")
NEAR_DAYS = 2  # a deadline this close is shown as near (the board and the dashboard)
DESCRIPTION_LIMIT = 5000  # characters of a need's text (a ticket's content fits many times)
BOARD_LIMIT = 20_000  # the board sorts by deadline in Python: a street's unfinished needs fit


@dataclass(frozen=True)
class NeedRow:
    """A need as the board, the detail pane and the exports show it (plain data)."""

    id: int
    version: int
    number: str
    status: str
    channel: str
    category: str
    description: str
    household_id: int | None
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
    ticket_no: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    category_text: str | None = None
    unlinked: str | None = None
    sent_to: str | None = None
    escalated_at: datetime | None = None
    escalation_reason: str | None = None
    callback_due: date | None = None
    called_back_at: datetime | None = None
    reopened: int = 0
    response_due: date | None = None
    next_deadline: NextDeadline | None = None


@dataclass(frozen=True)
class NeedEventRow:
    """One line of a need's history."""

    at: datetime
    kind: str  # NeedEventKind
    actor: str | None
    party: str | None
    text: str | None
    rating: str | None


@dataclass(frozen=True)
class HouseholdChoice:
    """A household a need may come from, for the person to confirm at intake."""

    id: int
    code: str
    grid: str
    address: str
    head: str
    how: str  # "address" or "phone"


@dataclass(frozen=True)
class NeedAge:
    """Unfinished needs (still being handled) received ``days_from``..``days_to`` days ago."""

    label: T
    days_from: int
    days_to: int | None
    numbers: tuple[str, ...]  # need numbers, oldest first
    past_deadline: int
    near_deadline: int = 0  # due today or within NEAR_DAYS days


AGE_BUCKETS = ((0, 7, T("7天内", "up to 7 days")), (8, 30, T("8–30天", "8–30 days")),
               (31, 90, T("31–90天", "31–90 days")), (91, None, T("90天以上", "over 90 days")))


@dataclass(frozen=True)
class RateGroup:
    label: T  # a grid's, category's or handler's name, or "no household" / "not assigned"
    counts: RateCounts


@dataclass(frozen=True)
class NeedRates:
    """The three rates of a period per group (grid, category or handler) and in total."""

    period: Span
    by: str
    groups: tuple[RateGroup, ...]
    total: RateCounts


# the groups of needs without a household (so without a grid) and without a handler
_NO_HOUSEHOLD, _NO_HANDLER = "（未关联住户）", "（未分派）"
_NO_GROUP = {_NO_HOUSEHOLD: T("（未关联住户）", "(no household)"),
             _NO_HANDLER: T("（未分派）", "(not assigned)")}


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
    found = session.get(Household, household_id) if household_id is not None \
        else household_by_code(session, actor, code or "")
    if found is None:
        raise ValidationError(T("户编号", "household"), code or household_id,
                              T("台账中没有这一户", "is not in the register"))
    if not actor.sees(found.building.grid_id, f"household {found.code}"):
        raise PermissionDenied(user=actor.username, action=f"办理其他网格住户 {found.code} 的事务",
                               action_en=f"act on household {found.code} of another grid")
    return found


def deadline_for(session: Session, category: str, channel: NeedChannel | str,
                 received: date) -> date | None:
    """The default deadline of a need of ``category`` from ``channel`` received on ``received``."""
    days = session.scalars(select(NeedCategory.deadline_days)
                           .where(NeedCategory.code == category)).first()
    value = office_values(session).get(channel_deadline_key(str(channel)), "")
    return default_deadline(received, days, int(value) if value.isdigit() else None)


def record_event(session: Session, actor: Actor, need: Need, kind: NeedEventKind, at: datetime,
                 party: str | None = None, text: str | None = None, rating: str | None = None
                 ) -> None:
    """Write a step into the need's history (inside the step's transaction)."""
    session.add(NeedEvent(need_id=need.id, at=at, kind=kind.value, actor=actor.username,
                          party=party, text=text, rating=rating))


def check_draft(session: Session, draft: NeedDraft, now: datetime) -> tuple[int, datetime]:
    """The draft's category id and received time, or the :class:`ValidationError` naming
    the field at fault (intake and the hotline import check alike)."""
    for label, value, limit in ((T("诉求内容", "description"), draft.description, "need"),
                                (T("地址", "address"), draft.address, 200),
                                (T("联系人", "contact"), draft.contact_name, "name"),
                                (T("承办人", "handler"), draft.handler, "worker")):
        clean(value, label, limit, multiline=limit == "need")  # no control characters, not too long
    if not (draft.description or "").strip():
        raise ValidationError(T("诉求内容", "description"), "", T("不能为空", "must not be empty"))
    for value, field, longest in (
            (draft.description, T("诉求内容", "description"), DESCRIPTION_LIMIT),
            (draft.address, T("地址", "address"), 200), (draft.contact_name, T("诉求人", "person"), 50),
            (draft.contact_phone, T("联系电话", "phone"), 20),
            (draft.category_text, T("类别", "category"), 60), (draft.handler, T("承办人", "handler"), 50)):
        if value is not None and len(value.strip()) > longest:
            raise ValidationError(field, value[:20] + "…",
                                  T(f"最长{longest}个字", f"is longer than {longest} characters"))
    category_id = session.scalars(
        select(NeedCategory.id).where(NeedCategory.code == draft.category)).first()
    if category_id is None:
        raise ValidationError(T("诉求类别", "need category"), draft.category,
                              T("不是已有的类别", "is not a known category"))
    received_at = draft.received_at or now
    if received_at > now:
        raise ValidationError(T("受理时间", "received at"), received_at.isoformat(" "),
                              T("不能晚于现在", "must not be in the future"))
    if draft.deadline is not None and draft.deadline < received_at.date():
        raise ValidationError(T("办理时限", "deadline"), draft.deadline.isoformat(),
                              T("不能早于受理日期", "must not be before the day received"))
    if draft.ticket_no is not None and len(draft.ticket_no.strip()) > 40:
        raise ValidationError(T("工单号", "ticket number"), draft.ticket_no,
                              T("最长40个字符", "is longer than 40 characters"))
    return category_id, received_at


def write_need(session: Session, actor: Actor, draft: NeedDraft, *,
               household_id: int | None = None, visit_id: int | None = None,
               now: datetime | None = None, unlinked: str | None = None) -> int:
    """Record a need inside the caller's transaction (the visit service and the hotline
    import call this); ``unlinked`` says why an imported need has no household."""
    now = now or datetime.now().replace(microsecond=0)
    household = _household(session, actor, draft.household_code,
                           household_id if household_id is not None else draft.household_id)
    if household is None and not (draft.address or "").strip():
        raise ValidationError(T("地址", "address"), "",
                              T("没有户编号时必须填写地址", "is required when there is no household"))
    category_id, received_at = check_draft(session, draft, now)
    channel = NeedChannel(draft.channel)
    ticket = (draft.ticket_no or "").strip() or None
    if ticket is not None and session.scalars(select(Need.number).where(
            Need.channel == channel.value, Need.ticket_no == ticket)).first() is not None:
        raise ValidationError(T("工单号", "ticket number"), ticket,
                              T("该渠道已有此工单号", "is already recorded for this channel"))
    # a walk-in without a household belongs to the community of whoever takes it in
    community_id = (household.community_id if household else
                    actor.community_id or default_community(session).id)
    handler_id = None
    if draft.handler and draft.handler.strip():
        handler_id = _worker(session, actor, community_id, draft.handler.strip())
    deadline = draft.deadline or deadline_for(session, draft.category, channel, received_at.date())
    need = Need(
        community_id=community_id, number=next_number(session, received_at.year),
        household_id=household.id if household else None,
        address=(draft.address or "").strip() or None, contact_name=draft.contact_name,
        contact_phone=draft.contact_phone, channel=channel.value, category_id=category_id,
        description=draft.description.strip(), received_at=received_at, deadline=deadline,
        handler_id=handler_id, status=NeedStatus.OPEN.value, visit_id=visit_id, ticket_no=ticket,
        category_text=(draft.category_text or "").strip() or None,
        unlinked=unlinked if household is None else None, reopened=0,
    )
    session.add(need)
    session.flush()
    record_event(session, actor, need, NeedEventKind.RECEIVED, received_at,
                 party=NeedChannel(channel).label.zh, text=ticket)
    if handler_id is not None:
        record_event(session, actor, need, NeedEventKind.ASSIGNED, now, party=draft.handler)
    audit_trail.record(session, actor, "insert", table="need", row_id=need.id,
                       after=audit_trail.snapshot(need))
    return need.id


def _worker(session: Session, actor: Actor, community_id: int, name: str) -> int:
    """The worker of that name, created (and audited) when the office does not have one yet."""
    if len(name) > 50:
        raise ValidationError(T("工作人员", "worker"), name[:20] + "…",
                              T("最长50个字", "is longer than 50 characters"))
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


def _required(text: str | None, field: T, why: T) -> str:
    if not (text or "").strip():
        raise ValidationError(field, text or "", why)
    if len((text or "").strip()) > DESCRIPTION_LIMIT:
        raise ValidationError(field, (text or "")[:20] + "…", T(
            f"最长{DESCRIPTION_LIMIT}个字", f"is longer than {DESCRIPTION_LIMIT} characters"))
    return (text or "").strip()


_REQUIRED = T("必须填写", "is required")


def visible_needs(actor: Actor) -> Any:
    """SQL condition on a query joining Need to its household's Grid (outer): the needs
    ``actor`` sees. A need without a household is its community's: a grid leader sees those
    of every community they work in, an account of one community only that one's."""
    if actor.grid_ids is None:
        return true()
    unattached = Need.household_id.is_(None)
    if actor.community_id is not None:
        unattached = unattached & (Need.community_id == actor.community_id)
    return Grid.id.in_(sorted(actor.grid_ids)) | unattached


class NeedService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # -- intake ---------------------------------------------------------------------------

    def raise_need(self, draft: NeedDraft, now: datetime | None = None) -> int:
        """Record a received need; return its id (its number is in :meth:`need`)."""
        self.actor.require(Permission.MANAGE_NEEDS)
        with self.db.transaction() as session:
            return write_need(session, self.actor, draft, now=now)

    def default_deadline(self, category: str, channel: NeedChannel | str,
                         received: date | None = None) -> date | None:
        """The deadline intake proposes for a need of ``category`` from ``channel``."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            return deadline_for(session, category, channel, received or date.today())

    def default_callback_due(self, resolved: date | None = None) -> date:
        """When a need resolved on ``resolved`` (default today) is to be called back."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            return add_working_days(resolved or date.today(), office_number(session, NEED_CALLBACK_KEY))

    def find_households(self, address: str | None = None, phone: str | None = None
                        ) -> list[HouseholdChoice]:
        """Households an address or phone points to (those the actor sees), address matches
        first, for the person taking the need to confirm one."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            at = by_address(session, address, EstateNames(session), self.actor.grid_ids)
            calling = [h for h in by_phone(session, phone, self.actor.grid_ids) if h not in at]
            how = {**{h: "phone" for h in calling}, **{h: "address" for h in at}}
            if not how:
                return []
            heads = dict(session.execute(select(Resident.household_id, Resident.name).where(
                Resident.household_id.in_(list(how)), Resident.is_head.is_(True))).all())
            rows = session.execute(
                select(Household.id, Household.code, Grid.name, Estate.name, Building.number,
                       Household.unit, Household.room)
                .join(Building, Building.id == Household.building_id)
                .join(Estate, Estate.id == Building.estate_id)
                .join(Grid, Grid.id == Building.grid_id).where(Household.id.in_(list(how)))).all()
        found = {hid: HouseholdChoice(hid, code, grid, address_text(estate, number, unit, room),
                                      heads.get(hid, ""), how[hid])
                 for hid, code, grid, estate, number, unit, room in rows}
        return [found[h] for h in [*at, *calling] if h in found]

    # -- the steps ------------------------------------------------------------------------

    def start(self, need_id: int, version: int, now: datetime | None = None) -> None:
        """open -> in_progress (受理): the response."""
        self._move(need_id, version, NeedStatus.IN_PROGRESS, now, NeedEventKind.STARTED)

    def send_on(self, need_id: int, version: int, department: str, note: str | None = None,
                now: datetime | None = None) -> None:
        """派单: open / in progress -> sent on to a department or the street office."""
        department = _required(department, T("派往单位", "sent to"), _REQUIRED)
        if len(department) > 100:
            raise ValidationError(T("派往单位", "sent to"), department,
                                  T("最长100个字符", "is longer than 100 characters"))
        self._move(need_id, version, NeedStatus.SENT_ON, now, NeedEventKind.SENT_ON,
                   {"sent_to": department}, party=department, text=(note or "").strip() or None)

    def returned(self, need_id: int, version: int, reason: str, now: datetime | None = None) -> None:
        """退回: the department sends it back, with its reason; the community handles it again."""
        reason = _required(reason, T("退回理由", "reason for returning"), _REQUIRED)

        def back(_session: Session, need: Need) -> dict[str, Any]:
            return {"sent_to": None, "_party": need.sent_to}

        self._move(need_id, version, NeedStatus.IN_PROGRESS, now, NeedEventKind.RETURNED,
                   back, text=reason)

    def resolve(self, need_id: int, version: int, resolution: str, now: datetime | None = None,
                callback_due: date | None = None) -> None:
        """in progress / sent on -> resolved, with the 处理结果; the callback is scheduled."""
        if not (resolution or "").strip():
            raise ValidationError(T("办理结果", "resolution"), resolution or "",
                                  T("解决时必须填写", "is required to resolve a need"))
        moment = now or datetime.now().replace(microsecond=0)
        if callback_due is not None and callback_due < moment.date():
            raise ValidationError(T("回访日期", "callback day"), callback_due.isoformat(),
                                  T("不能早于今天", "must not be before today"))

        def values(session: Session, need: Need) -> dict[str, Any]:
            due = callback_due or add_working_days(moment.date(),
                                                   office_number(session, NEED_CALLBACK_KEY))
            return {"resolution": resolution.strip(), "callback_due": due, "_party": need.sent_to}

        self._move(need_id, version, NeedStatus.RESOLVED, moment, NeedEventKind.RESOLVED, values,
                   text=resolution.strip())

    def call_back(self, need_id: int, version: int, satisfaction: Satisfaction | str,
                  comment: str | None = None, now: datetime | None = None) -> None:
        """回访: the resident's rating. 满意 / 基本满意 close the need; 不满意 reopens it."""
        try:
            rating = Satisfaction(satisfaction) if satisfaction else None
        except ValueError:
            rating = None
        if rating is None:
            raise ValidationError(T("满意度", "satisfaction"), satisfaction or "",
                                  T("回访时必须选择满意、基本满意或不满意",
                                    "is required at the callback: satisfied, basically or unsatisfied"))
        moment = now or datetime.now().replace(microsecond=0)
        stamp = {"satisfaction": rating.value, "called_back_at": moment}
        text = (comment or "").strip() or None
        if rating is Satisfaction.UNSATISFIED:
            def reopen(_session: Session, need: Need) -> dict[str, Any]:
                return {**stamp, "resolved_at": None, "resolution": None, "callback_due": None,
                        "reopened": need.reopened + 1}

            self._move(need_id, version, NeedStatus.IN_PROGRESS, moment, NeedEventKind.CALLED_BACK,
                       reopen, text=text, rating=rating.value, then=NeedEventKind.REOPENED)
        else:
            self._move(need_id, version, NeedStatus.CLOSED, moment, NeedEventKind.CALLED_BACK,
                       stamp, text=text, rating=rating.value)

    def move_callback(self, need_id: int, version: int, day: date, reason: str,
                      now: datetime | None = None) -> None:
        """Put the callback (回访) of a resolved need off or bring it forward to ``day``, with
        the reason (the resident is away, asked to be called later, ...): in its history and
        the audit log with the day it had."""
        reason = _required(reason, T("改期理由", "reason for moving the callback"), _REQUIRED)
        moment = now or datetime.now().replace(microsecond=0)
        if day < moment.date():
            raise ValidationError(T("回访日期", "callback day"), day.isoformat(),
                                  T("不能早于今天", "must not be before today"))

        def change(_session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            if need.callback_due == day:
                raise ValidationError(T("回访日期", "callback day"), day.isoformat(),
                                      T("已是这一天", "is already the callback day"))
            before = need.callback_due.isoformat() if need.callback_due else "—"
            need.callback_due = day
            return NeedEventKind.CALLBACK_MOVED, f"{before} → {day.isoformat()}", reason

        self._step(need_id, version, moment, change, T("改期回访", "given a new callback day"),
                   (NeedStatus.RESOLVED.value,))

    def reject(self, need_id: int, version: int, reason: str, now: datetime | None = None) -> None:
        """open / in_progress -> rejected (不予受理), with the reason."""
        reason = _required(reason, T("不予受理理由", "reason for rejecting"), _REQUIRED)
        self._move(need_id, version, NeedStatus.REJECTED, now, NeedEventKind.REJECTED,
                   {"rejected_reason": reason}, text=reason)

    def assign(self, need_id: int, version: int, handler: str | None, now: datetime | None = None
               ) -> None:
        """Make ``handler`` the lead handler (主办); an unknown name becomes a worker."""
        name = (handler or "").strip() or None

        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            need.handler_id = _worker(session, self.actor, need.community_id, name) if name else None
            return NeedEventKind.ASSIGNED, name or "—", None

        self._step(need_id, version, now, change, T("改派承办人", "reassigned"), UNFINISHED)

    def add_helper(self, need_id: int, version: int, name: str, now: datetime | None = None) -> None:
        """协办: a worker helping the lead handler."""
        name = _required(name, T("协办人", "helper"), _REQUIRED)

        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            worker_id = _worker(session, self.actor, need.community_id, name)
            if worker_id == need.handler_id:
                raise ValidationError(T("协办人", "helper"), name,
                                      T("已是主办人", "is the lead handler"))
            if session.scalars(select(NeedHelper.id).where(
                    NeedHelper.need_id == need.id, NeedHelper.worker_id == worker_id)).first():
                raise ValidationError(T("协办人", "helper"), name, T("已在协办", "already helps"))
            session.add(NeedHelper(need_id=need.id, worker_id=worker_id))
            return NeedEventKind.HELPER_ADDED, name, None

        self._step(need_id, version, now, change, T("增加协办", "given helpers"), HANDLING)

    def remove_helper(self, need_id: int, version: int, name: str, now: datetime | None = None
                      ) -> None:
        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            helper = session.scalars(select(NeedHelper).join(Worker, Worker.id == NeedHelper.worker_id)
                                     .where(NeedHelper.need_id == need.id, Worker.name == name)).first()
            if helper is None:
                raise ValidationError(T("协办人", "helper"), name, T("不在协办中", "does not help"))
            session.delete(helper)
            return NeedEventKind.HELPER_REMOVED, name, None

        self._step(need_id, version, now, change, T("调整协办", "given helpers"), HANDLING)

    def escalate(self, need_id: int, version: int, reason: str, now: datetime | None = None) -> None:
        """吹哨: the community calls the departments in, with the reason."""
        reason = _required(reason, T("吹哨理由", "reason for escalating"), _REQUIRED)
        moment = now or datetime.now().replace(microsecond=0)

        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            need.escalated_at = moment
            need.escalation_reason = reason
            return NeedEventKind.ESCALATED, None, reason

        self._step(need_id, version, moment, change, T("吹哨", "escalated"), HANDLING)

    def add_note(self, need_id: int, version: int, text: str, now: datetime | None = None) -> None:
        """A progress note (办理进展), with the time and its author."""
        text = _required(text, T("办理进展", "progress note"), _REQUIRED)

        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            return NeedEventKind.NOTE, None, text

        self._step(need_id, version, now, change, T("记录进展", "given notes"), UNFINISHED)

    def link(self, need_id: int, version: int, household_id: int | None,
             now: datetime | None = None) -> None:
        """Link a need to the household it comes from, or (None) settle that it has none
        (a need about a street); either way it leaves the list of needs to link."""
        def change(session: Session, need: Need) -> tuple[NeedEventKind, str | None, str | None]:
            household = _household(session, self.actor, None, household_id)
            need.household_id = household.id if household else None
            need.unlinked = None
            if household is not None:
                need.community_id = household.community_id
            return NeedEventKind.LINKED, household.code if household else "—", None

        self._step(need_id, version, now, change, T("关联住户", "linked"), None)

    def _move(self, need_id: int, version: int, wanted: NeedStatus, now: datetime | None,
              kind: NeedEventKind, values: Any = None, *, party: str | None = None,
              text: str | None = None, rating: str | None = None,
              then: NeedEventKind | None = None) -> None:
        """A step that changes the state: checked against TRANSITIONS, stamped, written into
        the history and audited. ``values``: the columns to set, or a function of the session
        and the need returning them ("_party" names the party of the history line)."""
        self.actor.require(Permission.MANAGE_NEEDS)
        now = now or datetime.now().replace(microsecond=0)
        try:
            with self.db.transaction() as session:
                need = self._get(session, need_id)
                if need.version != version:
                    raise ConcurrentEdit(what="诉求", what_en="need", key=need.number)
                current = NeedStatus(need.status)
                if current not in STEP_FROM[kind] or wanted not in TRANSITIONS[current]:
                    raise TransitionRefused(need.number, current, wanted)
                changes = dict((values(session, need) if callable(values) else values) or {})
                party = changes.pop("_party", party)
                before = audit_trail.snapshot(need)
                need.status = wanted.value
                if wanted in (NeedStatus.IN_PROGRESS, NeedStatus.SENT_ON) and need.responded_at is None:
                    need.responded_at = now
                if wanted is NeedStatus.RESOLVED:
                    need.resolved_at = now
                if wanted is NeedStatus.CLOSED:
                    need.closed_at = now
                for key, value in changes.items():
                    setattr(need, key, value)
                session.flush()
                record_event(session, self.actor, need, kind, now, party, text, rating)
                if then is not None:
                    record_event(session, self.actor, need, then, now)
                audit_trail.record(session, self.actor, kind.value, table="need", row_id=need.id,
                                   before=before, after=audit_trail.snapshot(need), detail=text)
        except StaleDataError:
            raise ConcurrentEdit(what="诉求", what_en="need", key=need_id) from None

    def _step(self, need_id: int, version: int, now: datetime | None, change: Any, step: T,
              allowed: tuple[str, ...] | None) -> None:
        """A step that keeps the state (assign, helpers, escalate, note, link): ``change``
        edits the need and returns its history line (kind, party, text)."""
        self.actor.require(Permission.MANAGE_NEEDS)
        now = now or datetime.now().replace(microsecond=0)
        try:
            with self.db.transaction() as session:
                need = self._get(session, need_id)
                if need.version != version:
                    raise ConcurrentEdit(what="诉求", what_en="need", key=need.number)
                if allowed is not None and need.status not in allowed:
                    raise StepRefused(need.number, NeedStatus(need.status), step.zh, step.en)
                before = audit_trail.snapshot(need)
                kind, party, text = change(session, need)
                # every step moves the version on (open copies are stale), even two in one second
                need.updated_at = func.now()
                session.flush()
                record_event(session, self.actor, need, kind, now, party, text)
                audit_trail.record(session, self.actor, kind.value, table="need", row_id=need.id,
                                   before=before, after=audit_trail.snapshot(need),
                                   detail=" ".join(x for x in (party, text) if x))
        except StaleDataError:
            raise ConcurrentEdit(what="诉求", what_en="need", key=need_id) from None

    def _get(self, session: Session, need_id: int) -> Need:
        need = session.get(Need, need_id)
        if need is None or not self._sees(need, refusing=True):
            raise NotFound(what="诉求", what_en="need", key=need_id)
        return need

    def _sees(self, need: Need, refusing: bool = False) -> bool:
        # walk-ins without a household belong to their community's office
        if need.household is None:
            if self.actor.sees_community(need.community_id):
                return True
            if refusing:
                self.actor.note_refusal(f"another community: need {need.id}")
            return False
        grid_id = need.household.building.grid_id
        return self.actor.sees(grid_id, f"need {need.id}") if refusing else self.actor.sees_grid(grid_id)

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
        return query.where(visible_needs(self.actor))

    def categories(self) -> list[tuple[str, T]]:
        """The need categories (code, name) in the office's order, for lists and labels."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            rows = session.execute(select(NeedCategory.code, NeedCategory.name_zh, NeedCategory.name_en)
                                   .order_by(NeedCategory.sort_order, NeedCategory.id)).all()
        return [(code, T(zh, en)) for code, zh, en in rows]

    def workers(self) -> list[str]:
        """The office's active workers by name: who may handle or help with a need."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            query = select(Worker.name).where(Worker.active.is_(True)).distinct()
            if self.actor.community_id is not None:
                query = query.where(Worker.community_id == self.actor.community_id)
            return sorted(session.scalars(query), key=natural_key)

    def departments(self) -> list[str]:
        """The departments and street offices needs were sent on to before, most used first."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            rows = session.execute(
                select(NeedEvent.party, func.count()).where(
                    NeedEvent.kind == NeedEventKind.SENT_ON.value, NeedEvent.party.is_not(None))
                .group_by(NeedEvent.party).order_by(func.count().desc(), NeedEvent.party)).all()
        return [party for party, _count in rows]

    def need(self, need_id: int) -> NeedRow:
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            row = session.execute(self._scoped(self._query().where(Need.id == need_id), None)).first()
            if row is None:
                hidden = session.get(Need, need_id)
                if hidden is not None:
                    self._sees(hidden, refusing=True)  # another grid's need: the refusal is noted
                raise NotFound(what="诉求", what_en="need", key=need_id)
            return _row(*row, days=response_days(session), grids=grid_labels(session, self.actor.grid_ids))

    def full_phone(self, need_id: int) -> str | None:
        """The contact phone in full, to call the resident back (rows show it masked): with
        the unmask permission, or a grid leader's own grids' need being handled or waiting for
        its callback (:func:`gridkeeper.domain.needs.may_call`); audited either way."""
        row = self.need(need_id)  # not found / another grid: refused before anything is logged
        if not may_call(self.actor, row.household_id, row.status):
            self.actor.require(Permission.UNMASK)  # refused, and the refusal noted
        with self.db.reading() as session:
            phone = session.scalars(select(Need.contact_phone).where(Need.id == need_id)).one()
        audit_trail.record_event(self.db, self.actor, "unmask", table="need", row_id=need_id,
                                 detail="contact phone")
        return phone

    def history(self, need_id: int) -> list[NeedEventRow]:
        """The need's steps, oldest first, each with its time and who recorded it."""
        self.need(need_id)  # the same rights as reading the need
        with self.db.reading() as session:
            rows = session.execute(
                select(NeedEvent.at, NeedEvent.kind, NeedEvent.actor, NeedEvent.party,
                       NeedEvent.text, NeedEvent.rating)
                .where(NeedEvent.need_id == need_id).order_by(NeedEvent.at, NeedEvent.id)).all()
        return [NeedEventRow(*r) for r in rows]

    def helpers(self, need_id: int) -> list[str]:
        """The helpers (协办) of a need by name."""
        self.need(need_id)
        with self.db.reading() as session:
            return list(session.scalars(
                select(Worker.name).join(NeedHelper, NeedHelper.worker_id == Worker.id)
                .where(NeedHelper.need_id == need_id).order_by(NeedHelper.id)))

    def list_needs(self, status: NeedStatus | str | None = None, channel: NeedChannel | str | None = None,
                   category: str | None = None, grid_id: int | None = None,
                   overdue_on: date | None = None, received_from: date | None = None,
                   received_to: date | None = None, limit: int = 1000, offset: int = 0,
                   unfinished: bool = False, unlinked: bool = False, search: str | None = None,
                   by_deadline: bool = False, handler: str | None = None) -> list[NeedRow]:
        """Needs as plain rows, newest first. ``unfinished``: not closed nor rejected;
        ``overdue_on``: still being handled with a deadline before that day; ``unlinked``:
        imported without a household, waiting for a person to link it; ``search``: in the
        number, 工单号, contact, address and content. ``by_deadline``: the board's order, what
        is due next first (overdue and near at the top), needs without a deadline last."""
        self.actor.require(Permission.VIEW_REGISTER)
        query = self._scoped(self._query(), grid_id)
        if status is not None:
            query = query.where(Need.status == str(status))
        if unfinished:
            query = query.where(Need.status.in_(UNFINISHED))
        if unlinked:
            query = query.where(Need.unlinked.is_not(None), Need.household_id.is_(None))
        if channel is not None:
            query = query.where(Need.channel == str(channel))
        if category is not None:
            query = query.where(NeedCategory.code == category)
        if handler is not None:
            query = query.where(Worker.name == handler)
        if overdue_on is not None:
            query = query.where(Need.status.in_(HANDLING), Need.deadline < overdue_on)
        if received_from is not None:
            query = query.where(Need.received_at >= datetime.combine(received_from, time()))
        if received_to is not None:
            query = query.where(Need.received_at <= datetime.combine(received_to, time.max))
        if search and search.strip():
            like = f"%{search.strip()}%"
            query = query.where(or_(Need.number.like(like), Need.ticket_no.like(like),
                                    Need.contact_name.like(like), Need.contact_phone.like(like),
                                    Need.address.like(like), Need.description.like(like),
                                    Household.code.like(like)))
        query = query.order_by(Need.received_at.desc(), Need.id.desc())
        query = query.limit(BOARD_LIMIT) if by_deadline else query.limit(limit).offset(offset)
        with self.db.reading() as session:
            days = response_days(session)
            grids = grid_labels(session, self.actor.grid_ids)  # two communities may each have a 第1网格
            rows = [_row(*r, days=days, grids=grids) for r in session.execute(query)]
        if by_deadline:
            far = date.max
            rows.sort(key=lambda r: (r.next_deadline.day if r.next_deadline else far, r.received_at))
            rows = rows[offset:offset + limit]
        return rows

    def rates(self, date_from: date, date_to: date, grid_id: int | None = None) -> RateCounts:
        """The 三率 of needs received from ``date_from`` to ``date_to`` (docs/three-rates.md)."""
        self.actor.require(Permission.VIEW_REPORTS)
        return self._count(date_from, date_to, grid_id, None)[""]

    def rates_by(self, period: Span, by: str = "grid") -> NeedRates:
        """The 三率 of the period per grid, category or handler (``GROUPINGS``) and in total.
        Needs without a household form their own grid group, needs without a handler their
        own handler group."""
        self.actor.require(Permission.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(T("分组", "grouping"), by, T("应为 grid、category 或 handler",
                                                             "should be grid, category or handler"))
        groups = self._count(period.start, period.end, None, by)
        total = self._count(period.start, period.end, None, None)[""]
        order = self._group_order(by)
        labels = sorted(groups, key=lambda g: (g in _NO_GROUP, g not in order, order.get(g, 0),
                                               natural_key(g)))
        return NeedRates(period, by, tuple(RateGroup(_NO_GROUP.get(g, T(g, g)), groups[g])
                                           for g in labels), total)

    def _group_order(self, by: str) -> dict[str, int]:
        with self.db.reading() as session:
            if by == "category":
                names = session.scalars(select(NeedCategory.name_zh)
                                        .order_by(NeedCategory.sort_order, NeedCategory.id))
            elif by == "grid":  # the street's order, communities first
                names = iter(grid_labels(session, self.actor.grid_ids).values())
            else:
                return {}
            return {name: i for i, name in enumerate(names)}

    def _count(self, date_from: date, date_to: date, grid_id: int | None, by: str | None
               ) -> dict[str, RateCounts]:
        # grids by id: two communities may each have a 第1网格 (named apart below)
        label: Any = {"grid": Grid.id,
                      "category": NeedCategory.name_zh,
                      "handler": func.coalesce(Worker.name, _NO_HANDLER)}.get(by or "", None)
        columns = [Need.received_at, Need.responded_at, Need.resolved_at, Need.deadline,
                   Need.status, Need.satisfaction, Need.called_back_at]
        query = (
            select(*columns, (label if label is not None else literal("")).label("group"))
            .join(NeedCategory, NeedCategory.id == Need.category_id)
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .outerjoin(Worker, Worker.id == Need.handler_id)
            .where(Need.received_at >= datetime.combine(date_from, time()),
                   Need.received_at <= datetime.combine(date_to, time.max)))
        query = self._scoped(query, grid_id)
        with self.db.reading() as session:
            days = response_days(session)
            # plain tuples: a street's needs of a year fit in memory easily, and the
            # working-day arithmetic is the same on SQLite and PostgreSQL this way
            rows = session.execute(query).all()
            grids = grid_labels(session, self.actor.grid_ids) if by == "grid" else None
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            group = row.group or ""
            if grids is not None:
                group = _NO_HOUSEHOLD if row.group is None else grids.get(row.group, str(row.group))
            grouped[group].append(row)
        if by is None:
            grouped.setdefault("", [])
        return {g: count_rates(found, days) for g, found in grouped.items()}

    def open_by_age(self, today: date | None = None) -> list[NeedAge]:
        """Needs still being handled by how long ago they were received, with how many are
        past their deadline: the supervisor's view of what is left waiting."""
        self.actor.require(Permission.VIEW_REGISTER)
        today = today or date.today()
        query = self._scoped(
            select(Need.number, Need.received_at, Need.deadline)
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .where(Need.status.in_(HANDLING))
            .order_by(Need.received_at, Need.id), None)
        with self.db.reading() as session:
            rows = session.execute(query).all()
        waited = [(number, (today - received.date()).days, deadline) for number, received, deadline in rows]
        ages = []
        for low, high, label in AGE_BUCKETS:
            inside = [(n, d) for n, days, d in waited if low <= days and (high is None or days <= high)]
            ages.append(NeedAge(label, low, high, tuple(n for n, _d in inside),
                                sum(1 for _n, d in inside if d is not None and d < today),
                                sum(1 for _n, d in inside if d is not None
                                    and today <= d <= today + timedelta(days=NEAR_DAYS))))
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
                .where(Need.status.in_(HANDLING)), None)
            return int(session.scalar(query) or 0)


def _masked(phone: str | None) -> str | None:
    """A phone as screens show it: masked (a hotline's already masked one as it came)."""
    return mask_phone(phone) if phone and phone_text(phone) else phone


def _row(need: Need, category: str, household_code: str | None, grid_id: int | None,
         grid: str | None, handler: str | None, *, days: int, grids: dict[int, str] | None = None
         ) -> NeedRow:
    """``grids``: grid id -> the name to show (qualified where two communities share it)."""
    if grid_id is not None and grids:
        grid = grids.get(grid_id, grid)
    return NeedRow(
        id=need.id, version=need.version, number=need.number, status=need.status,
        channel=need.channel, category=category, description=need.description,
        household_id=need.household_id, household_code=household_code, address=need.address,
        grid=grid, received_at=need.received_at, deadline=need.deadline, handler=handler,
        responded_at=need.responded_at, resolved_at=need.resolved_at, closed_at=need.closed_at,
        resolution=need.resolution, rejected_reason=need.rejected_reason,
        satisfaction=need.satisfaction, visit_id=need.visit_id, ticket_no=need.ticket_no,
        contact_name=need.contact_name, contact_phone=_masked(need.contact_phone),
        category_text=need.category_text, unlinked=need.unlinked, sent_to=need.sent_to,
        escalated_at=need.escalated_at, escalation_reason=need.escalation_reason,
        callback_due=need.callback_due, called_back_at=need.called_back_at,
        reopened=need.reopened or 0,
        response_due=add_working_days(need.received_at.date(), days),
        next_deadline=next_deadline(need.status, need.received_at, need.responded_at,
                                    need.deadline, need.callback_due, days),
    )

