"""Reading the audit log: browse, filter and export it (supervisors and administrators).

The log is written by :mod:`gridkeeper.services.audit_trail` and cannot be changed (the database
refuses UPDATE and DELETE on it). Looking at it is allowed to those holding
``Permission.VIEW_AUDIT``; exporting it is itself logged, as it names residents' records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from gridkeeper.domain.i18n import counted
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.files import written_whole
from gridkeeper.io.workbook import SheetData, write_csv
from gridkeeper.services import audit_trail
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import AuditEntry

EXPORT_COLUMNS = ("id", "at", "username", "action", "table", "row_id", "before", "after", "detail")


@dataclass(frozen=True)
class AuditFilter:
    """Which lines to show; every field left None matches everything."""

    since: datetime | None = None
    until: datetime | None = None  # exclusive
    username: str | None = None
    action: str | None = None
    table: str | None = None
    row_id: int | None = None
    text: str | None = None  # found in detail, before or after


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    username: str
    action: str
    table: str | None
    row_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: str | None


def _where(query: Select[Any], f: AuditFilter) -> Select[Any]:
    if f.since is not None:
        query = query.where(AuditEntry.at >= f.since)
    if f.until is not None:
        query = query.where(AuditEntry.at < f.until)
    if f.username:
        query = query.where(AuditEntry.username == f.username)
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.table:
        query = query.where(AuditEntry.table_name == f.table)
    if f.row_id is not None:
        query = query.where(AuditEntry.row_id == f.row_id)
    if f.text:
        pattern = f"%{f.text}%"
        query = query.where(or_(AuditEntry.detail.like(pattern), AuditEntry.before.like(pattern),
                                AuditEntry.after.like(pattern)))
    return query


def _line(row: AuditEntry) -> AuditLine:
    return AuditLine(
        id=row.id, at=row.at, username=row.username, action=row.action, table=row.table_name,
        row_id=row.row_id, before=json.loads(row.before) if row.before else None,
        after=json.loads(row.after) if row.after else None, detail=row.detail,
    )


class AuditLogService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def count(self, f: AuditFilter = AuditFilter()) -> int:
        self.actor.require(Permission.VIEW_AUDIT)
        with self.db.reading() as session:
            return int(session.scalar(_where(select(func.count()).select_from(AuditEntry), f)) or 0)

    def browse(self, f: AuditFilter = AuditFilter(), limit: int = 500, offset: int = 0) -> list[AuditLine]:
        """The newest lines first, a page at a time."""
        self.actor.require(Permission.VIEW_AUDIT)
        with self.db.reading() as session:
            query = _where(select(AuditEntry), f).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
            return [_line(row) for row in session.scalars(query)]

    def export_csv(self, path: Path, f: AuditFilter = AuditFilter()) -> int:
        """Write the matching lines (oldest first) to a UTF-8 CSV that Excel opens; return the count."""
        self.actor.require(Permission.VIEW_AUDIT)
        written = 0

        def lines(session: Session) -> Iterator[list[object]]:
            nonlocal written
            query = _where(select(AuditEntry), f).order_by(AuditEntry.id).execution_options(yield_per=2000)
            for row in session.scalars(query):
                written += 1
                yield [row.id, row.at.isoformat(sep=" "), row.username, row.action,
                       row.table_name or "", row.row_id if row.row_id is not None else "",
                       row.before or "", row.after or "", row.detail or ""]

        # written whole under a temporary name, recorded, then named (gridkeeper/files.py)
        with written_whole() as outputs:
            temporary = outputs.path_for(path)
            with self.db.reading() as session:
                write_csv(temporary, SheetData("audit", EXPORT_COLUMNS, lines(session)))  # type: ignore[arg-type]
            audit_trail.record_event(self.db, self.actor, "export", table="audit_log",
                                     detail=f"audit log, {counted(written, 'line')}, to {path}")
            outputs.publish()
        return written

    def actions(self) -> list[str]:
        """The actions present, for a filter drop-down."""
        self.actor.require(Permission.VIEW_AUDIT)
        with self.db.reading() as session:
            return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
