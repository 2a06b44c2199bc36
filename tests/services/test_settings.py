"""Settings: an administrator changes categories, grids, workers and office options; a rule
change shows in the next roster; bad values name their field; others are refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gridkeeper.domain.enums import Period, Role, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.periods import span_of
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import (
    BACKUP_FOLDER_KEY,
    MASK_KEY,
    GridDraft,
    NeedCategoryDraft,
    SettingsError,
    WorkerDraft,
)
from gridkeeper.storage.models import AuditEntry
from tests.conftest import household


def _general(gk: GridKeeper):  # noqa: ANN202
    return next(c for c in gk.settings.snapshot().categories if c.code == "general")


def test_a_monthly_general_rule_brings_back_households_visited_last_month(gk: GridKeeper) -> None:
    gk.register.save_household(household("A001"))
    _visit(gk, "A001", date(2026, 10, 28))
    # the week of Monday 30 November holds the month's last day, when a monthly visit is due
    week, today = span_of(Period.WEEK, date(2026, 11, 30)), date(2026, 11, 30)
    assert not gk.roster.roster(week, as_of=today).rows  # half-yearly: visited in this half
    gk.settings.save(categories=[replace(_general(gk), visits=1, period="month")])
    rows = gk.roster.roster(week, as_of=today).rows
    assert [(r.household_code, r.reason, r.due_date) for r in rows] == [
        ("A001", "due", date(2026, 11, 30))]


def _visit(gk: GridKeeper, code: str, day: date) -> None:
    gk.visits.record_visit(VisitDraft(visit_date=day, method=VisitMethod.HOME, outcome=VisitOutcome.MET,
                                      team=("王芳",), household_code=code), today=day)


def test_bad_colour_names_its_row_and_writes_nothing(gk: GridKeeper) -> None:
    general = _general(gk)
    with pytest.raises(SettingsError) as caught:
        gk.settings.save(categories=[replace(general, name_zh="普通"),
                                     replace(general, colour="red", id=None, code="x_new")])
    assert caught.value.where == ("categories", 1, "colour")
    assert "颜色" in str(caught.value)
    assert _general(gk).name_zh == "一般户"


def test_grids_and_workers_in_one_save_audited(gk: GridKeeper) -> None:
    count = select(func.count()).select_from(AuditEntry)
    with gk.db.reading() as s:
        audits = s.scalar(count)
    gk.settings.save(workers=[WorkerDraft(name="王芳")])
    worker = next(w for w in gk.settings.snapshot().workers if w.name == "王芳")
    gk.settings.save(grids=[GridDraft(name="第3网格", leader_id=worker.id, sort_order=3)],
                     workers=[replace(worker, active=False)],
                     values={MASK_KEY: "0", BACKUP_FOLDER_KEY: "/tmp/gk-backups"})
    snap = gk.settings.snapshot()
    assert [(g.name, g.leader_id) for g in snap.grids] == [("第3网格", worker.id)]
    assert not next(w for w in snap.workers if w.name == "王芳").active
    assert not gk.settings.mask_by_default()
    with gk.db.reading() as s:
        assert s.scalar(count) == audits + 5
    if gk.db.path is not None:  # a server database has no backup folder of ours
        assert str(gk.acting_as(gk.actor).backups.folder) == "/tmp/gk-backups"


def test_grid_names_must_differ(gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="第1网格")])
    with pytest.raises(SettingsError) as caught:
        gk.settings.save(grids=[GridDraft(name="第1网格")])
    assert caught.value.where == ("grids", 0, "name")


def test_a_renamed_grid_frees_its_old_name_in_the_same_save(gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="东区")])
    (east,) = gk.settings.snapshot().grids
    gk.settings.save(grids=[replace(east, name="东一区"), GridDraft(name="东区", sort_order=2)])
    assert [g.name for g in gk.settings.snapshot().grids] == ["东一区", "东区"]


def test_two_grids_swap_their_names_in_one_save_and_the_audit_shows_each_change(
        gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="东区", sort_order=1), GridDraft(name="西区", sort_order=2)])
    east, west = (g for g in gk.settings.snapshot().grids if g.name in ("东区", "西区"))
    gk.settings.save(grids=[replace(east, name="西区"), replace(west, name="东区")])
    names = {g.id: g.name for g in gk.settings.snapshot().grids}
    assert (names[east.id], names[west.id]) == ("西区", "东区")
    with gk.db.reading() as s:
        changes = s.execute(select(AuditEntry.row_id, AuditEntry.before, AuditEntry.after)
                            .where(AuditEntry.table_name == "grid", AuditEntry.action == "update")
                            .order_by(AuditEntry.id)).all()
    assert [(row, json.loads(b)["name"], json.loads(a)["name"]) for row, b, a in changes[-2:]] == [
        (east.id, "东区", "西区"), (west.id, "西区", "东区")]


def test_a_new_grid_listed_first_takes_the_name_a_later_row_gives_up(gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="东区")])
    (east,) = (g for g in gk.settings.snapshot().grids if g.name == "东区")
    gk.settings.save(grids=[GridDraft(name="东区", sort_order=2), replace(east, name="东一区")])
    assert {g.name for g in gk.settings.snapshot().grids} >= {"东区", "东一区"}


def test_a_taken_code_names_its_row_the_same_way_for_categories_and_need_categories(
        gk: GridKeeper) -> None:
    general = _general(gk)
    parking = next(c for c in gk.settings.snapshot().need_categories if c.code == "parking")
    for section, drafts in (
            ("categories", [replace(general, name_zh="普通"), replace(general, id=None)]),
            ("need_categories", [replace(parking, name_zh="停车管理"),
                                 NeedCategoryDraft("parking", "停车2", "parking 2")])):
        with pytest.raises(SettingsError) as caught:
            gk.settings.save(**{section: drafts})
        assert caught.value.where == (section, 1, "code")
        assert "与其他行重复" in str(caught.value) and "代码" in str(caught.value)
    snapshot = gk.settings.snapshot()
    assert _general(gk).name_zh == "一般户"  # nothing written
    assert next(c for c in snapshot.need_categories if c.code == "parking").name_zh == parking.name_zh


def test_only_an_administrator_changes_settings(gk: GridKeeper) -> None:
    staff = gk.acting_as(Actor("li", Role.STAFF))
    with pytest.raises(PermissionDenied):
        staff.settings.save(values={MASK_KEY: "0"})
    assert gk.settings.mask_by_default()


def test_saving_everything_unchanged_writes_and_audits_nothing(gk: GridKeeper) -> None:
    # the settings page sends every row and every value on each save
    gk.settings.save(workers=[WorkerDraft(name="王芳")], grids=[GridDraft(name="第1网格")])
    count = select(func.count()).select_from(AuditEntry)
    with gk.db.reading() as s:
        audits = s.scalar(count)
    snap = gk.settings.snapshot()
    gk.settings.save(categories=snap.categories, grids=snap.grids, workers=snap.workers,
                     values=dict(snap.values))
    with gk.db.reading() as s:
        assert s.scalar(count) == audits
    assert gk.settings.snapshot() == snap


def test_prints_follow_the_office_masking_default_when_the_caller_does_not_say(
        gk: GridKeeper, tmp_path: Path) -> None:
    gk.register.save_household(household("A001", residents=(ResidentDraft(
        name="张伟", id_number="11010519491231002X", phone="13800138000"),)))
    staff = gk.acting_as(Actor("wang", Role.STAFF))

    def printed_unmasked(keeper: GridKeeper, name: str) -> bool:
        keeper.printing.visit_log("2026", tmp_path / name, household="A001")
        with gk.db.reading() as s:
            detail = s.scalars(select(AuditEntry.detail).where(AuditEntry.action == "print")
                               .order_by(AuditEntry.id.desc())).first()
        return json.loads(detail)["unmasked"]

    assert not printed_unmasked(staff, "default.pdf")  # masked unless the office says otherwise
    gk.settings.save(values={MASK_KEY: "0"})
    assert printed_unmasked(staff, "office.pdf")
    # the office's choice never gives full numbers to someone without the unmask right
    supervisor = gk.acting_as(Actor("zhao", Role.SUPERVISOR))
    assert not printed_unmasked(supervisor, "supervisor.pdf")


def test_a_rule_counting_home_and_phone_visits_counts_both(gk: GridKeeper) -> None:
    gk.register.save_household(household("A001"))
    gk.register.save_household(household("A002", room="102"))
    _visit(gk, "A001", date(2026, 11, 3))
    gk.visits.record_visit(VisitDraft(visit_date=date(2026, 11, 4), method=VisitMethod.PHONE,
                                      outcome=VisitOutcome.MET, team=("王芳",), household_code="A002"),
                           today=date(2026, 11, 4))
    week, today = span_of(Period.WEEK, date(2026, 11, 30)), date(2026, 11, 30)
    # typed with the separators people use; stored in the one form the policy engine reads
    gk.settings.save(categories=[replace(_general(gk), period="month", methods="home；phone、home")])
    assert _general(gk).methods == "home,phone"
    assert not gk.roster.roster(week, as_of=today).rows  # both visited this month


def test_targets_per_category_start_from_the_rule_and_are_checked(gk: GridKeeper) -> None:
    targets = {c.code: c.target_rate for c in gk.settings.snapshot().categories}
    assert targets["living_alone"] == 100 and targets["low_income"] == 95 and targets["general"] == 90
    alone = next(c for c in gk.settings.snapshot().categories if c.code == "living_alone")
    gk.settings.save(categories=[replace(alone, target_rate=98)])
    assert {c.code: c.target_rate for c in gk.settings.snapshot().categories}["living_alone"] == 98
    with pytest.raises(SettingsError) as error:
        gk.settings.save(categories=[replace(alone, target_rate=120)])
    assert error.value.where == ("categories", 0, "target_rate") and "目标完成率" in str(error.value)


def test_spot_check_sample_size_is_an_office_setting(gk: GridKeeper) -> None:
    from gridkeeper.services.settings import SAMPLE_KEY

    assert gk.settings.spot_check_sample() == 5
    gk.settings.save(values={SAMPLE_KEY: "8"})
    assert gk.settings.spot_check_sample() == 8
    with pytest.raises(SettingsError):
        gk.settings.save(values={SAMPLE_KEY: "500"})
    with pytest.raises(PermissionDenied):
        gk.acting_as(Actor("zhao", Role.SUPERVISOR)).settings.save(values={SAMPLE_KEY: "3"})


def _second_community(gk: GridKeeper) -> int:
    from gridkeeper.services.register import default_community, ensure_community

    with gk.db.transaction() as session:
        default_community(session)
        return ensure_community(session, "金顶街社区").id


def test_new_grids_and_workers_go_into_the_community_their_draft_names(gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="第1网格")])  # the first community's
    other = _second_community(gk)
    gk.settings.save(workers=[WorkerDraft(name="金顶街的人", community_id=other)],
                     grids=[GridDraft(name="第1网格", community_id=other)])
    snap = gk.settings.snapshot()
    assert [c.name for c in snap.communities][1:] == ["金顶街社区"]
    first = snap.communities[0].id
    assert sorted((g.name, g.community_id) for g in snap.grids) == [("第1网格", first), ("第1网格", other)]
    assert [w.community_id for w in snap.workers if w.name == "金顶街的人"] == [other]
    with pytest.raises(SettingsError) as caught:  # still taken within 金顶街社区 itself
        gk.settings.save(grids=[GridDraft(name="第2网格", community_id=other),
                                GridDraft(name="第1网格", community_id=other)])
    assert caught.value.where == ("grids", 1, "name")
    # two new drafts of one name, each in its own community, in one save
    gk.settings.save(grids=[GridDraft(name="第5网格"), GridDraft(name="第5网格", community_id=other)])
    with pytest.raises(SettingsError) as caught:
        gk.settings.save(grids=[GridDraft(name="第9网格", community_id=other + 100)])
    assert caught.value.where == ("grids", 0, "community_id")


def test_a_grid_leader_must_work_for_the_grids_community(gk: GridKeeper) -> None:
    other = _second_community(gk)
    gk.settings.save(workers=[WorkerDraft(name="周金顶", community_id=other), WorkerDraft(name="阳光人")])
    ids = {w.name: w.id for w in gk.settings.snapshot().workers}
    with pytest.raises(SettingsError) as caught:
        gk.settings.save(grids=[GridDraft(name="第7网格", leader_id=ids["周金顶"])])
    assert caught.value.where == ("grids", 0, "leader_id")
    assert "周金顶" in str(caught.value) and "金顶街社区" in str(caught.value)
    gk.settings.save(grids=[GridDraft(name="第7网格", leader_id=ids["周金顶"], community_id=other),
                            GridDraft(name="第7网格", leader_id=ids["阳光人"])])
    grid = next(g for g in gk.settings.snapshot().grids if g.community_id != other and g.name == "第7网格")
    with pytest.raises(SettingsError):  # a changed leader is checked too
        gk.settings.save(grids=[replace(grid, leader_id=ids["周金顶"])])


def test_drafts_that_name_no_community_keep_to_the_first_one(gk: GridKeeper) -> None:
    gk.settings.save(grids=[GridDraft(name="第1网格")], workers=[WorkerDraft(name="王芳")])
    _second_community(gk)
    gk.settings.save(grids=[GridDraft(name="第2网格")])
    snap = gk.settings.snapshot()
    first = snap.communities[0].id
    assert {g.community_id for g in snap.grids} == {first}
    assert {w.community_id for w in snap.workers} == {first}
    with pytest.raises(SettingsError):
        gk.settings.save(grids=[GridDraft(name="第1网格")])
    # a stored grid sent without its community stays where it is
    grid = next(g for g in snap.grids if g.name == "第2网格")
    gk.settings.save(grids=[replace(grid, community_id=None, sort_order=9)])
    assert [(g.community_id, g.sort_order) for g in gk.settings.snapshot().grids if g.id == grid.id] == [
        (first, 9)]
