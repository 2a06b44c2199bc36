"""Follow-ups (跟进): a visit's follow-up date brings the household round again.

A visit (typed in, imported with 跟进日期, or a need's visit) may promise to come back from a
day on. That day's week lists the household with reason ``follow_up``, and every week after
it does too, until a counting visit (met, by a method some rule counts) on or after that day
settles the promise. A household the visit rules already list keeps their reason and gains
the follow-up as a note. Households no longer due at all (moved out, deceased, suspended)
are not listed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from gridkeeper.domain.enums import HouseholdStatus, VisitOutcome
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span
from gridkeeper.domain.policy import ExtraReason, RosterReason, roster_day
from gridkeeper.storage.models import Building, Category, Household, Visit


def counting_methods(session: Session) -> list[str]:
    """Every method some active category's rule counts ("home,door" in the catalogue)."""
    methods: set[str] = set()
    for text in session.connection().execute(
            select(Category.methods).where(Category.active.is_(True))).scalars():
        methods.update(m.strip() for m in (text or "").split(",") if m.strip())
    return sorted(methods)


def open_follow_ups(session: Session, until: date, as_of: date,
                    grid_ids: frozenset[int] | None, day: date | None = None) -> dict[int, date]:
    """Per household due on ``day`` (default ``as_of``), its earliest follow-up date up to
    ``until`` that no counting visit up to ``as_of`` has settled (a counting visit on or
    after the date settles it)."""
    day = day or as_of
    conn = session.connection()  # Core rows: no ORM bookkeeping per row
    counted = aliased(Visit)
    last_counting = (
        select(func.max(counted.visit_date))
        .where(counted.household_id == Visit.household_id,
               counted.outcome == VisitOutcome.MET.value,
               counted.method.in_(counting_methods(session)), counted.visit_date <= as_of)
        .scalar_subquery())
    # the visits with a follow-up are few and have their own index (ix_visit_follow_up);
    # each is checked against its household's last counting visit, in the grids asked for
    # (one grid's roster reads its own households' promises, not a district's)
    query = (
        select(Visit.household_id, func.min(Visit.follow_up_on))
        .join(Household, Household.id == Visit.household_id)
        .where(Visit.follow_up_on.is_not(None), Visit.follow_up_on <= until,
               Visit.visit_date <= as_of,
               Visit.follow_up_on > func.coalesce(last_counting, date(1, 1, 1)),
               or_(Household.status == HouseholdStatus.ACTIVE.value,
                   and_(Household.status == HouseholdStatus.SUSPENDED.value,
                        Household.status_until.is_not(None), Household.status_until < day)))
        .group_by(Visit.household_id))
    if grid_ids is not None:
        query = query.join(Building, Building.id == Household.building_id).where(
            Building.grid_id.in_(sorted(grid_ids)))
    return {household: since for household, since in conn.execute(query)}


def roster_follow_ups(session: Session, week: Span, grid_ids: frozenset[int] | None,
                      as_of: date) -> list[ExtraReason]:
    """The households the week's roster gains from promised follow-ups (see the module
    docstring), judged like the rest of the roster on :func:`roster_day`."""
    found = open_follow_ups(session, week.end, as_of, grid_ids, roster_day(week, as_of))
    return [ExtraReason(hid, RosterReason.FOLLOW_UP, since,
                        T(f"跟进：{since:%m-%d}起", f"follow-up from {since:%m-%d}"))
            for hid, since in found.items()]
