"""Hot spots (热点): needs of one category piling up in one building, found before more come.

"未诉先办": when the same problem keeps coming from one place (the water pressure of one
building, parking around one stairwell), the grid leader asks the neighbours before they all
call the hotline. A hot spot is at least ``needs.hot_spot_count`` needs (default 3) of one
category from households of one building received within ``needs.hot_spot_days`` days
(default 30), both office settings. Rejected needs (不予受理) do not count; needs not yet
linked to a household have no place and count once they are linked; needs of the category
其他 (other) are no one problem and never make a hot spot.

It is a stairwell hot spot when all its needs come from one stairwell (单元), else a building
hot spot over the stairwells they come from. Either way those stairwells' households go on
the next week's roster with reason ``hot_spot``: the roster of the week starting on Monday S
lists the hot spots as they stood on S - 1 that received a need in the week before S, so a
place stays on the roster only while new needs keep coming. A household of such a stairwell
leaves the week's roster once a visit in that week has met it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import HouseholdStatus, NeedStatus, VisitOutcome
from gridkeeper.domain.i18n import T
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span
from gridkeeper.domain.policy import ExtraReason, RosterReason
from gridkeeper.services.settings import HOT_SPOT_COUNT_KEY, HOT_SPOT_DAYS_KEY, office_number
from gridkeeper.storage.models import (
    Building,
    Estate,
    Grid,
    Household,
    Need,
    NeedCategory,
    Visit,
)

UNSORTED = "other"  # 其他: what fits no category is no one problem


@dataclass(frozen=True)
class HotSpot:
    """Needs of one category repeating in one building (or one of its stairwells)."""

    grid_id: int
    grid: str
    building_id: int
    estate: str
    building: str
    units: tuple[int, ...]  # the stairwells the needs came from; one: a stairwell hot spot
    category: str  # NeedCategory code
    category_name: T
    count: int
    first: date  # the first and last day a need of it was received in the window
    last: date
    numbers: tuple[str, ...]  # the needs' ledger numbers, oldest first

    @property
    def place(self) -> T:
        """Where it is, as an office writes it: 阳光小区3号楼2单元, or 阳光小区3号楼（1、2单元）."""
        building = self.building if self.building.endswith(("号", "栋", "幢", "楼")) \
            else f"{self.building}号楼"
        if len(self.units) == 1:
            return T(f"{self.estate}{building}{self.units[0]}单元",
                     f"{self.estate} bldg {self.building} unit {self.units[0]}")
        units = "、".join(str(u) for u in self.units)
        return T(f"{self.estate}{building}（{units}单元）",
                 f"{self.estate} bldg {self.building} (units {', '.join(map(str, self.units))})")


@dataclass(frozen=True)
class HotSpotRule:
    count: int
    days: int


def hot_spot_rule(session: Session) -> HotSpotRule:
    return HotSpotRule(office_number(session, HOT_SPOT_COUNT_KEY),
                       office_number(session, HOT_SPOT_DAYS_KEY))


def find_hot_spots(session: Session, day: date, grid_ids: frozenset[int] | None = None,
                   rule: HotSpotRule | None = None) -> list[HotSpot]:
    """The hot spots as they stand at the end of ``day``: the window is the ``days`` days
    ending with it. Grids in walking order, then the most needs first."""
    rule = rule or hot_spot_rule(session)
    since = datetime.combine(day - timedelta(days=rule.days - 1), time())
    until = datetime.combine(day, time.max)
    query = (
        select(Building.id, Household.unit, NeedCategory.code, Need.number, Need.received_at)
        .join(Household, Household.id == Need.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(NeedCategory, NeedCategory.id == Need.category_id)
        .where(Need.received_at >= since, Need.received_at <= until,
               Need.status != NeedStatus.REJECTED.value, NeedCategory.code != UNSORTED)
        .order_by(Need.received_at, Need.id))
    if grid_ids is not None:
        query = query.where(Building.grid_id.in_(sorted(grid_ids)))
    groups: dict[tuple[int, str], list[tuple[int, str, datetime]]] = defaultdict(list)
    for building_id, unit, category, number, received in session.execute(query):
        groups[building_id, category].append((unit, number, received))
    hot = {key: needs for key, needs in groups.items() if len(needs) >= rule.count}
    if not hot:
        return []
    buildings = {b.id: b for b in session.execute(
        select(Building.id, Building.number, Building.grid_id, Estate.name.label("estate"),
               Grid.name.label("grid"), Grid.sort_order)
        .join(Estate, Estate.id == Building.estate_id).join(Grid, Grid.id == Building.grid_id)
        .where(Building.id.in_(sorted({b for b, _c in hot}))))}
    names = {code: T(zh, en) for code, zh, en in session.execute(
        select(NeedCategory.code, NeedCategory.name_zh, NeedCategory.name_en))}
    found = []
    for (building_id, category), needs in hot.items():
        b = buildings[building_id]
        found.append(HotSpot(
            grid_id=b.grid_id, grid=b.grid, building_id=building_id, estate=b.estate,
            building=b.number, units=tuple(sorted({unit for unit, _n, _r in needs})),
            category=category, category_name=names.get(category, T(category, category)),
            count=len(needs), first=needs[0][2].date(), last=needs[-1][2].date(),
            numbers=tuple(n for _u, n, _r in needs)))
    order = {b.id: (b.sort_order, natural_key(b.grid), natural_key(b.estate), natural_key(b.number))
             for b in buildings.values()}
    found.sort(key=lambda h: (order[h.building_id], -h.count, h.category))
    return found


def roster_hot_spots(session: Session, week: Span, grid_ids: frozenset[int] | None,
                     as_of: date) -> list[ExtraReason]:
    """The households the week's roster gains from hot spots (see the module docstring):
    active households of the hot stairwells not yet met by a visit in the week."""
    eve = week.start - timedelta(days=1)
    day = min(eve, as_of)
    spots = [h for h in find_hot_spots(session, day, grid_ids)
             if h.last >= week.start - timedelta(days=7)]
    if not spots:
        return []
    notes: dict[tuple[int, int], list[HotSpot]] = defaultdict(list)
    for spot in spots:
        for unit in spot.units:
            notes[spot.building_id, unit].append(spot)
    households = session.execute(
        select(Household.id, Household.building_id, Household.unit)
        .where(Household.building_id.in_(sorted({b for b, _u in notes})),
               Household.status == HouseholdStatus.ACTIVE.value)).all()
    wanted = {hid: (b, u) for hid, b, u in households if (b, u) in notes}
    if not wanted:
        return []
    visited: set[int] = set()
    if as_of >= week.start:
        visited = set(session.scalars(
            select(Visit.household_id).where(
                Visit.household_id.in_(sorted(wanted)), Visit.outcome == VisitOutcome.MET.value,
                Visit.visit_date >= week.start, Visit.visit_date <= min(week.end, as_of))))
    found = []
    for hid, place in wanted.items():
        if hid in visited:
            continue
        spots_here = notes[place]
        found.append(ExtraReason(hid, RosterReason.HOT_SPOT, week.end, T(
            "；".join(f"热点：{s.category_name.zh}{s.count}件" for s in spots_here),
            "; ".join(f"hot spot: {s.category_name.en} ×{s.count}" for s in spots_here))))
    return found

