"""Needs (诉求) the 接诉即办 way: the draft the needs service records, the steps of a need's
life, its deadlines, and the counting behind the three rates (docs/three-rates.md).

A need belongs to a household (by code or id) or, for walk-ins without one, to an address.
Its life: open (待办) -> in_progress (受理, the response) -> resolved with the 处理结果 ->
called back (回访): 满意 / 基本满意 close it, 不满意 reopens it. On the way it may be sent on
(派单) to a department or the street office and come back (退回, with the reason); open or in
progress it may be rejected (不予受理, with the reason). Assigning, helpers (协办), escalation
(吹哨) and progress notes are steps that do not change the state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from gridkeeper.domain.enums import NeedChannel, NeedEventKind, NeedStatus, Satisfaction
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import Actor, Permission


@dataclass(frozen=True)
class NeedDraft:
    """A need as received; ``category`` is a NeedCategory code (e.g. "other")."""

    description: str
    category: str = "other"
    channel: NeedChannel = NeedChannel.VISIT
    household_code: str | None = None
    household_id: int | None = None
    address: str | None = None  # where it is, as the resident said it
    received_at: datetime | None = None  # default: now
    deadline: date | None = None  # default: from the category and channel (settings)
    handler: str | None = None  # worker name; unknown names become workers
    contact_name: str | None = None
    contact_phone: str | None = None
    ticket_no: str | None = None  # 工单号, unique per channel
    category_text: str | None = None  # the hotline's own 类别 when the office has no such one


class TransitionRefused(GridKeeperError):
    """A need cannot go from its present state to the one asked for."""

    zh = "诉求“{number}”当前为“{current}”，不能改为“{wanted}”"
    en = "Need “{number}” is “{current_en}” and cannot become “{wanted_en}”"

    def __init__(self, number: str, current: NeedStatus, wanted: NeedStatus) -> None:
        super().__init__(number=number, current=current.label.zh, wanted=wanted.label.zh,
                         current_en=current.label.en, wanted_en=wanted.label.en)


class StepRefused(GridKeeperError):
    """A step that does not change the state (assign, escalate, note) asked of a need in a
    state that takes no more steps."""

    zh = "诉求“{number}”当前为“{current}”，不能再{step}"
    en = "Need “{number}” is “{current_en}”: it cannot be {step_en} any more"

    def __init__(self, number: str, current: NeedStatus, step: str, step_en: str) -> None:
        super().__init__(number=number, current=current.label.zh, current_en=current.label.en,
                         step=step, step_en=step_en)


TRANSITIONS: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.SENT_ON, NeedStatus.REJECTED}),
    NeedStatus.IN_PROGRESS: frozenset({NeedStatus.SENT_ON, NeedStatus.RESOLVED, NeedStatus.REJECTED}),
    # returned (退回) goes back to in progress; the department may also finish it
    NeedStatus.SENT_ON: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.RESOLVED}),
    # the callback: satisfied closes, unsatisfied reopens
    NeedStatus.RESOLVED: frozenset({NeedStatus.CLOSED, NeedStatus.IN_PROGRESS}),
    NeedStatus.CLOSED: frozenset(),
    NeedStatus.REJECTED: frozenset(),
}
# the states each state-changing step starts from (TRANSITIONS says where it may lead)
STEP_FROM: dict[NeedEventKind, frozenset[NeedStatus]] = {
    NeedEventKind.STARTED: frozenset({NeedStatus.OPEN}),
    NeedEventKind.SENT_ON: frozenset({NeedStatus.OPEN, NeedStatus.IN_PROGRESS}),
    NeedEventKind.RETURNED: frozenset({NeedStatus.SENT_ON}),
    NeedEventKind.RESOLVED: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.SENT_ON}),
    NeedEventKind.CALLED_BACK: frozenset({NeedStatus.RESOLVED}),
    NeedEventKind.REJECTED: frozenset({NeedStatus.OPEN, NeedStatus.IN_PROGRESS}),
}
# still being handled: the resolution deadline counts
HANDLING = (NeedStatus.OPEN.value, NeedStatus.IN_PROGRESS.value, NeedStatus.SENT_ON.value)
# not finished: on the board by default (resolved ones wait for their callback)
UNFINISHED = (*HANDLING, NeedStatus.RESOLVED.value)
SATISFIED = (Satisfaction.SATISFIED.value, Satisfaction.BASICALLY.value)


def may_call(actor: Actor, household_id: int | None, status: str) -> bool:
    """Whether ``actor`` may see the full contact phone of a need they can see: with the
    unmask permission any need's; with the callback permission (grid leaders) only a need of
    a household of their grids (needs without one belong to the whole office) that is still
    being handled or waits for its callback. Each look is audited by the service."""
    if actor.can(Permission.UNMASK):
        return True
    return actor.can(Permission.CALL_BACK) and household_id is not None and status in UNFINISHED


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day (Monday to Friday) after ``day``; public holidays are not known."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def default_deadline(received: date, category_days: int | None, channel_days: int | None
                     ) -> date | None:
    """The deadline a need gets unless someone sets one: the stricter of its category's and
    its channel's limits in working days; none when neither has a limit."""
    limits = [d for d in (category_days, channel_days) if d is not None]
    return add_working_days(received, min(limits)) if limits else None


