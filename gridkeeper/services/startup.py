"""Opening a database at program start, the same way for the GUI and the command line.

Order matters: take the instance lock, warn about network shares, quick-check the file and
refuse a damaged one before anything writes to it (naming the newest good backup), and only
then migrate (a backup is taken before a migration) and seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.backup import BackupInfo, BackupService
from gridkeeper.services.facade import open_database
from gridkeeper.services.integrity import startup_check
from gridkeeper.storage.database import Database
from gridkeeper.storage.lock import InstanceLock, network_share_warning


@dataclass
class Opened:
    """A database ready for work, its lock (release at exit) and warnings to show."""

    db: Database
    lock: InstanceLock | None
    warnings: list[T] = field(default_factory=list)


def open_checked(url: str) -> Opened:
    """Lock, check, migrate. Raises DatabaseInUse or DatabaseDamaged (``.backup`` to offer)."""
    probe = Database(url)
    lock = None
    warnings: list[T] = []
    try:
        if probe.path is not None:
            probe.path.parent.mkdir(parents=True, exist_ok=True)
            lock = InstanceLock(probe.path)
            lock.acquire()
            warning = network_share_warning(probe.path)
            if warning is not None:
                warnings.append(warning)
            startup_check(probe).raise_if_damaged(probe.path)
    except Exception:
        if lock is not None:
            lock.release()
        raise
    finally:
        probe.dispose()
    try:
        db = open_database(url)
    except Exception:
        if lock is not None:
            lock.release()
        raise
    return Opened(db=db, lock=lock, warnings=warnings)


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
