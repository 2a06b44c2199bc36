"""Dates as written on the paper roster's 走访日期 and typed back: in full, or the month and
day alone (月 日), which the entry page and a filled roster sheet both read the same way."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

_FULL_DAY = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
SHORT_DAY_REACH = timedelta(days=183)
_SHORT_DAY = re.compile(r"(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")


def typed_day(text: str, near: date, forward: bool = False) -> date:
    """A date as typed back: in full (2026-12-01, 2026/12/1, 2026年12月1日), or the month and
    day alone as the paper's 走访日期 has them (12-01, 12.1, 12/1, 12月1日): the nearest such
    day on or before ``near`` (a visit; within half a year, so a slip of the pen such as
    tomorrow's date is refused, not taken for last year's), or on or after it (``forward``:
    a follow-up). ValueError when the text is no date."""
    text = unicodedata.normalize("NFKC", text).strip()
    full = _FULL_DAY.fullmatch(text)
    if full is not None:
        return date(int(full[1]), int(full[2]), int(full[3]))
    short = _SHORT_DAY.fullmatch(text)
    if short is None:
        raise ValueError(text)
    month, day = int(short[1]), int(short[2])
    for year in (near.year, near.year + 1 if forward else near.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:  # 2-29 in a common year, 13-01
            continue
        if forward and found >= near or not forward and near - SHORT_DAY_REACH <= found <= near:
            return found
    raise ValueError(text)
