"""Ids handed out before rows are written: one after another, whichever way they are asked for."""

from __future__ import annotations

import itertools

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.ids import NextIds
from gridkeeper.storage.models import Household
from tests.conftest import household


def test_take_take_many_and_numbers_share_one_sequence(gk: GridKeeper) -> None:
    present = gk.register.save_household(household())
    with gk.db.transaction() as session:
        ids = NextIds(session)
        first = ids.take(Household)
        assert first > present
        assert ids.take_many(Household, 3) == [first + 1, first + 2, first + 3]
        assert ids.take_many(Household, 0) == []
        numbers = ids.numbers(Household)
        assert list(itertools.islice(numbers, 2)) == [first + 4, first + 5]
        assert ids.take(Household) == first + 6
        assert next(numbers) == first + 7
