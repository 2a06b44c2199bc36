"""Rows written in bulk: one executemany per batch, values converted once per column.

Core's ``insert(table)`` with a list of dictionaries builds, converts and checks every value
of every row through the type system; for a demo street's 1.9 million rows or an import's
54,000 residents and their audit entries that costs more than the database's own work. A
:class:`BulkInsert` names its columns once, converts only the columns whose type needs it
(dates and times on SQLite, exactly as SQLAlchemy stores them), fills the columns it was not
given with their defaults (``version`` = 1 and the like) and hands plain tuples to the
driver. The rows are the same as Core's insert would write.

:func:`indexes_rebuilt_after` sets a table's indexes aside while many rows go in and builds
them again at the end: on SQLite a street's rows go in three times faster that way, since
each index is then sorted once instead of updated row by row.
:func:`rollback_journal` writes a new SQLite register's pages into the file once, not
through the write-ahead log first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, Engine, Table, literal, text
from sqlalchemy.sql import functions

from gridkeeper.storage.database import SQLITE_JOURNAL


class BulkInsert:
    """An INSERT of ``columns`` into ``table`` for many rows given as tuples in that order."""

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str], *,
                 stored: Collection[str] = ()) -> None:
        """``stored`` names columns whose values come as the driver takes them, already turned
        by :meth:`stored_form` (a demo's half a million visit dates, from a few hundred days)."""
        dialect = connection.dialect
        given = [table.c[name] for name in columns]
        self.table, self.dialect = table, dialect
        missing = [c for c in table.columns if c.name not in set(columns) and c.default is not None]
        if any(not c.default.is_scalar for c in missing):  # type: ignore[union-attr]
            raise ValueError(f"{table.name}: a column with a computed default must be given")
        self.connection = connection
        # the columns whose values the driver cannot take as they are (dates on SQLite, ...)
        self.processors = [(i, converter) for i, c in enumerate(given) if c.name not in stored
                           and (converter := _converter(c.type, dialect)) is not None]
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        # defaults (version = 1 ...) are written into the statement: rows that need no
        # conversion then go to the driver as they are, not rebuilt with the defaults added
        constants = [_literal(c.default.arg, c.type, dialect) for c in missing]  # type: ignore[union-attr]
        # SQLite works out CURRENT_TIMESTAMP for every row, a tenth of the time of a row of
        # three columns: the time of writing, in that text, is given once for the statement
        self.clocks = [c for c in table.columns if c.name not in set(columns)
                       and dialect.name == "sqlite" and _is_now(c.server_default)]
        names = ", ".join(quote(c.name) for c in (*given, *missing, *self.clocks))
        self.head = f"INSERT INTO {quote(table.name)} ({names}) VALUES ("
        self.values = ", ".join([marker] * len(given) + constants)

    @property
    def sql(self) -> str:
        """The statement for rows written now."""
        if not self.clocks:
            return f"{self.head}{self.values})"
        now = f"'{datetime.now(UTC):%Y-%m-%d %H:%M:%S}'"
        return f"{self.head}{', '.join([self.values, *[now] * len(self.clocks)])})"

    def stored_form(self, column: str) -> Callable[[Any], Any]:
        """What turns one value of ``column`` into what the driver takes: the text SQLite holds
        for a date, the value itself where the driver takes it as it is."""
        converter = _converter(self.table.c[column].type, self.dialect)
        if converter is None:
            return lambda value: value
        return lambda value: converter([value])[0]

    def rows(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert the rows (each a tuple in the order of the columns); return how many."""
        batch = rows if isinstance(rows, list) else list(rows)
        if not batch:
            return 0
        if self.processors:
            # column by column: a conversion is one list comprehension, not a loop per row
            columns: list[Sequence[Any]] = list(zip(*batch, strict=True))
            for i, converter in self.processors:
                columns[i] = converter(columns[i])
            batch = list(zip(*columns, strict=True))
        self.connection.exec_driver_sql(self.sql, batch)  # type: ignore[arg-type]
        return len(batch)


def _literal(value: Any, column_type: Any, dialect: Any) -> str:
    """A default as SQL text of the dialect (1, true, 'active')."""
    return str(literal(value, column_type).compile(
        dialect=dialect, compile_kwargs={"literal_binds": True}))


def _is_now(default: Any) -> bool:
    """Whether a server default is the time of writing (``func.now()``)."""
    return isinstance(getattr(default, "arg", None), functions.now)


def _converter(column_type: Any, dialect: Any) -> Callable[[Sequence[Any]], list[Any]] | None:
    """What turns a column's values into what the driver stores, None when nothing need.

    SQLAlchemy's own conversion, except for plain dates and times where it writes exactly
    what ``isoformat`` gives (SQLite's default text forms, checked here on a sample): that
    is a third of the cost, for the million visit dates and times of a demo street. Plain
    datetimes the same way (a street's needs and their history, an import's audit entries)."""
    process = column_type._cached_bind_processor(dialect)
    if process is None:
        return None
    sample_day, sample_time = date(987, 6, 5), time(9, 8, 7, 654)
    sample_moment = datetime.combine(sample_day, sample_time)
    plain_days = _gives(process, sample_day, sample_day.isoformat())
    plain_times = _gives(process, sample_time, sample_time.isoformat("microseconds"))
    plain_moments = _gives(process, sample_moment, sample_moment.isoformat(" ", "microseconds"))
    if plain_moments:
        return lambda values: [v.isoformat(" ", "microseconds")
                               if v.__class__ is datetime and v.tzinfo is None
                               else None if v is None else process(v) for v in values]
    if plain_days:
        return lambda values: [v.isoformat() if v.__class__ is date
                               else None if v is None else process(v) for v in values]
    if plain_times:
        return lambda values: [v.isoformat("microseconds") if v.__class__ is time and v.tzinfo is None
                               else None if v is None else process(v) for v in values]
    return lambda values: [None if v is None else process(v) for v in values]


def _gives(process: Callable[[Any], Any], value: Any, expected: str) -> bool:
    try:
        return bool(process(value) == expected)
    except (TypeError, ValueError, AttributeError):  # a column of another type
        return False


@contextmanager
def indexes_rebuilt_after(connection: Connection, tables: Iterable[str]) -> Iterator[None]:
    """Inside a write transaction: drop the indexes of ``tables``, let the caller insert, then
    create them again from their own definitions (a unique one checks every row then). On an
    error they are left dropped: the transaction's rollback brings them back. SQLite only; on
    other databases the indexes stay and are updated as rows go in."""
    if connection.dialect.name != "sqlite":
        yield
        return
    names = sorted(tables)
    marks = ", ".join(f":t{i}" for i in range(len(names)))
    indexes = connection.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
        f"AND tbl_name IN ({marks}) ORDER BY name"), {f"t{i}": n for i, n in enumerate(names)}).all()
    quote = connection.dialect.identifier_preparer.quote
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


@contextmanager
def rollback_journal(engine: Engine) -> Iterator[None]:
    """SQLite file: the rollback journal instead of WAL while one transaction fills a new
    register (a demo street). Through WAL every page is written twice, into the log and at the
    end from there into the file; the rollback journal keeps only the pages the file had
    before, and the new ones go into the file once. A crash half-way still leaves the register
    as it was (the journal undoes the transaction at the next opening); WAL comes back at the
    end, whatever happened.

    Idle connections are closed first, so the one that switches is the one that writes, with
    the full syncs the rollback journal asks for. A connection reading meanwhile would wait
    for the write: this is for a register nothing else uses yet (one that is being read when
    it starts is written through WAL as always). Elsewhere (a server, an in-memory database)
    nothing changes."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        yield
        return
    locked = engine.dialect.dbapi.OperationalError  # type: ignore[union-attr]
    engine.dispose()
    try:
        switched = _pragmas(engine, "journal_mode = DELETE", "synchronous = FULL") == "delete"
    except locked:  # a connection is reading: the rows go through WAL as always
        switched = False
    try:
        yield
    finally:
        if switched:
            try:
                _pragmas(engine, *SQLITE_JOURNAL)
            except locked:  # a reader came meanwhile: the next connection opened sets WAL
                engine.dispose()


def _pragmas(engine: Engine, *pragmas: str) -> Any:
    """Set the pragmas on a connection of the pool, outside any transaction; return what the
    first answered."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        answers = [cursor.execute(f"PRAGMA {pragma}").fetchone() for pragma in pragmas]
        cursor.close()
    finally:
        connection.close()
    return answers[0][0] if answers[0] else None
