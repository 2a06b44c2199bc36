"""Every file the program writes: whole or not at all, in the audit log exactly when it exists,
readable by its owner only, and never carrying a live formula.

Kills and full disks are real: the command line runs in a child that is killed at random
moments, or whose file size is capped (RLIMIT_FSIZE stands in for a full disk).
"""

from __future__ import annotations

import csv
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.security.conftest import PASSWORD, TODAY, WEEK, Office

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and resource limits")

HOSTILE = {  # column -> a value that would run in Excel
    "姓名": "=cmd|' /C calc'!A0",
    "小区": "+1+cmd|'/C notepad'!A0",
    "门牌号": "@SUM(1+1)",
    "备注": "-2+3+cmd|' /C calc'!A0",
}


def _env(office: Office) -> dict[str, str]:
    temp = office.path.parent / "system-temp"  # the temp folder, watched for spilled rows
    temp.mkdir(exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(ROOT), "GRIDKEEPER_PASSWORD": PASSWORD,
            "XDG_DATA_HOME": str(office.path.parent / "userdata"), "TMPDIR": str(temp)}


def _cli(office: Office, *args: str, user: str = "staff", **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gridkeeper", "--lang", "en", "--db", office.location, "--user", user,
         *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(office),
        **kwargs)  # type: ignore[call-overload]


def _audit_actions(office: Office, action: str) -> list[str]:
    return [detail or "" for _who, what, detail in office.audit() if what == action]


def _leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.is_dir() for p in folder.rglob("*")
            if p.name.endswith((".part", ".tmp"))]


# -- formulas never reach a spreadsheet ---------------------------------------------------------


def _plant_hostile_household(office: Office, tmp_path: Path) -> None:
    sheet = tmp_path / "hostile.csv"
    header = ["户编号", "网格", "小区", "楼号", "单元", "楼层", "门牌号", "姓名", "与户主关系", "备注"]
    row = {"户编号": "F0001", "网格": "第1网格", "小区": "阳光小区", "楼号": "9", "单元": "1",
           "楼层": "1", "门牌号": "101", "姓名": "王芳", "与户主关系": "户主", "备注": ""}
    row.update(HOSTILE)
    with open(sheet, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerow([row[h] for h in header])
    seen = office.run("import", "households", str(sheet), user="staff")
    assert seen.code == 0, seen.err
    assert seen.err.count("warning") >= len(HOSTILE) and "formula" in seen.err


def test_formula_like_values_are_exported_as_text_never_as_formulas(office: Office, tmp_path: Path) -> None:
    _plant_hostile_household(office, tmp_path)
    target = tmp_path / "out.xlsx"
    assert office.run("export", "households", str(target), user="staff").code == 0
    with zipfile.ZipFile(target) as workbook:
        xml = "".join(workbook.read(n).decode() for n in workbook.namelist()
                      if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
    sheet = load_workbook(target).active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value in HOSTILE.values()}
    assert set(cells) == set(HOSTILE.values()) and set(cells.values()) == {"s"}


def test_a_csv_export_neutralises_formulas_and_imports_back_unchanged(office: Office, tmp_path: Path) -> None:
    _plant_hostile_household(office, tmp_path)
    target = tmp_path / "out.csv"
    assert office.run("export", "households", str(target), "--full", user="staff").code == 0
    with open(target, encoding="utf-8-sig", newline="") as source:
        cells = [cell for row in csv.reader(source) for cell in row]
    for value in HOSTILE.values():
        assert "'" + value in cells and value not in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:].isdigit())]
    again = office.run("import", "households", str(target), "--dry-run", user="staff")
    assert again.code == 0, again.err
    # the apostrophes were taken off again: every household reads back as it is
    assert "unchanged households 201" in again.out and "\n  changed" not in again.out


@pytest.mark.parametrize("command", [
    ("roster", "--week", WEEK, "--date", TODAY, "--csv"),
    ("report", "--period", "2026-11", "--date", TODAY, "--csv")])
def test_command_csvs_are_neutralised_and_recorded(office: Office, tmp_path: Path,
                                                   command: tuple[str, ...]) -> None:
    _plant_hostile_household(office, tmp_path)
    target = tmp_path / "cmd.csv"
    mark = len(office.audit())
    assert office.run(*command, str(target), user="staff").code == 0
    text = target.read_text(encoding="utf-8-sig")
    assert "\n=" not in text and ",=" not in text
    assert [(w, a) for w, a, _ in office.audit_since(mark) if a == "export"] == [("staff", "export")]


