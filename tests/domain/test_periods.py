"""Calendar periods: ISO weeks (incl. week 53), months, quarters, half-years, report syntax."""

from __future__ import annotations

from datetime import date

import pytest

from gridkeeper.domain.enums import Period
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.periods import (
    Span,
    parse_period,
    parse_week,
    span_of,
    spans_overlapping,
    weeks_in_year,
    weeks_starting_in,
)


def test_february_ends_on_the_29th_in_a_leap_year() -> None:
    assert span_of(Period.MONTH, date(2028, 2, 10)) == Span(date(2028, 2, 1), date(2028, 2, 29), Period.MONTH)
    assert span_of(Period.MONTH, date(2026, 2, 10)).end == date(2026, 2, 28)
    assert span_of(Period.MONTH, date(2026, 12, 31)).end == date(2026, 12, 31)


def test_quarters_and_half_years_have_their_calendar_bounds() -> None:
    q3 = span_of(Period.QUARTER, date(2026, 8, 15))
    assert (q3.start, q3.end, q3.days, q3.label) == (date(2026, 7, 1), date(2026, 9, 30), 92, "2026Q3")
    h1 = span_of(Period.HALF_YEAR, date(2024, 6, 30))
    assert (h1.start, h1.end, h1.days, h1.label) == (date(2024, 1, 1), date(2024, 6, 30), 182, "2024H1")
    assert span_of(Period.HALF_YEAR, date(2026, 7, 1)).label == "2026H2"
    assert span_of(Period.YEAR, date(2028, 5, 5)).days == 366


def test_iso_week_53_exists_only_in_long_years() -> None:
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2025) == 52
    w53 = parse_week("2026-W53")
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    with pytest.raises(ValidationError) as error:
        parse_week("2025-W53")
    assert "2025-W53" in str(error.value)


def test_a_week_straddling_new_year_belongs_to_its_iso_year() -> None:
    week = span_of(Period.WEEK, date(2025, 1, 1))
    assert week.label == "2025-W01"
    assert week.start == date(2024, 12, 30)
    assert span_of(Period.WEEK, date(2027, 1, 2)).label == "2026-W53"


def test_next_and_previous_cross_year_ends() -> None:
    dec = span_of(Period.MONTH, date(2026, 12, 5))
    assert dec.next().label == "2027-01"
    assert dec.next().previous() == dec
    assert span_of(Period.QUARTER, date(2026, 11, 1)).next().label == "2027Q1"


def test_weeks_whose_monday_lies_in_a_quarter() -> None:
    weeks = weeks_starting_in(parse_period("2026Q4"))
    assert weeks[0].label == "2026-W41"  # Monday 5 October; 28 Sep - 4 Oct belongs to Q3
    assert weeks[-1].label == "2026-W53"  # Monday 28 December, ends in January
    assert len(weeks) == 13
    assert all(w.start.weekday() == 0 for w in weeks)


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    ("2026-W48", date(2026, 11, 23), date(2026, 11, 29), Period.WEEK),
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30), Period.MONTH),
    ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), Period.QUARTER),
    ("2026H2", date(2026, 7, 1), date(2026, 12, 31), Period.HALF_YEAR),
    ("2026", date(2026, 1, 1), date(2026, 12, 31), Period.YEAR),
])
def test_report_periods_parse_to_date_ranges(text: str, start: date, end: date, kind: Period) -> None:
    span = parse_period(text)
    assert (span.start, span.end, span.kind) == (start, end, kind)
    assert span.label == text


@pytest.mark.parametrize("text", ["2026-13", "2026Q5", "26-W4", "next week", "2026H3"])
def test_bad_period_text_is_refused_naming_it(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_period(text)
    assert text in str(error.value)


def test_spans_overlapping_a_range_are_listed_in_order() -> None:
    months = list(spans_overlapping(Period.MONTH, date(2026, 11, 20), date(2027, 1, 2)))
    assert [m.label for m in months] == ["2026-11", "2026-12", "2027-01"]
