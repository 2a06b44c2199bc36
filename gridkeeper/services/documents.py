"""Filling the documents' plain input types from the database and the services.

The roster comes from :class:`~gridkeeper.services.roster.RosterService` (the
policy engine decides who is due and why); this module adds what a printed sheet needs
besides (community, grid leader, category colours) with a few read-only queries. The visit
log reads visits, their teams and needs with read-only set-wise queries of its own.
Nothing here writes: recording a print is :mod:`gridkeeper.services.printing`'s job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from gridkeeper.domain.addresses import address_text
from gridkeeper.domain.enums import (
    CategoryKind,
    Gender,
    HouseholdStatus,
    Labelled,
    NeedStatus,
    ResidentStatus,
    Satisfaction,
    SpotCheckResult,
    VisitMethod,
    VisitOutcome,
)
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.needs import count_rates
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.supervision import CategoryStanding
from gridkeeper.reports.completion import CompletionLine, MissedHousehold, NeedRates, SpotChecks
from gridkeeper.reports.evidence import CheckedCall, ClosedNeed, EvidencePack, ReviewedVisit
from gridkeeper.reports.roster import CategoryMark, Reason, RosterLine, RosterSheet
from gridkeeper.reports.visitlog import (
    HouseholdCard,
    LogCategory,
    LogNeed,
    LogResident,
    LogVisit,
)
from gridkeeper.services.completion import CompletionFigures, CompletionReport
from gridkeeper.services.grid_names import find_grid
from gridkeeper.services.levels import grid_ranks
from gridkeeper.services.needs import response_days, visible_needs
from gridkeeper.services.roster_sheets import Sheet
from gridkeeper.services.seen import seen_workers
from gridkeeper.services.spot_checks import checks_by_worker
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Need,
    NeedCategory,
    Resident,
    Setting,
    SpotCheck,
    User,
    Visit,
    VisitParticipant,
    Worker,
)

DISABILITY_KINDS = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}
GRADES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _label(kind: type[Labelled], code: str | None) -> str:
    if not code:
        return ""
    try:
        return kind(code).label.zh
    except ValueError:
        return code


def configured_font(session: Session) -> str | None:
    """The office's font choice (setting ``cjk_font``), if any."""
    from gridkeeper.fonts import SETTING_KEY

    return session.scalar(select(Setting.value).where(Setting.key == SETTING_KEY)) or None


@dataclass(frozen=True)
class GridInfo:
    id: int
    name: str
    community: str
    leader: str | None


def grids_in_scope(session: Session, actor: Actor, grid: str | None) -> list[GridInfo]:
    """The grids a print covers, in the street's order: communities in order, their grids
    within (:mod:`gridkeeper.services.levels`)."""

    leader = aliased(Worker)
    query = (select(Grid.id, Grid.name, Grid.sort_order, Community.name.label("community"),
                    Community.sort_order.label("community_order"),
                    Community.id.label("community_id"), leader.name.label("leader"))
             .join(Community, Community.id == Grid.community_id)
             .outerjoin(leader, leader.id == Grid.leader_id))
    if grid is not None:  # by name, as the roster finds it (another grid's is a refusal)
        query = query.where(Grid.id == find_grid(session, actor, grid))
    rows = [r for r in session.execute(query).all() if actor.sees_grid(r.id)]
    ranks = grid_ranks(session)  # the street's one order: communities, then their grids
    rows.sort(key=lambda r: ranks[r.id])
    return [GridInfo(r.id, r.name, r.community, r.leader) for r in rows]


def category_marks(session: Session) -> dict[str, CategoryMark]:
    """Marks for the categories worth marking on paper, by code. Everyone has the universal
    one (一般户), so marking it would only add noise."""
    rows = session.execute(
        select(Category.code, Category.name_zh, Category.colour, Category.kind)
        .where(Category.active.is_(True)).order_by(Category.sort_order, Category.id)).all()
    return {r.code: CategoryMark(r.name_zh, r.colour) for r in rows if r.kind != CategoryKind.UNIVERSAL}


