"""Stored standings (名单与完成情况的缓存): decisions of the policy engine kept per grid.

The roster of a week and the completion figures of a period are computed by the pure
engine in :mod:`gridkeeper.domain.policy`; for a street office (100,000 households) that
takes seconds. So the results are stored per grid and reused until something that feeds
them changes. A :class:`StandingGrid` row says "grid G's results for this kind and span
are stored, computed with the visits up to ``as_of``". Database triggers (below, created
by migration 0004) delete a grid's markers whenever a visit, resident, category
assignment, household or building of that grid changes, and all markers when a category
(rule) or an estate changes, so no code path that writes the register can forget to.
The entries of a grid without a marker are ignored and replaced on the next computation.

Computation claims a grid first (``pending`` marker), computes from a snapshot, and
publishes only if the claim survived: a write committed meanwhile deleted the marker,
and the next reader computes again (see :mod:`gridkeeper.services.standing`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gridkeeper.storage.models.base import Base


class StandingGrid(Base):
    """One grid's stored results of one kind ("roster", "completion") for one span."""

    __tablename__ = "standing_grid"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    span_start: Mapped[date] = mapped_column(Date, primary_key=True)
    span_end: Mapped[date] = mapped_column(Date, primary_key=True)
    grid_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    # a claim being computed (a random token) until the results are published
    pending: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (Index("ix_standing_grid_grid", "grid_id"),)


class RosterEntry(Base):
    """One household on a week's roster as the engine decided it, with what the line shows
    that only changes with the household's grid (names of grid, estate, building and
    worker are joined when read, so renaming them needs no recomputation)."""

    __tablename__ = "roster_entry"
    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True)
    grid_id: Mapped[int] = mapped_column(Integer)
    walk_rank: Mapped[int] = mapped_column(Integer)  # walking order within the grid
    reason: Mapped[str] = mapped_column(String(10))
    due_date: Mapped[date | None] = mapped_column(Date)
    governing: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str] = mapped_column(String(20))
    categories: Mapped[str] = mapped_column(String(400))  # codes joined by ";"
    last_visit: Mapped[date | None] = mapped_column(Date)
    last_attempt: Mapped[date | None] = mapped_column(Date)
    head: Mapped[str] = mapped_column(String(60))
    residents: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_roster_entry_grid", "week_start", "grid_id"),)


class ObligationEntry(Base):
    """One visit owed (the ``number``-th of its rule period) with a due date in the span,
    matched with the counting visit day that met it (visits up to the marker's as_of)."""

    __tablename__ = "obligation_entry"
    span_start: Mapped[date] = mapped_column(Date, primary_key=True)
    span_end: Mapped[date] = mapped_column(Date, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True)
    due: Mapped[date] = mapped_column(Date, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_id: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    period_end: Mapped[date] = mapped_column(Date)
    met_on: Mapped[date | None] = mapped_column(Date)
    on_time: Mapped[bool] = mapped_column(Boolean)
    __table_args__ = (Index("ix_obligation_entry_grid", "span_start", "span_end", "grid_id"),)


# --- invalidation triggers -----------------------------------------------------------------
# "forget" a grid: delete its markers of every kind and span. The grid of a row is found
# through its household (visit, resident), its resident (category assignment) or its
# building (household); a building or its grid changing forgets both grids involved.

_GRID_OF_HOUSEHOLD = ("(SELECT b.grid_id FROM household h JOIN building b ON b.id = h.building_id "
                      "WHERE h.id = {row}.household_id)")
_GRID_OF_RESIDENT = ("(SELECT b.grid_id FROM resident r JOIN household h ON h.id = r.household_id "
                     "JOIN building b ON b.id = h.building_id WHERE r.id = {row}.resident_id)")
_GRID_OF_BUILDING = "(SELECT grid_id FROM building WHERE id = {row}.building_id)"
_GRID_ITSELF = "{row}.grid_id"

# table -> how to find the grid of one of its rows
_FORGET_BY = {
    "visit": _GRID_OF_HOUSEHOLD,
    "resident": _GRID_OF_HOUSEHOLD,
    "category_assignment": _GRID_OF_RESIDENT,
    "household": _GRID_OF_BUILDING,
    "building": _GRID_ITSELF,
}
# tables whose change may alter every grid's results (rules, walking order by estate name)
_FORGET_ALL = ("category", "estate")

# A visit is matched only with obligations of rule periods containing its day. Such a period
# is a month, quarter, half-year or year of the visit's calendar year, or an ISO week, which
# starts at most six days earlier; its due dates come no earlier. So completion figures of
# spans that ended before the start of the year of (visit day - 6 days) are left alone:
# last year's figures stay stored while this year's visits are entered.
_SPARED_BY_VISIT = {
    "sqlite": "(kind <> 'completion' OR span_end >= date({row}.visit_date, '-6 days', 'start of year'))",
    "postgresql": "(kind <> 'completion' OR span_end >= "
                  "date_trunc('year', {row}.visit_date - 6)::date)",
}


def _condition(dialect: str, table: str, grid: str, row: str) -> str:
    found = f"grid_id = {grid.format(row=row)}"
    if table == "visit":
        found += " AND " + _SPARED_BY_VISIT[dialect].format(row=row)
    return found


def _sqlite_triggers() -> tuple[str, ...]:
    found = []
    for table, grid in _FORGET_BY.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            deletes = " ".join(
                f"DELETE FROM standing_grid WHERE {_condition('sqlite', table, grid, row)};"
                for row in rows)
            found.append(f"CREATE TRIGGER IF NOT EXISTS standing_{table}_{event.lower()} "
                         f"AFTER {event} ON {table} BEGIN {deletes} END")
    for table in _FORGET_ALL:
        for event in ("INSERT", "UPDATE", "DELETE"):
            found.append(f"CREATE TRIGGER IF NOT EXISTS standing_{table}_{event.lower()} "
                         f"AFTER {event} ON {table} BEGIN DELETE FROM standing_grid; END")
    return tuple(found)


def _postgresql_triggers() -> tuple[str, ...]:
    found = []
    for table, grid in _FORGET_BY.items():
        function = f"standing_forget_{table}"
        found.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN DELETE FROM standing_grid WHERE "
            f"{_condition('postgresql', table, grid, 'OLD')}; END IF; "
            f"IF TG_OP <> 'DELETE' THEN DELETE FROM standing_grid WHERE "
            f"{_condition('postgresql', table, grid, 'NEW')}; END IF; RETURN NULL; END $$")
        found.append(f"DROP TRIGGER IF EXISTS standing_{table} ON {table}")
        found.append(f"CREATE TRIGGER standing_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                     f"FOR EACH ROW EXECUTE FUNCTION {function}()")
    found.append("CREATE OR REPLACE FUNCTION standing_forget_all() RETURNS trigger LANGUAGE plpgsql "
                 "AS $$ BEGIN DELETE FROM standing_grid; RETURN NULL; END $$")
    for table in _FORGET_ALL:
        found.append(f"DROP TRIGGER IF EXISTS standing_{table} ON {table}")
        found.append(f"CREATE TRIGGER standing_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                     f"FOR EACH STATEMENT EXECUTE FUNCTION standing_forget_all()")
    return tuple(found)


STANDING_TRIGGERS = {"sqlite": _sqlite_triggers(), "postgresql": _postgresql_triggers()}
