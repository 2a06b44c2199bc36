"""The one way in to a register, the same for the GUI and every command of the command line.

:func:`open_checked` is the door: it resolves the database (``--db``, ``$GRIDKEEPER_DB`` or the
default, keyed with ``$GRIDKEEPER_DB_KEY``), takes the instance lock, warns about network
shares, removes what killed writers left behind, looks at the file and refuses anything
but a sound GridKeeper register before anything writes to it (an empty or foreign file, a
wrong passphrase, damage: naming the newest good backup), and only then migrates (a backup
is taken before a migration) and seeds. A new register is built under a temporary name and
renamed into place when complete, so the register's path never holds a half-made file.
Who acts is decided after it (``cli/session.py``, ``ui/startup.py``): a login once accounts
exist.

The desktop app cannot wait for quick_check at every start (it reads the whole file: a second
for 100,000 households, far more from a cold disk), so it may ask for the check to run in the
background (:class:`BackgroundCheck`) when no migration is due. Reading goes on meanwhile;
every write waits for the verdict at ``Database.transaction()`` and a damaged file raises
:class:`DatabaseDamaged` there instead of being written to.

:func:`restore_register` replaces a register with a backup; it needs an administrator of
the register when it can be read, else of the backup.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import SYSTEM, Actor, Permission
from gridkeeper.files import Outputs, clear_leftovers, fsync_dir, make_private, private_dir
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.backup import FOLDER_NAME, BackupInfo, BackupService
from gridkeeper.services.facade import open_database
from gridkeeper.services.integrity import StartupCheck, startup_check
from gridkeeper.settings import database_url
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database
from gridkeeper.storage.lock import InstanceLock, network_share_warning

Login = Callable[[AccountService], Actor]


class BackgroundCheck:
    """quick_check of the file on a thread of its own; writes wait for :meth:`verdict`.

    It starts when asked (:meth:`start`) or when someone first waits for the verdict: the
    desktop app starts it once the window is up, because the check reads the whole file (half
    a second of a core at 100,000 households) and on a two-core office PC it would otherwise
    take a core from the first page's queries.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._result: StartupCheck | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._started = False
        self._starting = threading.Lock()

    def start(self) -> None:
        """Begin the check (once; later calls do nothing)."""
        with self._starting:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, name="quick_check", daemon=True).start()

    def _run(self) -> None:
        try:
            self._result = startup_check(self.db)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            self._error = error
        finally:
            self._done.set()

    def verdict(self) -> StartupCheck:
        self.start()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def gate(self) -> None:
        """The database's write gate: returns once the file is known sound."""
        assert self.db.path is not None
        self.verdict().raise_if_damaged(self.db.path)


@dataclass
class Opened:
    """A database ready for work, its lock (release at exit) and warnings to show."""

    db: Database
    lock: InstanceLock | None
    warnings: list[T] = field(default_factory=list)
    check: BackgroundCheck | None = None  # still running: see :func:`open_checked`


def open_checked(location: str | None, check_in_background: bool = False) -> Opened:
    """Lock, check, migrate. Raises DatabaseInUse, DatabaseDamaged (``.backup`` to offer),
    NotARegister, WrongKey or NotEncrypted, with nothing written.

    ``location``: a path, a SQLAlchemy URL or None (``$GRIDKEEPER_DB``, then the default).
    ``check_in_background``: when no migration is due, quick_check runs while the caller goes
    on; ``Opened.check`` has the verdict and the database's writes wait for it.
    """
    url = database_url(location)
    probe = Database(url)
    lock = None
    warnings: list[T] = []
    background = False
    try:
        if probe.path is not None:
            private_dir(probe.path.parent)
            lock = InstanceLock(probe.path)
            lock.acquire()
            warning = network_share_warning(probe.path)
            if warning is not None:
                warnings.append(warning)
            clear_leftovers(*_leftover_places(probe.path))
            if not probe.path.exists():
                _create_register(url, probe.path)
            make_private(probe.path)
            # what the file is (empty, foreign, keyed otherwise) before anything opens it for
            # work: even setting its journal mode would write to it
            startup_check(probe, full=False).raise_if_damaged(probe.path)
            # a migration writes: the file must be known sound before it runs
            background = check_in_background and not _needs_upgrade(probe)
            if not background:
                startup_check(probe).raise_if_damaged(probe.path)
        else:  # a server database: what killed writers left of their output files all the same
            clear_leftovers()
    except Exception:
        if lock is not None:
            lock.release()
        raise
    finally:
        probe.dispose()
    try:
        try:
            db = open_database(url)
        except Exception:
            if background:  # unreadable where the check was skipped: say it is damaged
                startup_check(Database(url)).raise_if_damaged(probe.path)  # type: ignore[arg-type]
            raise
    except Exception:
        if lock is not None:
            lock.release()
        raise
    check = None
    if background:
        check = BackgroundCheck(db)
        db.write_gate = check.gate
    else:
        _clear_backup_leftovers(db)
    return Opened(db=db, lock=lock, warnings=warnings, check=check)


