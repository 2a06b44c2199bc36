"""A demo filling a new SQLite register writes through the rollback journal: a failure or a
crash half-way leaves the register empty and whole, and WAL is back afterwards."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gridkeeper.services import demo
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

pytestmark = pytest.mark.sqlite_only
OPTIONS = DemoOptions(households=3000, seed=3, today=date(2026, 11, 20))


def _state(path: Path) -> tuple[str, str, int]:
    """(journal mode, integrity check, households) as a fresh connection finds the file."""
    connection = sqlite3.connect(path)
    try:
        return (connection.execute("PRAGMA journal_mode").fetchone()[0],
                connection.execute("PRAGMA integrity_check").fetchone()[0],
                connection.execute("SELECT count(*) FROM household").fetchone()[0])
    finally:
        connection.close()


def test_a_new_register_is_back_in_wal_after_its_demo(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    gk = open_gridkeeper(str(path))
    gk.demo.generate(OPTIONS)
    with gk.db.engine.connect() as connection:  # the pool's connections write through WAL again
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    gk.close()
    assert _state(path) == ("wal", "ok", 3000)


def test_a_demo_that_fails_half_way_leaves_the_new_register_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: object) -> None:
        raise RuntimeError("stopped")

    monkeypatch.setattr(demo._Builder, "add_supervision", fail)
    path = tmp_path / "failed.db"
    gk = open_gridkeeper(str(path))
    with pytest.raises(RuntimeError):
        gk.demo.generate(OPTIONS)
    with gk.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    gk.close()
    assert _state(path) == ("wal", "ok", 0)


CRASH = """
import os, sys
from datetime import date
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

def progress(share, text):
    if share > 0.5:  # half the street drawn and partly in the file: the process dies
        os._exit(9)

gk = open_gridkeeper(sys.argv[1])
gk.demo.generate(DemoOptions(households=3000, seed=3, today=date(2026, 11, 20)), progress=progress)
"""


def test_a_crash_half_way_leaves_the_new_register_empty(tmp_path: Path) -> None:
    path = tmp_path / "crashed.db"
    open_gridkeeper(str(path)).close()
    empty = path.stat().st_size
    died = subprocess.run([sys.executable, "-c", CRASH, str(path)], check=False)
    assert died.returncode == 9
    assert path.stat().st_size > empty  # pages of the half-made street had reached the file
    assert _state(path)[1:] == ("ok", 0)  # the journal undid them at the next opening
    gk = open_gridkeeper(str(path))
    assert gk.info.counts()["households"] == 0
    gk.demo.generate(OPTIONS)  # and the register takes a demo as a new one
    gk.close()
    assert _state(path) == ("wal", "ok", 3000)


def test_a_register_being_read_gets_its_demo_through_wal(tmp_path: Path) -> None:
    path = tmp_path / "read.db"
    gk = open_gridkeeper(str(path))
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM household").fetchone() == (0,)
    gk.demo.generate(DemoOptions(households=300, seed=3, today=date(2026, 11, 20)))
    assert reader.execute("SELECT count(*) FROM household").fetchone() == (0,)  # its snapshot
    reader.execute("COMMIT")
    reader.close()
    gk.close()
    assert _state(path) == ("wal", "ok", 300)


def test_after_a_crash_half_way_the_register_opens_empty_through_the_door(tmp_path: Path) -> None:
    """The start-up check looks at the file read-only, which cannot play a journal back: it
    must not take the unfinished demo for damage, nor the disk for failing."""
    from gridkeeper.services.startup import open_checked

    path = tmp_path / "crashed.db"
    open_gridkeeper(str(path)).close()
    died = subprocess.run([sys.executable, "-c", CRASH, str(path)], check=False)
    assert died.returncode == 9 and Path(f"{path}-journal").exists()
    opened = open_checked(str(path))
    try:
        assert not Path(f"{path}-journal").exists()
        gk = GridKeeper(opened.db)
        assert gk.info.counts()["households"] == 0
    finally:
        opened.db.dispose()
        opened.lock.release()  # type: ignore[union-attr]
    done = subprocess.run([sys.executable, "-m", "gridkeeper", "--db", str(path), "info"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
