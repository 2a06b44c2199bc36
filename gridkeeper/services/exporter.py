"""Export the register and visits to Excel or CSV (导出台账 / 导出走访记录).

Households come out one row per resident with the same columns the importer reads, so an
export with full data imports back to the same register. ID numbers and phones are masked
(first 6 + 8 * + last 4; phones first 3 + 4 * + last 4) unless full data is asked for,
which needs :attr:`Permission.UNMASK`; every export is written to the audit log with that
choice. Beside masked ID numbers the birth date is the year only (出生年份): the masked
digits are the birth date (domain/idnumber.shown_birth).
:func:`gridkeeper.io.workbook.write_workbook` formats the workbook; other exports (rosters,
completion figures, GUI tables) use it too.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Gender, ResidentStatus, VisitMethod, VisitOutcome
from gridkeeper.domain.i18n import counted
from gridkeeper.domain.idnumber import birth_title, mask_id_number, shown_birth
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span, parse_period
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.policy import rule_label
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.io.workbook import SheetData
from gridkeeper.services import audit_trail
from gridkeeper.services.collector import collector_paused
from gridkeeper.services.importer import HOUSEHOLD_COLUMNS, field_title
from gridkeeper.services.levels import grid_ranks
from gridkeeper.services.outputs import publish, to_stream
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Need,
    Resident,
    Visit,
    VisitParticipant,
    Worker,
)

# the visits import's columns, in this order (a visits export imports back unchanged)
VISIT_EXPORT = ("household_code", "visit_date", "method", "outcome", "workers", "notes", "need",
                "follow_up_on")
# 社区 last: added after offices scripted against the others; it tells apart household codes
# (and grid names) that two communities of a street share, and the import reads it back
VISIT_EXTRA = ("网格", "地址", "社区")
ROSTER_TITLES = ("户编号", "网格", "楼栋", "单元", "楼层", "门牌号", "户主", "人员类别", "适用类别",
                 "走访要求", "原因", "应访日期", "上次走访", "责任人")
# the form to fill in: the visits import reads these back (see importer.VISIT_COLUMNS)
ROSTER_FORM = ("花名册编号", "序号", "走访结果", "走访日期", "走访方式", "走访人", "情况记录", "诉求",
               "跟进日期")
ROSTER_PLACE = ("社区",)  # after the form (a later addition): the line's community
RESULT_CHOICES = ("见面", "未遇", "拒访", "外出")
METHOD_CHOICES = ("入户", "门口", "电话", "视频")
COMPLETION_TITLES = ("分组", "应访户数", "应访次数", "已访次数", "按时次数", "漏访次数", "完成率",
                     "按时率", "未遇/拒访次数", "社区")  # 社区 last: two communities may each have a 第1网格


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    full: bool


class ExportService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def households(self, target: str | Path, *, full: bool = False,
                   progress: Progress = no_progress, today: date | None = None) -> ExportResult:
        """Every household the actor sees, one row per resident (the importer's columns)."""
        self._allowed(full)
        today = today or date.today()
        titles = [birth_title(full).zh if c.key == "birth_date" else c.zh for c in HOUSEHOLD_COLUMNS]
        text_columns = frozenset(titles.index(t) for t in ("户编号", "门牌号", "身份证号", "联系电话",
                                                           "楼号"))
        with collector_paused():  # a street's rows are held until the file is written
            with self.db.reading() as session:
                rows = household_rows(session, self.actor, full, today, progress)
            path = self._publish(target, SheetData("住户台账", titles, rows, text_columns),
                                 "household", "households", len(rows), full)
        progress(1.0, "")
        return ExportResult(path, len(rows), full)

    def visits(self, target: str | Path, period: str | Span | None = None, *, full: bool = False,
               progress: Progress = no_progress) -> ExportResult:
        """The visits of a period (2026-W48, 2026-11, 2026Q3, 2026H2, 2026; None = all)."""
        self._allowed(full)
        span = parse_period(period) if isinstance(period, str) else period
        with self.db.reading() as session:
            rows = visit_rows(session, self.actor, span, full)
        titles = [field_title(key).zh for key in VISIT_EXPORT] + list(VISIT_EXTRA)
        what = f"visits {span.label}" if span else "visits"
        path = self._publish(target, SheetData("走访记录", titles, rows, frozenset({0})), "visit",
                             what, len(rows), full)
        progress(1.0, "")
        return ExportResult(path, len(rows), full)

    def roster(self, target: str | Path, week: str | Span, *, grid: str | None = None,
               as_of: date | None = None, roster: Any = None) -> ExportResult:
        """The week's roster sheets (one grid or every grid the actor sees) as a form to fill
        in: one row per line of each sheet in 序号 order, with its roster number and 序号
        and empty result columns that ``import visits`` reads back. Exporting issues the
        sheets' numbers as printing does: paper and workbook of one week share them.
        ``roster``: the same week's Roster when the caller has it."""
        from gridkeeper.services import documents
        from gridkeeper.services.roster import RosterService, parse_week
        from gridkeeper.services.roster_sheets import RosterSheetService

        self._allowed(False)
        span = parse_week(week) if isinstance(week, str) else week
        if roster is None or roster.week != span or roster.grid != grid:
            roster = RosterService(self.db, self.actor).roster(span, grid=grid, as_of=as_of)
        with self.db.reading() as session:
            names = dict(session.execute(select(Category.code, Category.name_zh)).all())
            grids = documents.grids_in_scope(session, self.actor, grid)
        leaders = {g.id: g.leader or "" for g in grids}
        sheets = RosterSheetService(self.db, self.actor).issue(roster, [g.id for g in grids])
        rows = []
        for sheet in sheets:
            for r in sheet.lines:
                reason = r.reason.label.zh if r.reason is not None else "已无需走访"
                rows.append([
                    r.household_code, r.grid, f"{r.estate} {r.building}", r.unit, r.floor, r.room,
                    r.head, "、".join(names.get(c, c) for c in r.categories),
                    names.get(r.governing, r.governing) if r.governing else "",
                    rule_label(r.rule, "zh"), reason, r.due_date, r.last_visit, r.worker or "",
                    sheet.number, r.seq, None, None, None, r.worker or leaders.get(sheet.grid_id),
                    None, None, None, sheet.community])
        first = len(ROSTER_TITLES)
        path = self._publish(target, SheetData(
            span.label, [*ROSTER_TITLES, *ROSTER_FORM, *ROSTER_PLACE], rows, frozenset({0, 5, first}),
            {first + 2: RESULT_CHOICES, first + 4: METHOD_CHOICES}), "roster",
            f"roster {span.label}" + (f" {grid}" if grid else "")
            + f" numbers {', '.join(s.number for s in sheets)}", len(rows), False)
        return ExportResult(path, len(rows), False)

    def completion(self, target: str | Path, period: str | Span, *, by: str = "grid",
                   grid: str | None = None, as_of: date | None = None) -> ExportResult:
        """Completion figures of ``period`` grouped ``by`` grid, worker or category, with a
        second sheet of the households whose visits were missed."""
        from gridkeeper.services.completion import CompletionService

        self._allowed(False)
        report = CompletionService(self.db, self.actor).figures(period, by=by, grid=grid, as_of=as_of)
        rows = [[g.label, g.households_required, g.required_visits, g.visits_done, g.done_on_time,
                 g.missed, _percent(g.completion_rate), _percent(g.on_time_rate), g.failed_attempts,
                 g.community]
                for g in (*report.groups, report.total)]
        rows[-1][0] = "合计"
        missed = [[code] for code in report.total.missed_households]
        path = self._publish(target, [
            SheetData(report.period.label, list(COMPLETION_TITLES), rows),
            SheetData("漏访住户", ["户编号"], missed, frozenset({0}))], "completion",
            f"completion {report.period.label} by {by}", len(rows), False)
        return ExportResult(path, len(rows), False)

    def needs(self, target: str | Path, period: str | Span | None = None, *, full: bool = False
              ) -> ExportResult:
        """Needs received in ``period`` (all when None): the hotline import's columns, then how
        each need went (gridkeeper/services/need_transfer.py)."""
        from gridkeeper.services.need_transfer import NEED_TEXT_COLUMNS, NEED_TITLES, need_rows

        self._allowed(full)
        span = parse_period(period) if isinstance(period, str) else period
        with self.db.reading() as session:
            rows = need_rows(session, self.actor, span, full)
        what = f"needs {span.label}" if span else "needs"
        path = self._publish(target, SheetData("诉求", NEED_TITLES, rows, NEED_TEXT_COLUMNS), "need",
                             what, len(rows), full)
        return ExportResult(path, len(rows), full)

    def command_csv(self, target: str | Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
                    table: str, what: str) -> Path | None:
        """A command's own CSV (``roster --csv``, ``report --csv``; ``-`` is standard output):
        neutralised, written whole and recorded like every export. The command has checked
        what its user may see; a CSV of it needs no more than that."""
        sheet = SheetData(what, list(columns), list(rows))
        if str(target) == "-":
            to_stream(self.db, self.actor, sys.stdout, sheet, table=table,
                      detail=f"{what}: {counted(len(sheet.rows), 'row')}")
            return None
        return publish(self.db, self.actor, target, sheet, table=table,
                       detail=lambda path: f"{what} -> {path.name}: {counted(len(sheet.rows), 'row')}")

    def unmask_roster(self, roster: Any) -> None:
        """Full phones of a roster shown or handed to a script (``roster --json --unmasked``):
        needs the unmask permission, and is in the audit log."""
        self.actor.require(Permission.UNMASK)
        audit_trail.record_event(self.db, self.actor, "unmask", table="roster", detail=(
            f"roster {roster.week.label}" + (f" {roster.grid}" if roster.grid else "")
            + f": {counted(len(roster.rows), 'row')}, full phones"))

    def _allowed(self, full: bool) -> None:
        self.actor.require(Permission.EXPORT)
        if full:
            self.actor.require(Permission.UNMASK)

    def _publish(self, target: str | Path, sheets: SheetData | list[SheetData], table: str, what: str,
                 rows: int, full: bool) -> Path:
        """The file written whole, its audit row, then its name (services/outputs.py)."""
        return publish(self.db, self.actor, target, sheets, table=table,
                       detail=lambda path: self._detail(what, path, rows, full))

    @staticmethod
    def _detail(what: str, path: Path, rows: int, full: bool) -> str:
        return f"{what} -> {path.name}: {counted(rows, 'row')}, {'full data' if full else 'masked'}"


def _scoped(query: Any, actor: Actor) -> Any:
    if actor.grid_ids is not None:
        query = query.where(Building.grid_id.in_(actor.grid_ids))
    return query


def household_rows(session: Session, actor: Actor, full: bool, today: date,
                   progress: Progress = no_progress) -> list[list[Any]]:
    """Plain rows in HOUSEHOLD_COLUMNS order: communities in order, their grids within, then
    walking order (building, unit, floor, room)."""
    households = list(session.execute(_scoped(
        select(Household.id, Household.code, Grid.name, Estate.name, Building.number,
               Household.unit, Household.floor, Household.room, Household.registered_on,
               Household.notes, Household.before_records, Worker.name, Community.name,
               Building.grid_id)
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .join(Grid, Grid.id == Building.grid_id)
        .join(Community, Community.id == Household.community_id)
        .outerjoin(Worker, Worker.id == Household.worker_id), actor)).all())
    ranks = grid_ranks(session)
    households.sort(key=lambda h: (ranks.get(h[13], 0), natural_key(h[3]), natural_key(h[4]), h[5],
                                   h[6], len(h[7]), h[7], h[1]))
    progress(0.3, "")
    categories: dict[int, list[str]] = defaultdict(list)
    for resident_id, name in session.execute(
        select(CategoryAssignment.resident_id, Category.name_zh)
        .join(Category, Category.id == CategoryAssignment.category_id)
        .where(Category.kind == "manual", CategoryAssignment.valid_from <= today,
               or_(CategoryAssignment.valid_to.is_(None), CategoryAssignment.valid_to >= today))
        .order_by(CategoryAssignment.resident_id, Category.sort_order)
    ):
        if name not in categories[resident_id]:
            categories[resident_id].append(name)
    # plain rows, not ORM objects: building 50,000 Resident objects took longer than writing them
    residents: dict[int, list[Any]] = defaultdict(list)
    for r in session.execute(
        select(Resident.household_id, Resident.id, Resident.name, Resident.gender,
               Resident.id_number, Resident.birth_date, Resident.phone, Resident.relation,
               Resident.status)
        .order_by(Resident.household_id, Resident.is_head.desc(), Resident.id)
    ):
        residents[r.household_id].append(r)
    progress(0.6, "")
    genders = {g.value: g.label.zh for g in Gender}
    rows: list[list[Any]] = []
    for (hid, code, grid, estate, building, unit, floor, room, registered, notes,
         before_records, worker, community, _grid_id) in households:
        if before_records:
            registered = None  # on the register before records began: written blank
        for r in residents.get(hid, []):
            rows.append([
                code, grid, estate, building, unit, floor, room, r.name,
                genders.get(r.gender) if r.gender else None,
                r.id_number if full else mask_id_number(r.id_number), shown_birth(r.birth_date, full),
                r.phone if full else mask_phone(r.phone), r.relation,
                "、".join(categories.get(r.id, [])), registered, notes, worker, community,
                ResidentStatus(r.status).label.zh,
            ])
    return rows


def visit_rows(session: Session, actor: Actor, span: Span | None, full: bool) -> list[list[Any]]:
    """Plain rows in VISIT_EXPORT order (plus grid, address and community), by date."""
    query = _scoped(
        select(Visit.id, Household.code, Visit.visit_date, Visit.method, Visit.outcome,
               Visit.notes, Visit.follow_up_on, Grid.name, Estate.name, Building.number,
               Household.unit, Household.room, Community.name)
        .join(Household, Household.id == Visit.household_id)
        .join(Community, Community.id == Household.community_id)
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .join(Grid, Grid.id == Building.grid_id)
        .order_by(Visit.visit_date, Visit.visit_time, Visit.id), actor)
    if span is not None:
        query = query.where(Visit.visit_date.between(span.start, span.end))
    visits = session.execute(query).all()
    ids = [v[0] for v in visits]
    team: dict[int, list[str]] = defaultdict(list)
    needs: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for visit_id, name in session.execute(
            select(VisitParticipant.visit_id, VisitParticipant.name)
            .where(VisitParticipant.visit_id.in_(chunk)).order_by(VisitParticipant.id)
        ):
            team[visit_id].append(name)
        for need_visit, text in session.execute(
            select(Need.visit_id, Need.description).where(Need.visit_id.in_(chunk))
            .order_by(Need.id)
        ):
            if need_visit is not None:
                needs[need_visit].append(text)
    rows = []
    for (vid, code, day, method, outcome, notes, follow_up_on, grid, estate, building, unit,
         room, community) in visits:
        rows.append([
            code, day, VisitMethod(method).label.zh, VisitOutcome(outcome).label.zh,
            "、".join(team.get(vid, [])), notes, "；".join(needs.get(vid, [])), follow_up_on,
            grid, f"{estate}{building}号楼{unit}单元{room}", community,
        ])
    return rows


def export_stamp() -> str:
    """A timestamp for default export file names."""
    return datetime.now().strftime("%Y%m%d-%H%M")
