"""Backups: copies taken with SQLite's online backup API, checked, thinned, and restored.

A backup is written to a temporary file, checked with ``integrity_check`` and only then
renamed into place, so the backup folder never holds a half-written copy. Backups are taken
on start when the data changed since the newest one, every 30 minutes of work (the GUI calls
:meth:`BackupService.backup_if_due` from a timer), before every migration, import and
restore. An encrypted database gives encrypted backups (same passphrase).

Thinning keeps the newest backup of each of the last 12 days, 10 weeks and 12 months,
and everything from the 24 hours before the newest backup.
A restore is all-or-nothing: the replacement is built and checked beside the database, the
current data is backed up first, and one rename puts the replacement in place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import SYSTEM, Actor, Permission
from gridkeeper.files import create_private, fsync_dir, fsync_file, private_dir, written_whole
from gridkeeper.services import audit_trail
from gridkeeper.storage.cipher import connect_file, encrypt_file, passphrase_of
from gridkeeper.storage.database import Database

FOLDER_NAME = "backups"
WORK_INTERVAL = timedelta(minutes=30)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 12
KEEP_WITHIN = timedelta(hours=24)
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.db$")

Clock = Callable[[], datetime]


class BackupFailed(GridKeeperError):
    zh = "备份失败：{detail}"
    en = "Backup failed: {detail}"

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)


class BackupUnusable(GridKeeperError):
    zh = "文件“{path}”不能用于恢复：{detail}"
    en = "File “{path}” cannot be restored: {detail}"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path=path, detail=detail)


class NotAFile(GridKeeperError):
    zh = "备份和恢复只适用于数据库文件，不适用于“{where}”"
    en = "Backup and restore work on database files only, not on “{where}”"

    def __init__(self, where: str) -> None:
        super().__init__(where=where)


class TargetExists(GridKeeperError):
    zh = "“{path}”已存在：请换一个新的文件名，未作任何写入"
    en = "“{path}” exists already: choose a new file name; nothing was written"

    def __init__(self, path: str) -> None:
        super().__init__(path=path)


@dataclass(frozen=True)
class EncryptedCopy:
    """An encrypted copy of the register, and the plaintext copies that remain."""

    path: Path
    plaintext: tuple[Path, ...]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int


def parse_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path=path, taken_at=taken, reason=match["reason"], size=size)


def backups_to_keep(times: Iterable[datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
                    monthly: int = KEEP_MONTHLY, within: timedelta = KEEP_WITHIN) -> set[datetime]:
    """The newest backup of each of the last ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months that have a backup (each rule counted on its own), plus every backup
    taken less than ``within`` before the newest (so today's safety copies survive)."""
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[:1])
    if ordered:
        keep.update(t for t in ordered if ordered[0] - t < within)
    rules: list[tuple[Callable[[datetime], object], int]] = [
        (lambda t: t.date(), daily),
        (lambda t: t.isocalendar()[:2], weekly),
        (lambda t: (t.year, t.month), monthly),
    ]
    for period_of, count in rules:
        seen: set[object] = set()
        for taken in ordered:
            period = period_of(taken)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(taken)
    return keep


