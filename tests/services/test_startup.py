"""Opening at start: lock held, damage refused before any write, the offered backup restored."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from gridkeeper.domain.errors import DatabaseInUse
from gridkeeper.domain.register import check_household
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.integrity import DatabaseDamaged
from gridkeeper.services.register import save_household
from gridkeeper.services.startup import open_checked, restore_register
from gridkeeper.settings import resolve_database
from tests.conftest import household


def test_open_checked_holds_the_lock_until_released(db_location: str) -> None:
    url = resolve_database(db_location)
    opened = open_checked(url)
    assert opened.lock is not None and opened.lock.path.exists() and opened.warnings == []
    GridKeeper(opened.db).register.save_household(household("H1"))
    opened.db.dispose()
    opened.lock.release()
    assert not opened.lock.path.exists()


def test_damaged_database_offers_the_newest_good_backup_and_restores_it(db_location: str) -> None:
    url = resolve_database(db_location)
    opened = open_checked(url)
    gk = GridKeeper(opened.db)
    for n in range(30):
        gk.register.save_household(household(f"H{n:02d}", room=f"{100 + n}"))
    good = gk.backups.take("start")
    gk.close()
    opened.lock.release()  # type: ignore[union-attr]
    path = Path(db_location)
    rng = random.Random(3)
    with open(path, "r+b") as f:
        for page in rng.sample(range(1, path.stat().st_size // 4096), k=3):
            f.seek(page * 4096)
            f.write(rng.randbytes(4096))
    with pytest.raises(DatabaseDamaged) as damaged:
        open_checked(url)
    assert damaged.value.backup == good.path
    assert not Path(db_location + ".lock").exists()  # a refused start leaves no lock behind
    restore_register(url, damaged.value.backup)
    reopened = open_checked(url)
    assert GridKeeper(reopened.db).info.counts()["households"] == 30
    reopened.db.dispose()
    reopened.lock.release()  # type: ignore[union-attr]


def test_second_open_in_another_process_is_refused(db_location: str, tmp_path: Path) -> None:
    import json
    import socket
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        Path(db_location + ".lock").write_text(json.dumps(
            {"pid": child.pid, "host": socket.gethostname(), "user": "li", "since": "x"}), encoding="utf-8")
        with pytest.raises(DatabaseInUse):
            open_checked(resolve_database(db_location))
    finally:
        child.kill()
        child.wait()


def _damage_data_pages(path: Path, seed: int) -> None:
    """Random bytes over pages near the end of the file: table data, not the schema."""
    rng = random.Random(seed)
    pages = path.stat().st_size // 4096
    with open(path, "r+b") as f:
        for page in rng.sample(range(pages // 2, pages), k=3):
            f.seek(page * 4096)
            f.write(rng.randbytes(4096))


def _register_with_backup(db_location: str, households: int = 300) -> Path:
    opened = open_checked(resolve_database(db_location))
    gk = GridKeeper(opened.db)
    with opened.db.transaction() as session:
        for n in range(households):
            save_household(session, SYSTEM, check_household(household(f"H{n:03d}", room=f"{n}")))
    good = gk.backups.take("start")
    gk.close()
    opened.lock.release()  # type: ignore[union-attr]
    return good.path


def test_background_check_lets_reading_start_and_holds_every_write(db_location: str) -> None:
    _register_with_backup(db_location)
    opened = open_checked(resolve_database(db_location), check_in_background=True)
    assert opened.check is not None
    gk = GridKeeper(opened.db)
    gk.register.save_household(household("NEW", room="9999"))  # waited for a sound verdict
    assert opened.check.verdict().ok
    assert gk.info.counts()["households"] == 301
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]


def test_background_check_refuses_writes_to_a_damaged_file_and_offers_the_backup(db_location: str) -> None:
    good = _register_with_backup(db_location)
    _damage_data_pages(Path(db_location), seed=5)
    before = Path(db_location).read_bytes()
    opened = open_checked(resolve_database(db_location), check_in_background=True)
    assert opened.check is not None  # no migration due: the window may open at once
    verdict = opened.check.verdict()
    assert not verdict.ok and verdict.offer is not None and verdict.offer.path == good
    with pytest.raises(DatabaseDamaged) as refused:
        GridKeeper(opened.db).register.save_household(household("NEW", room="9999"))
    assert refused.value.backup == good
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]
    assert Path(db_location).read_bytes() == before  # not one byte written


@pytest.mark.sqlite_only  # the register's own file on a disk that refuses to grow
@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE stands in for a full disk")
def test_a_full_disk_at_opening_is_said_as_such_and_no_backup_is_offered_in_its_place(
        db_location: str, tmp_path: Path) -> None:
    import resource
    import subprocess
    import sys

    _register_with_backup(db_location)
    before = Path(db_location).read_bytes()

    def no_room() -> None:  # not even the 32 KB of the shared-memory file beside the register
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
           "XDG_DATA_HOME": str(tmp_path / "userdata")}
    for lang, says, never in (("en", "disk may be full", ("is damaged", "restore")),
                              ("zh", "磁盘可能已满", ("已损坏", "restore"))):
        command = [sys.executable, "-m", "gridkeeper", "--lang", lang, "--db", db_location, "info"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=no_room,
                              timeout=120)
        assert done.returncode != 0 and says in done.stderr, done.stderr
        assert not any(word in done.stderr for word in never), done.stderr
        assert "Traceback" not in done.stderr
    assert Path(db_location).read_bytes() == before
    opened = open_checked(resolve_database(db_location))  # room again: it opens as it was
    assert GridKeeper(opened.db).info.counts()["households"] == 300
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]
