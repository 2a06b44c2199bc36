"""Restoring replaces everything, accounts and audit log included: only an administrator may,
and only a sound GridKeeper database is accepted, with nothing changed otherwise."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.security.conftest import Office

pytestmark = pytest.mark.sqlite_only  # backups are copies of the .db file, restored over it


def _backup(office: Office) -> Path:
    seen = office.run("backup", user="admin")
    assert seen.code == 0, seen.err
    return Path(seen.out.strip())


def _users(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {r[0] for r in connection.execute("SELECT username FROM app_user")}


@pytest.mark.parametrize("user", ["staff", "leader", "boss"])
def test_only_an_administrator_restores(office: Office, user: str) -> None:
    backup = _backup(office)
    before = office.path.read_bytes()
    mark = len(office.audit())
    seen = office.run("restore", str(backup), user=user)
    assert seen.code == 1 and "may not" in seen.err
    assert (user, "refused") in [(who, action) for who, action, _ in office.audit_since(mark)]
    assert "restore" not in [action for _, action, _ in office.audit()]
    assert office.path.read_bytes()[:100] == before[:100]


def test_an_administrator_restores_and_it_is_audited(office: Office) -> None:
    backup = _backup(office)
    seen = office.run("restore", str(backup), user="admin")
    assert seen.code == 0, seen.err
    assert ("admin", "restore") in [(who, action) for who, action, _ in office.audit()]


def test_restore_needs_a_login(office: Office) -> None:
    backup = _backup(office)
    seen = office.run("restore", str(backup))
    assert seen.code == 1 and "--user" in seen.err


def _foreign_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("INSERT INTO notes VALUES ('not a register')")
    return path


def _empty_register_without_accounts(path: Path, office: Office) -> Path:
    seen = office.run("init", db=str(path))
    assert seen.code == 0, seen.err
    return path


@pytest.mark.parametrize("make", ["foreign", "random", "empty", "newer", "text"])
def test_a_file_that_is_not_a_gridkeeper_database_is_refused_with_nothing_changed(
        office: Office, tmp_path: Path, make: str) -> None:
    source = tmp_path / "incoming.db"
    if make == "foreign":
        _foreign_sqlite(source)
    elif make == "random":
        source.write_bytes(bytes(range(256)) * 64)
    elif make == "empty":
        source.write_bytes(b"")
    elif make == "text":
        source.write_text("id,name\n1,张伟\n", encoding="utf-8")
    else:  # a register of a schema this program does not know
        source.write_bytes(_backup(office).read_bytes())
        with sqlite3.connect(source) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
    users = _users(office.path)
    audit = office.audit()
    seen = office.run("restore", str(source), user="admin")
    assert seen.code == 1 and "cannot be restored" in seen.err
    assert len(seen.err.strip().splitlines()) == 1 and "Traceback" not in seen.err
    assert _users(office.path) == users and office.audit()[: len(audit)] == audit
    assert not [p for p in office.path.parent.iterdir() if "restoring" in p.name]


def _wreck(path: Path, how: str) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if how == "zero":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"\x00" * 8192)


@pytest.mark.parametrize("how", ["zero", "garbage"])
def test_an_unreadable_register_is_restored_by_an_administrator_of_the_backup(
        office: Office, how: str) -> None:
    backup = _backup(office)
    _wreck(office.path, how)
    refused = office.run("restore", str(backup), user="staff")
    assert refused.code == 1 and "may not" in refused.err
    assert office.run("restore", str(backup)).code == 1  # nobody: no fallback to the system
    assert office.run("restore", str(backup), user="admin", password="not it at all").code == 1
    assert office.path.read_bytes() in (b"", b"\x00" * 8192)
    seen = office.run("restore", str(backup), user="admin")
    assert seen.code == 0, seen.err
    assert office.run("info", "--json", user="staff").code == 0
    assert ("admin", "restore") in [(who, action) for who, action, _ in office.audit()]


def test_a_backup_without_accounts_cannot_be_slipped_over_a_register_with_accounts(
        office: Office, tmp_path: Path) -> None:
    """Staff cannot wipe the accounts and the audit log by restoring an account-less register."""
    source = _empty_register_without_accounts(tmp_path / "blank.db", office)
    seen = office.run("restore", str(source), user="staff")
    assert seen.code == 1
    assert _users(office.path) == {"admin", "staff", "leader", "boss"}


def test_a_restored_register_is_guarded_again(office: Office) -> None:
    backup = _backup(office)
    with sqlite3.connect(backup) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DROP TRIGGER audit_log_no_update")
    assert office.run("restore", str(backup), user="admin").code == 0
    with sqlite3.connect(office.path) as connection, pytest.raises(sqlite3.DatabaseError):
        connection.execute("DELETE FROM audit_log")
