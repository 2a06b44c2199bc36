"""The app's way in: first administrator, login (dialog or $GRIDKEEPER_PASSWORD), a damaged
database restored from the offered backup, and the session's backup and idle lock."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.settings import resolve_database
from tests.conftest import household
from ui.security.first_start import FirstAdminDialog
from ui.security.login import LoginDialog
from ui.session_guards import SessionGuards
from ui.startup import ENV_PASSWORD, log_in, open_for_gui

PASSWORD = "correct horse 9"
pytestmark = pytest.mark.sqlite_only  # the lock file, backups and page damage are about the .db file


def answer_modal(qtbot, handle: Callable[[object], None]) -> None:  # noqa: ANN001
    """Run ``handle`` on the next modal dialog once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
        else:
            handle(dialog)

    QTimer.singleShot(0, poll)


@pytest.fixture
def accounts(db_location: str):  # noqa: ANN201
    opened = open_for_gui(resolve_database(db_location), interactive=False)
    assert opened is not None
    yield AccountService(opened.db, SYSTEM)
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]


def test_first_start_asks_for_the_administrator(qtbot, accounts: AccountService) -> None:
    def create(dialog: object) -> None:
        assert isinstance(dialog, FirstAdminDialog)
        dialog.user_edit.setText("wang")
        dialog.password_edit.setText(PASSWORD)
        dialog.repeat_edit.setText(PASSWORD)
        dialog.try_create()

    answer_modal(qtbot, create)
    actor = log_in(accounts, None)
    assert actor is not None and actor.username == "wang" and actor.role is Role.ADMIN


