"""The command line: init, demo and info through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gridkeeper.cli import main


def test_demo_then_info_json_reports_consistent_counts(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "demo", "--households", "300", "--seed", "1",
                 "--date", "2026-11-22"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert main(["--db", db, "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["households"] == made["households"] == 300
    assert info["residents"] == made["residents"]
    assert sum(info["households_by_status"].values()) == 300


def test_gridkeeper_env_variable_selects_the_database(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    done = subprocess.run([sys.executable, "-m", "gridkeeper", "init"], capture_output=True,
                          text=True, env={"GRIDKEEPER_DB": str(db), "PATH": ""}, check=True)
    assert str(db) in done.stdout
    assert db.exists()


def test_errors_are_printed_in_the_chosen_language(tmp_path: Path, capsys) -> None:
    future = tmp_path / "f.db"
    assert main(["--db", str(future), "init"]) == 0
    import sqlite3

    with sqlite3.connect(future) as c:
        c.execute("update alembic_version set version_num = 'zzzz'")
    assert main(["--db", str(future), "--lang", "en", "info"]) == 1
    assert "made by a newer GridKeeper" in capsys.readouterr().err
