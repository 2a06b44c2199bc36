"""Calendar arithmetic for the periods a visit rule counts in (周 / 月 / 季度 / 半年 / 年).

Everything here is pure and works on :class:`datetime.date`. The API is small:

- :class:`Span` — one concrete period: ``kind`` (:class:`~gridkeeper.domain.enums.Period`),
  ``start`` and ``end`` (both inclusive), ``days`` (its length), ``next()``,
  ``previous()``, ``day in span``, ``label`` ("2026-W48", "2026-11", "2026Q3", "2026H2",
  "2026").
- :func:`span_of` — the period of a kind that contains a date. Weeks are ISO weeks
  (Monday to Sunday, week 1 holds the year's first Thursday, so a year has 52 or 53 weeks);
  quarters are Jan-Mar, Apr-Jun, ...; half-years are Jan-Jun and Jul-Dec.
- :func:`spans_overlapping` — the periods of a kind that overlap a date range, in order.
- :func:`weeks_starting_in` — the ISO weeks whose Monday lies in a span (levelled planning
  spreads a quarter's visits over these).
- :func:`parse_week` ("2026-W48") and :func:`parse_period` (the report syntax: 2026-W48,
  2026-11, 2026Q3, 2026H2, 2026) return a :class:`Span`; bad text raises
  :class:`~gridkeeper.domain.errors.ValidationError` naming the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from gridkeeper.domain.enums import Period
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, order=True)
class Span:
    """One calendar period, ``start`` to ``end`` inclusive."""

    start: date
    end: date
    kind: Period

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def next(self) -> Span:
        return _next(self)

    def previous(self) -> Span:
        return span_of(self.kind, self.start - ONE_DAY)

    @property
    def label(self) -> str:
        if self.kind is Period.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind is Period.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is Period.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is Period.HALF_YEAR:
            return f"{self.start.year}H{1 if self.start.month == 1 else 2}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - ONE_DAY


@lru_cache(maxsize=4096)
def _next(span: Span) -> Span:
    return span_of(span.kind, span.end + ONE_DAY)


@lru_cache(maxsize=65536)
def span_of(kind: Period | str, day: date) -> Span:
    """The period of ``kind`` that contains ``day``."""
    kind = Period(kind)
    if kind is Period.WEEK:
        monday = day - timedelta(days=day.weekday())
        return Span(monday, monday + timedelta(days=6), kind)
    if kind is Period.MONTH:
        first_month = day.month
    elif kind is Period.QUARTER:
        first_month = (day.month - 1) // 3 * 3 + 1
    elif kind is Period.HALF_YEAR:
        first_month = 1 if day.month <= 6 else 7
    else:
        first_month = 1
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}[kind]
    return Span(date(day.year, first_month, 1), _month_end(day.year, first_month + months - 1), kind)


def spans_overlapping(kind: Period | str, start: date, end: date) -> Iterator[Span]:
    """The periods of ``kind`` that overlap ``start``..``end`` (inclusive), in order."""
    span = span_of(kind, start)
    while span.start <= end:
        yield span
        span = span.next()


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last week."""
    return date(year, 12, 28).isocalendar()[1]


def iso_week(year: int, week: int) -> Span:
    """ISO week ``week`` of ``year`` (Monday to Sunday); refuses week numbers the year lacks."""
    if not 1 <= week <= weeks_in_year(year):
        raise ValidationError(T("周", "week"), f"{year}-W{week:02d}",
                              T(f"{year}年只有{weeks_in_year(year)}周",
                                f"{year} has {weeks_in_year(year)} ISO weeks"))
    monday = date.fromisocalendar(year, week, 1)
    return Span(monday, monday + timedelta(days=6), Period.WEEK)


@lru_cache(maxsize=256)  # asked once per grid and period when levelling a street's plans
def weeks_starting_in(span: Span) -> tuple[Span, ...]:
    """The ISO weeks whose Monday lies in ``span``, in order (a quarter has 12 to 14)."""
    first = span.start + timedelta(days=(7 - span.start.weekday()) % 7)
    weeks = []
    monday = first
    while monday <= span.end:
        weeks.append(Span(monday, monday + timedelta(days=6), Period.WEEK))
        monday += timedelta(days=7)
    return tuple(weeks)


_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def _bad(text: str, what: T, expected: str) -> ValidationError:
    return ValidationError(what, text, T(f"格式应为 {expected}", f"expected {expected}"))


def parse_week(text: str) -> Span:
    """Parse an ISO week such as "2026-W48" (also "2026W48", "2026-w5")."""
    found = _WEEK.match(str(text).strip())
    if not found:
        raise _bad(text, T("周", "week"), "2026-W48")
    return iso_week(int(found[1]), int(found[2]))


def parse_period(text: str) -> Span:
    """Parse a report period: 2026-W48, 2026-11, 2026Q3, 2026H2 or 2026."""
    key = str(text).strip()
    if _WEEK.match(key):
        return parse_week(key)
    if found := _MONTH.match(key):
        month = int(found[2])
        if not 1 <= month <= 12:
            raise ValidationError(T("月份", "month"), key, T("月份应为1-12", "month must be 1-12"))
        return span_of(Period.MONTH, date(int(found[1]), month, 1))
    if found := _QUARTER.match(key):
        return span_of(Period.QUARTER, date(int(found[1]), (int(found[2]) - 1) * 3 + 1, 1))
    if found := _HALF.match(key):
        return span_of(Period.HALF_YEAR, date(int(found[1]), 1 if found[2] == "1" else 7, 1))
    if found := _YEAR.match(key):
        return span_of(Period.YEAR, date(int(found[1]), 1, 1))
    raise _bad(key, T("统计期间", "period"), "2026-W48, 2026-11, 2026Q3, 2026H2, 2026")
