"""The household import as the register changes: moves, people coming back, 责任人, 社区."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from gridkeeper.domain.history import HouseholdChange
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from gridkeeper.storage.models import Community, Resident
from tests.conftest import household
from tests.io.sheets import id_number, write_sheet

TODAY = date(2026, 11, 20)
ID_MOVER = id_number(date(1950, 1, 2), 1, True)
ID_STAY = id_number(date(1975, 3, 4), 2, False)
ID_NEW = id_number(date(1980, 5, 6), 3, True)


def setup(gk: GridKeeper) -> None:
    gk.register.save_household(household("A1", room="101", worker="张网格", residents=(
        ResidentDraft(name="赵奶奶", id_number=ID_MOVER, categories=(
            AssignmentDraft("special_hardship", date(2022, 1, 1)),)),
        ResidentDraft(name="赵强", id_number=ID_STAY, relation="子"))))
    gk.register.save_household(household("B1", room="102", residents=(
        ResidentDraft(name="钱芳", id_number=ID_NEW),)))


def sheet_rows(path: Path) -> tuple[list[str], list[list[Any]]]:
    rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    return [str(t) for t in rows[0]], rows[1:]


def test_an_id_number_under_another_household_code_is_a_move_shown_in_the_dry_run(
        gk: GridKeeper, tmp_path: Path) -> None:
    setup(gk)
    exported = gk.exporter.households(tmp_path / "out.xlsx", full=True)
    titles, rows = sheet_rows(exported.path)
    code, name = titles.index("户编号"), titles.index("姓名")
    for r in rows:
        if r[name] == "赵奶奶":  # she went to live with 钱芳
            r[code] = "B1"
            r[titles.index("门牌号")] = "102"
            r[titles.index("与户主关系")] = "母亲"
    edited = write_sheet(tmp_path / "edited.xlsx", rows, header=titles)
    dry = gk.importer.import_households(edited, dry_run=True, today=TODAY)
    assert dry.ok and dry.moved == ["赵奶奶（A1 → B1）"]
    assert "迁移成员 1：赵奶奶（A1 → B1）" in __import__("gridkeeper.services.importer",
                                                        fromlist=["summary"]).summary(dry)
    with gk.db.reading() as session:
        before = session.scalars(select(Resident).where(Resident.id_number == ID_MOVER)).one().id
    done = gk.importer.import_households(edited, today=TODAY)
    assert done.ok and done.written and sorted(done.changed) == ["A1", "B1"]
    with gk.db.reading() as session:
        mover = session.scalars(select(Resident).where(Resident.id_number == ID_MOVER)).one()
        assert mover.id == before and mover.relation == "母亲"
    b1 = gk.register.load_draft(gk.register.household_id("B1"))
    moved = next(r for r in b1.residents if r.id_number == ID_MOVER)
    assert [a.category for a in moved.categories] == ["special_hardship"]
    a1 = gk.register.load_draft(gk.register.household_id("A1"))
    assert [r.name for r in a1.residents] == ["赵强"] and a1.residents[0].is_head
    a1_history = [line.kind for line in gk.history.of_household(a1.id)]  # type: ignore[arg-type]
    assert HouseholdChange.LEFT in a1_history
    # and the same file again changes nothing
    again = gk.importer.import_households(edited, dry_run=True, today=TODAY)
    assert again.ok and not again.moved and not again.changed


def test_someone_moved_out_comes_back_through_the_sheet(gk: GridKeeper, tmp_path: Path) -> None:
    setup(gk)
    exported = gk.exporter.households(tmp_path / "out.xlsx", full=True)
    titles, rows = sheet_rows(exported.path)
    status, name = titles.index("人员状态"), titles.index("姓名")
    for r in rows:
        if r[name] == "赵强":
            r[status] = "迁出"
    gone = write_sheet(tmp_path / "gone.xlsx", rows, header=titles)
    assert gk.importer.import_households(gone, today=TODAY).ok
    for r in rows:
        if r[name] == "赵强":
            r[status] = "在册"
    back = write_sheet(tmp_path / "back.xlsx", rows, header=titles)
    assert gk.importer.import_households(back, today=TODAY).ok
    kinds = [line.kind for line in gk.history.of_household(gk.register.household_id("A1"))]
    assert kinds[-2:] == [HouseholdChange.LEFT, HouseholdChange.RETURNED]


def test_the_worker_column_hands_a_household_over(gk: GridKeeper, tmp_path: Path) -> None:
    setup(gk)
    exported = gk.exporter.households(tmp_path / "out.xlsx", full=True)
    titles, rows = sheet_rows(exported.path)
    assert "责任人" in titles and rows[0][titles.index("责任人")] == "张网格"
    for r in rows:
        r[titles.index("责任人")] = "孙网格"
    changed = gk.importer.import_households(write_sheet(tmp_path / "w.xlsx", rows, header=titles),
                                            today=TODAY)
    assert changed.ok and sorted(changed.changed) == ["A1", "B1"]
    assert gk.register.load_draft(gk.register.household_id("A1")).worker == "孙网格"


def test_a_street_s_export_keeps_its_communities_in_a_new_register(tmp_path: Path) -> None:
    gk = open_gridkeeper(str(tmp_path / "street.db"))
    gk.demo.generate(DemoOptions(households=3300, seed=5, today=TODAY))
    exported = gk.exporter.households(tmp_path / "street.xlsx", full=True)
    fresh = open_gridkeeper(str(tmp_path / "fresh.db"))
    result = fresh.importer.import_households(exported.path, today=TODAY)
    assert result.ok and len(result.new_communities) == 2
    with fresh.db.reading() as session:
        names = list(session.scalars(select(Community.name).order_by(Community.sort_order)))
    assert names == [c.name for c in gk.browse.communities()]
    assert [(c.name, [g.name for g in c.grids]) for c in fresh.browse.communities()] == \
        [(c.name, [g.name for g in c.grids]) for c in gk.browse.communities()]
    counts = fresh.info.counts()
    assert counts["households"] == 3300 and counts["households_by_status"] != {}
    gk.close()
    fresh.close()


def test_a_head_moving_between_two_households_of_one_large_file_keeps_it_consistent(
        gk: GridKeeper, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from gridkeeper.services import importer

    monkeypatch.setattr(importer, "WRITE_BATCH", 1)  # every household in its own batch
    setup(gk)
    exported = gk.exporter.households(tmp_path / "out.xlsx", full=True)
    titles, rows = sheet_rows(exported.path)
    code, name = titles.index("户编号"), titles.index("姓名")
    for r in rows:
        if r[name] == "赵奶奶":  # the head of A1 goes to B1, which comes first in the file
            r[code], r[titles.index("门牌号")], r[titles.index("与户主关系")] = "B1", "102", "母亲"
    rows.sort(key=lambda r: r[code] != "B1")
    result = gk.importer.import_households(write_sheet(tmp_path / "e.xlsx", rows, header=titles),
                                           today=TODAY)
    assert result.ok and result.written, [p.message() for p in result.problems]
    a1 = gk.register.load_draft(gk.register.household_id("A1"))
    assert [(r.name, r.is_head) for r in a1.residents] == [("赵强", True)]
