"""Crash safety: an import of 50,000 residents killed with SIGKILL at random moments leaves
all of it or none.

Each run copies an empty migrated register and starts the real command line,
``gridkeeper --db DB import households FILE``, on a 50,000-resident CSV; the child is killed
at a random moment of an undisturbed import's duration, at least 20 times. After each kill
the database must pass ``integrity_check`` and hold either none or all of the import. A
write-ahead log left behind by a refused outcome proves the kill landed inside the writing
transaction, not only in the reading of the file; some kills must.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gridkeeper.services.facade import open_gridkeeper
from tests.io.sheets import HEADER, register_rows

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = 25_000  # two residents each: 50,000 residents
KILLS = 20


def _workbook(folder: Path) -> Path:
    path = folder / "台账.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(register_rows(HOUSEHOLDS, per_household=(2,)))
    return path


def _start(db: Path, sheet: Path) -> tuple[subprocess.Popen[bytes], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GRIDKEEPER_PASSWORD", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "gridkeeper", "--db", str(db), "import", "households", str(sheet)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return child, time.monotonic()


def _state(db: Path) -> tuple[str, int, int]:
    connection = sqlite3.connect(db)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        households = connection.execute("SELECT count(*) FROM household").fetchone()[0]
        residents = connection.execute("SELECT count(*) FROM resident").fetchone()[0]
    finally:
        connection.close()
    return verdict, households, residents


def _fresh(template: Path, db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, db)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_import_killed_at_random_moments_leaves_all_or_nothing(tmp_path: Path) -> None:
    template = tmp_path / "empty.db"
    open_gridkeeper(str(template)).close()
    sheet = _workbook(tmp_path)
    # two databases side by side halve the wall time; each sees KILLS / 2 kills
    dbs = [tmp_path / "crash-a.db", tmp_path / "crash-b.db"]
    # two undisturbed runs side by side tell how long an import takes here when two run at
    # once (on a loaded machine far more than one alone, and the kills must reach the write)
    for db in dbs:
        _fresh(template, db)
    calibration = [_start(db, sheet) for db in dbs]
    assert all(child.wait(timeout=600) == 0 for child, _started in calibration)
    duration = time.monotonic() - min(started for _child, started in calibration)
    assert all(_state(db) == ("ok", HOUSEHOLDS, 2 * HOUSEHOLDS) for db in dbs)

    rng = random.Random(20261123)
    outcomes = {"none": 0, "all": 0, "inside the write": 0}
    for run in range(KILLS // len(dbs)):
        for db in dbs:
            _fresh(template, db)
        children = [_start(db, sheet) for db in dbs]
        # from reading the file through the write to just after the commit
        deadlines = sorted((started + rng.uniform(0.25, 1.1) * duration, n)
                           for n, (_child, started) in enumerate(children))
        for deadline, n in deadlines:
            time.sleep(max(0.0, deadline - time.monotonic()))
            children[n][0].send_signal(signal.SIGKILL)
        for n, (child, _started) in enumerate(children):
            child.wait()
            wal = Path(str(dbs[n]) + "-wal")
            written = wal.exists() and wal.stat().st_size > 0
            verdict, households, residents = _state(dbs[n])
            assert verdict == "ok", (run, n, verdict)
            assert (households, residents) in ((0, 0), (HOUSEHOLDS, 2 * HOUSEHOLDS)), (
                run, n, households, residents)
            outcomes["all" if households else "none"] += 1
            outcomes["inside the write"] += bool(written and not households)
    assert outcomes["none"] + outcomes["all"] >= KILLS
    assert outcomes["inside the write"] > 0, outcomes  # the kills did interrupt writing
    for db in dbs:
        gk = open_gridkeeper(str(db))
        assert gk.integrity.check().ok
        gk.close()
