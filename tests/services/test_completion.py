"""Completion figures: hand-computed numbers, groupings, and agreement with the roster."""

from __future__ import annotations

from datetime import date

import pytest

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.periods import parse_period
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from tests.services.test_roster import assign_worker, visit

AS_OF = date(2026, 11, 1)


@pytest.fixture
def october(gk: GridKeeper) -> GridKeeper:
    """Five households owing visits in October 2026, one general household owing none."""
    def elder(name: str) -> tuple[ResidentDraft, ...]:
        return (ResidentDraft(name=name, birth_date=date(1938, 1, 1)),)

    def hardship(name: str) -> tuple[ResidentDraft, ...]:
        return (ResidentDraft(name=name, birth_date=date(1970, 1, 1), categories=(
            AssignmentDraft("special_hardship", date(2025, 1, 1)),)),)

    save = gk.register.save_household
    save(household("E1", room="101", residents=elder("甲")))
    save(household("E2", room="102", residents=elder("乙")))
    save(household("E5", room="103", residents=elder("戊")))
    save(household("S3", room="104", residents=hardship("丙"), grid="第二网格", building="2"))
    save(household("S4", room="105", residents=hardship("丁"), grid="第二网格", building="2"))
    save(household("G1", room="106", residents=(ResidentDraft(name="己", birth_date=date(1990, 1, 1)),)))
    for code in ("E1", "E2", "E5", "S3", "S4", "G1"):
        visit(gk, code, date(2026, 9, 1))  # September was done everywhere
    visit(gk, "S3", date(2026, 9, 20))
    visit(gk, "E1", date(2026, 10, 5))  # on time
    visit(gk, "S3", date(2026, 10, 3))  # both on time
    visit(gk, "S3", date(2026, 10, 25))
    visit(gk, "S4", date(2026, 10, 20))  # first late (due 16 Oct), second missed
    visit(gk, "E5", date(2026, 10, 10), outcome="absent")  # a failed attempt; missed
    visit(gk, "E2", date(2026, 11, 5))  # after "as of": ignored
    assign_worker(gk, "刘芳", "E1", "E2")
    return gk


def test_figures_match_a_hand_count(october: GridKeeper) -> None:
    total = october.completion.figures("2026-10", as_of=AS_OF).total
    assert (total.households_required, total.required_visits, total.visits_done,
            total.done_on_time, total.missed, total.failed_attempts) == (5, 7, 4, 3, 3, 1)
    assert total.completion_rate == pytest.approx(4 / 7)
    assert total.on_time_rate == pytest.approx(3 / 7)
    assert total.missed_households == ["E2", "E5", "S4"]
    assert total.done_late_households == ["S4"]
    assert total.failed_attempt_households == ["E5"]


def test_figures_by_grid_worker_and_category(october: GridKeeper) -> None:
    by_grid = {g.label: g for g in october.completion.figures("2026-10", by="grid", as_of=AS_OF).groups}
    assert (by_grid["第一网格"].required_visits, by_grid["第一网格"].visits_done) == (3, 1)
    assert (by_grid["第二网格"].required_visits, by_grid["第二网格"].missed) == (4, 1)
    by_worker = {g.label: g for g in october.completion.figures("2026-10", by="worker", as_of=AS_OF).groups}
    assert by_worker["刘芳"].required_households == ["E1", "E2"]
    assert by_worker["未分配"].households_required == 3
    by_category = {g.key: g for g in october.completion.figures(
        "2026-10", by="category", as_of=AS_OF).groups}
    assert set(by_category) == {"elderly_80", "special_hardship"}
    assert by_category["special_hardship"].done_on_time == 2


def test_a_period_still_running_shows_pending_not_missed(october: GridKeeper) -> None:
    total = october.completion.figures("2026-10", as_of=date(2026, 10, 21)).total
    assert total.missed == 0
    assert total.pending_households == ["E2", "E5", "S3", "S4"]


def test_general_households_owe_their_half_year_visit_on_its_last_day(october: GridKeeper) -> None:
    h2 = october.completion.figures("2026H2", as_of=date(2027, 1, 5)).total
    assert "G1" in h2.required_households and "G1" not in h2.missed_households
    assert october.completion.figures("2026Q3", as_of=AS_OF).total.required_households == [
        "E1", "E2", "E5", "S3", "S4"]


def test_completion_figures_agree_with_the_roster(october: GridKeeper) -> None:
    gk = october
    roster = gk.roster.roster("2026-W45", as_of=AS_OF)  # Monday 2 November
    overdue = {r.household_code: r.due_date for r in roster.rows if r.reason is RosterReason.OVERDUE}
    figures = gk.completion.figures("2026-10", as_of=AS_OF).total
    assert set(overdue) == set(figures.missed_households)
    for due in overdue.values():
        assert due is not None and due in parse_period("2026-10")
    done = set(figures.required_households) - set(figures.missed_households)
    assert not done & {r.household_code for r in roster.rows if r.reason is RosterReason.OVERDUE}


