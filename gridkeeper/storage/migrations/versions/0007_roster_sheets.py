"""roster sheets: one number per grid and week, its numbered lines, and the prints of it

``roster_sheet`` holds a grid's roster of one week under its number, ``roster_sheet_line``
each household on it with its 序号. ``printed_roster`` becomes the record of each print
(its number is no longer unique: a reprint keeps it; ``copy`` says which print it was).
Prints recorded before this revision each become a sheet of their own with their lines, so
paper printed earlier can still be typed back by its number.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NOW = sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.create_table(
        "roster_sheet",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("prints", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_roster_sheet_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_sheet")),
        sa.UniqueConstraint("number", name=op.f("uq_roster_sheet_number")),
    )
    op.create_index("ix_roster_sheet_week", "roster_sheet", ["week", "grid_id"])
    op.create_table(
        "roster_sheet_line",
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["roster_sheet.id"], ondelete="CASCADE",
                                name=op.f("fk_roster_sheet_line_sheet_id_roster_sheet")),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], ondelete="CASCADE",
                                name=op.f("fk_roster_sheet_line_household_id_household")),
        sa.PrimaryKeyConstraint("sheet_id", "seq", name=op.f("pk_roster_sheet_line")),
        sa.UniqueConstraint("sheet_id", "household_id", name=op.f("uq_roster_sheet_line_sheet_id")),
    )
    with op.batch_alter_table("printed_roster") as batch:
        batch.drop_constraint("uq_printed_roster_number", type_="unique")
        batch.add_column(sa.Column("copy", sa.Integer(), server_default="1", nullable=False))
        batch.create_index("ix_printed_roster_number", ["number"], unique=False)
    _sheets_from_earlier_prints()


def _sheets_from_earlier_prints() -> None:
    """Each earlier print becomes a sheet under its own number, its households numbered in
    the order they were printed (households since removed are left out)."""
    bind = op.get_bind()
    prints = bind.execute(sa.text(
        "SELECT number, week, grid_id, households FROM printed_roster "
        "WHERE grid_id IS NOT NULL ORDER BY id")).all()
    for number, week, grid_id, households in prints:
        bind.execute(sa.text(
            "INSERT INTO roster_sheet (number, week, grid_id, prints, version) "
            "VALUES (:number, :week, :grid_id, 1, 1)"),
            {"number": number, "week": week, "grid_id": grid_id})
        sheet_id = bind.execute(sa.text("SELECT id FROM roster_sheet WHERE number = :number"),
                                {"number": number}).scalar()
        ids = [int(part) for part in (households or "").split(",") if part.strip().isdigit()]
        lines = [{"sheet_id": sheet_id, "seq": seq, "household_id": hid}
                 for seq, hid in enumerate(ids, start=1)]
        if lines:
            bind.execute(sa.text(
                "INSERT INTO roster_sheet_line (sheet_id, seq, household_id) "
                "SELECT :sheet_id, :seq, id FROM household WHERE id = :household_id"), lines)


def downgrade() -> None:
    with op.batch_alter_table("printed_roster") as batch:
        batch.drop_index("ix_printed_roster_number")
        batch.drop_column("copy")
        batch.create_unique_constraint("uq_printed_roster_number", ["number"])
    op.drop_table("roster_sheet_line")
    op.drop_index("ix_roster_sheet_week", table_name="roster_sheet")
    op.drop_table("roster_sheet")
