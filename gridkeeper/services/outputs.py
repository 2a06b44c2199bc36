"""Output files and their audit rows agree: a file appears under its name only once the
action that records it (print, export) has committed, and only complete.

:func:`stage` is called inside the action's transaction, next to the audit row: it writes the
file whole under a temporary name (gridkeeper/files.py) straight away, so a full disk fails
the action before anything is committed, and renames it into place when the transaction
commits; a rollback removes it. So there is never a "printed" or "exported" row for a file
that was not finished, and never a finished file that is not in the audit log. A kill
between the commit and the rename leaves a complete, recorded temporary file that the next
start removes.

:func:`publish` is the whole export for sheets: written, recorded and renamed in one step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import event
from sqlalchemy.orm import Session

from gridkeeper.domain.roles import Actor
from gridkeeper.files import Outputs, fsync_file, written_whole
from gridkeeper.io.workbook import SheetData, write_csv, write_workbook
from gridkeeper.services import audit_trail
from gridkeeper.storage.database import Database

Writer = Callable[[Path], Any]


def stage(session: Session, final: Path | str, content: bytes | Writer) -> Path:
    """Write ``final`` under a temporary name now; rename it when ``session`` commits."""
    outputs = Outputs()
    try:
        temporary = outputs.path_for(final)
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            content(temporary)
        fsync_file(temporary)
    except BaseException:
        outputs.discard()
        raise

    def committed(_session: Session) -> None:
        outputs.publish()

    def ended(_session: Session, transaction: Any) -> None:
        if transaction.parent is None:  # the action's own transaction: committed or not
            outputs.discard()  # after a commit there is nothing left to discard

    event.listen(session, "after_commit", committed, once=True)
    event.listen(session, "after_transaction_end", ended)
    return Path(final)


def write_sheets(path: Path, sheets: Sequence[SheetData], as_csv: bool) -> None:
    if as_csv:
        write_csv(path, sheets[0])
    else:
        write_workbook(path, sheets)


def publish(db: Database, actor: Actor, target: Path | str, sheets: SheetData | Sequence[SheetData], *,
            table: str | None, detail: Callable[[Path], str]) -> Path:
    """Export ``sheets`` to ``target`` (.csv: the first sheet) with its audit row, as one step:
    the file is written whole first (no write lock held meanwhile), then recorded, then
    renamed into place."""
    final = Path(target)
    listed = [sheets] if isinstance(sheets, SheetData) else list(sheets)
    with written_whole() as outputs:
        temporary = outputs.path_for(final)
        write_sheets(temporary, listed, as_csv=final.suffix.lower() == ".csv")
        fsync_file(temporary)
        audit_trail.record_event(db, actor, "export", table=table, detail=detail(final))
        outputs.publish()
    return final


def to_stream(db: Database, actor: Actor, out: TextIO, sheet: SheetData, *, table: str | None,
              detail: str) -> None:
    """A CSV to standard output (a script's pipe): neutralised like a file, and recorded."""
    audit_trail.record_event(db, actor, "export", table=table, detail=detail + " -> standard output")
    write_csv(out, sheet)
