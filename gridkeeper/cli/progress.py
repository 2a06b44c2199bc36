"""A progress callback for the terminal: one updating line on stderr, silent when not a tty."""

from __future__ import annotations

import sys
from types import TracebackType


class TerminalProgress:
    """A :data:`gridkeeper.domain.progress.Progress` callback (Ctrl+C is the way to cancel)."""

    def __init__(self) -> None:
        self._live = sys.stderr.isatty()
        self._last = -1

    def __call__(self, fraction: float, text: str = "") -> None:
        percent = int(fraction * 100)
        if self._live and percent != self._last:
            self._last = percent
            sys.stderr.write(f"\r{percent:3d}% {text[:60]:<60}")
            sys.stderr.flush()

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live:
            sys.stderr.write("\r" + " " * 66 + "\r")
            sys.stderr.flush()
