"""Demo databases of 5,000 / 20,000 / 100,000 households, cached in ``bench/cache/``, or a
district on a database server (``python -m bench --db URL``).

Building the 100,000-household street takes over a minute, so each size is built once and
reused; a fixed seed and a fixed "today" make every run measure the same data. A server's
register is built once too (300,000 households by default, a quarter of an hour on the
2-core machine) when it has no households yet, and measured as it is otherwise.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "cache"
SIZES = (5_000, 20_000, 100_000)
TODAY = date(2026, 11, 20)  # the demo's "today": visits run for the year before it
SEED = 7
# bump when the demo generator or the schema changes so stale caches are rebuilt
CACHE_VERSION = "2"
DISTRICT = 300_000  # households of the district built on an empty server
_server: str | None = None  # the server's URL when the suite runs there (--db)
_ready: set[str] = set()  # servers whose register is known to be there


def use_server(url: str) -> None:
    """Run the register's measurements on the database at ``url`` (built first when empty)."""
    global _server
    _server = url


def server() -> str | None:
    return _server


def street() -> str:
    """Where the street-scale measurements read: the server's district, else the cached
    100,000-household file."""
    if _server is None:
        return str(ensure(100_000))
    return ensure_server(_server)


def path_for(households: int) -> Path:
    return CACHE / f"demo-{households}-v{CACHE_VERSION}.db"


def build(households: int, target: Path | str) -> float:
    """Generate a demo street into ``target`` (a file, replaced, or an empty server
    database); return the seconds it took."""
    from gridkeeper.services.demo import DemoOptions
    from gridkeeper.services.facade import open_gridkeeper

    if isinstance(target, Path):
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
    keeper = open_gridkeeper(str(target))
    try:
        started = time.perf_counter()
        keeper.demo.generate(DemoOptions(households=households, seed=SEED, today=TODAY))
        return time.perf_counter() - started
    finally:
        keeper.close()


def ensure(households: int) -> Path:
    """The cached demo database of this size, built first when missing."""
    target = path_for(households)
    if not target.exists():
        partial = target.with_suffix(".building")
        print(f"building the {households:,}-household demo database (cached in {CACHE}) …", flush=True)
        build(households, partial)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        shutil.move(str(partial), target)
    return target


def households_in(url: str) -> int:
    from sqlalchemy import func, select

    from gridkeeper.services.facade import open_gridkeeper
    from gridkeeper.storage.models import Household

    keeper = open_gridkeeper(url)
    try:
        with keeper.db.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Household)) or 0)
    finally:
        keeper.close()


def ensure_server(url: str) -> str:
    """The server's register, the demo district generated into it first when it is empty."""
    if url in _ready:
        return url
    if households_in(url) == 0:
        print(f"building the {DISTRICT:,}-household demo district on the server (once; about a "
              "quarter of an hour on two cores) …", flush=True)
        build(DISTRICT, url)
    _ready.add(url)
    return url


if __name__ == "__main__":
    for size in SIZES:
        print(size, ensure(size))
