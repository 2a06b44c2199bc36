"""Shared fixtures: a fresh migrated database per test, and a quick way to add households.

Qt tests must run offscreen, so the platform is set here before anything imports Qt.
``GRIDKEEPER_TEST_DB`` (a server URL) runs the suite against PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from gridkeeper.domain.i18n import set_language  # noqa: E402
from gridkeeper.domain.register import HouseholdDraft, ResidentDraft  # noqa: E402
from gridkeeper.services.facade import GridKeeper, open_gridkeeper  # noqa: E402


@pytest.fixture(autouse=True)
def _chinese_by_default() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("zh")


TEST_SERVER = os.environ.get("GRIDKEEPER_TEST_DB")  # e.g. postgresql+psycopg://u@127.0.0.1:5433/db
# .ci/run sets it: the encrypted-register tests must run there, a missing SQLCipher fails them
ENCRYPTION_REQUIRED = os.environ.get("GRIDKEEPER_REQUIRE_ENCRYPTION") == "1"


def needs_sqlcipher() -> pytest.MarkDecorator:
    """Skip without SQLCipher (``pip install -e '.[encryption]'``), except where it is required."""
    from gridkeeper.storage import cipher

    return pytest.mark.skipif(not cipher.available() and not ENCRYPTION_REQUIRED,
                              reason="SQLCipher not installed: pip install -e '.[encryption]'")


# Tests about the SQLite file itself (backups are .db copies, lock files beside the .db,
# SQLCipher, page corruption, foreign keys broken behind SQLite's back): marked here so the
# owners' test files need no change. A node id prefix marks a module, a test or one parameter.
SQLITE_ONLY = (
    "tests/storage/test_cipher.py",
    "tests/storage/test_lock.py",
    "tests/services/test_backup.py",
    "tests/services/test_crash.py",
    "tests/services/test_startup.py::test_open_checked_holds_the_lock_until_released",
    "tests/services/test_startup.py::test_damaged_database_offers_the_newest_good_backup_and_restores_it",
    "tests/services/test_startup.py::test_second_open_in_another_process_is_refused",
    "tests/services/test_startup.py::test_background_check",
    "tests/services/test_import_households.py::test_a_real_import_first_takes_a_backup",
    "tests/services/test_integrity.py::test_broken_foreign_keys_are_reported",
    "tests/services/test_integrity.py::test_damaged_database_message_names_the_backup",
    "tests/services/test_integrity.py::test_random_damage_is_found_at_start",
    "tests/services/test_roles_and_audit.py::test_backups_and_checks_are_for_admins_and_staff[admin-True]",
    "tests/services/test_roles_and_audit.py::test_backups_and_checks_are_for_admins_and_staff[staff-True]",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the SQLite-file tests; on a server database (GRIDKEEPER_TEST_DB) skip them."""
    skip = pytest.mark.skip(reason="SQLite-only: about the .db file itself, not run on GRIDKEEPER_TEST_DB")
    for item in items:
        if item.nodeid.startswith(SQLITE_ONLY):
            item.add_marker(pytest.mark.sqlite_only)
        if TEST_SERVER and item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _server_admin() -> Iterator[object]:
    """An autocommit connection to the server's own test database, to make one database per test."""
    from sqlalchemy import create_engine

    engine = create_engine(TEST_SERVER, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    with engine.connect() as connection:
        yield connection
    engine.dispose()


_server_databases = iter(range(1, 1_000_000))


@pytest.fixture
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if not TEST_SERVER:
        yield str(tmp_path / "register.db")
        return
    # A fresh empty database per test (fsync off in .ci/postgres.sh keeps CREATE DATABASE fast);
    # migrations then run through open_gridkeeper exactly as on SQLite.
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin = request.getfixturevalue("_server_admin")
    name = f"gk_test_{os.getpid()}_{next(_server_databases)}"
    admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
    try:
        yield make_url(TEST_SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def gk(db_location: str) -> Iterator[GridKeeper]:
    keeper = open_gridkeeper(db_location)
    yield keeper
    keeper.close()


def household(code: str = "H001", *, grid: str = "第一网格", estate: str = "阳光小区",
              building: str = "1", unit: int = 1, floor: int = 1, room: str = "101",
              registered_on: date | None = date(2020, 1, 1),
              residents: tuple[ResidentDraft, ...] | None = None, **extra: object
              ) -> HouseholdDraft:
    """A valid household draft; tests change only what they are about."""
    return HouseholdDraft(
        code=code, grid=grid, estate=estate, building=building, unit=unit, floor=floor,
        room=room, registered_on=registered_on,
        residents=residents or (ResidentDraft(name="张伟"),), **extra,  # type: ignore[arg-type]
    )
