"""The error log and what the user is told when something goes wrong.

The Windows build has no console: an error printed on stderr is an error nobody sees. So
every error that is not handled where it happened (an exception in a slot, a background job
without its own error handler, a write that failed unexpectedly) is

- written to a rotating log file in the data folder (``<data folder>/logs/gridkeeper.log``,
  five files of 1 MB at most), and
- shown as a translated message that names the log's path.

The log holds no personal data: the exception's type and the traceback's frames (file names,
line numbers and function names), never source lines or the values of variables. The messages
of typed errors (:class:`GridKeeperError`) are never logged: they name the value at fault,
which may be an ID number or a name. Other messages pass through
:func:`gridkeeper.redaction.redact` first, and every record through its ``RedactingFilter``
(the command line's log follows the same rules; what must never be logged is defined there).
What the user reads for an error that is not ours (a full disk, a file open in Excel) is
:func:`gridkeeper.redaction.user_message`.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.progress import Cancelled
from gridkeeper.redaction import error_log_handler, redact, user_message

LOGGER_NAME = "gridkeeper"
LOG_FILE = "gridkeeper.log"
MAX_BYTES = 1 << 20
BACKUPS = 4

log = logging.getLogger(LOGGER_NAME)

_log_path: Path | None = None
_handler: logging.Handler | None = None
# the errors reported so far in this process, newest last (tests look at them)
reported: list[BaseException] = []
# who shows a reported error to the user; set by the GUI (install_excepthook)
_show: Callable[[BaseException, str], None] | None = None


def describe(error: BaseException) -> str:
    """A log line for ``error``: its type and, unless it may carry personal data, its message."""
    name = f"{type(error).__module__}.{type(error).__qualname__}"
    if isinstance(error, GridKeeperError):
        return name  # typed errors name the value at fault: an ID number, a name
    message = redact(str(error))
    return f"{name}: {message}" if message else name


def format_error(error: BaseException) -> str:
    """The traceback (frames only: file, line, function) and :func:`describe`, for each
    exception of the chain."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        # where, not what: file, line and function; no source line, no variable's value
        frames = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                         for f in traceback.extract_tb(current.__traceback__))
        lines.insert(0, f"{frames}{describe(current)}")
        current = current.__cause__ or current.__context__
    return "\nwhich led to:\n".join(lines)


def install_error_log(folder: Path | None = None) -> Path:
    """Log to ``folder/logs/gridkeeper.log`` (the data folder by default); the file's path."""
    global _log_path, _handler
    if folder is None:
        from gridkeeper.settings import data_dir

        folder = data_dir()
    path = Path(folder) / "logs" / LOG_FILE
    if _handler is not None and _log_path == path:
        return path
    handler = error_log_handler(path, max_bytes=MAX_BYTES, backups=BACKUPS)  # owner-only, redacting
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _handler, _log_path = handler, path
    return path


def log_path() -> Path | None:
    return _log_path


def report_error(error: BaseException, where: str = "") -> None:
    """Log ``error`` (without personal data) and show it to the user; never only on stderr.

    A cancelled job is not an error. Typed errors are logged by type only.
    """
    if isinstance(error, Cancelled):
        return
    reported.append(error)
    del reported[:-50]
    text = format_error(error)
    log.error("%s%s", f"{where}: " if where else "", text)
    if _show is not None:
        try:
            _show(error, str(_log_path or ""))
            return
        except Exception as failure:  # the message box itself failed: the log still has both
            log.error("showing the error failed: %s", format_error(failure))
    if _handler is None:  # no log and nobody to show it to (the command line, a bare test)
        print(text, file=sys.stderr)


def install_excepthook(show: Callable[[BaseException, str], None]) -> Callable[[], None]:
    """Every exception nobody caught (in a slot, an event handler, another thread) is logged
    and shown by ``show(error, log_path)``; the function returned puts the old hooks back."""
    global _show
    previous = (sys.excepthook, threading.excepthook, _show)
    _show = show

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        report_error(error, "uncaught")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.error("uncaught in thread %s: %s", args.thread.name if args.thread else "?",
                      format_error(args.exc_value))
            reported.append(args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        global _show
        sys.excepthook, threading.excepthook, _show = previous

    return restore


# -- telling the user ---------------------------------------------------------------------------
def error_message(error: BaseException, path: str) -> str:
    """What the user reads: a typed error's own message; for anything else, that the work was
    not done, and where the details are."""
    from PySide6.QtCore import QCoreApplication

    from gridkeeper.domain.i18n import language
    from ui.texts import error_text

    if isinstance(error, GridKeeperError):
        return error_text(error)
    # a full disk, a file open in Excel, a busy database: said as such; anything else as unexpected
    text = user_message(error).get(language())
    if path:
        text += "\n" + QCoreApplication.translate(
            "ErrorLog", "详细情况已记入日志文件（不含个人信息）：%1").replace("%1", path)
    return text


_open_box: list[object] = []  # the box on screen, so a burst of errors shows one box


def show_error_box(error: BaseException, path: str) -> None:
    """A message box that does not block the caller (errors arrive from slots and signals)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox
    from shiboken6 import isValid

    if QApplication.instance() is None:
        raise RuntimeError("no application to show the error in")
    text = error_message(error, path)
    for box in _open_box:
        if isinstance(box, QMessageBox) and isValid(box) and box.isVisible():
            box.setInformativeText(QCoreApplication.translate("ErrorLog", "此后又发生：%1").replace(
                "%1", text.splitlines()[0]))
            return
    _open_box.clear()
    box = QMessageBox(QMessageBox.Icon.Critical, "GridKeeper", text, QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_box.append(box)
    box.open()
