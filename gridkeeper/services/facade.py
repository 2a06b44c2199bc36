"""The one object the command line and the GUI hold: a database, the acting user, and the
services over them (like Anki's ``Collection`` with its managers).

Programs get theirs through the one door, :func:`gridkeeper.services.startup.open_checked`
(lock, damage check, key, migration) and a login (``cli/session.py``, ``ui/startup.py``).
:func:`open_database` is the door's last step (key, migration, default catalogues), so no
caller can skip those; :func:`open_gridkeeper` is for tests and benchmarks, and refuses to
act as the built-in system once accounts exist. tests/security/test_one_door.py keeps every
other module away from both.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from gridkeeper.domain.errors import LoginRequired
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.catalogue import seed_defaults
from gridkeeper.services.info import InfoService
from gridkeeper.services.register import RegisterService
from gridkeeper.settings import database_url
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database

if TYPE_CHECKING:
    from gridkeeper.services.accounts import AccountService
    from gridkeeper.services.audit_browser import AuditLogService
    from gridkeeper.services.backup import BackupService
    from gridkeeper.services.browse import BrowseService
    from gridkeeper.services.campaigns import CampaignService
    from gridkeeper.services.completion import CompletionService
    from gridkeeper.services.contacts import ContactService
    from gridkeeper.services.demo import DemoService
    from gridkeeper.services.exporter import ExportService
    from gridkeeper.services.history import HistoryService
    from gridkeeper.services.importer import ImportService
    from gridkeeper.services.integrity import IntegrityService
    from gridkeeper.services.need_transfer import NeedImportService
    from gridkeeper.services.needs import NeedService
    from gridkeeper.services.printing import PrintService
    from gridkeeper.services.roster import RosterService
    from gridkeeper.services.roster_sheets import RosterSheetService
    from gridkeeper.services.settings import SettingsService
    from gridkeeper.services.spot_checks import SpotCheckService
    from gridkeeper.services.visits import VisitService


class GridKeeper:
    """Services for one database on behalf of one actor."""

    def __init__(self, db: Database, actor: Actor = SYSTEM) -> None:
        self.db = db
        self.actor = actor

    def acting_as(self, actor: Actor) -> GridKeeper:
        return GridKeeper(self.db, actor)

    def in_community(self, community_id: int | None) -> GridKeeper:
        """The same services narrowed to one community's grids, for a street office's page
        showing one community (its roster, figures, visits, needs); ``None``: everything the
        actor sees. Narrowing never widens: a grid leader keeps to their own grids."""
        if community_id is None:
            return self
        from dataclasses import replace

        from sqlalchemy import select

        from gridkeeper.storage.models import Grid

        with self.db.reading() as session:
            grids = frozenset(session.scalars(select(Grid.id).where(Grid.community_id == community_id)))
        if self.actor.grid_ids is not None:
            grids &= self.actor.grid_ids
        # as an account of that community sees it (its walk-in needs too); what only the street
        # office's accounts may do is not needed here: these services read, print and export
        return GridKeeper(self.db, replace(self.actor, grid_ids=grids,
                                           community_id=self.actor.community_id or community_id))

    @cached_property
    def register(self) -> RegisterService:
        return RegisterService(self.db, self.actor)

    @cached_property
    def info(self) -> InfoService:
        return InfoService(self.db, self.actor)

    @cached_property
    def roster(self) -> RosterService:
        from gridkeeper.services.roster import RosterService

        return RosterService(self.db, self.actor)

    @cached_property
    def completion(self) -> CompletionService:
        from gridkeeper.services.completion import CompletionService

        return CompletionService(self.db, self.actor)

    @cached_property
    def accounts(self) -> AccountService:
        from gridkeeper.services.accounts import AccountService

        return AccountService(self.db, self.actor)

    @cached_property
    def backups(self) -> BackupService:
        from datetime import timedelta
        from pathlib import Path

        from gridkeeper.services.backup import BackupService
        from gridkeeper.services.settings import BACKUP_FOLDER_KEY, BACKUP_INTERVAL_KEY

        # the office may name its own folder and interval (设置); empty folder: "backups" next
        # to the database
        folder = self.settings.value(BACKUP_FOLDER_KEY) if self.db.path is not None else ""
        minutes = int(self.settings.value(BACKUP_INTERVAL_KEY))
        return BackupService(self.db, self.actor, folder=Path(folder) if folder else None,
                             interval=timedelta(minutes=minutes))

    @cached_property
    def settings(self) -> SettingsService:
        from gridkeeper.services.settings import SettingsService

        return SettingsService(self.db, self.actor)

    @cached_property
    def integrity(self) -> IntegrityService:
        from gridkeeper.services.integrity import IntegrityService

        return IntegrityService(self.db, self.actor)

    @cached_property
    def auditlog(self) -> AuditLogService:
        from gridkeeper.services.audit_browser import AuditLogService

        return AuditLogService(self.db, self.actor)

    @cached_property
    def printing(self) -> PrintService:
        from gridkeeper.services.printing import PrintService  # reportlab: load on use

        return PrintService(self.db, self.actor)

    @cached_property
    def sheets(self) -> RosterSheetService:
        from gridkeeper.services.roster_sheets import RosterSheetService

        return RosterSheetService(self.db, self.actor)

    @cached_property
    def demo(self) -> DemoService:
        from gridkeeper.services.demo import DemoService  # heavy name tables: load on use

        return DemoService(self.db, self.actor)

    @cached_property
    def importer(self) -> ImportService:
        from gridkeeper.services.importer import ImportService  # the sheet readers: loaded on use

        return ImportService(self.db, self.actor)

    @cached_property
    def need_importer(self) -> NeedImportService:
        from gridkeeper.services.need_transfer import NeedImportService  # the sheet readers: loaded on use

        return NeedImportService(self.db, self.actor)

    @cached_property
    def exporter(self) -> ExportService:
        from gridkeeper.services.exporter import ExportService

        return ExportService(self.db, self.actor)

    @cached_property
    def browse(self) -> BrowseService:
        from gridkeeper.services.browse import BrowseService

        return BrowseService(self.db, self.actor)

    @cached_property
    def contacts(self) -> ContactService:
        from gridkeeper.services.contacts import ContactService

        return ContactService(self.db, self.actor)

    @cached_property
    def campaigns(self) -> CampaignService:
        from gridkeeper.services.campaigns import CampaignService  # reportlab: load on use

        return CampaignService(self.db, self.actor)

    @cached_property
    def history(self) -> HistoryService:
        from gridkeeper.services.history import HistoryService

        return HistoryService(self.db, self.actor)

    @cached_property
    def visits(self) -> VisitService:
        from gridkeeper.services.visits import VisitService

        return VisitService(self.db, self.actor)

    @cached_property
    def spot_checks(self) -> SpotCheckService:
        from gridkeeper.services.spot_checks import SpotCheckService

        return SpotCheckService(self.db, self.actor)

    @cached_property
    def needs(self) -> NeedService:
        from gridkeeper.services.needs import NeedService

        return NeedService(self.db, self.actor)

    def close(self) -> None:
        self.db.dispose()


def open_database(location: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database named by ``--db``/env/default, with
    the passphrase of ``$GRIDKEEPER_DB_KEY`` for a SQLite file."""
    db = Database(database_url(location))
    if db.path is not None:
        from gridkeeper.files import private_dir

        private_dir(db.path.parent)
    from gridkeeper.services.backup import backup_before_migration

    if migrate.upgrade(db, before_migration=backup_before_migration(db)):
        # a new or upgraded schema gets the default catalogues; an up-to-date one is the
        # office's own (a start writes nothing, and a category removed stays removed)
        with db.transaction() as session:
            seed_defaults(session)
    return db


def open_gridkeeper(location: str | None = None, actor: Actor = SYSTEM) -> GridKeeper:
    """A GridKeeper without lock or start-up check, for tests and benchmarks. The built-in
    system actor is refused once accounts exist (:class:`LoginRequired`)."""
    db = open_database(location)
    if actor is SYSTEM:
        from gridkeeper.services.accounts import AccountService

        if AccountService(db, SYSTEM).has_users():
            db.dispose()
            raise LoginRequired()
    return GridKeeper(db, actor)
