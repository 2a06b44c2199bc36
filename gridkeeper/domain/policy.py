"""The visit policy (走访规则): who must be visited how often, what is due, overdue or missed.

Pure rules on plain data; the services feed them facts fetched set-wise from the database.
The same walk over a household's obligations (:func:`obligations` / :func:`assess`) serves
the weekly roster and the completion figures, so the two can never disagree.

Terms, as in the issue that defines them:

- A :class:`VisitRule` is "k counting visits per calendar period" plus the visit methods
  that count. Strictness is the visits-per-day rate over the period's average length; ties
  go to the shorter period.
- A household's categories on a day are the universal one (一般户), the manual ones valid
  that day (assigned to any active resident) and the derived ones (高龄 / 独居 / 空巢 /
  悬空老人) computed from birth dates, composition and home that day. The strictest category
  governs.
- A category without a visit rule (0 visits: a tag such as 党员, 失能 or 退役军人) is a
  :class:`CategoryTag`: shown, coloured and filtered by (:func:`held_on`), never counted here.
- Obligations start on ``HouseholdFacts.registered_on``: the registration day, or for a
  household on the register before records began (a blank 登记日期), the day it entered
  GridKeeper; no missed period is invented before it, and earlier visits still count.
- In a period of L days from day s needing k visits the i-th visit is due by
  s + ceil(i*L/k) - 1. Due dates before the household was due at all (registration, end of
  a suspension, the day a rule began to govern) do not apply; the rest are numbered in
  order and the j-th is met by the j-th counting visit day of the period (several visits on
  one day count once; only outcome "met" with a counting method counts).
- A due date that passed unmet makes the household overdue from that date until its next
  counting visit, across period ends. An obligation still unmet when its period has ended
  is *missed*.
- Levelled planning: households governed by 1 visit per quarter or longer are spread over
  the weeks whose Monday lies in the period, per grid, in walking order, in blocks whose
  sizes differ by at most one (:func:`plan_weeks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

from gridkeeper.domain.enums import CategoryKind, HouseholdStatus, Labelled, Period, VisitMethod
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T, counted
from gridkeeper.domain.periods import ONE_DAY, Span, span_of, weeks_starting_in

# Average period lengths (Gregorian year = 365.25 days), exact so that 3/month ties 9/quarter.
NOMINAL_DAYS: dict[Period, Fraction] = {
    Period.WEEK: Fraction(7),
    Period.MONTH: Fraction(1461, 48),
    Period.QUARTER: Fraction(1461, 16),
    Period.HALF_YEAR: Fraction(1461, 8),
    Period.YEAR: Fraction(1461, 4),
}
LEVELLED_PERIODS = (Period.QUARTER, Period.HALF_YEAR, Period.YEAR)

# Codes of the derived categories this engine knows how to compute.
ELDERLY = "elderly_80"
LIVING_ALONE = "living_alone"
EMPTY_NEST = "empty_nest"
STRANDED = "stranded_elderly"  # 悬空老人: elderly up the stairs of a building without a lift
WALK_UP_FLOOR = 4  # from this floor up, stairs without a lift keep the elderly indoors


class RosterReason(Labelled):
    """Why a household is on a week's roster; the order is the precedence. The rules decide
    the first three; the others are extra reasons the roster service merges in from their
    own queries (gridkeeper/services/roster.py, EXTRA_REASON_SOURCES)."""

    OVERDUE = "overdue"
    DUE = "due"
    PLANNED = "planned"
    FOLLOW_UP = "follow_up"  # a visit promised to come back from a day on (跟进)
    HOT_SPOT = "hot_spot"  # its stairwell keeps raising needs of one kind (未诉先办)

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"overdue": T("逾期", "overdue"), "due": T("应访", "due"),
                "planned": T("计划", "planned"), "follow_up": T("跟进", "follow-up"),
                "hot_spot": T("热点", "hot spot")}


@lru_cache(maxsize=4096)
def due_dates(span: Span, visits: int) -> tuple[date, ...]:
    """The k due dates of a period: the i-th is s + ceil(i*L/k) - 1."""
    length = span.days
    return tuple(span.start + timedelta(days=-(-i * length // visits) - 1)
                 for i in range(1, visits + 1))


@dataclass(frozen=True)
class VisitRule:
    """k counting visits per calendar period, and the visit methods that count."""

    visits: int
    period: Period
    methods: frozenset[str] = frozenset({VisitMethod.HOME.value})
    # computed once: the engine compares rules for every household
    # floats of exact fractions: equal rates (3/month, 9/quarter) give equal floats
    strictness: tuple[float, float] = field(init=False, repr=False, compare=False)
    # as printed on rosters: ``2/month``, ``1/quarter``, ``1/half_year`` (a district's roster
    # prints it on 100,000 lines; an enum's value costs a descriptor call each time)
    label: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", Period(self.period))
        if self.visits < 1:
            raise ValidationError(T("走访次数", "visits per period"), self.visits,
                                  T("至少为1", "must be at least 1"))
        rate = self.visits / NOMINAL_DAYS[self.period]
        object.__setattr__(self, "strictness", (float(rate), float(-NOMINAL_DAYS[self.period])))
        object.__setattr__(self, "label", f"{self.visits}/{self.period.value}")

    @classmethod
    def of(cls, visits: int, period: str, methods: str | Iterable[str] = "home") -> VisitRule:
        """Build from database columns (methods comma-separated)."""
        if isinstance(methods, str):
            methods = [m.strip() for m in methods.split(",") if m.strip()]
        return cls(visits, Period(period), frozenset(methods) or frozenset({"home"}))

    @property
    def rate(self) -> Fraction:
        """Visits per day over the period's average length."""
        return self.visits / NOMINAL_DAYS[self.period]

    @property
    def levelled(self) -> bool:
        """Rules of 1 visit per quarter or longer are spread over the period's weeks."""
        return self.visits == 1 and self.period in LEVELLED_PERIODS

    def counts(self, method: str) -> bool:
        return method in self.methods

    def due_dates(self, span: Span) -> tuple[date, ...]:
        return due_dates(span, self.visits)


