"""What a need (诉求) is when it is first written down: the draft the needs service records.

A need belongs to a household (by code or id) or, for walk-ins without one, to an address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from gridkeeper.domain.enums import NeedChannel, NeedStatus, Satisfaction
from gridkeeper.domain.errors import GridKeeperError


@dataclass(frozen=True)
class NeedDraft:
    """A need as received; ``category`` is a NeedCategory code (e.g. "other")."""

    description: str
    category: str = "other"
    channel: NeedChannel = NeedChannel.VISIT
    household_code: str | None = None
    household_id: int | None = None
    address: str | None = None  # walk-ins without a household in the register
    received_at: datetime | None = None  # default: now
    deadline: date | None = None
    handler: str | None = None  # worker name; unknown names become workers
    contact_name: str | None = None
    contact_phone: str | None = None


class TransitionRefused(GridKeeperError):
    """A need cannot go from its present state to the one asked for."""

    zh = "诉求“{number}”当前为“{current}”，不能改为“{wanted}”"
    en = "Need “{number}” is “{current_en}” and cannot become “{wanted_en}”"

    def __init__(self, number: str, current: NeedStatus, wanted: NeedStatus) -> None:
        super().__init__(number=number, current=current.label.zh, wanted=wanted.label.zh,
                         current_en=current.label.en, wanted_en=wanted.label.en)


# open -> in_progress -> resolved -> closed; open / in_progress -> rejected
TRANSITIONS: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.REJECTED}),
    NeedStatus.IN_PROGRESS: frozenset({NeedStatus.RESOLVED, NeedStatus.REJECTED}),
    NeedStatus.RESOLVED: frozenset({NeedStatus.CLOSED}),
    NeedStatus.CLOSED: frozenset(),
    NeedStatus.REJECTED: frozenset(),
}


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day (Monday to Friday) after ``day``; public holidays are not known."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@dataclass(frozen=True)
class RateCounts:
    """The counts behind the three rates (三率); docs/three-rates.md defines them."""

    received: int
    responded_in_time: int
    counted_for_resolution: int  # received minus rejected
    resolved_in_time: int
    rated: int
    satisfied: int


def count_rates(rows: Iterable[Any], response_days: int) -> RateCounts:
    """Count needs for the three rates. Each row has received_at, responded_at, resolved_at,
    deadline, status and satisfaction. The needs screen and the printed completion report
    both call this, so the two can never show different rates."""
    rows = list(rows)
    responded = sum(1 for r in rows if r.responded_at is not None
                    and r.responded_at.date() <= add_working_days(r.received_at.date(),
                                                                  response_days))
    counted = [r for r in rows if r.status != NeedStatus.REJECTED.value]
    resolved = sum(1 for r in counted if r.resolved_at is not None
                   and (r.deadline is None or r.resolved_at.date() <= r.deadline))
    rated = [r for r in rows if r.status == NeedStatus.CLOSED.value and r.satisfaction]
    satisfied = sum(1 for r in rated if r.satisfaction in (
        Satisfaction.SATISFIED.value, Satisfaction.BASICALLY.value))
    return RateCounts(len(rows), responded, len(counted), resolved, len(rated), satisfied)
