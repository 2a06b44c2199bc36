"""Shared fixtures: a fresh migrated database per test, and a quick way to add households.

Qt tests must run offscreen, so the platform is set here before anything imports Qt.
``GRIDKEEPER_TEST_DB`` (a server URL) runs the suite against PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from gridkeeper.domain.i18n import set_language  # noqa: E402
from gridkeeper.domain.register import HouseholdDraft, ResidentDraft  # noqa: E402
from gridkeeper.services.facade import GridKeeper, open_gridkeeper  # noqa: E402


@pytest.fixture(autouse=True)
def _chinese_by_default() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def db_location(tmp_path: Path) -> str:
    return str(tmp_path / "register.db")


@pytest.fixture
def gk(db_location: str) -> Iterator[GridKeeper]:
    keeper = open_gridkeeper(db_location)
    yield keeper
    keeper.close()


def household(code: str = "H001", *, grid: str = "第一网格", estate: str = "阳光小区",
              building: str = "1", unit: int = 1, floor: int = 1, room: str = "101",
              registered_on: date | None = date(2020, 1, 1),
              residents: tuple[ResidentDraft, ...] | None = None, **extra: object
              ) -> HouseholdDraft:
    """A valid household draft; tests change only what they are about."""
    return HouseholdDraft(
        code=code, grid=grid, estate=estate, building=building, unit=unit, floor=floor,
        room=room, registered_on=registered_on,
        residents=residents or (ResidentDraft(name="张伟"),), **extra,  # type: ignore[arg-type]
    )
