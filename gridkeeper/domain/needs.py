"""What a need (诉求) is when it is first written down: the draft the needs service records.

A need belongs to a household (by code or id) or, for walk-ins without one, to an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from gridkeeper.domain.enums import NeedChannel, NeedStatus
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
