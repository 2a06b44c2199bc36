"""An unchanged full export of any demo re-imports without a single problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import open_gridkeeper

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(("seed", "households"), [(1, 700), (7, 1100), (51, 3400)])
def test_a_full_export_of_a_demo_reimports_without_a_problem(tmp_path: Path, seed: int,
                                                            households: int) -> None:
    gk = open_gridkeeper(str(tmp_path / "demo.db"))
    gk.demo.generate(DemoOptions(households=households, seed=seed, today=TODAY))
    exported = gk.exporter.households(tmp_path / "full.xlsx", full=True)
    same = gk.importer.import_households(exported.path, dry_run=True, today=TODAY)
    assert same.problems == []
    assert len(same.unchanged) == households and not same.changed and not same.added
    fresh = open_gridkeeper(str(tmp_path / "fresh.db"))
    into = fresh.importer.import_households(exported.path, today=TODAY)
    assert into.problems == [] and len(into.added) == households
    gk.close()
    fresh.close()