def response_due(received_at: datetime, response_days: int) -> date:
    """The last day a response counts as in time."""
    return add_working_days(received_at.date(), response_days)


@dataclass(frozen=True)
class NextDeadline:
    """What a need waits for next and by when: "response", "resolution" or "callback"."""

    kind: str
    day: date


def next_deadline(status: str, received_at: datetime, responded_at: datetime | None,
                  deadline: date | None, callback_due: date | None, response_days: int
                  ) -> NextDeadline | None:
    """The deadline the need counts down to now (the board sorts and colours by it)."""
    if status in HANDLING:
        if responded_at is None:
            due = response_due(received_at, response_days)
            if deadline is None or due < deadline:
                return NextDeadline("response", due)
        return NextDeadline("resolution", deadline) if deadline is not None else None
    if status == NeedStatus.RESOLVED.value and callback_due is not None:
        return NextDeadline("callback", callback_due)
    return None


# what each rate counts, printed under every table of them (docs/three-rates.md)
RATE_DEFINITIONS: tuple[T, ...] = (
    T("响应率：受理后在响应时限（工作日）内响应（受理、派单）的诉求 / 本期受理的全部诉求。",
      "Response rate: needs responded to (taken on or sent on) within the response limit "
      "(working days) / all needs received in the period."),
    T("按期解决率：在办理时限当天或之前解决的诉求（无时限的解决即算）/ 本期受理的诉求（不含不予受理）；"
      "“已解决”把超期解决的也算上，分母相同。回访不满意而重新办理的诉求，以再次解决的时间计。",
      "Resolution rate: needs resolved on or before their deadline (without one: resolved at "
      "all) / needs received, rejected ones excluded; “resolved” counts late ones too, over the "
      "same needs. A need reopened after an unsatisfied callback counts by its next resolution."),
    T("满意率：最近一次回访评价为满意或基本满意的诉求 / 已回访的诉求。",
      "Satisfaction rate: needs whose latest callback was satisfied or basically satisfied / "
      "needs called back."),
    T("“—”：没有可计算的诉求（分母为 0），不是 0%。",
      "“—”: nothing to count (the denominator is 0), not 0 %."),
)


@dataclass(frozen=True)
class RateCounts:
    """The counts behind the three rates (三率) and the rates; docs/three-rates.md defines
    them. A rate with nothing to divide by is None (shown as "—")."""

    received: int
    responded_on_time: int
    counted_for_resolution: int  # received minus rejected
    resolved: int  # resolved at all (resolved or closed now)
    resolved_on_time: int
    called_back: int  # with a callback rating
    satisfied: int  # 满意 + 基本满意 at the latest callback

    @property
    def response_rate(self) -> float | None:
        return _rate(self.responded_on_time, self.received)

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved_on_time, self.counted_for_resolution)

    @property
    def resolved_rate(self) -> float | None:
        """Resolved at all, late ones too, of the same denominator (shown beside the rate)."""
        return _rate(self.resolved, self.counted_for_resolution)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.called_back)

    def as_dict(self) -> dict[str, Any]:
        """The report's keys (a contract): counts, then the three rates (0..1 or None)."""
        return {"received": self.received, "responded_on_time": self.responded_on_time,
                "resolved": self.resolved, "resolved_on_time": self.resolved_on_time,
                "called_back": self.called_back, "satisfied": self.satisfied,
                "response_rate": self.response_rate, "resolution_rate": self.resolution_rate,
                "satisfaction_rate": self.satisfaction_rate}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def count_rates(rows: Iterable[Any], response_days: int) -> RateCounts:
    """Count needs for the three rates. Each row has received_at, responded_at, resolved_at,
    deadline, status, satisfaction and called_back_at. The needs page, the report command
    and the printed completion report all call this, so they can never differ."""
    rows = list(rows)
    responded = sum(1 for r in rows if r.responded_at is not None
                    and r.responded_at.date() <= response_due(r.received_at, response_days))
    counted = [r for r in rows if r.status != NeedStatus.REJECTED.value]
    resolved = [r for r in counted if r.resolved_at is not None]
    on_time = sum(1 for r in resolved if r.deadline is None or r.resolved_at.date() <= r.deadline)
    called = [r for r in rows if r.called_back_at is not None and r.satisfaction]
    satisfied = sum(1 for r in called if r.satisfaction in SATISFIED)
    return RateCounts(len(rows), responded, len(counted), len(resolved), on_time, len(called),
                      satisfied)
