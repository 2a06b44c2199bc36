"""Two offices editing the same household at once: the later save is refused, never silently
overwriting the first (optimistic concurrency). Runs on SQLite and on GRIDKEEPER_TEST_DB.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest

from gridkeeper.domain.errors import ConcurrentEdit
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Household
from tests.conftest import household


def test_second_save_from_a_stale_copy_is_refused_and_the_first_kept(gk: GridKeeper, db_location: str):
    household_id = gk.register.save_household(household("H001"))
    other_office = open_gridkeeper(db_location)  # a second PC: its own engine and connections
    try:
        mine = gk.register.load_draft(household_id)
        theirs = other_office.register.load_draft(household_id)
        gk.register.save_household(dataclasses.replace(mine, notes="独居，需每周探访"))

        with pytest.raises(ConcurrentEdit) as refused:
            other_office.register.save_household(dataclasses.replace(theirs, notes="已搬走"))

        assert "H001" in str(refused.value)
        assert gk.register.load_draft(household_id).notes == "独居，需每周探访"
    finally:
        other_office.close()


def test_save_racing_an_open_transaction_on_the_same_household_is_refused(
        gk: GridKeeper, db_location: str):
    household_id = gk.register.save_household(household("H001"))
    stale = gk.register.load_draft(household_id)
    other_office = open_gridkeeper(db_location)
    outcome: list[BaseException | None] = []

    def save_from_the_other_office() -> None:
        try:
            other_office.register.save_household(dataclasses.replace(stale, notes="已搬走"))
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            outcome.append(error)

    try:
        # the first office is in the middle of saving: its change is written but not committed
        with gk.db.transaction() as session:
            session.get(Household, household_id).notes = "独居，需每周探访"
            session.flush()
            racer = threading.Thread(target=save_from_the_other_office)
            racer.start()
            racer.join(timeout=1.0)  # it must wait for us (row lock / write lock), not finish
            assert racer.is_alive() or outcome, "the second save neither waited nor failed"
        racer.join(timeout=30)
        assert not racer.is_alive()
        assert isinstance(outcome[0], ConcurrentEdit), outcome
        assert gk.register.load_draft(household_id).notes == "独居，需每周探访"
    finally:
        other_office.close()