# -- control characters and endless text are refused where they come in ---------------------


@pytest.mark.parametrize("bad", ["张\x1b[31m伟", "王\x07芳", "李\x00娜"])
def test_control_characters_are_refused_at_import_with_row_and_column(
        office: Office, tmp_path: Path, bad: str) -> None:
    sheet = tmp_path / "ctl.csv"
    sheet.write_text("户编号,网格,小区,楼号,单元,楼层,门牌号,姓名\nC1,第1网格,阳光小区,9,1,1,101,王强\n"
                     f"C2,第1网格,阳光小区,9,1,1,102,{bad}\n", encoding="utf-8")
    seen = office.run("import", "households", str(sheet), user="staff")
    assert seen.code == 1 and "row 3" in seen.err and "姓名" in seen.err and "control character" in seen.err
    assert "nothing imported" in seen.out


def test_a_100000_character_name_is_refused_at_import(office: Office, tmp_path: Path) -> None:
    sheet = tmp_path / "long.csv"
    sheet.write_text("户编号,网格,小区,楼号,单元,楼层,门牌号,姓名\n"
                     f"L1,第1网格,阳光小区,9,1,1,101,{'张' * 100_000}\n", encoding="utf-8")
    started = time.monotonic()
    seen = office.run("import", "households", str(sheet), user="staff")
    assert seen.code == 1 and "H2" in seen.err and "100,000 characters" in seen.err
    assert len(seen.err.strip().splitlines()) == 1
    assert time.monotonic() - started < 10


def test_a_name_longer_than_the_field_is_refused_with_row_and_column(office: Office, tmp_path: Path) -> None:
    sheet = tmp_path / "long.csv"
    sheet.write_text("户编号,网格,小区,楼号,单元,楼层,门牌号,姓名\n"
                     f"L1,第1网格,阳光小区,9,1,1,101,{'张' * 5000}\n", encoding="utf-8")
    seen = office.run("import", "households", str(sheet), user="staff")
    assert seen.code == 1 and "row 2" in seen.err and "姓名" in seen.err and "too long" in seen.err


def test_the_editor_refuses_control_characters_and_endless_text(gk) -> None:  # noqa: ANN001
    from gridkeeper.domain.errors import ValidationError
    from gridkeeper.domain.register import ResidentDraft
    from tests.conftest import household

    for draft in (household("E1", residents=(ResidentDraft(name="张\x1b伟"),)),
                  household("E2", estate="阳光\x00小区"),
                  household("E3", residents=(ResidentDraft(name="张" * 51),)),
                  household("E4", notes="x" * 2001)):
        with pytest.raises(ValidationError):
            gk.register.save_household(draft)
    gk.register.save_household(household("E5", notes="第一行\n第二行\t备注"))  # notes may break lines


# -- whole or not at all, and in the audit log exactly when it exists -------------------------


@posix_only
@pytest.mark.parametrize("command", [
    ("export", "households", "{out}/h.xlsx", "--full"),
    ("export", "households", "{out}/h.csv"),
    ("roster", "--week", WEEK, "--date", TODAY, "--pdf", "{out}/r.pdf"),
    ("report", "--period", "2026-11", "--date", TODAY, "--pdf", "{out}/c.pdf"),
])
def test_a_full_disk_leaves_neither_a_file_nor_a_record(office: Office, tmp_path: Path,
                                                        command: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out) for a in command]
    mark = len(office.audit())

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    child = _cli(office, *args, preexec_fn=small_disk)
    _stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 1 and len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == [] and list((tmp_path / "system-temp").iterdir()) == []
    actions = [a for _w, a, _d in office.audit_since(mark)]
    assert "export" not in actions and "print" not in actions


def _kill_when_written(child: subprocess.Popen[str], folder: Path, names: tuple[str, ...],
                       delay: float) -> bool:
    """SIGKILL ``child`` ``delay`` seconds after a file named like ``names`` appears in
    ``folder`` (the writer is then in the middle of it); False when it finished first."""
    while child.poll() is None:
        if any(p.name.endswith(names) for p in folder.iterdir()):
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.communicate()
            return True
        time.sleep(0.002)
    child.communicate()
    return False


