"""The one object the command line and the GUI hold: a database, the acting user, and the
services over them (like Anki's ``Collection`` with its managers).

``open_gridkeeper`` is the only way in: it resolves the database, runs migrations (refusing a
newer schema) and seeds the default catalogues, so no caller can skip those steps.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.catalogue import seed_defaults
from gridkeeper.services.info import InfoService
from gridkeeper.services.register import RegisterService
from gridkeeper.settings import resolve_database
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database

if TYPE_CHECKING:
    from gridkeeper.services.demo import DemoService


class GridKeeper:
    """Services for one database on behalf of one actor."""

    def __init__(self, db: Database, actor: Actor = SYSTEM) -> None:
        self.db = db
        self.actor = actor

    def acting_as(self, actor: Actor) -> GridKeeper:
        return GridKeeper(self.db, actor)

    @cached_property
    def register(self) -> RegisterService:
        return RegisterService(self.db, self.actor)

    @cached_property
    def info(self) -> InfoService:
        return InfoService(self.db)

    @cached_property
    def demo(self) -> DemoService:
        from gridkeeper.services.demo import DemoService  # heavy name tables: load on use

        return DemoService(self.db, self.actor)

    def close(self) -> None:
        self.db.dispose()


def open_database(location: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database named by ``--db``/env/default."""
    db = Database(resolve_database(location))
    if db.path is not None:
        db.path.parent.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(db)
    with db.transaction() as session:
        seed_defaults(session)
    return db


def open_gridkeeper(location: str | None = None, actor: Actor = SYSTEM) -> GridKeeper:
    return GridKeeper(open_database(location), actor)
