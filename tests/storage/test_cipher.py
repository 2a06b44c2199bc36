"""Encryption at rest with SQLCipher: new encrypted databases, conversion, encrypted backups.

Skipped with a reason when sqlcipher3 is not installed (``pip install sqlcipher3-binary``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gridkeeper.cli import main
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.backup import BackupService, check_file
from gridkeeper.services.facade import GridKeeper, open_database
from gridkeeper.storage import cipher
from tests.conftest import household, needs_sqlcipher

pytestmark = needs_sqlcipher()

ID_NUMBER = "11010519491231002X"
PASSPHRASES = ["plain passphrase", "it's \"quoted\"", "back\\slash\\\\ and 'both\"", "密码 ' ; --"]


def _fill(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1", residents=(
        ResidentDraft(name="张伟", id_number=ID_NUMBER, phone="13912345678"),)))


def _plaintext_in(*paths: Path) -> list[str]:
    found = []
    for path in paths:
        if path.exists():
            data = path.read_bytes()
            if ID_NUMBER.encode() in data or "张伟".encode() in data:
                found.append(path.name)
    return found


@pytest.mark.parametrize("passphrase", PASSPHRASES)
def test_new_encrypted_database_hides_id_numbers(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "secret.db"
    db = open_database(cipher.encrypted_url(path, passphrase))
    gk = GridKeeper(db)
    _fill(gk)
    wal = Path(str(path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the change is still in the -wal
    assert _plaintext_in(path, wal) == []
    backup = BackupService(db, SYSTEM).backup()
    assert _plaintext_in(backup.path) == []
    assert check_file(backup.path, passphrase) == []
    assert check_file(backup.path) != []  # plain SQLite cannot read it
    gk.close()
    assert _plaintext_in(path, wal) == []
    reopened = GridKeeper(open_database(cipher.encrypted_url(path, passphrase)))
    draft = reopened.register.load_draft(reopened.register.household_id("H1"))
    assert draft.residents[0].id_number == ID_NUMBER
    reopened.close()


def test_wrong_passphrase_cannot_open(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    GridKeeper(open_database(cipher.encrypted_url(path, "right"))).close()
    with pytest.raises(Exception, match="not a database"):
        open_database(cipher.encrypted_url(path, "wrong"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM household").fetchall()


def test_existing_database_is_converted(gk: GridKeeper, tmp_path: Path) -> None:
    _fill(gk)
    gk.close()
    assert _plaintext_in(gk.db.path)  # the plain database does show it
    target = tmp_path / "converted.db"
    cipher.encrypt_file(gk.db.path, target, "new 'pass' \\ phrase")
    assert _plaintext_in(target) == []
    converted = GridKeeper(open_database(cipher.encrypted_url(target, "new 'pass' \\ phrase")))
    draft = converted.register.load_draft(converted.register.household_id("H1"))
    assert draft.residents[0].id_number == ID_NUMBER
    converted.close()


def test_restore_of_an_encrypted_backup_stays_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    passphrase = "q'\"\\"
    gk = GridKeeper(open_database(cipher.encrypted_url(path, passphrase)))
    _fill(gk)
    service = BackupService(gk.db, SYSTEM)
    good = service.backup()
    gk.register.save_household(household("H2", room="102"))
    safety = service.restore(good.path)
    assert safety is not None and _plaintext_in(safety.path) == []
    assert _plaintext_in(path, Path(str(path) + "-wal")) == []
    gk.close()
    reopened = GridKeeper(open_database(cipher.encrypted_url(path, passphrase)))
    assert reopened.info.counts()["households"] == 1
    reopened.close()


def test_cli_opens_encrypted_database_with_key_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.db"
    GridKeeper(open_database(str(plain))).close()
    monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", "cli \"key\"")
    assert main(["--db", str(plain), "encrypt", "--to", str(tmp_path / "enc.db")]) == 0
    monkeypatch.setenv("GRIDKEEPER_DB_KEY", "cli \"key\"")
    assert main(["--db", str(tmp_path / "enc.db"), "check"]) == 0
    assert main(["--db", str(tmp_path / "enc.db"), "backup"]) == 0
    backup = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert check_file(backup, "cli \"key\"") == [] and check_file(backup) != []
