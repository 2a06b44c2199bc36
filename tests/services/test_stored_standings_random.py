"""Stored rosters and completion figures equal a computation from nothing after random
sequences of the changes offices make (seeded, so a failure is reproducible)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Household,
    Resident,
    StandingGrid,
    Visit,
)
from tests.conftest import household

WEEKS = ("2026-W44", "2026-W48", "2026-W49")
PERIODS = ("2026-10", "2026Q4", "2026")
AS_OF = (date(2026, 11, 22), date(2026, 11, 26))


def build(gk: GridKeeper, rng: random.Random) -> None:
    for i in range(24):
        born = date(rng.choice((1935, 1950, 1966, 1990)), rng.randint(1, 12), rng.randint(1, 28))
        categories = ((AssignmentDraft(rng.choice(("low_income", "special_hardship", "disabled")),
                                       date(2026, rng.randint(1, 11), 1)),)
                      if rng.random() < 0.3 else ())
        gk.register.save_household(household(
            f"R{i:02d}", grid=("甲网格", "乙网格", "丙网格")[i % 3], building=str(i % 3 + 1),
            floor=i // 6 + 1, room=f"{i // 6 + 1}0{i % 6 + 1}",
            residents=(ResidentDraft(name=f"居民{i}", birth_date=born, categories=categories),)))


def change(gk: GridKeeper, rng: random.Random) -> str:
    """One random change, written as the services or an import would (plain SQL)."""
    with gk.db.transaction() as s:
        households = list(s.scalars(select(Household.id)))
        hid = rng.choice(households)
        kind = rng.choice(("visit", "visit", "visit", "unvisit", "birth", "category", "suspend",
                           "move", "rule"))
        if kind == "visit":
            s.add(Visit(household_id=hid, visit_date=date(2026, 9, 1) + timedelta(rng.randint(0, 90)),
                        method=rng.choice(("home", "home", "phone")),
                        outcome=rng.choice(("met", "met", "absent"))))
        elif kind == "unvisit":
            first = s.scalars(select(Visit.id).where(Visit.household_id == hid)).first()
            if first:
                s.execute(delete(Visit).where(Visit.id == first))
        elif kind == "birth":
            s.execute(update(Resident).where(Resident.household_id == hid)
                      .values(birth_date=date(rng.choice((1940, 1946, 1980)), 11, rng.randint(20, 30))))
        elif kind == "category":
            resident = s.scalars(select(Resident.id).where(Resident.household_id == hid)).first()
            category = s.scalars(select(Category.id).where(Category.code == "special_hardship")).one()
            s.add(CategoryAssignment(resident_id=resident, category_id=category,
                                     valid_from=date(2026, rng.randint(9, 11), rng.randint(1, 28))))
        elif kind == "suspend":
            s.execute(update(Household).where(Household.id == hid).values(
                status="suspended", status_since=date(2026, 10, 1),
                status_until=date(2026, 11, rng.randint(1, 30))))
        elif kind == "move":
            building = rng.choice(list(s.scalars(select(Building.id))))
            s.execute(update(Household).where(Household.id == hid)
                      .values(building_id=building, room=f"9{hid:02d}"))
        else:
            s.execute(update(Category).where(Category.code == "general")
                      .values(period=rng.choice(("half_year", "quarter"))))
    return kind


def stored_and_fresh(gk: GridKeeper) -> tuple[list[object], list[object]]:
    def look() -> list[object]:
        found: list[object] = []
        for as_of in AS_OF:
            for week in WEEKS:
                found.append([(r.household_code, r.grid, r.reason, r.due_date, r.rule, r.last_visit,
                               r.last_attempt) for r in gk.roster.roster(week, as_of=as_of).rows])
            for period in PERIODS:
                total = gk.completion.figures(period, as_of=as_of).total
                found.append(total.as_dict())
        return found

    stored = look()
    with gk.db.transaction() as s:
        s.execute(delete(StandingGrid))
    return stored, look()


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_results_equal_fresh_ones_after_random_changes(gk: GridKeeper, seed: int) -> None:
    rng = random.Random(seed)
    build(gk, rng)
    stored_and_fresh(gk)
    for step in range(10):
        kind = change(gk, rng)
        stored, fresh = stored_and_fresh(gk)
        assert stored == fresh, f"step {step}: after {kind}"
