"""The roster over columns equals the reference engine for every household it decides.

Hypothesis draws streets of households (histories, manual categories that start and end,
ageing into derived categories, registrations, suspensions, moves) and weeks near period
boundaries, under the default rules and edited ones. For every household the columns
decide, reason and printed date must be the reference's; categories, the governing rule and
the levelled plan must be the reference's for every household.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gridkeeper.domain.enums import HouseholdStatus, Period
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.policy import (
    Assignment,
    Catalogue,
    Composition,
    HouseholdFacts,
    assess,
    categories_on,
    category,
    plan_membership,
    plan_weeks,
    roster_day,
    roster_decision,
    strictest,
)
from gridkeeper.domain.standings import (
    FAR_DAY,
    NO_DAY,
    NOT_LISTED,
    STATUS_CODES,
    Assignments,
    Households,
    Rules,
    day_number,
    day_of,
    month_first_day,
    month_number,
    period_bounds,
    reaches_age,
    roster_standings,
)
from gridkeeper.services.catalogue import DEFAULT_CATEGORIES

REASONS = {1: "overdue", 2: "due", 3: "planned"}


def catalogue(edits: dict[str, dict[str, object]]) -> Catalogue:
    found = []
    for i, c in enumerate(DEFAULT_CATEGORIES):
        values = {"visits": c.visits, "period": c.period, "methods": c.methods,
                  "threshold_age": c.threshold_age, **edits.get(c.code, {})}
        found.append(category(c.code, values["visits"], values["period"], values["methods"],  # type: ignore[arg-type]
                              c.kind, T(c.name_zh, c.name_en), values["threshold_age"], i))  # type: ignore[arg-type]
    return Catalogue.of(found)


EDITS = st.sampled_from(
    (
        {},
        {"general": {"period": "month"}},
        {"general": {"period": "week"}},
        {"general": {"period": "quarter"}},
        {"general": {"period": "year"}},
        {"general": {"methods": "home,phone"}},
        {"low_income": {"period": "month"}},
        {"disabled": {"period": "week"}},
        {"elderly_80": {"threshold_age": 75}},
        {"living_alone": {"methods": "home,door"}},
        {"general": {"period": "month"}},
    )
)
MANUAL = ("low_income", "disabled", "special_hardship", "low_income_marginal", "party_member")


def days(low: date, high: date) -> st.SearchStrategy[date]:
    """Days from ``low`` to ``high``, often a period's first or last day or next to one."""

    def edge(month: date, shift: int) -> date:
        return min(max(month + timedelta(days=shift), low), high)

    months = st.dates(min_value=low, max_value=high).map(lambda d: d.replace(day=1))
    return st.one_of(st.dates(min_value=low, max_value=high), st.builds(edge, months, st.integers(-2, 1)))


@st.composite
def facts(draw: st.DrawFn, hid: int, around: date) -> HouseholdFacts:
    """One household whose facts matter around ``around`` (the week looked at)."""
    near = days(around - timedelta(days=400), around + timedelta(days=60))
    plain = draw(st.integers(0, 3)) > 0  # most households: no category, nobody old, active
    status = "active" if plain else draw(st.sampled_from(tuple(HouseholdStatus)))
    since = draw(st.one_of(st.none(), near)) if status != "active" else None
    until = draw(st.one_of(st.none(), near)) if status == "suspended" else None
    if status in ("moved_out", "deceased") and since is None:
        since = draw(near)
    registered = draw(st.one_of(days(date(2010, 1, 1), around - timedelta(days=400)), near))
    young = days(date(1975, 1, 1), date(2015, 1, 1))
    births = draw(
        st.lists(
            young
            if plain
            else st.one_of(
                young,
                st.none(),
                days(date(1930, 1, 1), date(1975, 1, 1)),
                days(around.replace(year=around.year - 81), around.replace(year=around.year - 79)),
                days(around.replace(year=around.year - 61), around.replace(year=around.year - 59)),
            ),
            min_size=1,
            max_size=3,
        )
    )
    assignments = (
        ()
        if plain
        else tuple(
            Assignment(
                draw(st.sampled_from(MANUAL)),
                start,
                draw(st.one_of(st.none(), days(start, start + timedelta(300)))),
            )
            for start in draw(st.lists(near, max_size=2))
        )
    )
    methods = st.sampled_from(("home", "home", "home", "door", "phone"))
    recent = days(around - timedelta(days=100), around + timedelta(days=20))
    visits = tuple(sorted((d, draw(methods)) for d in draw(st.lists(st.one_of(recent, near), max_size=6))))
    walk_up = not plain and draw(st.booleans())
    return HouseholdFacts(hid, registered, Composition.of(births, walk_up), assignments, status, since, until,
                          visits)


