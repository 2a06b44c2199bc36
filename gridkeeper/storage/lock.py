"""One running GridKeeper per database: a lock file next to it naming who holds it.

The lock file ``<database>.lock`` holds the pid, host and user of the holder as JSON. A lock
left by a process that no longer runs on this host (a crash, a killed process) is taken
over; a live holder makes a second start fail with a message naming them. Qt-free on
purpose: the command line takes the same lock as the GUI.

SQLite's WAL mode needs shared memory that network file systems do not provide, so a
database on a network share is warned about (``network_share_warning``).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gridkeeper.domain.errors import DatabaseInUse
from gridkeeper.domain.i18n import T

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "fuse.sshfs", "sshfs",
    "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone",
})


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    since: str


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some service accounts
        user = "?"
    return Holder(pid=os.getpid(), host=socket.gethostname(), user=user,
                  since=datetime.now().isoformat(timespec="seconds"))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's live process
        return True
    return True


class InstanceLock:
    """The lock on one database file; use as a context manager or acquire/release."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.path = self.database.with_name(self.database.name + ".lock")
        self._held = False

    def holder(self) -> Holder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(pid=int(data["pid"]), host=str(data["host"]), user=str(data["user"]),
                          since=str(data.get("since", "?")))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, OSError):
            # a half-written lock (crash while writing it) holds nobody
            return Holder(pid=0, host=socket.gethostname(), user="?", since="?")

    def acquire(self) -> None:
        me = _me()
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                held = self.holder()
                if held is None:
                    continue  # released between our two looks
                if not self._stale(held, me):
                    raise DatabaseInUse(path=str(self.database), user=held.user, host=held.host,
                                        pid=held.pid, since=held.since) from None
                # the holder died (or it is ourselves): take the lock over
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(me.__dict__, out)
            self._held = True
            return
        held = self.holder() or me
        raise DatabaseInUse(path=str(self.database), user=held.user, host=held.host,
                            pid=held.pid, since=held.since)

    @staticmethod
    def _stale(held: Holder, me: Holder) -> bool:
        if held.host != me.host:
            # we cannot see processes on another PC; only its owner can clear that lock
            return False
        return held.pid == me.pid or not _alive(held.pid)

    def release(self) -> None:
        if not self._held:
            return
        held = self.holder()
        if held is not None and held.pid == os.getpid():
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
        self._held = False

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def is_network_path(path: Path) -> bool:
    """True when ``path`` lies on a network file system (SMB/NFS share, mapped drive)."""
    path = Path(path).resolve()
    text = str(path)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
    return _mount_type(path) in NETWORK_FILESYSTEMS


def _mount_type(path: Path, mounts: str = "/proc/mounts") -> str | None:
    try:
        lines = Path(mounts).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    best, kind = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def network_share_warning(path: Path) -> T | None:
    """The warning to show when the database sits on a network share, else None."""
    if not is_network_path(path):
        return None
    return T(
        f"数据库“{path}”位于网络共享上：SQLite 的 WAL 模式在网络共享上不可靠，可能损坏数据。"
        "请把数据库放在本机硬盘上",
        f"Database “{path}” is on a network share: SQLite's WAL mode does not work reliably "
        "there and data may be damaged. Keep the database on a local disk",
    )
