"""Rows written in bulk are stored exactly as Core's insert stores them, on either database."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import insert, select

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.bulk import BulkInsert
from gridkeeper.storage.models import Visit
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
