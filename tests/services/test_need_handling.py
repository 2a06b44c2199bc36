"""A need's whole life the 接诉即办 way: dispatch and return, helpers, escalation, notes,
callback and reopening; deadlines; the board's order; roles; linking; rates per group."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gridkeeper.domain.enums import NeedChannel, NeedStatus, Role, Satisfaction
from gridkeeper.domain.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from gridkeeper.domain.needs import NeedDraft, StepRefused, TransitionRefused
from gridkeeper.domain.periods import parse_period
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import channel_deadline_key
from tests.conftest import household

NOW = datetime(2026, 12, 1, 18)


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour)


@pytest.fixture
def office(gk: GridKeeper) -> GridKeeper:
    save = gk.register.save_household
    save(household("H1", room="101", phone="13800000001"))
    save(household("H2", room="102", residents=(ResidentDraft(name="李秀英", phone="13900000002"),)))
    save(household("H3", grid="第二网格", building="2", room="201"))
    return gk


def grids(gk: GridKeeper) -> dict[str, int]:
    return {node.name: node.id for node in gk.browse.tree()}


def v(gk: GridKeeper, need_id: int) -> int:
    return gk.needs.need(need_id).version


def hotline(code: str | None = "H1", **extra: object) -> NeedDraft:
    values: dict[str, object] = dict(
        description="楼下车位被外来车辆长期占用", category="parking", household_code=code,
        channel=NeedChannel.HOTLINE, ticket_no="GD2611020001", received_at=at(2, 9),
        contact_name="张伟", contact_phone="13800000001")
    values.update(extra)
    return NeedDraft(**values)  # type: ignore[arg-type]


def test_the_whole_life_of_a_need(office: GridKeeper) -> None:
    """Received from the hotline, responded, assigned with a helper, sent on to a department
    and returned, escalated, noted, resolved, called back 不满意 and reopened, resolved
    again and called back 满意: every step in the history and in the audit log."""
    svc = office.needs
    n = svc.raise_need(hotline(), now=NOW)
    assert svc.need(n).deadline == date(2026, 11, 11)  # 7 working days: the hotline's limit
    svc.start(n, v(office, n), now=at(2, 11))
    svc.assign(n, v(office, n), "李娜", now=at(2, 12))
    svc.add_helper(n, v(office, n), "王强", now=at(2, 12))
    svc.send_on(n, v(office, n), "街道城管执法队", "占道停车需执法", now=at(3))
    row = svc.need(n)
    assert (row.status, row.sent_to) == ("sent_on", "街道城管执法队")
    with pytest.raises(ValidationError, match="退回理由"):
        svc.returned(n, v(office, n), " ")
    svc.returned(n, v(office, n), "小区内部道路不属执法范围", now=at(4))
    row = svc.need(n)
    assert (row.status, row.sent_to) == ("in_progress", None)
    svc.escalate(n, v(office, n), "物业拒不清理，请街道召集物业、城管", now=at(5))
    svc.add_note(n, v(office, n), "已约物业周一现场协调", now=at(6))
    svc.resolve(n, v(office, n), "物业已清理占用车辆并张贴告示", now=at(9))
    row = svc.need(n)
    assert (row.status, row.callback_due) == ("resolved", date(2026, 11, 11))  # 2 working days
    svc.call_back(n, v(office, n), Satisfaction.UNSATISFIED, "车又停回来了", now=at(10))
    row = svc.need(n)
    assert (row.status, row.reopened, row.resolved_at, row.satisfaction) == (
        "in_progress", 1, None, "unsatisfied")
    svc.resolve(n, v(office, n), "加装隔离桩，物业每日巡查", now=at(13))
    svc.call_back(n, v(office, n), Satisfaction.SATISFIED, now=at(16))
    row = svc.need(n)
    assert (row.status, row.satisfaction, row.resolved_at, row.closed_at) == (
        "closed", "satisfied", at(13), at(16))
    assert (row.responded_at, row.escalated_at, row.handler) == (at(2, 11), at(5), "李娜")
    assert svc.helpers(n) == ["王强"]

    history = svc.history(n)
    assert [e.kind for e in history] == [
        "received", "started", "assigned", "helper_added", "sent_on", "returned", "escalated",
        "note", "resolved", "called_back", "reopened", "resolved", "called_back"]
    by_kind = {e.kind: e for e in history}
    assert (by_kind["sent_on"].party, by_kind["sent_on"].text) == ("街道城管执法队", "占道停车需执法")
    assert (by_kind["returned"].party, by_kind["returned"].text) == (
        "街道城管执法队", "小区内部道路不属执法范围")
    assert by_kind["note"].text == "已约物业周一现场协调" and by_kind["note"].at == at(6)
    assert all(e.actor == "system" for e in history)
    assert [e.rating for e in history if e.kind == "called_back"] == ["unsatisfied", "satisfied"]
    audited = [line.action for line in office.auditlog.browse() if line.table == "need"]
    for step in ("insert", "started", "assigned", "helper_added", "sent_on", "returned",
                 "escalated", "note", "resolved", "called_back"):
        assert step in audited, step


def test_steps_out_of_turn_are_refused(office: GridKeeper) -> None:
    svc = office.needs
    n = svc.raise_need(hotline(), now=NOW)
    with pytest.raises(TransitionRefused):
        svc.returned(n, v(office, n), "不是我们的")  # never sent on
    with pytest.raises(TransitionRefused):
        svc.call_back(n, v(office, n), Satisfaction.SATISFIED)  # not resolved
    svc.send_on(n, v(office, n), "区住建委", now=at(3))
    assert svc.need(n).responded_at == at(3)  # sending on is a response too
    with pytest.raises(TransitionRefused):
        svc.reject(n, v(office, n), "重复")  # with a department: it must come back first
    with pytest.raises(TransitionRefused):
        svc.start(n, v(office, n))
    svc.resolve(n, v(office, n), "住建委已维修", now=at(6))  # the department finished it
    assert svc.history(n)[-1].party == "区住建委"
    svc.call_back(n, v(office, n), Satisfaction.BASICALLY, now=at(9))
    for step in (lambda: svc.escalate(n, v(office, n), "再吹哨"),
                 lambda: svc.add_note(n, v(office, n), "补记"),
                 lambda: svc.assign(n, v(office, n), "王强")):
        with pytest.raises(StepRefused):
            step()
    with pytest.raises(ValidationError, match="派往单位"):
        svc.send_on(svc.raise_need(hotline(ticket_no=None), now=NOW), 1, "  ")


def test_a_stale_copy_cannot_step(office: GridKeeper) -> None:
    n = office.needs.raise_need(hotline(), now=NOW)
    stale = v(office, n)
    office.needs.add_note(n, stale, "已电话联系居民", now=at(3))
    with pytest.raises(ConcurrentEdit):
        office.needs.escalate(n, stale, "请街道协调")


def test_deadlines_default_by_category_and_channel(office: GridKeeper) -> None:
    svc = office.needs
    walk_in = NeedDraft(description="楼道灯坏了", category="safety", household_code="H1",
                        channel=NeedChannel.WALK_IN, received_at=at(6, 9))  # a Friday
    assert svc.need(svc.raise_need(walk_in, now=NOW)).deadline == date(2026, 11, 10)  # 2 working days
    assert svc.default_deadline("other", NeedChannel.HOTLINE, date(2026, 11, 2)) == date(2026, 11, 11)
    assert svc.default_deadline("other", NeedChannel.WALK_IN, date(2026, 11, 2)) == date(2026, 11, 23)
    office.settings.save(values={channel_deadline_key("walk_in"): "3"})
    assert svc.default_deadline("other", NeedChannel.WALK_IN, date(2026, 11, 2)) == date(2026, 11, 5)
    given = svc.raise_need(hotline(ticket_no="X1", deadline=date(2026, 11, 30)), now=NOW)
    assert svc.need(given).deadline == date(2026, 11, 30)


def test_a_ticket_number_is_unique_per_channel(office: GridKeeper) -> None:
    office.needs.raise_need(hotline(), now=NOW)
    with pytest.raises(ValidationError, match="工单号"):
        office.needs.raise_need(hotline(), now=NOW)
    referred = office.needs.raise_need(hotline(channel=NeedChannel.REFERRED), now=NOW)
    assert office.needs.need(referred).ticket_no == "GD2611020001"


def test_the_board_puts_what_is_due_next_first(office: GridKeeper) -> None:
    """Today 1 December: overdue first, then near, a resolution waiting for its callback by
    its callback day; closed and rejected ones are off the board."""
    svc = office.needs

    def make(ticket: str, received: datetime, deadline: date) -> int:
        return svc.raise_need(hotline(ticket_no=ticket, received_at=received, deadline=deadline),
                              now=NOW)

    late = make("A", at(2), date(2026, 11, 20))
    near = make("B", at(20), date(2026, 12, 2))
    far = make("C", at(30), date(2026, 12, 30))
    waiting = make("D", at(3), date(2026, 11, 30))
    done = make("E", at(1), date(2026, 11, 5))
    for n in (late, near, far, waiting, done):
        svc.start(n, v(office, n), now=at(30, 9))
    svc.resolve(waiting, v(office, waiting), "已处理", now=at(26))  # callback due 30 Nov
    svc.resolve(done, v(office, done), "已处理", now=at(4))
    svc.call_back(done, v(office, done), Satisfaction.SATISFIED, now=at(5))
    board = svc.list_needs(unfinished=True, by_deadline=True)
    assert [r.id for r in board] == [late, waiting, near, far]
    assert [r.next_deadline.kind for r in board] == ["resolution", "callback", "resolution", "resolution"]
    fresh = make("F", datetime(2026, 12, 1, 9), date(2026, 12, 20))  # not yet responded
    assert svc.need(fresh).next_deadline.kind == "response"
    assert svc.need(fresh).next_deadline.day == date(2026, 12, 2)


def test_roles_grid_leaders_their_grids_supervisors_read(office: GridKeeper) -> None:
    n1 = office.needs.raise_need(hotline("H1"), now=NOW)
    n3 = office.needs.raise_need(hotline("H3", ticket_no="T3"), now=NOW)
    leader = office.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grids(office)["第二网格"]})))
    leader.needs.start(n3, v(office, n3), now=at(3))
    with pytest.raises(NotFound):
        leader.needs.start(n1, v(office, n1))
    with pytest.raises(NotFound):
        leader.needs.history(n1)
    supervisor = office.acting_as(Actor("dudao", Role.SUPERVISOR))
    assert [e.kind for e in supervisor.needs.history(n3)] == ["received", "started"]
    with pytest.raises(PermissionDenied):
        supervisor.needs.send_on(n3, v(office, n3), "区住建委")
    with pytest.raises(PermissionDenied):
        supervisor.needs.add_note(n3, v(office, n3), "督导意见")


def test_an_unlinked_need_is_linked_by_a_person(office: GridKeeper) -> None:
    svc = office.needs
    with office.db.transaction() as session:
        from gridkeeper.services.needs import write_need

        n = write_need(session, office.actor, hotline(None, address="某小区9号楼"), now=NOW,
                       unlinked="none")
    assert [r.id for r in svc.list_needs(unlinked=True)] == [n]
    leader = office.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grids(office)["第二网格"]})))
    h1 = office.register.household_id("H1")
    with pytest.raises(PermissionDenied):
        leader.needs.link(n, v(office, n), h1)  # a household of another grid
    svc.link(n, v(office, n), h1, now=at(3))
    row = svc.need(n)
    assert (row.household_code, row.unlinked, row.grid) == ("H1", None, "第一网格")
    assert svc.list_needs(unlinked=True) == []
    assert svc.history(n)[-1].kind == "linked"


def test_intake_finds_the_household_by_address_or_phone(office: GridKeeper) -> None:
    found = office.needs.find_households(address="北京市阳光小区1号楼1单元102室")
    assert [(h.code, h.how, h.head) for h in found] == [("H2", "address", "李秀英")]
    assert [h.code for h in office.needs.find_households(phone="139-0000-0002")] == ["H2"]
    both = office.needs.find_households(address="阳光小区1-1-101", phone="13900000002")
    assert [(h.code, h.how) for h in both] == [("H1", "address"), ("H2", "phone")]
    assert office.needs.find_households(address="别的小区1号楼1单元101") == []


def test_rates_per_grid_category_and_handler_on_a_worked_example(office: GridKeeper) -> None:
    """November 2026, response limit 1 working day.

    N1 第一网格 H1 停车 李娜: in 2 Nov, responded 2 (in time), resolved 5 by its deadline 6,
       called back 满意
    N2 第一网格 H2 水电 李娜: in 3 Nov, responded 5 (late: due 4), resolved 6 after its
       deadline 4, called back 基本满意
    N3 第二网格 H3 停车 王强: in 4 Nov, responded 4, rejected
    N4 第二网格 H3 水电 王强: in 5 Nov (Thu), responded 6, resolved 10, called back 不满意:
       reopened, so no longer resolved
    N5 no household 停车, nobody: in 6 Nov, untouched
    N0 in 31 Oct: outside the period
    Total: received 5, responded in time 3 (N1 N3 N4), counted for resolution 4 (not N3),
    resolved 2 (N1 N2), by the deadline 1 (N1), called back 3, satisfied 2.
    """
    svc = office.needs

    def make(code: str | None, category: str, handler: str | None, day: int, deadline: date,
             month: int = 11) -> int:
        return svc.raise_need(NeedDraft(
            description="诉求", category=category, household_code=code, handler=handler,
            address=None if code else "阳光小区南门外", channel=NeedChannel.PHONE,
            received_at=at(day, 9, month), deadline=deadline), now=NOW)

    n1 = make("H1", "parking", "李娜", 2, date(2026, 11, 6))
    n2 = make("H2", "utilities", "李娜", 3, date(2026, 11, 4))
    n3 = make("H3", "parking", "王强", 4, date(2026, 11, 20))
    n4 = make("H3", "utilities", "王强", 5, date(2026, 11, 30))
    make(None, "parking", None, 6, date(2026, 11, 27))
    make("H1", "parking", "李娜", 31, date(2026, 11, 6), month=10)
    for n, responded, resolved, callback, rating in (
            (n1, 2, 5, 6, Satisfaction.SATISFIED), (n2, 5, 6, 9, Satisfaction.BASICALLY),
            (n4, 6, 10, 12, Satisfaction.UNSATISFIED)):
        svc.start(n, v(office, n), now=at(responded, 15))
        svc.resolve(n, v(office, n), "已处理", now=at(resolved))
        svc.call_back(n, v(office, n), rating, now=at(callback))
    svc.start(n3, v(office, n3), now=at(4, 15))
    svc.reject(n3, v(office, n3), "属物业职责，已告知", now=at(5))

    period = parse_period("2026-11")
    total = svc.rates(period.start, period.end)
    assert total.as_dict() == {
        "received": 5, "responded_on_time": 3, "resolved": 2, "resolved_on_time": 1,
        "called_back": 3, "satisfied": 2, "response_rate": 0.6, "resolution_rate": 0.25,
        "satisfaction_rate": pytest.approx(2 / 3)}

    def table(by: str) -> dict[str, tuple[object, ...]]:
        report = svc.rates_by(period, by)
        assert report.total == total
        return {g.label.zh: (g.counts.received, g.counts.responded_on_time, g.counts.resolved,
                             g.counts.resolved_on_time, g.counts.called_back, g.counts.satisfied,
                             g.counts.response_rate, g.counts.resolution_rate,
                             g.counts.satisfaction_rate) for g in report.groups}

    assert table("grid") == {
        "第一网格": (2, 1, 2, 1, 2, 2, 0.5, 0.5, 1.0),
        "第二网格": (2, 2, 0, 0, 1, 0, 1.0, 0.0, 0.0),
        "（未关联住户）": (1, 0, 0, 0, 0, 0, 0.0, 0.0, None)}
    assert list(table("grid")) == ["第一网格", "第二网格", "（未关联住户）"]
    assert table("category") == {
        "停车": (3, 2, 1, 1, 1, 1, pytest.approx(2 / 3), 0.5, 1.0),
        "水电气暖": (2, 1, 1, 0, 2, 1, 0.5, 0.0, 0.5)}
    assert table("handler") == {
        "李娜": (2, 1, 2, 1, 2, 2, 0.5, 0.5, 1.0),
        "王强": (2, 2, 0, 0, 1, 0, 1.0, 0.0, 0.0),
        "（未分派）": (1, 0, 0, 0, 0, 0, 0.0, 0.0, None)}
    assert svc.rates_by(period, "handler").groups[-1].label.en == "(not assigned)"
    assert svc.need(n4).status == NeedStatus.IN_PROGRESS.value


def test_two_steps_in_one_second_each_move_the_version_on(office: GridKeeper) -> None:
    n = office.needs.raise_need(hotline(), now=NOW)
    office.needs.add_note(n, v(office, n), "第一条", now=at(3))
    office.needs.add_note(n, v(office, n), "第二条", now=at(3))
    stale = v(office, n) - 1
    with pytest.raises(ConcurrentEdit):
        office.needs.add_note(n, stale, "第三条")
    assert [e.text for e in office.needs.history(n) if e.kind == "note"] == ["第一条", "第二条"]


def test_overlong_texts_are_refused_naming_the_field(office: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="诉求内容"):
        office.needs.raise_need(hotline(description="漏" * 6000), now=NOW)
    n = office.needs.raise_need(hotline(), now=NOW)
    with pytest.raises(ValidationError, match="办理进展"):
        office.needs.add_note(n, v(office, n), "记" * 6000)
    with pytest.raises(ValidationError, match="工作人员"):
        office.needs.assign(n, v(office, n), "名" * 60)
    assert [e.kind for e in office.needs.history(n)] == ["received"]


def test_a_callback_day_is_moved_with_its_reason_in_the_history_and_audit(office: GridKeeper) -> None:
    svc = office.needs
    n = svc.raise_need(hotline(), now=NOW)
    svc.start(n, v(office, n), now=at(2, 11))
    with pytest.raises(StepRefused):  # nothing to call back before it is resolved
        svc.move_callback(n, v(office, n), date(2026, 11, 18), "居民出差", now=at(3))
    svc.resolve(n, v(office, n), "物业已清理占用车辆", now=at(9))
    assert svc.need(n).callback_due == date(2026, 11, 11)
    for day, reason, field in ((date(2026, 11, 18), " ", "改期理由"),
                               (date(2026, 11, 9), "居民出差", "回访日期"),  # before today
                               (date(2026, 11, 11), "居民出差", "回访日期")):  # no change
        with pytest.raises(ValidationError, match=field):
            svc.move_callback(n, v(office, n), day, reason, now=at(10))
    stale = v(office, n)
    svc.move_callback(n, stale, date(2026, 11, 18), "居民出差，下周回来再回访", now=at(10))
    row = svc.need(n)
    assert (row.status, row.callback_due) == ("resolved", date(2026, 11, 18))
    assert (row.next_deadline.kind, row.next_deadline.day) == ("callback", date(2026, 11, 18))
    last = svc.history(n)[-1]
    assert (last.kind, last.party, last.text, last.at) == (
        "callback_moved", "2026-11-11 → 2026-11-18", "居民出差，下周回来再回访", at(10))
    line = next(a for a in office.auditlog.browse() if a.action == "callback_moved")
    assert (line.table, line.row_id) == ("need", n)
    assert (line.before["callback_due"], line.after["callback_due"]) == ("2026-11-11", "2026-11-18")
    with pytest.raises(ConcurrentEdit):
        svc.move_callback(n, stale, date(2026, 11, 19), "又改期", now=at(11))
    supervisor = office.acting_as(Actor("dudao", Role.SUPERVISOR))
    with pytest.raises(PermissionDenied):
        supervisor.needs.move_callback(n, v(office, n), date(2026, 11, 19), "督导改期", now=at(11))
    leader = office.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grids(office)["第二网格"]})))
    with pytest.raises(NotFound):  # another grid's need
        leader.needs.move_callback(n, v(office, n), date(2026, 11, 19), "改期", now=at(11))
    svc.call_back(n, v(office, n), Satisfaction.SATISFIED, now=at(18))
    with pytest.raises(StepRefused):
        svc.move_callback(n, v(office, n), date(2026, 11, 25), "补回访", now=at(19))


def test_grid_leaders_see_the_phone_of_their_own_grids_needs_to_call_back(office: GridKeeper) -> None:
    """Only that need's number, only while it is handled or waits for its callback, each look
    in the audit log; walk-ins without a household and closed needs stay masked."""
    svc = office.needs
    n1 = svc.raise_need(hotline("H1"), now=NOW)
    n3 = svc.raise_need(hotline("H3", ticket_no="T3", contact_phone="13700000003"), now=NOW)
    walk_in = svc.raise_need(hotline(None, ticket_no="T9", address="模式口大街路口",
                                     contact_phone="13600000009"), now=NOW)
    leader = office.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grids(office)["第二网格"]})))
    assert leader.needs.need(n3).contact_phone == "137****0003"  # masked on the board
    assert leader.needs.full_phone(n3) == "13700000003"
    assert [(a.username, a.row_id) for a in office.auditlog.browse()
            if a.action == "unmask" and a.table == "need"] == [("wang", n3)]
    with pytest.raises(NotFound):
        leader.needs.full_phone(n1)  # another grid's
    assert leader.needs.need(walk_in).contact_phone == "136****0009"
    with pytest.raises(PermissionDenied):
        leader.needs.full_phone(walk_in)  # the whole office's: staff call back
    svc.start(n3, v(office, n3), now=at(3))
    svc.resolve(n3, v(office, n3), "已修复", now=at(4))
    assert leader.needs.full_phone(n3) == "13700000003"  # waiting for its callback
    svc.call_back(n3, v(office, n3), Satisfaction.SATISFIED, now=at(5))
    with pytest.raises(PermissionDenied):
        leader.needs.full_phone(n3)  # closed: nobody to call any more
    with pytest.raises(PermissionDenied):
        office.acting_as(Actor("dudao", Role.SUPERVISOR)).needs.full_phone(n3)
    staff = office.acting_as(Actor("li", Role.STAFF))
    assert (staff.needs.full_phone(n3), staff.needs.full_phone(walk_in)) == ("13700000003", "13600000009")
    assert len([a for a in office.auditlog.browse() if a.action == "unmask" and a.table == "need"]) == 4
