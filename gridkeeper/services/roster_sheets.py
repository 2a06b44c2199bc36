"""Roster numbers (花名册编号): one sheet per grid and week, each household on it with its 序号.

The first print or export of a grid's week issues the sheet: its number and a 序号 for every
household on the roster, in walking order. Later prints and exports of the same week keep
both: a household keeps its 序号 for good, and a household that came onto the roster since
is added after the last one. So every paper of one number lists the same households under
the same numbers, and results typed back by number and 序号 (on the entry page or through a
filled sheet) always reach the household that was on that line of the paper.

Households that have left the roster since (visited, moved away) stay on the sheet; a
reprint shows them as settled rather than renumbering the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import VisitOutcome
from gridkeeper.domain.errors import GridKeeperError, NotFound
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, parse_week
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services.grid_names import GridChoice, grid_choices
from gridkeeper.services.seen import seen_workers
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Community,
    Grid,
    Household,
    RosterSheet,
    RosterSheetLine,
    Visit,
    Worker,
)

SHEET_NUMBER = "花名册编号"
ISSUE_ATTEMPTS = 3  # two offices issuing the same new sheet at once: the loser reads it back


def sheet_number(week: str, grid_id: int) -> str:
    """"2026W48-003": the week and the grid, letters, digits and a hyphen only."""
    return f"{week.replace('-', '')}-{grid_id:03d}"


# what a Chinese input method or a hand makes of the hyphen: full-width, dashes, underscore
_HYPHENS = re.compile(r"[\-\u2010-\u2015\u2212\u30fc\uff0d_]+")


def normalise_number(text: str) -> str:
    """A number as typed or scanned: blanks dropped, letters upper case (a scanner with
    Caps Lock on types "2026w48-003"), full-width characters and any dash made plain (a
    scanner typing through a Chinese input method in full-width mode gives "２０２６Ｗ４８－００３"),
    and the week written the ISO way ("2026-W48-003", as weeks are written everywhere else)."""
    text = _HYPHENS.sub("-", "".join(unicodedata.normalize("NFKC", text).split())).upper()
    return re.sub(r"^(\d{4})-W", r"\1W", text)


@dataclass(slots=True)
class SheetLine:
    """A line of a roster sheet as it stands now (plain data for the paper, the sheet
    export and the entry page; the names follow the roster's line so either can be shown).

    ``reason`` is None when the household has left the week's roster since the sheet was
    issued; ``last_visit`` then tells when it was visited.
    """

    seq: int
    household_id: int
    household_code: str
    grid: str
    estate: str
    building: str
    unit: int
    floor: int
    room: str
    head: str
    residents: int
    phone: str | None
    worker: str | None
    categories: tuple[str, ...]
    governing: str | None
    rule: str | None
    reason: RosterReason | None
    due_date: date | None
    last_visit: date | None
    last_attempt: date | None
    note: T | None = None  # from an extra reason: what the visitor should know


@dataclass(frozen=True)
class Saved:
    """A result already typed back from a sheet for one of its lines."""

    outcome: VisitOutcome
    visit_date: date
    visit_id: int


@dataclass(frozen=True)
class Sheet:
    """A grid's roster sheet of one week: its number, how often it was printed, its lines
    in 序号 order and the results already typed back from it."""

    number: str
    week: Span
    grid_id: int
    grid: str
    community: str
    prints: int
    lines: tuple[SheetLine, ...]
    saved: dict[int, Saved]  # by household id

    def line(self, seq: int) -> SheetLine | None:
        return next((line for line in self.lines if line.seq == seq), None)


@dataclass(frozen=True)
class _Issued:
    id: int
    number: str
    grid_id: int
    prints: int
    lines: tuple[tuple[int, int], ...]  # (seq, household id), by seq


def _issue_once(session: Session, week: str, wanted: dict[int, Sequence[int]]) -> dict[int, _Issued]:
    grid_ids = sorted(wanted)
    found: dict[int, tuple[int, str, int]] = {}  # grid -> (sheet id, number, prints)
    for part in chunked(grid_ids):
        for sheet_id, grid_id, number, prints in session.execute(
                select(RosterSheet.id, RosterSheet.grid_id, RosterSheet.number, RosterSheet.prints)
                .where(RosterSheet.week == week, RosterSheet.grid_id.in_(part))
                .order_by(RosterSheet.id)):
            found.setdefault(grid_id, (sheet_id, number, prints))  # the first issued holds
    new = [g for g in grid_ids if g not in found]
    if new:
        session.execute(insert(RosterSheet), [
            {"number": sheet_number(week, g), "week": week, "grid_id": g, "prints": 0, "version": 1}
            for g in new])
        for part in chunked(new):
            for sheet_id, grid_id, number in session.execute(
                    select(RosterSheet.id, RosterSheet.grid_id, RosterSheet.number)
                    .where(RosterSheet.week == week, RosterSheet.grid_id.in_(part))):
                found.setdefault(grid_id, (sheet_id, number, 0))
    by_sheet = {sheet_id: grid_id for grid_id, (sheet_id, _n, _p) in found.items()}
    lines: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for part in chunked(sorted(by_sheet)):
        for sheet_id, seq, household_id in session.execute(
                select(RosterSheetLine.sheet_id, RosterSheetLine.seq, RosterSheetLine.household_id)
                .where(RosterSheetLine.sheet_id.in_(part))):
            lines[by_sheet[sheet_id]].append((seq, household_id))
    added = []
    for grid_id in grid_ids:
        held = lines[grid_id]
        held.sort()
        on_sheet = {hid for _seq, hid in held}
        seq = held[-1][0] if held else 0
        for hid in wanted[grid_id]:
            if hid not in on_sheet:
                seq += 1
                on_sheet.add(hid)
                held.append((seq, hid))
                added.append({"sheet_id": found[grid_id][0], "seq": seq, "household_id": hid})
    if added:
        session.execute(insert(RosterSheetLine), added)
    return {g: _Issued(found[g][0], found[g][1], g, found[g][2], tuple(lines[g])) for g in grid_ids}


def issue(db: Database, week: str, wanted: dict[int, Sequence[int]]) -> dict[int, _Issued]:
    """Each grid's sheet of ``week`` with every household of ``wanted[grid]`` (walking
    order) on it: existing numbers and 序号 kept, new households numbered after the last.
    One short write transaction; a concurrent issue of the same sheet is read back."""
    for attempt in range(ISSUE_ATTEMPTS):
        try:
            with db.transaction() as session:
                return _issue_once(session, week, wanted)
        except IntegrityError:
            if attempt + 1 == ISSUE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def last_met_visits(session: Session, household_ids: Sequence[int], as_of: date) -> dict[int, date]:
    """Each household's last visit that met somebody, up to ``as_of``."""
    found: dict[int, date] = {}
    for part in chunked(list(household_ids)):
        found.update(session.execute(
            select(Visit.household_id, func.max(Visit.visit_date))
            .where(Visit.household_id.in_(part), Visit.outcome == VisitOutcome.MET,
                   Visit.visit_date <= as_of)
            .group_by(Visit.household_id)).all())
    return found


