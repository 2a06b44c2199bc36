"""The desktop app's ways in: the damaged-register restore asks for an administrator, and
``main.py --demo`` goes through the command line's door (lock, check, key, login)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import main as program
from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.security.login import LoginDialog
from ui.startup import open_for_gui

PASSWORD = "correct horse 8"
pytestmark = pytest.mark.sqlite_only


def answer_modals(qtbot, *handlers: Callable[[object], None]) -> list[object]:  # noqa: ANN001
    """Answer the next modal dialogs in turn; returns the dialogs seen."""
    seen: list[object] = []
    queue = list(handlers)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (seen and dialog is seen[-1]):
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        queue.pop(0)(dialog)
        if queue:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    path = tmp_path / "office.db"
    opened = open_for_gui(str(path), interactive=False)
    assert opened is not None
    accounts = AccountService(opened.db, SYSTEM)
    admin = accounts.create_first_admin("wang", PASSWORD)
    gk = GridKeeper(opened.db, admin)
    gk.accounts.add_user("li", PASSWORD, Role.STAFF)
    for n in range(20):
        gk.register.save_household(household(f"H{n:02d}", room=f"{100 + n}"))
    gk.backups.take("start")
    gk.close()
    opened.lock.release()  # type: ignore[union-attr]
    with open(path, "r+b") as f:
        f.seek(100)
        f.write(random.Random(3).randbytes(4096 - 100))
    return path


def _log_in_as(user: str) -> Callable[[object], None]:
    def fill(dialog: object) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.user_edit.setText(user)
        dialog.password_edit.setText(PASSWORD)
        dialog.try_login()

    return fill


def _click_first(box: object) -> None:
    assert isinstance(box, QMessageBox)
    box.buttons()[0].click()


def test_staff_cannot_restore_the_offered_backup(qtbot, damaged: Path) -> None:
    before = damaged.read_bytes()
    seen = answer_modals(qtbot, _click_first, _log_in_as("li"), _click_first)
    assert open_for_gui(str(damaged)) is None
    assert isinstance(seen[2], QMessageBox) and "无权" in seen[2].text()
    assert damaged.read_bytes() == before


def test_an_administrator_restores_the_offered_backup(qtbot, damaged: Path) -> None:
    answer_modals(qtbot, _click_first, _log_in_as("wang"))
    reopened = open_for_gui(str(damaged))
    assert reopened is not None
    with sqlite3.connect(damaged) as connection:
        assert connection.execute("SELECT count(*) FROM household").fetchone()[0] == 20
    reopened.db.dispose()
    reopened.lock.release()  # type: ignore[union-attr]


def test_main_demo_needs_a_login_once_accounts_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    path = tmp_path / "office.db"
    opened = open_for_gui(str(path), interactive=False)
    assert opened is not None
    AccountService(opened.db, SYSTEM).create_first_admin("wang", PASSWORD)
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]
    code = program.main(["--db", str(path), "--demo", "5", "--screenshot", str(tmp_path / "s.png")])
    assert code == 1 and "--user" in capsys.readouterr().err
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM household").fetchone()[0] == 0
        assert "system" not in {r[0] for r in connection.execute("SELECT username FROM audit_log")}


@pytest.mark.parametrize("content", [b"", b"id,name\n1,x\n"])
def test_an_empty_or_foreign_file_is_not_written_and_the_backup_is_offered(
        qtbot, damaged: Path, content: bytes) -> None:  # noqa: ANN001
    damaged.write_bytes(content)
    for suffix in ("-wal", "-shm"):
        Path(f"{damaged}{suffix}").unlink(missing_ok=True)
    assert open_for_gui(str(damaged), interactive=False) is None
    assert damaged.read_bytes() == content  # a script is told, nothing is written
    offered: list[str] = []

    def accept(box: object) -> None:
        assert isinstance(box, QMessageBox)
        offered.append(box.text())
        box.buttons()[0].click()

    answer_modals(qtbot, accept, _log_in_as("wang"))
    reopened = open_for_gui(str(damaged))
    assert reopened is not None and offered and "备份" in offered[0]
    with sqlite3.connect(damaged) as connection:
        assert connection.execute("SELECT count(*) FROM household").fetchone()[0] == 20
    reopened.db.dispose()
    reopened.lock.release()  # type: ignore[union-attr]
