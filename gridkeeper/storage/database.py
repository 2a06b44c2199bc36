"""Engine and session factory: one :meth:`Database.transaction` per user action.

SQLite is opened with foreign keys on, WAL journal and a busy timeout. Python's sqlite3
module would otherwise begin transactions lazily and commit behind our back; we take over
BEGIN ourselves so a failed action leaves nothing behind (SQLAlchemy's documented recipe).

Engines never put SQL parameters into their errors (``hide_parameters``): a failed insert
would otherwise carry a resident's ID number and phone into a traceback or a log. Encrypted
files get the same connection pool as plain ones (SQLAlchemy gives SQLCipher one connection
per thread, so a backup taken during an import asked the pool for the import's own
connection, inside its BEGIN IMMEDIATE, and waited for itself for ever).

Programs do not construct a :class:`Database` for the register themselves: they go through
:func:`gridkeeper.services.startup.open_checked` (lock, damage check, key, migration).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000


class Database:
    """A database the program works on, SQLite file or server URL."""

    def __init__(self, url: str, **engine_args: Any) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        engine_args.setdefault("hide_parameters", True)
        if self.is_sqlite:
            engine_args.setdefault("connect_args", {}).setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
            if self.path is not None:
                engine_args.setdefault("poolclass", QueuePool)
        self.engine: Engine = create_engine(self.url, **engine_args)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        elif self.url.get_backend_name() == "postgresql":
            _configure_postgresql(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._local = threading.local()  # this thread's open write transactions and pending work
        # set while the file is still being checked at start: every write first waits for the
        # verdict, and a damaged file raises instead of being written to
        self.write_gate: Callable[[], None] | None = None
        # SQLite: a user action takes the write lock at BEGIN (IMMEDIATE), so a second office
        # saving the same household waits and then sees the new version (ConcurrentEdit), rather
        # than failing with "database is locked" when its read snapshot turns out stale.
        self._writing = (sessionmaker(self.engine.execution_options(sqlite_begin="IMMEDIATE"),
                                      expire_on_commit=False)
                         if self.is_sqlite else self._sessions)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    def describe(self) -> str:
        """Where the data is, for the status bar and ``info`` (no password shown)."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit at the end, roll everything back on any error."""
        if self.write_gate is not None:
            self.write_gate()
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            with self._writing.begin() as session:
                yield session
        finally:
            self._local.depth -= 1
            if not self._local.depth:
                self._run_when_idle()

    def when_idle(self, work: Callable[[], None]) -> None:
        """Run ``work`` (a write of its own) now, or, inside this thread's write transaction,
        as soon as that has ended: a refusal noted mid-action is recorded after the action's
        rollback instead of waiting for the write lock its own thread holds."""
        pending = getattr(self._local, "pending", None)
        if pending is None:
            pending = self._local.pending = []
        pending.append(work)
        if not getattr(self._local, "depth", 0):
            self._run_when_idle()

    def _run_when_idle(self) -> None:
        pending = getattr(self._local, "pending", None) or []
        while pending:
            work = pending.pop(0)
            try:
                work()
            except Exception:  # noqa: BLE001 - a record that cannot be written must not mask the error
                pass

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look: rolled back at the end, whatever happened."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            # The register's statements are scans and index lookups of a second or less; the
            # server's JIT compiler (on by default) spent 0.18 s compiling the district's
            # roster lines, a 1 s statement, and saved nothing.
            cursor.execute("SET jit = off")
            # Grouping a district's 100,000 failed attempts by household spilled to disk at the
            # default 4 MB. One desktop holds a connection or two: the memory is there.
            cursor.execute("SET work_mem = '32MB'")
        dbapi_connection.commit()


# how every SQLite connection writes: through the write-ahead log, synced at checkpoints
SQLITE_JOURNAL = ("journal_mode = WAL", "synchronous = NORMAL")


def _configure_sqlite(engine: Engine) -> None:
    # Statements that bypass SQLAlchemy's types hand the driver date objects:
    # store them as SQLAlchemy does, ISO text (explicitly, not the deprecated default adapter)
    register = getattr(engine.dialect.dbapi, "register_adapter", None)
    if register is not None:
        register(date, date.isoformat)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        for pragma in SQLITE_JOURNAL:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN " + connection.get_execution_options().get("sqlite_begin", ""))
