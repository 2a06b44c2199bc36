"""Bounded IN lists: long lists of ids go to the database a slice at a time.

SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535; one size well
under both, big enough that a street's 60,000 households take a dozen round trips.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_LIST_SIZE = 5000


def chunked(values: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[T]]:
    """``values`` in consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start:start + size]
