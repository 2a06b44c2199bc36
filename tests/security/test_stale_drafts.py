"""A household editor left open while a colleague changes the household's categories: the
stale save is refused as a conflict, never silently deleting or reverting the colleague's
change. Runs on SQLite and on GRIDKEEPER_TEST_DB (PostgreSQL).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gridkeeper.domain.errors import ConcurrentEdit
from gridkeeper.domain.register import AssignmentDraft, HouseholdDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from tests.conftest import household

START = date(2024, 1, 1)


def _with_categories(draft: HouseholdDraft, *assignments: AssignmentDraft) -> HouseholdDraft:
    resident = dataclasses.replace(draft.residents[0], categories=assignments)
    return dataclasses.replace(draft, residents=(resident, *draft.residents[1:]))


def _open_categories(gk: GridKeeper, household_id: int) -> set[str]:
    draft = gk.register.load_draft(household_id)
    return {a.category for r in draft.residents for a in r.categories if a.valid_to is None}


@pytest.fixture
def two_offices(gk: GridKeeper, db_location: str):
    other = open_gridkeeper(db_location)
    yield gk, other
    other.close()


def test_stale_save_after_a_colleague_added_a_category_is_a_conflict(two_offices) -> None:
    gk, other = two_offices
    household_id = gk.register.save_household(household("H001", residents=(
        ResidentDraft(name="王芳", categories=(AssignmentDraft("low_income", START),)),)))
    mine = gk.register.load_draft(household_id)
    theirs = other.register.load_draft(household_id)
    current = theirs.residents[0].categories
    other.register.save_household(_with_categories(
        theirs, *current, AssignmentDraft("disabled", START, None, 4, 2)))

    with pytest.raises(ConcurrentEdit):
        gk.register.save_household(dataclasses.replace(mine, notes="电话已更新"))

    assert _open_categories(gk, household_id) == {"low_income", "disabled"}


def test_stale_save_after_a_colleague_ended_a_category_is_a_conflict(two_offices) -> None:
    gk, other = two_offices
    household_id = gk.register.save_household(household("H002", residents=(
        ResidentDraft(name="李强", categories=(AssignmentDraft("low_income", START),)),)))
    mine = gk.register.load_draft(household_id)
    theirs = other.register.load_draft(household_id)
    ended = dataclasses.replace(theirs.residents[0].categories[0], valid_to=date(2025, 6, 30))
    other.register.save_household(_with_categories(theirs, ended))

    with pytest.raises(ConcurrentEdit):
        gk.register.save_household(dataclasses.replace(mine, notes="电话已更新"))

    assert _open_categories(gk, household_id) == set()


def test_a_fresh_draft_after_the_category_change_saves(two_offices) -> None:
    gk, other = two_offices
    household_id = gk.register.save_household(household("H003", residents=(
        ResidentDraft(name="赵敏"),)))
    theirs = other.register.load_draft(household_id)
    other.register.save_household(_with_categories(theirs, AssignmentDraft("low_income", START)))

    fresh = gk.register.load_draft(household_id)
    gk.register.save_household(dataclasses.replace(fresh, notes="电话已更新"))

    assert _open_categories(gk, household_id) == {"low_income"}
    assert gk.register.load_draft(household_id).notes == "电话已更新"


def test_saving_unchanged_categories_does_not_count_as_a_change(gk: GridKeeper) -> None:
    household_id = gk.register.save_household(household("H004", residents=(
        ResidentDraft(name="孙丽", categories=(AssignmentDraft("low_income", START),)),)))
    draft = gk.register.load_draft(household_id)
    gk.register.save_household(draft)

    assert gk.register.load_draft(household_id).version == draft.version
