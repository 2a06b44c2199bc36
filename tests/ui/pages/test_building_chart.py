"""The 楼栋图 paints each flat in its governing category's colour, top floor on top."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.building_chart import BuildingChartPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    hardship = ResidentDraft(name="赵大爷", birth_date=date(1970, 1, 1),
                             categories=(AssignmentDraft("special_hardship", date(2025, 1, 1)),))
    gk.register.save_household(household("A101", floor=1, room="101"))
    gk.register.save_household(household("A301", floor=3, room="301", residents=(hardship,)))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_known_flats_are_painted_in_their_category_colours(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.map.flats) == 2)
    flats = {f.code: f for f in page.map.flats}
    assert page.map.floors == [3, 1]  # top floor first
    image = page.map.grab().toImage()
    for code, colour in (("A101", "#9e9e9e"), ("A301", "#d32f2f")):
        rect = page.map.cell_rect(flats[code])
        pixel = image.pixelColor(rect.center().x(), rect.center().y() + 4)
        assert pixel.name() == colour, code
    assert page.map.cell_rect(flats["A301"]).top() < page.map.cell_rect(flats["A101"]).top()
    assert page.export_pdf(str(tmp_path / "b.pdf")).read_bytes().startswith(b"%PDF")


def test_clicking_a_flat_opens_its_household(qtbot, context: Context) -> None:  # noqa: ANN001
    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.map.flats) == 2)
    with qtbot.waitSignal(page.map.household_clicked) as signal:
        flat = page.map.flats[0]
        from PySide6.QtCore import Qt
        qtbot.mouseClick(page.map, Qt.MouseButton.LeftButton, pos=page.map.cell_rect(flat).center())
    assert signal.args == [flat.household_id]


def test_a_flat_shows_every_category_it_holds_and_empty_flats_look_empty(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from gridkeeper.storage.models import Building

    several = ResidentDraft(name="钱奶奶", birth_date=date(1938, 1, 1), gender="F", categories=(
        AssignmentDraft("party_member", date(2020, 1, 1)), AssignmentDraft("disabled", date(2021, 1, 1))))
    gk.register.save_household(household("A201", floor=2, room="201", residents=(several,)))
    gone = gk.register.save_household(household("A202", floor=2, room="202"))
    from dataclasses import replace as changed

    draft = gk.register.load_draft(gone)
    gk.register.save_household(changed(draft, status="moved_out", status_since=date(2026, 1, 1)))
    with gk.db.transaction() as session:
        building = session.scalars(select(Building)).one()
        building.floors, building.units, building.rooms_per_floor = 2, 1, 2
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "tester")
    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.map.flats) == 4)
    flats = {f.room: f for f in page.map.flats}
    assert flats["202"].empty and flats["101"].empty and flats["101"].household_id is None
    held = page.map.fills(flats["201"])
    # the governing rule's colour first (高龄 governs a household of one aged 88), then a
    # stripe for each further category and tag: 残疾, 独居老人, 党员
    assert held[0] == "#7B1FA2" and set(held[1:]) >= {"#1976D2", "#C62828"}
    image = page.map.grab().toImage()
    rect = page.map.cell_rect(flats["201"])
    stripe_colours = {image.pixelColor(rect.right() - 3 - 7 * i, rect.center().y()).name() for i in range(3)}
    assert {"#1976d2", "#c62828"} <= stripe_colours
    empty = page.map.cell_rect(flats["202"])
    assert image.pixelColor(empty.center()).name() == "#ffffff"
    page.layer_box.setCurrentIndex(page.layer_box.findData("party_member"))
    assert page.map.fills(flats["201"]) == ["#C62828"] and page.map.fills(flats["101"]) == []


def test_the_printed_chart_has_its_title_building_date_and_legend(qtbot, context: Context,
                                                                   tmp_path: Path) -> None:  # noqa: ANN001
    from tests.reports.pdftools import text as pdf_text

    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.plan is not None)
    content = pdf_text(page.export_pdf(str(tmp_path / "chart.pdf")))  # type: ignore[arg-type]
    assert "楼栋图" in content and "阳光小区 1号楼" in content and "第一网格" in content
    assert f"日期：{date.today().isoformat()}" in content
    assert "特困" in content and "空置/迁出" in content and "逾期" in content


def test_the_office_enters_a_building_s_standing_team_and_lift_from_the_chart(
        qtbot, context: Context, gk: GridKeeper) -> None:  # noqa: ANN001
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor
    from ui.pages.standing_team import NAME, PHONE, ROLE, UNIT

    def choose(box, data) -> None:  # noqa: ANN001
        box.setCurrentIndex(box.findData(data))

    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.map.flats) == 2)
    building_id = page.building_box.currentData()
    dialog = page.edit_team()
    row = dialog.add_row()
    dialog.table.item(row, NAME).setText("王秀英")
    dialog.table.item(row, PHONE).setText("13912341234")
    choose(dialog.table.cellWidget(row, ROLE), "stairwell_head")
    choose(dialog.table.cellWidget(row, UNIT), 1)
    second = dialog.add_row()
    dialog.table.item(second, NAME).setText("郝警官")
    choose(dialog.table.cellWidget(second, ROLE), "police")
    dialog.add_row()  # left blank: no contact
    dialog.lift.setCurrentIndex(2)  # no lift
    assert dialog.save()
    context.operations.wait()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = gk.contacts.contacts(building_id)
    assert [(c.unit, c.role, c.name, c.phone) for c in saved] == [
        (None, "police", "郝警官", None), (1, "stairwell_head", "王秀英", "139****1234")]
    assert gk.browse.building(building_id).has_lift is False
    page.wait_idle()
    qtbot.waitUntil(lambda: "郝警官" in page.about.text() and "无电梯" in page.about.text())
    assert page.map.heads == {1: "王秀英"}  # the stairwell's 楼门长 over its column

    again = page.edit_team()  # the masked phone left as shown keeps the number on record
    assert again.table.item(1, PHONE).text() == "139****1234"
    again.table.item(0, PHONE).setText("13700001111")  # typed, then the rows sorted by name
    again.table.horizontalHeader().sectionClicked.emit(NAME)
    again.table.horizontalHeader().sectionClicked.emit(NAME)  # descending: 郝 after 王
    assert [again.table.item(r, NAME).text() for r in range(2)] == ["郝警官", "王秀英"]
    by_name = {again.table.item(r, NAME).text(): again.table.item(r, PHONE).text() for r in range(2)}
    assert by_name == {"郝警官": "13700001111", "王秀英": "139****1234"}
    assert again.save()
    context.operations.wait()
    phones = {c.name: c.phone for c in gk.contacts.contacts(building_id, unmasked=True)}
    assert phones == {"郝警官": "13700001111", "王秀英": "13912341234"}

    leader = BuildingChartPage(Context(gk.acting_as(Actor("li", Role.GRID_LEADER)), context.settings,
                                       "test.db", "li"))
    qtbot.addWidget(leader)
    assert not leader.team_button.isEnabled() and leader.team_button.toolTip()


def test_the_legend_wraps_between_its_names_never_inside_one(qtbot, context: Context) -> None:  # noqa: ANN001
    from PySide6.QtGui import QTextDocument

    from tests.ui.lines import shown_lines

    page = BuildingChartPage(context)
    qtbot.addWidget(page)
    names = [text for text, _colour, _mark in page.legend()]
    assert "逾期" in names
    for width in range(160, 900, 7):  # a narrow window to a wide one
        document = QTextDocument()
        document.setDefaultFont(page.legend_label.font())
        document.setHtml(page.legend_label.text())
        shown = shown_lines(document, width)
        assert all(any(name in line for line in shown) for name in names), (width, shown)
