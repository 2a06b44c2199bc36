"""What every page is given: the GridKeeper facade (services only), settings, the user, and
the window's writer (ui/operations.py) that runs writes and says what they changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from gridkeeper.services.facade import GridKeeper
from ui.operations import Operations


@dataclass
class Context:
    gk: GridKeeper
    settings: QSettings
    database_label: str
    user: str
    operations: Operations = field(default_factory=Operations)
