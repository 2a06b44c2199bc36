"""Roster numbers: one sheet per grid and week, whose 序号 never change, opened again by number."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import Role, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import NotFound
from gridkeeper.domain.policy import RosterReason
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Grid
from tests.conftest import household
from tests.services.test_roster import community, visit, young  # noqa: F401 - fixture

WEEK = "2026-W48"


def grid_id(gk: GridKeeper, name: str = "第一网格") -> int:
    with gk.db.reading() as session:
        return int(session.scalar(select(Grid.id).where(Grid.name == name)))


def issue(gk: GridKeeper, as_of: date, grid: str = "第一网格"):  # type: ignore[no-untyped-def]
    roster = gk.roster.roster(WEEK, grid=grid, as_of=as_of)
    return gk.sheets.issue(roster, [grid_id(gk, grid)])[0]


def lines(sheet) -> list[tuple[int, str, RosterReason | None]]:  # type: ignore[no-untyped-def]
    return [(line.seq, line.household_code, line.reason) for line in sheet.lines]


def test_the_first_issue_numbers_the_households_in_walking_order(community: GridKeeper) -> None:
    sheet = issue(community, date(2026, 11, 22))
    assert sheet.number == f"2026W48-{grid_id(community):03d}" and sheet.prints == 0
    assert [(seq, code) for seq, code, _ in lines(sheet)] == [
        (1, "A101"), (2, "A102"), (3, "A201"), (4, "A202")]
    assert all(reason is not None for _, _, reason in lines(sheet))


def test_a_reissue_keeps_every_number_shows_who_left_and_adds_newcomers_after_the_last(
        community: GridKeeper) -> None:
    gk = community
    first = issue(gk, date(2026, 11, 22))
    visit(gk, "A101", date(2026, 11, 23))  # met: off the roster
    gk.register.save_household(household("A103", room="103", floor=1, residents=(young("钱七"),)))
    second = issue(gk, date(2026, 11, 24))
    assert second.number == first.number
    assert lines(second)[0] == (1, "A101", None)  # stays on the sheet, settled
    assert second.lines[0].last_visit == date(2026, 11, 23)
    assert [(seq, code) for seq, code, _ in lines(second)] == [
        (1, "A101"), (2, "A102"), (3, "A201"), (4, "A202"), (5, "A103")]


def test_a_sheet_opens_by_its_number_with_the_results_typed_back_from_it(community: GridKeeper) -> None:
    gk = community
    sheet = issue(gk, date(2026, 11, 22))
    a102 = sheet.lines[1]
    gk.visits.record_batch([VisitDraft(
        visit_date=date(2026, 11, 23), method=VisitMethod.HOME, outcome=VisitOutcome.ABSENT,
        team=("刘芳",), household_id=a102.household_id, roster_number=sheet.number)])
    opened = gk.sheets.open("  " + sheet.number.lower() + " ", as_of=date(2026, 11, 24))
    assert opened.number == sheet.number and opened.grid == "第一网格"
    assert lines(opened) == lines(sheet)
    saved = opened.saved[a102.household_id]
    assert (saved.outcome, saved.visit_date) == (VisitOutcome.ABSENT, date(2026, 11, 23))
    assert list(opened.saved) == [a102.household_id]


def test_a_number_typed_through_a_chinese_input_method_or_with_the_iso_week_opens_the_sheet(
        community: GridKeeper) -> None:
    gk = community
    sheet = issue(gk, date(2026, 11, 22))
    assert sheet.number == f"2026W48-{grid_id(gk):03d}"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in sheet.number)  # ２０２６Ｗ４８－００１
    for typed in (full_width, sheet.number.replace("-", "—"), sheet.number.replace("-", "_"),
                  "2026-" + sheet.number[4:], "2026 w48 - " + sheet.number[-3:]):
        assert gk.sheets.open(typed, as_of=date(2026, 11, 24)).number == sheet.number, typed


def test_unknown_numbers_and_other_grids_sheets_are_refused_alike(community: GridKeeper) -> None:
    gk = community
    sheet = issue(gk, date(2026, 11, 22))
    with pytest.raises(NotFound, match="2026W48-999"):
        gk.sheets.open("2026W48-999")
    other = gk.acting_as(Actor("zhou", Role.GRID_LEADER, frozenset({grid_id(gk, "第二网格")})))
    with pytest.raises(NotFound, match=sheet.number):
        other.sheets.open(sheet.number)
