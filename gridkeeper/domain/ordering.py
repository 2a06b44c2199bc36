"""The one natural order for names with numbers in them: grids, buildings, units and rooms.

第2网格 comes before 第10网格, 3号楼 before 10号楼, room 301 before 1201: runs of digits compare
by their value, the text between them by its characters, and a number sorts before text at
the same place ("3" before "10" before "A").
"""

from __future__ import annotations

import re
from functools import lru_cache

_RUNS = re.compile(r"(\d+)")


@lru_cache(maxsize=65536)
def natural_key(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """The sort key of ``text``: a tuple of (0, number) and (1, text) runs."""
    return tuple((0, int(run)) if run.isdigit() else (1, run)
                 for run in _RUNS.split(text or "") if run)
