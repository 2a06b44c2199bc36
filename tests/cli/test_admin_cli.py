"""The command line's accounts and roles: --user with GRIDKEEPER_PASSWORD, user management,
backup/restore, the audit log, and one running instance per database."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gridkeeper.cli import main
from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import open_gridkeeper
from tests.conftest import household

PASSWORD = "correct horse"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with households in two grids and an administrator."""
    db = str(tmp_path / "office.db")
    gk = open_gridkeeper(db)
    gk.register.save_household(household("H1", grid="第一网格"))
    gk.register.save_household(household("H2", grid="第二网格", building="2"))
    gk.close()
    monkeypatch.setenv("GRIDKEEPER_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("GRIDKEEPER_PASSWORD", PASSWORD)
    assert main(["--db", db, "user", "add", "admin", "--role", "admin"]) == 0
    return db


def test_before_any_user_the_cli_acts_as_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "fresh.db")
    assert main(["--db", db, "backup"]) == 0
    assert Path(capsys.readouterr().out.strip()).exists()


def test_once_users_exist_a_login_is_required(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", office, "backup"]) == 1
    assert "--user" in capsys.readouterr().err
    assert main(["--db", office, "--user", "admin", "backup"]) == 0


def test_wrong_password_is_refused(office: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GRIDKEEPER_PASSWORD", "wrong password")
    assert main(["--lang", "en", "--db", office, "--user", "admin", "backup"]) == 1
    assert "Wrong user name or password" in capsys.readouterr().err


def test_password_prompt_when_no_environment(office: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRIDKEEPER_PASSWORD")
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    assert main(["--db", office, "--user", "admin", "check"]) == 0
    assert asked and "admin" in asked[0]


def test_users_are_added_listed_and_granted_grids(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", office, "--user", "admin"]
    assert main([*base, "user", "add", "zhao", "--role", "grid_leader", "--grid", "第一网格"]) == 0
    assert main([*base, "user", "add", "boss", "--role", "supervisor"]) == 0
    capsys.readouterr()
    assert main([*base, "user", "list"]) == 0
    listing = capsys.readouterr().out
    assert "zhao" in listing and "第一网格" in listing and "督导" in listing
    assert main([*base, "user", "grant", "zhao", "第一网格", "第二网格"]) == 0
    assert "第二网格" in capsys.readouterr().out


def test_cli_obeys_roles(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", office, "--user", "admin"]
    assert main([*base, "user", "add", "zhao", "--role", "grid_leader", "--grid", "第一网格"]) == 0
    assert main([*base, "user", "add", "boss", "--role", "supervisor"]) == 0
    capsys.readouterr()
    assert main(["--db", office, "--user", "zhao", "backup"]) == 1
    assert "无权备份" in capsys.readouterr().err
    assert main(["--db", office, "--user", "zhao", "user", "list"]) == 1
    assert main(["--db", office, "--user", "zhao", "audit"]) == 1
    assert main(["--db", office, "--user", "boss", "audit", "--action", "refused"]) == 0
    refused = capsys.readouterr().out
    assert refused.count("zhao") == 3


def test_audit_export_from_the_cli(office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "audit.csv"
    assert main(["--db", office, "--user", "admin", "audit", "--csv", str(target)]) == 0
    assert target.read_text(encoding="utf-8-sig").startswith("id,at,username")


def test_backup_list_and_restore(office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", office, "--user", "admin"]
    assert main([*base, "backup", "--to", str(tmp_path / "usb")]) == 0
    copy = Path(capsys.readouterr().out.strip())
    gk = open_gridkeeper(office, Actor("admin", Role.ADMIN))
    gk.register.save_household(household("H3", room="301"))
    gk.close()
    assert main([*base, "restore", str(copy)]) == 0
    assert "原数据已备份到" in capsys.readouterr().out
    assert main([*base, "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["households"] == 2


def test_a_second_instance_is_told_who_holds_the_database(office: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from gridkeeper.storage.lock import InstanceLock; "
         f"InstanceLock({office!r}).acquire(); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = subprocess.run(
            [sys.executable, "-m", "gridkeeper", "--db", office, "--user", "admin", "check"],
            capture_output=True, text=True)
        assert done.returncode == 1
        assert "正在被使用" in done.stderr and str(holder.pid) in done.stderr
        assert socket.gethostname() in done.stderr
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed: its stale lock is taken over
    assert main(["--db", office, "--user", "admin", "check"]) == 0


def test_commands_need_a_login_once_accounts_exist(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", office, "info"]) == 1
    assert capsys.readouterr().err.strip()
