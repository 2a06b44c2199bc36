"""search tail indexes: phone and ID-number tails for the register's search box

Written by hand: Alembic's autogenerate skips expression indexes on SQLite. The
expressions are those of gridkeeper.storage.models.register.tail_key, character for
character.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_resident_phone_tail", "resident", "phone"),
    ("ix_resident_id_tail", "resident", "id_number"),
    ("ix_household_phone_tail", "household", "phone"),
)


def upgrade() -> None:
    for name, table, column in _INDEXES:
        tail = f"substr({column}, length({column}) - 3, 4)"
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({tail})")


def downgrade() -> None:
    for name, _table, _column in _INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