def check_file(path: Path, passphrase: str | None = None, quick: bool = False) -> list[str]:
    """Problems SQLite finds in a database file ([] when it is sound)."""
    try:
        connection = connect_file(path, passphrase, read_only=True)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            rows = [str(r[0]) for r in connection.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            connection.close()
    except Exception as error:  # sqlite3 / sqlcipher3 DatabaseError, OSError: the file is unusable
        return [str(error)]
    return [] if rows == ["ok"] else rows


def opens(path: Path, passphrase: str | None = None) -> bool:
    """Whether the file's first page can be read at all (with this passphrase)."""
    return first_page_error(path, passphrase) is None


# SQLite's primary result codes for a file it could not get at (access refused, read-only,
# out of memory, an I/O error, the disk full, cannot open), as against one it read and found
# wrong (corrupt, not a database: a wrong passphrase reads as that)
_UNREACHABLE_CODES = frozenset({3, 7, 8, 10, 13, 14})
_UNREACHABLE_TEXTS = ("disk i/o error", "database or disk is full", "unable to open database file",
                      "attempt to write a readonly database", "out of memory")


def unreachable(path: Path, passphrase: str | None = None) -> str | None:
    """Why the file cannot be got at — the disk full, access refused, a failing disk — or None
    when its first page reads (what it holds may still be wrong): the register is then not
    called damaged for what is the disk's doing."""
    error = first_page_error(path, passphrase)
    if error is None:
        return None
    if isinstance(error, OSError):
        return str(error)
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return str(error) if code & 0xFF in _UNREACHABLE_CODES else None
    text = str(error).lower()
    return str(error) if any(s in text for s in _UNREACHABLE_TEXTS) else None


def first_page_error(path: Path, passphrase: str | None, read_only: bool = True) -> Exception | None:
    """What reading the file's first page raised, None when it read. ``read_only=False`` lets
    SQLite play back a rollback journal left beside it, as it does at any writing open."""
    try:
        connection = connect_file(path, passphrase, read_only=read_only)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Exception as error:  # noqa: BLE001 - any failure to read is the answer
        return error
    return None


def _copy_database(source: Any, target: Path, passphrase: str | None) -> None:
    """Copy the open connection ``source`` into a new file with the online backup API, check it."""
    target.unlink(missing_ok=True)
    create_private(target)  # owner-only before the first byte of data
    destination = connect_file(target, passphrase)
    try:
        source.backup(destination)
        rows = [str(r[0]) for r in destination.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise BackupFailed(detail="; ".join(rows[:5]))
    finally:
        destination.close()
    fsync_file(target)


def _marker(connection: Any) -> str:
    """What tells whether data changed: the newest audit row and the newest row of each table.

    Every change writes an audit row, so the first part is enough for the app's own changes;
    the table maxima catch rows written by anything that forgot to log.
    """
    names = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> 'alembic_version' ORDER BY name").fetchall()]
    parts = []
    for name in names:
        try:
            value = connection.execute(f'SELECT max(rowid), count(*) FROM "{name}"').fetchone()
        except Exception:  # noqa: BLE001 - WITHOUT ROWID tables: count alone
            value = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        parts.append(f"{name}:{value}")
    return "|".join(parts)


class BackupService:
    """Backups of one SQLite database (plain or SQLCipher)."""

    def __init__(self, db: Database, actor: Actor = SYSTEM, folder: Path | None = None,
                 clock: Clock = datetime.now, interval: timedelta = WORK_INTERVAL) -> None:
        self.db = db
        self.actor = actor
        self.clock = clock
        self._folder = folder
        self.interval = interval  # of work between automatic backups (设置: the office's choice)

    @property
    def database(self) -> Path:
        if self.db.path is None:
            raise NotAFile(where=self.db.describe())
        return self.db.path

    @property
    def folder(self) -> Path:
        return self._folder or self.database.parent / FOLDER_NAME

    @property
    def passphrase(self) -> str | None:
        return passphrase_of(self.db.url)

    # -- taking backups -------------------------------------------------------------------

    def backup(self, reason: str = "manual", to: Path | None = None) -> BackupInfo:
        """A backup the user asked for (``gridkeeper backup``, the backup button): a full copy
        of the register, so it is in the audit log with where it went."""
        self.actor.require(Permission.BACKUP)
        info = self.take(reason, to)
        audit_trail.record_event(self.db, self.actor, "backup", detail=f"{reason} -> {info.path}")
        return info

    def take(self, reason: str, to: Path | None = None) -> BackupInfo:
        """A backup for the program's own reasons (start, timer, migration, import, restore).

        Needs no permission: these protect everybody's data whoever is logged in.
        """
        folder = Path(to) if to is not None else self.folder
        private_dir(folder, tighten=to is None)
        now = self.clock().replace(microsecond=0)
        target = self._free_name(folder, now, reason)
        with written_whole() as outputs:
            temporary = outputs.path_for(target)
            raw = self.db.engine.raw_connection()
            try:
                _copy_database(raw.driver_connection, temporary, self.passphrase)
            except BackupFailed:
                raise
            except Exception as error:
                raise BackupFailed(detail=_reason(error)) from error
            finally:
                raw.close()
            outputs.publish()
        info = parse_name(target)
        assert info is not None
        return info

    def safety_copy(self, reason: str) -> BackupInfo | None:
        """A backup before risky work (``"before-import"``); None for a server database,
        which the server's own backups protect."""
        if self.db.path is None:
            return None
        return self.take(reason)

    def _free_name(self, folder: Path, now: datetime, reason: str) -> Path:
        stem = self.database.stem
        reason = re.sub(r"[^a-z-]+", "-", reason.lower()).strip("-") or "manual"
        candidate = folder / f"{stem}-{now.strftime(_STAMP)}-{reason}.db"
        n = 2
        while candidate.exists():
            candidate = folder / f"{stem}-{now.strftime(_STAMP)}-{n}-{reason}.db"
            n += 1
        return candidate

    def changed_since_last(self) -> bool:
        newest = self.newest()
        if newest is None:
            return self._has_data()
        raw = self.db.engine.raw_connection()
        try:
            current = _marker(raw.driver_connection)
        finally:
            raw.close()
        try:
            connection = connect_file(newest.path, self.passphrase, read_only=True)
            try:
                previous = _marker(connection)
            finally:
                connection.close()
        except Exception:  # noqa: BLE001 - an unreadable newest backup: take a fresh one
            return True
        return current != previous

    def _has_data(self) -> bool:
        raw = self.db.engine.raw_connection()
        try:
            connection: Any = raw.driver_connection
            return bool(connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])
        finally:
            raw.close()

    def backup_on_start(self) -> BackupInfo | None:
        """Back up when the data changed since the newest backup; then thin the folder."""
        if not self.changed_since_last():
            return None
        info = self.take("start")
        self.thin()
        return info

    def backup_if_due(self) -> BackupInfo | None:
        """Called by the GUI's timer: a backup after ``interval`` (30 minutes unless the office
        chose otherwise) of work with changes."""
        newest = self.newest()
        if newest is not None and self.clock() - newest.taken_at < self.interval:
            return None
        if not self.changed_since_last():
            return None
        info = self.take("work")
        self.thin()
        return info

    # -- the folder -----------------------------------------------------------------------

    def list_backups(self, folder: Path | None = None) -> list[BackupInfo]:
        """Backups of this database, newest first (none of a server database: the server's
        own backups keep it)."""
        if self.db.path is None:
            return []
        folder = folder or self.folder
        if not folder.is_dir():
            return []
        stem = self.database.stem
        found = [info for p in folder.glob(f"{stem}-*.db")
                 if (info := parse_name(p)) is not None and _NAME.match(p.name)["stem"] == stem]  # type: ignore[index]
        return sorted(found, key=lambda i: (i.taken_at, i.path.name), reverse=True)

    def newest(self) -> BackupInfo | None:
        found = self.list_backups()
        return found[0] if found else None

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes integrity_check (what to offer after damage)."""
        for info in self.list_backups():
            if not check_file(info.path, self.passphrase):
                return info
        return None

    def thin(self, now: datetime | None = None) -> list[Path]:
        """Delete backups the 12 daily / 10 weekly / 12 monthly rule does not keep."""
        del now  # the rule counts backups that exist, not calendar days since today
        found = self.list_backups()
        keep = backups_to_keep(info.taken_at for info in found)
        # of several backups in one kept second, keep the newest name only
        kept_seconds: set[datetime] = set()
        removed = []
        for info in found:
            if info.taken_at in keep and info.taken_at not in kept_seconds:
                kept_seconds.add(info.taken_at)
                continue
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
        return removed

    # -- encrypting ------------------------------------------------------------------------

    def encrypt_copy(self, target: Path, passphrase: str) -> EncryptedCopy:
        """An encrypted (SQLCipher) copy of the register at ``target``, made straight from the
        register (we hold its instance lock: nobody writes meanwhile), so no new plaintext
        copy is made on the way; checked with its key before it is reported. Returns it with
        the plaintext copies that remain: the register itself and its backups."""
        self.actor.require(Permission.MANAGE_SETTINGS)
        database = self.database
        target = Path(target).expanduser().resolve()
        taken = [p for p in (target, Path(f"{target}-wal")) if p.exists()]
        if taken or target == database.resolve():
            raise TargetExists(path=str(target))
        audit_trail.record_event(self.db, self.actor, "encrypt", detail=f"encrypted copy -> {target}")
        private_dir(target.parent)
        try:
            encrypt_file(database, target, passphrase, source_passphrase=self.passphrase)
            problems = check_file(target, passphrase)
            if problems:
                raise BackupFailed(detail="; ".join(problems[:3]))
        except Exception:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            raise
        plaintext: list[Path] = []
        if self.passphrase is None:
            plaintext = [p for p in (database, Path(f"{database}-wal")) if p.exists()]
            plaintext += [info.path for info in self.list_backups()]
            plaintext += sorted(p for p in self.folder.glob(f"{database.stem}-*")
                                if p.is_file() and p not in plaintext)
        return EncryptedCopy(target, tuple(plaintext))

    def remove_plaintext(self, copy: EncryptedCopy, passphrase: str) -> tuple[Path, ...]:
        """Delete the plaintext copies named by :meth:`encrypt_copy` (the register itself
        included: work goes on in the encrypted one), and say so in the encrypted one's log."""
        self.actor.require(Permission.MANAGE_SETTINGS)
        self.db.dispose()
        removed = []
        for path in copy.plaintext:
            for candidate in (path, Path(f"{path}-shm")) if path == self.database else (path,):
                if candidate.exists():
                    candidate.unlink()
                    removed.append(candidate)
        from gridkeeper.storage.cipher import encrypted_url

        encrypted = Database(encrypted_url(copy.path, passphrase))
        try:
            audit_trail.record_event(encrypted, self.actor, "remove_plaintext", detail=(
                f"after encrypting: removed {len(removed)} plaintext files: "
                + ", ".join(p.name for p in removed)))
        finally:
            encrypted.dispose()
        return tuple(removed)

    # -- restoring ------------------------------------------------------------------------

    def restore(self, source: Path) -> BackupInfo | None:
        """Replace the database with ``source``; returns the safety copy of the old data.

        All or nothing: ``source`` is copied and checked beside the database first (it must
        be a sound GridKeeper database), the current data is backed up, and one rename swaps
        the files. Stale -wal/-shm files of the old database are checkpointed away or moved
        aside so they can never be replayed onto the restored one. Programs restore through
        :func:`gridkeeper.services.startup.restore_register`, which finds the administrator.
        """
        self.actor.require(Permission.RESTORE)
        staged = self.stage(source)
        try:
            return self.swap(staged, source)
        finally:
            staged.unlink(missing_ok=True)

    def stage(self, source: Path) -> Path:
        """A checked copy of ``source`` beside the database, ready for :meth:`swap`."""
        source = Path(source)
        if not source.is_file():
            raise BackupUnusable(path=str(source), detail="not found")
        database = self.database
        replacement = database.with_name(database.name + ".restoring.tmp")
        try:
            incoming = connect_file(source, self.passphrase, read_only=True)
            try:
                _copy_database(incoming, replacement, self.passphrase)
            finally:
                incoming.close()
            _refuse_foreign(replacement, self.passphrase)
        except Exception as error:
            replacement.unlink(missing_ok=True)
            detail = _reason(error)
            if isinstance(error, GridKeeperError):
                detail = str(error.params.get("detail", detail))
            raise BackupUnusable(path=str(source), detail=str(detail)) from error
        return replacement

    def swap(self, replacement: Path, source: Path) -> BackupInfo | None:
        """Put the staged ``replacement`` in place of the database (safety copy first)."""
        self.actor.require(Permission.RESTORE)
        database = self.database
        safety = self._safety_copy() if database.exists() else None
        self._let_go()
        self._move_aside_journal(database)
        os.replace(replacement, database)
        fsync_dir(database.parent)
        with self.db.transaction() as session:
            audit_trail.record(session, self.actor, "restore", detail=f"restored from {source}; "
                         f"previous data in {safety.path if safety else 'nothing (unreadable)'}")
        return safety

    def _safety_copy(self) -> BackupInfo | None:
        try:
            return self.take("before-restore")
        except Exception:  # noqa: BLE001 - a damaged database: keep its raw files instead
            folder = private_dir(self.folder, tighten=True)
            stamp = self.clock().strftime(_STAMP)
            for suffix in ("", "-wal", "-shm"):
                path = Path(str(self.database) + suffix)
                if path.exists():
                    target = folder / f"{self.database.stem}-{stamp}-damaged{suffix or '.db'}"
                    create_private(target)
                    target.write_bytes(path.read_bytes())
            return None

    def _let_go(self) -> None:
        try:
            with self.db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - damaged: the journal is moved aside below
            pass
        self.db.engine.dispose()

    def _move_aside_journal(self, database: Path) -> None:
        stamp = self.clock().strftime(_STAMP)
        for suffix in ("-wal", "-shm"):
            path = Path(str(database) + suffix)
            if path.exists():
                if path.stat().st_size == 0 or suffix == "-shm":
                    path.unlink()
                else:
                    private_dir(self.folder, tighten=True)
                    os.replace(path, self.folder / f"{database.stem}-{stamp}-stale{suffix}")


REGISTER_TABLES = ("alembic_version", "app_user", "audit_log", "household", "resident", "visit")


def _refuse_foreign(path: Path, passphrase: str | None) -> None:
    """Refuse a copy that is not a GridKeeper register of a schema this program knows; make
    sure a restored register is guarded like a new one (the audit log's triggers)."""
    from gridkeeper.storage import migrate
    from gridkeeper.storage.models.security import AUDIT_GUARD_SQLITE

    connection = connect_file(path, passphrase)
    try:
        tables = {str(r[0]) for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        missing = [t for t in REGISTER_TABLES if t not in tables]
        if missing:
            raise BackupFailed(detail="不是 GridKeeper 数据库（缺少 " + "、".join(missing)
                               + "） / not a GridKeeper database (lacks " + ", ".join(missing) + ")")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or not migrate.is_known(str(revision[0])):
            found = revision[0] if revision else "?"
            raise BackupFailed(detail=f"结构版本 {found} 未知（更新版本的程序所建？） / unknown "
                               f"schema version {found} (made by a newer GridKeeper?)")
        for statement in AUDIT_GUARD_SQLITE:
            connection.execute(statement)
    finally:
        connection.close()


def _reason(error: BaseException) -> str:
    """An error's text for a message: never SQL or its parameters."""
    return str(getattr(error, "orig", None) or error).splitlines()[0][:300]


def backup_before_migration(db: Database) -> Callable[[str | None, str], None]:
    """The ``before_migration`` hook of :func:`gridkeeper.storage.migrate.upgrade`."""

    def hook(current: str | None, head: str) -> None:
        if db.path is None or current is None:
            return  # a server database has its own backups; a new file has nothing to lose
        service = BackupService(db)
        service.take("before-migration")

    return hook


def describe(info: BackupInfo) -> T:
    when = info.taken_at.strftime("%Y-%m-%d %H:%M:%S")
    return T(f"{when} 的备份（{info.path.name}）", f"backup of {when} ({info.path.name})")
