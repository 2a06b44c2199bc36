"""Saving households: validation, duplicate IDs, heads, all-or-nothing and concurrent edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from gridkeeper.domain.errors import ConcurrentEdit, DuplicateIdNumber, ValidationError
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import CategoryAssignment, Household, Resident
from tests.conftest import household


def count(gk: GridKeeper, model: type) -> int:
    with gk.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_birth_date_and_gender_come_from_the_id_number(gk: GridKeeper) -> None:
    hid = gk.register.save_household(household(residents=(
        ResidentDraft(name="张伟", id_number="11010519491231002x"),)))
    saved = gk.register.load_draft(hid).residents[0]
    assert saved.id_number == "11010519491231002X"
    assert saved.birth_date == date(1949, 12, 31)
    assert saved.gender == "F"
    assert saved.is_head


def test_duplicate_id_number_names_the_other_household(gk: GridKeeper) -> None:
    gk.register.save_household(household("H001", residents=(
        ResidentDraft(name="张伟", id_number="440524188001010014"),)))
    with pytest.raises(DuplicateIdNumber) as caught:
        gk.register.save_household(household("H002", room="102", residents=(
            ResidentDraft(name="李强", id_number="440524188001010014"),)))
    assert "H001" in str(caught.value) and "张伟" in str(caught.value)
    assert count(gk, Household) == 1


def test_a_failed_save_leaves_nothing_behind(gk: GridKeeper) -> None:
    """The second resident's category is unknown: neither the household nor the first resident
    nor the new grid may remain."""
    draft = household("H009", grid="新网格", residents=(
        ResidentDraft(name="王芳"),
        ResidentDraft(name="王强", relation="子女",
                      categories=(AssignmentDraft("no_such_thing", date(2024, 1, 1)),)),
    ))
    with pytest.raises(ValidationError, match="no_such_thing"):
        gk.register.save_household(draft)
    assert count(gk, Household) == 0
    assert count(gk, Resident) == 0
    assert count(gk, CategoryAssignment) == 0


def test_bad_phone_is_refused_naming_the_field(gk: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="联系电话“12345”"):
        gk.register.save_household(household(phone="12345"))


def test_two_heads_are_refused(gk: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="每户只能有一名户主"):
        gk.register.save_household(household(residents=(
            ResidentDraft(name="甲", is_head=True), ResidentDraft(name="乙", is_head=True))))


def test_head_can_change_hands(gk: GridKeeper) -> None:
    hid = gk.register.save_household(household(residents=(
        ResidentDraft(name="父亲"), ResidentDraft(name="儿子", relation="子女"))))
    draft = gk.register.load_draft(hid)
    father, son = draft.residents
    gk.register.save_household(replace(draft, residents=(
        replace(father, is_head=False, relation="父母"), replace(son, is_head=True, relation="户主"))))
    heads = [r.name for r in gk.register.load_draft(hid).residents if r.is_head]
    assert heads == ["儿子"]


def test_editing_a_stale_copy_is_reported_not_overwritten(gk: GridKeeper) -> None:
    hid = gk.register.save_household(household(notes="原备注"))
    first = gk.register.load_draft(hid)
    second = gk.register.load_draft(hid)
    gk.register.save_household(replace(first, notes="甲的修改"))
    with pytest.raises(ConcurrentEdit):
        gk.register.save_household(replace(second, notes="乙的修改"))
    assert gk.register.load_draft(hid).notes == "甲的修改"


def test_same_code_twice_is_refused(gk: GridKeeper) -> None:
    gk.register.save_household(household("H001"))
    with pytest.raises(ValidationError, match="户编号“H001”"):
        gk.register.save_household(household("H001", room="102",
                                              residents=(ResidentDraft(name="李四"),)))


def test_category_assignment_round_trips(gk: GridKeeper) -> None:
    hid = gk.register.save_household(household(residents=(ResidentDraft(
        name="刘洋", categories=(AssignmentDraft("disabled", date(2025, 3, 1), None, 4, 2),)),)))
    (assignment,) = gk.register.load_draft(hid).residents[0].categories
    assert (assignment.category, assignment.disability_kind, assignment.disability_grade) == (
        "disabled", 4, 2)


def test_registration_in_the_future_is_refused(gk: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="登记日期"):
        gk.register.save_household(household(registered_on=date(2999, 1, 1)))


def test_new_household_with_a_new_worker_is_saved(gk: GridKeeper) -> None:
    hid = gk.register.save_household(household(worker="赵网格"))
    assert gk.register.load_draft(hid).worker == "赵网格"
