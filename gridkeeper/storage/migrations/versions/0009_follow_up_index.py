"""follow-up index: the visits that promised a follow-up, found without scanning every visit

The roster's reason ``follow_up`` starts from the visits with a follow-up date
(gridkeeper/services/follow_ups.py); they are a small fraction of all visits, so a partial
index over them keeps that lookup instant at street scale.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FOLLOW_UP_SET = "follow_up_on IS NOT NULL"


def upgrade() -> None:
    op.create_index("ix_visit_follow_up", "visit", ["follow_up_on", "household_id"], unique=False,
                    sqlite_where=sa.text(FOLLOW_UP_SET), postgresql_where=sa.text(FOLLOW_UP_SET))


def downgrade() -> None:
    op.drop_index("ix_visit_follow_up", table_name="visit")
