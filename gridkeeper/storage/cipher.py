"""Encryption at rest with SQLCipher (optional): URLs, keyed connections, converting a file.

An encrypted database is named by a ``sqlite+pysqlcipher://:PASSPHRASE@/path`` URL; SQLAlchemy's
pysqlcipher dialect keys every connection with it. Backups, restores and checks open files
directly through :func:`connect_file`, with the same passphrase, so copies stay encrypted.
Passphrases may contain quotes and backslashes: they are passed as SQL string literals with
quotes doubled, never pasted raw into SQL.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy.engine import URL, make_url

from gridkeeper.domain.errors import GridKeeperError

DRIVER = "sqlite+pysqlcipher"
ENV_PASSPHRASE = "GRIDKEEPER_DB_KEY"


class EncryptionUnavailable(GridKeeperError):
    zh = "无法使用数据库加密：未安装 sqlcipher3（pip install sqlcipher3-binary）"
    en = "Database encryption is not available: sqlcipher3 is not installed (pip install sqlcipher3-binary)"


class WrongKey(GridKeeperError):
    """The passphrase does not open the file (and no backup suggests the file is damaged)."""

    zh = "数据库口令（{env}）打不开“{path}”：口令不对，或文件已损坏。未作任何写入"
    en = ("The database passphrase ({env}) does not open “{path}”: the passphrase is wrong or "
          "the file is damaged. Nothing was written")

    def __init__(self, path: str) -> None:
        super().__init__(path=path, env=ENV_PASSPHRASE)


class NotEncrypted(GridKeeperError):
    zh = "“{path}”是未加密的数据库，却设置了口令（{env}）：请去掉该环境变量，或先用 encrypt 生成加密副本"
    en = ("“{path}” is not encrypted but a passphrase ({env}) is set: unset it, or make an "
          "encrypted copy with encrypt first")

    def __init__(self, path: str) -> None:
        super().__init__(path=path, env=ENV_PASSPHRASE)


SQLITE_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path | str) -> bool:
    """True when the file starts with SQLite's header (an encrypted file looks random)."""
    try:
        with open(path, "rb") as source:
            return source.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def sqlcipher() -> ModuleType:
    try:
        import sqlcipher3  # type: ignore[import-not-found]
    except ImportError:
        raise EncryptionUnavailable() from None
    return sqlcipher3  # type: ignore[no-any-return]


def available() -> bool:
    try:
        sqlcipher()
    except EncryptionUnavailable:
        return False
    return True


def encrypted_url(path: Path | str, passphrase: str) -> str:
    """The URL of an encrypted SQLite file (the passphrase escaped for the URL)."""
    database = str(Path(path).expanduser().resolve())
    url = URL.create(DRIVER, username="", password=passphrase, database=database)
    return url.render_as_string(hide_password=False)


def passphrase_of(url: str | URL) -> str | None:
    """The passphrase of an encrypted database URL, None for a plain one."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername != DRIVER:
        return None
    return parsed.password or ""


def literal(text: str) -> str:
    """``text`` as an SQL string literal (quotes doubled; backslashes are plain in SQL)."""
    return "'" + text.replace("'", "''") + "'"


def connect_file(path: Path | str, passphrase: str | None = None, read_only: bool = False,
                 **kwargs: Any) -> Any:
    """A DB-API connection to a SQLite file, keyed when a passphrase is given.

    ``isolation_level=None`` so that nothing begins behind our back (backup API, pragmas).
    ``read_only`` opens it so that not even closing writes (no checkpoint of a -wal into a
    file that may be damaged).
    """
    kwargs.setdefault("isolation_level", None)
    target = str(path)
    if read_only:
        target = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro"
        kwargs["uri"] = True
    if passphrase is None:
        return sqlite3.connect(target, **kwargs)
    connection = sqlcipher().connect(target, **kwargs)
    connection.execute(f"PRAGMA key = {literal(passphrase)}")
    return connection


def encrypt_file(source: Path, target: Path, passphrase: str, source_passphrase: str | None = None) -> None:
    """Write an encrypted copy of ``source`` to ``target`` (which must not exist yet).

    Uses SQLCipher's ``sqlcipher_export`` from a plain (or differently keyed) database into an
    attached, keyed one: the documented way to convert an existing database.
    """
    target = Path(target)
    if target.exists():
        raise FileExistsError(str(target))
    from gridkeeper.files import create_private

    create_private(target)  # owner-only from the first byte
    connection = sqlcipher().connect(str(source), isolation_level=None)
    try:
        if source_passphrase:
            connection.execute(f"PRAGMA key = {literal(source_passphrase)}")
        connection.execute(f"ATTACH DATABASE {literal(str(target))} AS encrypted KEY {literal(passphrase)}")
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
