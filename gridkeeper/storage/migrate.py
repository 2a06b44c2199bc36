"""Schema versions: migrations run at start-up; a database newer than the program is refused.

The migrations are Alembic revisions in ``migrations/versions``. A database whose recorded
revision is not one this program knows was written by a newer GridKeeper: opening it could
damage it, so :class:`SchemaTooNew` is raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gridkeeper.domain.errors import SchemaTooNew
from gridkeeper.storage.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(
    db: Database,
    target: str = "head",
    before_migration: Callable[[str | None, str], None] | None = None,
) -> bool:
    """Bring the schema to ``target``; return True when a migration ran.

    ``before_migration(current, head)`` runs first when there is work to do: the backup
    service hooks in here so a migration never runs without a copy of the data.
    """
    script = ScriptDirectory.from_config(_config())
    current = current_revision(db)
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
