"""One running instance per database; stale locks taken over; network shares warned about."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gridkeeper.domain.errors import DatabaseInUse
from gridkeeper.storage import lock as lockmod
from gridkeeper.storage.lock import InstanceLock, network_share_warning


def _write_holder(path: Path, pid: int, host: str | None = None, user: str = "小王") -> None:
    path.write_text(json.dumps({"pid": pid, "host": host or socket.gethostname(), "user": user,
                                "since": "2026-03-02T09:00:00"}), encoding="utf-8")


def test_lock_file_names_the_holder_and_goes_away(tmp_path: Path) -> None:
    db = tmp_path / "register.db"
    with InstanceLock(db) as held:
        holder = held.holder()
        assert holder is not None and holder.pid == os.getpid()
        assert held.path == tmp_path / "register.db.lock"
    assert not held.path.exists()


def test_second_start_is_told_who_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "register.db"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_holder(tmp_path / "register.db.lock", child.pid)
        with pytest.raises(DatabaseInUse) as refused:
            InstanceLock(db).acquire()
        message = str(refused.value)
        assert "小王" in message and str(child.pid) in message and socket.gethostname() in message
    finally:
        child.kill()
        child.wait()


def test_stale_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # the pid is dead now
    _write_holder(tmp_path / "register.db.lock", child.pid)
    lock = InstanceLock(tmp_path / "register.db")
    lock.acquire()
    holder = lock.holder()
    assert holder is not None and holder.pid == os.getpid()
    lock.release()


def test_lock_from_another_pc_is_respected(tmp_path: Path) -> None:
    _write_holder(tmp_path / "register.db.lock", 1, host="other-pc")
    with pytest.raises(DatabaseInUse, match="other-pc"):
        InstanceLock(tmp_path / "register.db").acquire()


def test_a_half_written_lock_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / "register.db.lock").write_text("{", encoding="utf-8")
    with InstanceLock(tmp_path / "register.db"):
        pass


def test_network_share_is_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert network_share_warning(tmp_path / "register.db") is None
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//nas/office {tmp_path} cifs rw 0 0\n", encoding="utf-8")
    original = lockmod._mount_type
    monkeypatch.setattr(lockmod, "_mount_type", lambda path: original(path, str(mounts)))
    warning = network_share_warning(tmp_path / "register.db")
    assert warning is not None and "网络共享" in warning.zh and "network share" in warning.en
