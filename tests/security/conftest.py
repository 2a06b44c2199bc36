"""An office register to attack: a demo community of three grids, and one account per role.

The register is built once per test session through the real command line and copied for
each test, so every test starts from the same office. ``Office.run`` runs one command as a
user, the way a person at a terminal (or a script) would, and returns what they saw.

With ``GRIDKEEPER_TEST_DB`` (a PostgreSQL server, ``.ci/postgres.sh``) the office is a
database on that server, built once and copied per test as a template: every command then
goes through the same door to the server (``Office.location`` is its URL). Tests about the
SQLite file itself are marked ``sqlite_only``; reads behind the app's back go through
``Office.query`` on either.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from gridkeeper.cli import main
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.startup import open_checked
from tests.conftest import TEST_SERVER

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
    path: Path  # the SQLite file; on a server, where it would be (its folder holds the outputs)
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    url: str | None = None  # the server database, when the suite runs on one
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def location(self) -> str:
        """What ``--db`` names: the file, or the server database's URL."""
        return self.url or str(self.path)

    def query(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Rows of ``sql``, read behind the app's back (SQLite file or server)."""
        if self.url is None:
            with sqlite3.connect(self.path) as connection:
                return connection.execute(sql, params).fetchall()
        if self._engine is None:
            self._engine = create_engine(self.url)
        with self._engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def run(self, *args: str, user: str | None = None, password: str | None = PASSWORD,
            db: str | None = None, lang: str = "en") -> Seen:
        """One command as ``user`` (None: nobody logs in); stdout and stderr as seen."""
        self.capsys.readouterr()
        if password is None:
            self.monkeypatch.delenv("GRIDKEEPER_PASSWORD", raising=False)
        else:
            self.monkeypatch.setenv("GRIDKEEPER_PASSWORD", password)
        argv = ["--lang", lang, "--db", db or self.location]
        if user is not None:
            argv += ["--user", user]
        code = main([*argv, *args])
        seen = self.capsys.readouterr()
        return Seen(code, seen.out, seen.err)

    def audit(self) -> list[tuple[str, str, str | None]]:
        """(username, action, detail) of every audit line, oldest first (read behind the app's back)."""
        return self.query("SELECT username, action, detail FROM audit_log ORDER BY id")

    def audit_since(self, mark: int) -> list[tuple[str, str, str | None]]:
        return self.audit()[mark:]

    def grid_id(self, name: str) -> int:
        return int(self.query("SELECT id FROM grid WHERE name = :name", name=name)[0][0])


def _build(location: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = location
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
    if not TEST_SERVER:
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    capsys.readouterr()


_templates: dict[str, str] = {}  # each built register by kind: a file, or a template database on the server
_copies = iter(range(1, 1_000_000))


def _server_database(name: str) -> str:
    return make_url(TEST_SERVER).set(database=name).render_as_string(hide_password=False)  # type: ignore[arg-type]


def copied_register(kind: str, build: Callable[[str, pytest.CaptureFixture[str], pytest.MonkeyPatch], None],
                    request: pytest.FixtureRequest) -> Iterator[Office]:
    """A fresh copy of the register ``build`` makes, built once per test session under
    ``kind``: a file copied per test, or on a server a database made from a template."""
    tmp_path: Path = request.getfixturevalue("tmp_path")
    capsys: pytest.CaptureFixture[str] = request.getfixturevalue("capsys")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    monkeypatch.delenv("GRIDKEEPER_DB_KEY", raising=False)
    monkeypatch.delenv("GRIDKEEPER_DB", raising=False)
    path = tmp_path / f"{kind}.db"
    if not TEST_SERVER:
        if kind not in _templates:
            built = request.getfixturevalue("tmp_path_factory").mktemp(f"{kind}-template") / f"{kind}.db"
            build(str(built), capsys, monkeypatch)
            _templates[kind] = str(built)
        shutil.copyfile(_templates[kind], path)
        yield Office(path, capsys, monkeypatch)
        return
    admin = request.getfixturevalue("_server_admin")
    if kind not in _templates:
        name = f"gk_{kind}_{os.getpid()}"
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        build(_server_database(name), capsys, monkeypatch)
        _templates[kind] = name
    name = f"gk_{kind}_{os.getpid()}_{next(_copies)}"
    admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_templates[kind]}"'))
    office = Office(path, capsys, monkeypatch, url=_server_database(name))
    try:
        yield office
    finally:
        office.close()
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def office(request: pytest.FixtureRequest) -> Iterator[Office]:
    yield from copied_register("office", _build, request)


@contextmanager
def logged_in(office: Office, username: str) -> Iterator[GridKeeper]:
    """``username`` logged in through the door the desktop app uses."""
    opened = open_checked(office.location)
    try:
        yield GridKeeper(opened.db, AccountService(opened.db, SYSTEM).login(username, PASSWORD))
    finally:
        opened.db.dispose()
        if opened.lock is not None:
            opened.lock.release()
