"""Benchmark (not a test): one keystroke in the register's search box on a demo database.

    python -m gridkeeper --db /tmp/demo.db demo --households 100000 --seed 1
    python tests/benchmarks/bench_search.py /tmp/demo.db

Prints, per typed text, the households found and the best of three runs of the ids-first
search (what a keystroke costs; the table then builds only the rows it shows), and the cost
of building one screenful of rows. The budget is 100 ms per keystroke.
"""

from __future__ import annotations

import sys
import time

from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.facade import open_gridkeeper

TYPED = (
    "zw",
    "zhangw",
    "zhangwei",
    "张",
    "张伟",
    "3-2-501",
    "3-2",
    "5678",
    "13812345678",
    "002X",
    "0100",
    "",
)


def main() -> None:
    gk = open_gridkeeper(sys.argv[1])
    gk.browse.search_ids(RegisterFilter(text="warm"))
    worst = 0.0
    ids: list[int] = []
    for text in TYPED:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            ids = gk.browse.search_ids(RegisterFilter(text=text, status="active"))
            best = min(best, time.perf_counter() - start)
        worst = max(worst, best)
        print(f"{text!r:16} {len(ids):7} households {best * 1000:7.1f} ms")
    start = time.perf_counter()
    gk.browse.rows(ids[:100])
    built = (time.perf_counter() - start) * 1000
    print(f"100 rows built in {built:.1f} ms; worst keystroke {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
