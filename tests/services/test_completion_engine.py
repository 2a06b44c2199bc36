"""Completion figures computed over columns equal the reference engine's obligations.

The same random registers as the roster's property test (histories, category changes,
suspensions, moves, ageing, registrations, edited rules); for each report period every
household's obligations are counted by :func:`gridkeeper.domain.policy.obligations` on its
complete facts and compared, household by household and category by category, with what
the completion service counts. Runs on SQLite and, with GRIDKEEPER_TEST_DB, on PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from gridkeeper.domain.periods import Span, parse_period
from gridkeeper.domain.policy import obligations
from gridkeeper.services.completion import _owed
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.roster import households_facts, load_catalogue
from gridkeeper.storage.models import Building, Household
from tests.services.test_roster_engine import _exists, prepared, registers, rule_edits, write

PERIODS = ("2025", "2026", "2025H2", "2026Q1", "2026-02", "2026-11", "2026-W09", "2025-W52", "2026H1")


def reference_lines(
    gk: GridKeeper, span: Span, as_of: date, by_category: bool
) -> Counter[tuple[object, ...]]:
    with gk.db.reading() as s:
        catalogue = load_catalogue(s)
        places = s.execute(
            select(Household.id, Household.code, Building.grid_id, Household.worker_id).join(
                Building, Building.id == Household.building_id
            )
        ).all()
        facts = households_facts(s, [p[0] for p in places], as_of)
    found: Counter[tuple[object, ...]] = Counter()
    for hid, code, grid, worker in places:
        counts: dict[object, list[int]] = {}
        for o in obligations(facts[hid], catalogue, span.start, span.end, as_of):
            key = o.category.code if by_category else None
            c = counts.setdefault(key, [0, 0, 0, 0, 0])
            c[0] += 1
            c[1] += o.met_on is not None
            c[2] += o.on_time
            c[3] += o.missed(as_of)
            c[4] += o.met_on is None and o.period.end >= as_of
        for key, c in counts.items():
            found[(code, grid, worker, key, *c)] += 1
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    register=registers(),
    edits=rule_edits,
    periods=st.lists(st.sampled_from(PERIODS), min_size=1, max_size=3),
    as_of_offset=st.integers(-200, 400),
    by_category=st.booleans(),
)
def test_completion_counts_equal_the_reference_engine(
    gk: GridKeeper,
    register: list[dict[str, object]],
    edits: list[tuple[str, dict[str, object]]],
    periods: list[str],
    as_of_offset: int,
    by_category: bool,
) -> None:
    if not _exists(gk):
        prepared(gk)
    write(gk, register, edits)
    spans = [parse_period(p) for p in periods]
    as_of = date(2026, 3, 1) + timedelta(days=as_of_offset)
    with gk.db.reading() as s:  # each period's lines are taken before the next is counted
        found = {span: list(lines) for span, lines in _owed(s, spans, as_of, None, by_category)}
    for span in spans:
        assert Counter(found[span]) == reference_lines(gk, span, as_of, by_category), span
