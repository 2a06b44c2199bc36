"""A grid leader reaching for another grid's records (a household, its visit rule, a visit, a
need) is refused, and every refusal is in the audit log under the leader's own name, on
SQLite and on the server alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from tests.security.conftest import Office, logged_in

OTHER = "第2网格"


@pytest.fixture
def leader(office: Office) -> Iterator[GridKeeper]:
    """The grid leader of 第1网格, logged in through the door the desktop app uses."""
    with logged_in(office, "leader") as keeper:
        yield keeper


def _other_grids(office: Office) -> dict[str, Any]:
    """A household of another grid, with one of its visits and one need of that grid."""
    household_id, code = office.query(
        "SELECT h.id, h.code FROM household h JOIN building b ON b.id = h.building_id"
        " JOIN grid g ON g.id = b.grid_id WHERE g.name = :grid ORDER BY h.id LIMIT 1", grid=OTHER)[0]
    visit_id = office.query(
        "SELECT v.id FROM visit v JOIN household h ON h.id = v.household_id"
        " JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id"
        " WHERE g.name = :grid ORDER BY v.id LIMIT 1", grid=OTHER)[0][0]
    need_id, version = office.query(
        "SELECT n.id, n.version FROM need n JOIN household h ON h.id = n.household_id"
        " JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id"
        " WHERE g.name = :grid ORDER BY n.id LIMIT 1", grid=OTHER)[0]
    return {"household": household_id, "code": code, "visit": visit_id, "need": need_id,
            "version": version}


ATTEMPTS: dict[str, Callable[[GridKeeper, dict[str, Any]], object]] = {
    "register": lambda gk, o: gk.register.view(o["household"]),
    "its visits in the detail pane": lambda gk, o: gk.browse.visits(o["household"]),
    "its open needs in the detail pane": lambda gk, o: gk.browse.open_needs(o["household"]),
    "visit rule": lambda gk, o: gk.roster.explain(o["household"]),
    "record a visit": lambda gk, o: gk.visits.record_visit(VisitDraft(
        visit_date=date(2026, 11, 19), method=VisitMethod.HOME, outcome=VisitOutcome.MET,
        team=("网格员",), household_code=o["code"])),
    "a visit": lambda gk, o: gk.visits.visit_detail(o["visit"]),
    "raise a need": lambda gk, o: gk.needs.raise_need(NeedDraft("楼道灯不亮", household_code=o["code"])),
    "a need": lambda gk, o: gk.needs.need(o["need"]),
    "a note on a need": lambda gk, o: gk.needs.add_note(o["need"], o["version"], "已联系物业"),
}


@pytest.mark.parametrize("what", sorted(ATTEMPTS))
def test_another_grids_record_is_refused_and_the_refusal_audited(
        office: Office, leader: GridKeeper, what: str) -> None:
    others = _other_grids(office)
    mark = len(office.audit())
    with pytest.raises(GridKeeperError):
        ATTEMPTS[what](leader, others)
    refusals = [(who, detail) for who, action, detail in office.audit_since(mark) if action == "refused"]
    assert refusals and all(who == "leader" for who, _ in refusals), office.audit_since(mark)
    assert any("another grid" in (detail or "") for _, detail in refusals), refusals
    assert all(action == "refused" for _, action, _ in office.audit_since(mark))  # nothing else written
