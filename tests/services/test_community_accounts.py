"""Accounts of one community: a street office's register holds several communities; the
office staff and supervisors of one see and change only theirs, the street's accounts see all."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import GridKeeperError, NotFound, PermissionDenied, ValidationError
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import SYSTEM, Permission
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, Building, Community, Grid, Household, Need, Worker

PASSWORD = "correct horse 7"
TODAY = date(2026, 11, 20)
SUN, JIN = "阳光社区", "金顶街社区"


@pytest.fixture
def street(gk: GridKeeper) -> GridKeeper:
    """Two demo communities, both with a 第1网格 and the same household codes, and accounts:
    street staff, staff and a supervisor of 阳光社区."""
    gk.demo.generate(DemoOptions(households=80, seed=2, today=TODAY))
    gk.demo.generate(DemoOptions(households=80, seed=3, today=TODAY))
    accounts = AccountService(gk.db, SYSTEM)
    admin = accounts.create_first_admin("admin", PASSWORD)
    as_admin = AccountService(gk.db, admin)
    as_admin.add_user("street", PASSWORD, Role.STAFF)
    as_admin.add_user("sun", PASSWORD, Role.STAFF, community=SUN)
    as_admin.add_user("sunboss", PASSWORD, Role.SUPERVISOR, community=SUN)
    return gk


def login(gk: GridKeeper, name: str) -> GridKeeper:
    return GridKeeper(gk.db, AccountService(gk.db, SYSTEM).login(name, PASSWORD))


def _ids(gk: GridKeeper, community: str) -> set[int]:
    with gk.db.reading() as s:
        return set(s.scalars(select(Household.id).join(Community, Community.id == Household.community_id)
                             .where(Community.name == community)))


def _first(gk: GridKeeper, community: str) -> tuple[int, str]:
    with gk.db.reading() as s:
        row = s.execute(select(Household.id, Household.code).join(
            Community, Community.id == Household.community_id).where(Community.name == community)
            .order_by(Household.id)).first()
        assert row is not None
        return row[0], row[1]


def _refusals(gk: GridKeeper, since: int) -> list[tuple[str, str | None]]:
    with gk.db.reading() as s:
        return [(e.username, e.detail) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.id > since, AuditEntry.action == "refused"))]


def _mark(gk: GridKeeper) -> int:
    with gk.db.reading() as s:
        return int(s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0)


def test_the_demo_street_repeats_grid_names_and_codes(street: GridKeeper) -> None:
    _, code = _first(street, JIN)
    with street.db.reading() as s:
        assert s.scalar(select(Household.id).where(Household.code == code).join(
            Community, Community.id == Household.community_id).where(Community.name == SUN)) is not None


def test_a_community_account_lists_only_its_communitys_households(street: GridKeeper) -> None:
    sun, everyone = login(street, "sun"), login(street, "street")
    assert set(sun.browse.search_ids(RegisterFilter())) == _ids(street, SUN)
    assert set(everyone.browse.search_ids(RegisterFilter())) == _ids(street, SUN) | _ids(street, JIN)
    assert [c.name for c in sun.browse.communities()] == [SUN]
    assert {c.name for c in everyone.browse.communities()} == {SUN, JIN}
    assert sun.info.counts()["households"] == len(_ids(street, SUN))
    assert {community for _name, community in sun.browse.worker_places()} == {SUN}


def test_another_communitys_household_is_refused_and_the_refusal_audited(street: GridKeeper) -> None:
    sun = login(street, "sun")
    other, code = _first(street, JIN)
    mark = _mark(street)
    for attempt in (lambda: sun.register.view(other), lambda: sun.register.load_draft(other),
                    lambda: sun.roster.explain(other), lambda: sun.history.of_household(other)):
        with pytest.raises(NotFound):
            attempt()
    refusals = _refusals(street, mark)
    assert len(refusals) >= 3 and all(who == "sun" for who, _ in refusals)
    assert any("another community" in (d or "") for _, d in refusals)
    # the same code names 阳光's own household for it
    assert sun.register.household_id(code) in _ids(street, SUN)
    assert login(street, "street").register.view(other).code == code


def test_a_community_account_cannot_change_another_communitys_household(street: GridKeeper) -> None:
    sun, admin = login(street, "sun"), login(street, "admin")
    other, _ = _first(street, JIN)
    draft = admin.register.load_draft(other)
    with pytest.raises(GridKeeperError):
        sun.register.save_household(replace(draft, notes="改了"))
    with pytest.raises(GridKeeperError):  # nor move it into its own community
        sun.register.save_household(replace(draft, community=SUN, notes="改了"))
    own, _ = _first(street, SUN)
    mine = sun.register.load_draft(own)
    with pytest.raises(GridKeeperError):  # nor move its own household into the other community
        sun.register.save_household(replace(mine, community=JIN))
    assert admin.register.load_draft(other).notes == draft.notes
    sun.register.save_household(replace(mine, notes="楼道堆物已清"))
    assert sun.register.view(own).notes == "楼道堆物已清"


def test_a_new_household_without_a_community_is_the_accounts_own(street: GridKeeper) -> None:
    sun = login(street, "sun")
    _, code = _first(street, SUN)
    draft = replace(sun.register.load_draft(sun.register.household_id(code)), id=None, version=None,
                    code="N0001", residents=(ResidentDraft(name="王新"),), room="909")
    new = sun.register.save_household(replace(draft, community=None, grid="第1网格"))
    assert new in _ids(street, SUN)
    # grids are the street office's to set up: a name its community lacks is refused, not made
    with pytest.raises(ValidationError, match="新网格由街道账户"):
        sun.register.save_household(replace(draft, code="N0002", community=None, grid="新网格"))
    with street.db.reading() as s:
        assert s.scalar(select(Grid.id).where(Grid.name == "新网格")) is None


def test_rosters_completion_and_needs_cover_only_the_community(street: GridKeeper) -> None:
    sun, everyone = login(street, "sun"), login(street, "street")
    with street.db.reading() as s:
        sun_grids = set(s.scalars(select(Grid.id).join(Community).where(Community.name == SUN)))
        sun_codes = {c for c, in s.execute(select(Household.code).where(Household.id.in_(_ids(street, SUN))))}
    roster = sun.roster.roster("2026-W47", as_of=TODAY)
    assert roster.rows and {r.household_id for r in roster.rows} <= _ids(street, SUN)
    assert len(everyone.roster.roster("2026-W47", as_of=TODAY).rows) > len(roster.rows)
    with pytest.raises(GridKeeperError):
        sun.roster.roster("2026-W47", grid=f"{JIN}/第1网格", as_of=TODAY)
    report = sun.completion.figures("2026-10", as_of=TODAY)
    assert report.groups and set(report.total.missed_households) <= sun_codes
    street_wide = everyone.completion.figures("2026-10", as_of=TODAY)
    assert 0 < report.total.households_required < street_wide.total.households_required
    assert [name for name, _groups in report.communities()] in ([], [SUN])
    assert [g.id for g in sun.sheets.grids()] and {g.id for g in sun.sheets.grids()} == sun_grids
    needs = sun.needs.list_needs()
    with street.db.reading() as s:
        sun_id = s.scalar(select(Community.id).where(Community.name == SUN))
        own = {n.id for n in s.scalars(select(Need).where(Need.community_id == sun_id))}
        foreign = s.execute(select(Need.id, Need.version).where(Need.community_id != sun_id)).first()
    assert needs and {n.id for n in needs} <= own
    mark = _mark(street)
    with pytest.raises(NotFound):
        sun.needs.need(foreign[0])
    with pytest.raises(NotFound):
        sun.needs.add_note(foreign[0], foreign[1], "已联系物业")
    assert any("another community" in (d or "") for _, d in _refusals(street, mark))


def test_a_walk_in_need_is_the_community_of_whoever_took_it(street: GridKeeper) -> None:
    sun, everyone = login(street, "sun"), login(street, "street")
    need_id = sun.needs.raise_need(NeedDraft("路灯不亮", address="阳光小区门口"))
    assert need_id in {n.id for n in sun.needs.list_needs()}
    jin_id = _jin_walk_in(street)
    assert jin_id not in {n.id for n in sun.needs.list_needs()}
    assert jin_id in {n.id for n in everyone.needs.list_needs()}
    with pytest.raises(NotFound):
        sun.needs.need(jin_id)


def _jin_walk_in(street: GridKeeper) -> int:
    need_id = street.needs.raise_need(NeedDraft("井盖松动", address="金顶街路口"))
    with street.db.transaction() as s:
        jin = s.scalar(select(Community.id).where(Community.name == JIN))
        need = s.get(Need, need_id)
        assert need is not None
        need.community_id = jin
    return need_id


def test_the_printed_need_rates_of_a_community_count_its_walk_ins_as_its_needs_page_does(
        street: GridKeeper) -> None:
    from gridkeeper.domain.periods import span_of
    from gridkeeper.services import documents

    boss = login(street, "sunboss")
    span = span_of("year", date.today())
    before = boss.needs.rates(span.start, span.end).received
    login(street, "sun").needs.raise_need(NeedDraft("路灯不亮", address="阳光小区门口"))
    _jin_walk_in(street)
    shown = boss.needs.rates(span.start, span.end)
    assert shown.received == before + 1  # its own walk-in, not the other community's
    with street.db.reading() as s:
        printed = documents.need_rates(s, boss.actor, None, span)
        first_grid = s.scalar(select(Grid.id).join(Community).where(Community.name == SUN))
        one_grid = documents.need_rates(s, boss.actor, frozenset({first_grid}), span)
    assert (printed.received, printed.responded_on_time, printed.resolved, printed.satisfied) == (
        shown.received, shown.responded_on_time, shown.resolved, shown.satisfied)
    assert one_grid.received == boss.needs.rates(span.start, span.end, grid_id=first_grid).received
    assert one_grid.received < printed.received  # a grid's print counts its households' needs only


def test_exports_hold_only_the_communitys_rows(street: GridKeeper, tmp_path: Path) -> None:
    sun = login(street, "sun")
    for what in ("households", "visits", "needs"):
        target = tmp_path / f"{what}.csv"
        getattr(sun.exporter, what)(target)
        rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
        assert rows, what
        if what == "households":
            assert {r["社区"] for r in rows} == {SUN}
    everyone = tmp_path / "all.csv"
    login(street, "street").exporter.households(everyone)
    assert {r["社区"] for r in csv.DictReader(everyone.open(encoding="utf-8-sig"))} == {SUN, JIN}


def test_printing_covers_only_the_communitys_grids(street: GridKeeper, tmp_path: Path) -> None:
    sun = login(street, "sun")
    result = sun.printing.rosters("2026-W47", tmp_path / "r.pdf", as_of=TODAY)
    assert result.files and result.files[0].exists() and result.pages
    street_wide = login(street, "street").printing.rosters("2026-W47", None, as_of=TODAY)
    assert 0 < result.households < street_wide.households
    with street.db.reading() as s:
        names = {c: set(s.scalars(select(Worker.name).join(Community).where(Community.name == c)))
                 for c in (SUN, JIN)}
    theirs = sorted(names[JIN] - names[SUN])[0]
    with pytest.raises(NotFound):  # the other community's worker is nobody to this account
        sun.printing.rosters("2026-W47", tmp_path / "j.pdf", as_of=TODAY, worker=theirs, community=JIN)
    assert not (tmp_path / "j.pdf").exists()


def _sheet(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_household_import_refuses_rows_of_another_community(street: GridKeeper, tmp_path: Path) -> None:
    sun = login(street, "sun")
    base = {"户编号": "X0001", "社区": "", "网格": "第1网格", "小区": "新小区", "楼号": "1", "单元": "1",
            "楼层": "1", "门牌号": "101", "姓名": "王新", "与户主关系": "户主"}
    sheet = _sheet(tmp_path / "h.csv", [
        base, {**base, "户编号": "X0002", "社区": JIN, "门牌号": "102", "姓名": "李外"}])
    mark = _mark(street)
    result = sun.importer.import_households(sheet, only_good=True, today=TODAY)
    assert result.added == ["X0001"] and result.refused == ["X0002"]
    assert any("不是本账户的社区" in p.message("zh") for p in result.problems)
    assert any("another community" in (d or "") for _, d in _refusals(street, mark))
    with street.db.reading() as s:
        placed = dict(s.execute(select(Household.code, Community.name).join(
            Community, Community.id == Household.community_id)
            .where(Household.code.in_(["X0001", "X0002"]))).all())
    assert placed == {"X0001": SUN}


def test_a_household_import_cannot_take_a_person_of_another_community(street: GridKeeper,
                                                                        tmp_path: Path) -> None:
    sun, admin = login(street, "sun"), login(street, "admin")
    other, _ = _first(street, JIN)
    person = next(r for r in admin.register.load_draft(other).residents if r.id_number)
    sheet = _sheet(tmp_path / "m.csv", [{
        "户编号": "X0003", "网格": "第1网格", "小区": "新小区", "楼号": "1", "单元": "1", "楼层": "2",
        "门牌号": "201", "姓名": person.name, "身份证号": person.id_number or "", "与户主关系": "户主"}])
    result = sun.importer.import_households(sheet, today=TODAY)
    assert not result.written and result.refused == ["X0003"]
    assert person.id in {r.id for r in admin.register.load_draft(other).residents}


def test_street_only_work_is_refused_to_a_community_account(street: GridKeeper, tmp_path: Path) -> None:
    sun, boss = login(street, "sun"), login(street, "sunboss")
    assert not sun.actor.can(Permission.BACKUP) and sun.actor.can(Permission.EXPORT)
    with pytest.raises(PermissionDenied, match="仅限街道账户"):
        sun.backups.backup("manual", to=tmp_path)
    with pytest.raises(PermissionDenied):
        boss.auditlog.browse()
    with pytest.raises(PermissionDenied):
        sun.accounts.list_users()
    assert login(street, "street").actor.can(Permission.BACKUP)


def test_an_administrator_is_never_limited_to_one_community(street: GridKeeper) -> None:
    admin = AccountService(street.db, login(street, "admin").actor)
    with pytest.raises(ValidationError):
        admin.add_user("boss2", PASSWORD, Role.ADMIN, community=SUN)
    with pytest.raises(ValidationError):
        admin.set_role("sun", Role.ADMIN)
    with pytest.raises(NotFound):
        admin.add_user("ghost", PASSWORD, Role.STAFF, community="没有这个社区")


def test_moving_an_account_between_communities_changes_what_it_sees(street: GridKeeper) -> None:
    admin = AccountService(street.db, login(street, "admin").actor)
    assert admin.set_community("sun", JIN) == JIN
    assert set(login(street, "sun").browse.search_ids(RegisterFilter())) == _ids(street, JIN)
    assert admin.set_community("sun", None) is None
    assert len(login(street, "sun").browse.search_ids(RegisterFilter())) == len(
        _ids(street, SUN) | _ids(street, JIN))
    assert {u.username: u.community for u in admin.list_users()}["sunboss"] == SUN


def test_a_grid_leader_of_a_community_holds_grids_of_it_only(street: GridKeeper) -> None:
    admin = AccountService(street.db, login(street, "admin").actor)
    admin.add_user("lead", PASSWORD, Role.GRID_LEADER, grids=["第1网格"], community=SUN)
    with street.db.reading() as s:
        held = s.scalar(select(Grid.id).join(Community).where(Community.name == SUN, Grid.name == "第1网格"))
    assert login(street, "lead").actor.grid_ids == frozenset({held})
    with pytest.raises(ValidationError):
        admin.set_grids("lead", [f"{JIN}/第1网格"])
    # moved to the other community, the leader keeps none of the old community's grids
    admin.set_community("lead", JIN)
    assert login(street, "lead").actor.grid_ids == frozenset()
    with street.db.reading() as s:
        assert s.scalar(select(Building.id).where(Building.grid_id == held)) is not None


def test_a_hotline_import_keeps_to_the_community(street: GridKeeper, tmp_path: Path) -> None:
    sun = login(street, "sun")
    with street.db.reading() as s:
        sun_id = s.scalar(select(Community.id).where(Community.name == SUN))
        theirs = s.execute(select(Need.ticket_no, Need.description).where(
            Need.community_id != sun_id, Need.ticket_no.is_not(None))).first()
    assert theirs is not None
    sheet = _sheet(tmp_path / "t.csv", [
        {"工单号": theirs[0], "来源": "12345热线", "受理时间": "2026-11-18 09:00", "地址": "某路口",
         "诉求内容": "改掉别的社区的工单"},
        {"工单号": "261118999999", "来源": "12345热线", "受理时间": "2026-11-18 10:00",
         "地址": "无名路口", "诉求内容": "路灯不亮"}])
    mark = _mark(street)
    result = sun.need_importer.import_needs(sheet, only_good=True)
    assert result.refused == [theirs[0]] and result.added == ["261118999999"]
    assert "其他社区" in result.problems[0].message("zh")
    assert any("another community" in (d or "") for _, d in _refusals(street, mark))
    with street.db.reading() as s:
        assert s.scalar(select(Need.description).where(Need.ticket_no == theirs[0])) == theirs[1]
        assert s.scalar(select(Need.community_id).where(Need.ticket_no == "261118999999")) == sun_id


def test_another_communitys_campaign_list_is_neither_listed_nor_replaced(street: GridKeeper) -> None:
    from gridkeeper.services.campaigns import CampaignDraft

    sun, everyone = login(street, "sun"), login(street, "street")
    with street.db.reading() as s:
        theirs = s.scalar(select(Building.id).join(Grid).join(Community).where(Community.name == JIN))
        ours = s.scalar(select(Building.id).join(Grid).join(Community).where(Community.name == SUN))
    everyone.campaigns.save(CampaignDraft("暴雨", buildings=(theirs,)))
    everyone.campaigns.save(CampaignDraft("供暖"))  # every building: everyone's list
    assert [c.name for c in sun.campaigns.lists()] == ["供暖"]
    mark = _mark(street)
    for attempt in (lambda: sun.campaigns.get("暴雨"), lambda: sun.campaigns.delete("暴雨"),
                    lambda: sun.campaigns.contact_list("暴雨"),
                    lambda: sun.campaigns.save(CampaignDraft("暴雨", buildings=(ours,)))):
        with pytest.raises(NotFound):
            attempt()
    assert any("another community" in (d or "") for _, d in _refusals(street, mark))
    assert everyone.campaigns.get("暴雨").buildings == (theirs,)
    assert sun.campaigns.contact_list("供暖") is not None