def sheet_lines(session: Session, issued: _Issued, roster_rows: dict[int, object], as_of: date
                ) -> tuple[SheetLine, ...]:
    """The sheet's lines by 序号: households on the roster now as the roster has them, the
    others (no longer due) from the register, set-wise."""
    from gridkeeper.services.roster import household_details

    gone = [hid for _seq, hid in issued.lines if hid not in roster_rows]
    details = household_details(session, gone, as_of) if gone else {}
    visited = last_met_visits(session, gone, as_of) if gone else {}
    lines = []
    for seq, hid in issued.lines:
        row = roster_rows.get(hid)
        if row is not None:
            lines.append(SheetLine(
                seq, hid, row.household_code, row.grid, row.estate,  # type: ignore[attr-defined]
                row.building, row.unit, row.floor, row.room, row.head,  # type: ignore[attr-defined]
                row.residents, row.phone, row.worker, row.categories,  # type: ignore[attr-defined]
                row.governing, row.rule, row.reason, row.due_date,  # type: ignore[attr-defined]
                row.last_visit, row.last_attempt, row.note))  # type: ignore[attr-defined]
            continue
        d = details.get(hid)
        if d is None:  # the household is gone from the register altogether
            continue
        lines.append(SheetLine(
            seq, hid, d.code, d.grid, d.estate, d.building, d.unit, d.floor, d.room, d.head,
            d.residents, d.phone, d.worker, (), None, None, None, None, visited.get(hid),
            d.last_attempt))
    return tuple(lines)


