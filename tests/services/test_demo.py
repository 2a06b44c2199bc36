"""The demo community: deterministic, realistic shares, valid data throughout."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from gridkeeper.domain.idnumber import is_valid_id_number
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

TODAY = date(2026, 11, 22)
TABLES = ("community", "grid", "estate", "building", "household", "resident",
          "category_assignment", "worker", "visit", "visit_participant", "need", "need_event",
          "stairwell_contact", "spot_check")


def fingerprint(gk: GridKeeper) -> str:
    """A hash of every table's content except the wall-clock timestamps."""
    digest = hashlib.sha256()
    with gk.db.engine.connect() as c:
        for table in TABLES:
            columns = [row[1] for row in c.exec_driver_sql(f"PRAGMA table_info({table})")
                       if row[1] not in ("created_at", "updated_at")]
            for row in c.exec_driver_sql(
                    f"select {', '.join(columns)} from {table} order by id"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> GridKeeper:
    gk = open_gridkeeper(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    gk.demo.generate(DemoOptions(households=1500, seed=7, today=TODAY))
    return gk


def test_same_seed_gives_the_same_database(demo: GridKeeper, tmp_path: Path) -> None:
    again = open_gridkeeper(str(tmp_path / "again.db"))
    again.demo.generate(DemoOptions(households=1500, seed=7, today=TODAY))
    assert fingerprint(again) == fingerprint(demo)
    other = open_gridkeeper(str(tmp_path / "other.db"))
    other.demo.generate(DemoOptions(households=1500, seed=8, today=TODAY))
    assert fingerprint(other) != fingerprint(demo)


def test_counts_match_what_was_asked(demo: GridKeeper) -> None:
    counts = demo.info.counts()
    assert counts["households"] == 1500
    assert 1500 * 2 < counts["residents"] < 1500 * 4
    assert 1500 // 500 <= counts["grids"] <= 1500 // 40
    assert counts["visits"] > 1500 * 2  # a year of history
    assert set(counts["needs_by_status"]) == {"open", "in_progress", "sent_on", "resolved",
                                              "closed", "rejected"}
    assert {"absent", "met"} <= set(counts["visits_by_outcome"])


def test_every_id_number_is_valid_and_unique(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        numbers = [r[0] for r in c.execute(text("select id_number from resident"))]
    assert len(numbers) == len(set(numbers))
    assert all(is_valid_id_number(n) for n in numbers)


def test_category_shares_are_realistic(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        residents = c.execute(text("select count(*) from resident")).scalar_one()
        aged_80 = c.execute(text(
            "select count(*) from resident where birth_date <= :d"), {"d": date(1946, 11, 22)}
        ).scalar_one()
        low_income = c.execute(text(
            "select count(distinct r.household_id) from category_assignment a "
            "join category c on c.id = a.category_id join resident r on r.id = a.resident_id "
            "where c.code = 'low_income'")).scalar_one()
    assert 0.02 <= aged_80 / residents <= 0.07
    assert 0.01 <= low_income / 1500 <= 0.04


def test_one_head_per_household_and_buildings_in_range(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        heads = c.execute(text(
            "select count(*) from household h where (select count(*) from resident r "
            "where r.household_id = h.id and r.is_head) != 1")).scalar_one()
        floors = c.execute(text("select min(floors), max(floors), min(units), max(units) "
                                "from building")).one()
        late = c.execute(text("select count(*) from visit where visit_date > :d"),
                         {"d": TODAY}).scalar_one()
    assert heads == 0
    assert 6 <= floors[0] and floors[1] <= 18 and 2 <= floors[2] and floors[3] <= 4
    assert late == 0


def test_needs_have_their_history_and_a_hot_spot(demo: GridKeeper) -> None:
    """Every need tells how it went; one stairwell keeps calling about parking."""
    with demo.db.reading() as session:
        silent = session.execute(text(
            "select count(*) from need where id not in (select need_id from need_event)")).scalar()
        reopened = session.execute(text("select count(*) from need where reopened > 0")).scalar()
    assert silent == 0 and reopened > 0
    spots = demo.needs.hot_spots(TODAY)
    assert any(s.category == "parking" and len(s.units) == 1 for s in spots)


def test_no_category_ends_before_it_starts(tmp_path: Path) -> None:
    for seed in (1, 51):
        gk = open_gridkeeper(str(tmp_path / f"s{seed}.db"))
        gk.demo.generate(DemoOptions(households=1200, seed=seed, today=TODAY))
        with gk.db.engine.connect() as c:
            assert c.execute(text("select count(*) from category_assignment "
                                  "where valid_to < valid_from")).scalar() == 0
        gk.close()


def test_every_member_of_a_visit_team_is_there_in_a_role(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        duties = dict(c.execute(text("select duty, count(*) from visit_participant group by duty")).all())
    assert None not in duties
    assert {"网格员", "楼门长", "民警", "社工"} <= set(duties)


def test_every_building_has_its_lift_recorded_and_a_standing_team(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        lifts = dict(c.execute(text("select has_lift, count(*) from building group by has_lift")).all())
        assert set(lifts) == {0, 1}  # old walk-ups and buildings with a lift
        roles = c.execute(text(
            "select b.id, b.units, group_concat(distinct s.role), count(distinct s.unit) "
            "from building b join stairwell_contact s on s.building_id = b.id group by b.id")).all()
        assert len(roles) == c.execute(text("select count(*) from building")).scalar()
        for _building, units, found, stairwells in roles:
            assert {"liaison", "police", "stairwell_head"} <= set(found.split(","))
            assert stairwells == units  # a 楼门长 in every stairwell


def test_some_households_were_on_the_register_before_records_began(demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        blank = c.execute(text("select count(*) from household where before_records")).scalar()
        early = c.execute(text("select count(*) from visit v join household h on h.id = v.household_id "
                               "where h.before_records and v.visit_date < h.registered_on")).scalar()
    assert 0 < blank < 1500 * 0.2
    assert early > 0  # their visits from before GridKeeper took them in are on record


def test_the_last_two_months_were_spot_checked_and_some_visits_reviewed(demo: GridKeeper) -> None:
    checks = demo.spot_checks.by_worker("2026-10")
    assert checks and all(c.drawn >= 1 for c in checks.values())
    assert sum(c.called for c in checks.values()) == sum(c.drawn for c in checks.values())
    assert sum(c.not_confirmed for c in checks.values()) >= 1
    with demo.db.engine.connect() as c:
        # a call that found no visit took it out of the counts, and says what it was
        assert c.exec_driver_sql(
            "select count(*) from spot_check s join visit v on v.id = s.visit_id "
            "where s.result = 'not_confirmed' and (v.outcome <> 'disproved' "
            "or s.original_outcome <> 'met')").scalar() == 0
        assert c.exec_driver_sql("select count(*) from visit where outcome = 'disproved'").scalar() >= 1
        months = {m for (m,) in c.exec_driver_sql("select distinct month from spot_check")}
        assert months == {"2026-09", "2026-10"}  # the current month is the office's to draw
        reviewed = c.exec_driver_sql(
            "select count(*) from visit where review_comment is not null "
            "and reviewed_at > visit_date and reviewed_at < '2026-11-22'").scalar()
        assert reviewed >= 20
    # the office's own draw of such a month finds nothing left to add
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor

    assert demo.acting_as(Actor("zhao", Role.SUPERVISOR)).spot_checks.draw("2026-10", today=TODAY) == 0


def test_spot_checks_and_reviews_are_by_a_supervisor_of_the_community_never_of_the_team(
        demo: GridKeeper) -> None:
    with demo.db.engine.connect() as c:
        staff = set(c.exec_driver_sql("select community_id, name from worker where duty = '社工'").all())
        checks = c.exec_driver_sql(
            "select s.drawn_by, s.called_by, g.community_id, s.visit_id from spot_check s "
            "join visit v on v.id = s.visit_id join household h on h.id = v.household_id "
            "join building b on b.id = h.building_id join grid g on g.id = b.grid_id").all()
        reviews = c.exec_driver_sql(
            "select v.reviewed_by, v.reviewed_by, g.community_id, v.id from visit v "
            "join household h on h.id = v.household_id join building b on b.id = h.building_id "
            "join grid g on g.id = b.grid_id where v.reviewed_by is not null").all()
        team: dict[int, set[str]] = {}
        for visit_id, name in c.exec_driver_sql("select visit_id, name from visit_participant"):
            team.setdefault(visit_id, set()).add(name)
    assert checks and reviews
    for drawn_by, called_by, community_id, visit_id in [*checks, *reviews]:
        assert (community_id, drawn_by) in staff
        assert called_by in (None, drawn_by)  # one supervisor draws and calls
        assert drawn_by not in team[visit_id]
