"""What a role may not do is shown before the work is typed: the control is disabled and its
tooltip says why (the services refuse it all the same; this only spares the user the try)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import ACTIONS, STREET_PERMISSIONS, Actor, Permission


def refusal(actor: Actor, permission: Permission) -> str:
    """"您的角色（督导）无权修改台账。" in the interface language; "" when the actor may."""
    if actor.can(permission):
        return ""
    lang = language()
    action = ACTIONS[permission].get(lang)
    if actor.community_id is not None and permission in STREET_PERMISSIONS:
        # the role may, but an account of one community never reaches the whole register
        return QCoreApplication.translate("Permissions", "社区账户无权%1，仅限街道账户。").replace(
            "%1", action)
    return QCoreApplication.translate("Permissions", "您的角色（%1）无权%2。").replace(
        "%1", actor.role.label.get(lang)).replace("%2", action)


def allow(control: QWidget | QAction, actor: Actor, *permissions: Permission, tooltip: str = "") -> bool:
    """Enable ``control`` when ``actor`` holds every permission; else disable it with a tooltip
    saying which is missing. ``tooltip`` is the control's own tooltip when allowed."""
    why = next((text for text in (refusal(actor, p) for p in permissions) if text), "")
    control.setEnabled(not why)
    control.setToolTip(why or tooltip)  # Qt shows tooltips on disabled widgets too
    return not why