@posix_only
@pytest.mark.parametrize("name", ["h.xlsx", "h.csv"])
def test_an_export_killed_while_writing_never_leaves_a_half_file(office: Office, tmp_path: Path,
                                                                 name: str) -> None:
    """Killed the moment its file appears (and a little later), the export leaves at most a
    temporary file, which the next start removes; a file under the real name is complete and
    recorded."""
    out = tmp_path / "out"
    out.mkdir()
    killed = 0
    for attempt, delay in enumerate((0.0, 0.001, 0.005, 0.02, 0.05, 0.1)):
        target = out / f"{attempt}-{name}"
        child = _cli(office, "export", "households", str(target), "--full")
        killed += _kill_when_written(child, out, (name, ".part", ".tmp"), delay)
        if target.exists():
            if name.endswith(".xlsx"):
                load_workbook(target, read_only=True).close()  # complete
            else:
                residents = office.query("SELECT count(*) FROM resident")[0][0]
                assert target.read_text(encoding="utf-8-sig").count("\n") == residents + 1
            assert any(target.name in d for d in _audit_actions(office, "export"))
        assert office.run("info", user="staff").code == 0  # the next start
        assert _leftovers(out, office.path.parent) == []
    assert killed >= 4  # most attempts really were cut off in the middle


@posix_only
@pytest.mark.sqlite_only  # backups are copies of the .db file
def test_a_backup_killed_while_writing_is_cleared_at_the_next_start(office: Office) -> None:
    backups = office.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    killed = 0
    for delay in (0.0, 0.002, 0.01, 0.03):
        child = _cli(office, "backup", user="admin")
        killed += _kill_when_written(child, backups, (".part", ".tmp"), delay)
        assert office.run("info", user="staff").code == 0
        assert _leftovers(backups, office.path.parent) == []
        for backup in backups.glob("*.db"):
            with sqlite3.connect(backup) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert killed >= 3


# -- readable by their owner only --------------------------------------------------------------


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


@posix_only
@pytest.mark.sqlite_only  # the register's file and its backups
def test_registers_backups_and_outputs_are_private(office: Office, tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual desktop umask: files would be world-readable by default
    try:
        fresh = tmp_path / "new" / "fresh.db"
        assert office.run("init", db=str(fresh)).code == 0
        assert _private(fresh) and _private(fresh.parent)
        out = tmp_path / "exports"
        made = [
            office.run("backup", user="admin"),
            office.run("backup", "--to", str(tmp_path / "usb"), user="admin"),
            office.run("export", "households", str(out / "h.xlsx"), "--full", user="staff"),
            office.run("export", "visits", str(out / "v.csv"), user="staff"),
            office.run("roster", "--week", WEEK, "--date", TODAY, "--pdf", str(out / "r.pdf"), user="staff"),
            office.run("audit", "--csv", str(out / "audit.csv"), user="admin"),
            office.run("visitlog", "--grid", "第1网格", "--period", TODAY[:7], "--pdf", str(out / "log.pdf"),
                       user="staff"),
            office.run("report", "--period", TODAY[:7], "--date", TODAY, "--csv", str(out / "c.csv"),
                       user="boss"),
            office.run("export", "needs", str(out / "n.xlsx"), user="staff"),
        ]
        assert [seen.code for seen in made] == [0] * len(made)
        files = [*out.iterdir(), *(tmp_path / "usb").iterdir(), *(office.path.parent / "backups").iterdir()]
        assert files and all(_private(p) for p in files), [p for p in files if not _private(p)]
        assert _private(out) and _private(office.path.parent / "backups")
        assert _private(office.path)  # the register made before this version is narrowed too
    finally:
        os.umask(old)


@posix_only
def test_error_logs_stay_private_through_their_rotations(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's and the desktop app's error logs: the first file and each one a
    rotation starts are owner-only, in an owner-only folder."""
    import logging

    from gridkeeper.redaction import error_log_handler
    from ui import error_log

    old = os.umask(0o022)
    try:
        handler = error_log_handler(tmp_path / "cli" / "logs" / "gridkeeper-cli.log", max_bytes=300,
                                    backups=2)
        monkeypatch.setattr(error_log, "MAX_BYTES", 300)
        gui = error_log.install_error_log(tmp_path / "gui")
        record = logging.LogRecord("gridkeeper.cli", logging.ERROR, __file__, 1, "command failed", None,
                                   None)
        for _ in range(20):
            handler.emit(record)
            error_log.report_error(RuntimeError("the disk went away"), "test")
        handler.close()
        for folder in (tmp_path / "cli" / "logs", gui.parent):
            files = sorted(folder.iterdir())
            assert len(files) >= 3  # rotated at least twice
            assert _private(folder) and [p.name for p in files if not _private(p)] == []
    finally:
        os.umask(old)
