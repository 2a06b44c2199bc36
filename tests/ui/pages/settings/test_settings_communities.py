"""The 设置 page in a street office of several communities: the grid and worker tables show
each row's community, a new row's community is chosen, and one-community offices see no column."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox

from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.register import default_community, ensure_community
from gridkeeper.services.settings import GridDraft, WorkerDraft
from tests.ui.pages.settings.test_settings_page import choose_leader, page_for, save


def _street(gk: GridKeeper) -> tuple[int, int]:
    with gk.db.transaction() as session:
        return default_community(session).id, ensure_community(session, "金顶街社区").id


def test_one_community_shows_no_community_column(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    gk.settings.save(grids=[GridDraft(name="第1网格")])
    page = page_for(qtbot, gk, tmp_path)
    for table in (page.grids, page.workers):
        assert table.isColumnHidden(table.column_of("community_id"))
    page.grids.add(GridDraft(name="第2网格", sort_order=2))
    assert save(page), page.message.text()
    assert {g.name for g in gk.settings.snapshot().grids} >= {"第1网格", "第2网格"}


def test_a_new_grid_and_worker_are_added_to_the_community_chosen(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    first, other = _street(gk)
    gk.settings.save(grids=[GridDraft(name="第1网格")], workers=[WorkerDraft(name="王芳")])
    page = page_for(qtbot, gk, tmp_path)
    grids, workers = page.grids, page.workers
    column = grids.column_of("community_id")
    assert not grids.isColumnHidden(column) and not workers.isColumnHidden(column)
    names = [grids.item(r, column).text() for r in range(grids.rowCount())]
    assert set(names) == {page.snapshot.communities[0].name}  # stored rows: the name, read-only
    assert grids.cellWidget(0, column) is None and not page.unsaved_work()

    grids.add(GridDraft(name="第1网格", sort_order=1))  # what the 新增网格 button adds
    box = grids.cellWidget(grids.rowCount() - 1, column)
    assert isinstance(box, QComboBox)
    assert [box.itemText(i) for i in range(box.count())][-1] == "金顶街社区"
    assert box.currentData() == first  # the first community unless another is chosen
    box.setCurrentIndex(box.findData(other))
    workers.add(WorkerDraft(name="周金顶"))
    worker_box = workers.cellWidget(workers.rowCount() - 1, workers.column_of("community_id"))
    worker_box.setCurrentIndex(worker_box.findData(other))
    assert save(page), page.message.text()
    snap = gk.settings.snapshot()
    assert sorted((g.name, g.community_id) for g in snap.grids if g.name == "第1网格") == [
        ("第1网格", first), ("第1网格", other)]
    assert [w.community_id for w in snap.workers if w.name == "周金顶"] == [other]
    # after the save the new rows are stored ones: their community is shown, not chosen
    row = next(r for r in range(workers.rowCount()) if workers.item(r, 0).text() == "周金顶")
    assert workers.cellWidget(row, column) is None
    assert workers.item(row, column).text() == "金顶街社区"


def test_a_leader_of_another_community_is_refused_at_the_cell(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    _first, other = _street(gk)
    gk.settings.save(workers=[WorkerDraft(name="周金顶", community_id=other)])
    page = page_for(qtbot, gk, tmp_path)
    page.grids.add(GridDraft(name="第8网格"))
    r = page.grids.rowCount() - 1
    choose_leader(qtbot, page.grids, r, "周金顶")
    assert not save(page)
    assert "周金顶" in page.message.text() and "金顶街社区" in page.message.text()
    assert page.grids.marked == (r, page.grids.column_of("leader_id"))
    assert "第8网格" not in {g.name for g in gk.settings.snapshot().grids}