def stairwell_notes(session: Session, sheets: Sequence[Sheet], unmasked: bool = False
                    ) -> dict[tuple[str, str, int], str]:
    """What each stairwell's heading names beside it: its standing contacts (楼门长 first,
    then the building's 民情联络员 and 社区民警, volunteers and party members), phones masked
    unless printed in full. Keyed as the roster groups its lines: (estate, building, unit)."""
    from gridkeeper.services.contacts import ROLE_ORDER, contacts_of, for_stairwell

    wanted = {(line.estate, line.building) for s in sheets for line in s.lines}
    if not wanted:
        return {}
    buildings = {(estate, number): bid for bid, estate, number in session.execute(
        select(Building.id, Estate.name, Building.number).join(Estate, Estate.id == Building.estate_id)
        .where(Estate.name.in_({e for e, _ in wanted}))).all() if (estate, number) in wanted}
    contacts = contacts_of(session, buildings.values(), unmasked)
    notes: dict[tuple[str, str, int], str] = {}
    for sheet in sheets:
        for line in sheet.lines:
            key = (line.estate, line.building, line.unit)
            if key in notes or (line.estate, line.building) not in buildings:
                continue
            mine = for_stairwell(contacts.get(buildings[(line.estate, line.building)], []), line.unit)
            mine.sort(key=lambda c: ROLE_ORDER.get(c.role, 99))
            notes[key] = " · ".join(c.line() for c in mine)
    return notes


def roster_sheets(session: Session, sheets: Sequence[Sheet], grids: Sequence[GridInfo],
                  copies: dict[str, int], printed_at: datetime, worker: str | None = None,
                  unmasked: bool = False) -> list[RosterSheet]:
    """The papers of the issued ``sheets`` (lines in 序号 order), with what a printed sheet
    needs besides: the grid leader, category marks, the head's phone for households without
    one of their own, each stairwell's standing contacts, and which print of its number each
    paper is (``copies``)."""
    notes = stairwell_notes(session, sheets, unmasked)
    stairwells = {key: note for key, note in notes.items() if note}  # one mapping all papers share
    marks = category_marks(session)
    legend = tuple(marks.values())
    leaders = {g.id: g.leader for g in grids}
    # a household without its own phone is reached on the head's
    head_phones: dict[int, str] = {}
    for part in chunked([line.household_id for s in sheets for line in s.lines if not line.phone]):
        head_phones.update(session.execute(
            select(Resident.household_id, Resident.phone)
            .where(Resident.household_id.in_(part), Resident.is_head.is_(True),
                   Resident.phone.is_not(None))).all())
    # a street's 7,640 lines have a few dozen sets of categories and four reasons between them
    line_marks: dict[tuple[str, ...], tuple[CategoryMark, ...]] = {}
    reasons: dict[object, Reason] = {None: Reason.DONE}

    def marks_of(codes: tuple[str, ...]) -> tuple[CategoryMark, ...]:
        found = line_marks.get(codes)
        if found is None:
            found = line_marks[codes] = tuple(marks[c] for c in codes if c in marks)
        return found

    def reason_of(reason: object) -> Reason:
        found = reasons.get(reason)
        if found is None:
            found = reasons[reason] = Reason(str(reason))
        return found

    papers = []
    for sheet in sheets:
        lines = tuple(RosterLine(
            household_id=line.household_id, code=line.household_code, estate=line.estate,
            building=line.building, unit=line.unit, room=line.room, head=line.head,
            residents=line.residents, seq=line.seq,
            categories=marks_of(line.categories), reason=reason_of(line.reason),
            reason_date=line.due_date if line.reason is not None else line.last_visit,
            last_visit=line.last_visit, phone=line.phone or head_phones.get(line.household_id),
            reason_note=line.note.zh if line.note else "", worker=line.worker or "")
            for line in sheet.lines)
        papers.append(RosterSheet(
            community=sheet.community, grid=sheet.grid, week=sheet.week.label,
            week_start=sheet.week.start, week_end=sheet.week.end, number=sheet.number,
            printed_at=printed_at, lines=lines, leader=leaders.get(sheet.grid_id),
            grid_id=sheet.grid_id, legend=legend, copy=copies.get(sheet.number, 1),
            worker=worker, stairwells=stairwells))
    return papers


