"""The desktop app's way in: open the database safely, then find out who is working.

``open_for_gui`` does what the command line's session does (instance lock, network-share
warning, quick_check before anything writes, migration with a backup first), but answers in
dialogs: a database in use names who holds it; a damaged one offers the newest good backup
and restores it on request, once an administrator has logged in for it; warnings are shown
and work goes on. Unless a migration is due,
quick_check runs in the background so the window appears at once; writes wait for it, and
ui/session_guards.py announces a damaged file (the app then offers the backup the same way).

``log_in`` asks for the first administrator on a database without accounts, and for a login
afterwards. ``--user`` with ``$GRIDKEEPER_PASSWORD`` logs in without a dialog (kiosk
scripts, screenshots); a wrong password there falls back to the dialog, never to a weaker
role. A screenshot of a database without accounts is taken as the system (demo data only).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from gridkeeper.domain.errors import DatabaseInUse, GridKeeperError
from gridkeeper.domain.progress import Cancelled
from gridkeeper.domain.roles import SYSTEM, Actor
from gridkeeper.services.accounts import AccountService
from gridkeeper.services.integrity import DatabaseDamaged
from gridkeeper.services.startup import Opened, open_checked, restore_register

ENV_PASSWORD = "GRIDKEEPER_PASSWORD"


def open_for_gui(url: str | None, parent: QWidget | None = None, interactive: bool = True) -> Opened | None:
    """The opened database, or None when the user gave up (the app then quits)."""
    while True:
        try:
            opened = open_checked(url, check_in_background=True)
        except DatabaseInUse as error:
            _tell(parent, interactive, QMessageBox.Icon.Critical, str(error))
            return None
        except DatabaseDamaged as error:
            if error.backup is None or not interactive:
                _tell(parent, interactive, QMessageBox.Icon.Critical, str(error))
                return None
            if not offer_restore(parent, error) or not restore_offered(url, error.backup, parent):
                return None
            continue  # open the restored database the normal way: lock, check, migrate
        except GridKeeperError as error:  # a wrong passphrase, a newer schema, ...
            _tell(parent, interactive, QMessageBox.Icon.Critical, str(error))
            return None
        for warning in opened.warnings:
            _tell(parent, interactive, QMessageBox.Icon.Warning, str(warning))
        return opened


def log_in(accounts: AccountService, user: str | None, remembered: str = "",
           parent: QWidget | None = None, interactive: bool = True) -> Actor | None:
    """Who works in this session; None when the dialog was cancelled."""
    from ui.security.first_start import FirstAdminDialog
    from ui.security.login import LoginDialog

    if not accounts.has_users():
        if not interactive:
            return SYSTEM
        first = FirstAdminDialog(accounts, parent)
        return first.actor if first.exec() == QDialog.DialogCode.Accepted else None
    password = os.environ.get(ENV_PASSWORD)
    refusal = ""
    if user and password is not None:
        try:
            return accounts.login(user, password)
        except GridKeeperError as error:
            refusal = str(error)
    if not interactive:
        _tell(parent, False, QMessageBox.Icon.Critical, refusal or _needs_login())
        return None
    dialog = LoginDialog(accounts, parent, username=user or remembered)
    if refusal:
        dialog.show_error(refusal)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def _needs_login() -> str:
    return QCoreApplication.translate(
        "startup", "此数据库已设用户：请用 --user 用户名 并设置 GRIDKEEPER_PASSWORD")


def restore_offered(url: str | None, backup: Path, parent: QWidget | None = None) -> bool:
    """Restore the backup the user accepted; an administrator logs in for it (of the register
    when it can be read, else of the backup). False when cancelled or refused (said why)."""
    from ui.security.login import LoginDialog

    def administrator(accounts: AccountService) -> Actor:
        dialog = LoginDialog(accounts, parent)
        dialog.setWindowTitle(QCoreApplication.translate("startup", "恢复备份：请管理员登录"))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            raise Cancelled()
        return dialog.actor

    try:
        restore_register(url, backup, administrator)
    except Cancelled:
        return False
    except GridKeeperError as failure:
        _tell(parent, True, QMessageBox.Icon.Critical, str(failure))
        return False
    return True


def offer_restore(parent: QWidget | None, error: DatabaseDamaged) -> bool:
    """Ask whether to restore the newest good backup named by ``error``."""
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Critical, translate("startup", "数据库已损坏"), str(error),
                      QMessageBox.StandardButton.NoButton, parent)
    restore = box.addButton(translate("startup", "用此备份恢复"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("startup", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def announce_damage(parent: QWidget | None, error: GridKeeperError) -> Path | None:
    """Tell the user why the open register cannot be worked on (damaged, or its disk cannot be
    got at); the backup they chose to restore, None when the app is to quit."""
    if isinstance(error, DatabaseDamaged) and error.backup is not None:
        return error.backup if offer_restore(parent, error) else None
    _tell(parent, True, QMessageBox.Icon.Critical, str(error))
    return None


def _tell(parent: QWidget | None, interactive: bool, icon: QMessageBox.Icon, text: str) -> None:
    if not interactive:  # screenshots and scripts: the message goes to the terminal
        import sys

        print(text, file=sys.stderr)
        return
    QMessageBox(icon, "GridKeeper", text, QMessageBox.StandardButton.Ok, parent).exec()
