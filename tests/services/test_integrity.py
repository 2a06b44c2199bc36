"""`check`: SQLite checks and register rules with fixes on request; damage detected at start."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from gridkeeper.cli import main
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.backup import BackupService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.integrity import startup_check
from gridkeeper.storage.database import Database
from tests.conftest import household


def _two_residents(gk: GridKeeper, code: str = "H1") -> int:
    return gk.register.save_household(household(code, residents=(
        ResidentDraft(name="张伟", is_head=True, birth_date=date(1950, 1, 1)),
        ResidentDraft(name="李娜", relation="配偶", birth_date=date(1952, 1, 1)),
    )))


def test_a_sound_database_passes(gk: GridKeeper) -> None:
    _two_residents(gk)
    report = gk.integrity.check()
    assert report.ok and report.findings == ()


def test_household_without_head_is_reported_and_fixed_only_on_request(gk: GridKeeper) -> None:
    hid = _two_residents(gk)
    with gk.db.transaction() as s:
        s.execute(text("UPDATE resident SET is_head = false"))
    report = gk.integrity.check()
    assert [f.kind for f in report.findings] == ["household_head"] and report.findings[0].fixable
    assert "H1" in str(report.findings[0].message)
    assert not gk.integrity.check().ok  # reporting changed nothing
    fixed = gk.integrity.check(fix=True)
    assert fixed.fixed == fixed.findings
    # a file backup precedes the repair on SQLite; a server database is backed up by its admin
    assert (fixed.backup is not None) == gk.db.is_sqlite
    assert gk.integrity.check().ok
    draft = gk.register.load_draft(hid)
    assert [r.name for r in draft.residents if r.is_head] == ["张伟"]


def test_visit_after_death_is_reported_for_a_person(gk: GridKeeper) -> None:
    hid = _two_residents(gk)
    with gk.db.transaction() as s:
        s.execute(text("UPDATE household SET status = 'deceased', status_since = '2026-01-10'"))
        for day, outcome in (("2026-01-05", "met"), ("2026-01-12", "deceased"), ("2026-02-01", "met")):
            s.execute(text("INSERT INTO visit (household_id, visit_date, method, outcome, version) "
                           "VALUES (:h, :d, 'home', :o, 1)"), {"h": hid, "d": day, "o": outcome})
    report = gk.integrity.check(fix=True)
    assert [f.kind for f in report.findings] == ["visit_after_death"]
    assert not report.findings[0].fixable and report.fixed == ()
    assert "2026-02-01" in str(report.findings[0].message)


def test_broken_foreign_keys_are_reported(gk: GridKeeper) -> None:
    _two_residents(gk)
    raw = sqlite3.connect(gk.db.path)
    raw.execute("UPDATE resident SET household_id = 999 WHERE name = '李娜'")
    raw.commit()
    raw.close()
    kinds = [f.kind for f in gk.integrity.check().findings]
    assert "foreign_key" in kinds


def test_check_cli_prints_findings_and_fixes_on_request(gk: GridKeeper, db_location: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    _two_residents(gk)
    with gk.db.transaction() as s:
        s.execute(text("UPDATE resident SET is_head = false"))
    assert main(["--db", db_location, "check"]) == 1
    assert "H1" in capsys.readouterr().out
    assert main(["--db", db_location, "check", "--fix"]) == 0
    assert main(["--db", db_location, "check"]) == 0
    assert "检查通过" in capsys.readouterr().out


def _corrupt(path: Path, rng: random.Random) -> None:
    """Random bytes over a few whole pages past the header page."""
    size = path.stat().st_size
    pages = size // 4096
    with open(path, "r+b") as f:
        for page in rng.sample(range(1, pages), k=min(3, pages - 1)):
            f.seek(page * 4096)
            f.write(rng.randbytes(4096))


@pytest.mark.slow
def test_random_damage_is_found_at_start_and_the_newest_good_backup_offered(
    gk: GridKeeper, tmp_path: Path
) -> None:
    for n in range(40):
        gk.register.save_household(household(f"H{n:03d}", room=f"{100 + n}", residents=(
            ResidentDraft(name="张伟" + "明" * (n % 5), phone="13800138000"),)))
    now = datetime(2026, 3, 1, 9, 0)
    service = BackupService(gk.db, SYSTEM, clock=lambda: now)
    good = service.take("start")
    now += timedelta(hours=1)
    broken_backup = service.take("work")
    gk.close()
    _corrupt(broken_backup.path, random.Random(0))
    # the damaged copy is vacuumed first so that every page is in use
    for seed in range(10):
        office = tmp_path / f"office{seed}"
        office.mkdir()
        shutil.copytree(gk.db.path.parent / "backups", office / "backups")
        copy = office / "register.db"
        source = sqlite3.connect(gk.db.path)
        source.execute(f"VACUUM INTO '{copy}'")
        source.close()
        _corrupt(copy, random.Random(seed))
        before = hashlib.sha256(copy.read_bytes()).hexdigest()
        db = Database("sqlite:///" + str(copy))
        found = startup_check(db)
        assert not found.ok and found.problems, seed
        assert found.offer is not None and found.offer.path.name == good.path.name, seed
        # the command line refuses it too, naming the backup, and writes nothing
        code = main(["--db", str(copy), "check"])
        assert code == 1
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
        assert not Path(str(copy) + "-wal").exists()
        db.dispose()


def test_damaged_database_message_names_the_backup(
    gk: GridKeeper, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_residents(gk)
    good = BackupService(gk.db, SYSTEM).take("start")
    path = gk.db.path
    gk.close()
    _corrupt(path, random.Random(5))
    Path(str(path) + "-wal").unlink(missing_ok=True)
    Path(str(path) + "-shm").unlink(missing_ok=True)
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "已损坏" in err and good.path.name in err
    assert main(["--db", str(path), "restore", str(good.path)]) == 0
    assert main(["--db", str(path), "check"]) == 0


def test_the_start_check_writes_nothing_even_with_a_pending_wal(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.execute("CREATE TABLE alembic_version (version_num)")  # a register, as far as it goes
    writer.commit()
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    # the files as a crash leaves them: a -wal nobody has checkpointed
    path, wal = tmp_path / "crashed.db", tmp_path / "crashed.db-wal"
    path.write_bytes(live.read_bytes())
    wal.write_bytes(Path(str(live) + "-wal").read_bytes())
    writer.close()
    db_bytes, wal_bytes = path.read_bytes(), wal.read_bytes()
    assert wal_bytes
    found = startup_check(Database("sqlite:///" + str(path)))
    assert found.ok
    assert path.read_bytes() == db_bytes and wal.read_bytes() == wal_bytes
