"""Backups: online copies, change detection, 30-minute work backups, thinning on synthetic
dates, restore all-or-nothing with stale -wal/-shm, and the pre-migration hook."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.backup import (
    BackupService,
    BackupUnusable,
    backup_before_migration,
    backups_to_keep,
    check_file,
)
from gridkeeper.services.facade import GridKeeper, open_database
from gridkeeper.storage.database import Database
from tests.conftest import household


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 9, 0))


@pytest.fixture
def backups(gk: GridKeeper, clock: Clock) -> BackupService:
    return BackupService(gk.db, SYSTEM, clock=clock)


def _households(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {r[0] for r in connection.execute("SELECT code FROM household")}
    finally:
        connection.close()


def test_backup_is_a_checked_copy_in_the_backup_folder(gk: GridKeeper, backups: BackupService) -> None:
    gk.register.save_household(household("H1"))
    info = backups.backup()
    assert info.path.parent == gk.db.path.parent / "backups"
    assert info.path.name == "register-20260302-090000-manual.db"
    assert check_file(info.path) == [] and _households(info.path) == {"H1"}
    assert not list(info.path.parent.glob("*.tmp"))


def test_backup_to_another_folder(gk: GridKeeper, backups: BackupService, tmp_path: Path) -> None:
    info = backups.backup(to=tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb" and info.path.exists()


def test_start_backup_only_when_data_changed(gk: GridKeeper, backups: BackupService, clock: Clock) -> None:
    gk.register.save_household(household("H1"))
    assert backups.backup_on_start() is not None
    clock.now += timedelta(hours=1)
    assert backups.backup_on_start() is None
    gk.register.save_household(household("H2", room="102"))
    clock.now += timedelta(hours=1)
    assert backups.backup_on_start() is not None
    assert len(backups.list_backups()) == 2


def test_work_backup_every_30_minutes_with_changes(
    gk: GridKeeper, backups: BackupService, clock: Clock
) -> None:
    backups.take("start")
    gk.register.save_household(household("H1"))
    clock.now += timedelta(minutes=29)
    assert backups.backup_if_due() is None
    clock.now += timedelta(minutes=1)
    due = backups.backup_if_due()
    assert due is not None and due.reason == "work" and _households(due.path) == {"H1"}
    clock.now += timedelta(minutes=30)
    assert backups.backup_if_due() is None  # nothing changed since


def test_thinning_keeps_12_daily_10_weekly_12_monthly() -> None:
    start = datetime(2024, 1, 1, 8, 0)
    # two backups a day (morning, evening) for two years
    times = [start + timedelta(days=d, hours=h) for d in range(731) for h in (0, 9)]
    keep = backups_to_keep(times, within=timedelta(0))
    newest = max(times)
    assert newest in keep
    days = {t.date() for t in keep}
    # the newest of each of the last 12 days
    for d in range(12):
        day = newest.date() - timedelta(days=d)
        assert max(t for t in times if t.date() == day) in keep
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(weeks) >= 10 and len(months) == 12
    assert len(keep) <= 12 + 10 + 12 and len(days) == len(keep)
    oldest_month = min(months)
    assert oldest_month == (2025, 1)


def test_thinning_keeps_the_last_24_hours_whole() -> None:
    newest = datetime(2026, 3, 2, 18, 0)
    times = [newest - timedelta(minutes=30 * n) for n in range(100)]
    keep = backups_to_keep(times)
    assert {t for t in times if newest - t < timedelta(hours=24)} <= keep
    assert len(keep) == 48 + 1  # plus the evening backup of 28 February


def test_thin_deletes_files_not_kept(gk: GridKeeper, backups: BackupService, clock: Clock) -> None:
    clock.now = datetime(2025, 1, 1, 9, 0)
    for _day in range(400):
        backups.take("work")
        clock.now += timedelta(days=1)
    removed = backups.thin()
    left = backups.list_backups()
    assert len(left) + len(removed) == 400
    assert len({b.taken_at.date() for b in left}) == len(left) <= 34
    assert left[0].taken_at == datetime(2026, 2, 4, 9, 0)
    assert all(not p.exists() for p in removed)


def test_restore_brings_back_the_backup_and_saves_the_current_data(
    gk: GridKeeper, backups: BackupService, clock: Clock
) -> None:
    gk.register.save_household(household("H1"))
    old = backups.backup()
    clock.now += timedelta(minutes=5)
    gk.register.save_household(household("H2", room="102"))
    safety = backups.restore(old.path)
    assert safety is not None and _households(safety.path) == {"H1", "H2"}
    assert {h for h in _households(gk.db.path)} == {"H1"}
    # the program goes on working on the restored data through the same Database
    gk.register.save_household(household("H3", room="103"))
    assert _households(gk.db.path) == {"H1", "H3"}
    assert check_file(gk.db.path) == []


def test_restore_of_a_bad_file_changes_nothing(
    gk: GridKeeper, backups: BackupService, tmp_path: Path
) -> None:
    gk.register.save_household(household("H1"))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 1000)
    with pytest.raises(BackupUnusable):
        backups.restore(bad)
    assert _households(gk.db.path) == {"H1"}
    assert not list(gk.db.path.parent.glob("*.restoring"))


def test_restore_moves_a_stale_wal_aside(db_location: str, tmp_path: Path, clock: Clock) -> None:
    db = open_database(db_location)
    gk = GridKeeper(db)
    gk.register.save_household(household("H1"))
    service = BackupService(db, SYSTEM, clock=clock)
    good = service.backup()
    db.dispose()
    path = Path(db_location)
    # a crashed session leaves a -wal with frames that belong to the old file
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE household SET room = '999'")
    writer.commit()
    wal = Path(str(path) + "-wal")
    stale = wal.read_bytes()
    writer.close()
    wal.write_bytes(stale)  # as after a crash: closing checkpointed it
    db2 = Database("sqlite:///" + str(path))
    restored = BackupService(db2, SYSTEM, clock=clock).restore(good.path)
    assert restored is not None
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT room FROM household").fetchall() == [("101",)]
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    db2.dispose()


def test_a_backup_is_taken_before_a_migration(db_location: str, clock: Clock) -> None:
    db = open_database(db_location)
    GridKeeper(db).register.save_household(household("H1"))
    hook = backup_before_migration(db)
    hook("0000", "0001")
    found = BackupService(db).list_backups()
    assert [b.reason for b in found] == ["before-migration"] and _households(found[0].path) == {"H1"}
    hook(None, "0001")  # a brand-new database has nothing to lose
    assert len(BackupService(db).list_backups()) == 1
    db.dispose()


def test_safety_copy_before_an_import(gk: GridKeeper, backups: BackupService) -> None:
    gk.register.save_household(household("H1"))
    info = backups.safety_copy("before-import")
    assert info is not None and info.reason == "before-import" and _households(info.path) == {"H1"}
    server = BackupService(Database("sqlite://"), SYSTEM)
    assert server.safety_copy("before-import") is None


def test_the_office_chooses_the_interval_of_work_backups(gk: GridKeeper, clock: Clock) -> None:
    from gridkeeper.services.settings import BACKUP_INTERVAL_KEY

    gk.settings.save(values={BACKUP_INTERVAL_KEY: "60"})
    backups = gk.acting_as(gk.actor).backups
    backups.clock = clock
    backups.take("start")
    gk.register.save_household(household("H1"))
    clock.now += timedelta(minutes=45)
    assert backups.backup_if_due() is None  # 30 minutes would have been due
    clock.now += timedelta(minutes=15)
    assert backups.backup_if_due() is not None
