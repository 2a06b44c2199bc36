"""What every page is given: the GridKeeper facade (services only), settings and the user."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from gridkeeper.services.facade import GridKeeper


@dataclass
class Context:
    gk: GridKeeper
    settings: QSettings
    database_label: str
    user: str
