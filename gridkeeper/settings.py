"""Where things live on this PC: the per-user data folder and the default database.

The database is chosen, in order, by ``--db`` (a path or any SQLAlchemy URL), the
``GRIDKEEPER_DB`` environment variable, or ``gridkeeper.db`` in the per-user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "GridKeeper"
ENV_DB = "GRIDKEEPER_DB"


def data_dir() -> Path:
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    return str(data_dir() / "gridkeeper.db")


def resolve_database(arg: str | None) -> str:
    """Turn ``--db`` / the environment / the default into a SQLAlchemy URL."""
    chosen = arg or os.environ.get(ENV_DB) or default_database()
    if "://" in chosen:
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())


def database_url(location: str | None) -> str:
    """``--db`` / environment / default, encrypted when ``$GRIDKEEPER_DB_KEY`` is set."""
    from gridkeeper.storage.cipher import ENV_PASSPHRASE, encrypted_url

    url = resolve_database(location)
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase and url.startswith("sqlite:///"):
        return encrypted_url(url.removeprefix("sqlite:///"), passphrase)
    return url