def worker_lines(sheets: Sequence[Sheet], worker: str, community: str | None) -> list[Sheet]:
    """Only the lines of the households whose assigned worker (责任人) is ``worker`` (of
    ``community``, when given), keeping each line's 序号; sheets left empty are dropped."""
    found = []
    for sheet in sheets:
        if community is not None and sheet.community != community:
            continue
        lines = tuple(line for line in sheet.lines if line.worker == worker)
        if lines:
            found.append(replace(sheet, lines=lines))
    return found




def _need_result(status: str, resolution: str | None, rejected_reason: str | None) -> str:
    """What was done about a need (处理结果): its resolution, or why it was not taken up."""
    if status == NeedStatus.REJECTED.value and rejected_reason:
        return f"不予受理：{rejected_reason}"
    return resolution or ""


def _needs_by_visit(session: Session, visit_ids: Sequence[int]) -> dict[int, list[LogNeed]]:
    found: dict[int, list[LogNeed]] = defaultdict(list)
    for part in chunked(list(visit_ids)):
        rows = session.execute(
            select(Need.visit_id, Need.number, NeedCategory.name_zh, Need.description, Need.status,
                   Need.received_at, Need.resolution, Need.rejected_reason)
            .join(NeedCategory, NeedCategory.id == Need.category_id)
            .where(Need.visit_id.in_(part)).order_by(Need.received_at, Need.id)).all()
        for r in rows:
            found[r.visit_id].append(LogNeed(r.number, r.name_zh, r.description,
                                             _label(NeedStatus, r.status), r.received_at.date(),
                                             _need_result(r.status, r.resolution, r.rejected_reason)))
    return found


