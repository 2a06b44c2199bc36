"""The visit policy over whole columns of households (numpy): a street's roster in one pass.

:mod:`gridkeeper.domain.policy` states the rules one household at a time and stays the
reference. Most households' standing on a day is settled by very few facts: the category
that governs them has not changed since the last visit that clears everything before it,
and their rule asks one visit per period (the shape :func:`policy._assess_constant`
handles). For those, "due" and "overdue" are arithmetic on day numbers, done here for all
of them at once. Whatever this module cannot decide that way (a rule that changed inside
the days that matter, k >= 2 visits per period, a suspension, a move) it hands back by
index, for the caller to ask the reference; the property tests in
``tests/domain/test_standings.py`` and ``tests/services/test_roster_engine.py`` hold the
two equal.

Days are integers: days since 1970-01-01 (numpy's ``datetime64[D]``); :data:`NO_DAY` marks a
missing date. Households are rows of :class:`Households`, in walking order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import numpy as np

from gridkeeper.domain.enums import CategoryKind, HouseholdStatus, Period
from gridkeeper.domain.periods import Span, span_of, weeks_starting_in
from gridkeeper.domain.policy import (
    _DERIVED,
    ELDERLY,
    EMPTY_NEST,
    LIVING_ALONE,
    STRANDED,
    Catalogue,
    _threshold,
)

EPOCH = date(1970, 1, 1)
NO_DAY = np.int64(-(10**7))  # before any date a register holds
FAR_DAY = np.int64(10**7)  # after any date a register holds

ACTIVE, SUSPENDED, GONE = 0, 1, 2  # household status codes (gone: moved out or deceased)
STATUS_CODES = {HouseholdStatus.ACTIVE.value: ACTIVE, HouseholdStatus.SUSPENDED.value: SUSPENDED,
                HouseholdStatus.MOVED_OUT.value: GONE, HouseholdStatus.DECEASED.value: GONE}

# roster reasons as codes (0: not on the roster); policy.RosterReason in the same order
NOT_LISTED, OVERDUE, DUE, PLANNED = 0, 1, 2, 3


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending: ``np.unique`` by sorting. numpy 2.3+ finds them through a
    hash table first, a hundred times slower on a district's 800,000 int64 keys (0.6 s
    against 5 ms)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


# Months of the days 1850-2149 looked up in tables: numpy's calendar conversion of each of a
# district's million days (datetime64[D] to [M] and back) cost a tenth of its yearly figures.
# Days outside (NO_DAY, FAR_DAY) are converted as before.
_FIRST_MONTH = (1850 - 1970) * 12
_MONTH_FIRST_DAY = (np.arange(_FIRST_MONTH, (2150 - 1970) * 12 + 1).astype("datetime64[M]")
                    .astype("datetime64[D]").astype(np.int64))
_FIRST_DAY = int(_MONTH_FIRST_DAY[0])
_MONTH_OF_DAY = (np.arange(_FIRST_DAY, _MONTH_FIRST_DAY[-1]).astype("datetime64[D]")
                 .astype("datetime64[M]").astype(np.int64))


def month_number(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 of day numbers (numpy's datetime64[M])."""
    at = days - _FIRST_DAY
    if len(at) and (at.min() < 0 or at.max() >= len(_MONTH_OF_DAY)):
        return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)  # type: ignore[no-any-return]
    return _MONTH_OF_DAY[at]  # type: ignore[no-any-return]


def month_first_day(months: np.ndarray) -> np.ndarray:
    """Day number of the first day of months numbered as by :func:`month_number`."""
    at = months - _FIRST_MONTH
    if len(at) and (at.min() < 0 or at.max() >= len(_MONTH_FIRST_DAY)):
        return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)  # type: ignore[no-any-return]
    return _MONTH_FIRST_DAY[at]  # type: ignore[no-any-return]


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day of month of day numbers."""
    months = month_number(days)
    return months // 12 + 1970, months % 12 + 1, days - month_first_day(months) + 1


def _month_start(years: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Day numbers of the first day of (year, month); month may run past 12."""
    return month_first_day((years - 1970) * 12 + (month - 1))


def _leap(years: np.ndarray) -> np.ndarray:
    return (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))