def saved_results(session: Session, number: str) -> dict[int, Saved]:
    """The results typed back from sheet ``number``, the latest per household."""
    found: dict[int, Saved] = {}
    for visit_id, hid, day, outcome in session.execute(
            select(Visit.id, Visit.household_id, Visit.visit_date, Visit.outcome)
            .where(Visit.roster_number == number).order_by(Visit.visit_date, Visit.id)):
        found[hid] = Saved(VisitOutcome(outcome), day, visit_id)
    return found


class AmbiguousWorker(GridKeeperError):
    """Two communities have a worker of this name: the user must say which."""

    zh = "有不止一位名为“{name}”的走访人（{communities}），请指明社区（--community）"
    en = "More than one worker is called “{name}” ({communities}); name the community (--community)"

    def __init__(self, name: str, communities: str) -> None:
        super().__init__(name=name, communities=communities)


class RosterSheetService:
    """``gk.sheets``: the roster sheets of a week, issued, and opened again by their number;
    one worker's part of a roster (一对一, 包片包楼)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def issue(self, roster: object, grid_ids: Sequence[int], as_of: date | None = None) -> list[Sheet]:
        """The sheets of ``roster``'s week for ``grid_ids`` (in that order), issued if new,
        with every household of the roster on them. A print or an export calls this; they
        check their own rights (printing or exporting a roster includes numbering it)."""
        self.actor.require(Permission.VIEW_REGISTER)
        week: Span = roster.week  # type: ignore[attr-defined]
        as_of = as_of or roster.as_of  # type: ignore[attr-defined]
        wanted: dict[int, list[int]] = {g: [] for g in grid_ids}
        rows: dict[int, object] = {}
        for row in roster.rows:  # type: ignore[attr-defined]
            if row.grid_id in wanted:
                wanted[row.grid_id].append(row.household_id)
                rows[row.household_id] = row
        issued = issue(self.db, week.label, wanted)
        with self.db.reading() as session:
            names = _grid_names(session, list(grid_ids))
            return [Sheet(issued[g].number, week, g, names[g][0], names[g][1], issued[g].prints,
                          sheet_lines(session, issued[g], rows, as_of), {})
                    for g in grid_ids]

    def open(self, number: str, as_of: date | None = None) -> Sheet:
        """The sheet with this number as it stands on ``as_of`` (default today), with the
        results already typed back from it. Unknown numbers and other grids' sheets are
        refused alike, so a grid leader learns nothing about sheets they cannot see."""
        from gridkeeper.services.roster import RosterService

        self.actor.require(Permission.VIEW_REGISTER)
        number = normalise_number(number)
        with self.db.reading() as session:
            found = session.execute(select(RosterSheet.id, RosterSheet.week, RosterSheet.grid_id,
                                           RosterSheet.prints)
                                    .where(RosterSheet.number == number)).first()
        if found is None or not self.actor.sees(found.grid_id, f"roster {number}"):
            raise NotFound(what=SHEET_NUMBER, what_en="roster number", key=number)
        week = parse_week(found.week)
        roster = RosterService(self.db, self.actor).roster(week, as_of=as_of, grid_id=found.grid_id)
        rows: dict[int, object] = {row.household_id: row for row in roster.rows}
        with self.db.reading() as session:
            lines = tuple(session.execute(
                select(RosterSheetLine.seq, RosterSheetLine.household_id)
                .where(RosterSheetLine.sheet_id == found.id).order_by(RosterSheetLine.seq)).all())
            issued = _Issued(found.id, number, found.grid_id, found.prints,
                             tuple((seq, hid) for seq, hid in lines))
            names = _grid_names(session, [found.grid_id])
            return Sheet(number, week, found.grid_id, names[found.grid_id][0],
                         names[found.grid_id][1], found.prints,
                         sheet_lines(session, issued, rows, roster.as_of),
                         saved_results(session, number))


    def grids(self) -> list[GridChoice]:
        """The grids the actor sees, to choose one (names qualified where they repeat)."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            return grid_choices(session, self.actor)

    def worker_community(self, name: str, community: str | None = None) -> str:
        """The community of the worker called ``name`` (of ``community`` when given);
        refused when there is none, or several and no community was named."""
        self.actor.require(Permission.VIEW_REGISTER)
        with self.db.reading() as session:
            query = (select(Community.name).join(Worker, Worker.community_id == Community.id)
                     .where(Worker.name == name))
            if community is not None:
                query = query.where(Community.name == community)
            found = sorted(set(session.scalars(query.where(seen_workers(self.actor)))))
            if not found and session.execute(query).first() is not None:
                self.actor.note_refusal(f"another community: worker {name}")
        if not found:
            raise NotFound(what="走访人", what_en="worker",
                           key=f"{name}（{community}）" if community else name)
        if len(found) > 1:
            raise AmbiguousWorker(name, "、".join(found))
        return found[0]

    def for_worker(self, roster: Any, name: str, community: str | None = None) -> Any:
        """``roster`` with only the households whose assigned worker (责任人) is ``name``, across
        its grids (grids of the worker's community only)."""
        community = self.worker_community(name, community)
        with self.db.reading() as session:
            grids = {gid for gid, in session.execute(
                select(Grid.id).join(Community, Community.id == Grid.community_id)
                .where(Community.name == community))}
        return replace(roster, rows=tuple(row for row in roster.rows
                                          if row.worker == name and row.grid_id in grids))


