"""Each role's allowed and refused actions through the services, and the audit log they leave."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import NotFound, PermissionDenied
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import SYSTEM, Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.audit_browser import AuditFilter, AuditLogService
from gridkeeper.services.backup import BackupService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.integrity import IntegrityService
from gridkeeper.storage.models import AuditEntry
from tests.conftest import household

PASSWORD = "correct horse"
QUICK = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def people(gk: GridKeeper) -> dict[str, Actor]:
    """One user per role; a grid leader holding only 第一网格; two households, one per grid."""
    gk.register.save_household(household("H1", grid="第一网格", residents=(
        ResidentDraft(name="张伟", id_number="11010519491231002X"),)))
    gk.register.save_household(household("H2", grid="第二网格", building="2"))
    # a quick hasher: these tests are about roles; test_accounts checks the real strength
    accounts = AccountService(gk.db, SYSTEM, hasher=QUICK)
    accounts.create_first_admin("admin", PASSWORD)
    admin = AccountService(gk.db, accounts.login("admin", PASSWORD), hasher=QUICK)
    admin.add_user("staff", PASSWORD, Role.STAFF)
    admin.add_user("leader", PASSWORD, Role.GRID_LEADER, grids=["第一网格"])
    admin.add_user("boss", PASSWORD, Role.SUPERVISOR)
    return {name: accounts.login(name, PASSWORD) for name in ("admin", "staff", "leader", "boss")}


def _log(gk: GridKeeper, action: str | None = None) -> list[AuditEntry]:
    with gk.db.reading() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        rows = list(s.scalars(query))
        s.expunge_all()  # keep the loaded values after the read-only session ends
        return rows


@pytest.mark.parametrize("who", ["admin", "staff"])
def test_admin_and_staff_edit_the_register(gk: GridKeeper, people: dict[str, Actor], who: str) -> None:
    keeper = gk.acting_as(people[who])
    draft = keeper.register.load_draft(keeper.register.household_id("H2"))
    keeper.register.save_household(draft.__class__(**{**draft.__dict__, "phone": "13800138000"}))
    change = [e for e in _log(gk, "update") if e.table_name == "household"][-1]
    assert change.username == who
    assert json.loads(change.after) == {"phone": "13800138000"}
    assert json.loads(change.before) == {"phone": None}


@pytest.mark.parametrize("who", ["leader", "boss"])
def test_grid_leader_and_supervisor_cannot_edit_the_register(
    gk: GridKeeper, people: dict[str, Actor], who: str
) -> None:
    keeper = gk.acting_as(people[who])
    with pytest.raises(PermissionDenied):
        keeper.register.save_household(household("H9"))
    refused = _log(gk, "refused")[-1]
    assert refused.username == who and "edit_register" in refused.detail


def test_grid_leader_sees_only_their_own_grid(gk: GridKeeper, people: dict[str, Actor]) -> None:
    leader = gk.acting_as(people["leader"])
    own = leader.register.view(gk.register.household_id("H1"))
    assert own.code == "H1"
    with pytest.raises(NotFound):
        leader.register.view(gk.register.household_id("H2"))


def test_supervisor_reads_everything_but_edits_nothing(gk: GridKeeper, people: dict[str, Actor]) -> None:
    boss = gk.acting_as(people["boss"])
    assert boss.register.view(gk.register.household_id("H2")).code == "H2"
    assert boss.auditlog.count() > 0
    for forbidden in (Permission.EDIT_REGISTER, Permission.UNMASK, Permission.MANAGE_USERS,
                      Permission.BACKUP, Permission.EXPORT):
        assert not people["boss"].can(forbidden)


@pytest.mark.parametrize("who,allowed", [("admin", True), ("boss", True), ("staff", False),
                                          ("leader", False)])
def test_only_supervisors_and_admins_browse_the_audit_log(
    gk: GridKeeper, people: dict[str, Actor], who: str, allowed: bool
) -> None:
    service = AuditLogService(gk.db, people[who])
    if allowed:
        assert service.browse(AuditFilter(username="admin"))
    else:
        with pytest.raises(PermissionDenied):
            service.browse()
        assert _log(gk, "refused")[-1].username == who


@pytest.mark.parametrize("who,allowed", [("admin", True), ("staff", True), ("boss", False),
                                          ("leader", False)])
def test_backups_and_checks_are_for_admins_and_staff(
    gk: GridKeeper, people: dict[str, Actor], who: str, allowed: bool, tmp_path: Path
) -> None:
    backups = BackupService(gk.db, people[who], folder=tmp_path / "b")
    integrity = IntegrityService(gk.db, people[who])
    if allowed:
        assert backups.backup().path.exists()
        assert integrity.check().ok
    else:
        with pytest.raises(PermissionDenied):
            backups.backup()
        with pytest.raises(PermissionDenied):
            integrity.check()


def test_only_admins_manage_users(gk: GridKeeper, people: dict[str, Actor]) -> None:
    for who in ("staff", "leader", "boss"):
        with pytest.raises(PermissionDenied):
            AccountService(gk.db, people[who]).add_user("x" + who, PASSWORD, Role.ADMIN)
    assert AccountService(gk.db, people["admin"]).add_user("newbie", PASSWORD, Role.STAFF)


def test_print_export_and_unmasked_view_are_logged(gk: GridKeeper, people: dict[str, Actor]) -> None:
    staff = gk.acting_as(people["staff"])
    hid = gk.register.household_id("H1")
    audit_trail.record_event(gk.db, people["staff"], "print", table="household", row_id=hid,
                             detail="visit roster")
    audit_trail.record_event(gk.db, people["staff"], "export", table="household", detail="register.xlsx")
    assert staff.register.view(hid).residents[0].id_number == "110105********002X"
    assert staff.register.view(hid, unmasked=True).residents[0].id_number == "11010519491231002X"
    lines = AuditLogService(gk.db, people["boss"]).browse(AuditFilter(username="staff"))
    assert [line.action for line in lines[:3]] == ["unmask", "export", "print"]
    assert lines[0].row_id == hid and lines[2].row_id == hid


@pytest.mark.parametrize("who", ["leader", "boss"])
def test_full_id_numbers_are_refused_below_office_staff_and_the_refusal_logged(
        gk: GridKeeper, people: dict[str, Actor], who: str) -> None:
    keeper = gk.acting_as(people[who])
    hid = gk.register.household_id("H1")
    assert "*" in (keeper.register.view(hid).residents[0].id_number or "")
    with pytest.raises(PermissionDenied):
        keeper.register.view(hid, unmasked=True)
    with pytest.raises(PermissionDenied):
        keeper.register.load_draft(hid)  # the editor shows ID numbers in full
    refused = _log(gk, "refused")
    assert refused[-1].username == who and not [e for e in _log(gk, "unmask") if e.username == who]


def test_opening_a_household_for_editing_is_logged_as_an_unmasked_view(
        gk: GridKeeper, people: dict[str, Actor]) -> None:
    staff = gk.acting_as(people["staff"])
    hid = gk.register.household_id("H2")
    staff.register.load_draft(hid)
    unmasked = _log(gk, "unmask")[-1]
    assert (unmasked.username, unmasked.row_id, unmasked.detail) == ("staff", hid, "edit")


def test_every_change_names_who_what_and_before_after(gk: GridKeeper, people: dict[str, Actor]) -> None:
    inserts = [e for e in _log(gk, "insert") if e.table_name == "resident"]
    assert inserts and json.loads(inserts[0].after)["id_number"] == "11010519491231002X"
    assert all(e.username and e.at for e in _log(gk))


def test_audit_log_cannot_be_edited_or_deleted(gk: GridKeeper, people: dict[str, Actor]) -> None:
    count = len(_log(gk))
    for statement in ("UPDATE audit_log SET username = 'nobody'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), gk.db.transaction() as s:
            s.execute(text(statement))
    assert len(_log(gk)) == count and all(e.username != "nobody" for e in _log(gk))


def test_audit_export_writes_csv_and_is_itself_logged(
    gk: GridKeeper, people: dict[str, Actor], tmp_path: Path
) -> None:
    target = tmp_path / "audit_trail.csv"
    written = AuditLogService(gk.db, people["admin"]).export_csv(target, AuditFilter(action="login"))
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert written == len(rows) == 5 and {r["username"] for r in rows} == {"admin", "staff", "leader", "boss"}
    last = _log(gk)[-1]
    assert (last.action, last.table_name, last.username) == ("export", "audit_log", "admin")


def test_audit_filters_by_table_row_and_text(gk: GridKeeper, people: dict[str, Actor]) -> None:
    service = AuditLogService(gk.db, people["admin"])
    hid = gk.register.household_id("H1")
    lines = service.browse(AuditFilter(table="household", row_id=hid))
    assert lines and all(line.table == "household" and line.row_id == hid for line in lines)
    assert service.browse(AuditFilter(text="11010519491231002X"))
    assert "login" in service.actions()


def test_printing_logs_print_and_unmasked_view_and_refuses_supervisors_unmasking(
    gk: GridKeeper, people: dict[str, Actor], tmp_path: Path
) -> None:
    printing = pytest.importorskip("gridkeeper.services.printing")
    printing.PrintService(gk.db, people["staff"]).rosters("2026-W10", tmp_path / "r.pdf", unmasked=True)
    staff_lines = [e.action for e in _log(gk) if e.username == "staff"]
    assert staff_lines[-2:] == ["print", "unmask"]
    with pytest.raises(PermissionDenied):
        printing.PrintService(gk.db, people["boss"]).rosters("2026-W10", tmp_path / "b.pdf", unmasked=True)
    assert _log(gk, "refused")[-1].username == "boss"
    assert not (tmp_path / "b.pdf").exists()


def test_residents_saved_unchanged_with_their_household_leave_no_update_lines(
        gk: GridKeeper, people: dict[str, Actor]) -> None:
    staff = gk.acting_as(people["staff"])
    hid = gk.register.household_id("H1")
    draft = staff.register.load_draft(hid)
    before = len(_log(gk, "update"))
    staff.register.save_household(draft.__class__(**{**draft.__dict__, "notes": "独居，需每周探访"}))
    updates = _log(gk, "update")[before:]
    assert [(e.table_name, json.loads(e.after)) for e in updates] == [
        ("household", {"notes": "独居，需每周探访"})]


@pytest.mark.parametrize("who", ["leader", "boss", "staff"])
def test_a_masked_view_gives_the_birth_year_never_the_date_the_mask_hides(
        gk: GridKeeper, people: dict[str, Actor], who: str) -> None:
    keeper = gk.acting_as(people[who])
    hid = gk.register.household_id("H1")
    seen = keeper.register.view(hid).residents[0]
    assert seen.birth_date is None and seen.birth_year == 1949
    assert "19491231" not in repr(seen)  # nothing on the screen rebuilds the masked digits
    if who == "staff":
        full = keeper.register.view(hid, unmasked=True).residents[0]
        assert full.birth_date == date(1949, 12, 31) and full.id_number == "11010519491231002X"
