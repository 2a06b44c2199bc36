"""Figures that carry counts only, and the households behind one of them asked for later: the
same numbers and the same households as the full report (what the report command, PDF and
Excel print), for every grouping, group and the total."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.periods import parse_period
from gridkeeper.domain.roles import Actor
from gridkeeper.services.completion import CompletionFigures
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

TODAY = date(2026, 11, 18)
LISTS = ("required_households", "done_late_households", "missed_households", "pending_households",
         "failed_attempt_households")
COUNTS = ("households_required", "households_done_late", "households_missed", "households_pending",
          "households_failed")


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> GridKeeper:
    gk = open_gridkeeper(str(tmp_path_factory.mktemp("street") / "street.db"))
    gk.demo.generate(DemoOptions(households=600, seed=3, today=TODAY))
    return gk


def counts_only(figures: CompletionFigures) -> dict[str, object]:
    found = asdict(figures)
    for name in LISTS:
        found.pop(name)
    return found


@pytest.mark.parametrize("by", ["grid", "worker", "category"])
@pytest.mark.parametrize("period", ["2026-11", "2026"])
def test_counts_only_and_one_group_asked_for_later_equal_the_full_report(
        street: GridKeeper, by: str, period: str) -> None:
    full = street.completion.figures(period, by=by, as_of=TODAY)
    counted = street.completion.figures(period, by=by, as_of=TODAY, listed=())
    assert any(f.missed_households or f.pending_households for f in full.groups)  # something to list
    assert [counts_only(f) for f in counted.groups] == [counts_only(f) for f in full.groups]
    assert counts_only(counted.total) == counts_only(full.total)
    for f in (*full.groups, full.total):  # every count is its list's length
        assert [getattr(f, c) for c in COUNTS] == [len(getattr(f, name)) for name in LISTS]
    for f in (*counted.groups, counted.total):  # and nothing is listed
        assert not any(getattr(f, name) for name in LISTS)
    for f in full.groups:
        behind = street.completion.households_behind(period, by, f.key, as_of=TODAY)
        assert asdict(behind) == asdict(f), f.label
    assert asdict(street.completion.households_behind(period, by, None, as_of=TODAY)) == asdict(full.total)


def test_only_the_groups_asked_for_are_listed(street: GridKeeper) -> None:
    full = street.completion.figures("2026", by="grid", as_of=TODAY)
    first = full.groups[0].key
    some = street.completion.figures("2026", by="grid", as_of=TODAY, listed={first, None})
    assert some.groups[0].missed_households == full.groups[0].missed_households
    assert some.total.pending_households == full.total.pending_households
    assert all(not g.required_households for g in some.groups[1:])


def test_several_periods_counted_one_at_a_time_equal_each_alone(street: GridKeeper) -> None:
    months = [parse_period(p) for p in ("2026-08", "2026-09", "2026-10", "2026-11", "2026-W47")]
    together = street.completion.figures_of(months, by="grid", as_of=TODAY, listed=())
    for span, report in zip(months, together, strict=True):
        alone = street.completion.figures(span, by="grid", as_of=TODAY)
        assert [counts_only(f) for f in report.groups] == [counts_only(f) for f in alone.groups]


def test_a_worker_and_a_grid_the_actor_does_not_see(street: GridKeeper) -> None:
    full = street.completion.figures("2026-11", by="worker", as_of=TODAY)
    worker = next(int(f.key) for f in full.groups if f.key)
    own = street.completion.figures("2026-11", by="grid", as_of=TODAY, worker_id=worker)
    behind = street.completion.households_behind("2026-11", "grid", None, as_of=TODAY, worker_id=worker)
    assert asdict(behind) == asdict(own.total)
    grids = street.completion.figures("2026-11", by="grid", as_of=TODAY).groups
    first, second = int(grids[0].key), grids[1].key
    leader = street.acting_as(Actor("li", Role.GRID_LEADER, frozenset({first})))
    hidden = leader.completion.households_behind("2026-11", "grid", second, as_of=TODAY)
    assert hidden.required_households == [] and hidden.households_required == 0
    with pytest.raises(ValidationError):
        street.completion.households_behind("2026-11", "building", None, as_of=TODAY)