def _teams(session: Session, visit_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for part in chunked(list(visit_ids)):
        # a worker who went may be named, and their role known, only through the worker row
        rows = session.execute(
            select(VisitParticipant.visit_id, VisitParticipant.name, VisitParticipant.duty,
                   Worker.name.label("worker"), Worker.duty.label("worker_duty"))
            .outerjoin(Worker, Worker.id == VisitParticipant.worker_id)
            .where(VisitParticipant.visit_id.in_(part)).order_by(VisitParticipant.id)).all()
        for r in rows:
            name = r.name or r.worker or ""
            duty = r.duty or r.worker_duty
            found[r.visit_id].append(f"{name}（{duty}）" if duty else name)
    return found


# the field checklist as printed: (column, label)
CHECKS = (("check_safety", "安全"), ("check_health", "健康"), ("check_living", "居住"),
          ("check_family", "家庭"), ("check_needs", "需求"), ("hazards", "隐患"))


def _visit_rows(session: Session, condition: Any, start: date, end: date) -> list[Any]:
    head = aliased(Resident)
    return list(session.execute(
        select(Visit.id, Visit.household_id, Visit.visit_date, Visit.visit_time, Visit.method,
               Visit.outcome, Visit.notes, Visit.recorded_by, Visit.review_comment, Visit.reviewed_by,
               Visit.reviewed_at, Visit.met_with, Visit.difficulties, Visit.actions_taken,
               Visit.action_result, Visit.follow_up_plan, Visit.follow_up_on, Visit.check_safety,
               Visit.check_health, Visit.check_living, Visit.check_family, Visit.check_needs, Visit.hazards,
               SpotCheck.result.label("spot_check"),
               Household.code, Household.unit, Household.room, Building.number.label("building"),
               Estate.name.label("estate"), head.name.label("head"))
        .join(Household, Household.id == Visit.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .outerjoin(head, (head.household_id == Household.id) & head.is_head.is_(True))
        .outerjoin(SpotCheck, SpotCheck.visit_id == Visit.id)
        .where(condition, Visit.visit_date >= start, Visit.visit_date <= end)
        .order_by(Visit.visit_date, Visit.visit_time, Visit.id)).all())


def _people(session: Session, usernames: set[str]) -> dict[str, str]:
    """How the accounts that recorded or reviewed are named on paper: the account's display
    name, else its worker's name, else the user name itself."""
    found: dict[str, str] = {}
    for part in chunked(sorted(usernames)):
        for username, display, worker in session.execute(
                select(User.username, User.display_name, Worker.name)
                .outerjoin(Worker, Worker.id == User.worker_id).where(User.username.in_(part))):
            found[username] = display or worker or username
    return found


def _log_visits(session: Session, rows: Sequence[Any]) -> list[LogVisit]:
    ids = [r.id for r in rows]
    teams = _teams(session, ids)
    needs = _needs_by_visit(session, ids)
    people = _people(session, {name for r in rows for name in (r.recorded_by, r.reviewed_by) if name})
    return [
        LogVisit(visit_date=r.visit_date, visit_time=r.visit_time,
                 method=_label(VisitMethod, r.method), outcome=_label(VisitOutcome, r.outcome),
                 team=tuple(teams.get(r.id, ())), notes=r.notes or "", needs=tuple(needs.get(r.id, ())),
                 household_code=r.code, address=address_text(r.estate, r.building, r.unit, r.room),
                 head=r.head or "", recorded_by=people.get(r.recorded_by, r.recorded_by or ""),
                 review_comment=r.review_comment or "",
                 reviewed_by=people.get(r.reviewed_by, r.reviewed_by or ""),
                 reviewed_at=r.reviewed_at, met_with=r.met_with or "",
                 checks=tuple((label, getattr(r, column)) for column, label in CHECKS if getattr(r, column)),
                 difficulties=r.difficulties or "", actions_taken=r.actions_taken or "",
                 action_result=r.action_result or "", follow_up_plan=r.follow_up_plan or "",
                 follow_up_on=r.follow_up_on, spot_check=_label(SpotCheckResult, r.spot_check))
        for r in rows
    ]


def household_card(session: Session, actor: Actor, code: str, period: Span) -> HouseholdCard:
    """A household's card for the period: who lives there, categories, visits and needs."""
    found = session.execute(
        select(Household.id, Household.code, Household.unit, Household.room, Household.phone,
               Household.status, Building.number.label("building"), Building.grid_id,
               Estate.name.label("estate"), Grid.name.label("grid"), Worker.name.label("worker"),
               Community.name.label("community"))
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .join(Grid, Grid.id == Building.grid_id)
        .join(Community, Community.id == Household.community_id)
        .outerjoin(Worker, Worker.id == Household.worker_id)
        .where(Household.code == code).order_by(Household.id)).all()
    # a code is unique within a community: of two communities' households, the one the actor sees
    row = next((r for r in found if actor.sees_grid(r.grid_id)), None)
    if row is None:
        if found:
            actor.sees(found[0].grid_id, f"household {code}")  # asked for: the refusal is noted
        raise NotFound(what="户编号", what_en="household code", key=code)
    residents = session.execute(
        select(Resident.id, Resident.name, Resident.relation, Resident.gender, Resident.birth_date,
               Resident.id_number, Resident.phone, Resident.status, Resident.is_head)
        .where(Resident.household_id == row.id)
        .order_by(Resident.is_head.desc(), Resident.id)).all()
    names = {r.id: r.name for r in residents}
    assignments = session.execute(
        select(CategoryAssignment.resident_id, CategoryAssignment.valid_from, CategoryAssignment.valid_to,
               CategoryAssignment.disability_kind, CategoryAssignment.disability_grade,
               CategoryAssignment.note, Category.name_zh, Category.colour)
        .join(Category, Category.id == CategoryAssignment.category_id)
        .where(CategoryAssignment.resident_id.in_(list(names)),
               CategoryAssignment.valid_from <= period.end,
               or_(CategoryAssignment.valid_to.is_(None), CategoryAssignment.valid_to >= period.start))
        .order_by(Category.sort_order, CategoryAssignment.valid_from)).all()
    categories = [
        LogCategory(a.name_zh, a.colour, names.get(a.resident_id, ""), a.valid_from, a.valid_to,
                    _assignment_note(a))
        for a in assignments
    ]
    categories += _derived_categories(session, row.id, period.end)
    visits = _log_visits(session, _visit_rows(session, Visit.household_id == row.id,
                                              period.start, period.end))
    other = session.execute(
        select(Need.number, NeedCategory.name_zh, Need.description, Need.status, Need.received_at,
               Need.resolution, Need.rejected_reason)
        .join(NeedCategory, NeedCategory.id == Need.category_id)
        .where(Need.household_id == row.id, Need.visit_id.is_(None),
               Need.received_at >= datetime.combine(period.start, datetime.min.time()),
               Need.received_at <= datetime.combine(period.end, datetime.max.time()))
        .order_by(Need.received_at)).all()
    return HouseholdCard(
        code=row.code, address=address_text(row.estate, row.building, row.unit, row.room), grid=row.grid,
        residents=tuple(
            LogResident(r.name, r.relation, _label(Gender, r.gender), r.birth_date, r.id_number,
                        r.phone, _label(ResidentStatus, r.status))
            for r in residents),
        categories=tuple(categories), visits=tuple(visits), phone=row.phone, worker=row.worker or "",
        status=_label(HouseholdStatus, row.status), community=row.community,
        other_needs=tuple(LogNeed(n.number, n.name_zh, n.description, _label(NeedStatus, n.status),
                                  n.received_at.date(),
                                  _need_result(n.status, n.resolution, n.rejected_reason))
                          for n in other))


def _assignment_note(a: Any) -> str:
    parts = []
    if a.disability_kind:
        parts.append(DISABILITY_KINDS.get(a.disability_kind, str(a.disability_kind)))
    if a.disability_grade:
        parts.append(GRADES.get(a.disability_grade, str(a.disability_grade)))
    if a.note:
        parts.append(a.note)
    return " ".join(parts)


def _derived_categories(session: Session, household_id: int, day: date) -> list[LogCategory]:
    """Derived categories (高龄 / 独居 / 空巢) held at the period's end, by the visit engine."""
    from gridkeeper.domain.policy import categories_on
    from gridkeeper.services.roster import load_catalogue, single_household_facts

    catalogue = load_catalogue(session)
    facts = single_household_facts(session, catalogue, household_id, day)
    colours = dict(session.execute(select(Category.code, Category.colour)).all())
    return [
        LogCategory(c.label.zh, colours.get(c.code, "#9E9E9E"), "", None, None, "自动推算")
        for c in categories_on(facts, catalogue, day) if c.kind == CategoryKind.DERIVED
    ]


def grid_visits(session: Session, actor: Actor, grid: str, period: Span) -> tuple[GridInfo, list[LogVisit]]:
    """Every visit of the period in the grid, in date order."""
    info = grids_in_scope(session, actor, grid)[0]
    in_grid = Visit.household_id.in_(
        select(Household.id).join(Building, Building.id == Household.building_id)
        .where(Building.grid_id == info.id))
    return info, _log_visits(session, _visit_rows(session, in_grid, period.start, period.end))


def community_name(session: Session) -> str:
    return session.scalar(select(Community.name).order_by(Community.id).limit(1)) or ""


def missed_households(session: Session, codes: Sequence[str], period: Span, as_of: date,
                      categories: dict[str, list[str]]) -> list[MissedHousehold]:
    """Details of the households the completion figures list as missed, in walking order.

    ``categories`` names, by household code, the categories whose visits were missed (from
    the figures grouped by category), so derived ones such as 高龄 show too.
    """

    found: list[tuple[Any, MissedHousehold]] = []
    until = min(period.end, as_of)
    for part in chunked(list(codes)):
        head = aliased(Resident)
        rows = session.execute(
            select(Household.id, Household.code, Household.unit, Household.floor, Household.room,
                   Building.number.label("building"), Estate.name.label("estate"),
                   Grid.name.label("grid"), Grid.sort_order, head.name.label("head"))
            .join(Building, Building.id == Household.building_id)
            .join(Estate, Estate.id == Building.estate_id)
            .join(Grid, Grid.id == Building.grid_id)
            .outerjoin(head, (head.household_id == Household.id) & head.is_head.is_(True))
            .where(Household.code.in_(part))).all()
        ids = [r.id for r in rows]
        last = dict(session.execute(
            select(Visit.household_id, func.max(Visit.visit_date))
            .where(Visit.household_id.in_(ids), Visit.outcome == VisitOutcome.MET,
                   Visit.visit_date <= until)
            .group_by(Visit.household_id)).all())
        failed = dict(session.execute(
            select(Visit.household_id, func.count())
            .where(Visit.household_id.in_(ids), Visit.outcome != VisitOutcome.MET,
                   Visit.visit_date >= period.start, Visit.visit_date <= until)
            .group_by(Visit.household_id)).all())
        for r in rows:
            key = (r.sort_order, natural_key(r.grid), natural_key(r.estate), natural_key(r.building),
                   r.unit, r.floor, natural_key(r.room))
            found.append((key, MissedHousehold(
                grid=r.grid, code=r.code, address=address_text(r.estate, r.building, r.unit, r.room),
                head=r.head or "", categories="、".join(categories.get(r.code, [])),
                last_visit=last.get(r.id), failed_attempts=failed.get(r.id, 0))))
    found.sort(key=lambda pair: pair[0])
    return [m for _, m in found]


def need_rates(session: Session, actor: Actor, grid_ids: frozenset[int] | None, period: Span) -> NeedRates:
    """The three rates over needs received in the period that ``actor`` sees, as the needs page
    counts them: needs with no household (walk-ins about a street) are their community's.
    ``grid_ids``: the grids a print was asked for (None: all the actor sees), whose households'
    needs alone then count."""
    start = datetime.combine(period.start, datetime.min.time())
    end = datetime.combine(period.end, datetime.max.time())
    query = (select(Need.received_at, Need.responded_at, Need.resolved_at, Need.deadline,
                    Need.status, Need.satisfaction, Need.called_back_at)
             .outerjoin(Household, Household.id == Need.household_id)
             .outerjoin(Building, Building.id == Household.building_id)
             .outerjoin(Grid, Grid.id == Building.grid_id)
             .where(Need.received_at >= start, Need.received_at <= end, visible_needs(actor)))
    if grid_ids is not None:
        query = query.where(Grid.id.in_(grid_ids))
    # the same counting as the needs page and the report command, so they always agree
    c = count_rates(session.execute(query).all(), response_days(session))
    return NeedRates(received=c.received, responded_on_time=c.responded_on_time,
                     counted_for_resolution=c.counted_for_resolution, resolved=c.resolved,
                     resolved_on_time=c.resolved_on_time, called_back=c.called_back,
                     satisfied=c.satisfied)


def category_colours(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Category.code, Category.colour)).all())


