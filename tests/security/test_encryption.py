"""An encrypted register works the same through every command: imports (whose safety copy
once waited for itself for ever), backups, PDFs and exports; a wrong passphrase is named as
one, never as damage, and nothing reaches the disk in plain text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gridkeeper.storage import cipher
from tests.conftest import needs_sqlcipher
from tests.io.sheets import register_rows, write_sheet
from tests.security.conftest import PASSWORD, TODAY, WEEK, Office

pytestmark = [pytest.mark.sqlite_only, needs_sqlcipher()]

ROOT = Path(__file__).resolve().parents[2]
KEY = "office key ' 2026"


@pytest.fixture
def encrypted(office: Office, tmp_path: Path) -> Office:
    """The office's register converted to SQLCipher; every command then runs with the key."""
    target = tmp_path / "secret.db"
    office.monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", KEY)
    seen = office.run("encrypt", "--to", str(target), user="admin")
    assert seen.code == 0, seen.err
    office.monkeypatch.setenv("GRIDKEEPER_DB_KEY", KEY)
    office.path = target
    return office


def _cli(office: Office, *args: str, user: str = "staff",
         timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRIDKEEPER_PASSWORD": PASSWORD,
           "GRIDKEEPER_DB_KEY": KEY, "XDG_DATA_HOME": str(office.path.parent / "userdata")}
    return subprocess.run([sys.executable, "-m", "gridkeeper", "--lang", "en", "--db", str(office.path),
                           "--user", user, *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_an_import_into_an_encrypted_register_finishes(encrypted: Office, tmp_path: Path) -> None:
    rows = register_rows(30, seed=4)
    for row in rows:
        row[0] = "E" + str(row[0])
    sheet = write_sheet(tmp_path / "new.xlsx", rows)
    done = _cli(encrypted, "import", "households", str(sheet), timeout=60)
    assert done.returncode == 0, done.stderr
    backups = list((encrypted.path.parent / "backups").glob("secret-*-before-import.db"))
    assert backups and cipher.is_plain_sqlite(backups[0]) is False


def test_backups_pdfs_and_exports_work_on_an_encrypted_register(encrypted: Office, tmp_path: Path) -> None:
    for args in (("backup",), ("roster", "--week", WEEK, "--date", TODAY, "--pdf", str(tmp_path / "r.pdf")),
                 ("report", "--period", "2026-11", "--date", TODAY, "--pdf", str(tmp_path / "c.pdf")),
                 ("visitlog", "--grid", "第1网格", "--period", "2026-11", "--pdf", str(tmp_path / "v.pdf")),
                 ("export", "households", str(tmp_path / "h.xlsx")), ("check",)):
        seen = encrypted.run(*args, user="admin")
        assert seen.code == 0, (args, seen.err)
    for name in ("r.pdf", "c.pdf", "v.pdf", "h.xlsx"):
        assert (tmp_path / name).stat().st_size > 1000


def test_a_wrong_key_is_named_as_such_not_as_damage(encrypted: Office) -> None:
    encrypted.monkeypatch.setenv("GRIDKEEPER_DB_KEY", "not the key")
    before = encrypted.path.read_bytes()
    seen = encrypted.run("info", user="staff")
    assert seen.code == 1 and "passphrase" in seen.err and "damaged" not in seen.err.split(":")[0]
    assert encrypted.path.read_bytes() == before


def test_a_wrong_key_with_backups_is_still_a_wrong_key(encrypted: Office) -> None:
    assert encrypted.run("backup", user="admin").code == 0
    encrypted.monkeypatch.setenv("GRIDKEEPER_DB_KEY", "not the key")
    seen = encrypted.run("info", user="staff")
    assert seen.code == 1 and "does not open" in seen.err


def test_an_encrypted_register_without_the_key_is_not_written(encrypted: Office) -> None:
    encrypted.monkeypatch.delenv("GRIDKEEPER_DB_KEY")
    before = encrypted.path.read_bytes()
    seen = encrypted.run("info", user="staff")
    assert seen.code == 1 and "GRIDKEEPER_DB_KEY" in seen.err
    assert encrypted.path.read_bytes() == before


def test_a_key_for_a_plain_register_is_refused(office: Office) -> None:
    office.monkeypatch.setenv("GRIDKEEPER_DB_KEY", KEY)
    before = office.path.read_bytes()
    seen = office.run("info", user="staff")
    assert seen.code == 1 and "not encrypted" in seen.err
    assert office.path.read_bytes() == before


def _plaintext_holders(folder: Path, secret: bytes) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                  and secret in p.read_bytes())


def test_encrypt_names_the_plaintext_copies_and_removes_them_only_when_asked(
        office: Office, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(office.path) as connection:
        secret = connection.execute(
            "SELECT id_number FROM resident WHERE id_number IS NOT NULL LIMIT 1").fetchone()[0].encode()
    assert office.run("backup", user="admin").code == 0
    folder = office.path.parent
    office.monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", KEY)
    target = tmp_path / "vault" / "secret.db"
    seen = office.run("encrypt", "--to", str(target), user="admin")
    assert seen.code == 0, seen.err
    holders = _plaintext_holders(folder, secret)
    assert "office.db" in holders and any(h.startswith("backups/") for h in holders)
    assert all(name in seen.out for name in [str(folder / h) for h in holders if not h.endswith("-wal")])
    assert not [h for h in holders if "before-encrypt" in h]  # no new plaintext copy on the way
    assert office.path.exists()  # nothing removed unasked
    # asked: the plaintext register and its backups go; the encrypted copy works and says so
    seen = office.run("encrypt", "--to", str(tmp_path / "vault2.db"), "--remove-plaintext", user="admin")
    assert seen.code == 0, seen.err
    assert _plaintext_holders(folder, secret) == [] and not office.path.exists()
    office.monkeypatch.setenv("GRIDKEEPER_DB_KEY", KEY)
    office.path = tmp_path / "vault2.db"
    assert office.run("info", user="staff").code == 0
    assert any(action == "remove_plaintext" for _who, action, _d in _encrypted_audit(office.path))


def _encrypted_audit(path: Path) -> list[tuple[str, str, str]]:
    connection = cipher.connect_file(path, KEY)
    try:
        return connection.execute("SELECT username, action, detail FROM audit_log").fetchall()
    finally:
        connection.close()


def test_encrypt_to_a_file_that_exists_writes_nothing(office: Office, tmp_path: Path) -> None:
    target = tmp_path / "there.db"
    target.write_bytes(b"someone's file")
    office.monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", KEY)
    seen = office.run("encrypt", "--to", str(target), user="admin")
    assert seen.code == 1 and "exists already" in seen.err and len(seen.err.strip().splitlines()) == 1
    assert target.read_bytes() == b"someone's file"


def test_only_an_administrator_encrypts(office: Office, tmp_path: Path) -> None:
    office.monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", KEY)
    seen = office.run("encrypt", "--to", str(tmp_path / "x.db"), user="staff")
    assert seen.code == 1 and not (tmp_path / "x.db").exists()

