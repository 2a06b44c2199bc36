"""Crash safety: an import killed with SIGKILL at random moments leaves all of it or none.

A child process imports households with their residents in one transaction (see
``crash_child.py``); it is killed at a random moment at least 20 times. After each kill the
database must pass ``integrity_check`` and hold either none or all of that import.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gridkeeper.services.facade import open_gridkeeper

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = 250  # 500 residents per import; the loop is the register service's, row by row
KILLS = 20


def _start(db: Path, prefix: str) -> tuple[subprocess.Popen[str], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    errors = db.with_name(db.name + ".child-stderr")
    with open(errors, "w") as stderr:
        child = subprocess.Popen([sys.executable, str(CHILD), str(db), prefix, str(HOUSEHOLDS)],
                                 stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "started", errors.read_text()
    return child, time.monotonic()


def _state(db: Path, prefix: str) -> tuple[str, int, int]:
    connection = sqlite3.connect(db)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        households = connection.execute(
            "SELECT count(*) FROM household WHERE code LIKE ?", (prefix + "-%",)).fetchone()[0]
        residents = connection.execute(
            "SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
            "WHERE h.code LIKE ?", (prefix + "-%",)).fetchone()[0]
    finally:
        connection.close()
    return verdict, households, residents


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_import_killed_at_random_moments_leaves_all_or_nothing(tmp_path: Path) -> None:
    # two databases side by side halve the wall time; each sees KILLS / 2 kills
    dbs = [tmp_path / "crash-a.db", tmp_path / "crash-b.db"]
    for db in dbs:
        open_gridkeeper(str(db)).close()
    # one undisturbed run tells how long an import takes here
    child, started = _start(dbs[0], "calibrate")
    assert child.stdout is not None and child.stdout.readline().strip() == "done"
    duration = time.monotonic() - started
    child.wait()
    child.stdout.close()
    assert _state(dbs[0], "calibrate") == ("ok", HOUSEHOLDS, 2 * HOUSEHOLDS)

    rng = random.Random(20261122)
    outcomes = {"none": 0, "all": 0}
    for run in range(KILLS // len(dbs)):
        prefix = f"run{run:02d}"
        children = [_start(db, prefix) for db in dbs]
        # most kills land inside the transaction, some around and after the commit
        deadlines = sorted((started + rng.uniform(0.0, duration * 1.15), n)
                           for n, (_child, started) in enumerate(children))
        for deadline, n in deadlines:
            time.sleep(max(0.0, deadline - time.monotonic()))
            children[n][0].send_signal(signal.SIGKILL)
        for n, (child, _started) in enumerate(children):
            child.wait()
            assert child.stdout is not None
            child.stdout.close()
            verdict, households, residents = _state(dbs[n], prefix)
            assert verdict == "ok", (run, n, verdict)
            assert (households, residents) in ((0, 0), (HOUSEHOLDS, 2 * HOUSEHOLDS)), (
                run, n, households, residents)
            outcomes["all" if households else "none"] += 1
    assert sum(outcomes.values()) >= KILLS
    assert outcomes["none"] > 0  # the kills did interrupt imports
    for db in dbs:
        gk = open_gridkeeper(str(db))
        assert gk.integrity.check().ok
        gk.close()
