"""Keeping spreadsheet formulas out of exports (CSV and Excel injection), and out of imports.

A name, estate or note that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would run as a formula when the exported file is opened in Excel or WPS. As OWASP advises,
a CSV cell gets a leading apostrophe (:func:`for_csv`); a workbook cell is written as a text
cell, never a formula (gridkeeper/io/workbook.py). Reading a sheet back, the apostrophe in
front of such a value is dropped again (:func:`read_back`), so our own export imports to the
same register; what still looks like a formula is imported as text and warned about.
"""

from __future__ import annotations

from typing import Any

from gridkeeper.domain.text import FORMULA_STARTS, looks_like_formula

__all__ = ["for_csv", "looks_like_formula", "read_back"]


def for_csv(value: Any) -> Any:
    """The value as a CSV cell may safely hold it (text that would be a formula prefixed)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def read_back(text: str) -> str:
    """Undo :func:`for_csv` on a value read from a sheet."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text
