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
