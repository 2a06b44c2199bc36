"""People and households move: the same record, its categories and history, each change shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from gridkeeper.domain.errors import DuplicateIdNumber, NotFound, ValidationError
from gridkeeper.domain.history import HouseholdChange
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, Household, Resident
from tests.conftest import household
from tests.io.sheets import id_number

TODAY = date(2026, 11, 20)
ID_OLD = id_number(date(1950, 2, 3), 1, False)
ID_SON = id_number(date(1980, 5, 6), 2, False)
ID_NEW = id_number(date(1990, 7, 8), 3, True)


def family(gk: GridKeeper) -> tuple[int, int]:
    a = gk.register.save_household(household("A1", room="101", residents=(
        ResidentDraft(name="王大爷", id_number=ID_OLD, categories=(
            AssignmentDraft("disabled", date(2021, 1, 1), disability_kind=4, disability_grade=2),)),
        ResidentDraft(name="王小明", id_number=ID_SON, relation="子"))))
    b = gk.register.save_household(household("B1", room="102", residents=(
        ResidentDraft(name="李芳", id_number=ID_NEW),)))
    return a, b


def person(gk: GridKeeper, number: str) -> Resident:
    with gk.db.reading() as session:
        found = session.scalars(select(Resident).where(Resident.id_number == number)).one()
        session.expunge(found)
        return found


def kinds(gk: GridKeeper, household_id: int) -> list[HouseholdChange]:
    return [line.kind for line in gk.history.of_household(household_id)]


def test_a_resident_moves_with_their_record_categories_and_history(gk: GridKeeper) -> None:
    a, b = family(gk)
    before = person(gk, ID_SON)
    gk.register.move_resident(before.id, b, relation="配偶", day=TODAY)
    after = person(gk, ID_SON)
    assert after.id == before.id and after.household_id == b and after.relation == "配偶"
    old = person(gk, ID_OLD)
    gk.register.move_resident(old.id, b, day=TODAY)
    draft = gk.register.load_draft(b)
    moved = next(r for r in draft.residents if r.id == old.id)
    assert [(c.category, c.disability_grade) for c in moved.categories] == [("disabled", 2)]
    with gk.db.reading() as session:
        count = session.scalar(select(func.count()).select_from(Resident))
    assert count == 3  # nobody copied
    lines = gk.history.of_household(b)
    assert [line.text.zh for line in lines[1:]] == ["王小明 迁入（来自 A1）", "王大爷 迁入（来自 A1）"]
    assert [line.text.zh for line in gk.history.of_household(a)[1:]][:2] == [
        "王小明 迁出（迁往 B1）", "王大爷 迁出（迁往 B1）"]


def test_the_household_left_behind_gets_a_new_head_or_becomes_empty(gk: GridKeeper) -> None:
    a, b = family(gk)
    gk.register.move_resident(person(gk, ID_OLD).id, b, day=TODAY)
    draft = gk.register.load_draft(a)
    head = next(r for r in draft.residents if r.is_head)
    assert head.name == "王小明" and head.relation == "户主"
    gk.register.move_resident(person(gk, ID_SON).id, b, day=TODAY)
    with gk.db.reading() as session:
        row = session.get(Household, a)
        assert row is not None and row.status == "moved_out" and row.status_since == TODAY
    assert kinds(gk, a)[-1] is HouseholdChange.STATUS


def test_a_household_moves_to_another_address_keeping_everything(gk: GridKeeper) -> None:
    a, _b = family(gk)
    gk.register.move_household(a, grid="第二网格", estate="幸福小区", building="5", unit=2, floor=3,
                               room="302", day=TODAY)
    draft = gk.register.load_draft(a)
    assert (draft.grid, draft.estate, draft.building, draft.room) == ("第二网格", "幸福小区", "5", "302")
    assert len(draft.residents) == 2
    line = gk.history.of_household(a)[-1]
    assert line.text.zh == "迁址：阳光小区 1-1-101 → 幸福小区 5-2-302"


def test_someone_who_moved_out_or_died_is_registered_again_as_the_same_person(gk: GridKeeper) -> None:
    a, b = family(gk)
    draft = gk.register.load_draft(a)
    gone = tuple(replace(r, status="moved_out") if r.id_number == ID_SON else r for r in draft.residents)
    gk.register.save_household(replace(draft, residents=gone), today=TODAY)
    assert kinds(gk, a)[-1] is HouseholdChange.LEFT
    son = person(gk, ID_SON)
    # typed in again elsewhere, by ID number: the same record comes back, not a duplicate
    b_draft = gk.register.load_draft(b)
    gk.register.save_household(replace(b_draft, residents=(
        *b_draft.residents, ResidentDraft(name="王小明", id_number=ID_SON, relation="配偶"))), today=TODAY)
    back = person(gk, ID_SON)
    assert back.id == son.id and back.household_id == b and back.status == "active"
    assert gk.history.of_household(b)[-1].text.zh == "王小明 重新登记（原在 A1）"
    # and someone recorded dead comes back to their own household
    draft = gk.register.load_draft(a)
    dead = tuple(replace(r, status="deceased") for r in draft.residents if r.id_number == ID_OLD)
    gk.register.save_household(replace(draft, residents=dead), today=TODAY)
    draft = gk.register.load_draft(a)
    alive = tuple(replace(r, status="active") for r in draft.residents if r.id_number == ID_OLD)
    gk.register.save_household(replace(draft, residents=alive), today=TODAY)
    assert kinds(gk, a)[-2:] == [HouseholdChange.DIED, HouseholdChange.RETURNED]


def test_someone_living_elsewhere_is_not_copied_but_named_with_their_household(gk: GridKeeper) -> None:
    family(gk)
    with pytest.raises(DuplicateIdNumber, match="A1") as refused:
        gk.register.save_household(household("C1", room="103", residents=(
            ResidentDraft(name="王小明", id_number=ID_SON),)))
    assert refused.value.resident_id == person(gk, ID_SON).id


def test_all_households_of_a_worker_go_to_another_in_one_audited_step(gk: GridKeeper) -> None:
    for code, room in (("H1", "101"), ("H2", "102"), ("H3", "103")):
        gk.register.save_household(household(code, room=room, worker="张网格" if code != "H3" else "李网格"))
    moved = gk.register.handover("张网格", "赵网格", day=TODAY)
    assert moved == 2
    workers = {code: gk.register.load_draft(gk.register.household_id(code)).worker
               for code in ("H1", "H2", "H3")}
    assert workers == {"H1": "赵网格", "H2": "赵网格", "H3": "李网格"}
    with gk.db.reading() as session:
        entries = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "handover")).all()
    assert len(entries) == 1 and "张网格 -> 赵网格" in entries[0] and "2 households" in entries[0]
    assert gk.history.of_household(gk.register.household_id("H1"))[-1].text.zh == "责任人：张网格 → 赵网格"


def test_a_new_household_is_offered_the_next_free_code_of_its_grid(gk: GridKeeper) -> None:
    assert gk.register.next_code("第一网格") == "H0001"
    gk.register.save_household(household("0100123", room="101"))
    gk.register.save_household(household("0100124", room="102"))
    gk.register.save_household(household("0200001", grid="第二网格", building="2", room="201"))
    assert gk.register.next_code("第一网格") == "0100125"
    assert gk.register.next_code("第二网格") == "0200002"


def test_a_worker_name_in_two_communities_is_handed_over_only_where_it_is_said(gk: GridKeeper) -> None:
    gk.register.save_household(household("A1", grid="第1网格", worker="王芳"))
    gk.register.save_household(household("A2", grid="第1网格", worker="王芳", room="102"))
    gk.register.save_household(replace(household("B1", grid="第1网格", building="9", worker="王芳"),
                                       community="金顶街社区"))
    with pytest.raises(ValidationError, match="金顶街社区"):
        gk.register.handover("王芳", "李强", day=TODAY)
    moved = gk.register.handover("王芳", "李强", grid="第1网格", community="金顶街社区", day=TODAY)
    workers = {code: gk.register.load_draft(gk.register.household_id(code)).worker
               for code in ("A1", "A2", "B1")}
    assert moved == 1 and workers == {"A1": "王芳", "A2": "王芳", "B1": "李强"}
    with pytest.raises(NotFound):
        gk.register.handover("王芳", "李强", community="无此社区", day=TODAY)
