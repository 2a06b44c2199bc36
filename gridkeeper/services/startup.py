"""Opening a database at program start, the same way for the GUI and the command line.

Order matters: take the instance lock, warn about network shares, quick-check the file and
refuse a damaged one before anything writes to it (naming the newest good backup), and only
then migrate (a backup is taken before a migration) and seed.

The desktop app cannot wait for quick_check at every start (it reads the whole file: a second
for 100,000 households, far more from a cold disk), so it may ask for the check to run in the
background (:class:`BackgroundCheck`) when no migration is due. Reading goes on meanwhile;
every write waits for the verdict at ``Database.transaction()`` and a damaged file raises
:class:`DatabaseDamaged` there instead of being written to.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.backup import BackupInfo, BackupService
from gridkeeper.services.facade import open_database
from gridkeeper.services.integrity import StartupCheck, startup_check
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database
from gridkeeper.storage.lock import InstanceLock, network_share_warning


class BackgroundCheck:
    """quick_check of the file on a thread of its own; writes wait for :meth:`verdict`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._result: StartupCheck | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="quick_check", daemon=True).start()

    def _run(self) -> None:
        try:
            self._result = startup_check(self.db)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            self._error = error
        finally:
            self._done.set()

    def verdict(self) -> StartupCheck:
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


def open_checked(url: str, check_in_background: bool = False) -> Opened:
    """Lock, check, migrate. Raises DatabaseInUse or DatabaseDamaged (``.backup`` to offer).

    ``check_in_background``: when no migration is due, quick_check runs while the caller goes
    on; ``Opened.check`` has the verdict and the database's writes wait for it.
    """
    probe = Database(url)
    lock = None
    warnings: list[T] = []
    background = False
    try:
        if probe.path is not None:
            probe.path.parent.mkdir(parents=True, exist_ok=True)
            lock = InstanceLock(probe.path)
            lock.acquire()
            warning = network_share_warning(probe.path)
            if warning is not None:
                warnings.append(warning)
            # a migration writes: the file must be known sound before it runs
            background = check_in_background and not _needs_upgrade(probe)
            if not background:
                startup_check(probe).raise_if_damaged(probe.path)
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
    return Opened(db=db, lock=lock, warnings=warnings, check=check)


def _needs_upgrade(db: Database) -> bool:
    try:
        return migrate.needs_upgrade(db)
    except Exception:  # noqa: BLE001 - unreadable: the synchronous check will say why
        return True


def restore_damaged(url: str, backup: Path, actor: Actor = SYSTEM) -> BackupInfo | None:
    """Replace a damaged database (found by :func:`open_checked`) with ``backup``.

    Used when the user accepts the offered backup at start: nobody can log in to a damaged
    database, so this runs as the system before any login. The damaged files are kept.
    """
    db = Database(url)
    try:
        return BackupService(db, actor).restore(backup)
    finally:
        db.dispose()
