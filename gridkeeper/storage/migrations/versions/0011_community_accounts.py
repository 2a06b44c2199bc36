"""community accounts: an account may be limited to one community of the street office

``app_user.community_id`` names the community (社区) an account works for; NULL keeps the
account street-wide, so every existing account keeps what it sees. Plain ADD COLUMN (SQL as
literals, the same on SQLite and PostgreSQL) keeps the table's rows and triggers in place.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE app_user ADD COLUMN community_id INTEGER "
               "CONSTRAINT fk_app_user_community_id_community REFERENCES community (id)")
    op.execute("CREATE INDEX ix_app_user_community_id ON app_user (community_id)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_app_user_community_id")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE app_user DROP COLUMN community_id")  # its foreign key goes with it
        return
    # SQLite drops no column a foreign key uses: the table is copied without it
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("community_id")
