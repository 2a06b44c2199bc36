"""The households behind a figure, however many: listed in walking order, their address and
head read only for the rows shown, sorted by a header click, and opened with Enter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gridkeeper.domain.enums import Role
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Grid
from tests.conftest import household
from tests.ui.widgets.test_tables import click_header
from ui.widgets import household_pages
from ui.widgets.household_pages import ADDRESS, HEAD, REASON, PagedHouseholdList

REASONS = {"C001": "漏访", "C002": "待访", "C003": "漏访"}


@pytest.fixture
def listed(qtbot, gk: GridKeeper) -> Iterator[PagedHouseholdList]:  # noqa: ANN001
    for code, building, room, head in (("C001", "10", "101", "丁一"), ("C002", "2", "1201", "王五"),
                                       ("C003", "2", "301", "李四")):
        gk.register.save_household(household(code, building=building, room=room,
                                             residents=(ResidentDraft(name=head),)))
    shown = PagedHouseholdList(gk, "漏访住户")
    qtbot.addWidget(shown)
    shown.show()
    shown.show_households("漏访 2 户 · 待访 1 户", REASONS)
    shown.wait()
    qtbot.waitUntil(lambda: len(shown.codes()) == 3)
    yield shown


def shown_column(listed: PagedHouseholdList, column: int) -> list[str]:
    model = listed.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_list_opens_in_walking_order_with_address_and_head(qtbot, listed: PagedHouseholdList) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: listed.codes() == ["C003", "C002", "C001"])  # 2号楼 301, 1201, then 10号楼
    assert shown_column(listed, HEAD) == ["李四", "王五", "丁一"]
    assert "2号楼 1单元 301" in shown_column(listed, ADDRESS)[0]


def test_a_header_click_sorts_by_head_and_by_reason(qtbot, listed: PagedHouseholdList) -> None:  # noqa: ANN001
    click_header(listed.table, HEAD)
    listed.wait()
    qtbot.waitUntil(lambda: shown_column(listed, HEAD) == ["丁一", "李四", "王五"])
    click_header(listed.table, HEAD)
    listed.wait()
    qtbot.waitUntil(lambda: shown_column(listed, HEAD) == ["王五", "李四", "丁一"])
    click_header(listed.table, REASON)
    listed.wait()
    qtbot.waitUntil(lambda: shown_column(listed, REASON) == ["待访", "漏访", "漏访"])


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_F2])
def test_enter_or_f2_opens_the_household(qtbot, listed: PagedHouseholdList, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: listed.codes()[0] == "C003")
    listed.table.setFocus()
    listed.table.setCurrentIndex(listed.model.index(0, 0))
    qtbot.keyClick(listed.table, key)
    assert listed.dialog is not None and listed.dialog.isVisible()
    listed.dialog.close()


def test_the_context_menu_asks_the_window_to_record_a_visit(qtbot, listed: PagedHouseholdList) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: listed.codes()[0] == "C003")
    asked: list[tuple[str, int]] = []
    listed.household_action.connect(lambda what, hid: asked.append((what, hid)))
    listed.show()
    point = listed.table.visualRect(listed.model.index(0, 1)).center()
    listed.table.customContextMenuRequested.emit(point)
    visit = next(a for a in listed.table.last_menu.actions() if "走访" in a.text())
    visit.trigger()
    assert asked == [("visit", listed.model.brief(0).id)]


def test_a_long_list_reads_only_the_rows_shown(qtbot, gk: GridKeeper, monkeypatch) -> None:  # noqa: ANN001
    gk.register.save_household(household("C001"))
    asked: list[str] = []
    households = gk.completion.households
    monkeypatch.setattr(gk.completion, "households", lambda codes: asked.extend(codes) or households(codes))
    monkeypatch.setattr(household_pages, "BLOCK", 50)
    shown = PagedHouseholdList(gk, "漏访住户")
    qtbot.addWidget(shown)
    shown.resize(500, 300)
    shown.show()
    many = {"C001": "漏访"} | {f"X{n:05d}": "漏访" for n in range(20_000)}
    shown.show_households("漏访 20001 户", many)
    shown.wait()
    qtbot.waitUntil(lambda: shown.codes()[0] == "C001")  # the register's own first, the rest after
    qtbot.wait(50)
    assert shown.model.rowCount() == 20_001
    assert 0 < len(asked) <= 200
    shown.table.scrollToBottom()
    qtbot.wait(50)
    assert "X19999" in asked and len(asked) <= 400


def test_the_order_asked_of_the_register_keeps_to_the_actor_s_grids(gk: GridKeeper) -> None:
    gk.register.save_household(household("C001", grid="第一网格"))
    gk.register.save_household(household("D001", grid="第二网格", building="5"))
    with gk.db.reading() as session:
        first = session.scalar(select(Grid.id).where(Grid.name == "第一网格"))
    leader = gk.acting_as(Actor("网格长", Role.GRID_LEADER, grid_ids=frozenset({first})))
    assert gk.completion.household_order(["D001", "C001"]) == ["C001", "D001"]
    assert leader.completion.household_order(["D001", "C001"]) == ["C001"]
    assert leader.completion.household_order(["D001", "C001"], by="head") == ["C001"]
