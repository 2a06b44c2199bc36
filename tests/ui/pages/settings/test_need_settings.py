"""The settings page's needs tab: deadlines per need category and per channel, the response
and callback limits and the hot-spot rule are saved (audited) and used by intake; a bad value
is shown at its place and nothing is saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import NeedChannel
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.settings import (
    HOT_SPOT_COUNT_KEY,
    NEED_CALLBACK_KEY,
    NeedCategoryDraft,
    SettingsError,
    channel_deadline_key,
)
from ui.context import Context
from ui.pages.settings.page import SettingsPage


def page_for(qtbot, gk: GridKeeper, tmp_path: Path) -> SettingsPage:  # noqa: ANN001
    page = SettingsPage(Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                                "t.db", gk.actor.username))
    qtbot.addWidget(page)
    return page


def test_deadlines_and_the_hot_spot_rule_are_saved_from_the_needs_tab(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    needs = page.needs
    table = needs.categories
    parking = next(r for r in range(table.rowCount())
                   if table.item(r, table.column_of("code")).text() == "parking")
    table.item(parking, table.column_of("deadline_days")).setText("4")
    needs.channel_edits[channel_deadline_key("walk_in")].setText("10")
    needs.hot_count_box.setValue(5)
    needs.callback_box.setValue(3)
    needs.new_category.click()
    new = table.rowCount() - 1
    for column, text in (("code", "noise"), ("name_zh", "噪音扰民"), ("name_en", "noise"),
                         ("deadline_days", "")):
        table.item(new, table.column_of(column)).setText(text)
    assert page.save_button.isEnabled() and page.save()
    page.context.operations.wait()
    qtbot.waitUntil(lambda: not page.unsaved_work())
    # 4 working days for parking is stricter than the walk-in's 10
    assert gk.needs.default_deadline("parking", NeedChannel.WALK_IN, date(2026, 11, 2)) == date(2026, 11, 6)
    assert gk.needs.default_deadline("noise", NeedChannel.WALK_IN, date(2026, 11, 2)) == date(2026, 11, 16)
    assert gk.needs.default_deadline("noise", NeedChannel.PHONE, date(2026, 11, 2)) is None
    values = gk.settings.snapshot().values
    assert (values[HOT_SPOT_COUNT_KEY], values[NEED_CALLBACK_KEY]) == ("5", "3")
    assert dict(gk.needs.categories())["noise"].zh == "噪音扰民"
    assert any(line.table == "need_category" for line in gk.auditlog.browse())


def test_a_bad_deadline_is_shown_where_it_was_typed(qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    page = page_for(qtbot, gk, tmp_path)
    page.needs.channel_edits[channel_deadline_key("phone")].setText("七天")
    assert page.save()
    page.context.operations.wait()
    qtbot.waitUntil(lambda: "1 到 365" in page.message.text())
    assert page.tabs.currentWidget() is page.needs
    assert gk.settings.snapshot().values[channel_deadline_key("phone")] == ""


def test_need_category_codes_are_unique_and_names_required(gk: GridKeeper) -> None:
    import pytest

    with pytest.raises(SettingsError) as caught:
        gk.settings.save(need_categories=[NeedCategoryDraft("parking", "停车2", "parking 2")])
    assert caught.value.where == ("need_categories", 0, "code")
    with pytest.raises(SettingsError) as caught:
        gk.settings.save(need_categories=[NeedCategoryDraft("noise", "", "noise")])
    assert caught.value.where == ("need_categories", 0, "name_zh")
