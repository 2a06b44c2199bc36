"""Asking before typed work would be lost: save, discard, or stay (the one question every page,
editor and the main window asks the same way).

Pages that hold typed work not yet saved offer two methods to the main window:
``unsaved_work() -> str`` (what would be lost, "" when nothing) and
``save_unsaved(then: Callable[[], None]) -> bool`` (start saving; ``then`` runs once it is
saved; False when it cannot be saved as it is, and the page says why).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_to_save(parent: QWidget | None, what: str) -> Choice:
    """Save / discard / cancel for ``what`` (a sentence naming the unsaved work)."""
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Unsaved", "有未保存的内容"), what,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(translate("Unsaved", "要先保存吗？"))
    save = box.addButton(translate("Unsaved", "保存"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(translate("Unsaved", "不保存"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(translate("Unsaved", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.CANCEL
