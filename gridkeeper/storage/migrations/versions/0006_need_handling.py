"""need handling: hotline tickets, dispatch, escalation, callbacks and each need's history

Adds to ``need`` the 工单号 (unique per channel), the hotline's own category text, why an
imported need is not linked to a household, the department it was sent on to (派单), the
latest escalation (吹哨), the callback (回访) due day and time, and how often it was reopened;
a default deadline per need category; the ``need_event`` history and the ``need_helper``
(协办) tables. Existing needs get their history written from the times they carry, and a
closed need with a rating counts as called back when it was closed.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# working days to the default deadline of the default need categories
_DEADLINES = (("safety", 2), ("utilities", 3), ("medical", 5), ("environment", 5),
              ("housing_repair", 7), ("elderly_care", 10), ("dispute", 10), ("parking", 15),
              ("benefits", 15), ("other", 15))

# the history existing needs already tell: (kind, time column, text column, rating column)
_HISTORY = (
    ("received", "received_at", "NULL", "NULL"),
    ("started", "responded_at", "NULL", "NULL"),
    ("resolved", "resolved_at", "resolution", "NULL"),
    ("called_back", "closed_at", "NULL", "satisfaction"),
)


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
    with op.batch_alter_table("need_category", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticket_no", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("category_text", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("unlinked", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("sent_to", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("escalation_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("callback_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("called_back_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reopened", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index("uq_need_channel_ticket", ["channel", "ticket_no"], unique=True)
    op.create_table(
        "need_event",
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=True),
        sa.Column("party", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("rating", sa.String(length=20), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], name=op.f("fk_need_event_need_id_need")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_event")),
    )
    with op.batch_alter_table("need_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_event_need_id"), ["need_id"], unique=False)
    op.create_table(
        "need_helper",
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], name=op.f("fk_need_helper_need_id_need")),
        sa.ForeignKeyConstraint(["worker_id"], ["worker.id"],
                                name=op.f("fk_need_helper_worker_id_worker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_helper")),
        sa.UniqueConstraint("need_id", "worker_id", name=op.f("uq_need_helper_need_id")),
    )
    with op.batch_alter_table("need_helper", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_helper_need_id"), ["need_id"], unique=False)

    for code, days in _DEADLINES:
        op.execute(f"UPDATE need_category SET deadline_days = {days} WHERE code = '{code}'")
    op.execute("UPDATE need SET called_back_at = closed_at "
               "WHERE closed_at IS NOT NULL AND satisfaction IS NOT NULL")
    for kind, at, text, rating in _HISTORY:
        op.execute(
            "INSERT INTO need_event (need_id, at, kind, text, rating, version) "
            f"SELECT id, {at}, '{kind}', {text}, {rating}, 1 FROM need WHERE {at} IS NOT NULL")
    op.execute(
        "INSERT INTO need_event (need_id, at, kind, text, version) "
        "SELECT id, updated_at, 'rejected', rejected_reason, 1 FROM need WHERE status = 'rejected'")


def downgrade() -> None:
    with op.batch_alter_table("need_helper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_helper_need_id"))
    op.drop_table("need_helper")
    with op.batch_alter_table("need_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_event_need_id"))
    op.drop_table("need_event")
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_index("uq_need_channel_ticket")
        for column in ("reopened", "called_back_at", "callback_due", "escalation_reason",
                       "escalated_at", "sent_to", "unlinked", "category_text", "ticket_no"):
            batch_op.drop_column(column)
    with op.batch_alter_table("need_category", schema=None) as batch_op:
        batch_op.drop_column("deadline_days")