def _grid_names(session: Session, grid_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Grid id -> (grid name, community name)."""
    found: dict[int, tuple[str, str]] = {}
    for part in chunked(grid_ids):
        for gid, name, community in session.execute(
                select(Grid.id, Grid.name, Community.name)
                .join(Community, Community.id == Grid.community_id).where(Grid.id.in_(part))):
            found[gid] = (name, community)
    return found


def households_on_sheets(session: Session, numbers: Sequence[str]
                         ) -> dict[str, tuple[int, dict[int, int]]]:
    """For the visits import: number -> (grid id, {序号: household id}) of each known sheet."""
    found: dict[str, tuple[int, dict[int, int]]] = {}
    wanted = sorted({normalise_number(n) for n in numbers})
    sheets: dict[int, str] = {}
    for part in chunked(wanted):
        for sheet_id, number, grid_id in session.execute(
                select(RosterSheet.id, RosterSheet.number, RosterSheet.grid_id)
                .where(RosterSheet.number.in_(part))):
            sheets[sheet_id] = number
            found[number] = (grid_id, {})
    for part in chunked(sorted(sheets)):
        for sheet_id, seq, hid in session.execute(
                select(RosterSheetLine.sheet_id, RosterSheetLine.seq, RosterSheetLine.household_id)
                .where(RosterSheetLine.sheet_id.in_(part))):
            found[sheets[sheet_id]][1][seq] = hid
    return found


def grid_of_households(session: Session, household_ids: Sequence[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for part in chunked(list(household_ids)):
        found.update(session.execute(
            select(Household.id, Building.grid_id).join(Building, Building.id == Household.building_id)
            .where(Household.id.in_(part))).all())
    return found
