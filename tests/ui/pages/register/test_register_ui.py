"""The household register in the GUI: lazy table model, search, editor checks and saves."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.register import ResidentDraft
from gridkeeper.services.browse import RegisterFilter
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.register.editor import ID_NUMBER, PHONE, HouseholdEditor
from ui.pages.register.model import ADDRESS, HEAD, RULE, RegisterModel
from ui.texts import plain

ROOT = Path(__file__).resolve().parents[4]
GOOD_ID = "11010519491231002X"


@pytest.fixture
def register(gk: GridKeeper) -> GridKeeper:
    gk.register.save_household(
        household("H001", residents=(ResidentDraft(name="张伟", phone="13812345678"),))
    )
    gk.register.save_household(household("H002", room="102", residents=(ResidentDraft(name="李娜"),)))
    gk.register.save_household(
        household(
            "H003",
            building="3",
            unit=2,
            room="501",
            residents=(ResidentDraft(name="王芳", id_number=GOOD_ID),),
        )
    )
    return gk


@pytest.fixture
def context(register: GridKeeper, tmp_path: Path) -> Context:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Context(register, settings, "test.db", "tester")


def test_register_model_passes_qt_model_tester(qtmodeltester, register: GridKeeper) -> None:
    model = RegisterModel(register.browse.rows)
    model.set_ids(register.browse.search_ids(RegisterFilter()))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3


def test_rows_are_built_only_when_the_view_asks(register: GridKeeper) -> None:
    asked: list[list[int]] = []

    def fetch(ids):  # noqa: ANN001, ANN202
        asked.append(list(ids))
        return register.browse.rows(ids)

    model = RegisterModel(fetch)
    model.set_ids(register.browse.search_ids(RegisterFilter()))
    assert asked == []
    assert model.index(0, HEAD).data() == "张伟"
    assert len(asked) == 1


@pytest.mark.parametrize("typed", ["zw", "zhangwei", "张", "5678", "H001"])
def test_search_box_finds_zhang_wei(register: GridKeeper, typed: str) -> None:
    ids = register.browse.search_ids(RegisterFilter(text=typed))
    rows = register.browse.rows(ids)
    assert [r.head for r in rows.values()] == ["张伟"]


def test_search_by_address_and_id_tail(register: GridKeeper) -> None:
    by_address = register.browse.rows(register.browse.search_ids(RegisterFilter(text="3-2-501")))
    by_id = register.browse.rows(register.browse.search_ids(RegisterFilter(text="002X")))
    assert [r.head for r in by_address.values()] == ["王芳"]
    assert [r.head for r in by_id.values()] == ["王芳"]


def test_register_page_search_by_pinyin_initials_shows_the_household(qtbot, context: Context) -> None:
    from ui.pages.register.page import Page

    page = Page(context)
    qtbot.addWidget(page)
    page.set_scope(None, None)
    page.wait_idle()
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "zw")
    page.wait_idle()
    assert page.model.rowCount() == 1
    assert page.model.index(0, HEAD).data() == "张伟"
    assert "1-1-101" in page.model.index(0, ADDRESS).data()


def test_a_search_brings_its_first_rows_and_rules_read_off_the_ui_thread(
        qtbot, context: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.pages.register.page import Page

    on_the_ui_thread: list[bool] = []
    rows = context.gk.browse.rows

    def recorded(ids, today=None):  # noqa: ANN001, ANN202
        on_the_ui_thread.append(threading.current_thread() is threading.main_thread())
        return rows(ids, today)

    monkeypatch.setattr(context.gk.browse, "rows", recorded)
    page = Page(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_scope(None, None)
    page.wait_idle()
    assert page.model.index(0, HEAD).data() == "张伟"
    assert "1" in page.model.index(0, RULE).data()  # "一般户 1 次/半年"
    assert on_the_ui_thread and not any(on_the_ui_thread)


def _editor(qtbot, gk: GridKeeper) -> HouseholdEditor:  # noqa: ANN001
    editor = HouseholdEditor(gk, gk.register.household_id("H001"))
    qtbot.addWidget(editor)
    return editor


def test_editor_refuses_a_bad_id_number_with_the_reason_shown(qtbot, register: GridKeeper) -> None:
    editor = _editor(qtbot, register)
    editor.residents.item(0, ID_NUMBER).setText("110105194912310021")
    assert "校验位" in editor.message.text()
    assert editor.save() is False
    assert register.register.load_draft(register.register.household_id("H001")).residents[0].id_number is None


def test_editor_derives_birth_date_and_gender_from_a_good_id(qtbot, register: GridKeeper) -> None:
    editor = _editor(qtbot, register)
    editor.residents.item(0, ID_NUMBER).setText("110105198001010016")
    assert editor.residents.item(0, 3).text() == "1980-01-01"
    assert editor.residents.item(0, 1).text() == "男"
    assert editor.message.text() == ""


def test_editor_refuses_a_bad_phone_with_the_reason_shown(qtbot, register: GridKeeper) -> None:
    editor = _editor(qtbot, register)
    editor.residents.item(0, PHONE).setText("12345")
    assert "手机号" in editor.message.text()
    assert editor.save() is False


def test_save_and_reopen_round_trips(qtbot, register: GridKeeper) -> None:
    editor = _editor(qtbot, register)
    editor.notes.setPlainText("独居，腿脚不便")
    editor.residents.item(0, ID_NUMBER).setText("110105198001010016")
    editor.residents.setCurrentCell(0, 0)
    editor._add_category_row(None)
    editor.category_table.cellWidget(0, 0).setCurrentIndex(
        editor.category_table.cellWidget(0, 0).findData("low_income")
    )
    assert editor.save()
    editor.operations.wait()
    assert editor.result() == editor.DialogCode.Accepted, editor.message.text()
    again = _editor(qtbot, register)
    assert again.notes.toPlainText() == "独居，腿脚不便"
    assert again.residents.item(0, ID_NUMBER).text() == "110105198001010016"
    assert [a.category for a in again.current_draft().residents[0].categories] == ["low_income"]


def test_a_concurrent_edit_is_reported_not_overwritten(qtbot, register: GridKeeper) -> None:
    editor = _editor(qtbot, register)
    elsewhere = register.register.load_draft(register.register.household_id("H001"))
    register.register.save_household(replace(elsewhere, notes="changed elsewhere"))
    editor.notes.setPlainText("mine")
    assert editor.save()
    editor.operations.wait()
    assert "已被他人修改" in editor.message.text()
    assert register.register.load_draft(elsewhere.id).notes == "changed elsewhere"


def test_main_window_shows_every_page_and_placeholders_say_under_construction(
    qtbot, context: Context
) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.main_window import MainWindow
    from ui.pages import PAGES

    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.nav.count() == len(PAGES)
    assert list(window.page_widgets) == ["register"]  # pages are built when first opened
    for row, key in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.page_widgets[key]
        assert window.pages.currentWidget() is page and window.nav.item(row).text() == page.title()
    window.wait_idle()
    # every page is built now: none may still be an "under construction" placeholder
    for key, page in window.page_widgets.items():
        assert not any("建设中" in label.text() for label in page.findChildren(QLabel)), key
    assert "3" in window.count_label.text()


def test_screenshot_option_writes_a_png(register: GridKeeper, db_location: str, tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    import os

    env = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "main.py", "--db", db_location, "--screenshot", str(out), "--lang", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_detail_masks_id_numbers_until_staff_asks_and_masks_again_for_the_next_household(
        qtbot, register: GridKeeper) -> None:
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor
    from ui.pages.register.detail import HouseholdDetail

    detail = HouseholdDetail(register)
    qtbot.addWidget(detail)
    h003, h001 = register.register.household_id("H003"), register.register.household_id("H001")
    detail.show_household(h003)
    detail.wait_idle()
    assert "110105********002X" in detail.view.toPlainText() and GOOD_ID not in detail.view.toPlainText()
    detail.unmask_button.click()
    detail.wait_idle()
    assert GOOD_ID in detail.view.toPlainText()
    detail.show_household(h001)
    detail.wait_idle()
    assert not detail.unmask_button.isChecked() and "138****5678" in detail.view.toPlainText()

    leader = HouseholdDetail(register.acting_as(Actor("li", Role.GRID_LEADER)))
    qtbot.addWidget(leader)
    assert leader.unmask_button.isHidden()


def test_beside_a_masked_id_number_the_detail_shows_the_birth_year_not_the_date(
        qtbot, register: GridKeeper) -> None:
    from gridkeeper.domain.enums import Role
    from gridkeeper.domain.roles import Actor
    from ui.pages.register.detail import HouseholdDetail

    h003 = register.register.household_id("H003")
    born = "1949年生"
    for actor in (Actor("li", Role.GRID_LEADER), Actor("zhao", Role.SUPERVISOR), None):
        detail = HouseholdDetail(register.acting_as(actor) if actor else register)
        qtbot.addWidget(detail)
        detail.show_household(h003)
        detail.wait_idle()
        text = plain(detail.view.toPlainText())
        assert "110105********002X" in text and born in text and "1949-12-31" not in text
    detail.unmask_button.click()  # office staff may see it whole, audited
    detail.wait_idle()
    assert GOOD_ID in detail.view.toPlainText() and "1949-12-31" in plain(detail.view.toPlainText())
