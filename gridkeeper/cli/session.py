"""How a command-line command gets its :class:`GridKeeper`: the one door, then a login.

Every command calls :func:`open_for_cli` (``restore`` calls :func:`restore_for_cli`), so the
command line obeys the same rules as the GUI: one running instance per database, the
passphrase of ``$GRIDKEEPER_DB_KEY``, a damaged or foreign file is not written to, and once
accounts exist the user named by ``--user`` logs in (password from ``$GRIDKEEPER_PASSWORD``
or a prompt) and acts with their role and grids. Only before any account exists does the
command line act as the built-in system, so ``init``, ``demo`` and the first ``user add``
work on a fresh database. tests/security/test_one_door.py checks that no command opens a
database any other way.

An encrypted database is opened with ``--db`` naming a ``sqlite+pysqlcipher://`` URL, or a
plain path plus the passphrase in ``$GRIDKEEPER_DB_KEY``.
"""

from __future__ import annotations

import argparse
import atexit
import getpass
import os
import sys
from pathlib import Path

from gridkeeper.domain.errors import GridKeeperError, LoginRequired
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.backup import BackupInfo
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.startup import open_checked, restore_register
from gridkeeper.storage.database import Database
from gridkeeper.storage.lock import InstanceLock

ENV_PASSWORD = "GRIDKEEPER_PASSWORD"
_locks: dict[str, InstanceLock] = {}
_opened: list[Database] = []

__all__ = ["ENV_PASSWORD", "LoginRequired", "open_for_cli", "password_for", "release_locks",
           "restore_for_cli"]


class NoUsersYet(GridKeeperError):
    zh = "数据库中还没有用户“{user}”（尚未建立任何账户）"
    en = "There is no user “{user}” (no accounts exist yet)"

    def __init__(self, user: str) -> None:
        super().__init__(user=user)


def release_locks() -> None:
    """Let go of every database this command opened (the end of a command): its connections
    closed first (the last one checkpoints the -wal), then its lock released."""
    while _opened:
        _opened.pop().dispose()
    while _locks:
        _locks.popitem()[1].release()


def password_for(user: str) -> str:
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = getpass.getpass(f"{user} 的密码 / password: ")
    return password


def open_for_cli(args: argparse.Namespace) -> GridKeeper:
    """The GridKeeper for a command: locked, checked, keyed, migrated and logged in."""
    opened = open_checked(getattr(args, "db", None))
    if opened.lock is not None:
        key = str(opened.lock.database)
        if key not in _locks:
            _locks[key] = opened.lock
            atexit.register(opened.lock.release)
    _opened.append(opened.db)
    for warning in opened.warnings:
        print(str(warning), file=sys.stderr)
    try:
        actor = _log_in(AccountService(opened.db, SYSTEM), getattr(args, "user", None))
    except BaseException:
        opened.db.dispose()
        raise
    return GridKeeper(opened.db, actor)


def _log_in(accounts: AccountService, user: str | None) -> Actor:
    if not accounts.has_users():
        if user:
            raise NoUsersYet(user=user)
        return SYSTEM
    if not user:
        raise LoginRequired()
    return accounts.login(user, password_for(user))


def restore_for_cli(args: argparse.Namespace) -> BackupInfo | None:
    """``restore FILE``: as an administrator of the register, or of the backup when the
    register cannot be read; ``--user`` as for every command."""
    user = getattr(args, "user", None)

    def login(accounts: AccountService) -> Actor:
        if not user:
            raise LoginRequired()
        return accounts.login(user, password_for(user))

    return restore_register(getattr(args, "db", None), Path(args.file), login)
