"""Rows written in bulk are stored exactly as Core's insert stores them, on either database."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.bulk import BulkInsert, indexes_rebuilt_after
from gridkeeper.storage.models import Resident, Visit
from tests.conftest import household

COLUMNS = ("id", "household_id", "visit_date", "visit_time", "method", "outcome", "notes",
           "follow_up_on", "reviewed_at")
VALUES = [
    (None, date(2026, 1, 5), time(9, 30), "home", "met", "正常", date(2026, 2, 1),
     datetime(2026, 1, 6, 8, 0, 15, 120)),
    (None, date(1950, 2, 28), None, "phone", "absent", None, None, None),
]


def test_bulk_rows_equal_the_rows_core_writes(gk: GridKeeper) -> None:
    household_id = gk.register.save_household(household())
    with gk.db.transaction() as session:
        connection = session.connection()
        core = [dict(zip(COLUMNS, (100 + i, household_id, *v[1:]), strict=True))
                for i, v in enumerate(VALUES)]
        connection.execute(insert(Visit.__table__), core)
        written = BulkInsert(connection, Visit.__table__, COLUMNS).rows(
            [(200 + i, household_id, *v[1:]) for i, v in enumerate(VALUES)])
        assert written == len(VALUES)
    skip = {"id", "created_at", "updated_at"}
    columns = [c for c in Visit.__table__.columns if c.name not in skip]
    with gk.db.engine.connect() as connection:
        stored = {row[0]: row[1:] for row in connection.execute(
            select(Visit.__table__.c.id, *columns))}
        raw = dict(connection.exec_driver_sql(
            "SELECT id, visit_date || '|' || COALESCE(CAST(reviewed_at AS TEXT), '') FROM visit"
        ).all())
    assert stored[200] == stored[100] and stored[201] == stored[101]
    assert stored[200][columns.index(Visit.__table__.c.version)] == 1  # defaults filled in
    assert raw[200] == raw[100] and raw[201] == raw[101]  # the very text SQLite holds


def _indexes(gk: GridKeeper) -> list[tuple[str, str]]:
    with gk.db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        else:
            query = ("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                     "ORDER BY 1")
        return [tuple(row) for row in connection.exec_driver_sql(query)]  # type: ignore[misc]


def test_indexes_set_aside_for_a_bulk_load_come_back_the_same(gk: GridKeeper) -> None:
    household_id = gk.register.save_household(household())
    before = _indexes(gk)
    with gk.db.transaction() as session:
        with indexes_rebuilt_after(session.connection(), ("visit", "resident")):
            BulkInsert(session.connection(), Visit.__table__, COLUMNS).rows(
                [(300 + i, household_id, *VALUES[0][1:]) for i in range(50)])
    assert _indexes(gk) == before
    with gk.db.reading() as session:  # the rebuilt index answers
        met = session.scalar(select(func.count()).select_from(Visit).where(
            Visit.household_id == household_id, Visit.outcome == "met"))
    assert met == 50


def test_a_unique_index_broken_by_the_load_refuses_it_whole(gk: GridKeeper) -> None:
    gk.register.save_household(household())
    before = _indexes(gk)
    with pytest.raises(IntegrityError), gk.db.transaction() as session:
        connection = session.connection()
        with indexes_rebuilt_after(connection, ("resident",)):
            household_id = connection.exec_driver_sql("SELECT id FROM household").scalar()
            # a second head of the same household: the one-head index refuses it
            BulkInsert(connection, Resident.__table__, (
                "id", "household_id", "name", "name_pinyin", "name_initials", "relation",
                "is_head", "status")).rows(
                [(900, household_id, "李娜", "lina", "ln", "户主", True, "active")])
    assert _indexes(gk) == before  # the rollback brought them back
    with gk.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == len(household().residents)


def test_dates_and_times_are_stored_as_core_stores_them_whatever_their_kind(gk: GridKeeper) -> None:
    """Plain dates, times and datetimes take a quicker way to text; a datetime in a date column,
    a date in a datetime column, a time or datetime with a zone and a date long ago must still
    come out as Core writes them."""
    household_id = gk.register.save_household(household())
    odd = [
        (None, datetime(2026, 3, 4, 23, 59), time(0, 0), "home", "met", None, None,
         date(2026, 3, 5)),
        (None, date(987, 6, 5), time(9, 8, 7, 654, tzinfo=UTC), "home", "met", None, None,
         datetime(987, 6, 5, 9, 8, 7, 654, tzinfo=UTC)),
        (None, date(2026, 12, 31), time(23, 59, 59, 999999), "home", "met", None, date(1, 1, 1),
         datetime(1, 1, 1)),
    ]
    with gk.db.transaction() as session:
        connection = session.connection()
        connection.execute(insert(Visit.__table__), [
            dict(zip(COLUMNS, (400 + i, household_id, *v[1:]), strict=True)) for i, v in enumerate(odd)])
        BulkInsert(connection, Visit.__table__, COLUMNS).rows(
            [(500 + i, household_id, *v[1:]) for i, v in enumerate(odd)])
    with gk.db.engine.connect() as connection:
        raw = {row[0]: row[1:] for row in connection.exec_driver_sql(
            "SELECT id, CAST(visit_date AS TEXT), CAST(visit_time AS TEXT), "
            "CAST(follow_up_on AS TEXT), CAST(reviewed_at AS TEXT) FROM visit")}
    for i in range(len(odd)):
        assert raw[500 + i] == raw[400 + i]


def test_bulk_rows_carry_the_time_they_were_written_as_core_rows_do(gk: GridKeeper) -> None:
    """The time of writing is given once per statement (SQLite) or left to the server; either
    way it is the text the database's own default writes, and between the rows around it."""
    household_id = gk.register.save_household(household())
    row = (household_id, *VALUES[0][1:])
    with gk.db.transaction() as session:
        connection = session.connection()
        connection.execute(insert(Visit.__table__), dict(zip(COLUMNS, (700, *row), strict=True)))
        BulkInsert(connection, Visit.__table__, COLUMNS).rows([(701, *row)])
        connection.execute(insert(Visit.__table__), dict(zip(COLUMNS, (702, *row), strict=True)))
    with gk.db.engine.connect() as connection:
        stamps = dict(connection.exec_driver_sql(
            "SELECT id, CAST(created_at AS TEXT) || '|' || CAST(updated_at AS TEXT) FROM visit"
        ).all())
    shape = {re.sub(r"\d", "9", stamps[i]) for i in (700, 701, 702)}
    assert len(shape) == 1  # the same text form
    assert stamps[700] <= stamps[701] <= stamps[702]


def test_values_given_in_their_stored_form_are_written_as_core_writes_them(gk: GridKeeper) -> None:
    household_id = gk.register.save_household(household())
    with gk.db.transaction() as session:
        connection = session.connection()
        bulk = BulkInsert(connection, Visit.__table__, COLUMNS,
                          stored=("visit_date", "visit_time", "follow_up_on"))
        day, at = bulk.stored_form("visit_date"), bulk.stored_form("visit_time")
        connection.execute(insert(Visit.__table__), [
            dict(zip(COLUMNS, (800 + i, household_id, *v[1:]), strict=True))
            for i, v in enumerate(VALUES)])
        bulk.rows([(900 + i, household_id, day(v[1]), at(v[2]), *v[3:6], day(v[6]), v[7])
                   for i, v in enumerate(VALUES)])
    with gk.db.engine.connect() as connection:
        raw = {row[0]: row[1:] for row in connection.exec_driver_sql(
            "SELECT id, CAST(visit_date AS TEXT), CAST(visit_time AS TEXT), "
            "CAST(follow_up_on AS TEXT), CAST(reviewed_at AS TEXT) FROM visit")}
    assert raw[900] == raw[800] and raw[901] == raw[801]