def test_password_from_the_environment_logs_in_without_a_dialog(
        qtbot, accounts: AccountService, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    actor = log_in(accounts, "wang", interactive=False)
    assert actor is not None and actor.username == "wang"


def test_a_wrong_password_from_the_environment_falls_back_to_the_dialog(
        qtbot, accounts: AccountService, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    accounts.add_user("li", PASSWORD, Role.SUPERVISOR)
    monkeypatch.setenv(ENV_PASSWORD, "not the password")
    assert log_in(accounts, "li", interactive=False) is None  # a script is refused, not let in
    seen: list[str] = []

    def retype(dialog: object) -> None:
        assert isinstance(dialog, LoginDialog)
        seen.append(dialog.error_label.text())
        assert dialog.user_edit.text() == "li"
        dialog.password_edit.setText(PASSWORD)
        dialog.try_login()

    answer_modal(qtbot, retype)
    actor = log_in(accounts, "li")
    assert actor is not None and actor.role is Role.SUPERVISOR
    assert "密码错误" in seen[0]


def test_a_screenshot_of_a_register_with_accounts_needs_the_password(
        accounts: AccountService, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_first_admin("wang", PASSWORD)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    assert log_in(accounts, None, interactive=False) is None


def _register_with_backup(db_location: str) -> str:
    url = resolve_database(db_location)
    opened = open_for_gui(url, interactive=False)
    assert opened is not None
    gk = GridKeeper(opened.db)
    for n in range(30):
        gk.register.save_household(household(f"H{n:02d}", room=f"{100 + n}"))
    gk.backups.take("start")
    gk.close()
    opened.lock.release()  # type: ignore[union-attr]
    return url


def _scribble(path: Path, offset: int, size: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(random.Random(3).randbytes(size))


def test_an_unreadable_schema_is_refused_at_once_and_the_backup_offered(qtbot, db_location: str) -> None:
    url = _register_with_backup(db_location)
    _scribble(Path(db_location), 100, 4096 - 100)  # the schema page, behind the file header
    assert open_for_gui(url, interactive=False) is None  # a script does not restore on its own
    offered: list[str] = []

    def accept(box: object) -> None:
        assert isinstance(box, QMessageBox)
        offered.append(box.text())
        box.buttons()[0].click()  # 用此备份恢复

    answer_modal(qtbot, accept)
    reopened = open_for_gui(url)
    assert reopened is not None and "备份" in offered[0]
    assert GridKeeper(reopened.db).info.counts()["households"] == 30
    reopened.db.dispose()
    reopened.lock.release()  # type: ignore[union-attr]


def test_damage_found_by_the_background_check_is_announced_with_the_backup(
        qtbot, db_location: str) -> None:
    url = _register_with_backup(db_location)
    size = Path(db_location).stat().st_size
    _scribble(Path(db_location), size - 3 * 4096, 3 * 4096)  # table data at the end of the file
    opened = open_for_gui(url, interactive=False)
    assert opened is not None and opened.check is not None  # the window may open at once
    gk = GridKeeper(opened.db)
    window = QMainWindow()
    qtbot.addWidget(window)
    guards = SessionGuards(window, gk, AccountService(gk.db, SYSTEM), SYSTEM, opened.check)
    with qtbot.waitSignal(guards.damaged, timeout=10_000) as announced:
        pass
    assert not guards.timer.isActive()  # no automatic backup of a damaged file
    error = announced.args[0]
    assert error.backup is not None and error.backup in [b.path for b in gk.backups.list_backups()]
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]


def test_the_session_backs_up_on_start_and_locks_when_idle(qtbot, accounts: AccountService) -> None:
    actor = accounts.create_first_admin("wang", PASSWORD)
    gk = GridKeeper(accounts.db, actor)
    gk.register.save_household(household("H1"))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    guards = SessionGuards(window, gk, accounts, actor)
    guards.backups.wait()
    qtbot.waitUntil(lambda: bool(gk.backups.list_backups()), timeout=10_000)
    assert [b.reason for b in gk.backups.list_backups()] == ["start"]
    assert guards.idle is not None
    guards.idle.set_idle_ms(50)
    qtbot.waitSignal(guards.idle.locked, timeout=5000).wait()
    assert guards.idle.is_locked
    guards.stop()


def test_the_app_logs_in_shows_the_window_backs_up_and_leaves_no_lock(
        qtbot, db_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argparse import Namespace

    from PySide6.QtCore import QSettings

    import ui.app
    from ui.main_window import MainWindow

    opened = open_for_gui(resolve_database(db_location), interactive=False)
    assert opened is not None
    gk = GridKeeper(opened.db)
    gk.register.save_household(household("H1"))
    AccountService(opened.db, SYSTEM).create_first_admin("wang", PASSWORD)
    opened.db.dispose()
    opened.lock.release()  # type: ignore[union-attr]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    here = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ui.app, "settings", lambda: here)  # not this PC's real settings
    seen: list[str] = []

    backups = Path(db_location).parent / "backups"

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # the file's check, and the backup after it, follow the first page by a moment
        if not windows or not any(backups.glob("*-start.db")):
            QTimer.singleShot(50, close_when_shown)
            return
        seen.append(windows[0].user_label.text())
        windows[0].close()

    QTimer.singleShot(0, close_when_shown)
    code = ui.app.run_gui(Namespace(db=db_location, user="wang", lang=None, screenshot=None, page=None))
    assert code == 0 and "wang" in seen[0]
    assert not Path(db_location + ".lock").exists()  # released at exit
    again = open_for_gui(resolve_database(db_location), interactive=False)
    assert again is not None
    assert [b.reason for b in GridKeeper(again.db).backups.list_backups()] == ["start"]
    again.db.dispose()
    again.lock.release()  # type: ignore[union-attr]


def test_a_screenshot_leaves_its_scratch_settings_nowhere(
        qtbot, db_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile
    from argparse import Namespace

    from PySide6.QtCore import QSettings

    import ui.app

    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    here = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ui.app, "settings", lambda: here)  # not this PC's real settings
    shot = tmp_path / "window.png"
    code = ui.app.run_gui(Namespace(db=db_location, user=None, lang=None, screenshot=str(shot),
                                    page="register", size="1024x700"))
    assert code == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(scratch.iterdir()) == []  # the page and scope it chose were not kept anywhere
    assert here.value("main/page") is None  # nor on this PC


def test_a_disk_that_cannot_be_got_at_is_said_and_no_backup_is_offered_for_it(qtbot) -> None:  # noqa: ANN001
    from gridkeeper.services.integrity import DatabaseUnreachable
    from ui.startup import announce_damage

    shown: list[tuple[str, list[str]]] = []

    def read(box: object) -> None:
        assert isinstance(box, QMessageBox)
        shown.append((box.text(), [b.text() for b in box.buttons()]))
        box.buttons()[0].click()

    answer_modal(qtbot, read)
    chosen = announce_damage(None, DatabaseUnreachable(path="/data/register.db", detail="disk I/O error"))
    assert chosen is None  # the app quits; nothing is restored over the register
    text, buttons = shown[0]
    assert "磁盘可能已满" in text and "用此备份恢复" not in buttons