@dataclass(frozen=True)
class CategoryRule:
    """A household category (人员类别) with its visit rule."""

    code: str
    rule: VisitRule
    kind: CategoryKind = CategoryKind.MANUAL
    name: T | None = None
    threshold_age: int | None = None  # derived categories
    sort_order: int = 0

    @property
    def label(self) -> T:
        return self.name or T(self.code, self.code)


@dataclass(frozen=True)
class CategoryTag:
    """A category without a visit rule (标签): 党员, 失能, 失独, 退役军人, or a derived one such
    as 悬空老人 when the office gives it no rule. Held like any category, never governs."""

    code: str
    kind: CategoryKind = CategoryKind.MANUAL
    name: T | None = None
    threshold_age: int | None = None
    sort_order: int = 0

    @property
    def label(self) -> T:
        return self.name or T(self.code, self.code)


def category(code: str, visits: int | None, period: str | None, methods: str = "home",
             kind: str = CategoryKind.MANUAL, name: T | None = None,
             threshold_age: int | None = None, sort_order: int = 0) -> CategoryRule | CategoryTag:
    """A category as the office keeps it (database columns): 0 visits makes it a tag."""
    if not visits:
        return CategoryTag(code, CategoryKind(kind), name, threshold_age, sort_order)
    return CategoryRule(code, VisitRule.of(visits, period or Period.YEAR, methods),
                        CategoryKind(kind), name, threshold_age, sort_order)


