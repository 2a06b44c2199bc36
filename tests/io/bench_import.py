"""Benchmark (not a test): import a generated 50,000-resident workbook and print the time.

    python -m tests.io.bench_import [HOUSEHOLDS]

16,700 households of 1-5 residents make about 50,000 rows. Prints seconds per phase.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from gridkeeper.services.facade import open_gridkeeper
from tests.io.sheets import register_rows, write_sheet


def main(households: int = 16_700) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gk-bench-"))
    sheet = write_sheet(folder / "register.xlsx", register_rows(households),
                        titles=["阳光社区住户台账"])
    gk = open_gridkeeper(str(folder / "bench.db"))
    start = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(fraction: float, text: str) -> None:
        marks.setdefault(text.split(" ")[0], time.perf_counter() - start)

    result = gk.importer.import_households(sheet, progress=progress)
    total = time.perf_counter() - start
    print(f"{result.rows_read} residents, {len(result.added)} households: {total:.1f} s "
          f"(read until {marks.get('核对', 0):.1f} s, writing from {marks.get('写入', 0):.1f} s)")
    start = time.perf_counter()
    again = gk.importer.import_households(sheet, dry_run=True)
    print(f"dry-run re-import: {len(again.unchanged)} unchanged in {time.perf_counter() - start:.1f} s")
    gk.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 16_700)
