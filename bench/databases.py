"""Demo databases of 5,000 / 20,000 / 100,000 households, cached in ``bench/cache/``.

Building the 100,000-household street takes over a minute, so each size is built once and
reused; a fixed seed and a fixed "today" make every run measure the same data.
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


def path_for(households: int) -> Path:
    return CACHE / f"demo-{households}-v{CACHE_VERSION}.db"


def build(households: int, target: Path) -> float:
    """Generate a demo street into ``target`` (replacing it); return the seconds it took."""
    from gridkeeper.services.demo import DemoOptions
    from gridkeeper.services.facade import open_gridkeeper

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


if __name__ == "__main__":
    for size in SIZES:
        print(size, ensure(size))
