"""Follow-ups: a visit's follow-up date lists the household from that date's week on, with
reason follow_up, until a counting visit on or after that date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gridkeeper.cli import main
from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from tests.services.test_roster import community, visit  # noqa: F401 - fixture


def promise(gk: GridKeeper, code: str, day: date, follow_up_on: date) -> None:
    gk.visits.record_batch([VisitDraft(
        visit_date=day, method=VisitMethod.HOME, outcome=VisitOutcome.MET, team=("刘芳",),
        household_id=gk.register.household_id(code), notes="腿伤，两周后再看", follow_up_on=follow_up_on)])


def listed(gk: GridKeeper, week: str, as_of: date) -> dict[str, tuple[RosterReason, date | None, str]]:
    return {r.household_code: (r.reason, r.due_date, r.note.zh if r.note else "")
            for r in gk.roster.roster(week, as_of=as_of).rows}


def test_a_follow_up_lists_the_household_from_its_week_until_a_counting_visit(community: GridKeeper) -> None:
    gk = community
    promise(gk, "A202", date(2026, 11, 10), date(2026, 11, 25))  # elderly, now visited for November
    assert "A202" not in listed(gk, "2026-W47", date(2026, 11, 16))
    w48 = listed(gk, "2026-W48", date(2026, 11, 23))
    assert w48["A202"] == (RosterReason.FOLLOW_UP, date(2026, 11, 25), "跟进：11-25起")
    # not settled by an attempt that met nobody, nor by a visit before the date
    visit(gk, "A202", date(2026, 11, 24), outcome="absent")
    visit(gk, "A202", date(2026, 11, 24), method="home")
    assert listed(gk, "2026-W48", date(2026, 11, 24))["A202"][0] is RosterReason.FOLLOW_UP
    assert listed(gk, "2026-W49", date(2026, 11, 30))["A202"][0] is RosterReason.FOLLOW_UP
    visit(gk, "A202", date(2026, 12, 1))
    assert "A202" not in listed(gk, "2026-W49", date(2026, 12, 1))


def test_a_household_the_rules_list_keeps_its_reason_and_gains_the_follow_up_note(
        community: GridKeeper) -> None:
    gk = community
    promise(gk, "A101", date(2026, 9, 10), date(2026, 9, 24))  # elderly, overdue since October
    row = listed(gk, "2026-W48", date(2026, 11, 23))["A101"]
    assert row == (RosterReason.OVERDUE, date(2026, 10, 31), "跟进：09-24起")


def test_a_household_no_longer_due_is_not_brought_back(community: GridKeeper) -> None:
    gk = community
    promise(gk, "A301", date(2026, 9, 10), date(2026, 9, 20))  # deceased since 1 October
    assert "A301" not in listed(gk, "2026-W48", date(2026, 11, 23))


def test_the_roster_csv_names_the_reason_follow_up(community: GridKeeper, db_location: str,
                                                    tmp_path: Path) -> None:
    gk = community
    promise(gk, "A202", date(2026, 11, 10), date(2026, 11, 25))
    out = tmp_path / "r.csv"
    assert main(["--db", db_location, "roster", "--week", "2026-W48",
                 "--date", "2026-11-23", "--csv", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    a202 = next(line for line in lines if line.startswith("A202,"))
    assert ",follow_up,2026-11-25," in a202
