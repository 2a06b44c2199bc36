"""A street office's window: choosing a community in the tree narrows every page that lists
grids or households to that community (this week, visits, needs, the dashboard, the reports,
the building chart, the register), choosing the street shows everything again, and a grid
chosen in the tree still opens that very grid (both communities have a 第1网格)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.services.facade import open_gridkeeper
from gridkeeper.storage.models import Building, Community, Grid, Household
from ui.context import Context
from ui.main_window import COMMUNITY, MainWindow

PAGES = ("this_week", "visits", "needs", "dashboard", "reports", "building_chart", "register")


@pytest.fixture
def window(qtbot, db_location: str, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    for seed in ("1", "2"):  # two communities, each numbering its grids from 第1网格
        assert main(["--db", db_location, "demo", "--households", "40", "--seed", seed]) == 0
    gk = open_gridkeeper(db_location)
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")
    shown = MainWindow(context)
    shown.show()
    for name in PAGES:
        shown.page(name)
    shown.wait_idle()
    yield shown
    shown._close_confirmed = True
    shown.close()
    shown.deleteLater()
    gk.close()


def places(window: MainWindow) -> dict[str, dict[str, set[int]]]:
    """Per community name: its grid ids, building ids and household ids."""
    with window.context.gk.db.reading() as session:
        rows = session.execute(select(Community.name, Grid.id, Building.id, Household.id)
                               .join(Grid, Grid.community_id == Community.id)
                               .join(Building, Building.grid_id == Grid.id)
                               .join(Household, Household.building_id == Building.id)).all()
    found: dict[str, dict[str, set[int]]] = {}
    for community, grid, building, household in rows:
        mine = found.setdefault(community, {"grids": set(), "buildings": set(), "households": set()})
        mine["grids"].add(grid)
        mine["buildings"].add(building)
        mine["households"].add(household)
    return found


def choose(window: MainWindow, qtbot, scope: tuple) -> None:  # noqa: ANN001
    item = window._find_scope_item(*scope)
    assert item is not None, scope
    window.scope.setCurrentItem(item)
    qtbot.wait(10)
    window.wait_idle()
    window.wait_idle()  # pages that fetch again after what arrived (the needs board's detail)


def community_id(window: MainWindow, name: str) -> int:
    with window.context.gk.db.reading() as session:
        return session.scalar(select(Community.id).where(Community.name == name))


def shown_on(window: MainWindow) -> dict[str, set[int]]:
    """What each page shows: grid ids (dashboard, reports, this week), household ids (visits,
    needs, register), building ids (building chart's choices)."""
    this_week = window.page("this_week")
    visits = window.page("visits")
    needs = window.page("needs")
    dashboard = window.page("dashboard")
    reports = window.page("reports")
    chart = window.page("building_chart")
    register = window.page("register")
    register.wait_idle()
    return {
        "this_week": {r.grid_id for r in this_week.roster.rows},
        "this_week_box": {this_week.grid_box.itemText(i) for i in range(1, this_week.grid_box.count())},
        "visits": {r.household_id for r in visits.rows},
        "visits_box": {visits.grid_box.itemData(i) for i in range(1, visits.grid_box.count())},
        "needs": {r.household_id for r in needs.rows if r.household_id is not None},
        "needs_box": {needs.grid_box.itemData(i) for i in range(1, needs.grid_box.count())},
        "dashboard": {int(line.key) for line in dashboard.lines},
        "reports": {int(g.key) for g in reports.report.groups},
        "building_chart": {chart.building_box.itemData(i) for i in range(chart.building_box.count())},
        "register": set(register.model.ids()),
    }


def test_a_community_chosen_in_the_tree_narrows_every_page_and_the_street_shows_all_again(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    known = places(window)
    assert len(known) == 2
    first, second = sorted(known, key=lambda name: community_id(window, name))
    street = shown_on(window)
    for name in ("this_week", "dashboard", "reports"):
        assert street[name] == known[first]["grids"] | known[second]["grids"], name
    assert street["visits"] & known[first]["households"] and street["visits"] & known[second]["households"]
    assert street["building_chart"] == known[first]["buildings"] | known[second]["buildings"]
    # both communities have a 第1网格: the street's boxes tell them apart
    assert {label for label in street["this_week_box"] if label.endswith("第1网格")} == {
        f"{first}/第1网格", f"{second}/第1网格"}

    choose(window, qtbot, (COMMUNITY, community_id(window, second)))
    mine = known[second]
    narrowed = shown_on(window)
    for name in ("this_week", "dashboard", "reports"):
        assert narrowed[name] and narrowed[name] <= mine["grids"], name
    assert narrowed["visits"] and narrowed["visits"] <= mine["households"]
    assert narrowed["needs"] and narrowed["needs"] <= mine["households"]
    assert narrowed["visits_box"] == narrowed["needs_box"] == mine["grids"]
    assert "第1网格" in narrowed["this_week_box"]  # one community: its own names, bare
    assert narrowed["building_chart"] == mine["buildings"]
    assert narrowed["register"] and narrowed["register"] <= mine["households"]
    dashboard = window.page("dashboard")
    assert all(spot.grid_id in mine["grids"] for spot in dashboard.data.hot_spots)

    choose(window, qtbot, (None, None))
    again = shown_on(window)
    for name in ("this_week", "dashboard", "reports", "building_chart", "visits_box", "needs_box"):
        assert again[name] == street[name], name


def test_a_grid_chosen_in_the_tree_after_a_community_opens_that_grid(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    known = places(window)
    first, second = sorted(known, key=lambda name: community_id(window, name))
    choose(window, qtbot, (COMMUNITY, community_id(window, second)))
    with window.context.gk.db.reading() as session:
        grid = session.scalar(select(Grid.id).join(Community).where(
            Community.name == first, Grid.name == "第1网格"))
    choose(window, qtbot, (grid, None))
    this_week = window.page("this_week")
    qtbot.waitUntil(lambda: this_week.roster is not None and this_week.roster.grid == f"{first}/第1网格")
    assert {r.grid_id for r in this_week.roster.rows} == {grid}
    visits = window.page("visits")
    assert visits.grid_box.currentData() == grid and visits.grid_box.currentText() == f"{first}/第1网格"
    visits.wait_idle()
    assert visits.rows and {r.household_id for r in visits.rows} <= known[first]["households"]
    assert {r.grid for r in visits.rows} == {f"{first}/第1网格"}
    needs = window.page("needs")
    assert needs.grid_box.currentData() == grid
    reports = window.page("reports")
    assert reports.grid_box.currentText() == f"{first}/第1网格"
