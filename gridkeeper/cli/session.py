"""How a command-line command gets its :class:`GridKeeper`: lock, check, migrate, log in.

Every command calls :func:`open_for_cli` so the command line obeys the same rules as the
GUI: one running instance per database, a damaged database is not written to, and once
accounts exist the user named by ``--user`` logs in (password from ``$GRIDKEEPER_PASSWORD``
or a prompt) and acts with their role. Before any account exists the command line acts as
the system administrator, so ``init`` and ``demo`` work on a fresh database.

An encrypted database is opened with ``--db`` naming a ``sqlite+pysqlcipher://`` URL, or a
plain path plus the passphrase in ``$GRIDKEEPER_DB_KEY``.
"""

from __future__ import annotations

import argparse
import atexit
import getpass
import os
import sys

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.startup import open_checked
from gridkeeper.settings import database_url
from gridkeeper.storage.database import Database
from gridkeeper.storage.lock import InstanceLock

ENV_PASSWORD = "GRIDKEEPER_PASSWORD"
_locks: dict[str, InstanceLock] = {}


class LoginRequired(GridKeeperError):
    zh = "此数据库已设用户，请用 --user 用户名 登录"
    en = "This database has user accounts: log in with --user NAME"


class NoUsersYet(GridKeeperError):
    zh = "数据库中还没有用户“{user}”（尚未建立任何账户）"
    en = "There is no user “{user}” (no accounts exist yet)"

    def __init__(self, user: str) -> None:
        super().__init__(user=user)


def lock_database(db: Database) -> None:
    """Hold this database's instance lock until the process ends."""
    if db.path is None:
        return
    key = str(db.path)
    if key not in _locks:
        lock = InstanceLock(db.path)
        lock.acquire()
        _locks[key] = lock
        atexit.register(lock.release)


def release_locks() -> None:
    """Let go of every database this process locked (the end of a command)."""
    while _locks:
        _locks.popitem()[1].release()


def prepare_database(location: str | None) -> Database:
    """Lock the file, refuse a damaged one (naming the backup to restore), then migrate."""
    opened = open_checked(database_url(location))
    if opened.lock is not None:
        key = str(opened.lock.database)
        if key not in _locks:
            _locks[key] = opened.lock
            atexit.register(opened.lock.release)
    for warning in opened.warnings:
        print(str(warning), file=sys.stderr)
    return opened.db


def password_for(user: str) -> str:
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = getpass.getpass(f"{user} 的密码 / password: ")
    return password


def open_for_cli(args: argparse.Namespace) -> GridKeeper:
    """The GridKeeper for a command: locked, checked, migrated and logged in."""
    db = prepare_database(getattr(args, "db", None))
    user = getattr(args, "user", None)
    accounts = AccountService(db, SYSTEM)
    if not accounts.has_users():
        if user:
            raise NoUsersYet(user=user)
        return GridKeeper(db, SYSTEM)
    if not user:
        raise LoginRequired()
    return GridKeeper(db, accounts.login(user, password_for(user)))
