"""visit log fields, completion targets per category, spot checks (抽查回访)

The visit gains the log form's fields (走访对象, 困难, 处理措施, 处理结果, 后续计划); each
category a target completion rate, set from its rule period for existing databases (monthly
rules 100 % as the 2022 national guideline sets, quarterly 95 %, longer 90 %); spot checks
are a table of their own. Plain ADD COLUMN keeps the visit table's triggers in place.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_VISIT_COLUMNS = (
    ("met_with", sa.String(length=100)),
    ("difficulties", sa.Text()),
    ("actions_taken", sa.Text()),
    ("action_result", sa.Text()),
    ("follow_up_plan", sa.Text()),
)


def upgrade() -> None:
    for name, kind in _VISIT_COLUMNS:
        op.add_column("visit", sa.Column(name, kind, nullable=True))
    op.add_column("category", sa.Column("target_rate", sa.Integer(), nullable=False,
                                        server_default="100"))
    op.execute("UPDATE category SET target_rate = 95 WHERE period = 'quarter'")
    op.execute("UPDATE category SET target_rate = 90 WHERE period IN ('half_year', 'year')")
    op.create_table(
        "spot_check",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.Column("drawn_by", sa.String(length=50), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=True),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("called_by", sa.String(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("original_outcome", sa.String(length=10), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_spot_check_visit_id_visit")),
        sa.ForeignKeyConstraint(["worker_id"], ["worker.id"],
                                name=op.f("fk_spot_check_worker_id_worker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_spot_check_visit_id")),
    )
    op.create_index("ix_spot_check_month", "spot_check", ["month", "worker_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_spot_check_month", table_name="spot_check")
    op.drop_table("spot_check")
    with op.batch_alter_table("category") as batch_op:
        batch_op.drop_column("target_rate")
    for name, _kind in reversed(_VISIT_COLUMNS):
        op.drop_column("visit", name)
