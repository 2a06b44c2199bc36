"""Needs: numbering, the steps from open to closed with what each needs, and the three rates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import NeedChannel, NeedStatus, Role, Satisfaction
from gridkeeper.domain.errors import ConcurrentEdit, PermissionDenied, ValidationError
from gridkeeper.domain.needs import NeedDraft, TransitionRefused, add_working_days
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Need, Setting
from tests.conftest import household

NOW = datetime(2026, 11, 20, 15, 0)


@pytest.fixture
def hh(gk: GridKeeper) -> int:
    return gk.register.save_household(household("H001"))


def need(**extra: object) -> NeedDraft:
    values: dict[str, object] = dict(description="楼道灯坏了", category="other", household_code="H001",
                                     channel=NeedChannel.PHONE, received_at=datetime(2026, 11, 16, 9))
    values.update(extra)
    return NeedDraft(**values)  # type: ignore[arg-type]


def version(gk: GridKeeper, need_id: int) -> int:
    return gk.needs.need(need_id).version


def test_numbers_continue_after_the_highest_of_the_year(gk: GridKeeper, hh: int) -> None:
    first = gk.needs.raise_need(need(), now=NOW)
    assert gk.needs.need(first).number == "SQ2026-000001"
    with gk.db.transaction() as session:  # as the demo writes them
        row = session.get(Need, first)
        row.number = "SQ2026-000041"
    second = gk.needs.raise_need(need(), now=NOW)
    assert gk.needs.need(second).number == "SQ2026-000042"
    other_year = gk.needs.raise_need(need(received_at=datetime(2025, 12, 30, 9)), now=NOW)
    assert gk.needs.need(other_year).number == "SQ2025-000001"


def test_walk_in_needs_an_address_when_there_is_no_household(gk: GridKeeper, hh: int) -> None:
    with pytest.raises(ValidationError, match="地址"):
        gk.needs.raise_need(need(household_code=None, channel=NeedChannel.WALK_IN), now=NOW)
    need_id = gk.needs.raise_need(need(household_code=None, address="阳光小区3号楼", handler="李娜",
                                       channel=NeedChannel.WALK_IN), now=NOW)
    row = gk.needs.need(need_id)
    assert (row.address, row.household_code, row.handler, row.status) == (
        "阳光小区3号楼", None, "李娜", "open")


@pytest.mark.parametrize("draft, field", [
    (need(description="  "), "诉求内容"),
    (need(category="no_such"), "诉求类别"),
    (need(household_code="NOPE"), "户编号"),
    (need(received_at=datetime(2026, 11, 21, 9)), "受理时间"),
    (need(deadline=date(2026, 11, 1)), "办理时限"),
])
def test_bad_needs_are_refused_naming_the_field(gk: GridKeeper, hh: int, draft: NeedDraft,
                                                field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        gk.needs.raise_need(draft, now=NOW)


def test_need_goes_from_open_to_closed_with_times_and_texts(gk: GridKeeper, hh: int) -> None:
    need_id = gk.needs.raise_need(need(), now=NOW)
    gk.needs.start(need_id, version(gk, need_id), now=datetime(2026, 11, 16, 10))
    with pytest.raises(ValidationError, match="办理结果"):
        gk.needs.resolve(need_id, version(gk, need_id), "  ")
    gk.needs.resolve(need_id, version(gk, need_id), "已更换灯泡", now=datetime(2026, 11, 17, 11))
    with pytest.raises(ValidationError, match="满意度"):
        gk.needs.call_back(need_id, version(gk, need_id), "")
    gk.needs.call_back(need_id, version(gk, need_id), Satisfaction.SATISFIED, now=datetime(2026, 11, 18, 9))
    row = gk.needs.need(need_id)
    assert row.status == "closed"
    assert (row.responded_at, row.resolved_at, row.closed_at) == (
        datetime(2026, 11, 16, 10), datetime(2026, 11, 17, 11), datetime(2026, 11, 18, 9))
    assert (row.resolution, row.satisfaction) == ("已更换灯泡", "satisfied")
    steps = [line.action for line in gk.auditlog.browse() if line.table == "need"]
    assert sorted(steps) == ["called_back", "insert", "resolved", "started"]


def test_steps_out_of_order_are_refused_naming_both_states(gk: GridKeeper, hh: int) -> None:
    need_id = gk.needs.raise_need(need(), now=NOW)
    with pytest.raises(TransitionRefused) as caught:
        gk.needs.resolve(need_id, version(gk, need_id), "已处理")
    assert "待办" in str(caught.value) and "已解决" in str(caught.value)
    assert "open" in caught.value.message("en") and "resolved" in caught.value.message("en")
    gk.needs.reject(need_id, version(gk, need_id), "不属于社区职责")
    with pytest.raises(TransitionRefused):
        gk.needs.start(need_id, version(gk, need_id))
    assert gk.needs.need(need_id).rejected_reason == "不属于社区职责"


def test_reject_needs_a_reason(gk: GridKeeper, hh: int) -> None:
    need_id = gk.needs.raise_need(need(), now=NOW)
    with pytest.raises(ValidationError, match="不予受理理由"):
        gk.needs.reject(need_id, version(gk, need_id), "")
    assert gk.needs.need(need_id).status == "open"


def test_step_from_a_stale_copy_is_refused(gk: GridKeeper, hh: int) -> None:
    need_id = gk.needs.raise_need(need(), now=NOW)
    stale = version(gk, need_id)
    gk.needs.start(need_id, stale)
    with pytest.raises(ConcurrentEdit):
        gk.needs.reject(need_id, stale, "重复")
    assert gk.needs.need(need_id).status == "in_progress"


def test_supervisor_cannot_handle_needs(gk: GridKeeper, hh: int) -> None:
    with pytest.raises(PermissionDenied):
        gk.acting_as(Actor("dudao", Role.SUPERVISOR)).needs.raise_need(need(), now=NOW)


def test_list_filters_by_status_and_overdue(gk: GridKeeper, hh: int) -> None:
    late = gk.needs.raise_need(need(deadline=date(2026, 11, 18)), now=NOW)
    gk.needs.raise_need(need(deadline=date(2026, 11, 30)), now=NOW)
    done = gk.needs.raise_need(need(deadline=date(2026, 11, 17)), now=NOW)
    gk.needs.reject(done, version(gk, done), "重复")
    assert [r.id for r in gk.needs.list_needs(overdue_on=date(2026, 11, 20))] == [late]
    assert len(gk.needs.list_needs(status=NeedStatus.OPEN)) == 2
    assert len(gk.needs.list_needs(category="other", channel="phone")) == 3


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 16), 2) == date(2026, 11, 18)


def test_three_rates_on_a_small_example(gk: GridKeeper, hh: int) -> None:
    """Six needs received Mon 16 - Fri 20 Nov 2026, response limit 1 working day.

    A: Mon 16, responded Tue 17 (in time), resolved 18 before deadline 19, closed 满意
    B: Fri 20, responded Mon 23 (in time: next working day), resolved 25 after deadline 24,
       closed 不满意
    C: Mon 16, responded Wed 18 (late), resolved 19 with no deadline, closed 基本满意
    D: Tue 17, rejected without response
    E: Wed 18, responded Wed 18 (in time), still in progress
    F: Thu 19, never touched
    Response rate     = A, B, E in time / 6 received            = 3/6 = 0.5
    Resolution rate   = A, C resolved in time / (6 - 1 rejected) = 2/5 = 0.4
    Satisfaction rate = A 满意 + C 基本满意 / 3 rated closed      = 2/3
    A need received outside the period (Sun 15) counts nowhere.
    """
    def at(day: int, hour: int = 10) -> datetime:
        return datetime(2026, 11, day, hour)

    def make(day: int, deadline: date | None = None) -> int:
        return gk.needs.raise_need(need(received_at=at(day, 9), deadline=deadline), now=at(28))

    svc = gk.needs
    a, b, c = make(16, date(2026, 11, 19)), make(20, date(2026, 11, 24)), make(16)
    d, e, _f = make(17), make(18), make(19)
    make(15)  # outside the period
    for need_id, responded, resolved, closed, rating in (
        (a, 17, 18, 19, Satisfaction.SATISFIED), (b, 23, 25, 26, Satisfaction.UNSATISFIED),
        (c, 18, 19, 20, Satisfaction.BASICALLY),
    ):
        svc.start(need_id, version(gk, need_id), now=at(responded))
        svc.resolve(need_id, version(gk, need_id), "已处理", now=at(resolved))
        svc.call_back(need_id, version(gk, need_id), rating, now=at(closed))
    svc.reject(d, version(gk, d), "重复", now=at(17))
    svc.start(e, version(gk, e), now=at(18, 16))
    rates = svc.rates(date(2026, 11, 16), date(2026, 11, 20))
    assert (rates.received, rates.responded_on_time) == (6, 3)
    # B was reopened by its 不满意: no longer resolved
    assert (rates.counted_for_resolution, rates.resolved, rates.resolved_on_time) == (5, 2, 2)
    assert (rates.called_back, rates.satisfied) == (3, 2)
    assert rates.response_rate == pytest.approx(0.5)
    assert rates.resolution_rate == pytest.approx(0.4)
    assert rates.satisfaction_rate == pytest.approx(2 / 3)
    # with a 2-working-day limit C (received Mon, responded Wed) is in time too: 4/6
    with gk.db.transaction() as session:
        session.add(Setting(key="need_response_working_days", value="2"))
    assert svc.rates(date(2026, 11, 16), date(2026, 11, 20)).response_rate == pytest.approx(4 / 6)


def test_rates_with_nothing_received_are_none(gk: GridKeeper) -> None:
    rates = gk.needs.rates(date(2026, 1, 1), date(2026, 1, 31))
    assert rates.received == 0
    assert (rates.response_rate, rates.resolution_rate, rates.satisfaction_rate) == (None, None, None)


def test_needs_are_audited_when_raised(gk: GridKeeper, hh: int) -> None:
    need_id = gk.needs.raise_need(need(), now=NOW)
    with gk.db.reading() as session:
        assert session.scalars(select(Need.status).where(Need.id == need_id)).one() == "open"
    assert any(line.table == "need" and line.row_id == need_id and line.action == "insert"
               for line in gk.auditlog.browse())


def test_open_needs_by_age_count_what_still_waits_and_what_is_past_its_deadline(
        gk: GridKeeper, hh: int) -> None:
    today = date(2026, 11, 20)
    # without a deadline of its own a need gets its category's (15 working days for 其他)
    ages = {(3, None): None, (20, date(2026, 11, 10)): None, (20, None): None,
            (100, date(2026, 12, 31)): None}
    for days, deadline in ages:
        received = datetime(2026, 11, 20, 9) - timedelta(days=days)
        ages[days, deadline] = gk.needs.raise_need(need(received_at=received, deadline=deadline), now=NOW)
    done = ages[20, None]
    gk.needs.reject(done, version(gk, done), "不属于本社区", now=NOW)  # no longer waiting
    buckets = gk.needs.open_by_age(today)
    assert [(len(b.numbers), b.past_deadline) for b in buckets] == [(1, 0), (1, 1), (0, 0), (1, 0)]
    assert buckets[1].numbers == (gk.needs.need(ages[20, date(2026, 11, 10)]).number,)


def test_open_needs_near_their_deadline_are_counted_apart(gk: GridKeeper, hh: int) -> None:
    today = date(2026, 11, 20)
    for deadline in (date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 22), date(2026, 11, 23)):
        gk.needs.raise_need(need(received_at=datetime(2026, 11, 18, 9), deadline=deadline), now=NOW)
    first = gk.needs.open_by_age(today)[0]
    assert (len(first.numbers), first.past_deadline, first.near_deadline) == (4, 1, 2)
