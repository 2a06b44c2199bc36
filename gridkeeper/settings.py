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