def columns(
    street: list[HouseholdFacts], grids: list[int], rules: Rules, as_of: date
) -> tuple[Households, Assignments, dict[frozenset[str], np.ndarray]]:
    """The facts as the column loader gives them (compositions of every household)."""

    def day(d: date | None, missing: int = int(NO_DAY)) -> int:
        return missing if d is None else day_number(d)

    n = len(street)
    h = Households(
        ids=np.array([f.id for f in street], dtype=np.int64),
        grid=np.array(grids, dtype=np.int64),
        registered=np.array([day(f.registered_on) for f in street], dtype=np.int64),
        status=np.array([STATUS_CODES[f.status] for f in street], dtype=np.int64),
        since=np.array([day(f.status_since) for f in street], dtype=np.int64),
        until=np.array([day(f.status_until) for f in street], dtype=np.int64),
        residents=np.array([f.composition.residents for f in street], dtype=np.int64),
        oldest=np.array([day(f.composition.oldest) for f in street], dtype=np.int64),
        youngest=np.array([day(f.composition.youngest) for f in street], dtype=np.int64),
        births_known=np.array([f.composition.all_births_known for f in street], dtype=bool),
        walk_up=np.array([f.composition.walk_up for f in street], dtype=bool),
    )
    index = {c.code: i for i, c in enumerate(rules.catalogue.categories)}
    held = [
        (row, index[x.category], day(x.valid_from), day(x.valid_to, int(FAR_DAY)))
        for row, f in enumerate(street)
        for x in f.assignments
        if x.category in index  # tags have no rule: the loader leaves them out
    ]
    a = Assignments(
        *(np.array(col, dtype=np.int64) for col in (zip(*held, strict=True) if held else ([], [], [], [])))
    )
    last = {}
    for methods in rules.method_sets:
        last[methods] = np.array(
            [
                max((day(d) for d, m in f.visits if m in methods and d <= as_of), default=int(NO_DAY))
                for f in street
            ],
            dtype=np.int64,
        )
    assert n == len(h)
    return h, a, last


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    edits=EDITS,
    as_of=days(date(2025, 1, 6), date(2027, 6, 28)),
    shift=st.sampled_from((0, 0, 0, -7, 7, -14)),
)
def test_columns_decide_the_roster_as_the_reference_does(
    data: st.DataObject, edits: dict[str, dict[str, object]], as_of: date, shift: int
) -> None:
    cat = catalogue(edits)
    rules = Rules(cat)
    week = span_of(Period.WEEK, as_of + timedelta(days=shift))
    street = [data.draw(facts(i + 1, week.start)) for i in range(data.draw(st.integers(1, 25)))]
    grids = sorted(data.draw(st.lists(st.integers(1, 3), min_size=len(street), max_size=len(street))))
    h, a, last = columns(street, grids, rules, as_of)
    day = roster_day(week, as_of)
    s = roster_standings(h, a, rules, last, week, day)

    groups: dict[tuple[int, Span], list[int]] = {}
    for f, g in zip(street, grids, strict=True):
        period = plan_membership(f, cat, week)
        if period is not None:
            groups.setdefault((g, period), []).append(f.id)
    planned: dict[int, Span] = {}
    for (_g, period), ids in groups.items():
        planned.update(plan_weeks(ids, period))

    undecided = set(s.undecided.tolist())
    for row, f in enumerate(street):
        plan = planned.get(f.id)
        assert (None if s.planned[row] == NO_DAY else day_of(s.planned[row])) == (
            plan.start if plan else None
        )
        categories = categories_on(f, cat, day)
        mask = int(s.categories[row])
        assert tuple(c.code for i, c in enumerate(cat.categories) if mask >> i & 1) == tuple(
            c.code for c in categories
        )
        a_ref = assess(f, cat, day, as_of)
        governing = int(s.governing[row])
        assert (cat.categories[governing] if governing >= 0 else None) == a_ref.governing
        if row in undecided:
            continue
        decision = roster_decision(a_ref, week, plan)
        got = None if s.reason[row] == NOT_LISTED else (REASONS[int(s.reason[row])], day_of(s.due[row]))
        assert got == (None if decision is None else (decision.reason.value, decision.due_date)), f
        if a_ref.governing is not None:
            assert (None if s.last_visit[row] == NO_DAY else day_of(s.last_visit[row])) == a_ref.last_visit


def test_most_households_of_a_plain_street_are_decided_by_columns() -> None:
    """Households visited on time under one rule need no walk (the street's roster stays fast)."""
    cat = catalogue({})
    rules = Rules(cat)
    week = span_of(Period.WEEK, date(2026, 11, 23))
    street = [
        HouseholdFacts(
            i,
            date(2015, 1, 1),
            Composition.of([date(1980, 1, 1)]),
            visits=((date(2026, 1, 1) + timedelta(days=i % 300), "home"),),
        )
        for i in range(1, 201)
    ]
    h, a, last = columns(street, [1] * len(street), rules, week.start)
    s = roster_standings(h, a, rules, last, week, week.start)
    assert len(s.undecided) == 0
    # visited in this half-year: settled; visited only in the first: not yet due, planned
    listed = {f.id for f, r in zip(street, s.reason, strict=True) if r != NOT_LISTED}
    assert listed and all(f.visits[0][0] < date(2026, 7, 1) for f in street if f.id in listed)


