"""Reusing stored standings: which grids' stored results still hold, claiming grids for
computation and publishing the results (see :mod:`gridkeeper.storage.models.standing`).

A stored result of a grid holds for a later or earlier "as of" day as long as no visit of
that grid is dated between the two days: visits recorded after the computation already
forgot the grid through the triggers, so only visits dated ahead of their recording (or a
roster asked for an earlier day) need this check.

Claim, compute, publish: claiming writes ``pending`` markers in a short transaction; the
caller computes from its own read snapshot; publishing, in a second short transaction,
replaces the grids' entries and turns the markers that survived into valid ones. A write
committed meanwhile deleted its grid's marker, so that grid's entries are written for this
caller but the next reader computes them again. No long write lock is held while computing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import DeclarativeBase

from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Building, Grid, Household, StandingGrid, Visit

CHUNK = 5000  # ids per IN list (SQLite allows 32766 variables)


@dataclass(frozen=True)
class StandingKey:
    """What is stored: ``kind`` ("roster", "completion") for the days ``start``..``end``."""

    kind: str
    start: date
    end: date

    def matches(self) -> tuple[Any, ...]:
        return (StandingGrid.kind == self.kind, StandingGrid.span_start == self.start,
                StandingGrid.span_end == self.end)


def _parts(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i:i + CHUNK])


def grids_in_scope(conn: Connection, grid_ids: Collection[int] | None) -> set[int]:
    """Every grid id the scope covers (None: all grids)."""
    if grid_ids is not None:
        return set(grid_ids)
    return set(conn.execute(select(Grid.id)).scalars())


def fresh_grids(conn: Connection, key: StandingKey, scope: Collection[int], as_of: date,
                judged_on: Callable[[date], date] | None = None) -> set[int]:
    """The grids of ``scope`` whose stored results hold for ``as_of``.

    ``judged_on`` maps an "as of" day to the day the results are judged on (a roster printed
    on Wednesday is judged on Wednesday): results stored for a day judged differently do
    not hold, visits or not.
    """
    query = (select(StandingGrid.grid_id, StandingGrid.as_of)
             .where(*key.matches(), StandingGrid.pending.is_(None)))
    if len(scope) <= CHUNK // 10:  # a grid leader's few grids: seek them
        query = query.where(StandingGrid.grid_id.in_(sorted(scope)))
    rows = conn.execute(query).all()
    wanted = set(scope)
    stored = {grid: day for grid, day in rows if grid in wanted}
    if judged_on is not None:
        stored = {g: day for g, day in stored.items() if judged_on(day) == judged_on(as_of)}
    other_days = {day for day in stored.values() if day != as_of}
    if other_days:
        low, high = min(*other_days, as_of), max(*other_days, as_of)
        # grids with a visit of any outcome (last attempts are stored too) dated between
        touched = set(conn.execute(
            select(Building.grid_id).distinct()
            .join(Household, Household.building_id == Building.id)
            .join(Visit, Visit.household_id == Household.id)
            .where(Visit.visit_date > low, Visit.visit_date <= high)).scalars())
        stored = {g: day for g, day in stored.items() if day == as_of or g not in touched}
    return set(stored)


def claim(db: Database, key: StandingKey, grids: Collection[int], as_of: date) -> str:
    """Mark ``grids`` as being computed; returns the claim's token."""
    token = uuid.uuid4().hex
    ordered = sorted(grids)
    with db.transaction() as session:
        conn = session.connection()
        for part in _parts(ordered):
            conn.execute(delete(StandingGrid).where(*key.matches(), StandingGrid.grid_id.in_(part)))
        if ordered:
            conn.execute(insert(StandingGrid), [
                {"kind": key.kind, "span_start": key.start, "span_end": key.end, "grid_id": g,
                 "as_of": as_of, "pending": token} for g in ordered])
    return token


def _insert(conn: Connection, table: type[DeclarativeBase], columns: Sequence[str],
            rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert many plain rows straight through the driver's executemany: a year of a
    street's obligations is 400,000 rows, and an insert() with a dict per row costs several
    times more. (Dates go to SQLite through the adapter registered in storage.database.)"""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    name = table.__table__.name  # type: ignore[attr-defined]
    statement = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    for i in range(0, len(rows), CHUNK * 10):
        conn.exec_driver_sql(statement, list(rows[i:i + CHUNK * 10]))


def publish(db: Database, key: StandingKey, token: str, grids: Collection[int],
            table: type[DeclarativeBase], same_span: Sequence[Any], columns: Sequence[str],
            rows: Sequence[tuple[Any, ...]], household_ids: Sequence[int]) -> set[int]:
    """Replace the entries of ``grids`` (and of ``household_ids``, wherever they were) in
    ``table`` for the key's span (rows matching the conditions ``same_span``) with ``rows``
    (values in the order of ``columns``); make the surviving claims valid. Returns the grids
    whose claim survived."""
    with db.transaction() as session:
        conn = session.connection()
        # FOR UPDATE (PostgreSQL): a concurrent write's trigger waits for us, then forgets
        # the grid again, so a result it would change is never kept as valid
        kept = set(conn.execute(
            select(StandingGrid.grid_id).where(*key.matches(), StandingGrid.pending == token)
            .with_for_update()).scalars())
        grid_column = table.__table__.c.grid_id  # type: ignore[attr-defined]
        household_column = table.__table__.c.household_id  # type: ignore[attr-defined]
        for part in _parts(sorted(grids)):
            conn.execute(delete(table).where(*same_span, grid_column.in_(part)))
        # a household that moved grid still has its entry under the old grid
        for part in _parts(sorted(set(household_ids))):
            conn.execute(delete(table).where(*same_span, household_column.in_(part)))
        _insert(conn, table, columns, rows)
        for part in _parts(sorted(kept)):
            conn.execute(update(StandingGrid)
                         .where(*key.matches(), StandingGrid.pending == token,
                                StandingGrid.grid_id.in_(part))
                         .values(pending=None))
    return kept
