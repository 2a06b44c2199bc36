"""One way in for every command: the same login, role, grids, lock, damage check and key.

Each test is what a person at the office's terminal could try with the real command line.
"""

from __future__ import annotations

import ast
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from gridkeeper.services.facade import open_gridkeeper
from tests.security.conftest import TODAY, WEEK, Office

ROOT = Path(__file__).resolve().parents[2]

PDF_COMMANDS = {
    "roster": ("roster", "--week", WEEK, "--date", TODAY, "--pdf"),
    "report": ("report", "--period", "2026-11", "--date", TODAY, "--pdf"),
    "visitlog": ("visitlog", "--grid", "第1网格", "--period", "2026-11", "--pdf"),
}


# -- every command needs a login once accounts exist -------------------------------------


@pytest.mark.parametrize("command", sorted(PDF_COMMANDS))
def test_pdf_commands_need_a_login(office: Office, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.pdf"
    seen = office.run(*PDF_COMMANDS[command], str(target))
    assert seen.code == 1 and "--user" in seen.err
    assert not target.exists()


@pytest.mark.parametrize("command", sorted(PDF_COMMANDS))
def test_pdf_commands_refuse_a_wrong_password(office: Office, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.pdf"
    seen = office.run(*PDF_COMMANDS[command], str(target), user="staff", password="guess guess")
    assert seen.code == 1 and "Wrong user name or password" in seen.err
    assert not target.exists()


@pytest.mark.parametrize("command", sorted(PDF_COMMANDS))
def test_prints_are_audited_under_the_user_who_printed(office: Office, tmp_path: Path, command: str) -> None:
    mark = len(office.audit())
    seen = office.run(*PDF_COMMANDS[command], str(tmp_path / "out.pdf"), user="staff")
    assert seen.code == 0, seen.err
    printed = [line for line in office.audit_since(mark) if line[1] == "print"]
    assert printed and {who for who, _, _ in printed} == {"staff"}


@pytest.mark.parametrize("command", ["roster", "visitlog"])
def test_unmasked_pdf_is_refused_to_a_grid_leader_and_the_refusal_audited(
        office: Office, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.pdf"
    mark = len(office.audit())
    seen = office.run(*PDF_COMMANDS[command], str(target), "--unmasked", user="leader")
    assert seen.code == 1 and "may not" in seen.err
    assert not target.exists()
    assert ("leader", "refused") in [(who, action) for who, action, _ in office.audit_since(mark)]


def test_a_grid_leaders_completion_report_covers_their_grid_only(office: Office, tmp_path: Path) -> None:
    mark = len(office.audit())
    assert office.run(*PDF_COMMANDS["report"], str(tmp_path / "mine.pdf"), user="leader").code == 0
    printed = [json.loads(d) for who, action, d in office.audit_since(mark) if action == "print"]
    assert [(p["document"], p["scope"]) for p in printed] == [("completion", "第1网格")]
    seen = office.run("report", "--period", "2026-11", "--date", TODAY, "--json", user="leader")
    assert {g["label"] for g in json.loads(seen.out)["groups"]} == {"第1网格"}


def test_a_grid_leader_cannot_print_another_grids_visit_log(office: Office, tmp_path: Path) -> None:
    target = tmp_path / "theirs.pdf"
    mark = len(office.audit())
    seen = office.run("visitlog", "--grid", "第2网格", "--period", "2026-11", "--pdf", str(target),
                      user="leader")
    assert seen.code == 1 and not target.exists()
    assert ("leader", "refused") in [(who, action) for who, action, _ in office.audit_since(mark)]


def test_a_grid_leaders_roster_pdf_holds_their_grid_only(office: Office, tmp_path: Path) -> None:
    mark = len(office.audit())
    assert office.run(*PDF_COMMANDS["roster"], str(tmp_path / "r.pdf"), user="leader").code == 0
    grids = {json.loads(d)["grid"] for who, action, d in office.audit_since(mark) if action == "print"}
    assert grids == {"第1网格"}


# -- the lock, the damage check and the key hold for printing too --------------------------


@pytest.mark.sqlite_only  # the lock beside the .db file; a server keeps its own
@pytest.mark.parametrize("command", sorted(PDF_COMMANDS))
def test_pdf_commands_respect_the_instance_lock(office: Office, tmp_path: Path, command: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import time; from gridkeeper.storage.lock import InstanceLock; "
         f"InstanceLock({str(office.path)!r}).acquire(); print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        mark = len(office.audit())
        target = tmp_path / "out.pdf"
        seen = office.run(*PDF_COMMANDS[command], str(target), user="staff")
        assert seen.code == 1 and "in use" in seen.err
        assert not target.exists() and len(office.audit()) == mark
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.sqlite_only  # pages of the .db file overwritten
@pytest.mark.parametrize("command", sorted(PDF_COMMANDS))
def test_pdf_commands_never_write_to_a_damaged_register(office: Office, tmp_path: Path, command: str) -> None:
    good = office.run("backup", user="admin").out.strip()
    size = office.path.stat().st_size
    rng = random.Random(7)
    with open(office.path, "r+b") as f:
        for page in rng.sample(range(2, size // 4096), k=4):
            f.seek(page * 4096)
            f.write(rng.randbytes(4096))
    before = office.path.read_bytes()
    target = tmp_path / "out.pdf"
    seen = office.run(*PDF_COMMANDS[command], str(target), user="staff")
    assert seen.code == 1 and "damaged" in seen.err and Path(good).name in seen.err
    assert office.path.read_bytes() == before and not target.exists()


# -- nothing runs as the built-in system once accounts exist ------------------------------


def test_no_command_falls_back_to_the_system_actor(office: Office, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    commands = [
        ("info",), ("init",), ("check",), ("backup",), ("backup", "--list"),
        ("roster", "--week", WEEK, "--json"), ("report", "--period", "2026-11", "--json"),
        ("export", "households", str(tmp_path / "h.xlsx")), ("audit",), ("user", "list"),
        ("demo", "--households", "5"), ("encrypt", "--to", str(tmp_path / "e.db")),
        *[(*args, str(tmp_path / "x.pdf")) for args in PDF_COMMANDS.values()],
    ]
    mark = len(office.audit())
    for command in commands:
        seen = office.run(*command)
        assert seen.code == 1 and "--user" in seen.err, command
    assert all(who != "system" for who, _, _ in office.audit_since(mark))
    assert list(tmp_path.iterdir()) == []


def test_tests_and_scripts_cannot_open_as_system_once_accounts_exist(office: Office) -> None:
    from gridkeeper.domain.errors import LoginRequired

    with pytest.raises(LoginRequired):
        open_gridkeeper(office.location)


# -- phones and counts as each role sees them ----------------------------------------------


def _phones(seen_out: str) -> set[str]:
    return {row["phone"] for row in json.loads(seen_out)["rows"] if row["phone"]}


def test_roster_json_masks_phones_unless_asked_and_allowed(office: Office) -> None:
    week = ("roster", "--week", WEEK, "--date", TODAY, "--json")
    masked = office.run(*week, user="staff")
    assert masked.code == 0 and _phones(masked.out)
    assert all("****" in phone for phone in _phones(masked.out))
    mark = len(office.audit())
    full = office.run(*week, "--unmasked", user="staff")
    assert full.code == 0 and not any("*" in phone for phone in _phones(full.out))
    assert ("staff", "unmask") in [(who, action) for who, action, _ in office.audit_since(mark)]


@pytest.mark.parametrize("user", ["leader", "boss"])
def test_roster_json_unmasked_is_refused_without_the_permission(office: Office, user: str) -> None:
    mark = len(office.audit())
    seen = office.run("roster", "--week", WEEK, "--date", TODAY, "--json", "--unmasked", user=user)
    assert seen.code == 1 and not seen.out
    assert (user, "refused") in [(who, action) for who, action, _ in office.audit_since(mark)]


def test_info_shows_a_grid_leader_their_grid_only(office: Office) -> None:
    everything = json.loads(office.run("info", "--json", user="staff").out)
    mine = json.loads(office.run("info", "--json", user="leader").out)
    assert everything["grids"] == 3 and mine["grids"] == 1
    assert 0 < mine["households"] < everything["households"]
    assert 0 < mine["residents"] < everything["residents"]
    assert 0 < mine["visits"] < everything["visits"]
    assert sum(mine["households_by_status"].values()) == mine["households"]


# -- the code itself: one door ----------------------------------------------------------------


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
    return names


def test_programs_open_the_register_through_the_one_door_only() -> None:
    """The command line, the GUI and main.py never open a database or act as the system by
    themselves: cli/session.py and services/startup.py are the door."""
    door = {ROOT / "gridkeeper/cli/session.py", ROOT / "gridkeeper/services/startup.py",
            ROOT / "gridkeeper/services/facade.py"}
    forbidden = {"open_gridkeeper", "open_database", "Database", "InstanceLock", "database_url",
                 "resolve_database"}
    offenders = []
    paths = [*ROOT.glob("gridkeeper/cli/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "main.py",
             *ROOT.glob("gridkeeper/services/*.py")]
    for path in paths:
        if path in door:
            continue
        found = _calls(path) & forbidden
        if path.parent.name == "services":
            found -= {"Database"}  # services receive theirs; they may name the type
            found -= {"InstanceLock"} if path.name == "backup.py" else set()
        if found:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(found)}")
    assert offenders == []
