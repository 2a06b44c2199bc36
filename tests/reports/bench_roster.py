"""Benchmark (not a test): roster layout time for 5,000 / 10,000 / 20,000 households.

Run ``python -m tests.reports.bench_roster``. Time should grow linearly with rows; on the
development machine 20,000 households (about 1,000 A4 pages) take about 4 seconds.
"""

from __future__ import annotations

import io
import time

from gridkeeper.reports.roster import render_rosters
from tests.reports.test_documents import sheet


def main() -> None:
    render_rosters([sheet(1, 50)], io.BytesIO())  # font loading and imports, not measured
    for households in (5_000, 10_000, 20_000):
        grids = households // 500
        sheets = [sheet(g, 500, units=4) for g in range(1, grids + 1)]
        started = time.perf_counter()
        pages = render_rosters(sheets, io.BytesIO())
        took = time.perf_counter() - started
        print(f"{households:>6} households  {pages:>5} pages  {took:6.2f} s  "
              f"{1000 * took / households:.3f} ms/household")


if __name__ == "__main__":
    main()