def test_an_unknown_grouping_is_refused(october: GridKeeper) -> None:
    with pytest.raises(ValidationError):
        october.completion.figures("2026-10", by="street")


def test_figures_follow_new_visits_rule_changes_and_earlier_days(october: GridKeeper) -> None:
    """The figures move with every change a user makes, and an earlier "as of" does not see
    later visits."""
    gk = october
    assert gk.completion.figures("2026-10", as_of=AS_OF).total.visits_done == 4
    visit(gk, "E5", date(2026, 10, 28))  # entered late, dated in October
    assert gk.completion.figures("2026-10", as_of=AS_OF).total.visits_done == 5
    # on 20 October E5's visit had not happened
    assert gk.completion.figures("2026-10", as_of=date(2026, 10, 20)).total.visits_done == 3
    from sqlalchemy import update

    from gridkeeper.storage.models import Category
    with gk.db.transaction() as session:  # general households now owe a visit a month
        session.execute(update(Category).where(Category.code == "general").values(period="month"))
    total = gk.completion.figures("2026-10", as_of=AS_OF).total
    assert "G1" in total.required_households and total.households_required == 6


def test_a_visit_of_this_year_leaves_last_years_figures_alone(october: GridKeeper) -> None:
    gk = october
    last_year = gk.completion.figures("2025", as_of=AS_OF).total.as_dict()
    october_figures = gk.completion.figures("2026-10", as_of=AS_OF).total.visits_done
    visit(gk, "E5", date(2026, 10, 30))
    assert gk.completion.figures("2025", as_of=AS_OF).total.as_dict() == last_year
    assert gk.completion.figures("2026-10", as_of=AS_OF).total.visits_done == october_figures + 1


def test_figures_of_several_months_equal_each_month_alone(october: GridKeeper) -> None:
    gk = october
    months = ["2026-08", "2026-09", "2026-10", "2026-W44"]
    together = [r.total.as_dict() for r in gk.completion.figures_of(months, as_of=AS_OF)]
    assert together == [gk.completion.figures(m, as_of=AS_OF).total.as_dict() for m in months]
    assert together[2]["visits_done"] == 4


def _target(gk: GridKeeper, code: str, rate: int) -> None:
    from dataclasses import replace

    category = next(c for c in gk.settings.snapshot().categories if c.code == code)
    gk.settings.save(categories=[replace(category, target_rate=rate)])


@pytest.mark.parametrize(("target", "standing"), [(75, "green"), (80, "amber"), (90, "red")])
def test_every_grid_is_judged_against_its_categories_targets(october: GridKeeper, target: int,
                                                             standing: str) -> None:
    _target(october, "special_hardship", target)
    report = october.completion.figures("2026-10", as_of=AS_OF)
    second = next(g for g in report.groups if g.label == "第二网格")
    [hardship] = second.categories
    assert (hardship.category, hardship.target, hardship.required, hardship.done) == (
        "special_hardship", target, 4, 3)
    assert second.standing == standing
    first = next(g for g in report.groups if g.label == "第一网格")
    assert first.standing == "red"  # one of three elderly visits made, target 100 %
    assert [c.label for c in first.behind] == ["高龄"]


def test_exceptions_come_first(october: GridKeeper) -> None:
    _target(october, "elderly_80", 30)  # 第一网格 made one of three: on target now
    report = october.completion.figures("2026-10", as_of=AS_OF)
    assert [g.label for g in report.groups] == ["第一网格", "第二网格"]
    assert [(g.label, g.standing) for g in report.exceptions_first()] == [
        ("第二网格", "red"), ("第一网格", "green")]


def test_a_shortfall_that_can_still_be_made_up_is_at_risk_not_behind(october: GridKeeper) -> None:
    # mid-October: the elderly households' October visits are still to make
    report = october.completion.figures("2026-10", as_of=date(2026, 10, 12))
    first = next(g for g in report.groups if g.label == "第一网格")
    assert first.visits_done == 1 and first.required_visits == 3
    assert first.standing == "amber"


def test_workers_are_judged_too_and_groups_carry_their_community(october: GridKeeper) -> None:
    report = october.completion.figures("2026-10", by="worker", as_of=AS_OF)
    liu = next(g for g in report.groups if g.label == "刘芳")
    assert liu.community and liu.standing == "red"  # E2 missed, target 100 %
    assert [g.label for g in report.groups][-1] == "未分配"
