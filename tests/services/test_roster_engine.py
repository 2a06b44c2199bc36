"""The roster computed over columns equals the reference engine household by household.

Random registers (histories, category changes, suspensions, moves, ageing into a derived
category, registrations and period boundaries, rules edited by the office) are written to
the database; the roster service's lines are compared with the reference: every household's
complete facts assessed by :mod:`gridkeeper.domain.policy` on the day the roster is judged,
its levelled plan made per grid in walking order. Runs on SQLite and, with
GRIDKEEPER_TEST_DB, on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update

from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.periods import Span, iso_week
from gridkeeper.domain.policy import (
    assess,
    plan_membership,
    plan_weeks,
    roster_day,
    roster_decision,
)
from gridkeeper.services.catalogue import DEFAULT_CATEGORIES
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.roster import households_facts, load_catalogue
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Estate,
    Grid,
    Household,
    Resident,
    Visit,
)
from tests.conftest import household

GRIDS = ("甲网格", "乙网格", "丙网格")
MANUAL = ("low_income", "disabled", "special_hardship", "low_income_marginal", "party_member")
FIRST, LAST = date(2024, 10, 1), date(2027, 2, 28)


def days(low: date = FIRST, high: date = LAST) -> st.SearchStrategy[date]:
    return st.dates(min_value=low, max_value=high)


# births near the thresholds of 60 and 80 in the years looked at
births = st.one_of(
    st.dates(date(1970, 1, 1), date(2010, 12, 31)),
    st.dates(date(1970, 1, 1), date(2010, 12, 31)),
    st.dates(date(1944, 6, 1), date(1948, 6, 1)),
    st.dates(date(1964, 6, 1), date(1968, 6, 1)),
    st.dates(date(1930, 1, 1), date(2010, 12, 31)),
    st.none(),
)


@st.composite
def registers(draw: st.DrawFn) -> list[dict[str, object]]:
    found = []
    for i in range(draw(st.integers(3, 14))):
        status = draw(st.sampled_from(("active",) * 6 + ("suspended", "moved_out", "deceased")))
        residents = [
            {
                "birth": draw(births),
                "active": draw(st.booleans()) or j == 0,
                "categories": [
                    (draw(st.sampled_from(MANUAL)), draw(days()), draw(st.one_of(st.none(), days())))
                    for _ in range(draw(st.sampled_from((0, 0, 0, 1, 2))))
                ],
            }
            for j in range(draw(st.integers(1, 3)))
        ]
        found.append(
            {
                "code": f"H{i:02d}",
                "grid": draw(st.integers(0, 2)),
                "building": draw(st.integers(1, 2)),
                "unit": draw(st.integers(1, 2)),
                "floor": draw(st.integers(1, 12)),
                "registered": draw(st.one_of(*[days(date(2015, 1, 1), date(2024, 1, 1))] * 4, days())),
                "status": status,
                "since": draw(st.one_of(st.none(), days())) if status == "suspended" else draw(days()),
                "until": draw(st.one_of(st.none(), days())) if status == "suspended" else None,
                "residents": residents,
                "visits": [
                    (
                        draw(days(date(2025, 6, 1))),
                        draw(st.sampled_from(("home", "home", "door", "phone"))),
                        draw(st.sampled_from(("met", "met", "met", "absent"))),
                    )
                    for _ in range(draw(st.integers(0, 10)))
                ],
            }
        )
    return found


rule_edits = st.lists(
    st.sampled_from(
        (
            ("general", {"period": "quarter"}),
            ("general", {"period": "year"}),
            ("general", {"methods": "home,phone"}),
            ("special_hardship", {"visits": 3}),
            ("disabled", {"visits": 2, "period": "quarter"}),
            ("elderly_80", {"threshold_age": 75}),
            ("empty_nest", {"active": False}),
            ("low_income", {"period": "week"}),
            ("living_alone", {"methods": "home,door"}),
            ("stranded_elderly", {"visits": 1, "period": "month"}),
            ("party_member", {"visits": 1}),
        )
    ),
    max_size=2,
)


def write(
    gk: GridKeeper, register: list[dict[str, object]], edits: list[tuple[str, dict[str, object]]]
) -> None:
    """Replace the register's households with ``register`` and reset then edit the rules."""
    with gk.db.transaction() as s:
        s.execute(delete(Visit))
        s.execute(delete(CategoryAssignment))
        s.execute(delete(Resident))
        s.execute(delete(Household))
        for c in DEFAULT_CATEGORIES:
            s.execute(
                update(Category)
                .where(Category.code == c.code)
                .values(
                    visits=c.visits,
                    period=c.period,
                    methods=c.methods,
                    threshold_age=c.threshold_age,
                    active=True,
                )
            )
        for code, values in edits:
            s.execute(update(Category).where(Category.code == code).values(**values))
        buildings = {
            (g, b): s.scalar(
                select(Building.id)
                .join(Grid, Grid.id == Building.grid_id)
                .where(Grid.name == GRIDS[g], Building.number == str(b))
            )
            for g in range(3)
            for b in (1, 2)
        }
        # the second building of each grid has no lift: its 4th floor and up are walk-ups
        s.execute(update(Building).values(has_lift=None))
        s.execute(update(Building).where(Building.number == "2").values(has_lift=False))
        categories = dict(s.execute(select(Category.code, Category.id)).all())
        for h in register:
            row = Household(
                community_id=1,
                code=h["code"],
                building_id=buildings[(h["grid"], h["building"])],
                unit=h["unit"],
                floor=h["floor"],
                room=f"{h['floor']}0{h['unit']}",
                registered_on=h["registered"],
                status=h["status"],
                status_since=h["since"],
                status_until=h["until"],
            )
            s.add(row)
            s.flush()
            for j, r in enumerate(h["residents"]):  # type: ignore[attr-defined]
                resident = Resident(
                    household_id=row.id,
                    name=f"居民{j}",
                    birth_date=r["birth"],
                    is_head=j == 0,
                    status="active" if r["active"] else "moved_out",
                )
                s.add(resident)
                s.flush()
                for code, start, end in r["categories"]:
                    if end is not None and end < start:
                        start, end = end, start
                    s.add(
                        CategoryAssignment(
                            resident_id=resident.id,
                            category_id=categories[code],
                            valid_from=start,
                            valid_to=end,
                        )
                    )
            for day, method, outcome in h["visits"]:  # type: ignore[attr-defined]
                s.add(Visit(household_id=row.id, visit_date=day, method=method, outcome=outcome))


