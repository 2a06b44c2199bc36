"""Recording visits: refusals, batches, edits read back from the audit log, reviews, status changes."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import NeedChannel, Role, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import ConcurrentEdit, PermissionDenied, ValidationError
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.visits import BatchRowError, Participant, VisitDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Grid, Household, Need, Visit, Worker
from tests.conftest import household

TODAY = date(2026, 11, 20)


def visit(code: str = "H001", day: date = date(2026, 11, 18), **extra: object) -> VisitDraft:
    values: dict[str, object] = dict(household_code=code, visit_date=day, method=VisitMethod.HOME,
                                     outcome=VisitOutcome.MET, team=("李娜",))
    values.update(extra)
    return VisitDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def hh(gk: GridKeeper) -> int:
    return gk.register.save_household(household("H001"))


def grid_id(gk: GridKeeper, name: str) -> int:
    with gk.db.reading() as session:
        return session.scalars(select(Grid.id).where(Grid.name == name)).one()


def count(gk: GridKeeper, model: type) -> int:
    with gk.db.reading() as session:
        return len(session.scalars(select(model.id)).all())


def test_visit_is_recorded_with_team_participants_and_checklist(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(
        visit_time=time(10, 30), team=("李娜", "王强"), participants=(Participant("赵楼长", "楼门长"),),
        check_health="血压偏高", hazards="燃气软管老化", roster_number="R-2026-W47-1"), today=TODAY)
    detail = gk.visits.visit_detail(visit_id)
    assert detail.household_code == "H001"
    assert detail.team == (("李娜", None, True), ("王强", None, True), ("赵楼长", "楼门长", False))
    assert detail.check_health == "血压偏高" and detail.hazards == "燃气软管老化"
    assert detail.recorded_by == "system"
    with gk.db.reading() as session:  # unknown team names became workers
        assert set(session.scalars(select(Worker.name))) >= {"李娜", "王强"}


@pytest.mark.parametrize("draft, field", [
    (visit(day=date(2026, 11, 21)), "走访日期"),
    (visit(day=date(2019, 12, 31)), "走访日期"),
    (visit(team=()), "走访人员"),
    (visit(team=("  ",)), "走访人员"),
    (visit(code="NOPE"), "户编号"),
    (visit(deceased_on=date(2026, 11, 1)), "死亡日期"),
    (visit(suspended_until=date(2027, 1, 1)), "暂停至"),
])
def test_bad_visits_are_refused_naming_field_and_value(gk: GridKeeper, hh: int, draft: VisitDraft,
                                                       field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        gk.visits.record_visit(draft, today=TODAY)
    assert field in str(caught.value)
    assert count(gk, Visit) == 0


def test_future_date_message_names_the_date_in_both_languages(gk: GridKeeper, hh: int) -> None:
    with pytest.raises(ValidationError) as caught:
        gk.visits.record_visit(visit(day=date(2026, 11, 21)), today=TODAY)
    assert "2026-11-21" in caught.value.message("zh") and "不能晚于今天" in caught.value.message("zh")
    assert "visit date" in caught.value.message("en") and "future" in caught.value.message("en")


def test_deceased_visit_marks_the_household_deceased_in_the_same_save(gk: GridKeeper, hh: int) -> None:
    gk.visits.record_visit(visit(outcome=VisitOutcome.DECEASED, deceased_on=date(2026, 11, 15)), today=TODAY)
    with gk.db.reading() as session:
        row = session.get(Household, hh)
        assert (row.status, row.status_since) == ("deceased", date(2026, 11, 15))
    # later visits to a deceased household are refused; earlier ones are not
    with pytest.raises(ValidationError, match="已故"):
        gk.visits.record_visit(visit(day=date(2026, 11, 19)), today=TODAY)
    gk.visits.record_visit(visit(day=date(2026, 11, 10)), today=TODAY)
    assert any(line.action == "status" for line in gk.auditlog.browse())


def test_refused_status_change_leaves_household_and_visits_untouched(gk: GridKeeper, hh: int) -> None:
    draft = visit(outcome=VisitOutcome.DECEASED, deceased_on=date(2026, 11, 15),
                  needs=(NeedDraft(description="", category="other"),))  # empty need: refused
    with pytest.raises(ValidationError, match="诉求内容"):
        gk.visits.record_visit(draft, today=TODAY)
    with gk.db.reading() as session:
        assert session.get(Household, hh).status == "active"
    assert count(gk, Visit) == 0


def test_away_visit_suspends_the_household_until_the_date(gk: GridKeeper, hh: int) -> None:
    gk.visits.record_visit(visit(outcome=VisitOutcome.AWAY, suspended_until=date(2027, 2, 1)), today=TODAY)
    with gk.db.reading() as session:
        row = session.get(Household, hh)
        assert (row.status, row.status_until) == ("suspended", date(2027, 2, 1))


def test_needs_raised_on_a_visit_are_linked_to_it(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(needs=(
        NeedDraft(description="楼道灯坏了", category="other", channel=NeedChannel.VISIT),)), today=TODAY)
    assert len(gk.visits.visit_detail(visit_id).needs) == 1
    with gk.db.reading() as session:
        need = session.scalars(select(Need)).one()
        assert (need.visit_id, need.household_id) == (visit_id, hh)
        assert need.number.startswith("SQ")


def test_batch_is_all_or_nothing_and_names_the_row(gk: GridKeeper, hh: int) -> None:
    drafts = [visit(), visit(day=date(2026, 11, 17)), visit(team=()), visit()]
    with pytest.raises(BatchRowError) as caught:
        gk.visits.record_batch(drafts, today=TODAY)
    assert caught.value.row == 3
    assert str(caught.value).startswith("第3行：") and "走访人员" in str(caught.value)
    assert caught.value.message("en").startswith("Row 3: ")
    assert count(gk, Visit) == 0
    assert len(gk.visits.record_batch(drafts[:2], today=TODAY)) == 2
    assert count(gk, Visit) == 2


def test_edit_is_kept_as_history_in_the_audit_log(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(notes="在家"), today=TODAY)
    detail = gk.visits.visit_detail(visit_id)
    gk.acting_as(Actor("zhangsan", Role.STAFF)).visits.edit_visit(
        visit_id, detail.version, {"notes": "在家，身体好", "method": "door"}, today=TODAY)
    history = gk.visits.visit_history(visit_id)
    assert [line.action for line in history] == ["insert", "update"]
    edit = history[-1]
    assert edit.username == "zhangsan"
    assert edit.before == {"notes": "在家", "method": "home"}
    assert edit.after == {"notes": "在家，身体好", "method": "door"}
    assert gk.visits.visit_detail(visit_id).notes == "在家，身体好"


def test_edit_from_a_stale_copy_is_refused(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(), today=TODAY)
    version = gk.visits.visit_detail(visit_id).version
    gk.visits.edit_visit(visit_id, version, {"notes": "第一次"}, today=TODAY)
    with pytest.raises(ConcurrentEdit):
        gk.visits.edit_visit(visit_id, version, {"notes": "第二次"}, today=TODAY)
    assert gk.visits.visit_detail(visit_id).notes == "第一次"


def test_edit_cannot_move_a_visit_into_the_future(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(), today=TODAY)
    version = gk.visits.visit_detail(visit_id).version
    with pytest.raises(ValidationError, match="走访日期"):
        gk.visits.edit_visit(visit_id, version, {"visit_date": date(2026, 12, 1)}, today=TODAY)


def test_supervisor_reviews_and_grid_leader_cannot(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(), today=TODAY)
    leader = gk.acting_as(Actor("wanggz", Role.GRID_LEADER, frozenset({grid_id(gk, "第一网格")})))
    with pytest.raises(PermissionDenied):
        leader.visits.review(visit_id, "很好")
    gk.acting_as(Actor("dudao", Role.SUPERVISOR)).visits.review(visit_id, "记录详细")
    detail = gk.visits.visit_detail(visit_id)
    assert (detail.review_comment, detail.reviewed_by) == ("记录详细", "dudao")
    assert gk.visits.visit_history(visit_id)[-1].action == "review"


def test_grid_leader_records_and_lists_only_own_grid(gk: GridKeeper, hh: int) -> None:
    gk.register.save_household(household("H002", grid="第二网格", building="2"))
    gk.visits.record_batch([visit("H001"), visit("H002")], today=TODAY)
    leader = gk.acting_as(Actor("wanggz", Role.GRID_LEADER, frozenset({grid_id(gk, "第一网格")})))
    rows = leader.visits.list_visits(date(2026, 11, 1), TODAY)
    assert [r.household_code for r in rows] == ["H001"]
    with pytest.raises(PermissionDenied):
        leader.visits.record_visit(visit("H002"), today=TODAY)


def test_supervisor_cannot_record_visits(gk: GridKeeper, hh: int) -> None:
    with pytest.raises(PermissionDenied):
        gk.acting_as(Actor("dudao", Role.SUPERVISOR)).visits.record_visit(visit(), today=TODAY)


def test_list_filters_by_worker_outcome_and_method(gk: GridKeeper, hh: int) -> None:
    gk.visits.record_batch([
        visit(team=("李娜",)), visit(team=("王强",), outcome=VisitOutcome.ABSENT),
        visit(team=("王强",), method=VisitMethod.PHONE),
    ], today=TODAY)
    listed = gk.visits.list_visits
    assert len(listed(date(2026, 11, 1), TODAY)) == 3
    assert len(listed(date(2026, 11, 1), TODAY, worker="王强")) == 2
    assert len(listed(date(2026, 11, 1), TODAY, outcome=VisitOutcome.ABSENT)) == 1
    assert [r.team for r in listed(date(2026, 11, 1), TODAY, method="phone")] == [("王强",)]
    assert listed(date(2026, 11, 19), TODAY) == []


def test_need_raised_on_a_past_visit_is_received_on_the_visit_day(gk: GridKeeper, hh: int) -> None:
    gk.visits.record_visit(visit(day=date(2026, 11, 3), needs=(NeedDraft(description="漏水"),)), today=TODAY)
    with gk.db.reading() as session:
        assert session.scalars(select(Need.received_at)).one().date() == date(2026, 11, 3)


def test_imported_sheet_is_checked_by_the_visit_rules(gk: GridKeeper, hh: int, tmp_path: Path) -> None:
    from gridkeeper.services.importer import ImportService
    from tests.io.sheets import write_sheet

    path = write_sheet(tmp_path / "v.xlsx", [
        ["H001", "2026-11-3", "入户", "见面", "王芳", "身体好", "漏水"],
        ["H001", "2026-11-4", "入户", "见面", None, None, None],
        ["H001", "2019-5-1", "入户", "见面", "王芳", None, None],
    ], header=["户编号", "走访日期", "走访方式", "走访结果", "走访人", "情况记录", "诉求"])
    result = ImportService(gk.db, gk.actor).import_visits(path, only_good=True, today=TODAY)
    assert result.refused == ["3", "4"]
    messages = " ".join(p.message() for p in result.problems)
    assert "至少填写一名工作人员" in messages and "早于该户登记日期" in messages
    with gk.db.reading() as session:
        assert session.scalars(select(Need.number)).one() == "SQ2026-000001"
    assert len(gk.visits.list_visits(date(2026, 11, 1), TODAY)) == 1


def test_batch_refuses_a_visit_after_a_death_recorded_earlier_in_it(gk: GridKeeper, hh: int) -> None:
    drafts = [visit(day=date(2026, 11, 10), outcome=VisitOutcome.DECEASED, deceased_on=date(2026, 11, 9)),
              visit(day=date(2026, 11, 12))]
    with pytest.raises(BatchRowError) as caught:
        gk.visits.record_batch(drafts, today=TODAY)
    assert caught.value.row == 2 and "已故" in str(caught.value)
    with gk.db.reading() as session:
        assert session.get(Household, hh).status == "active"
    assert count(gk, Visit) == 0


def test_the_log_form_fields_are_recorded_and_corrected_with_history(gk: GridKeeper, hh: int) -> None:
    visit_id = gk.visits.record_visit(visit(
        met_with="户主张伟及其女儿", difficulties="腿脚不便，下楼困难", actions_taken="联系社区助餐",
        action_result="已安排每日送餐", follow_up_plan="两周后回访送餐情况",
        follow_up_on=date(2026, 12, 2), check_safety="水电气正常"), today=TODAY)
    d = gk.visits.visit_detail(visit_id)
    assert (d.met_with, d.difficulties, d.actions_taken, d.action_result, d.follow_up_plan,
            d.follow_up_on, d.check_safety) == ("户主张伟及其女儿", "腿脚不便，下楼困难", "联系社区助餐",
                                               "已安排每日送餐", "两周后回访送餐情况", date(2026, 12, 2),
                                               "水电气正常")
    assert d.address == "阳光小区 1号楼 1单元 101" and d.head == "张伟" and d.recorded_by == "system"
    # staff correct a result saved wrongly: nobody was home after all
    gk.acting_as(Actor("wang", Role.STAFF)).visits.edit_visit(
        visit_id, d.version, {"outcome": "absent", "met_with": "  "}, today=TODAY)
    after = gk.visits.visit_detail(visit_id)
    assert after.outcome == "absent" and after.met_with is None
    line = gk.visits.visit_history(visit_id)[-1]
    assert (line.username, line.before, line.after) == (
        "wang", {"outcome": "met", "met_with": "户主张伟及其女儿"}, {"outcome": "absent", "met_with": None})


def test_who_was_met_is_limited_to_its_column(gk: GridKeeper, hh: int) -> None:
    with pytest.raises(ValidationError, match="走访对象"):
        gk.visits.record_visit(visit(met_with="张" * 101), today=TODAY)
    assert count(gk, Visit) == 0
