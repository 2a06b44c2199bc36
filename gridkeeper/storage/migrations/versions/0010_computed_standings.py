"""computed standings: the stored rosters and obligations go, two narrow indexes come

Rosters and completion figures are computed from the register each time (fast enough at
district scale), so the tables that stored them, the triggers that forgot them on every
write and the functions behind those triggers are dropped. Written by hand, SQL as
literals. The new partial indexes hold what the roster reads for the households on it
(the last visit that met nobody) and what the visit engine reads of residents (active
residents' births by household), so neither touches the wide visit and resident rows.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# tables that had triggers forgetting stored results (0004)
_WATCHED = ("visit", "resident", "category_assignment", "household", "building", "category", "estate")
_STORED = ("obligation_entry", "roster_entry", "standing_grid")
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_visit_unmet ON visit (household_id, visit_date) "
    "WHERE outcome <> 'met'",
    "CREATE INDEX IF NOT EXISTS ix_resident_active ON resident (household_id, birth_date) "
    "WHERE status = 'active'",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS standing_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS standing_forget_{table}()")
        op.execute("DROP FUNCTION IF EXISTS standing_forget_all()")
    else:
        for table in _WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS standing_{table}_{event}")
    for table in _STORED:
        op.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _INDEXES:
        op.execute(statement)


def downgrade() -> None:
    """Back to 0004's schema: empty stored tables (they fill again as rosters are asked
    for); the triggers are 0004's, recreated by running its upgrade."""
    import importlib.util
    from pathlib import Path

    op.execute("DROP INDEX IF EXISTS ix_resident_active")
    op.execute("DROP INDEX IF EXISTS ix_visit_unmet")
    path = Path(__file__).with_name("0004_stored_standings.py")
    spec = importlib.util.spec_from_file_location("stored_standings_0004", path)
    assert spec is not None and spec.loader is not None
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    op.execute("DROP INDEX IF EXISTS ix_visit_failed")  # 0004 creates it again
    revision.upgrade()
