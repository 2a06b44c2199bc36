"""Schema versions: migrations run at start-up; a database newer than the program is refused.

The migrations are Alembic revisions in ``migrations/versions``. A database whose recorded
revision is not one this program knows was written by a newer GridKeeper: opening it could
damage it, so :class:`SchemaTooNew` is raised before anything is written.

Alembic is loaded only when a database is not at :data:`HEAD` (it costs a fifth of a second of
every start otherwise); a test keeps :data:`HEAD` equal to the newest revision file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from gridkeeper.domain.errors import SchemaTooNew
from gridkeeper.storage.database import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0011"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """The revisions this program's migrations know (read from the files, Alembic not loaded)."""
    found = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        match = re.search(r'^revision\s*=\s*["\']([^"\']+)["\']', path.read_text(encoding="utf-8"), re.M)
        if match:
            found.add(match[1])
    return found


def is_known(revision: str) -> bool:
    """Whether a database at ``revision`` can be opened (and migrated) by this program."""
    return revision in known_revisions()


def current_revision(db: Database) -> str | None:
    """The revision recorded in the database; None for an empty one."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != HEAD


def upgrade(
    db: Database,
    target: str = "head",
    before_migration: Callable[[str | None, str], None] | None = None,
) -> bool:
    """Bring the schema to ``target``; return True when a migration ran.

    ``before_migration(current, head)`` runs first when there is work to do: the backup
    service hooks in here so a migration never runs without a copy of the data.
    """
    current = current_revision(db)
    if target == "head" and current == HEAD:
        return False
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # alembic raises several kinds for an unknown id
            raise SchemaTooNew(path=db.describe(), found=current) from None
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return False
    if before_migration is not None:
        before_migration(current, str(wanted))
    config = _config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return True