@dataclass(frozen=True)
class Catalogue:
    """The active categories, in the office's order (earlier wins a tie in strictness).

    ``categories`` are those with a visit rule, the only ones the engine counts; ``tags``
    those without (see :meth:`of`).
    """

    categories: tuple[CategoryRule, ...]
    tags: tuple[CategoryTag, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[CategoryRule | CategoryTag]) -> Catalogue:
        """Categories and tags in the office's order, set apart."""
        entries = tuple(entries)
        return cls(tuple(c for c in entries if isinstance(c, CategoryRule)),
                   tuple(c for c in entries if isinstance(c, CategoryTag)))

    @cached_property
    def everything(self) -> tuple[CategoryRule | CategoryTag, ...]:
        """Categories and tags together, in the office's order (chips, legends, filters)."""
        merged: list[CategoryRule | CategoryTag] = [*self.categories, *self.tags]
        return tuple(sorted(merged, key=lambda c: c.sort_order))  # stable: ties keep their order

    def knows(self, code: str) -> bool:
        """Whether ``code`` is one of the catalogue's categories or tags."""
        return any(c.code == code for c in self.everything)

    @cached_property
    def _held_tests(self) -> tuple[tuple[CategoryRule | CategoryTag, int, Any], ...]:
        """Like ``_tests`` over :attr:`everything`."""
        found: list[tuple[CategoryRule | CategoryTag, int, Any]] = []
        for c in self.everything:
            if c.kind == CategoryKind.UNIVERSAL:
                found.append((c, 0, None))
            elif c.kind == CategoryKind.MANUAL:
                found.append((c, 1, None))
            elif c.code in _DERIVED:
                found.append((c, 2, (_DERIVED[c.code][0], _threshold(c))))
        return tuple(found)

    @cached_property
    def by_code(self) -> dict[str, CategoryRule]:
        return {c.code: c for c in self.categories}

    @cached_property
    def universal(self) -> tuple[CategoryRule, ...]:
        return tuple(c for c in self.categories if c.kind == CategoryKind.UNIVERSAL)

    @cached_property
    def derived(self) -> tuple[CategoryRule, ...]:
        return tuple(c for c in self.categories
                     if c.kind == CategoryKind.DERIVED and c.code in _DERIVED)

    @cached_property
    def _tests(self) -> tuple[tuple[CategoryRule, int, Any], ...]:
        """Per category in order: (category, 0 universal / 1 manual / 2 derived, its test)."""
        found: list[tuple[CategoryRule, int, Any]] = []
        for c in self.categories:
            if c.kind == CategoryKind.UNIVERSAL:
                found.append((c, 0, None))
            elif c.kind == CategoryKind.MANUAL:
                found.append((c, 1, None))
            elif c.code in _DERIVED:
                found.append((c, 2, (_DERIVED[c.code][0], _threshold(c))))
        return tuple(found)

    @cached_property
    def base(self) -> CategoryRule | None:
        """What governs a household with no manual and no derived category."""
        return strictest(self.universal)

    @cached_property
    def common_methods(self) -> frozenset[str]:
        """Methods every rule counts (a visit by these counts whatever governs)."""
        sets = [c.rule.methods for c in self.categories]
        return frozenset.intersection(*sets) if sets else frozenset()

    @cached_property
    def max_visits(self) -> int:
        return max((c.rule.visits for c in self.categories), default=1)

    @cached_property
    def counting_methods(self) -> frozenset[str]:
        return frozenset().union(*(c.rule.methods for c in self.categories))

    @cached_property
    def levelled_periods(self) -> tuple[Period, ...]:
        kinds = {c.rule.period for c in self.categories if c.rule.levelled}
        return tuple(k for k in LEVELLED_PERIODS if k in kinds)


@dataclass(frozen=True)
class Assignment:
    """A manual category held from ``valid_from`` to ``valid_to`` (inclusive, None = open)."""

    category: str
    valid_from: date
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(slots=True)  # not frozen: built per household, and frozen __init__ is 5x slower
class Composition:
    """Who lives in the household now, and where, as far as derived categories need to know."""

    residents: int = 1  # active residents
    oldest: date | None = None  # earliest birth date among them
    youngest: date | None = None  # latest birth date among them
    all_births_known: bool = True
    walk_up: bool = False  # the home is up stairs without a lift (see :func:`walk_up`)

    @classmethod
    def of(cls, births: Sequence[date | None], walk_up: bool = False) -> Composition:
        known = [b for b in births if b is not None]
        return cls(len(births), min(known, default=None), max(known, default=None),
                   len(known) == len(births), walk_up)