def reaches_age(births: np.ndarray, years: int) -> np.ndarray:
    """:func:`policy.reaches_age` over a column (29 February: 1 March in a common year)."""
    y, m, d = _ymd(births)
    target = y + years
    feb29 = (m == 2) & (d == 29) & ~_leap(target)
    found = _month_start(target, m) + d - 1
    return np.where(feb29, _month_start(target, np.full_like(m, 3)), found)


_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}


def period_bounds(kind: Period, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the period of ``kind`` containing each day (:func:`span_of`)."""
    if kind is Period.WEEK:
        monday = days - (days + 3) % 7  # 1 January 1970 was a Thursday
        return monday, monday + 6
    months = _MONTHS[kind]
    index = month_number(days)
    first = index - index % months
    return month_first_day(first), month_first_day(first + months) - 1


@dataclass
class Households:
    """The engine's facts about households as columns (one row each, in walking order).

    ``oldest`` / ``youngest``: earliest and latest birth among active residents (NO_DAY:
    unknown, or loaded only for households with someone old enough for a derived category);
    ``residents`` counts active residents where the composition was loaded (1 otherwise);
    ``walk_up``: the home is up stairs without a lift (:func:`policy.walk_up`).
    """

    ids: np.ndarray
    grid: np.ndarray
    registered: np.ndarray
    status: np.ndarray
    since: np.ndarray
    until: np.ndarray
    residents: np.ndarray
    oldest: np.ndarray
    youngest: np.ndarray
    births_known: np.ndarray
    walk_up: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Assignments:
    """Manual categories: the household row, the category's index in the catalogue, and the
    first and last day held (last: FAR_DAY when open)."""

    row: np.ndarray
    category: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass(frozen=True)
class Rules:
    """The catalogue as arrays: what the column arithmetic needs of each category."""

    catalogue: Catalogue
    method_sets: tuple[frozenset[str], ...] = field(init=False)

    def __post_init__(self) -> None:
        sets = sorted({c.rule.methods for c in self.catalogue.categories} | {self.common},
                      key=lambda s: sorted(s))
        object.__setattr__(self, "method_sets", tuple(sets))

    @property
    def common(self) -> frozenset[str]:
        return self.catalogue.common_methods

    @cached_property
    def by_strictness(self) -> tuple[int, ...]:
        """Category indexes, strictest first (ties: the earlier category)."""
        cats = self.catalogue.categories
        return tuple(sorted(range(len(cats)), key=lambda i: (-cats[i].rule.strictness[0],
                                                             -cats[i].rule.strictness[1], i)))

    @cached_property
    def visits(self) -> np.ndarray:
        return np.array([c.rule.visits for c in self.catalogue.categories] + [0], dtype=np.int64)

    @cached_property
    def levelled(self) -> np.ndarray:
        return np.array([c.rule.levelled for c in self.catalogue.categories] + [False])

    def levelled_in(self, kind: Period) -> np.ndarray:
        """Per category (and a last False for "none"): levelled with periods of ``kind``."""
        return np.array([c.rule.levelled and c.rule.period == kind
                         for c in self.catalogue.categories] + [False])


def _bits(indexes: np.ndarray) -> np.ndarray:
    return np.left_shift(np.int64(1), indexes.astype(np.int64))


def categories_on(h: Households, a: Assignments, rules: Rules, day: int) -> np.ndarray:
    """Bit i set when the household has category i of the catalogue on ``day``
    (:func:`policy.categories_on`; being due that day is a separate question)."""
    cats = rules.catalogue.categories
    mask = np.zeros(len(h), dtype=np.int64)
    manual_bits = np.int64(0)
    for i, c in enumerate(cats):
        if c.kind == CategoryKind.UNIVERSAL:
            mask |= np.int64(1) << np.int64(i)
        elif c.kind == CategoryKind.MANUAL:
            manual_bits |= np.int64(1) << np.int64(i)
        elif c.kind == CategoryKind.DERIVED and c.code in _DERIVED:
            mask[_derived_holds(h, c.code, _threshold(c), day)] |= np.int64(1) << np.int64(i)
    held = (a.start <= day) & (day <= a.end)
    if held.any():
        np.bitwise_or.at(mask, a.row[held], _bits(a.category[held]) & manual_bits)
    return mask


def _cutoff(day: int, years: int) -> int:
    """The latest birth day of someone ``years`` old on ``day`` (roster.years_before)."""
    d = day_of(day)
    try:
        return day_number(d.replace(year=d.year - years))
    except ValueError:
        return day_number(date(d.year - years, 2, 28))


def _derived_holds(h: Households, code: str, threshold: int, day: int) -> np.ndarray:
    cutoff = _cutoff(day, threshold)
    if code in (ELDERLY, STRANDED):
        elderly = (h.residents >= 1) & (h.oldest != NO_DAY) & (h.oldest <= cutoff)
        return elderly & h.walk_up if code == STRANDED else elderly
    if code == LIVING_ALONE:
        return (h.residents == 1) & (h.oldest != NO_DAY) & (h.oldest <= cutoff)
    assert code == EMPTY_NEST
    return (h.residents >= 2) & h.births_known & (h.youngest != NO_DAY) & (h.youngest <= cutoff)


def _derived_starts(h: Households, code: str, threshold: int) -> np.ndarray:
    """The day each household comes to have the derived category (NO_DAY: never)."""
    if code == EMPTY_NEST:
        holds = (h.residents >= 2) & h.births_known & (h.youngest != NO_DAY)
        who = h.youngest
    else:
        holds = ((h.residents == 1) if code == LIVING_ALONE else (h.residents >= 1)) & (h.oldest != NO_DAY)
        if code == STRANDED:
            holds &= h.walk_up
        who = h.oldest
    found = np.full(len(h), NO_DAY, dtype=np.int64)
    if holds.any():
        found[holds] = reaches_age(who[holds], threshold)
    return found


def due_able(h: Households, day: int) -> np.ndarray:
    """Registered by ``day`` and not suspended, moved out or deceased then (:func:`policy.due_able`)."""
    suspended = ((h.since == NO_DAY) | (h.since <= day)) & ((h.until == NO_DAY) | (day <= h.until))
    gone = (h.since != NO_DAY) & (day < h.since)
    by_status = np.where(h.status == ACTIVE, True, np.where(h.status == SUSPENDED, ~suspended, gone))
    return (h.registered <= day) & by_status


def governing(rules: Rules, mask: np.ndarray, able: np.ndarray) -> np.ndarray:
    """Index of the strictest category in each mask (-1: none, or not due that day)."""
    found = np.full(len(mask), -1, dtype=np.int64)
    for i in reversed(rules.by_strictness):
        found = np.where((mask >> np.int64(i)) & 1 == 1, i, found)
    return np.where(able, found, -1)


def governing_on(h: Households, a: Assignments, rules: Rules, day: int) -> np.ndarray:
    return governing(rules, categories_on(h, a, rules, day), due_able(h, day))


@dataclass
class RosterStandings:
    """Each household's place on a week's roster, where the columns could decide it.

    ``undecided``: row indexes the caller must assess with the reference; for the other rows
    ``reason`` is final (NOT_LISTED, OVERDUE, DUE, PLANNED) with ``due`` the day printed.
    ``planned`` (every row): the first day of the household's planned week, NO_DAY if none.
    """

    reason: np.ndarray
    due: np.ndarray
    governing: np.ndarray
    categories: np.ndarray
    last_visit: np.ndarray
    planned: np.ndarray
    undecided: np.ndarray


def roster_standings(h: Households, a: Assignments, rules: Rules, last: dict[frozenset[str], np.ndarray],
                     week: Span, day: date) -> RosterStandings:
    """:func:`policy.roster_decision` of :func:`policy.assess` on ``day`` (the day the roster
    is judged, :func:`policy.roster_day`) for every household it can settle by arithmetic;
    ``last[methods]`` is each household's last day with a met visit by one of ``methods``
    up to "as of" (NO_DAY: none)."""
    n = len(h)
    cats = rules.catalogue.categories
    on, week_start, week_end = day_number(day), day_number(week.start), day_number(week.end)
    mask = categories_on(h, a, rules, on)
    able = due_able(h, on)
    gov = governing(rules, mask, able)
    planned = plan_weeks(h, a, rules, week)
    reason = np.zeros(n, dtype=np.int8)
    due = np.full(n, NO_DAY, dtype=np.int64)
    last_visit = np.full(n, NO_DAY, dtype=np.int64)
    undecided = np.zeros(n, dtype=bool)
    common = last[rules.common]
    walk_from = np.maximum(h.registered, common)
    change_free = _change_free_bounds(h, a, rules)
    for g in distinct(gov[gov >= 0]):
        rows = np.flatnonzero(gov == g)
        rule = cats[g].rule
        ours = last[rule.methods][rows]
        last_visit[rows] = ours
        p_start, p_end = (day_number(d) for d in _span_days(rule.period, day))
        low = np.minimum(walk_from[rows], p_start)
        simple = (h.status[rows] == ACTIVE) & (rule.visits == 1) & (ours <= p_end)
        simple &= change_free(rows, low, p_end)
        undecided[rows[~simple]] = True
        rows, ours, low = rows[simple], ours[simple], low[simple]
        if not len(rows):
            continue
        # overdue: the end of the period after the last visit's (or of walk_from's period);
        # due: this period's end (never passed: the day lies in the period)
        w_start, w_end = period_bounds(rule.period, walk_from[rows])
        _, l_end = period_bounds(rule.period, np.where(ours == NO_DAY, w_start, ours))
        _, after_end = period_bounds(rule.period, l_end + 1)
        overdue = np.where((ours != NO_DAY) & (ours >= w_start), after_end, w_end)
        counted = ours >= p_start
        listed = np.full(len(rows), NOT_LISTED, dtype=np.int8)
        shown = np.full(len(rows), NO_DAY, dtype=np.int64)
        is_due = ~counted & (p_end <= week_end)
        is_planned = (~counted & rules.levelled[g] & (planned[rows] != NO_DAY)
                      & (planned[rows] <= week_start) & (planned[rows] >= p_start)
                      & (planned[rows] <= p_end))
        for code, hit, printed in ((PLANNED, is_planned, p_end), (DUE, is_due, p_end),
                                   (OVERDUE, overdue < on, overdue)):
            listed = np.where(hit, code, listed)
            shown = np.where(hit, printed, shown)
        reason[rows], due[rows] = listed, shown
    return RosterStandings(reason, due, gov, mask, last_visit, planned, np.flatnonzero(undecided))


def _span_days(kind: Period, day: date) -> tuple[date, date]:
    span = span_of(kind, day)
    return span.start, span.end


def _change_free_bounds(h: Households, a: Assignments, rules: Rules):  # type: ignore[no-untyped-def]
    """A test ``free(rows, low, high)``: no day in ``low < day <= high`` on which the rows'
    categories or being due may change (:func:`policy._change_points`)."""
    # registration is left out: the caller asks only about households registered by the
    # Monday, and with one visit per period (due on its last day) a registration inside the
    # period changes nothing else
    points = [h.since, np.where((h.status == SUSPENDED) & (h.until != NO_DAY), h.until + 1, NO_DAY)]
    points.extend(_derived_starts(h, c.code, _threshold(c)) for c in rules.catalogue.derived)
    assignment_points = (a.start, np.where(a.end == FAR_DAY, NO_DAY, a.end + 1))

    def free(rows: np.ndarray, low: np.ndarray, high: int) -> np.ndarray:
        ok = np.ones(len(rows), dtype=bool)
        for p in points:
            q = p[rows]
            ok &= ~((q != NO_DAY) & (low < q) & (q <= high))
        if len(a.row):
            position = np.full(len(h), -1, dtype=np.int64)
            position[rows] = np.arange(len(rows))
            at = position[a.row]
            mine = at >= 0
            for p in assignment_points:
                q = p[mine]
                hit = (q != NO_DAY) & (low[at[mine]] < q) & (q <= high)
                ok[at[mine][hit]] = False
        return ok

    return free


def plan_weeks(h: Households, a: Assignments, rules: Rules, week: Span) -> np.ndarray:
    """First day of each household's planned week in the levelled plan that holds it in
    ``week``'s period (NO_DAY: none): :func:`policy.plan_membership` and
    :func:`policy.plan_weeks` per grid, households in walking order (the rows' order)."""
    planned = np.full(len(h), NO_DAY, dtype=np.int64)
    taken = np.zeros(len(h), dtype=bool)
    for kind in rules.catalogue.levelled_periods:
        period = span_of(kind, week.start)
        gov = governing_on(h, a, rules, day_number(period.start))
        member = ~taken & rules.levelled_in(kind)[gov]  # gov -1 picks the last: False
        taken |= member
        rows = np.flatnonzero(member)
        if not len(rows):
            continue
        weeks = np.array([day_number(w.start) for w in weeks_starting_in(period)], dtype=np.int64)
        order = rows[np.argsort(h.grid[rows], kind="stable")]
        grids = h.grid[order]
        starts = np.flatnonzero(np.r_[True, grids[1:] != grids[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        position = np.arange(len(order)) - np.repeat(starts, sizes)
        size = np.repeat(sizes, sizes)
        planned[order] = weeks[position * len(weeks) // size]
    return planned


# --- completion: every obligation of a span -------------------------------------------------


def _categories_on_days(h: Households, a: Assignments, rules: Rules, rows: np.ndarray,
                        days: np.ndarray) -> np.ndarray:
    """:func:`categories_on` of household ``rows[i]`` on ``days[i]``."""
    cats = rules.catalogue.categories
    mask = np.zeros(len(rows), dtype=np.int64)
    manual_bits = np.int64(0)
    for i, c in enumerate(cats):
        bit = np.int64(1) << np.int64(i)
        if c.kind == CategoryKind.UNIVERSAL:
            mask |= bit
        elif c.kind == CategoryKind.MANUAL:
            manual_bits |= bit
        elif c.kind == CategoryKind.DERIVED and c.code in _DERIVED:
            starts = _derived_starts(h, c.code, _threshold(c))[rows]
            mask[(starts != NO_DAY) & (starts <= days)] |= bit
    if len(a.row) and len(rows):
        # each (assignment, asked row) pair of the same household
        order = np.argsort(rows, kind="stable")
        first = np.searchsorted(rows[order], a.row, side="left")
        counts = np.searchsorted(rows[order], a.row, side="right") - first
        which = np.repeat(np.arange(len(a.row)), counts)
        offsets = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
        at = order[np.repeat(first, counts) + offsets]
        held = (a.start[which] <= days[at]) & (days[at] <= a.end[which])
        np.bitwise_or.at(mask, at[held], _bits(a.category[which[held]]) & manual_bits)
    return mask


def _due_able_on_days(h: Households, rows: np.ndarray, days: np.ndarray) -> np.ndarray:
    since, until, status = h.since[rows], h.until[rows], h.status[rows]
    suspended = ((since == NO_DAY) | (since <= days)) & ((until == NO_DAY) | (days <= until))
    gone = (since != NO_DAY) & (days < since)
    by_status = np.where(status == ACTIVE, True, np.where(status == SUSPENDED, ~suspended, gone))
    return (h.registered[rows] <= days) & by_status


def _governing_on_days(h: Households, a: Assignments, rules: Rules, rows: np.ndarray,
                       days: np.ndarray) -> np.ndarray:
    return governing(rules, _categories_on_days(h, a, rules, rows, days),
                     _due_able_on_days(h, rows, days))


@dataclass
class Segments:
    """Days ``start``..``end`` of household ``row`` under category ``governing`` (-1: not
    due); ``clipped``: due dates before ``start`` do not apply (:class:`policy.Segment`)."""

    row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    governing: np.ndarray
    clipped: np.ndarray


def segments(h: Households, a: Assignments, rules: Rules, first: int, last: int) -> Segments:
    """:func:`policy.segments` of every household from ``max(first, registration)`` to
    ``last``: split where the governing category changes, equal neighbours merged."""
    n = len(h)
    low = np.maximum(h.registered, first)
    live = np.flatnonzero(low <= last)
    low_of = np.full(n, FAR_DAY, dtype=np.int64)
    low_of[live] = low[live]
    rows = [live]
    points = [low[live]]
    sources = [h.since, np.where((h.status == SUSPENDED) & (h.until != NO_DAY), h.until + 1, NO_DAY)]
    sources.extend(_derived_starts(h, c.code, _threshold(c)) for c in rules.catalogue.derived)
    for p in sources:
        inside = np.flatnonzero((p != NO_DAY) & (low_of < p) & (p <= last))
        rows.append(inside)
        points.append(p[inside])
    for p in (a.start, np.where(a.end >= FAR_DAY, NO_DAY, a.end + 1)):
        inside = (p != NO_DAY) & (low_of[a.row] < p) & (p <= last)
        rows.append(a.row[inside])
        points.append(p[inside])
    row = np.concatenate(rows)
    point = np.concatenate(points)
    key = distinct(row * (4 * FAR_DAY) + (point + 2 * FAR_DAY))
    if not len(key):
        empty = np.zeros(0, dtype=np.int64)
        return Segments(empty, empty, empty, empty, np.zeros(0, dtype=bool))
    row = key // (4 * FAR_DAY)
    start = key % (4 * FAR_DAY) - 2 * FAR_DAY
    following = np.r_[row[1:] == row[:-1], False]
    end = np.where(following, np.r_[start[1:], 0] - 1, last)
    gov = _governing_on_days(h, a, rules, row, start)
    # neighbours under the same category are one segment
    new = np.r_[True, (row[1:] != row[:-1]) | (gov[1:] != gov[:-1])]
    first_of = np.flatnonzero(new)
    last_of = np.r_[first_of[1:], len(row)] - 1
    row, start, gov, end = row[first_of], start[first_of], gov[first_of], end[last_of]
    opening = np.r_[True, row[1:] != row[:-1]]
    before = _governing_on_days(h, a, rules, row, start - 1)
    clipped = ~opening | (gov != before)
    return Segments(row, start, end, gov, clipped)


def period_index(kind: Period, days: np.ndarray) -> np.ndarray:
    """A number per period of ``kind`` (consecutive periods, consecutive numbers)."""
    if kind is Period.WEEK:
        return (days + 3) // 7
    return month_number(days) // _MONTHS[kind]


def period_of_index(kind: Period, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the periods numbered by :func:`period_index`."""
    if kind is Period.WEEK:
        start = index * 7 - 3
        return start, start + 6
    months = _MONTHS[kind]
    start = month_first_day(index * months)
    end = month_first_day((index + 1) * months) - 1
    return start, end


@dataclass
class Visits:
    """Met visits by a counting method: household row, day, method (index into ``methods``)."""

    row: np.ndarray
    day: np.ndarray
    method: np.ndarray
    methods: tuple[str, ...]


@dataclass
class Owed:
    """Obligations due in a span, counted per household row and governing category."""

    row: np.ndarray
    category: np.ndarray
    required: np.ndarray
    done: np.ndarray
    on_time: np.ndarray
    missed: np.ndarray
    pending: np.ndarray


def owed(h: Households, a: Assignments, rules: Rules, visits: Visits, span: Span, as_of: date) -> Owed:
    """:func:`policy.obligations` of every household with a due date in ``span``, matched
    with the counting visits up to ``as_of``; ``visits`` must cover every rule period that
    overlaps the span."""
    cats = rules.catalogue.categories
    first, last, limit = day_number(span.start), day_number(span.end), day_number(as_of)
    seg = segments(h, a, rules, first, last)
    counting = _CountingDays(visits, limit)
    parts: list[tuple[np.ndarray, ...]] = []
    for g in distinct(seg.governing[seg.governing >= 0]):
        rule = cats[g].rule
        k, kind = rule.visits, rule.period
        mine = np.flatnonzero(seg.governing == g)
        s_row, s_start, s_end, s_clip = seg.row[mine], seg.start[mine], seg.end[mine], seg.clipped[mine]
        p_first, p_last = period_index(kind, s_start), period_index(kind, s_end)
        spans = p_last - p_first + 1
        which = np.repeat(np.arange(len(mine)), spans)
        index = p_first[which] + (np.arange(len(which)) - np.repeat(np.cumsum(spans) - spans, spans))
        q_start, q_end = period_of_index(kind, index)
        length = q_end - q_start + 1
        # the k due dates of each period, applicable ones numbered in order
        number = np.tile(np.arange(1, k + 1), len(which))
        pair = np.repeat(np.arange(len(which)), k)
        due = q_start[pair] + (-(-number * length[pair] // k)) - 1
        seg_of = which[pair]
        ok = (due <= s_end[seg_of]) & (~s_clip[seg_of] | (due >= s_start[seg_of]))
        pair, due, seg_of = pair[ok], due[ok], seg_of[ok]
        if not len(pair):
            continue
        # renumber within (segment, period): the j-th applicable due date
        starts = np.r_[True, pair[1:] != pair[:-1]]
        position = np.arange(len(pair))
        number = position - np.maximum.accumulate(np.where(starts, position, 0)) + 1
        keep = (due >= first) & (due <= last)
        pair, due, seg_of, number = pair[keep], due[keep], seg_of[keep], number[keep]
        row = s_row[seg_of]
        met_on = _nth_counting_day(counting, rule.methods, kind, row, index[pair], number)
        met = met_on != NO_DAY
        period_end = q_end[pair]
        # counted per household here, one category at a time: a street's year is millions of
        # obligations, and all of them at once (then sorted to be counted) was the largest
        # thing a desktop page ever held
        if not len(row):
            continue
        size = int(row.max()) + 1
        flags = (met, met & (met_on <= due), ~met & (period_end < limit), ~met & (period_end >= limit))
        counted = [np.bincount(row, minlength=size)] + [
            np.bincount(row, weights=f, minlength=size).astype(np.int64) for f in flags]
        rows = np.flatnonzero(counted[0])
        parts.append((rows, np.full(len(rows), g, dtype=np.int64), *(c[rows] for c in counted)))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Owed(empty, empty, empty, empty, empty, empty, empty)
    row, category, required, done, on_time, missed, pending = (
        np.concatenate(c) for c in zip(*parts, strict=True))
    order = np.argsort(row * 64 + category, kind="stable")  # by household, then category
    return Owed(row[order], category[order], required[order], done[order], on_time[order], missed[order],
                pending[order])


class _CountingDays:
    """Each household's distinct counting days per period, grouped once per set of methods
    and kind of period (several categories share them)."""

    def __init__(self, visits: Visits, limit: int) -> None:
        self.visits, self.limit = visits, limit
        self._days: dict[frozenset[str], tuple[np.ndarray, np.ndarray]] = {}
        self._groups: dict[tuple[frozenset[str], Period], tuple[np.ndarray, ...]] = {}

    def days(self, methods: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
        if methods not in self._days:
            v = self.visits
            codes = [i for i, m in enumerate(v.methods) if m in methods]
            use = np.isin(v.method, codes) & (v.day <= self.limit)
            pairs = distinct(v.row[use] * (4 * FAR_DAY) + (v.day[use] + 2 * FAR_DAY))
            self._days[methods] = (pairs // (4 * FAR_DAY), pairs % (4 * FAR_DAY) - 2 * FAR_DAY)
        return self._days[methods]

    def groups(self, methods: frozenset[str], kind: Period) -> tuple[np.ndarray, ...]:
        """(group key of each head, first index of each group, its size, the days)."""
        if (methods, kind) not in self._groups:
            v_row, v_day = self.days(methods)
            group = v_row * (1 << 24) + period_index(kind, v_day)
            # days are ascending within a household, so within each (household, period) too
            heads = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else group
            sizes = np.diff(np.r_[heads, len(group)])
            self._groups[(methods, kind)] = (group[heads], heads, sizes, v_day)
        return self._groups[(methods, kind)]


def _nth_counting_day(days: _CountingDays, methods: frozenset[str], kind: Period, rows: np.ndarray,
                      periods: np.ndarray, number: np.ndarray) -> np.ndarray:
    """The ``number``-th distinct day with a counting visit of household ``rows`` in period
    ``periods`` (of ``kind``), up to "as of"; NO_DAY when there are fewer."""
    keys, heads, sizes, v_day = days.groups(methods, kind)
    found = np.full(len(rows), NO_DAY, dtype=np.int64)
    if not len(keys):
        return found
    wanted = rows * (1 << 24) + periods
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = (keys[at] == wanted) & (number <= sizes[at])
    found[hit] = v_day[heads[at[hit]] + number[hit] - 1]
    return found
