"""Primary keys handed out before the rows are written.

A bulk writer that knows its rows' ids up front can insert them with one executemany and
write the rows that point at them (residents at households, assignments at residents, audit
entries at all three) without a RETURNING round trip per row, which costs the importer
about 0.75 ms per resident.

On SQLite the next ids are read once per model from max(id): only safe inside a write
transaction that holds the database's write lock (``Database.transaction()``: BEGIN
IMMEDIATE), so that nobody else takes the same numbers between the read and the insert. On
PostgreSQL they are drawn from the table's own sequence, a block at a time: rows inserted
with ids taken any other way leave the sequence behind, and every later insert that lets
the sequence number it then fails on a duplicate key (the demo once did exactly that).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

SEQUENCE_BLOCK = 1000  # ids drawn from a sequence in one round trip


class NextIds:
    """Next free primary keys per model (max(id) on SQLite, the sequence elsewhere)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # on SQLite: per model the ids not yet handed out, counted up from max(id) + 1
        self.counters: dict[type, Iterator[int]] = {}
        # ids drawn from a sequence and not yet handed out, the next one last (taken by pop)
        self.drawn: dict[type, list[int]] = {}
        self.from_sequence = session.get_bind().dialect.name == "postgresql"

    def take(self, model: type) -> int:
        """One id: a demo street takes some two million, one at a time."""
        if self.from_sequence:
            drawn = self.drawn.get(model)
            if not drawn:
                drawn = self.drawn[model] = self._draw(model, SEQUENCE_BLOCK)[::-1]
            return drawn.pop()
        return next(self._counter(model))

    def numbers(self, model: type) -> Iterator[int]:
        """The model's next ids one by one, shared with :meth:`take` and :meth:`take_many`.
        On SQLite this is a plain counter: ``next()`` on it costs no Python call, which counts
        for the two million ids of a demo street."""
        if self.from_sequence:
            return iter(functools.partial(self.take, model), None)
        return self._counter(model)

    def _counter(self, model: type) -> Iterator[int]:
        counter = self.counters.get(model)
        if counter is None:
            counter = self.counters[model] = itertools.count(self._after_max(model))
        return counter

    def take_many(self, model: type, count: int) -> list[int]:
        """``count`` ids in order (none for 0; on SQLite the table's max(id) is read then)."""
        if self.from_sequence:
            if count <= 0:
                return []
            drawn = self.drawn.setdefault(model, [])
            if len(drawn) < count:
                more = self._draw(model, max(count - len(drawn), SEQUENCE_BLOCK))
                drawn[:0] = more[::-1]  # after those drawn before
            taken = drawn[-count:][::-1]
            del drawn[-count:]
            return taken
        return list(itertools.islice(self._counter(model), max(count, 0)))

    def _after_max(self, model: type) -> int:
        top = self.session.scalar(select(func.max(model.id))) or 0  # type: ignore[attr-defined]
        return int(top) + 1

    def _draw(self, model: type, count: int) -> list[int]:
        return list(self.session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": model.__tablename__, "n": count}))  # type: ignore[attr-defined]
