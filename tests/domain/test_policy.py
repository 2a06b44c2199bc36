"""The visit policy: rule arithmetic, categories, due / overdue / missed, planning, roster reasons."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gridkeeper.domain.enums import CategoryKind, Period
from gridkeeper.domain.i18n import T
from gridkeeper.domain.periods import parse_period, parse_week, span_of, weeks_starting_in
from gridkeeper.domain.policy import (
    Assignment,
    Catalogue,
    CategoryRule,
    Composition,
    HouseholdFacts,
    RosterReason,
    VisitRule,
    _assess_walk,
    age_on,
    assess,
    categories_on,
    category,
    due_dates,
    explain,
    obligations,
    plan_membership,
    plan_weeks,
    reaches_age,
    roster_day,
    roster_decision,
    settled,
    strictest,
)
from gridkeeper.services.catalogue import DEFAULT_CATEGORIES

CATALOGUE = Catalogue.of(
    category(c.code, c.visits, c.period, c.methods, c.kind, T(c.name_zh, c.name_en),
             c.threshold_age, i)
    for i, c in enumerate(DEFAULT_CATEGORIES))
LONG_AGO = date(2020, 1, 1)


def home(*days: date) -> tuple[tuple[date, str], ...]:
    return tuple((d, "home") for d in sorted(days))


def hardship(since: date = LONG_AGO, until: date | None = None, **extra: object) -> HouseholdFacts:
    return HouseholdFacts(1, LONG_AGO, assignments=(Assignment("special_hardship", since, until),),
                          **extra)  # type: ignore[arg-type]


def elderly(**extra: object) -> HouseholdFacts:
    fields: dict[str, object] = {"registered_on": LONG_AGO,
                                 "composition": Composition.of([date(1940, 5, 5)])}
    fields.update(extra)
    return HouseholdFacts(1, **fields)  # type: ignore[arg-type]


# --- rule arithmetic ----------------------------------------------------------------------

def test_one_visit_is_due_on_the_last_day_of_the_period() -> None:
    assert due_dates(parse_period("2026-11"), 1) == (date(2026, 11, 30),)
    assert due_dates(parse_period("2026Q3"), 1) == (date(2026, 9, 30),)
    assert due_dates(parse_period("2026H1"), 1) == (date(2026, 6, 30),)


def test_two_a_month_are_due_mid_month_and_at_month_end() -> None:
    assert due_dates(parse_period("2026-11"), 2) == (date(2026, 11, 15), date(2026, 11, 30))
    assert due_dates(parse_period("2026-12"), 2) == (date(2026, 12, 16), date(2026, 12, 31))
    assert due_dates(parse_period("2026-02"), 2) == (date(2026, 2, 14), date(2026, 2, 28))
    assert due_dates(parse_period("2028-02"), 2) == (date(2028, 2, 15), date(2028, 2, 29))


def test_rules_print_as_visits_per_period() -> None:
    assert VisitRule(2, Period.MONTH).label == "2/month"
    assert VisitRule(1, Period.QUARTER).label == "1/quarter"
    assert VisitRule(1, Period.HALF_YEAR).label == "1/half_year"


def test_strictest_rule_is_the_highest_rate_and_ties_go_to_the_shorter_period() -> None:
    by = CATALOGUE.by_code
    assert strictest([by["general"], by["special_hardship"], by["elderly_80"]]) is by["special_hardship"]
    monthly = CategoryRule("a", VisitRule(3, Period.MONTH))
    quarterly = CategoryRule("b", VisitRule(9, Period.QUARTER))
    assert strictest([quarterly, monthly]) is monthly
    weekly = CategoryRule("w", VisitRule(1, Period.WEEK))
    assert strictest([monthly, weekly]) is weekly  # 1/7 a day beats 3/30.4


# --- categories -----------------------------------------------------------------------------

def codes(facts: HouseholdFacts, day: date) -> list[str]:
    return [c.code for c in categories_on(facts, CATALOGUE, day)]


def test_derived_categories_follow_age_and_composition_on_the_day() -> None:
    day = date(2026, 11, 23)
    alone_65 = HouseholdFacts(1, LONG_AGO, Composition.of([date(1961, 1, 1)]))
    assert codes(alone_65, day) == ["general", "living_alone"]
    couple = HouseholdFacts(1, LONG_AGO, Composition.of([date(1965, 3, 1), date(1944, 7, 7)]))
    assert codes(couple, day) == ["general", "elderly_80", "empty_nest"]
    with_son = HouseholdFacts(1, LONG_AGO, Composition.of([date(1944, 7, 7), date(1990, 1, 1)]))
    assert codes(with_son, day) == ["general", "elderly_80"]
    unknown_birth = HouseholdFacts(1, LONG_AGO, Composition.of([date(1950, 1, 1), None]))
    assert codes(unknown_birth, day) == ["general"]


def test_manual_categories_count_only_while_valid() -> None:
    facts = hardship(date(2026, 3, 1), date(2026, 6, 30))
    assert codes(facts, date(2026, 2, 28)) == ["general"]
    assert codes(facts, date(2026, 3, 1)) == ["general", "special_hardship"]
    assert codes(facts, date(2026, 6, 30)) == ["general", "special_hardship"]
    assert codes(facts, date(2026, 7, 1)) == ["general"]


def test_someone_born_on_29_february_turns_80_on_1_march_in_a_common_year() -> None:
    born = date(1946, 2, 28)
    assert reaches_age(born, 80) == date(2026, 2, 28)
    leapling = date(1944, 2, 29)
    assert reaches_age(leapling, 81) == date(2025, 3, 1)
    assert age_on(leapling, date(2025, 2, 28)) == 80
    assert reaches_age(leapling, 84) == date(2028, 2, 29)


# --- due and overdue ------------------------------------------------------------------------

def test_a_household_visited_this_month_is_satisfied() -> None:
    a = assess(elderly(visits=home(date(2026, 11, 3))), CATALOGUE, date(2026, 11, 23))
    assert a.governing is not None and a.governing.code == "elderly_80"
    assert (a.required, a.counted, a.next_due, a.overdue_since) == (1, 1, None, None)
    assert a.satisfied


def test_overdue_carries_across_the_month_end_until_the_next_visit() -> None:
    facts = elderly(visits=home(date(2026, 9, 20)))
    a = assess(facts, CATALOGUE, date(2026, 11, 23))
    assert a.overdue_since == date(2026, 10, 31)
    assert a.next_due == date(2026, 11, 30)
    visited = elderly(visits=home(date(2026, 9, 20), date(2026, 11, 5)))
    b = assess(visited, CATALOGUE, date(2026, 11, 23))
    assert b.overdue_since is None and b.counted == 1 and b.satisfied


def test_overdue_carries_across_a_quarter_end() -> None:
    facts = HouseholdFacts(1, LONG_AGO, assignments=(Assignment("low_income", LONG_AGO),),
                           visits=home(date(2026, 5, 5)))
    a = assess(facts, CATALOGUE, date(2026, 10, 12))
    assert a.governing is not None and a.governing.rule.label == "1/quarter"
    assert a.overdue_since == date(2026, 9, 30)


def test_two_a_month_second_visit_falls_due_at_month_end() -> None:
    once = hardship(visits=home(date(2026, 11, 10)))
    a = assess(once, CATALOGUE, date(2026, 11, 16))
    assert (a.counted, a.next_due, a.overdue_since) == (1, date(2026, 11, 30), None)
    never = hardship(visits=home(date(2026, 10, 5), date(2026, 10, 25)))
    b = assess(never, CATALOGUE, date(2026, 11, 16))
    assert b.overdue_since == date(2026, 11, 15)
    late = hardship(visits=home(date(2026, 10, 5), date(2026, 10, 25), date(2026, 11, 16)))
    c = assess(late, CATALOGUE, date(2026, 11, 17))
    assert c.overdue_since is None and c.next_due == date(2026, 11, 30)


def test_several_visits_on_one_day_count_once() -> None:
    facts = hardship(visits=home(date(2026, 11, 3), date(2026, 11, 3)))
    a = assess(facts, CATALOGUE, date(2026, 11, 10))
    assert a.counted == 1 and a.next_due == date(2026, 11, 30)


def test_a_method_the_rule_does_not_count_leaves_the_visit_owed() -> None:
    facts = elderly(visits=((date(2026, 11, 3), "phone"),))
    a = assess(facts, CATALOGUE, date(2026, 11, 10))
    assert a.counted == 0 and a.next_due == date(2026, 11, 30)


def test_due_dates_before_registration_do_not_apply() -> None:
    facts = HouseholdFacts(1, date(2026, 11, 20),
                           assignments=(Assignment("special_hardship", date(2026, 11, 20)),))
    a = assess(facts, CATALOGUE, date(2026, 11, 23))
    assert (a.required, a.next_due, a.overdue_since) == (1, date(2026, 11, 30), None)
    early = HouseholdFacts(1, date(2026, 11, 3),
                           assignments=(Assignment("special_hardship", date(2026, 11, 3)),))
    assert assess(early, CATALOGUE, date(2026, 11, 4)).next_due == date(2026, 11, 15)


def test_a_category_gained_mid_month_owes_only_the_later_due_dates() -> None:
    facts = hardship(since=date(2026, 11, 20), visits=home(date(2026, 7, 1)))
    a = assess(facts, CATALOGUE, date(2026, 11, 23))
    assert a.governing is not None and a.governing.code == "special_hardship"
    assert (a.required, a.next_due, a.overdue_since) == (1, date(2026, 11, 30), None)
    before = assess(facts, CATALOGUE, date(2026, 11, 19))
    assert before.governing is not None and before.governing.code == "general"


def test_a_category_lost_mid_month_owes_nothing_more_under_it() -> None:
    facts = hardship(until=date(2026, 11, 10), visits=home(date(2026, 10, 10), date(2026, 10, 30),
                                                           date(2026, 11, 2)))
    a = assess(facts, CATALOGUE, date(2026, 11, 23))
    assert a.governing is not None and a.governing.code == "general"
    assert a.overdue_since is None and a.next_due is None  # the half-year visit was made


def test_turning_80_mid_month_makes_the_month_end_due() -> None:
    facts = HouseholdFacts(1, LONG_AGO, Composition.of([date(1946, 11, 18), date(1950, 1, 1)]),
                           visits=home(date(2026, 8, 1)))
    before = assess(facts, CATALOGUE, date(2026, 11, 17))
    assert before.governing is not None and before.governing.code == "empty_nest"
    single = HouseholdFacts(1, LONG_AGO, Composition.of([date(1946, 11, 18), date(1990, 1, 1)]),
                            visits=home(date(2026, 8, 1)))
    a = assess(single, CATALOGUE, date(2026, 11, 17))
    assert a.governing is not None and a.governing.code == "general" and a.overdue_since is None
    b = assess(single, CATALOGUE, date(2026, 11, 23))
    assert b.governing is not None and b.governing.code == "elderly_80"
    assert (b.next_due, b.overdue_since) == (date(2026, 11, 30), None)


def test_a_suspended_household_is_not_due_until_its_suspension_ends() -> None:
    facts = elderly(status="suspended", status_until=date(2026, 11, 10), visits=home(date(2026, 6, 1)))
    during = assess(facts, CATALOGUE, date(2026, 11, 5))
    assert during.governing is None
    assert roster_decision(during, parse_week("2026-W45"), None) is None
    after = assess(facts, CATALOGUE, date(2026, 11, 23))
    assert after.governing is not None
    assert (after.next_due, after.overdue_since) == (date(2026, 11, 30), None)


def test_deceased_and_moved_out_households_are_not_due_but_keep_their_past() -> None:
    facts = elderly(status="deceased", status_since=date(2026, 11, 1))
    assert assess(facts, CATALOGUE, date(2026, 11, 23)).governing is None
    past = obligations(facts, CATALOGUE, date(2026, 10, 1), date(2026, 11, 30), date(2026, 11, 23))
    assert [o.due for o in past] == [date(2026, 10, 31)]
    assert past[0].missed(date(2026, 11, 23))


def test_visits_after_the_date_asked_about_are_ignored() -> None:
    facts = elderly(visits=home(date(2026, 9, 20), date(2026, 11, 25)))
    a = assess(facts, CATALOGUE, date(2026, 11, 23), as_of=date(2026, 11, 23))
    assert a.counted == 0 and a.overdue_since == date(2026, 10, 31)


def test_missed_on_time_and_late_obligations() -> None:
    facts = hardship(visits=home(date(2026, 10, 3), date(2026, 11, 20)))
    owed = obligations(facts, CATALOGUE, date(2026, 10, 1), date(2026, 11, 30), date(2026, 12, 5))
    summary = [(o.due, o.met_on, o.on_time, o.missed(date(2026, 12, 5))) for o in owed]
    assert summary == [
        (date(2026, 10, 16), date(2026, 10, 3), True, False),
        (date(2026, 10, 31), None, False, True),
        (date(2026, 11, 15), date(2026, 11, 20), False, False),
        (date(2026, 11, 30), None, False, True),
    ]


# --- roster reasons -----------------------------------------------------------------------

def test_overdue_takes_precedence_over_due_and_planned() -> None:
    week = parse_week("2026-W49")  # 30 Nov - 6 Dec
    overdue = assess(hardship(visits=home(date(2026, 9, 5), date(2026, 9, 25))), CATALOGUE, week.start)
    decision = roster_decision(overdue, week, parse_week("2026-W40"))
    assert decision is not None and decision.reason is RosterReason.OVERDUE
    assert decision.due_date == date(2026, 10, 16)  # the first missed due date
    half = assess(hardship(visits=home(date(2026, 9, 5), date(2026, 9, 25), date(2026, 10, 5))),
                  CATALOGUE, week.start)
    assert half.overdue_since == date(2026, 10, 31)  # the first was met, the second missed


def test_due_this_week_and_planned_reasons() -> None:
    week = parse_week("2026-W48")
    due = assess(hardship(visits=home(date(2026, 11, 2), date(2026, 10, 20), date(2026, 10, 30))),
                 CATALOGUE, week.start)
    assert roster_decision(due, week, None) is None  # next due 30 Nov lies in the next week
    nxt = parse_week("2026-W49")
    decision = roster_decision(assess(hardship(visits=home(date(2026, 11, 2), date(2026, 10, 20),
                                                            date(2026, 10, 30))), CATALOGUE, nxt.start),
                               nxt, None)
    assert decision is not None and decision.reason is RosterReason.DUE
    general = HouseholdFacts(1, LONG_AGO, visits=home(date(2026, 3, 3)))
    a = assess(general, CATALOGUE, week.start)
    planned = roster_decision(a, week, parse_week("2026-W40"))
    assert planned is not None and planned.reason is RosterReason.PLANNED
    assert planned.due_date == date(2026, 12, 31)
    assert roster_decision(a, week, parse_week("2026-W50")) is None  # planned later


# --- reasons honest on the day of printing ---------------------------------------------------

def printed(facts: HouseholdFacts, week_name: str, on: date, planned: str | None = None,
            catalogue: Catalogue = CATALOGUE) -> tuple[RosterReason, date | None] | None:
    """What the roster of ``week_name`` printed on ``on`` says about the household."""
    week = parse_week(week_name)
    a = assess(facts, catalogue, roster_day(week, on), as_of=on)
    decision = roster_decision(a, week, parse_week(planned) if planned else None)
    return None if decision is None else (decision.reason, decision.due_date)


def test_a_household_visited_after_its_due_date_is_off_the_roster_printed_the_next_day() -> None:
    visited = elderly(visits=home(date(2026, 10, 20), date(2026, 12, 1)))
    assert printed(visited, "2026-W49", date(2026, 12, 2)) is None
    # printed on the Monday, before the visit, it was due that day
    assert printed(visited, "2026-W49", date(2026, 11, 30)) == (RosterReason.DUE, date(2026, 11, 30))


def test_a_passed_due_date_left_unmet_prints_as_overdue_never_as_due() -> None:
    unvisited = elderly(visits=home(date(2026, 10, 20)))
    assert printed(unvisited, "2026-W49", date(2026, 12, 2)) == (RosterReason.OVERDUE, date(2026, 11, 30))


def test_a_counting_visit_after_a_passed_due_date_settles_it() -> None:
    thrice = Catalogue((CategoryRule("t", VisitRule(3, Period.MONTH), CategoryKind.UNIVERSAL),))
    # due 10, 20 and 30 November; one visit on the 21st
    late = HouseholdFacts(1, LONG_AGO, visits=home(date(2026, 10, 10), date(2026, 10, 20),
                                                   date(2026, 10, 30), date(2026, 11, 21)))
    assert printed(late, "2026-W48", date(2026, 11, 24), catalogue=thrice) is None
    assert printed(late, "2026-W49", date(2026, 11, 30), catalogue=thrice) == (
        RosterReason.DUE, date(2026, 11, 30))
    a = assess(late, thrice, date(2026, 11, 24))
    assert a.next_due == date(2026, 11, 30) and a.overdue_since is None


def test_a_roster_printed_ahead_is_judged_on_its_monday() -> None:
    unvisited = elderly(visits=home(date(2026, 10, 20)))
    assert printed(unvisited, "2026-W49", date(2026, 11, 27)) == (RosterReason.DUE, date(2026, 11, 30))
    assert printed(unvisited, "2026-W48", date(2026, 11, 20)) is None  # due 30 Nov, next week
    # printed on Tuesday 15 Dec for the week of 21 Dec: the visit due on the 16th will have
    # been missed by that Monday unless it is made before
    twice = hardship(visits=home(date(2026, 11, 2), date(2026, 11, 14)))
    assert printed(twice, "2026-W52", date(2026, 12, 15)) == (RosterReason.OVERDUE, date(2026, 12, 16))


def test_a_past_week_looked_at_afterwards_shows_its_due_dates_as_passed() -> None:
    unmet = elderly(visits=home(date(2026, 10, 20)))
    assert roster_day(parse_week("2026-W49"), date(2026, 12, 10)) == date(2026, 12, 7)
    assert printed(unmet, "2026-W48", date(2026, 12, 10)) is None  # 30 Nov is after that week
    assert printed(unmet, "2026-W49", date(2026, 12, 10)) == (RosterReason.OVERDUE, date(2026, 11, 30))
    met_later = elderly(visits=home(date(2026, 10, 20), date(2026, 12, 8)))
    assert printed(met_later, "2026-W49", date(2026, 12, 10)) is None


def test_planned_households_keep_their_deadline_on_any_day_of_their_week() -> None:
    general = HouseholdFacts(1, LONG_AGO, visits=home(date(2026, 3, 3)))
    for day in (date(2026, 11, 20), date(2026, 11, 23), date(2026, 11, 26)):
        assert printed(general, "2026-W48", day, planned="2026-W48") == (
            RosterReason.PLANNED, date(2026, 12, 31))


def test_explanation_names_each_category_and_marks_the_governing_one() -> None:
    facts = HouseholdFacts(1, LONG_AGO, Composition.of([date(1940, 1, 1)]),
                           assignments=(Assignment("disabled", date(2025, 1, 1)),))
    lines = explain(facts, CATALOGUE, date(2026, 11, 23))
    assert [(w.category.code, w.governs) for w in lines] == [
        ("general", False), ("disabled", False), ("elderly_80", True), ("living_alone", False)]
    assert "86" in lines[2].why.en and "2025-01-01" in lines[1].why.zh


# --- levelled planning: properties ----------------------------------------------------------

periods = st.builds(
    lambda year, kind, n: span_of(kind, date(year, n, 1)),
    st.integers(2020, 2030), st.sampled_from([Period.QUARTER, Period.HALF_YEAR, Period.YEAR]),
    st.integers(1, 12))


@given(st.integers(0, 700), periods)
def test_levelled_weekly_counts_differ_by_at_most_one(n: int, period: object) -> None:
    ids = list(range(n))
    plan = plan_weeks(ids, period)  # type: ignore[arg-type]
    weeks = weeks_starting_in(period)  # type: ignore[arg-type]
    counts = [sum(1 for w in plan.values() if w == week) for week in weeks]
    assert sum(counts) == n
    assert max(counts) - min(counts) <= 1
    order = [weeks.index(plan[i]) for i in ids]
    assert order == sorted(order)  # blocks follow walking order
    assert plan_weeks(ids, period) == plan  # type: ignore[arg-type]  # stable


general_households = st.lists(
    st.tuples(st.dates(date(2019, 1, 1), date(2026, 12, 31)),  # registered
              st.lists(st.dates(date(2026, 10, 1), date(2026, 12, 31)), max_size=3)),
    min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(general_households)
def test_each_planned_household_appears_first_in_its_own_week_unless_visited_earlier(
        rows: list[tuple[date, list[date]]]) -> None:
    quarterly = Catalogue((CategoryRule("q", VisitRule(1, Period.QUARTER), CategoryKind.UNIVERSAL),))
    # visited last quarter (or registered since), so nobody starts the quarter overdue
    facts = [HouseholdFacts(i, reg, visits=home(max(reg, date(2026, 9, 1)), *days))
             for i, (reg, days) in enumerate(rows)]
    quarter = parse_period("2026Q4")
    weeks = weeks_starting_in(quarter)
    members = [f.id for f in facts if plan_membership(f, quarterly, weeks[0]) == quarter]
    plan = plan_weeks(members, quarter)
    for f in facts:
        first_planned = first_listed = None
        for week in weeks:
            # printed on the Sunday before the week
            a = assess(f, quarterly, week.start, as_of=week.start - timedelta(days=1))
            decision = roster_decision(a, week, plan.get(f.id))
            if decision is not None and decision.reason is RosterReason.OVERDUE:
                break  # not in this property's population (see the visits above)
            if decision is not None and decision.reason is RosterReason.PLANNED and first_planned is None:
                first_planned = week
            if decision is not None and first_listed is None:
                first_listed = week  # the week holding the due date lists it as due instead
        if f.id not in plan:
            assert first_planned is None
            continue
        visited_before = any(quarter.start <= d < plan[f.id].start for d, _ in f.visits)
        if visited_before:
            assert first_planned is None
        else:
            assert first_listed == plan[f.id]
            assert first_planned == (None if plan[f.id] == weeks[-1] else plan[f.id])


mixed_households = st.builds(
    lambda reg, code, births, days, status: HouseholdFacts(
        1, reg, Composition.of(births),
        assignments=(Assignment(code, date(2025, 6, 1)),) if code else (),
        visits=home(*days), status=status,
        status_until=date(2026, 8, 1) if status == "suspended" else None),
    st.dates(date(2019, 1, 1), date(2026, 6, 1)),
    st.sampled_from([None, "special_hardship", "low_income", "disabled"]),
    st.lists(st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2010, 1, 1))), min_size=1, max_size=4),
    st.lists(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=8),
    st.sampled_from(["active", "active", "suspended"]))


@settings(max_examples=150, deadline=None)
@given(mixed_households, st.integers(27, 52), st.integers(0, 6))
def test_nobody_satisfied_appears_as_due_or_planned(facts: HouseholdFacts, week_no: int,
                                                    planned_ago: int) -> None:
    week = parse_week(f"2026-W{week_no:02d}")
    a = assess(facts, CATALOGUE, week.start, as_of=week.start + timedelta(days=2))
    decision = roster_decision(a, week, parse_week(f"2026-W{week_no - planned_ago:02d}"))
    if a.satisfied:
        assert decision is None
    if decision is not None and decision.reason is not RosterReason.OVERDUE:
        assert a.next_due is not None and a.counted < a.required


plain_households = st.builds(
    lambda reg, days, history, births, code, since: HouseholdFacts(
        1, reg, Composition.of(births), visits=home(*days),
        assignments=(Assignment(code, since),) if code else (),
        history_from=min(days) if history and days and min(days) > reg else None),
    st.dates(date(2018, 1, 1), date(2026, 11, 1)),
    st.lists(st.dates(date(2018, 1, 1), date(2026, 12, 31)), max_size=6),
    st.booleans(),
    st.lists(st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2000, 1, 1))), min_size=1, max_size=3),
    st.sampled_from([None, None, "low_income", "special_hardship"]),
    st.dates(date(2018, 1, 1), date(2026, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(plain_households, st.dates(date(2025, 1, 1), date(2026, 12, 31)), st.integers(-10, 10))
def test_the_plain_shortcut_agrees_with_the_full_walk(facts: HouseholdFacts, on: date, lag: int) -> None:
    as_of = on + timedelta(days=lag)
    fast = assess(facts, CATALOGUE, on, as_of)
    if facts.registered_on > on:
        return
    walk_from = max(facts.registered_on, facts.history_from or facts.registered_on,
                    max((d for d, _ in facts.visits if d <= as_of), default=facts.registered_on))
    assert fast == _assess_walk(facts, CATALOGUE, on, as_of, walk_from)
    if settled(facts, CATALOGUE, on, as_of):
        assert fast.satisfied


@settings(max_examples=200, deadline=None)
@given(mixed_households, st.integers(27, 52), st.integers(-9, 12))
def test_no_roster_prints_a_passed_due_date_as_due(facts: HouseholdFacts, week_no: int,
                                                   lag: int) -> None:
    week = parse_week(f"2026-W{week_no:02d}")
    on = week.start + timedelta(days=lag)  # printed ahead, during or after the week
    day = roster_day(week, on)
    a = assess(facts, CATALOGUE, day, as_of=on)
    decision = roster_decision(a, week, parse_week(f"2026-W{week_no - 2:02d}"))
    if decision is None:
        return
    assert decision.due_date is not None
    if decision.reason is RosterReason.OVERDUE:
        assert decision.due_date < day
    else:
        assert decision.due_date >= day >= min(on, week.end)
