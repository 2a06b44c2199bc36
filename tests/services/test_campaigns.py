"""Campaign lists: a saved filter of categories x buildings x floors, printed as contact lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import PermissionDenied, ValidationError
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.campaigns import CampaignDraft
from gridkeeper.services.contacts import ContactDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, Building
from tests.conftest import household
from tests.reports.pdftools import text as pdf_text

TODAY = date(2026, 11, 20)
OLD = date(1940, 3, 1)  # 86
SIXTIES = date(1958, 3, 1)  # 68
YOUNG = date(1990, 3, 1)


def person(name: str, born: date, phone: str | None = None, **extra: object) -> ResidentDraft:
    return ResidentDraft(name=name, birth_date=born, gender="F", phone=phone, **extra)  # type: ignore[arg-type]


@pytest.fixture
def street(gk: GridKeeper) -> GridKeeper:
    gk.register.save_household(household("A501", floor=5, room="501", residents=(
        person("高奶奶", OLD, "13912345678"),)))
    gk.register.save_household(household("A502", floor=5, room="502", residents=(
        person("刘阿姨", SIXTIES),)))
    gk.register.save_household(household("A101", floor=1, room="101", residents=(
        person("钱爷爷", OLD),)))
    gk.register.save_household(household("A601", floor=6, room="601", residents=(
        person("小周", YOUNG, categories=(AssignmentDraft("party_member", date(2020, 1, 1)),)),)))
    gk.register.save_household(household("B301", building="2", floor=3, room="301", residents=(
        person("孙奶奶", OLD),)))
    with gk.db.transaction() as session:
        for b in session.scalars(select(Building)):
            b.has_lift = b.number == "2"
    return gk


def codes(contact_list) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.code for s in contact_list.stairwells for line in s.lines]


def test_a_saved_list_finds_derived_categories_and_tags_within_its_buildings_and_floors(
        street: GridKeeper) -> None:
    building_1 = street.contacts.building_id("阳光小区", "1")
    street.campaigns.save(CampaignDraft("暴雨巡查", categories=("高龄", "悬空老人"),
                                        buildings=(building_1,), floor_from=4))
    assert codes(street.campaigns.contact_list("暴雨巡查", TODAY)) == ["A501", "A502"]
    street.campaigns.save(CampaignDraft("党员", categories=("党员",)))
    assert codes(street.campaigns.contact_list("党员", TODAY)) == ["A601"]
    everyone_old = street.campaigns.contact_list(CampaignDraft("冬季供暖", categories=("elderly_80",)), TODAY)
    assert codes(everyone_old) == ["A101", "A501", "B301"]


def test_the_printed_list_masks_phones_unless_printed_in_full_which_is_audited(
        street: GridKeeper, tmp_path: Path) -> None:
    building_1 = street.contacts.building_id("阳光小区", "1")
    street.contacts.set_contacts(building_1, [ContactDraft("王秀英", "楼门长", unit=1, phone="13700001234")])
    street.campaigns.save(CampaignDraft("高温", categories=("悬空老人",), floor_from=4))
    printed = street.campaigns.print_list("高温", tmp_path / "高温.pdf", day=TODAY)
    text = pdf_text(printed.path)
    assert "高温 联系名单" in text and "高奶奶(86)" in text and "139****5678" in text
    assert "楼门长 王秀英 137****1234" in text and "13912345678" not in text
    full = street.campaigns.print_list("高温", tmp_path / "full.pdf", day=TODAY, unmasked=True)
    assert "13912345678" in pdf_text(full.path)
    with street.db.reading() as session:
        actions = [a for (a,) in session.execute(select(AuditEntry.action).where(
            AuditEntry.table_name == "campaign_list").order_by(AuditEntry.id))]
    assert actions == ["insert", "print", "print", "unmask"]
    grid_leader = street.acting_as(Actor("网格长", Role.GRID_LEADER, grid_ids=frozenset({1})))
    with pytest.raises(PermissionDenied):
        grid_leader.campaigns.print_list("高温", tmp_path / "x.pdf", unmasked=True)


def test_an_unknown_category_or_upside_down_floors_are_refused(street: GridKeeper) -> None:
    with pytest.raises(ValidationError, match="没有这个类别"):
        street.campaigns.save(CampaignDraft("台风", categories=("台风户",)))
    with pytest.raises(ValidationError, match="起始层"):
        street.campaigns.save(CampaignDraft("台风", floor_from=6, floor_to=2))
