"""Fixtures for the printed documents: a small demo community, shared by a module's tests
(building it takes a moment and printing only reads it, apart from the print records)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_gk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GridKeeper]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    keeper = open_gridkeeper(str(path))
    keeper.demo.generate(DemoOptions(households=400, seed=7, today=TODAY))
    yield keeper
    keeper.close()
