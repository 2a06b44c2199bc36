"""An office register to attack: a demo community of three grids, and one account per role.

The register is built once per test session through the real command line and copied for
each test, so every test starts from the same office. ``Office.run`` runs one command as a
user, the way a person at a terminal (or a script) would, and returns what they saw.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gridkeeper.cli import main

PASSWORD = "correct horse 7"
TODAY = "2026-11-20"
WEEK = "2026-W47"
USERS = {  # name -> (role, grids)
    "admin": ("admin", ()),
    "staff": ("staff", ()),
    "leader": ("grid_leader", ("第1网格",)),
    "boss": ("supervisor", ()),
}


@dataclass
class Seen:
    code: int
    out: str
    err: str


@dataclass
class Office:
    path: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch

    def run(self, *args: str, user: str | None = None, password: str | None = PASSWORD,
            db: str | None = None, lang: str = "en") -> Seen:
        """One command as ``user`` (None: nobody logs in); stdout and stderr as seen."""
        self.capsys.readouterr()
        if password is None:
            self.monkeypatch.delenv("GRIDKEEPER_PASSWORD", raising=False)
        else:
            self.monkeypatch.setenv("GRIDKEEPER_PASSWORD", password)
        argv = ["--lang", lang, "--db", db or str(self.path)]
        if user is not None:
            argv += ["--user", user]
        code = main([*argv, *args])
        seen = self.capsys.readouterr()
        return Seen(code, seen.out, seen.err)

    def audit(self) -> list[tuple[str, str, str | None]]:
        """(username, action, detail) of every audit line, oldest first (read behind the app's back)."""
        with sqlite3.connect(self.path) as connection:
            return connection.execute(
                "SELECT username, action, detail FROM audit_log ORDER BY id").fetchall()

    def audit_since(self, mark: int) -> list[tuple[str, str, str | None]]:
        return self.audit()[mark:]

    def grid_id(self, name: str) -> int:
        with sqlite3.connect(self.path) as connection:
            return int(connection.execute("SELECT id FROM grid WHERE name = ?", (name,)).fetchone()[0])


def _build(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    path = folder / "office.db"
    monkeypatch.setenv("GRIDKEEPER_NEW_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "demo", "--households", "200", "--seed", "2", "--date", TODAY]) == 0
    assert main(["--db", str(path), "user", "add", "admin", "--role", "admin"]) == 0
    monkeypatch.setenv("GRIDKEEPER_PASSWORD", PASSWORD)
    for name, (role, grids) in USERS.items():
        if name == "admin":
            continue
        extra = [arg for grid in grids for arg in ("--grid", grid)]
        assert main(["--db", str(path), "--user", "admin", "user", "add", name, "--role", role,
                     *extra]) == 0
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    capsys.readouterr()
    return path


_template: list[Path] = []


@pytest.fixture
def office(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    monkeypatch.delenv("GRIDKEEPER_DB_KEY", raising=False)
    monkeypatch.delenv("GRIDKEEPER_DB", raising=False)
    if not _template:
        _template.append(_build(tmp_path_factory.mktemp("office-template"), capsys, monkeypatch))
    path = tmp_path / "office.db"
    shutil.copyfile(_template[0], path)
    yield Office(path, capsys, monkeypatch)
