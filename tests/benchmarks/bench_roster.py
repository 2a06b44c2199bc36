"""Benchmark (not a test): time the weekly roster and completion figures on a demo database.

    python -m gridkeeper --db /tmp/demo.db demo --households 100000 --seed 1 --date 2026-11-22
    python tests/benchmarks/bench_roster.py /tmp/demo.db 2026-W48 2026-11-22

Prints the best of three runs for all grids, one grid, and one month's completion figures.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import date

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.database import Database


def best_of(runs: int, work: object) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    path, week, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
    gk = GridKeeper(Database(f"sqlite:///{path}"))
    seconds, roster = best_of(3, lambda: gk.roster.roster(week, as_of=today))
    print(f"all grids: {len(roster.rows)} rows in {seconds:.3f} s  "  # type: ignore[union-attr]
          f"{dict(Counter(r.reason.value for r in roster.rows))}")  # type: ignore[union-attr]
    grid = roster.rows[0].grid  # type: ignore[union-attr]
    seconds, one = best_of(3, lambda: gk.roster.roster(week, grid=grid, as_of=today))
    print(f"one grid ({grid}): {len(one.rows)} rows in {seconds:.3f} s")  # type: ignore[union-attr]
    month = f"{today.year}-{today.month - 1:02d}" if today.month > 1 else f"{today.year - 1}-12"
    seconds, report = best_of(1, lambda: gk.completion.figures(month, as_of=today))
    print(f"completion {month}: {report.total.required_visits} required visits in {seconds:.3f} s")  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