def reference_roster(gk: GridKeeper, week: Span, as_of: date) -> list[tuple[object, ...]]:
    """Every household assessed by the reference engine with its complete facts."""
    with gk.db.reading() as s:
        catalogue = load_catalogue(s)
        places = s.execute(
            select(
                Household.id,
                Household.code,
                Grid.id,
                Grid.sort_order,
                Grid.name,
                Estate.name,
                Building.number,
                Building.id,
                Household.unit,
                Household.floor,
                Household.room,
            )
            .join(Building, Building.id == Household.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .join(Estate, Estate.id == Building.estate_id)
        ).all()
        facts = households_facts(s, [p[0] for p in places], as_of)
    walk = sorted(
        places,
        key=lambda p: (
            p[3],
            natural_key(p[4]),
            p[2],
            natural_key(p[5]),
            natural_key(p[6]),
            p[7],
            p[8],
            p[9],
            len(p[10]),
            p[10],
            p[0],
        ),
    )
    groups: dict[tuple[int, Span], list[int]] = defaultdict(list)
    for p in walk:
        period = plan_membership(facts[p[0]], catalogue, week)
        if period is not None:
            groups[(p[2], period)].append(p[0])
    planned: dict[int, Span] = {}
    for (_grid, period), ids in groups.items():
        planned.update(plan_weeks(ids, period))
    day = roster_day(week, as_of)
    found = []
    for p in walk:
        a = assess(facts[p[0]], catalogue, day, as_of)
        decision = roster_decision(a, week, planned.get(p[0]))
        if decision is not None:
            assert a.governing is not None
            found.append(
                (
                    p[1],
                    decision.reason.value,
                    decision.due_date,
                    a.governing.code,
                    a.governing.rule.label,
                    tuple(c.code for c in a.categories),
                    a.last_visit,
                )
            )
    return found


def service_roster(
    gk: GridKeeper, week: Span, as_of: date, grid: str | None = None
) -> list[tuple[object, ...]]:
    return [
        (r.household_code, r.reason.value, r.due_date, r.governing, r.rule, r.categories, r.last_visit)
        for r in gk.roster.roster(week, grid=grid, as_of=as_of).rows
    ]


def prepared(gk: GridKeeper) -> None:
    """Three grids of two buildings each, made once (households are replaced per example)."""
    for g, name in enumerate(GRIDS):
        for b in (1, 2):
            gk.register.save_household(
                household(f"S{g}{b}", grid=name, estate=f"{name}小区", building=str(b))
            )


def _exists(gk: GridKeeper) -> bool:
    with gk.db.reading() as s:
        return s.scalar(select(Building.id)) is not None


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    register=registers(),
    edits=rule_edits,
    week_number=st.integers(0, 60),
    offset=st.integers(-10, 14),
    grid=st.sampled_from((None, None, GRIDS[0])),
)
def test_the_roster_equals_the_reference_engine(
    gk: GridKeeper,
    register: list[dict[str, object]],
    edits: list[tuple[str, dict[str, object]]],
    week_number: int,
    offset: int,
    grid: str | None,
) -> None:
    if not _exists(gk):
        prepared(gk)
    write(gk, register, edits)
    week = iso_week(2025, 40) if week_number == 0 else _week(date(2025, 10, 6) + timedelta(weeks=week_number))
    as_of = week.start + timedelta(days=offset)
    expected = reference_roster(gk, week, as_of)
    if grid is not None:
        with gk.db.reading() as s:
            codes = set(
                s.scalars(
                    select(Household.code)
                    .join(Building, Building.id == Household.building_id)
                    .join(Grid, Grid.id == Building.grid_id)
                    .where(Grid.name == grid)
                )
            )
        expected = [line for line in expected if line[0] in codes]
    assert service_roster(gk, week, as_of, grid) == expected


def _week(day: date) -> Span:
    year, number, _ = day.isocalendar()
    return iso_week(year, number)
