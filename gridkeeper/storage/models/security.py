"""Accounts, grid scopes of grid leaders, the append-only audit log, and settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DDL,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from gridkeeper.storage.models.base import Base, Tracked


class User(Tracked, Base):
    """A person who logs in; the role decides what the services allow."""

    __tablename__ = "app_user"
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(12))  # Role
    password_hash: Mapped[str] = mapped_column(String(200))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    # the one community (社区) an account works for; None: the whole street office
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"), index=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UserGrid(Tracked, Base):
    """A grid a grid leader may see and work in."""

    __tablename__ = "user_grid"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    __table_args__ = (UniqueConstraint("user_id", "grid_id"),)


class AuditEntry(Base):
    """One line of the append-only audit log: written in the transaction of the change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    username: Mapped[str] = mapped_column(String(50))
    # insert / update / status / print / export / unmask / refused / login / import / ...
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str | None] = mapped_column(String(40))
    row_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    detail: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_audit_row", "table_name", "row_id"),
        Index("ix_audit_at", "at"),
    )


class Setting(Tracked, Base):
    """A setting shared by everyone using this database (response limit, thresholds, ...)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)


# The audit log cannot be edited from the app: the database itself refuses UPDATE and DELETE.
# These run when the table is created from the metadata; migration 0003 creates the same
# triggers for migrated databases.
AUDIT_GUARD_SQLITE = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
AUDIT_GUARD_POSTGRESQL = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)

for _statement in AUDIT_GUARD_SQLITE:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in AUDIT_GUARD_POSTGRESQL:
    event.listen(AuditEntry.__table__, "after_create",
                 DDL(_statement.replace("%", "%%")).execute_if(dialect="postgresql"))
