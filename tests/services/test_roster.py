"""The weekly roster and rule explanations on a real (temporary) database."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import NotFound, PermissionDenied
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Household, Visit, Worker
from tests.conftest import TEST_SERVER, household

WEEK = "2026-W48"  # Monday 23 - Sunday 29 November 2026
TODAY = date(2026, 11, 22)


def old(name: str = "李秀英", born: date = date(1940, 3, 3)) -> ResidentDraft:
    return ResidentDraft(name=name, birth_date=born)


def young(name: str = "王强") -> ResidentDraft:
    return ResidentDraft(name=name, birth_date=date(1990, 1, 1))


def hardship_resident() -> ResidentDraft:
    return ResidentDraft(name="赵大爷", birth_date=date(1970, 1, 1),
                         categories=(AssignmentDraft("special_hardship", date(2025, 1, 1)),))


def visit(gk: GridKeeper, code: str, day: date, outcome: str = "met", method: str = "home") -> None:
    household_id = gk.register.household_id(code)
    with gk.db.transaction() as session:
        session.add(Visit(household_id=household_id, visit_date=day, method=method, outcome=outcome))


@pytest.fixture
def community(gk: GridKeeper) -> GridKeeper:
    """One grid walked in order 101, 102, 201, 202, 301, and a second grid with one flat."""
    save = gk.register.save_household
    save(household("A101", room="101", floor=1, residents=(old(),)))  # elderly
    save(household("A102", room="102", floor=1, residents=(hardship_resident(),)))
    save(household("A201", room="201", floor=2, residents=(young(),)))  # general
    save(household("A202", room="202", floor=2, residents=(old("张桂兰"), young("张伟"))),
         )
    save(household("A301", room="301", floor=3, residents=(young("孙丽"),), status="deceased",
                   status_since=date(2026, 10, 1)))
    save(household("B101", grid="第二网格", building="2", residents=(young("周杰"),)))
    assign_worker(gk, "刘芳", "A101", "A102")
    return gk


def assign_worker(gk: GridKeeper, name: str, *codes: str) -> None:
    """Set the assigned worker directly (saving a new household with a worker name trips the
    register service's autoflush at the time of writing)."""
    with gk.db.transaction() as session:
        worker = Worker(community_id=1, name=name)
        session.add(worker)
        session.flush()
        session.execute(update(Household).where(Household.code.in_(codes)).values(worker_id=worker.id))


def rows_by_code(gk: GridKeeper, **options: object) -> dict[str, object]:
    roster = gk.roster.roster(WEEK, as_of=TODAY, **options)  # type: ignore[arg-type]
    return {r.household_code: r for r in roster.rows}


def test_overdue_due_and_planned_households_are_listed_with_their_reasons(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A101", date(2026, 9, 10))  # elderly: October missed, overdue since 31 Oct
    visit(gk, "A102", date(2026, 10, 10))
    visit(gk, "A102", date(2026, 10, 30))
    visit(gk, "A102", date(2026, 11, 5))  # 2/month: second November visit due 30 Nov (next week)
    visit(gk, "A202", date(2026, 11, 2))  # elderly household visited this month: satisfied
    visit(gk, "A201", date(2026, 3, 1))  # general: H2 visit not made yet, planned
    rows = rows_by_code(gk)
    a101 = rows["A101"]
    assert (a101.reason, a101.due_date, a101.rule) == (RosterReason.OVERDUE, date(2026, 10, 31), "1/month")
    assert a101.categories == ("general", "elderly_80", "living_alone")
    assert a101.governing == "elderly_80" and a101.worker == "刘芳" and a101.head == "李秀英"
    assert a101.last_visit == date(2026, 9, 10)
    assert "A102" not in rows  # next due 30 November is next week
    assert "A202" not in rows
    assert "A301" not in rows  # deceased
    assert rows["A201"].reason is RosterReason.PLANNED
    assert rows["A201"].due_date == date(2026, 12, 31)
    next_week = {r.household_code: r for r in gk.roster.roster("2026-W49", as_of=TODAY).rows}
    assert next_week["A102"].reason is RosterReason.DUE
    assert next_week["A102"].due_date == date(2026, 11, 30)


def test_an_absent_attempt_counts_for_nothing_but_is_shown(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A101", date(2026, 10, 20))
    visit(gk, "A101", date(2026, 11, 20), outcome="absent")
    row = rows_by_code(gk)
    # October was met; November's visit is due on the 30th, i.e. next week
    assert "A101" not in row
    nxt = {r.household_code: r for r in gk.roster.roster("2026-W49", as_of=TODAY).rows}["A101"]
    assert nxt.reason is RosterReason.DUE
    assert (nxt.last_visit, nxt.last_attempt) == (date(2026, 10, 20), date(2026, 11, 20))


def test_same_day_visits_count_once(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A102", date(2026, 10, 10))
    visit(gk, "A102", date(2026, 10, 30))
    visit(gk, "A102", date(2026, 11, 3))
    visit(gk, "A102", date(2026, 11, 3))
    roster = {r.household_code: r for r in gk.roster.roster("2026-W49", as_of=TODAY).rows}
    assert roster["A102"].reason is RosterReason.DUE  # still one November visit owed


def test_visits_after_the_roster_date_are_ignored(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A101", date(2026, 10, 20))
    visit(gk, "A101", date(2026, 11, 25))
    assert "A101" not in rows_by_code(gk)
    december = gk.roster.roster("2026-W49", as_of=date(2026, 11, 24)).rows
    assert any(r.household_code == "A101" for r in december)
    assert not any(r.household_code == "A101"
                   for r in gk.roster.roster("2026-W49", as_of=date(2026, 11, 26)).rows)


def test_a_roster_printed_mid_week_is_honest_about_the_days_that_passed(community: GridKeeper) -> None:
    gk = community
    visit(gk, "A101", date(2026, 10, 20))
    visit(gk, "A202", date(2026, 10, 20))  # 30 Nov due date passes unmet

    def printed(day: date) -> dict[str, tuple[RosterReason, date | None]]:
        return {r.household_code: (r.reason, r.due_date)
                for r in gk.roster.roster("2026-W49", as_of=day).rows}

    monday = printed(date(2026, 11, 30))
    assert monday["A202"] == (RosterReason.DUE, date(2026, 11, 30))
    tuesday = printed(date(2026, 12, 1))  # no visit dated in between: judged anew all the same
    assert tuesday["A202"] == (RosterReason.OVERDUE, date(2026, 11, 30))
    visit(gk, "A101", date(2026, 12, 1))  # after its 30 Nov due date
    wednesday = printed(date(2026, 12, 2))
    assert "A101" not in wednesday
    assert wednesday["A202"] == (RosterReason.OVERDUE, date(2026, 11, 30))
    assert not any(reason is RosterReason.DUE and due < date(2026, 12, 2)
                   for reason, due in wednesday.values() if due is not None)


def test_rows_come_in_walking_order_grid_by_grid(community: GridKeeper) -> None:
    codes = [r.household_code for r in community.roster.roster(WEEK, as_of=TODAY).rows]
    assert codes == sorted(codes, key=lambda c: (c[0], c[1:]))
    assert codes[-1] == "B101"


def test_one_grid_by_name_and_a_grid_leader_sees_only_their_grid(community: GridKeeper) -> None:
    gk = community
    only_b = gk.roster.roster(WEEK, grid="第二网格", as_of=TODAY)
    assert {r.grid for r in only_b.rows} == {"第二网格"}
    with pytest.raises(NotFound):
        gk.roster.roster(WEEK, grid="没有这个网格", as_of=TODAY)
    grid_b = {r.grid: r for r in only_b.rows}["第二网格"]
    leader = gk.acting_as(Actor("leader", Role.GRID_LEADER, frozenset({_grid_id(gk, "B101")})))
    assert {r.grid for r in leader.roster.roster(WEEK, as_of=TODAY).rows} == {grid_b.grid}
    with pytest.raises(NotFound):
        leader.roster.roster(WEEK, grid="第一网格", as_of=TODAY)


def _grid_id(gk: GridKeeper, code: str) -> int:
    from sqlalchemy import select

    from gridkeeper.storage.models import Building, Household

    with gk.db.reading() as s:
        return int(s.scalar(select(Building.grid_id).join(Household, Household.building_id == Building.id)
                            .where(Household.code == code)))


def test_planned_weeks_level_a_grid_over_the_half_year(gk: GridKeeper) -> None:
    for i in range(52):
        floor, door = i // 4 + 1, i % 4 + 1
        gk.register.save_household(household(f"H{i:03d}", floor=floor, room=f"{floor}{door:02d}",
                                             residents=(young(f"居民{i}"),)))
        visit(gk, f"H{i:03d}", date(2026, 3, 1))  # the first half-year's visit was made
    first_weeks = {}
    for week in range(27, 54):
        label = f"2026-W{week:02d}"
        for row in gk.roster.roster(label, as_of=date(2026, 6, 28)).rows:
            # the last week holds 31 December itself, so its households show as due
            assert row.reason is (RosterReason.DUE if week == 53 else RosterReason.PLANNED)
            first_weeks.setdefault(row.household_code, label)
    # H2 2026 has 26 weeks whose Monday lies in it: 52 households, two a week, in walking order
    assert len(first_weeks) == 52
    per_week: dict[str, int] = {}
    for label in first_weeks.values():
        per_week[label] = per_week.get(label, 0) + 1
    assert set(per_week.values()) == {2}
    assert list(first_weeks) == sorted(first_weeks)


def test_explanation_marks_the_governing_category(community: GridKeeper) -> None:
    gk = community
    why = gk.roster.explain(gk.register.household_id("A101"), date(2026, 11, 22))
    assert [(c.code, c.governs) for c in why.categories] == [
        ("general", False), ("elderly_80", True), ("living_alone", False)]
    assert why.rule == "1/month" and why.overdue_since == date(2020, 1, 31)
    assert "86" in why.categories[1].why.zh


def test_viewing_the_roster_needs_register_access(community: GridKeeper) -> None:
    class NoOne(Actor):
        def require(self, permission: object) -> None:
            raise PermissionDenied(user="x", action="看", action_en="view")

    with pytest.raises(PermissionDenied):
        community.acting_as(NoOne("x", Role.STAFF)).roster.roster(WEEK, as_of=TODAY)


def test_standings_of_many_households_equal_each_explanation_and_follow_the_grid_scope(
        community: GridKeeper) -> None:
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor

    gk = community
    visit(gk, "A101", date(2026, 9, 10))
    visit(gk, "A102", date(2026, 11, 3))
    ids = {code: gk.register.household_id(code) for code in ("A101", "A102", "A201", "A202", "A301", "B101")}
    standings = gk.roster.standings(list(ids.values()), TODAY)
    for code, hid in ids.items():
        why = gk.roster.explain(hid, TODAY)
        assert standings[hid] == (why.governing, why.rule, why.next_due, why.overdue_since), code
    assert standings[ids["A101"]][3] is not None  # overdue: the elderly missed October
    grid_id = gk.browse.tree()[0].id
    leader = gk.acting_as(Actor("li", Role.GRID_LEADER, frozenset({grid_id})))
    assert set(leader.roster.standings(list(ids.values()), TODAY)) == set(ids.values()) - {ids["B101"]}


@pytest.mark.skipif(not TEST_SERVER, reason="PostgreSQL only: the second connection is the server's")
def test_the_roster_is_worked_out_on_one_connection_when_a_second_is_refused(
        community: GridKeeper, monkeypatch: pytest.MonkeyPatch) -> None:
    # the all-grids roster reads on a second connection beside the first; a server or an
    # account at its connection limit refuses it, and the roster must still come out, the same
    expected = community.roster.roster(WEEK, as_of=TODAY).rows
    engine = community.db.engine
    connect = engine.connect

    def refused_beside() -> Any:
        if threading.current_thread() is not threading.main_thread():
            raise OperationalError("connect", {}, Exception("too many connections for role"))
        return connect()

    monkeypatch.setattr(engine, "connect", refused_beside)
    assert community.roster.roster(WEEK, as_of=TODAY).rows == expected
    assert engine.pool.checkedout() == 0  # nothing left open on either side
