"""Rows written in bulk: one executemany per batch, values converted once per column.

Core's ``insert(table)`` with a list of dictionaries builds, converts and checks every value
of every row through the type system; for a demo street's 1.9 million rows or an import's
54,000 residents and their audit entries that costs more than the database's own work. A
:class:`BulkInsert` names its columns once, converts only the columns whose type needs it
(dates and times on SQLite, exactly as SQLAlchemy stores them), fills the columns it was not
given with their defaults (``version`` = 1 and the like) and hands plain tuples to the
driver. The rows are the same as Core's insert would write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table


class BulkInsert:
    """An INSERT of ``columns`` into ``table`` for many rows given as tuples in that order."""

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        dialect = connection.dialect
        given = [table.c[name] for name in columns]
        missing = [c for c in table.columns if c.name not in set(columns) and c.default is not None]
        if any(not c.default.is_scalar for c in missing):  # type: ignore[union-attr]
            raise ValueError(f"{table.name}: a column with a computed default must be given")
        defaults = missing
        self.connection = connection
        self.width = len(given)
        self.constants = tuple(c.default.arg for c in defaults)  # type: ignore[union-attr]
        # the columns whose values the driver cannot take as they are (dates on SQLite, ...)
        self.processors = [(i, processor) for i, c in enumerate(given)
                           if (processor := c.type._cached_bind_processor(dialect)) is not None]
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        names = ", ".join(quote(c.name) for c in (*given, *defaults))
        markers = ", ".join([marker] * (len(given) + len(defaults)))
        self.sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({markers})"

    def rows(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert the rows (each a tuple in the order of the columns); return how many."""
        batch = rows if isinstance(rows, list) else list(rows)
        if not batch:
            return 0
        if self.processors or self.constants:
            # column by column: a conversion is one list comprehension, not a loop per row
            columns: list[Sequence[Any]] = list(zip(*batch, strict=True)) if self.width else []
            for i, processor in self.processors:
                columns[i] = [None if v is None else processor(v) for v in columns[i]]
            columns += [[constant] * len(batch) for constant in self.constants]
            batch = list(zip(*columns, strict=True))
        self.connection.exec_driver_sql(self.sql, batch)  # type: ignore[arg-type]
        return len(batch)
