"""Schema versions: fresh databases, existing ones, and databases from a newer program."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from gridkeeper.domain.errors import SchemaTooNew
from gridkeeper.services.facade import open_database, open_gridkeeper
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database
from tests.conftest import household


def test_empty_database_is_brought_to_the_newest_schema(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "new.db"))
    assert migrate.current_revision(db) == migrate.head_revision() == migrate.HEAD
    with db.reading() as s:
        from gridkeeper.services.catalogue import DEFAULT_CATEGORIES

        assert s.execute(text("select count(*) from category")).scalar() == len(DEFAULT_CATEGORIES)


def test_existing_database_keeps_its_data_and_is_not_migrated_again(tmp_path: Path) -> None:
    location = str(tmp_path / "old.db")
    gk = open_gridkeeper(location)
    gk.register.save_household(household("H777"))
    gk.close()
    db = open_database(location)
    assert migrate.upgrade(db) is False  # nothing left to do
    with db.reading() as s:
        assert s.execute(text("select code from household")).scalar() == "H777"


def test_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    location = tmp_path / "future.db"
    db = open_database(str(location))
    with db.engine.begin() as c:
        c.execute(text("update alembic_version set version_num = '9999_from_the_future'"))
    db.dispose()
    before = location.read_bytes()
    with pytest.raises(SchemaTooNew, match="9999_from_the_future"):
        open_database(str(location))
    assert location.read_bytes() == before


def test_sqlite_is_opened_with_foreign_keys_and_wal(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "p.db"))
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert isinstance(db, Database)


def test_database_at_an_older_revision_is_upgraded_with_its_data(tmp_path: Path) -> None:
    db = Database("sqlite:///" + str(tmp_path / "older.db"))
    migrate.upgrade(db, target="0001")
    with db.engine.begin() as c:
        c.execute(text("insert into community (name, version) values ('老社区', 1)"))
    db.dispose()
    reopened = open_database(str(tmp_path / "older.db"))
    assert migrate.current_revision(reopened) == migrate.head_revision() != "0001"
    with reopened.reading() as s:
        assert s.execute(text("select name from community")).scalar() == "老社区"


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_the_migrations_build_exactly_the_mapped_tables(gk) -> None:  # type: ignore[no-untyped-def]
    """Hand-written revisions (triggers, expression and partial indexes) must not drift from
    the models the program queries through."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from gridkeeper.storage.models import Base

    with gk.db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_an_older_database_gets_targets_from_each_category_rule(tmp_path: Path) -> None:
    db = Database("sqlite:///" + str(tmp_path / "older.db"))
    migrate.upgrade(db, target="0004")
    with db.engine.begin() as c:
        for code, period in (("alone", "month"), ("poor", "quarter"), ("everyone", "half_year")):
            c.execute(text("insert into category (code, name_zh, name_en, colour, kind, visits, period, "
                           "methods, aliases, sort_order, active, version) values "
                           f"('{code}', '{code}', '{code}', '#000000', 'manual', 1, '{period}', 'home', "
                           "'', 0, 1, 1)"))
    db.dispose()
    reopened = open_database(str(tmp_path / "older.db"))
    with reopened.reading() as s:
        targets = dict(s.execute(text("select code, target_rate from category")).all())
    assert {k: targets[k] for k in ("alone", "poor", "everyone")} == {
        "alone": 100, "poor": 95, "everyone": 90}


def test_an_accounts_community_comes_and_goes_with_its_revision(db_location: str) -> None:
    """0011 adds app_user.community_id and takes it away again, accounts kept, on either
    database (SQLite copies the table: it drops no column a foreign key uses)."""
    from alembic import command

    db = open_database(db_location)
    with db.engine.begin() as c:
        c.execute(text("insert into community (name, version) values ('阳光社区', 1)"))
        c.execute(text("insert into app_user (username, display_name, role, password_hash, "
                       "failed_logins, active, version, community_id) values "
                       "('sun', 'sun', 'staff', 'x', 0, true, 1, "
                       "(select id from community where name = '阳光社区'))"))
    config = migrate._config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    with db.engine.begin() as c:
        assert c.execute(text("select username, role from app_user")).all() == [("sun", "staff")]
    migrate.upgrade(db)
    with db.engine.begin() as c:
        assert c.execute(text("select username, community_id from app_user")).all() == [("sun", None)]
    db.dispose()
