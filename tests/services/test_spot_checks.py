"""Spot checks (抽查回访): a reproducible monthly sample per worker, calls recorded, and a visit
found not to have happened stops counting, with everything in the audit log."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import Role, SpotCheckResult, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import PermissionDenied, ValidationError
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.supervision import sample
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.services.settings import SAMPLE_KEY
from gridkeeper.storage.models import AuditEntry, SpotCheck, Visit
from tests.conftest import household

TODAY = date(2026, 12, 3)
SUPERVISOR = Actor("zhao", Role.SUPERVISOR)


def fill(gk: GridKeeper) -> None:
    """Twelve elderly households; 李娜 visits all in November, 王强 goes along to four, and
    one visit met nobody (it does not count, so it is never drawn)."""
    for n in range(12):
        gk.register.save_household(household(
            f"E{n:02d}", room=f"{n + 1:02d}01", floor=n + 1, phone=f"1391234{n:04d}",
            residents=(ResidentDraft(name=f"老人{n}", birth_date=date(1940, 1, 1)),)))
    drafts = [VisitDraft(household_code=f"E{n:02d}", visit_date=date(2026, 11, 1 + n),
                         method=VisitMethod.HOME, outcome=VisitOutcome.MET,
                         team=("李娜", "王强") if n < 4 else ("李娜",)) for n in range(12)]
    drafts.append(VisitDraft(household_code="E11", visit_date=date(2026, 11, 28), method=VisitMethod.HOME,
                             outcome=VisitOutcome.ABSENT, team=("李娜",)))
    gk.visits.record_batch(drafts, today=TODAY)


@pytest.fixture
def november(gk: GridKeeper) -> GridKeeper:
    fill(gk)
    return gk.acting_as(SUPERVISOR)


def test_the_sample_is_a_fixed_number_per_worker_of_counted_visits(november: GridKeeper) -> None:
    drawn = november.spot_checks.draw("2026-11", today=TODAY)
    calls = november.spot_checks.calls("2026-11")
    assert drawn == len(calls)
    assert len({c.visit_id for c in calls}) == len(calls)  # one call per visit
    checks = november.spot_checks.by_worker("2026-11")
    assert checks["王强"].drawn == 4  # he made only four: all are called
    # 李娜 made every visit: her five, and those drawn for 王强 check her too
    assert checks["李娜"].drawn == len(calls) >= 5
    assert [c.worker for c in calls].count("李娜") == 5
    assert all(c.visit_date.month == 11 and c.result is None for c in calls)
    assert all("****" in c.phone for c in calls)  # the list itself is masked
    assert all(c.address.startswith("阳光小区 1号楼 1单元") and c.head.startswith("老人") for c in calls)


def test_drawing_again_keeps_the_list_and_tops_it_up_when_the_size_grows(november: GridKeeper,
                                                                         gk: GridKeeper) -> None:
    november.spot_checks.draw("2026-11", today=TODAY)
    first = [(c.worker, c.visit_id) for c in november.spot_checks.calls("2026-11")]
    assert november.spot_checks.draw("2026-11", today=TODAY) == 0
    assert len(first) < 10
    gk.settings.save(values={SAMPLE_KEY: "10"})
    # 李娜 made every visit: ten of them are now called about
    assert november.spot_checks.draw("2026-11", today=TODAY) == 10 - len(first)
    again = [(c.worker, c.visit_id) for c in november.spot_checks.calls("2026-11")]
    assert set(first) <= set(again) and len(again) == 10


def test_the_same_register_draws_the_same_visits(tmp_path) -> None:  # noqa: ANN001
    drawn = []
    for name in ("a.db", "b.db"):
        keeper = open_gridkeeper(str(tmp_path / name))
        fill(keeper)
        supervisor = keeper.acting_as(SUPERVISOR)
        supervisor.spot_checks.draw("2026-11", today=TODAY)
        drawn.append(sorted((c.worker, c.household_code) for c in supervisor.spot_checks.calls("2026-11")))
        keeper.close()
    assert drawn[0] == drawn[1]
    assert sample("2026-11", 1, range(100), 5) != sample("2026-12", 1, range(100), 5)  # monthly anew


def test_a_visit_found_not_to_have_happened_stops_counting_and_is_audited(november: GridKeeper) -> None:
    november.spot_checks.draw("2026-11", today=TODAY)
    call = next(c for c in november.spot_checks.calls("2026-11") if c.worker == "李娜")
    before = november.completion.figures("2026-11", as_of=TODAY).total.visits_done
    november.spot_checks.record(call.id, SpotCheckResult.NOT_CONFIRMED, "老人说本月没人来过",
                                now=datetime(2026, 12, 3, 10))
    assert november.completion.figures("2026-11", as_of=TODAY).total.visits_done == before - 1
    detail = november.visits.visit_detail(call.visit_id)
    assert detail.outcome == VisitOutcome.DISPROVED and detail.spot_check == "not_confirmed"
    history = november.visits.visit_history(call.visit_id)
    assert history[-1].action == "spot_check" and history[-1].username == "zhao"
    assert history[-1].before == {"outcome": "met"} and history[-1].after == {"outcome": "disproved"}
    # a second call reaches the daughter who was there: it counts again, as it was
    november.spot_checks.record(call.id, SpotCheckResult.CONFIRMED, "女儿确认当天在场")
    assert november.completion.figures("2026-11", as_of=TODAY).total.visits_done == before
    assert november.visits.visit_detail(call.visit_id).outcome == VisitOutcome.MET
    rates = november.spot_checks.by_worker("2026-11")
    assert rates["李娜"].confirmed == 1 and rates["李娜"].drawn >= 5
    assert rates["李娜"].confirmation_rate == 1.0


def test_confirmation_rate_leaves_out_unreachable_calls(november: GridKeeper) -> None:
    november.spot_checks.draw("2026-11", today=TODAY)
    calls = [c for c in november.spot_checks.calls("2026-11") if c.worker == "李娜"]
    for call, result in zip(calls, ("confirmed", "confirmed", "confirmed", "not_confirmed", "unreachable"),
                            strict=True):
        november.spot_checks.record(call.id, result)
    checks = november.spot_checks.by_worker("2026Q4")["李娜"]
    assert (checks.called, checks.confirmed, checks.not_confirmed, checks.unreachable) == (5, 3, 1, 1)
    assert checks.drawn > checks.called  # the calls about 王强's visits are still to make
    assert checks.confirmation_rate == pytest.approx(3 / 4)


def test_a_disproved_visit_cannot_be_typed_in_or_edited_back(november: GridKeeper, gk: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="抽查"):
        gk.visits.record_visit(VisitDraft(household_code="E01", visit_date=date(2026, 11, 30),
                                          method=VisitMethod.HOME, outcome=VisitOutcome.DISPROVED,
                                          team=("李娜",)), today=TODAY)
    november.spot_checks.draw("2026-11", today=TODAY)
    call = november.spot_checks.calls("2026-11")[0]
    november.spot_checks.record(call.id, "not_confirmed")
    detail = gk.visits.visit_detail(call.visit_id)
    with pytest.raises(ValidationError, match="抽查"):
        gk.visits.edit_visit(call.visit_id, detail.version, {"outcome": "met"}, today=TODAY)


def test_only_reviewers_draw_call_and_see_numbers_each_one_audited(november: GridKeeper,
                                                                   gk: GridKeeper) -> None:
    staff = gk.acting_as(Actor("wang", Role.STAFF))
    with pytest.raises(PermissionDenied):
        staff.spot_checks.draw("2026-11", today=TODAY)
    november.spot_checks.draw("2026-11", today=TODAY)
    call = november.spot_checks.calls("2026-11")[0]
    with pytest.raises(PermissionDenied):
        staff.spot_checks.record(call.id, "confirmed")
    number = november.spot_checks.phone(call.id)
    assert number.startswith("1391234") and len(number) == 11
    with gk.db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "unmask")).one()
        assert entry.username == "zhao" and json.loads(entry.detail)["household"] == call.household_code
        drawn = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "spot_check",
                                                         AuditEntry.action == "insert")).all()
        assert len(drawn) == len(november.spot_checks.calls("2026-11"))


def test_a_month_not_begun_or_not_a_month_is_refused(november: GridKeeper) -> None:
    with pytest.raises(ValidationError):
        november.spot_checks.draw("2027-01", today=TODAY)
    with pytest.raises(ValidationError):
        november.spot_checks.draw("2026Q4", today=TODAY)
    with november.db.reading() as session:
        assert session.scalars(select(SpotCheck.id)).all() == []
        assert session.scalars(select(Visit.id).where(Visit.outcome == "disproved")).all() == []