def test_reaches_age_over_a_column_matches_one_at_a_time() -> None:
    from gridkeeper.domain.policy import reaches_age as one

    births = [date(1960, 2, 29), date(1964, 2, 29), date(1946, 12, 31), date(1946, 1, 1), date(1966, 3, 1)]
    got = reaches_age(np.array([day_number(b) for b in births], dtype=np.int64), 60)
    assert [day_of(d) for d in got] == [one(b, 60) for b in births]


@given(st.lists(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)), min_size=1, max_size=40),
       st.sampled_from([Period.MONTH, Period.QUARTER, Period.HALF_YEAR, Period.YEAR]))
def test_months_of_days_are_the_calendars_in_the_tables_and_beyond(days: list[date], kind: Period) -> None:
    numbers = np.array([day_number(d) for d in days], dtype=np.int64)
    months = month_number(numbers)
    assert [(m // 12 + 1970, m % 12 + 1) for m in months.tolist()] == [(d.year, d.month) for d in days]
    assert [day_of(d) for d in month_first_day(months)] == [d.replace(day=1) for d in days]
    start, end = period_bounds(kind, numbers)
    assert [(day_of(s), day_of(e)) for s, e in zip(start, end, strict=True)] == [
        (span_of(kind, d).start, span_of(kind, d).end) for d in days]


def test_months_of_days_around_the_tables_edges_are_the_calendars() -> None:
    edges = [date(1849, 12, 31), date(1850, 1, 1), date(1850, 1, 31), date(2149, 12, 31), date(2150, 1, 1),
             date(2000, 2, 29), date(1900, 3, 1)]
    for day in edges:  # one at a time: each alone inside or outside the tables
        month = int(month_number(np.array([day_number(day)], dtype=np.int64))[0])
        assert (month // 12 + 1970, month % 12 + 1) == (day.year, day.month)
        assert day_of(month_first_day(np.array([month], dtype=np.int64))[0]) == day.replace(day=1)


def test_strictest_is_the_reference_choice() -> None:
    cat = catalogue({"general": {"period": "month"}})
    assert strictest(cat.categories) is cat.categories[Rules(cat).by_strictness[0]]


def test_obligations_over_columns_clip_where_a_rule_begins() -> None:
    """A twice-monthly rule that begins mid-month (registration, a category from that day)
    owes only the due dates after it, numbered from there, as the reference counts them."""
    from gridkeeper.domain.policy import obligations
    from gridkeeper.domain.standings import Visits, owed

    cat = catalogue({})
    rules = Rules(cat)
    span = span_of(Period.MONTH, date(2026, 11, 1))
    as_of = date(2026, 12, 5)
    hardship = (Assignment("special_hardship", date(2026, 11, 10)),)
    street = [
        HouseholdFacts(1, date(2026, 11, 20), Composition.of([date(1980, 1, 1)]),
                       assignments=(Assignment("special_hardship", date(2020, 1, 1)),),
                       visits=((date(2026, 11, 12), "home"),)),
        HouseholdFacts(2, date(2015, 1, 1), Composition.of([date(1980, 1, 1)]), assignments=hardship,
                       visits=((date(2026, 11, 3), "home"), (date(2026, 11, 20), "home"))),
        HouseholdFacts(3, date(2015, 1, 1), Composition.of([date(1980, 1, 1)]),
                       assignments=(Assignment("special_hardship", date(2026, 11, 1)),),
                       visits=((date(2026, 11, 16), "home"),)),
    ]
    h, a, _last = columns(street, [1, 1, 1], rules, as_of)
    methods = tuple(sorted(cat.counting_methods))
    rows = [(row, day_number(d), methods.index(m)) for row, f in enumerate(street) for d, m in f.visits]
    visits = Visits(*(np.array(c, dtype=np.int64) for c in zip(*rows, strict=True)), methods)
    got = owed(h, a, rules, visits, span, as_of)
    counted = {(int(r), cat.categories[int(c)].code): (int(q), int(d), int(t), int(m))
               for r, c, q, d, t, m in zip(got.row, got.category, got.required, got.done, got.on_time,
                                           got.missed, strict=True)}
    expected: dict[tuple[int, str], tuple[int, int, int, int]] = {}
    for row, f in enumerate(street):
        for o in obligations(f, cat, span.start, span.end, as_of):
            q, d, t, m = expected.get((row, o.category.code), (0, 0, 0, 0))
            expected[(row, o.category.code)] = (q + 1, d + (o.met_on is not None), t + o.on_time,
                                                m + o.missed(as_of))
    assert counted == expected
    # registered on the 20th: the 15th's due date is gone, the 30th's is the first, met
    assert expected[(0, "special_hardship")] == (1, 1, 1, 0)
