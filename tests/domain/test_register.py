"""The one household rule: what check_household checks, also for residents checked before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.register import (
    AssignmentDraft,
    HouseholdDraft,
    ResidentDraft,
    check_household,
    check_resident,
)

TODAY = date(2026, 11, 20)


def household(*residents: ResidentDraft) -> HouseholdDraft:
    return HouseholdDraft(code="H0001", grid="第1网格", estate="阳光小区", building="3",
                          unit=1, floor=2, room="201", residents=residents)


def test_a_member_not_yet_checked_is_checked_with_the_household():
    checked = check_resident(ResidentDraft(name=" 张伟 ", phone="139 0000 1111"))
    unchecked = ResidentDraft(name="李娜", phone="12345", relation="配偶")
    with pytest.raises(ValidationError) as refused:
        check_household(household(checked, unchecked), TODAY, checked_residents=1)
    assert refused.value.field.zh == "联系电话"
    saved = check_household(household(checked, ResidentDraft(name=" 李娜 ", relation="配偶")),
                            TODAY, checked_residents=1)
    assert [r.name for r in saved.residents] == ["张伟", "李娜"]
    assert saved.residents[0].phone == "13900001111"
    assert [r.is_head for r in saved.residents] == [True, False]


def test_categories_of_a_member_checked_before_are_checked_again():
    person = check_resident(ResidentDraft(name="王芳"))
    ended_early = AssignmentDraft(category="elderly", valid_from=date(2026, 5, 1),
                                  valid_to=date(2026, 4, 30))
    with pytest.raises(ValidationError) as refused:
        check_household(household(replace(person, categories=(ended_early,))), TODAY,
                        checked_residents=1)
    assert refused.value.field.zh == "类别有效期"
