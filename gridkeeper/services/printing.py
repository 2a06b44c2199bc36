"""Printing as a user action (``gk.printing``): check the rights, gather the data, lay out the
PDF, record the print and write the file, which takes its name when the record commits.

Each print is one transaction: the record of the print (:class:`PrintedRoster` rows, and
which print of its roster number each paper is) and the audit entries ("print", and
"unmask" when ID numbers and phones are shown in full) are committed only when the document
was laid out completely and its file written whole under a temporary name; the file takes its
name when that commits (services/outputs.py), so a cancelled or failed print, or a full disk,
leaves neither a record nor a file, and no file exists that the audit log does not name.
Roster numbers and their 序号 are issued before, in a short transaction of their own
(:mod:`gridkeeper.services.roster_sheets`): a number issued for a print that was then
cancelled is simply used by the next one.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import GridKeeperError, PermissionDenied
from gridkeeper.domain.periods import Span, parse_period, parse_week
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.reports.pdf import PrintOptions
from gridkeeper.reports.roster import RosterSheet, render_rosters, roster_file_name
from gridkeeper.services import audit_trail, documents
from gridkeeper.services.collector import collector_paused
from gridkeeper.services.outputs import stage
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Category, PrintedRoster
from gridkeeper.storage.models import RosterSheet as SheetRecord


class NothingDue(GridKeeperError):
    """A worker's list with nobody on it: no paper to print."""

    zh = "{week}没有由“{worker}”负责的应访住户"
    en = "Nobody {worker} looks after is on the roster of {week}"

    def __init__(self, worker: str, week: str) -> None:
        super().__init__(worker=worker, week=week)


@dataclass(frozen=True)
class PrintResult:
    """What a print produced: the files written, their pages, the roster numbers recorded, and
    the documents themselves (PDF bytes, one per file; all there is when no target was given)."""

    files: tuple[Path, ...]
    pages: int
    numbers: tuple[str, ...] = ()
    documents: tuple[bytes, ...] = ()
    households: int = 0  # lines on the rosters printed


def _part(progress: Progress, start: float, share: float) -> Progress:
    def report(fraction: float, text: str = "") -> None:
        progress(start + share * fraction, text)

    return report


