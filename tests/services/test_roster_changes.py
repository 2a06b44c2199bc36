"""The roster follows every kind of change a user makes, and stays what the reference engine
gives household by household."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from gridkeeper.domain.periods import parse_week
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Building, Category, Household, Resident, Worker
from tests.services.test_roster import TODAY, WEEK, community, rows_by_code, visit  # noqa: F401 - fixtures
from tests.services.test_roster_engine import reference_roster, service_roster


def fresh(gk: GridKeeper, week: str = WEEK, as_of: date = TODAY) -> list[tuple[object, ...]]:
    """The roster as the reference engine gives it, every household assessed on its own."""
    return reference_roster(gk, parse_week(week), as_of)


def lines(gk: GridKeeper, week: str = WEEK, as_of: date = TODAY) -> list[tuple[object, ...]]:
    return service_roster(gk, parse_week(week), as_of)


def test_a_recorded_visit_takes_the_household_off_the_stored_roster(community: GridKeeper) -> None:
    gk = community
    assert "A101" in rows_by_code(gk)
    visit(gk, "A101", date(2026, 11, 20))
    assert "A101" not in rows_by_code(gk)
    assert lines(gk) == fresh(gk)


def test_an_absent_attempt_updates_the_last_attempt_shown(community: GridKeeper) -> None:
    gk = community
    lines(gk)
    visit(gk, "A101", date(2026, 11, 21), outcome="absent")
    assert rows_by_code(gk)["A101"].last_attempt == date(2026, 11, 21)


def test_a_rule_made_stricter_puts_more_households_on_the_roster(community: GridKeeper) -> None:
    gk = community
    before = set(rows_by_code(gk))
    with gk.db.transaction() as session:
        session.execute(update(Category).where(Category.code == "general")
                        .values(visits=1, period="month"))
    after = rows_by_code(gk)
    assert after["A201"].rule == "1/month" and after["B101"].rule == "1/month"
    assert set(after) >= before
    assert lines(gk) == fresh(gk)


def test_a_roster_for_an_earlier_day_ignores_later_visits(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A101", date(2026, 11, 25))
    assert "A101" not in {r.household_code for r in gk.roster.roster(WEEK, as_of=date(2026, 11, 26)).rows}
    # the stored result is for the 26th; the 22nd came before that visit
    assert "A101" in rows_by_code(gk)


def test_a_household_moved_to_another_grid_moves_roster(community: GridKeeper) -> None:
    gk = community
    assert rows_by_code(gk)["B101"].grid == "第二网格"
    with gk.db.transaction() as session:
        first_grid_building = session.scalar(
            select(Household.building_id).where(Household.code == "A101"))
        session.execute(update(Household).where(Household.code == "B101")
                        .values(building_id=first_grid_building, room="999"))
    moved = rows_by_code(gk)
    assert moved["B101"].grid == "第一网格"
    assert "第二网格" not in {r.grid for r in gk.roster.roster(WEEK, as_of=TODAY).rows}
    assert lines(gk) == fresh(gk)


def test_head_and_names_follow_edits(community: GridKeeper) -> None:
    gk = community
    lines(gk)
    with gk.db.transaction() as session:
        session.execute(update(Resident).where(Resident.name == "李秀英").values(name="李秀兰"))
        session.execute(update(Worker).where(Worker.name == "刘芳").values(name="刘芳芳"))
        building = session.scalar(select(Household.building_id).where(Household.code == "A101"))
        session.execute(update(Building).where(Building.id == building).values(number="7"))
    row = rows_by_code(gk)["A101"]
    assert (row.head, row.worker, row.building) == ("李秀兰", "刘芳芳", "7")