def walk_up(floor: int, has_lift: bool | None) -> bool:
    """A home on the 4th floor or higher of a building known to have no lift (an unknown
    lift counts as none known missing: nobody is listed on a guess)."""
    return has_lift is False and floor >= WALK_UP_FLOOR


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day`` (someone born on 29 February turns a year older on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def reaches_age(birth: date, years: int) -> date:
    """The first day on which someone born on ``birth`` is ``years`` old."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year
        return date(birth.year + years, 3, 1)


def _elderly(c: Composition, threshold: int, day: date) -> bool:
    return c.residents >= 1 and c.oldest is not None and age_on(c.oldest, day) >= threshold


def _alone(c: Composition, threshold: int, day: date) -> bool:
    return c.residents == 1 and c.oldest is not None and age_on(c.oldest, day) >= threshold


def _empty_nest(c: Composition, threshold: int, day: date) -> bool:
    return (c.residents >= 2 and c.all_births_known and c.youngest is not None
            and age_on(c.youngest, day) >= threshold)


def _stranded(c: Composition, threshold: int, day: date) -> bool:
    return c.walk_up and _elderly(c, threshold, day)


def _elderly_from(c: Composition, threshold: int) -> date | None:
    return reaches_age(c.oldest, threshold) if c.residents >= 1 and c.oldest else None


def _alone_from(c: Composition, threshold: int) -> date | None:
    return reaches_age(c.oldest, threshold) if c.residents == 1 and c.oldest else None


def _empty_nest_from(c: Composition, threshold: int) -> date | None:
    if c.residents >= 2 and c.all_births_known and c.youngest:
        return reaches_age(c.youngest, threshold)
    return None


def _stranded_from(c: Composition, threshold: int) -> date | None:
    return _elderly_from(c, threshold) if c.walk_up else None


# code -> (holds on a day, the day it starts to hold); composition changes are not dated.
_DERIVED = {
    ELDERLY: (_elderly, _elderly_from),
    LIVING_ALONE: (_alone, _alone_from),
    EMPTY_NEST: (_empty_nest, _empty_nest_from),
    STRANDED: (_stranded, _stranded_from),
}
_DEFAULT_THRESHOLDS = {ELDERLY: 80, LIVING_ALONE: 60, EMPTY_NEST: 60, STRANDED: 60}


def _threshold(category: CategoryRule | CategoryTag) -> int:
    return category.threshold_age or _DEFAULT_THRESHOLDS[category.code]


@dataclass(slots=True)  # not frozen: built per household, and frozen __init__ is 5x slower
class HouseholdFacts:
    """What the engine needs to know about one household.

    ``registered_on`` is the day obligations start: the registration day, or the day a
    household on the register before records began (blank 登记日期) entered GridKeeper.
    ``visits`` are the counting-relevant visits, outcome "met", as (day, method), ascending.
    ``history_from``: visits are complete from this day, and there was a counting visit on it
    (the caller loaded only recent ones); None means complete since registration.
    """

    id: int
    registered_on: date
    composition: Composition = field(default_factory=Composition)
    assignments: tuple[Assignment, ...] = ()
    status: str = HouseholdStatus.ACTIVE
    status_since: date | None = None
    status_until: date | None = None
    visits: tuple[tuple[date, str], ...] = ()
    history_from: date | None = None


def categories_on(facts: HouseholdFacts, catalogue: Catalogue, day: date) -> tuple[CategoryRule, ...]:
    """The household's categories on ``day`` in catalogue order, derived ones included."""
    if not facts.assignments and facts.composition.oldest is None:
        return catalogue.universal  # the common case: nothing manual, nobody elderly
    manual = {a.category for a in facts.assignments if a.valid_on(day)} if facts.assignments else ()
    composition = facts.composition
    elderly = composition.oldest is not None
    found = []
    for category, kind, test in catalogue._tests:
        if kind == 0 or (kind == 1 and category.code in manual) or (
                kind == 2 and elderly and test[0](composition, test[1], day)):
            found.append(category)
    return tuple(found)


def held_on(facts: HouseholdFacts, catalogue: Catalogue, day: date
            ) -> tuple[CategoryRule | CategoryTag, ...]:
    """Every category the household has on ``day``, tags included, in the office's order:
    what chips, the building chart and the register's filter show. Without the tags this is
    :func:`categories_on`."""
    manual = {a.category for a in facts.assignments if a.valid_on(day)}
    composition = facts.composition
    found = []
    for category_, kind, test in catalogue._held_tests:
        if kind == 0 or (kind == 1 and category_.code in manual) or (
                kind == 2 and composition.oldest is not None and test[0](composition, test[1], day)):
            found.append(category_)
    return tuple(found)


def strictest(categories: Iterable[CategoryRule]) -> CategoryRule | None:
    """The category whose rule has the highest visits-per-day rate; ties: shorter period,
    then the earlier category."""
    best: CategoryRule | None = None
    for category in categories:
        if best is None or category.rule.strictness > best.rule.strictness:
            best = category
    return best


def due_able(facts: HouseholdFacts, day: date) -> bool:
    """Registered by then, and not suspended, moved out or deceased on ``day``."""
    if day < facts.registered_on:
        return False
    status = facts.status
    if status == HouseholdStatus.ACTIVE:
        return True
    if status == HouseholdStatus.SUSPENDED:
        started = facts.status_since is None or facts.status_since <= day
        return not (started and (facts.status_until is None or day <= facts.status_until))
    # moved out / deceased: due only before it happened (when we know the day)
    return facts.status_since is not None and day < facts.status_since


def governing_on(facts: HouseholdFacts, catalogue: Catalogue, day: date) -> CategoryRule | None:
    """The category whose rule governs on ``day``; None when the household is not due."""
    if not due_able(facts, day):
        return None
    if not facts.assignments and facts.composition.oldest is None:
        return catalogue.base
    return strictest(categories_on(facts, catalogue, day))


def _change_points(facts: HouseholdFacts, catalogue: Catalogue) -> set[date]:
    """Days on which the governing rule or being due may change."""
    points = {facts.registered_on}
    if facts.status_since:
        points.add(facts.status_since)
    if facts.status_until and facts.status == HouseholdStatus.SUSPENDED:
        points.add(facts.status_until + ONE_DAY)
    for a in facts.assignments:
        points.add(a.valid_from)
        if a.valid_to:
            points.add(a.valid_to + ONE_DAY)
    for category in catalogue.derived:
        starts = _DERIVED[category.code][1](facts.composition, _threshold(category))
        if starts:
            points.add(starts)
    return points


@dataclass(frozen=True)
class Segment:
    """Days ``start``..``end`` under one governing category (None: not due).

    ``clipped``: due dates before ``start`` do not apply (the rule began to govern then);
    otherwise ``start`` is only where the caller began looking.
    """

    start: date
    end: date
    governing: CategoryRule | None
    clipped: bool


def segments(facts: HouseholdFacts, catalogue: Catalogue, start: date, end: date) -> list[Segment]:
    """Split ``start``..``end`` where the governing category changes."""
    if (not facts.assignments and facts.composition.oldest is None
            and facts.status == HouseholdStatus.ACTIVE and start >= facts.registered_on):
        # the common case: the universal rule governs from registration on
        return [Segment(start, end, catalogue.base, start == facts.registered_on)]
    points = _change_points(facts, catalogue)
    inner = sorted(p for p in points if start < p <= end)
    bounds = [start, *inner]
    found: list[Segment] = []
    for i, first in enumerate(bounds):
        last = bounds[i + 1] - ONE_DAY if i + 1 < len(bounds) else end
        governing = governing_on(facts, catalogue, first)
        if found and found[-1].governing == governing:
            found[-1] = Segment(found[-1].start, last, governing, found[-1].clipped)
        else:
            # due dates before ``first`` do not apply if the rule did not govern the day before
            clipped = i > 0 or governing != governing_on(facts, catalogue, first - ONE_DAY)
            found.append(Segment(first, last, governing, clipped))
    return found


@dataclass(slots=True)  # not frozen: built per household, and frozen __init__ is 5x slower
class Obligation:
    """One visit owed: the ``number``-th applicable visit of ``period``, due by ``due``."""

    household_id: int
    category: CategoryRule
    period: Span
    number: int
    due: date
    met_on: date | None  # the counting visit day matched to it, if any (up to "as of")

    @property
    def on_time(self) -> bool:
        return self.met_on is not None and self.met_on <= self.due

    def missed(self, as_of: date) -> bool:
        """Unmet when its period has ended (a period that ended short of k)."""
        return self.met_on is None and self.period.end < as_of


def counting_days(facts: HouseholdFacts, rule: VisitRule, as_of: date) -> list[date]:
    """Distinct days with a visit that counts for ``rule``, up to ``as_of``."""
    days: list[date] = []
    for day, method in facts.visits:
        if day > as_of:
            break
        if method in rule.methods and (not days or days[-1] != day):
            days.append(day)
    return days


def _walk(facts: HouseholdFacts, catalogue: Catalogue, start: date, end: date,
          as_of: date, segs: Sequence[Segment] | None = None) -> Iterator[Obligation]:
    """Obligations due in ``start``..``end``, in due-date order, matched with visits.

    ``segs`` may be segments computed once for a wider range (numbering depends only on
    them, not on ``start``).
    """
    start = max(start, facts.registered_on)
    if start > end:
        return
    cache: dict[VisitRule, list[date]] = {}
    for seg in segs if segs is not None else segments(facts, catalogue, start, end):
        if seg.governing is None or seg.end < start or seg.start > end:
            continue
        rule = seg.governing.rule
        if rule not in cache:
            cache[rule] = counting_days(facts, rule, as_of)
        days = cache[rule]
        span = span_of(rule.period, seg.start)
        while span.start <= seg.end:
            applicable = [d for d in rule.due_dates(span)
                          if d <= seg.end and (not seg.clipped or d >= seg.start)]
            if applicable:
                in_span = [d for d in days if span.start <= d <= span.end]
                for number, due in enumerate(applicable, 1):
                    if start <= due <= end:
                        met = in_span[number - 1] if number <= len(in_span) else None
                        yield Obligation(facts.id, seg.governing, span, number, due, met)
            span = span.next()


def obligations(facts: HouseholdFacts, catalogue: Catalogue, start: date, end: date,
                as_of: date) -> list[Obligation]:
    """Every visit owed with a due date in ``start``..``end``, matched with the counting
    visits up to ``as_of`` (later visits are ignored). ``facts.visits`` must cover every
    period these obligations belong to."""
    return list(_walk(facts, catalogue, start, end, as_of))


def _visited_after(facts: HouseholdFacts, rule: VisitRule, after: date, as_of: date) -> bool:
    return any(after < day <= as_of and rule.counts(method) for day, method in facts.visits)


@dataclass(slots=True)  # not frozen: built per household, and frozen __init__ is 5x slower
class Assessment:
    """A household's standing on one day (visits up to ``as_of``)."""

    household_id: int
    on: date
    categories: tuple[CategoryRule, ...]
    governing: CategoryRule | None  # None: not due (suspended, moved out, ...)
    period: Span | None  # the governing rule's period containing ``on``
    required: int  # applicable visits in that period
    counted: int  # counting visit days in that period so far
    next_due: date | None  # the first unmet due date of that period on or after ``on``
    overdue_since: date | None  # the first missed due date not yet followed by a visit
    last_visit: date | None  # last counting visit (governing rule's methods)

    @property
    def satisfied(self) -> bool:
        return self.governing is not None and self.next_due is None and self.overdue_since is None


def assess(facts: HouseholdFacts, catalogue: Catalogue, on: date, as_of: date | None = None
           ) -> Assessment:
    """Due, overdue and the current period's standing of a household on ``on``."""
    as_of = as_of or on
    walk_from = max(facts.registered_on, facts.history_from or facts.registered_on)
    # due dates before the last visit that counts under every rule are all cleared by it
    common = catalogue.common_methods
    for day, method in reversed(facts.visits):
        if day <= as_of and method in common:
            walk_from = max(walk_from, day)
            break
    if facts.status == HouseholdStatus.ACTIVE and facts.registered_on <= on:
        constant = _constant(facts, catalogue, on, walk_from)
        if constant is not None:
            return _assess_constant(facts, constant, on, as_of, walk_from)
    return _assess_walk(facts, catalogue, on, as_of, walk_from)


def _constant(facts: HouseholdFacts, catalogue: Catalogue, on: date, walk_from: date
              ) -> tuple[CategoryRule, tuple[CategoryRule, ...]] | None:
    """The governing category and the categories, when nothing changes from ``walk_from``
    to the end of the current period and the rule asks one visit per period (most
    households); None otherwise."""
    if not facts.assignments and facts.composition.oldest is None:
        base = catalogue.base
        if base is None or base.rule.visits != 1:
            return None
        return base, catalogue.universal
    categories = categories_on(facts, catalogue, on)
    governing = strictest(categories)
    if governing is None or governing.rule.visits != 1:
        return None
    low = min(walk_from, span_of(governing.rule.period, on).start)
    high = span_of(governing.rule.period, on).end
    if any(low < p <= high for p in _change_points(facts, catalogue)):
        return None
    if governing_on(facts, catalogue, low) is not governing:
        return None
    return governing, categories


def _assess_constant(facts: HouseholdFacts, constant: tuple[CategoryRule, tuple[CategoryRule, ...]],
                     on: date, as_of: date, walk_from: date) -> Assessment:
    """:func:`_assess_walk` specialised to one constant rule of k = 1; the tests check the
    two agree."""
    governing, categories = constant
    rule = governing.rule
    days = counting_days(facts, rule, as_of)
    overdue_since = None
    span = span_of(rule.period, walk_from)
    while span.end < on:
        if span.end >= walk_from:
            met = any(span.start <= d <= span.end for d in days)
            if not met and not (days and days[-1] > span.end):
                overdue_since = span.end
                break
        span = span.next()
    period = span_of(rule.period, on)
    counted = sum(1 for d in days if period.start <= d <= period.end)
    return Assessment(facts.id, on, categories, governing, period, 1, counted,
                      None if counted else period.end, overdue_since, days[-1] if days else None)


def _assess_walk(facts: HouseholdFacts, catalogue: Catalogue, on: date, as_of: date,
                 walk_from: date) -> Assessment:
    """The general case: walk the household's obligations segment by segment."""
    categories = categories_on(facts, catalogue, on)
    governing = strictest(categories) if due_able(facts, on) else None
    period = span_of(governing.rule.period, on) if governing is not None else None
    low = min(walk_from, period.start) if period else walk_from
    high = max(on, period.end) if period else on
    segs = segments(facts, catalogue, max(low, facts.registered_on), high) if low <= high else []
    overdue_since = None
    for ob in _walk(facts, catalogue, walk_from, on - ONE_DAY, as_of, segs):
        if ob.met_on is None and not _visited_after(facts, ob.category.rule, ob.due, as_of):
            overdue_since = ob.due
            break
    if governing is None or period is None:
        return Assessment(facts.id, on, categories, None, None, 0, 0, None, overdue_since, None)
    rule = governing.rule
    days = counting_days(facts, rule, as_of)
    current = [ob for ob in _walk(facts, catalogue, period.start, period.end, as_of, segs)
               if ob.period == period and ob.category is governing]
    # a due date that has passed is never "next": unmet and unvisited since, it is overdue
    # (found above); a counting visit after it settled it
    next_due = next((ob.due for ob in current if ob.met_on is None and ob.due >= on), None)
    counted = sum(1 for d in days if d in period)
    return Assessment(facts.id, on, categories, governing, period, len(current), counted,
                      next_due, overdue_since, days[-1] if days else None)


def settled(facts: HouseholdFacts, catalogue: Catalogue, on: date, as_of: date) -> bool:
    """A cheap sufficient test that ``assess(facts, catalogue, on, as_of).satisfied``: only the
    universal rule (k = 1) ever governed, and the last visit up to ``as_of`` counts for it and
    lies in its current period (so every earlier due date is cleared and this period's only
    one is met). False means "ask :func:`assess`", not "unsatisfied"."""
    base = catalogue.base
    if (base is None or base.rule.visits != 1 or facts.assignments or facts.composition.oldest
            or facts.status != HouseholdStatus.ACTIVE or facts.registered_on > on):
        return False
    for day, method in reversed(facts.visits):
        if day <= as_of:
            return day >= span_of(base.rule.period, on).start and base.rule.counts(method)
    return False


# --- levelled planning -------------------------------------------------------------------


def plan_membership(facts: HouseholdFacts, catalogue: Catalogue, week: Span) -> Span | None:
    """The levelled period (quarter / half-year / year) whose plan holds this household in
    ``week``'s period, decided by the household's standing on that period's first day."""
    for kind in catalogue.levelled_periods:
        period = span_of(kind, week.start)
        governing = governing_on(facts, catalogue, period.start)
        if governing is not None and governing.rule.levelled and governing.rule.period == kind:
            return period
    return None


def plan_weeks(walk_ordered: Sequence[int], period: Span) -> dict[int, Span]:
    """Give each household (ids in walking order) a week whose Monday lies in ``period``:
    consecutive blocks whose sizes differ by at most one, so one stairwell goes in one week."""
    weeks = weeks_starting_in(period)
    n, w = len(walk_ordered), len(weeks)
    return {hid: weeks[p * w // n] for p, hid in enumerate(walk_ordered)}


@dataclass(frozen=True)
class RosterDecision:
    reason: RosterReason
    due_date: date | None


def roster_day(week: Span, as_of: date) -> date:
    """The day ``week``'s roster is judged on when it is printed on ``as_of``: the printing
    day itself while the week runs, its Monday when printed ahead, and the day after it
    ended when looked at afterwards.

    Judged on that day a roster is honest: a due date before it has passed, so it is never
    printed as due; while unmet it is overdue, and a counting visit after it settled it.
    """
    return min(max(as_of, week.start), week.end + ONE_DAY)


@dataclass(frozen=True)
class ExtraReason:
    """A reason to visit that the visit rules do not know (a hot spot, a promised follow-up),
    found by its own query and merged into the week's roster by the roster service."""

    household_id: int
    reason: RosterReason
    due_date: date | None
    note: T  # what the visitor should know, e.g. "热点：停车3件"


def roster_decision(a: Assessment, week: Span, planned: Span | None) -> RosterDecision | None:
    """Whether a household goes on ``week``'s roster and why (overdue > due > planned).

    ``a`` is the assessment on :func:`roster_day` (so its next due date has not passed);
    ``planned`` the household's planned week in the current period's plan, if it has one.
    """
    if a.governing is None:
        return None
    if a.overdue_since is not None:
        return RosterDecision(RosterReason.OVERDUE, a.overdue_since)
    if a.next_due is not None and a.next_due <= week.end:
        return RosterDecision(RosterReason.DUE, a.next_due)
    if (planned is not None and planned.start <= week.start and a.counted == 0
            and a.next_due is not None and a.governing.rule.levelled
            and a.period is not None and planned.start in a.period):
        return RosterDecision(RosterReason.PLANNED, a.next_due)
    return None


# --- explanation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryWhy:
    category: CategoryRule
    why: T
    governs: bool


def explain(facts: HouseholdFacts, catalogue: Catalogue, day: date) -> tuple[CategoryWhy, ...]:
    """Each category the household has on ``day``, why, and which one governs."""
    categories = categories_on(facts, catalogue, day)
    governing = strictest(categories) if due_able(facts, day) else None
    found = []
    for c in categories:
        if c.kind == CategoryKind.UNIVERSAL:
            why = T("全体在册户", "every registered household")
        elif c.kind == CategoryKind.MANUAL:
            held = [a for a in facts.assignments if a.category == c.code and a.valid_on(day)]
            since = min(a.valid_from for a in held).isoformat()
            why = T(f"人工认定，自{since}起", f"assigned, since {since}")
        else:
            comp, limit = facts.composition, _threshold(c)
            who = comp.youngest if c.code == EMPTY_NEST else comp.oldest
            age = age_on(who, day) if who else 0
            if c.code == ELDERLY:
                why = T(f"有成员{age}岁（≥{limit}）", f"a resident aged {age} (≥{limit})")
            elif c.code == LIVING_ALONE:
                why = T(f"唯一在册成员{age}岁（≥{limit}）", f"the only resident is {age} (≥{limit})")
            elif c.code == STRANDED:
                why = T(f"住{WALK_UP_FLOOR}层及以上且无电梯，有成员{age}岁（≥{limit}）",
                        f"floor {WALK_UP_FLOOR} or higher without a lift, a resident aged {age} "
                        f"(≥{limit})")
            else:
                why = T(f"{comp.residents}名成员均≥{limit}岁",
                        f"all {counted(comp.residents, 'resident')} ≥{limit}")
        found.append(CategoryWhy(c, why, c is governing))
    return tuple(found)


def rule_label(rule: str | None, lang: str | None = None) -> str:
    """The engine's "2/month" as people say it: 每月2次 / "2 per month"."""
    from gridkeeper.domain.i18n import language

    if not rule:
        return ""
    lang = lang or language()
    count, _, period = rule.partition("/")
    try:
        name = Period(period).label.get(lang)
    except ValueError:
        return rule
    return f"每{name}{count}次" if lang == "zh" else f"{count} per {name}"
