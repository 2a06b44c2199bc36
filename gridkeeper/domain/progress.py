"""Progress reporting for long work, the same for the terminal and the GUI.

Core code calls ``progress(fraction, text)`` now and then (fraction from 0 to 1). To cancel,
the caller's callback raises :class:`Cancelled`; the work's transaction then rolls back, so
a cancelled action leaves nothing behind. Core code never knows who is listening.
"""

from __future__ import annotations

from collections.abc import Callable

from gridkeeper.domain.errors import GridKeeperError

Progress = Callable[[float, str], None]


class Cancelled(GridKeeperError):
    zh = "已取消，未做任何更改"
    en = "Cancelled; nothing was changed"


def no_progress(fraction: float, text: str = "") -> None:
    """The callback used when nobody watches."""
