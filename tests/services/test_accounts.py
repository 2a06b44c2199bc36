"""Accounts: first administrator, logins, lockout with an injectable clock, rehash, grids."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import select

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import PermissionDenied, ValidationError
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import (
    HASHER,
    AccountLocked,
    AccountService,
    LoginFailed,
    UsersExist,
)
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, User
from tests.conftest import household

PASSWORD = "correct horse"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(gk: GridKeeper, clock: Clock) -> AccountService:
    service = AccountService(gk.db, SYSTEM, clock=clock)
    service.create_first_admin("admin", PASSWORD)
    return service


def _actions(gk: GridKeeper) -> list[tuple[str, str, str | None]]:
    with gk.db.reading() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.username, e.action, e.detail) for e in entries]


def test_hasher_is_argon2id_at_least_owasp_strength() -> None:
    params = HASHER.hash("x" * 10)
    assert params.startswith("$argon2id$")
    assert HASHER.memory_cost >= 19 * 1024 and HASHER.time_cost >= 2 and HASHER.parallelism >= 1


def test_first_start_creates_an_administrator_once(gk: GridKeeper) -> None:
    service = AccountService(gk.db, SYSTEM)
    assert not service.has_users()
    actor = service.create_first_admin("admin", PASSWORD, "王主任")
    assert actor.role is Role.ADMIN and service.has_users()
    with pytest.raises(UsersExist):
        service.create_first_admin("second", PASSWORD)


def test_the_password_is_never_stored_in_plain_text(gk: GridKeeper, accounts: AccountService) -> None:
    with gk.db.reading() as s:
        stored = s.scalars(select(User.password_hash)).one()
        log = " ".join(f"{e.before} {e.after} {e.detail}" for e in s.scalars(select(AuditEntry)))
    assert PASSWORD not in stored and stored.startswith("$argon2id$")
    assert "argon2" not in log and PASSWORD not in log


def test_short_passwords_are_refused(gk: GridKeeper) -> None:
    with pytest.raises(ValidationError):
        AccountService(gk.db, SYSTEM).create_first_admin("admin", "1234567")


def test_login_gives_the_users_role(accounts: AccountService) -> None:
    actor = accounts.login("admin", PASSWORD)
    assert (actor.username, actor.role, actor.grid_ids) == ("admin", Role.ADMIN, None)


def test_wrong_password_and_unknown_user_read_the_same(accounts: AccountService) -> None:
    with pytest.raises(LoginFailed) as wrong:
        accounts.login("admin", "wrong password")
    with pytest.raises(LoginFailed) as unknown:
        accounts.login("nobody", PASSWORD)
    assert str(wrong.value) == str(unknown.value)


def test_five_wrong_passwords_lock_the_account_for_15_minutes(
    gk: GridKeeper, accounts: AccountService, clock: Clock
) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login("admin", "wrong password")
    with pytest.raises(AccountLocked):
        accounts.login("admin", "wrong password")
    # even the right password is refused while locked
    clock.now += timedelta(minutes=14, seconds=59)
    with pytest.raises(AccountLocked) as locked:
        accounts.login("admin", PASSWORD)
    assert "09:15" in str(locked.value)
    clock.now += timedelta(seconds=2)
    assert accounts.login("admin", PASSWORD).username == "admin"
    actions = [a for _u, a, _d in _actions(gk)]
    assert actions.count("login_failed") == 6 and actions[-1] == "login"


def test_a_good_login_resets_the_count_of_wrong_passwords(accounts: AccountService) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login("admin", "wrong password")
    accounts.login("admin", PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login("admin", "wrong password")
    assert accounts.login("admin", PASSWORD).username == "admin"


def test_an_administrator_unlocks_a_locked_account(accounts: AccountService) -> None:
    accounts.add_user("li", PASSWORD, Role.STAFF)
    for _ in range(5):
        with pytest.raises((LoginFailed, AccountLocked)):
            accounts.login("li", "wrong password")
    with pytest.raises(AccountLocked):
        accounts.login("li", PASSWORD)
    admin = AccountService(accounts.db, accounts.login("admin", PASSWORD), clock=accounts.clock)
    admin.unlock("li")
    assert accounts.login("li", PASSWORD).role is Role.STAFF


def test_an_old_weak_hash_is_upgraded_at_login(gk: GridKeeper, clock: Clock) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    AccountService(gk.db, SYSTEM, clock=clock, hasher=weak).create_first_admin("admin", PASSWORD)
    service = AccountService(gk.db, SYSTEM, clock=clock)
    service.login("admin", PASSWORD)
    with gk.db.reading() as s:
        upgraded = s.scalars(select(User.password_hash)).one()
    assert "m=65536,t=3,p=4" in upgraded
    assert not HASHER.check_needs_rehash(upgraded)
    assert service.login("admin", PASSWORD).username == "admin"
    with pytest.raises(VerifyMismatchError):
        HASHER.verify(upgraded, "wrong password")


def test_a_disabled_user_cannot_log_in_and_the_answer_does_not_confirm_the_password(
        accounts: AccountService) -> None:
    accounts.add_user("li", PASSWORD, Role.STAFF)
    accounts.set_active("li", False)
    answers = set()
    for password in (PASSWORD, "not the password"):
        with pytest.raises(LoginFailed) as refused:
            accounts.login("li", password)
        answers.add(str(refused.value))
    with pytest.raises(LoginFailed) as unknown:
        accounts.login("nobody", PASSWORD)
    assert answers == {str(unknown.value)}


def test_the_last_administrator_cannot_be_demoted(accounts: AccountService) -> None:
    with pytest.raises(ValidationError):
        accounts.set_role("admin", Role.STAFF)


def test_grid_leader_logs_in_with_their_grids(gk: GridKeeper, accounts: AccountService) -> None:
    gk.register.save_household(household("H1", grid="第一网格"))
    gk.register.save_household(household("H2", grid="第二网格", building="2"))
    accounts.add_user("zhao", PASSWORD, Role.GRID_LEADER, grids=["第一网格"])
    actor = accounts.login("zhao", PASSWORD)
    first = gk.register.household_id("H1")
    with gk.db.reading() as s:
        from gridkeeper.storage.models import Grid

        ids = dict(s.execute(select(Grid.name, Grid.id)).all())
    assert actor.grid_ids == frozenset({ids["第一网格"]})
    assert actor.sees_grid(ids["第一网格"]) and not actor.sees_grid(ids["第二网格"])
    accounts.set_grids("zhao", ["第一网格", "第二网格"])
    assert accounts.login("zhao", PASSWORD).grid_ids == frozenset(ids.values())
    assert first


def test_only_administrators_manage_users(gk: GridKeeper, accounts: AccountService) -> None:
    accounts.add_user("li", PASSWORD, Role.STAFF)
    staff = AccountService(gk.db, accounts.login("li", PASSWORD))
    with pytest.raises(PermissionDenied):
        staff.add_user("wang", PASSWORD, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        staff.list_users()
    assert ("li", "refused", "manage_users: manage users") in _actions(gk)


def test_users_change_their_own_password_with_the_old_one(gk: GridKeeper, accounts: AccountService) -> None:
    accounts.add_user("li", PASSWORD, Role.STAFF)
    li = AccountService(gk.db, accounts.login("li", PASSWORD))
    with pytest.raises(LoginFailed):
        li.set_password("li", "new password 1", old_password="wrong password")
    li.set_password("li", "new password 1", old_password=PASSWORD)
    assert accounts.login("li", "new password 1").username == "li"
    with pytest.raises(PermissionDenied):
        li.set_password("admin", "new password 2")


def test_user_list_shows_roles_and_grids_without_hashes(gk: GridKeeper, accounts: AccountService) -> None:
    gk.register.save_household(household("H1", grid="第一网格"))
    accounts.add_user("zhao", PASSWORD, Role.GRID_LEADER, "赵网格长", grids=["第一网格"])
    users = {u.username: u for u in accounts.list_users()}
    assert users["zhao"].grids == ("第一网格",) and users["zhao"].role is Role.GRID_LEADER
    assert not hasattr(users["zhao"], "password_hash")


def test_system_actor_is_plain_actor() -> None:
    assert isinstance(SYSTEM, Actor)


def test_idle_lock_time_defaults_to_10_minutes_and_only_admins_change_it(
    gk: GridKeeper, accounts: AccountService
) -> None:
    assert accounts.idle_minutes() == 10
    accounts.add_user("li", PASSWORD, Role.STAFF)
    with pytest.raises(PermissionDenied):
        AccountService(gk.db, accounts.login("li", PASSWORD)).set_idle_minutes(30)
    admin = AccountService(gk.db, accounts.login("admin", PASSWORD))
    admin.set_idle_minutes(5)
    admin.set_idle_minutes(7)
    assert accounts.idle_minutes() == 7
    with pytest.raises(ValidationError):
        admin.set_idle_minutes(0)
