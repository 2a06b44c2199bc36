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

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

SEQUENCE_BLOCK = 1000  # ids drawn from a sequence in one round trip


class NextIds:
    """Next free primary keys per model (max(id) on SQLite, the sequence elsewhere)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.next: dict[type, int] = {}
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
        number = self.next.get(model)
        if number is None:
            number = self._after_max(model)
        self.next[model] = number + 1
        return number

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
        first = self.next.get(model)
        if first is None:
            first = self._after_max(model)
        self.next[model] = first + count
        return list(range(first, first + count))

    def _after_max(self, model: type) -> int:
        top = self.session.scalar(select(func.max(model.id))) or 0  # type: ignore[attr-defined]
        return int(top) + 1

    def _draw(self, model: type, count: int) -> list[int]:
        return list(self.session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": model.__tablename__, "n": count}))  # type: ignore[attr-defined]