BEHIND_SHOWN = 3  # categories named per line; the rest counted


def _behind_text(standings: Sequence[Any]) -> str:
    """"独居老人 80%/100%、高龄 90%/100% 等 5 类": the categories short of target (rate / target),
    worst first, the first few named."""
    named = "、".join(f"{c.label} {100 * (c.rate or 0):.0f}%/{c.target}%" for c in standings[:BEHIND_SHOWN])
    return named + (f" 等 {len(standings)} 类" if len(standings) > BEHIND_SHOWN else "")


def _summed(figures: Sequence[CompletionFigures]) -> CompletionFigures:
    """A community's subtotal of grid or worker figures, judged per category like they are."""
    total = CompletionFigures(key="", label="", community=figures[0].community if figures else "")
    per: dict[str, list[Any]] = {}
    households: set[str] = set()
    missed: set[str] = set()
    for f in figures:
        total.required_visits += f.required_visits
        total.visits_done += f.visits_done
        total.done_on_time += f.done_on_time
        households.update(f.required_households)
        missed.update(f.missed_households)
        for c in f.categories:
            sums = per.setdefault(c.category, [c.label, c.target, 0, 0, 0, 0, 0])
            for i, value in enumerate((c.required, c.done, c.pending, c.on_time, c.missed), start=2):
                sums[i] += value
    total.households_required = len(households)
    total.missed_households = sorted(missed)
    total.categories = [CategoryStanding(code, *sums) for code, sums in per.items()]
    return total


