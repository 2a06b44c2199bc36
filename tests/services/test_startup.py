"""Opening at start: lock held, damage refused before any write, the offered backup restored."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.integrity import DatabaseDamaged
from gridkeeper.services.startup import open_checked, restore_damaged
from gridkeeper.settings import resolve_database
from gridkeeper.storage.lock import DatabaseInUse
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
    restore_damaged(url, damaged.value.backup)
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
