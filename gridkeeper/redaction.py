"""What never reaches a log, a traceback or an error line: ID numbers, phones, passwords, keys.

The register holds sensitive personal information (PIPL). An error must reach the user as one
translated line (:func:`user_message`), and the details worth keeping for whoever fixes it go
to a log through :class:`RedactingFilter` (or :func:`redact` for a single text), which masks in
every record, its arguments and its traceback:

- ID numbers, phones and any other run of 6 or more digits -> ``<number>``
- Chinese text (names, addresses, notes) -> ``<…>``; e-mail addresses -> ``<e-mail>``
- passwords and passphrases in database URLs (``scheme://user:SECRET@``), SQLCipher's
  ``PRAGMA key = '...'`` and ``key=...`` settings -> ``***``
- SQL parameter lists that SQLAlchemy appends to errors (``[parameters: ...]``), should an
  engine ever be made without ``hide_parameters`` -> removed

The messages of typed errors (GridKeeperError) name the value at fault and go to the user,
never to a log. The engines never put parameters in their errors in the first place
(storage/database.py). tests/security/test_leaks.py feeds real failures through all of it and
looks for what must not be there. Qt-free: the GUI's error log uses the same filter.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import T

DIGITS = re.compile(r"\d[\d\s-]{4,}[\dXx]")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
URL_SECRET = re.compile(r"(?P<head>[a-z][a-z0-9+.\-]*://[^:/@\s]*:)[^@\s]+(?=@)", re.IGNORECASE)
KEY_PRAGMA = re.compile(r"(?P<head>\bkey\s*=\s*)(?:'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|x'[0-9a-f]*'|\S+)",
                        re.IGNORECASE)
PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)


def redact(text: str) -> str:
    """``text`` without what could identify a resident or open the register."""
    text = PARAMETERS.sub("[parameters hidden]", text)
    text = URL_SECRET.sub(r"\g<head>***", text)
    text = KEY_PRAGMA.sub(r"\g<head>***", text)
    text = EMAIL.sub("<e-mail>", text)
    text = DIGITS.sub(lambda m: "<number>" if sum(c.isdigit() for c in m.group()) >= 6 else m.group(), text)
    return CJK.sub("<…>", text)


def redacted_traceback(error: BaseException) -> str:
    """The traceback of ``error`` as a log would keep it, redacted."""
    return redact("".join(traceback.format_exception(type(error), error, error.__traceback__)))


class RedactingFilter(logging.Filter):
    """Attach to every handler of the error log: records leave it redacted, tracebacks too."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redacted_traceback(record.exc_info[1])
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_DISK_FULL = ("database or disk is full", "no space left")
_BUSY = ("database is locked", "database is busy")
_NOT_A_DATABASE = ("file is not a database", "not a database", "malformed")


def user_message(error: BaseException) -> T:
    """One line, in both languages, for an error the user must hear about: what happened and
    where, never SQL, parameters or a traceback."""
    if isinstance(error, GridKeeperError):
        return T(error.message("zh"), error.message("en"))
    if isinstance(error, MemoryError):
        return T("内存不足，操作未完成，未写入任何数据", "Out of memory: nothing was written")
    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, OSError) or hasattr(error, "orig"):
        number = getattr(error, "errno", None)
        where = redact(str(getattr(error, "filename", "") or ""))
        at = (f"：{where}", f": {where}") if where else ("", "")
        if number == errno.ENOSPC or any(s in text for s in _DISK_FULL):
            return T(f"磁盘已满，操作未完成{at[0]}", f"The disk is full; nothing was finished{at[1]}")
        if number in (errno.EACCES, errno.EPERM, errno.EROFS):
            return T(f"没有写入权限{at[0]}", f"Permission denied{at[1]}")
        if number == errno.ENOENT:
            return T(f"找不到文件或文件夹{at[0]}", f"No such file or folder{at[1]}")
        if number == errno.EISDIR:
            return T(f"这是一个文件夹，不是文件{at[0]}", f"That is a folder, not a file{at[1]}")
        if number == errno.EPIPE:
            return T("输出已被关闭", "The output was closed")
        if "disk i/o error" in text or number in (errno.EIO, errno.EFBIG):
            return T(f"无法写入磁盘（磁盘已满或出错），操作未完成{at[0]}",
                     f"The disk could not be written (full or failing); nothing was finished{at[1]}")
        if any(s in text for s in _BUSY):
            return T("数据库正忙（另一程序正在写入），请稍后再试",
                     "The database is busy (another program is writing); try again shortly")
        if any(s in text for s in _NOT_A_DATABASE):
            return T("数据库文件已损坏或口令不对", "The database file is damaged or the passphrase is wrong")
        if isinstance(error, OSError) and error.strerror:
            return T(f"文件操作失败（{error.strerror}）{at[0]}",
                     f"A file operation failed ({error.strerror}){at[1]}")
    kind = type(error).__name__
    return T(f"意外错误（{kind}），操作未完成；详情已记入错误日志",
             f"Unexpected error ({kind}); the operation was not finished. Details are in the error log")


class PrivateLogFile(RotatingFileHandler):
    """A rotating log file readable by its owner only, in an owner-only folder: the file it
    starts with and each new one after a rotation (which the standard handler would create
    with the umask's permissions, world-readable on most desktops)."""

    def __init__(self, path: Path | str, max_bytes: int, backups: int) -> None:
        from gridkeeper.files import private_dir

        private_dir(Path(path).parent)
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)

    def _open(self):  # noqa: ANN202 - the standard handler's hook for every file it opens
        from gridkeeper.files import PRIVATE_FILE, make_private

        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE)
        make_private(self.baseFilename)  # a log an earlier version left readable
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115


def error_log_handler(path: Path | str, max_bytes: int = 1 << 20, backups: int = 3) -> logging.Handler:
    """A rotating error log at ``path`` (owner-only) that redacts every record it writes."""
    handler = PrivateLogFile(path, max_bytes, backups)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactingFilter())
    return handler