def completion_line(figures: CompletionFigures, *, label: str | None = None, colour: str | None = None,
                    target: int | None = None, checks: Any = None, subtotal: bool = False) -> CompletionLine:
    """The printed line of one group's figures
    (:class:`~gridkeeper.services.completion.CompletionFigures`)."""
    return CompletionLine(
        label=label or figures.label, required=figures.required_visits, done=figures.visits_done,
        on_time=figures.done_on_time, households=figures.households_required,
        missed=len(figures.missed_households), colour=colour, community=figures.community, target=target,
        standing=str(figures.standing.value), behind=_behind_text(figures.behind),
        checks=spot_check_line(checks) if checks is not None else None,
        subtotal=subtotal)


def completion_lines(report: CompletionReport, colours: dict[str, str], checks: dict[str, Any]
                     ) -> tuple[tuple[CompletionLine, ...], CompletionLine, tuple[CompletionLine, ...]]:
    """The lines of the completion document for the service's figures: every group with its
    community's subtotal after it (categories: no communities), the total, and the groups short
    of target, worst first."""
    lines: list[CompletionLine] = []
    by_key: dict[str, CompletionLine] = {}
    if report.by == "category":
        for g in report.groups:
            target = g.categories[0].target if g.categories else None
            # a category's own shortfall is its rate against its target, shown as such
            by_key[g.key] = replace(completion_line(g, colour=colours.get(g.key), target=target), behind="")
            lines.append(by_key[g.key])
    else:
        for community, groups in report.communities():
            for g in groups:
                worker_checks = checks.get(g.label) if report.by == "worker" else None
                by_key[g.key] = completion_line(g, checks=worker_checks)
                lines.append(by_key[g.key])
            if community:
                lines.append(completion_line(_summed(groups), label=f"{community} 小计", subtotal=True))
    total = completion_line(report.total, label="合计")
    exceptions = tuple(by_key[g.key] for g in report.exceptions_first()
                       if g.standing.value in ("red", "amber"))
    return tuple(lines), total, exceptions


