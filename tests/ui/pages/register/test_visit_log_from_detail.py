"""A household's visit log (民情日志) prints from its detail pane, for a period chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from gridkeeper.domain.enums import Role
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.widgets.visit_log import print_visit_log


def test_the_detail_pane_prints_the_households_visit_log(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    from ui.pages.register.page import Page

    gk.register.save_household(household("H001"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = Context(gk, settings, "test.db", "tester")
    page = Page(context)
    qtbot.addWidget(page)
    detail = page.detail
    assert detail.visit_log_requested == page._print_visit_log  # the page prints it
    asked: list[str] = []
    detail.visit_log_requested = asked.append
    detail.show_household(gk.register.household_id("H001"))
    qtbot.waitUntil(lambda: detail.household_code == "H001")
    assert detail.visit_log_button.isEnabled()
    qtbot.mouseClick(detail.visit_log_button, Qt.MouseButton.LeftButton)
    assert asked == ["H001"]
    # what the page then does once a period is chosen
    assert print_visit_log(page, context, household="H001", period="2026")
    context.operations.wait()
    qtbot.waitUntil(lambda: getattr(page, "last_visit_log", None) is not None)
    assert page.last_visit_log.data.startswith(b"%PDF")


def test_without_the_right_to_print_there_is_no_visit_log_button(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    from ui.pages.register.detail import HouseholdDetail

    viewer = gk.acting_as(Actor("guest", Role.GRID_LEADER, frozenset()))
    detail = HouseholdDetail(viewer)
    qtbot.addWidget(detail)
    from gridkeeper.domain.roles import Permission

    assert detail.visit_log_button.isHidden() is (not viewer.actor.can(Permission.PRINT))
