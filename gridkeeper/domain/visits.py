"""What a visit (走访 / 民情日志) is when it is typed in: the draft the visit service records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.needs import NeedDraft


@dataclass(frozen=True)
class Participant:
    """A non-worker member of the team (楼门长, 志愿者, 民警 ...) with what they did there."""

    name: str
    duty: str | None = None


@dataclass(frozen=True)
class VisitDraft:
    """One visit as typed in.

    ``team`` are worker names (unknown names become workers); ``participants`` the others.
    ``deceased_on`` / ``suspended_until`` change the household's status in the same save and
    are allowed only with outcome deceased / away respectively.
    """

    visit_date: date
    method: VisitMethod
    outcome: VisitOutcome
    team: tuple[str, ...]
    household_code: str | None = None
    household_id: int | None = None
    visit_time: time | None = None
    participants: tuple[Participant, ...] = ()
    notes: str | None = None
    check_health: str | None = None
    check_safety: str | None = None
    check_living: str | None = None
    check_family: str | None = None
    check_needs: str | None = None
    hazards: str | None = None
    met_with: str | None = None  # 走访对象: who was met (the head, a daughter, the carer ...)
    difficulties: str | None = None  # 困难
    actions_taken: str | None = None  # 处理措施
    action_result: str | None = None  # 处理结果
    follow_up_plan: str | None = None  # 后续计划, with its date in follow_up_on
    follow_up_on: date | None = None
    roster_number: str | None = None
    deceased_on: date | None = None
    suspended_until: date | None = None
    needs: tuple[NeedDraft, ...] = field(default_factory=tuple)


class BatchRowError(GridKeeperError):
    """A row of a batch was refused; nothing of the batch was saved. ``error`` says why."""

    zh = "第{row}行：{detail}"
    en = "Row {row}: {detail}"

    def __init__(self, row: int, error: GridKeeperError) -> None:
        self.row = row
        self.error = error
        super().__init__(row=row, detail=T(error.message("zh"), error.message("en")))