def _leftover_places(database: Path) -> list[tuple[Path, str]]:
    return [(database.parent, database.name + "."), (database.parent / FOLDER_NAME, database.stem + "-")]


def _clear_backup_leftovers(db: Database) -> None:
    """Half-written backups in the office's own backup folder (设置), once the file is sound."""
    from gridkeeper.services.facade import GridKeeper

    if db.path is None:
        return
    try:
        folder = GridKeeper(db, SYSTEM).backups.folder
    except Exception:  # noqa: BLE001 - the settings cannot be read: the default folder was cleared
        return
    clear_leftovers((folder, db.path.stem + "-"))


def _create_register(url: str, path: Path) -> None:
    """Build a new register beside ``path`` and rename it into place when complete."""
    outputs = Outputs()
    try:
        temporary = outputs.path_for(path)
        db = open_database(make_url(url).set(database=str(temporary)).render_as_string(hide_password=False))
        db.dispose()  # the last connection checkpoints the -wal into the file
        if path.exists():  # someone made it meanwhile (we hold the lock: a foreign writer)
            raise FileExistsError(str(path))
        outputs.publish()
    finally:
        for suffix in ("-wal", "-shm", "-journal"):
            for pending, _final in outputs.pending:
                Path(str(pending) + suffix).unlink(missing_ok=True)
        outputs.discard()
    fsync_dir(path.parent)


def _needs_upgrade(db: Database) -> bool:
    """Whether a migration is due, read without writing (a read-only connection)."""
    from gridkeeper.storage.cipher import connect_file, passphrase_of

    assert db.path is not None
    try:
        connection = connect_file(db.path, passphrase_of(db.url), read_only=True)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                return True
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except Exception:  # noqa: BLE001 - unreadable: the synchronous check will say why
        return True
    return found is None or found[0] != migrate.HEAD


# -- restoring ---------------------------------------------------------------------------


def restore_register(location: str | None, source: Path, login: Login | None = None) -> BackupInfo | None:
    """Replace the register with the backup ``source``; returns the safety copy of the old data.

    Restoring needs an administrator: of the current register when it can be read and has
    accounts, else of the backup (checked without writing to it). ``login`` is asked for the
    user (the command line's ``--user`` and password, the GUI's login dialog); without it,
    a register or backup with accounts is refused. A file that is not a sound GridKeeper
    database is refused before anything changes. The instance lock is held throughout.
    """
    url = database_url(location)
    db = Database(url)
    lock = None
    try:
        if db.path is not None:
            lock = InstanceLock(db.path)
            lock.acquire()
        actor = _administrator_of_current(db, login)
        staged = BackupService(db, SYSTEM).stage(Path(source))
        try:
            if actor is None:
                actor = _administrator_of_backup(db, staged, login)
            return BackupService(db, actor).swap(staged, Path(source))
        finally:
            staged.unlink(missing_ok=True)
    finally:
        db.dispose()
        if lock is not None:
            lock.release()


def _administrator_of_current(db: Database, login: Login | None) -> Actor | None:
    """The administrator who restores, when the current register can be read and has accounts."""
    if db.path is not None and (not db.path.exists() or not startup_check(db).ok):
        return None  # missing, empty, damaged or foreign: the backup's administrators decide
    accounts = AccountService(db, SYSTEM)
    try:
        has_users = accounts.has_users()
    except Exception:  # noqa: BLE001 - not a register (yet): nobody to ask here
        return None
    if not has_users:
        return None
    return _require_restore(_ask(login, accounts))


def _administrator_of_backup(db: Database, staged: Path, login: Login | None) -> Actor:
    copy = Database(make_url(str(db.url)).set(database=str(staged)).render_as_string(hide_password=False))
    try:
        accounts = AccountService(copy, SYSTEM, records=False)
        if not accounts.has_users():
            return SYSTEM
        return _require_restore(_ask(login, accounts))
    finally:
        copy.dispose()


def _ask(login: Login | None, accounts: AccountService) -> Actor:
    if login is None:
        from gridkeeper.domain.errors import LoginRequired

        raise LoginRequired()
    return login(accounts)


def _require_restore(actor: Actor) -> Actor:
    actor.require(Permission.RESTORE)
    return actor


def remove_file_and_journal(path: Path) -> None:
    """Remove a database file with its -wal and -shm (the plaintext copies after encrypt)."""
    for suffix in ("-wal", "-shm", ""):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            os.remove(candidate)
