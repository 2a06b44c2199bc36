"""Pure rules of supervision (督导): how far a completion rate is from its target, and which
visits a month's spot check (抽查回访) calls.

Targets: each category has a target completion rate (percent). A rate at or above it is
on target (green). Below it, the rate is at risk (amber) when it is within
:data:`AMBER_MARGIN` points of the target, or when the visits whose rule period has not
ended yet could still bring it there; otherwise it is behind (red).

Spot checks: the sample is reproducible. Each counted visit of a worker in a month gets a
rank from a hash of (month, worker, visit); the sample is the lowest ranks. The same
register gives the same phone-call list on every PC, and nobody can steer which visits are
called by choosing when to draw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gridkeeper.domain.i18n import T

AMBER_MARGIN = 10.0  # percentage points below the target that still count as "at risk"


class Standing(StrEnum):
    """Where a rate stands against its target; ordered worst first for "exceptions first"."""

    BEHIND = "red"
    AT_RISK = "amber"
    ON_TARGET = "green"
    NO_TARGET = "none"  # nothing was required: no rate to judge

    @property
    def rank(self) -> int:
        return list(Standing).index(self)

    @property
    def label(self) -> T:
        return {
            Standing.BEHIND: T("未达标", "behind"),
            Standing.AT_RISK: T("预警", "at risk"),
            Standing.ON_TARGET: T("达标", "on target"),
            Standing.NO_TARGET: T("无应访", "nothing due"),
        }[self]

    @property
    def colour(self) -> str:
        return {
            Standing.BEHIND: "#C62828",
            Standing.AT_RISK: "#EF8F00",
            Standing.ON_TARGET: "#2E7D32",
            Standing.NO_TARGET: "#9E9E9E",
        }[self]


def judge(required: int, done: int, pending: int, target: float) -> Standing:
    """The standing of ``done`` of ``required`` visits against ``target`` percent, where
    ``pending`` of the unmet ones can still be made (their rule period is running)."""
    if required <= 0:
        return Standing.NO_TARGET
    rate = 100.0 * done / required
    if rate >= target:
        return Standing.ON_TARGET
    if rate >= target - AMBER_MARGIN or 100.0 * (done + pending) / required >= target:
        return Standing.AT_RISK
    return Standing.BEHIND


def worst(standings: Iterable[Standing]) -> Standing:
    """The standing of a grid or worker over its categories: its worst one that had visits due."""
    judged = [s for s in standings if s is not Standing.NO_TARGET]
    return min(judged, key=lambda s: s.rank) if judged else Standing.NO_TARGET


@dataclass(frozen=True)
class CategoryStanding:
    """One category's visits of a grid or worker against the category's target."""

    category: str  # code
    label: str
    target: int  # percent
    required: int
    done: int
    pending: int
    on_time: int = 0
    missed: int = 0

    @property
    def rate(self) -> float | None:
        return self.done / self.required if self.required else None

    @property
    def standing(self) -> Standing:
        return judge(self.required, self.done, self.pending, self.target)


def draw_rank(month: str, worker_id: int, visit_id: int) -> str:
    """The visit's place in the worker's draw for the month (lower is drawn first)."""
    return hashlib.sha256(f"{month}|{worker_id}|{visit_id}".encode()).hexdigest()


def sample(month: str, worker_id: int, visit_ids: Iterable[int], size: int) -> list[int]:
    """The ``size`` visits of the worker's month drawn for a call, in draw order."""
    if size <= 0:
        return []
    return sorted(set(visit_ids), key=lambda v: draw_rank(month, worker_id, v))[:size]


def confirmation_rate(confirmed: int, not_confirmed: int) -> float | None:
    """Confirmed of the calls that reached someone who could say (unreachable ones say nothing)."""
    asked = confirmed + not_confirmed
    return confirmed / asked if asked else None
