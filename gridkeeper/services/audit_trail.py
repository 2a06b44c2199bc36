"""The append-only audit log: every change, print, export, unmasked view and refusal.

``record`` is called inside the transaction of the change it describes, so the log and the
data can never disagree. Refusals are written in a transaction of their own, because the
refused action's transaction is rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from gridkeeper.domain.roles import Actor
from gridkeeper.storage.bulk import BulkInsert
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import AuditEntry, Base

_SKIP = {"created_at", "updated_at", "version"}
_COLUMNS = ("username", "action", "table_name", "row_id", "before", "after", "detail")
# one encoder for every entry (json.dumps with options builds a new one each call)
_json = json.JSONEncoder(ensure_ascii=False).encode


def snapshot(row: Base) -> dict[str, Any]:
    """The row's column values as plain JSON-able data (for before/after)."""
    mapper = inspect(type(row))
    return {
        c.key: _plain(getattr(row, c.key)) for c in mapper.column_attrs if c.key not in _SKIP
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    table: str | None = None,
    row_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    detail: str | None = None,
) -> None:
    session.add(AuditEntry(**_entry(actor, action, table, row_id, before, after, detail)))


def record_many(
    session: Session, actor: Actor, action: str, table: str,
    rows: Iterable[tuple[int, dict[str, Any] | None, dict[str, Any] | None]],
) -> None:
    """Entries like :func:`record` for many rows at once: (row_id, before, after) each.

    Bulk writers (the importer's 50,000 residents) use this: one INSERT statement instead
    of an ORM object per entry, which otherwise costs more than the data it describes.
    """
    username = actor.username
    entries = []
    for row_id, before, after in rows:
        before_text, after_text = _texts(before, after)
        if action == "update" and before_text == after_text and before_text is not None:
            continue  # a row saved unchanged along with its household is no edit
        entries.append((username, action, table, row_id, before_text, after_text, None))
    if entries:
        # plain rows in one executemany: Core's insert of dictionaries costs more per row
        # than SQLite does
        BulkInsert(session.connection(), AuditEntry.__table__, _COLUMNS).rows(entries)


def _entry(
    actor: Actor, action: str, table: str | None, row_id: int | None,
    before: dict[str, Any] | None, after: dict[str, Any] | None, detail: str | None,
) -> dict[str, Any]:
    before_text, after_text = _texts(before, after)
    return dict(username=actor.username, action=action, table_name=table, row_id=row_id,
                before=before_text, after=after_text, detail=detail)


def _texts(before: dict[str, Any] | None, after: dict[str, Any] | None
           ) -> tuple[str | None, str | None]:
    """The before and after values as the log stores them (JSON); of a change (both given)
    only what changed, so the log reads as a list of edits."""
    if before is not None and after is not None:
        changed = [k for k in after if before.get(k) != after.get(k)]
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    return (None if before is None else _json(before), None if after is None else _json(after))


def record_refusal(db: Database, actor: Actor, detail: str) -> None:
    with db.transaction() as session:
        record(session, actor, "refused", detail=detail)


def record_event(
    db: Database,
    actor: Actor,
    action: str,
    *,
    table: str | None = None,
    row_id: int | None = None,
    detail: str | None = None,
) -> None:
    """An event that changes nothing (print, export, unmasked view) in a transaction of its own."""
    with db.transaction() as session:
        record(session, actor, action, table=table, row_id=row_id, detail=detail)

