"""Derived categories and tags work in the register: filterable, shown as chips, counted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Building
from tests.conftest import household

OLD = date(1938, 5, 1)  # 85 or so: 高龄
SIXTIES = date(1960, 5, 1)


def register(gk: GridKeeper) -> dict[str, int]:
    ids = {
        # an 85-year-old without an ID number: birth date and gender typed in
        "ALONE": gk.register.save_household(household("ALONE", floor=5, room="501", residents=(
            ResidentDraft(name="高奶奶", birth_date=OLD, gender="F"),))),
        "NEST": gk.register.save_household(household("NEST", floor=2, room="201", residents=(
            ResidentDraft(name="刘大爷", birth_date=SIXTIES, gender="M"),
            ResidentDraft(name="刘大妈", birth_date=SIXTIES, gender="F", relation="配偶")))),
        "YOUNG": gk.register.save_household(household("YOUNG", floor=6, room="601", residents=(
            ResidentDraft(name="小周", birth_date=date(1992, 1, 1), gender="M", categories=(
                AssignmentDraft("party_member", date(2020, 1, 1)),)),))),
    }
    with gk.db.transaction() as session:
        for b in session.scalars(select(Building)):
            b.has_lift = False
    return ids


def found(gk: GridKeeper, code: str) -> set[str]:
    ids = gk.browse.search_ids(RegisterFilter(category=code))
    return {row.code for row in gk.browse.rows(ids).values()}


def test_filtering_by_a_derived_category_finds_the_households_it_governs(gk: GridKeeper) -> None:
    register(gk)
    assert found(gk, "elderly_80") == {"ALONE"}
    assert found(gk, "empty_nest") == {"NEST"}
    assert found(gk, "living_alone") == {"ALONE"}
    assert found(gk, "stranded_elderly") == {"ALONE"}  # 5th floor, no lift, 85
    assert found(gk, "party_member") == {"YOUNG"}
    # the engine agrees: the 85-year-old without an ID number is visited monthly as 高龄
    explanation = gk.roster.explain(gk.register.household_id("ALONE"))
    assert {c.code for c in explanation.categories} >= {"elderly_80", "living_alone"}


def test_chips_show_derived_categories_and_tags_but_not_everyone_s_general_one(gk: GridKeeper) -> None:
    ids = register(gk)
    rows = gk.browse.rows(list(ids.values()))
    chips = {row.code: row.categories for row in rows.values()}
    assert chips == {"ALONE": ("elderly_80", "living_alone", "stranded_elderly"),
                     "NEST": ("empty_nest",), "YOUNG": ("party_member",)}


def test_info_counts_categories_and_tags(gk: GridKeeper) -> None:
    register(gk)
    counts = gk.info.counts()
    assert counts["households_per_category"]["elderly_80"] == 1
    assert counts["households_per_category"]["empty_nest"] == 1
    assert counts["households_per_tag"] == {"stranded_elderly": 1, "party_member": 1,
                                            "unable_self_care": 0, "dementia": 0,
                                            "lost_only_child": 0, "veteran": 0}


def test_chips_show_categories_in_force_and_the_rules_keep_the_history_of_active_ones(
        gk: GridKeeper) -> None:
    """An ended 低保 is no chip today but still part of the history the rules look back on; a
    category the office retired is neither."""
    from gridkeeper.services.held import held_codes
    from gridkeeper.services.roster import households_facts
    from gridkeeper.storage.models import Category

    hid = gk.register.save_household(household("PAST", residents=(
        ResidentDraft(name="钱阿姨", birth_date=date(1975, 3, 1), gender="F", categories=(
            AssignmentDraft("low_income", date(2020, 1, 1), date(2023, 12, 31)),
            AssignmentDraft("disabled", date(2020, 1, 1)),
            AssignmentDraft("low_income_marginal", date(2024, 1, 1)))),)))
    with gk.db.transaction() as session:
        session.scalars(select(Category).where(Category.code == "disabled")).one().active = False
    day = date(2026, 12, 1)
    with gk.db.transaction() as session:
        assert held_codes(session, [hid], day) == {hid: ("low_income_marginal",)}
        facts = households_facts(session, [hid], day)[hid]
    assert sorted(a.category for a in facts.assignments) == ["low_income", "low_income_marginal"]
    assert gk.browse.rows([hid])[hid].categories == ("low_income_marginal",)