def spot_check_line(checks: Any) -> SpotChecks:
    """A worker's spot checks (:class:`~gridkeeper.services.spot_checks.WorkerChecks`) as printed."""
    return SpotChecks(checks.worker, checks.drawn, checks.confirmed, checks.not_confirmed, checks.unreachable)


def find_workers(session: Session, actor: Actor, name: str) -> tuple[list[int], str, str]:
    """The worker named ``name`` ("社区/姓名" when two communities have one of that name) among
    those ``actor`` works with (an account of one community: its own; a grid leader: those of
    their grids' communities): ids, name and community. Raises NotFound (a worker elsewhere
    answers like a missing one, the refusal noted), or ValidationError naming the communities
    to choose."""
    community, _, person = name.strip().rpartition("/")
    query = (select(Worker.id, Worker.name, Community.name.label("community"))
             .join(Community, Community.id == Worker.community_id).where(Worker.name == person.strip()))
    if community:
        query = query.where(Community.name == community.strip())
    rows = session.execute(query.where(seen_workers(actor))).all()
    if not rows:
        if session.execute(query).first() is not None:
            actor.note_refusal(f"another community: worker {name}")
        raise NotFound(what="工作人员", what_en="worker", key=name)
    if len(rows) > 1:
        places = "、".join(sorted(r.community for r in rows))
        raise ValidationError(T("工作人员", "worker"), name, T(
            f"多个社区都有此人（{places}），请写成“社区/姓名”",
            f"is in several communities ({places}); write it as community/name"))
    return [rows[0].id], rows[0].name, rows[0].community


