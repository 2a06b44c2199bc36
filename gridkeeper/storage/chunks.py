"""Long lists of ids for the database: a slice at a time (:func:`chunked`), or all in one
bound value (:func:`in_ids`).

SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535; one size well
under both, big enough that a street's 60,000 households take a dozen round trips.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Integer, Text, any_, bindparam, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY

T = TypeVar("T")

IN_LIST_SIZE = 5000


def chunked(values: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[Sequence[T]]:
    """``values`` in consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def in_ids(column: Any, ids: Sequence[int], dialect: str) -> Any:
    """``column IN ids`` for any number of ids in one bound value, so that a street's 40,000
    households cost one statement, not eight with 5,000 parameters each: a JSON array
    unpacked by ``json_each`` on SQLite, an array compared with ``= ANY`` on PostgreSQL."""
    values = [int(i) for i in ids]
    if dialect == "postgresql":
        # the array as its text form: the driver adapts a list of 100,000 ints one by one
        # (0.2 s of the district's roster), a string at once
        text = "{" + ",".join(map(str, values)) + "}"
        return column == any_(cast(bindparam(None, text, type_=Text), ARRAY(Integer)))
    return column.in_(select(literal_column("value")).select_from(func.json_each(json.dumps(values))))
