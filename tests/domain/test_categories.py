"""Tags (categories without a visit rule) and the derived categories, 悬空老人 among them."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gridkeeper.domain.policy import (
    STRANDED,
    Assignment,
    CategoryTag,
    Composition,
    HouseholdFacts,
    assess,
    categories_on,
    held_on,
    obligations,
    walk_up,
)
from tests.domain.test_policy import CATALOGUE, LONG_AGO, home

TODAY = date(2026, 11, 20)


def codes(found: tuple) -> list[str]:  # type: ignore[type-arg]
    return [c.code for c in found]


def test_categories_without_a_visit_rule_are_tags_kept_apart_from_the_rules() -> None:
    tags = {t.code for t in CATALOGUE.tags}
    assert {"party_member", "veteran", STRANDED} <= tags
    assert not tags & {c.code for c in CATALOGUE.categories}
    assert all(isinstance(t, CategoryTag) for t in CATALOGUE.tags)
    # the office's order holds across both
    assert [c.sort_order for c in CATALOGUE.everything] == sorted(c.sort_order for c in CATALOGUE.everything)


def test_a_tag_is_held_and_shown_but_never_counted() -> None:
    party = HouseholdFacts(1, LONG_AGO, assignments=(Assignment("party_member", LONG_AGO),))
    assert "party_member" in codes(held_on(party, CATALOGUE, TODAY))
    assert "party_member" not in codes(categories_on(party, CATALOGUE, TODAY))
    plain = HouseholdFacts(1, LONG_AGO)
    assert assess(party, CATALOGUE, TODAY) == assess(plain, CATALOGUE, TODAY)


@settings(max_examples=60, deadline=None)
@given(tag=st.sampled_from(["party_member", "veteran", "dementia", "lost_only_child"]),
       start=st.dates(date(2024, 1, 1), date(2026, 11, 1)),
       visit_days=st.lists(st.dates(date(2025, 1, 1), date(2026, 11, 19)), max_size=6),
       hardship=st.booleans())
def test_adding_a_tag_changes_no_obligation_and_no_standing(tag: str, start: date,
                                                            visit_days: list[date],
                                                            hardship: bool) -> None:
    base = (Assignment("special_hardship", date(2025, 6, 1)),) if hardship else ()
    without = HouseholdFacts(1, date(2024, 1, 1), assignments=base, visits=home(*visit_days))
    with_tag = HouseholdFacts(1, date(2024, 1, 1), assignments=(*base, Assignment(tag, start)),
                              visits=home(*visit_days))
    window = (date(2025, 1, 1), date(2026, 12, 31))
    assert obligations(with_tag, CATALOGUE, *window, TODAY) == obligations(without, CATALOGUE, *window, TODAY)
    assert assess(with_tag, CATALOGUE, TODAY) == assess(without, CATALOGUE, TODAY)


def test_only_homes_from_the_fourth_floor_of_a_building_without_a_lift_are_walk_ups() -> None:
    assert walk_up(4, False) and walk_up(6, False)
    assert not walk_up(3, False)
    assert not walk_up(6, True)
    assert not walk_up(6, None)  # lift not recorded: nobody is listed on a guess


def test_elderly_up_the_stairs_without_a_lift_are_stranded() -> None:
    born = date(1955, 1, 1)  # 71
    upstairs = HouseholdFacts(1, LONG_AGO, composition=Composition.of([born], walk_up=True))
    downstairs = HouseholdFacts(1, LONG_AGO, composition=Composition.of([born], walk_up=False))
    young = HouseholdFacts(1, LONG_AGO, composition=Composition.of([date(1990, 1, 1)], walk_up=True))
    assert STRANDED in codes(held_on(upstairs, CATALOGUE, TODAY))
    assert STRANDED not in codes(held_on(downstairs, CATALOGUE, TODAY))
    assert STRANDED not in codes(held_on(young, CATALOGUE, TODAY))
    # a tag by default: the household's rule is the one it had anyway
    assert assess(upstairs, CATALOGUE, TODAY).governing == assess(downstairs, CATALOGUE, TODAY).governing


def test_stranded_becomes_a_rule_when_the_office_gives_it_one() -> None:
    from dataclasses import replace

    from gridkeeper.domain.enums import CategoryKind
    from gridkeeper.domain.policy import Catalogue, category

    ruled = [category(STRANDED, 1, "week", kind=CategoryKind.DERIVED, threshold_age=60, sort_order=99)]
    catalogue = Catalogue.of((*CATALOGUE.categories, *ruled))
    upstairs = HouseholdFacts(1, LONG_AGO, composition=Composition.of([date(1955, 1, 1)], walk_up=True))
    governing = assess(upstairs, catalogue, TODAY).governing
    assert governing is not None and governing.code == STRANDED
    # the day the resident turned 60 is when the weekly rule began
    turned = replace(upstairs, composition=Composition.of([date(1966, 11, 18)], walk_up=True))
    assert assess(turned, catalogue, TODAY).governing.code == STRANDED  # type: ignore[union-attr]
    before = assess(turned, catalogue, date(2026, 11, 16))
    assert before.governing is not None and before.governing.code != STRANDED


def test_derived_categories_are_held_like_manual_ones() -> None:
    facts = HouseholdFacts(1, LONG_AGO, composition=Composition.of([date(1940, 1, 1)]),
                           assignments=(Assignment("veteran", LONG_AGO),))
    assert codes(held_on(facts, CATALOGUE, TODAY)) == ["general", "elderly_80", "living_alone", "veteran"]
