"""living register: community order, lifts, households on the register before records began,
stairwell contacts, household history and campaign lists

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    # plain ADD COLUMNs: no table is rebuilt, so the tables' triggers and indexes stay as they are
    op.add_column("community", sa.Column("sort_order", sa.Integer(), server_default=sa.text("0"),
                                         nullable=False))
    op.add_column("building", sa.Column("has_lift", sa.Boolean(), nullable=True))
    op.add_column("household", sa.Column("before_records", sa.Boolean(),
                                         server_default=sa.false(), nullable=False))
    # communities in the order they were made until the office says otherwise
    op.execute("UPDATE community SET sort_order = id")
    op.create_table(
        "stairwell_contact",
        sa.Column("building_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=True),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["building_id"], ["building.id"],
                                name=op.f("fk_stairwell_contact_building_id_building")),
        sa.ForeignKeyConstraint(["worker_id"], ["worker.id"],
                                name=op.f("fk_stairwell_contact_worker_id_worker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stairwell_contact")),
        sa.UniqueConstraint("building_id", "unit", "worker_id", "role",
                            name=op.f("uq_stairwell_contact_building_id")),
    )
    op.create_index(op.f("ix_stairwell_contact_building_id"), "stairwell_contact", ["building_id"])
    op.create_index(op.f("ix_stairwell_contact_worker_id"), "stairwell_contact", ["worker_id"])
    op.create_table(
        "household_event",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("other_household_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.String(length=200), nullable=True),
        sa.Column("after", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=50), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name=op.f("fk_household_event_household_id_household")),
        sa.ForeignKeyConstraint(["other_household_id"], ["household.id"],
                                name=op.f("fk_household_event_other_household_id_household")),
        sa.ForeignKeyConstraint(["resident_id"], ["resident.id"],
                                name=op.f("fk_household_event_resident_id_resident")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_event")),
    )
    op.create_index("ix_household_event_household", "household_event", ["household_id", "day"])
    op.create_index(op.f("ix_household_event_resident_id"), "household_event", ["resident_id"])
    op.create_table(
        "campaign_list",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("categories", sa.String(length=400), nullable=False),
        sa.Column("buildings", sa.Text(), nullable=False),
        sa.Column("floor_from", sa.Integer(), nullable=True),
        sa.Column("floor_to", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=50), nullable=True),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_list")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_list_name")),
    )


def downgrade() -> None:
    op.drop_table("campaign_list")
    op.drop_index("ix_household_event_resident_id", table_name="household_event")
    op.drop_index("ix_household_event_household", table_name="household_event")
    op.drop_table("household_event")
    op.drop_index("ix_stairwell_contact_worker_id", table_name="stairwell_contact")
    op.drop_index("ix_stairwell_contact_building_id", table_name="stairwell_contact")
    op.drop_table("stairwell_contact")
    # plain DROP COLUMNs (SQLite 3.35+): rebuilding these tables would trip their foreign keys
    op.execute("ALTER TABLE household DROP COLUMN before_records")
    op.execute("ALTER TABLE building DROP COLUMN has_lift")
    op.execute("ALTER TABLE community DROP COLUMN sort_order")