class PrintService:
    """The printed documents for one actor: weekly rosters, visit logs, completion reports."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _unmasked(self, asked: bool | None) -> bool:
        """Full ID numbers and phones on paper? As asked; if not asked, as the office chose
        (设置: masked unless switched off), and then only for those allowed to see them."""
        if asked is not None:
            return asked
        from gridkeeper.services.settings import SettingsService

        office_unmasks = not SettingsService(self.db, self.actor).mask_by_default()
        return office_unmasks and self.actor.can(Permission.UNMASK)

    def _require(self, unmasked: bool, *needs: Permission) -> None:
        self.actor.require(Permission.PRINT)
        for permission in needs:
            self.actor.require(permission)
        if unmasked:
            try:
                self.actor.require(Permission.UNMASK)
            except PermissionDenied:
                audit_trail.record_refusal(self.db, self.actor,
                                           "unmask: print with full ID numbers and phones")
                raise

    def _record(self, session: Session, document: str, detail: dict[str, object], unmasked: bool,
                table: str | None = None, row_id: int | None = None) -> None:
        text = json.dumps({"document": document, **detail, "unmasked": unmasked}, ensure_ascii=False)
        audit_trail.record(session, self.actor, "print", table=table, row_id=row_id, detail=text)
        if unmasked:
            audit_trail.record(session, self.actor, "unmask", table=table, row_id=row_id, detail=text)

    # -- weekly roster -------------------------------------------------------------------

    # a print of a street's roster builds and frees its papers, pages and PDF objects (a few
    # hundred thousand) together: no cyclic collection walks the whole heap for them meanwhile
    @collector_paused()
    def rosters(
        self,
        week: Span | str,
        target: Path | str | None,
        *,
        grid: str | None = None,
        as_of: date | None = None,
        per_grid: bool = False,
        unmasked: bool | None = None,
        font: str | None = None,
        progress: Progress = no_progress,
        now: datetime | None = None,
        roster: Any = None,
        worker: str | None = None,
        community: str | None = None,
    ) -> PrintResult:
        """Print the week's rosters of ``grid`` (or of every grid the actor sees).

        ``per_grid`` writes one file per grid into the folder ``target``; otherwise one PDF
        with each grid from a new page, opening with an index when it holds several grids.
        Each grid's sheet keeps one roster number for the week (issued by the first print
        or export); every print is recorded with which print of that number it is and the
        households on it. ``worker``: only the households whose assigned worker (责任人) has
        this name, across the grids (``community`` tells apart two workers of one name).
        ``roster``: the same week's :class:`~gridkeeper.services.roster.Roster` when the
        caller has it already. With no ``target`` nothing is written to disk: the PDF is in
        the result's ``documents`` (the GUI's preview keeps it in memory, never as a
        plaintext file in the temp folder).
        """
        unmasked = self._unmasked(unmasked)
        self._require(unmasked, Permission.VIEW_REGISTER)
        from gridkeeper.services.roster import RosterService
        from gridkeeper.services.roster_sheets import RosterSheetService

        week = parse_week(week) if isinstance(week, str) else week
        progress(0.0, "计算应访名单 / working out who is due")
        if roster is None or roster.week != week or roster.grid != grid:
            roster = RosterService(self.db, self.actor).roster(week, grid=grid, as_of=as_of)
        numbering = RosterSheetService(self.db, self.actor)
        if worker is not None:  # a name that is nobody's is refused before anything is issued
            community = numbering.worker_community(worker, community)
        with self.db.reading() as session:
            grids = documents.grids_in_scope(session, self.actor, grid)
        sheets = numbering.issue(roster, [g.id for g in grids])
        if worker is not None:
            sheets = documents.worker_lines(sheets, worker, community)
            if not sheets:
                raise NothingDue(worker=worker, week=week.label)
        printed_at = (now or datetime.now()).replace(microsecond=0)
        with self.db.transaction() as session:
            options = PrintOptions(unmasked=unmasked, font=font or documents.configured_font(session))
            copies = self._count_prints(session, [s.number for s in sheets])
            papers = documents.roster_sheets(session, sheets, grids, copies, printed_at, worker,
                                             unmasked=unmasked)
            progress(0.1, "排版 / laying out")
            outputs = self._render_rosters(papers, Path(target or "roster.pdf"), per_grid, options,
                                           _part(progress, 0.1, 0.85))
            rows = [PrintedRoster(number=p.number, copy=p.copy, week=p.week, grid_id=p.grid_id,
                                  printed_at=printed_at, printed_by=self.actor.username,
                                  households=",".join(str(line.household_id) for line in p.lines))
                    for p in papers]
            session.add_all(rows)
            session.flush()
            for paper, row in zip(papers, rows, strict=True):
                self._record(session, "roster", {"week": paper.week, "grid": paper.grid,
                                                 "number": paper.number, "copy": paper.copy,
                                                 "households": len(paper.lines),
                                                 **({"worker": worker} if worker else {})},
                             unmasked, table="printed_roster", row_id=row.id)
            files = _write(session, outputs if target is not None else [])
        progress(1.0, "完成 / done")
        return PrintResult(files=files, pages=sum(p for _, _, p in outputs),
                           numbers=tuple(p.number for p in papers),
                           documents=tuple(data for _, data, _ in outputs),
                           households=sum(len(p.lines) for p in papers))

    @staticmethod
    def _count_prints(session: Session, numbers: Sequence[str]) -> dict[str, int]:
        """Count this print on each sheet; returns which print it is of each number. The
        row stays locked until the print is committed, so two prints of one sheet at once
        get different counts; a cancelled print counts nothing."""
        found: dict[str, int] = {}
        for part in chunked(list(numbers)):
            session.execute(update(SheetRecord).where(SheetRecord.number.in_(part))
                            .values(prints=SheetRecord.prints + 1, version=SheetRecord.version + 1)
                            .execution_options(synchronize_session=False))
            found.update(session.execute(select(SheetRecord.number, SheetRecord.prints)
                                         .where(SheetRecord.number.in_(part))).all())
        return found

    @staticmethod
    def _render_rosters(sheets: Sequence[RosterSheet], target: Path, per_grid: bool,
                        options: PrintOptions, progress: Progress) -> list[tuple[Path, bytes, int]]:
        if not per_grid:
            buffer = io.BytesIO()
            pages = render_rosters(sheets, buffer, options, progress)
            return [(target, buffer.getvalue(), pages)]
        outputs = []
        total = sum(max(1, len(s.lines)) for s in sheets) or 1
        done = 0
        for sheet in sheets:
            buffer = io.BytesIO()
            share = max(1, len(sheet.lines)) / total
            pages = render_rosters([sheet], buffer, options, _part(progress, done / total, share))
            outputs.append((target / roster_file_name(sheet), buffer.getvalue(), pages))
            done += max(1, len(sheet.lines))
        return outputs

    # -- visit log -----------------------------------------------------------------------

    def visit_log(
        self,
        period: Span | str,
        target: Path | str | None,
        *,
        household: str | None = None,
        grid: str | None = None,
        unmasked: bool | None = None,
        font: str | None = None,
        progress: Progress = no_progress,
        now: datetime | None = None,
    ) -> PrintResult:
        """Print a household's card (by household code) or a grid's log for ``period``; with no
        ``target``, only into the result's ``documents`` (a preview kept in memory)."""
        from gridkeeper.reports.visitlog import VisitLog, render_visit_log

        unmasked = self._unmasked(unmasked)
        self._require(unmasked, Permission.VIEW_REGISTER)
        if (household is None) == (grid is None):
            raise ValueError("name exactly one of household and grid")
        span = parse_period(period) if isinstance(period, str) else period
        printed_at = (now or datetime.now()).replace(microsecond=0)
        with self.db.transaction() as session:
            options = PrintOptions(unmasked=unmasked, font=font or documents.configured_font(session))
            if household is not None:
                card = documents.household_card(session, self.actor, household, span)
                log = VisitLog(card.community, f"户 {card.code}", span.label, span.start, span.end,
                               printed_at, cards=(card,))
                scope = {"household": household}
            else:
                info, visits = documents.grid_visits(session, self.actor, grid or "", span)
                log = VisitLog(info.community, info.name, span.label, span.start, span.end, printed_at,
                               visits=tuple(visits))
                scope = {"grid": info.name}
            buffer = io.BytesIO()
            pages = render_visit_log(log, buffer, options, _part(progress, 0.05, 0.9))
            self._record(session, "visit_log", {**scope, "period": span.label}, unmasked)
            files = _write(session, [(Path(target), buffer.getvalue(), pages)] if target else [])
        progress(1.0, "完成 / done")
        return PrintResult(files=files, pages=pages, documents=(buffer.getvalue(),))

    # -- completion report ---------------------------------------------------------------

    def completion(
        self,
        period: Span | str,
        target: Path | str | None,
        *,
        by: str = "grid",
        grid: str | None = None,
        as_of: date | None = None,
        missed: bool = False,
        font: str | None = None,
        progress: Progress = no_progress,
        now: datetime | None = None,
    ) -> PrintResult:
        """Print the completion report for ``period`` grouped ``by`` grid, worker or category (one
        grid, or every grid the actor sees). ``missed``: list the households missed, per grid
        (a yearly report of a large community runs to many pages with it). With no ``target``,
        only into the result's ``documents``."""
        self._require(False, Permission.VIEW_REPORTS)
        from gridkeeper.reports.completion import CompletionReport, render_completion
        from gridkeeper.services.completion import CompletionService
        from gridkeeper.services.spot_checks import checks_by_worker

        span = parse_period(period) if isinstance(period, str) else period
        service = CompletionService(self.db, self.actor)
        progress(0.0, "统计 / counting")
        figures = service.figures(span, by=by, grid=grid, as_of=as_of)
        missed_in: dict[str, list[str]] = {}
        if missed:
            progress(0.3, "统计 / counting")
            # the categories whose visits each household missed (derived ones such as 高龄 too)
            for g in service.figures(span, by="category", grid=grid, as_of=as_of).groups:
                for code in g.missed_households:
                    missed_in.setdefault(code, []).append(g.label)
        printed_at = (now or datetime.now()).replace(microsecond=0)
        with self.db.transaction() as session:
            options = PrintOptions(font=font or documents.configured_font(session))
            grids = documents.grids_in_scope(session, self.actor, grid)
            grid_ids = frozenset(g.id for g in grids) if grid or self.actor.grid_ids is not None else None
            categories = session.execute(
                select(Category.code, Category.name_zh, Category.colour, Category.target_rate,
                       Category.visits)
                .where(Category.active.is_(True)).order_by(Category.sort_order, Category.id)).all()
            checks = checks_by_worker(session, span, grid_ids)
            lines, total, exceptions = documents.completion_lines(
                figures, {c.code: c.colour for c in categories}, checks)
            households = documents.missed_households(
                session, figures.total.missed_households, span, figures.as_of, missed_in) if missed else []
            scope = grid or _scope(self.actor, grids)
            report = CompletionReport(
                community=_community_title(grids) or documents.community_name(session),
                period=span.label, start=span.start, end=span.end, scope=scope, printed_at=printed_at,
                by=by, lines=lines, total=total, exceptions=exceptions, missed=tuple(households),
                missed_count=len(figures.total.missed_households),
                needs=documents.need_rates(session, self.actor, grid_ids if grid else None, span),
                checks=tuple(documents.spot_check_line(c) for _, c in sorted(checks.items())),
                as_of=figures.as_of,
                targets=tuple((c.name_zh, c.target_rate) for c in categories if c.visits))
            buffer = io.BytesIO()
            pages = render_completion(report, buffer, options, _part(progress, 0.6, 0.35))
            self._record(session, "completion", {"period": span.label, "scope": scope, "by": by,
                                                 "missed": missed}, False)
            files = _write(session, [(Path(target), buffer.getvalue(), pages)] if target else [])
        progress(1.0, "完成 / done")
        return PrintResult(files=files, pages=pages, documents=(buffer.getvalue(),))


    # -- a worker's evidence pack --------------------------------------------------------

    def evidence(
        self,
        period: Span | str,
        target: Path | str | None,
        *,
        worker: str,
        as_of: date | None = None,
        font: str | None = None,
        progress: Progress = no_progress,
        now: datetime | None = None,
    ) -> PrintResult:
        """Print ``worker``'s evidence pack for assessment (社工考评): completion of their
        households against the rules and targets, reviewed visits, spot checks, needs closed
        and satisfaction, for ``period`` (typically a quarter)."""
        self._require(False, Permission.VIEW_REPORTS)
        from gridkeeper.reports.evidence import render_evidence
        from gridkeeper.services.completion import CompletionService

        span = parse_period(period) if isinstance(period, str) else period
        with self.db.reading() as session:
            ids, name, community = documents.find_workers(session, self.actor, worker)
        progress(0.0, "统计 / counting")
        figures = CompletionService(self.db, self.actor).figures(span, by="category", as_of=as_of,
                                                                 worker_id=ids[0])
        printed_at = (now or datetime.now()).replace(microsecond=0)
        with self.db.transaction() as session:
            options = PrintOptions(font=font or documents.configured_font(session))
            colours = documents.category_colours(session)
            pack = documents.evidence_pack(session, self.actor, ids[0], name, community, figures, colours,
                                           span, printed_at)
            buffer = io.BytesIO()
            pages = render_evidence(pack, buffer, options, _part(progress, 0.4, 0.55))
            self._record(session, "evidence", {"period": span.label, "worker": name}, False)
            files = _write(session, [(Path(target), buffer.getvalue(), pages)] if target else [])
        progress(1.0, "完成 / done")
        return PrintResult(files=files, pages=pages, documents=(buffer.getvalue(),))


    # -- needs report -------------------------------------------------------------------

    def need_rates(
        self,
        period: Span | str,
        target: Path | str | None,
        *,
        by: str = "grid",
        font: str | None = None,
        progress: Progress = no_progress,
        now: datetime | None = None,
    ) -> PrintResult:
        """Print the three rates of the needs received in ``period``, per grid, category or
        handler, with their definitions (gridkeeper/reports/need_rates.py); with no ``target``,
        only into the result's ``documents`` (a preview kept in memory)."""
        self._require(False, Permission.VIEW_REPORTS)
        from gridkeeper.reports.need_rates import NeedRatesReport, RateLine, render_need_rates
        from gridkeeper.services.needs import NeedService

        span = parse_period(period) if isinstance(period, str) else period
        progress(0.0, "统计 / counting")
        rates = NeedService(self.db, self.actor).rates_by(span, by)
        printed_at = (now or datetime.now()).replace(microsecond=0)

        def line(label: str, c: Any) -> RateLine:
            return RateLine(label, c.received, c.responded_on_time, c.counted_for_resolution,
                            c.resolved, c.resolved_on_time, c.called_back, c.satisfied)

        with self.db.transaction() as session:
            options = PrintOptions(font=font or documents.configured_font(session))
            grids = documents.grids_in_scope(session, self.actor, None)
            report = NeedRatesReport(
                community=_community_title(grids) or documents.community_name(session),
                period=span.label, start=span.start, end=span.end,
                by={"grid": "网格", "category": "诉求类别", "handler": "承办人"}[by],
                printed_at=printed_at,
                lines=tuple(line(g.label.zh, g.counts) for g in rates.groups),
                total=line("合计", rates.total))
            buffer = io.BytesIO()
            pages = render_need_rates(report, buffer, options, _part(progress, 0.3, 0.65))
            self._record(session, "need_rates", {"period": span.label, "by": by}, False)
            files = _write(session, [(Path(target), buffer.getvalue(), pages)] if target else [])
        progress(1.0, "完成 / done")
        return PrintResult(files=files, pages=pages, documents=(buffer.getvalue(),))


def _scope(actor: Actor, grids: Sequence[documents.GridInfo]) -> str:
    """Which grids a report covers: all of them for the street office and for an account of
    one community (the title names the community), else a grid leader's own, by name."""
    if actor.grid_ids is None or (actor.community_id is not None and actor.role is not Role.GRID_LEADER):
        return "全部网格"
    return "、".join(g.name for g in grids)


def _community_title(grids: Sequence[documents.GridInfo]) -> str:
    """The community a report covers; a street office's report over several says so."""
    communities = {g.community for g in grids}
    if len(communities) > 1:
        return "全街道"
    return next(iter(communities), "")


def _write(session: Session, outputs: Sequence[tuple[Path, bytes, int]]) -> tuple[Path, ...]:
    """The files of a print, written whole now and named when its record commits."""
    return tuple(stage(session, path, data) for path, data, _pages in outputs)