def evidence_pack(session: Session, actor: Actor, worker_id: int, worker: str, community: str,
                  figures: CompletionReport, colours: dict[str, str], period: Span,
                  printed_at: datetime) -> EvidencePack:
    """A worker's evidence pack: completion of their households per category (``figures``:
    by category, of their households only), the visits they made that were reviewed, the
    spot checks of their visits, and the needs in their hands closed in the period."""
    completion = tuple(
        replace(completion_line(g, colour=colours.get(g.key), target=g.categories[0].target if g.categories
                                else None), behind="")
        for g in figures.groups)
    total = completion_line(figures.total, label="合计")
    in_scope = Household.id.in_(select(Household.id).join(Building, Building.id == Household.building_id)
                                .where(Building.grid_id.in_(sorted(actor.grid_ids)))) \
        if actor.grid_ids is not None else True
    made = (select(VisitParticipant.visit_id).where(VisitParticipant.worker_id == worker_id))
    head = aliased(Resident)
    visits = session.execute(
        select(Visit.id, Visit.visit_date, Visit.outcome, Visit.review_comment, Visit.reviewed_by,
               Household.code, Household.unit, Household.room, Building.number.label("building"),
               Estate.name.label("estate"), head.name.label("head"))
        .join(Household, Household.id == Visit.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .outerjoin(head, (head.household_id == Household.id) & head.is_head.is_(True))
        .where(Visit.id.in_(made), Visit.visit_date >= period.start, Visit.visit_date <= period.end, in_scope)
        .order_by(Visit.visit_date, Visit.id)).all()

    def where(r: Any) -> str:
        return f"{r.code} {address_text(r.estate, r.building, r.unit, r.room)}"

    reviewed = tuple(ReviewedVisit(r.visit_date, where(r), _label(VisitOutcome, r.outcome), r.review_comment,
                                   r.reviewed_by or "") for r in visits if r.review_comment)
    calls = session.execute(
        select(SpotCheck.result, SpotCheck.note, Visit.visit_date, Household.code, Household.unit,
               Household.room, Building.number.label("building"), Estate.name.label("estate"))
        .join(Visit, Visit.id == SpotCheck.visit_id)
        .join(Household, Household.id == Visit.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Estate, Estate.id == Building.estate_id)
        .where(SpotCheck.visit_id.in_(made), SpotCheck.month >= f"{period.start:%Y-%m}",
               SpotCheck.month <= f"{period.end:%Y-%m}", in_scope)
        .order_by(Visit.visit_date)).all()
    checks = checks_by_worker(session, period, actor.grid_ids).get(worker)
    needs_scope = Need.household_id.in_(
        select(Household.id).join(Building, Building.id == Household.building_id)
        .where(Building.grid_id.in_(sorted(actor.grid_ids)))) if actor.grid_ids is not None else True
    start = datetime.combine(period.start, datetime.min.time())
    end = datetime.combine(period.end, datetime.max.time())
    handled = session.scalar(select(func.count()).select_from(Need).where(
        Need.handler_id == worker_id, Need.received_at >= start, Need.received_at <= end, needs_scope)) or 0
    closed = session.execute(
        select(Need.number, NeedCategory.name_zh, Need.received_at, Need.resolved_at, Need.resolution,
               Need.satisfaction)
        .join(NeedCategory, NeedCategory.id == Need.category_id)
        .where(Need.handler_id == worker_id, Need.status.in_((NeedStatus.RESOLVED, NeedStatus.CLOSED)),
               Need.resolved_at >= start, Need.resolved_at <= end, needs_scope)
        .order_by(Need.resolved_at)).all()
    return EvidencePack(
        community=community, worker=worker, period=period.label, start=period.start, end=period.end,
        printed_at=printed_at, completion=completion, total=total, visits_made=len(visits),
        reviewed=reviewed, checks=spot_check_line(checks) if checks else None,
        calls=tuple(CheckedCall(c.visit_date, where(c), _label(SpotCheckResult, c.result), c.note or "")
                    for c in calls),
        needs_handled=handled,
        closed=tuple(ClosedNeed(n.number, n.name_zh, n.received_at.date(),
                                n.resolved_at.date() if n.resolved_at else None, n.resolution or "",
                                _label(Satisfaction, n.satisfaction)) for n in closed),
        as_of=figures.as_of)
