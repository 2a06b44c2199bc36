"""The 民情诉求 page: the board opens on every unfinished need, what is due next first; a need
is taken through its steps from the page and its history shows each; intake finds the
household and the person confirms it; supervisors read; the three rates with definitions."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import NeedChannel, Role, Satisfaction
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.needs.page import COUNTDOWN, NUMBER, STATUS, NeedsPage
from ui.widgets.need_intake import NeedIntakeDialog


def draft(days_ago: int, deadline_in: int | None, code: str = "A001", **extra: object) -> NeedDraft:
    now = datetime.now().replace(second=0, microsecond=0)
    values: dict[str, object] = dict(
        description="楼道灯坏了", household_code=code, channel=NeedChannel.PHONE,
        received_at=now - timedelta(days=days_ago),
        deadline=date.today() + timedelta(days=deadline_in) if deadline_in is not None else None)
    values.update(extra)
    return NeedDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    gk.register.save_household(household("A001", building="3", unit=2, room="501", phone="13800000001"))
    gk.register.save_household(household("B001", grid="第二网格", building="9", room="101"))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def open_page(qtbot, context: Context) -> NeedsPage:  # noqa: ANN001
    page = NeedsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.summary.text() != "")
    return page


def test_the_board_opens_on_unfinished_needs_with_the_overdue_first(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    later = gk.needs.raise_need(draft(1, 10))
    overdue = gk.needs.raise_need(draft(200, -150))  # received long ago: still on the board
    near = gk.needs.raise_need(draft(3, 1))
    done = gk.needs.raise_need(draft(5, 3))
    gk.needs.reject(done, gk.needs.need(done).version, "重复来电")
    for need_id in (later, overdue, near):
        gk.needs.start(need_id, gk.needs.need(need_id).version)
    page = open_page(qtbot, context)
    numbers = [gk.needs.need(n).number for n in (overdue, near, later)]
    assert [page.table.item(r, NUMBER).text() for r in range(page.table.rowCount())] == numbers
    assert page.table.item(0, COUNTDOWN).text() == "办理 超期150天"
    assert page.table.item(1, COUNTDOWN).text() == "办理 剩1天"
    assert "共 3 件；超期 1 件，2 天内到期 1 件" == page.summary.text()
    assert page.title_label.text().startswith(numbers[0])  # the most urgent is opened


def test_a_need_goes_through_its_steps_from_the_page(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    need_id = gk.needs.raise_need(draft(1, 10, ticket_no="GD1", channel=NeedChannel.HOTLINE))
    page = open_page(qtbot, context)
    number = gk.needs.need(need_id).number

    def step(action, *args: object, status: str) -> None:  # noqa: ANN001
        before = gk.needs.need(need_id).version
        page.select_number(number)
        assert action(*args)
        qtbot.waitUntil(lambda: gk.needs.need(need_id).version > before)  # written
        assert gk.needs.need(need_id).status == status
        qtbot.waitUntil(lambda: page.current() is not None and page.current().version > before)

    assert not page.buttons["callback"].isEnabled() and page.buttons["start"].isEnabled()
    step(page.start, status="in_progress")
    step(page.send_on, "街道城管执法队", "请执法", status="sent_on")
    assert page.buttons["returned"].isEnabled() and not page.buttons["reject"].isEnabled()
    step(page.returned, "不属执法范围", status="in_progress")
    step(page.escalate, "物业拒不整改", status="in_progress")
    step(page.add_note, "约物业周一到场", status="in_progress")
    step(page.resolve, "物业已整改", date.today() + timedelta(days=3), status="resolved")
    step(page.call_back, Satisfaction.UNSATISFIED, "还没修好", status="in_progress")
    qtbot.waitUntil(lambda: page.history_tree.topLevelItemCount() == 9)
    kinds = [page.history_tree.topLevelItem(i).text(1) for i in range(9)]
    assert kinds == ["受理登记", "响应受理", "派单", "退回", "吹哨", "办理进展", "办理完成", "回访",
                     "重新办理"]
    assert "重新办理 1 次" in page.facts.text() and "不满意" in page.facts.text()
    assert page.table.item(0, STATUS).text() == "办理中 · 已吹哨"


def test_a_refused_step_says_why_in_the_page(qtbot, context: Context) -> None:  # noqa: ANN001
    need_id = context.gk.needs.raise_need(draft(1, 10))
    page = open_page(qtbot, context)
    context.gk.needs.start(need_id, context.gk.needs.need(need_id).version)  # someone else, meanwhile
    assert page.add_note("已电话联系")
    qtbot.waitUntil(lambda: "已被他人修改" in page.message.text())


def test_intake_finds_the_household_and_the_person_confirms_it(qtbot, context: Context) -> None:  # noqa: ANN001
    dialog = NeedIntakeDialog(context.gk)
    qtbot.addWidget(dialog)
    dialog.channel_box.setCurrentIndex(dialog.channel_box.findData("hotline_12345"))
    dialog.category_box.setCurrentIndex(dialog.category_box.findData("parking"))
    dialog.wait_idle()
    qtbot.waitUntil(lambda: dialog.deadline_note.text() != "")
    received = dialog.received_edit.dateTime().toPython().date()
    assert dialog.deadline_edit.date().toPython() == context.gk.needs.default_deadline(
        "parking", "hotline_12345", received)
    dialog.address_edit.setText("阳光小区三号楼二单元501")
    dialog.find()
    qtbot.waitUntil(lambda: dialog.households.count() == 2)
    assert dialog.chosen() is None  # nothing is linked until the person picks it
    assert "地址相符" in dialog.households.item(1).text()
    dialog.accept()
    assert "请填写诉求内容" in dialog.message.text()
    dialog.households.setCurrentRow(1)
    dialog.content_edit.setPlainText("楼下车位被占")
    dialog.ticket_edit.setText("GD2612050001")
    found = dialog.draft()
    assert (found.household_id, found.channel, found.category, found.ticket_no) == (
        context.gk.register.household_id("A001"), NeedChannel.HOTLINE, "parking", "GD2612050001")
    page = open_page(qtbot, context)
    assert page.intake(found)
    qtbot.waitUntil(lambda: len(page.rows) == 1 and page.current() is not None)
    assert page.current().ticket_no == "GD2612050001"
    assert page.current().household_code == "A001"


def test_a_walk_in_without_a_household_needs_its_address(qtbot, context: Context) -> None:  # noqa: ANN001
    dialog = NeedIntakeDialog(context.gk)
    qtbot.addWidget(dialog)
    dialog.content_edit.setPlainText("路灯不亮")
    dialog.accept()
    assert "请填写地址" in dialog.message.text()
    dialog.address_edit.setText("金顶街路口")
    dialog.find()
    qtbot.waitUntil(lambda: "没有找到" in dialog.message.text())
    assert dialog.draft().household_id is None and dialog.draft().address == "金顶街路口"


def test_a_supervisor_reads_but_every_step_says_why_not(qtbot, context: Context) -> None:  # noqa: ANN001
    context.gk.needs.raise_need(draft(1, 10))
    context.gk = context.gk.acting_as(Actor("dudao", Role.SUPERVISOR))
    page = open_page(qtbot, context)
    assert page.table.rowCount() == 1
    assert not page.intake_button.isEnabled() and not page.buttons["start"].isEnabled()
    assert "督导" in page.buttons["start"].toolTip()
    assert not page.start()


def test_hotline_tickets_imported_from_the_page_and_the_unmatched_listed(
        qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    book = Workbook()
    today = (date.today() - timedelta(days=1)).isoformat()
    book.active.append(["工单号", "来源", "受理时间", "诉求人", "联系电话", "地址", "诉求内容", "类别",
                        "办理时限"])
    book.active.append(["GD1", "12345", f"{today} 08:00", "张伟", "", "阳光小区3号楼2单元501", "车位被占",
                        "停车", ""])
    book.active.append(["GD2", "12345", f"{today} 08:30", "赵敏", "", "不知名路口", "路灯不亮", "", ""])
    book.save(tmp_path / "gd.xlsx")
    page = open_page(qtbot, context)
    assert page.import_tickets(str(tmp_path / "gd.xlsx"))
    qtbot.waitUntil(lambda: page.last_import is not None)
    assert page.last_import.written and [u.ticket_no for u in page.last_import.unlinked] == ["GD2"]
    qtbot.waitUntil(lambda: page.view_box.currentData() == "unlinked" and len(page.rows) == 1)
    unlinked = page.rows[0]
    assert unlinked.ticket_no == "GD2" and page.buttons["link"].isEnabled()
    assert page.link(context.gk.register.household_id("B001"))
    qtbot.waitUntil(lambda: context.gk.needs.need(unlinked.id).household_code == "B001")
    qtbot.waitUntil(lambda: page.rows == [])  # nothing left to link


def test_the_rates_tab_shows_each_group_with_the_definitions(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    first = gk.needs.raise_need(draft(0, 10, handler="李娜"))
    gk.needs.raise_need(draft(0, 10, code="B001"))
    gk.needs.start(first, gk.needs.need(first).version)
    page = open_page(qtbot, context)
    panel = page.rates
    qtbot.waitUntil(lambda: panel.rates is not None and panel.table.rowCount() == 3)
    rows = [[panel.table.item(r, c).text() for c in range(4)] for r in range(3)]
    assert rows == [["第一网格", "1", "1", "100.0%"], ["第二网格", "1", "0", "0.0%"],
                    ["合计", "2", "1", "50.0%"]]
    assert "按期解决率" in panel.definitions.text() and "满意率" in panel.definitions.text()
    panel.by_box.setCurrentIndex(panel.by_box.findData("handler"))
    qtbot.waitUntil(lambda: panel.rates.by == "handler")
    assert [panel.table.item(r, 0).text() for r in range(3)] == ["李娜", "（未分派）", "合计"]


def test_a_need_from_the_roster_keeps_its_household_and_gets_category_deadline_handler(
        qtbot, context: Context) -> None:  # noqa: ANN001
    from gridkeeper.services.needs import HouseholdChoice

    household_id = context.gk.register.household_id("A001")
    dialog = NeedIntakeDialog(context.gk, description="楼道灯坏了", household=HouseholdChoice(
        household_id, "A001", "第一网格", "阳光小区 3号楼 2单元 501", "张伟", "roster"))
    qtbot.addWidget(dialog)
    assert not dialog.channel_box.isEnabled() and not dialog.households.isEnabled()
    dialog.category_box.setCurrentIndex(dialog.category_box.findData("safety"))
    dialog.handler_box.setCurrentText("李娜")
    dialog.wait_idle()
    qtbot.waitUntil(lambda: "默认时限" in dialog.deadline_note.text())
    found = dialog.draft()
    assert (found.household_id, found.channel, found.category, found.handler) == (
        household_id, NeedChannel.VISIT, "safety", "李娜")
    received = dialog.received_edit.dateTime().toPython().date()
    assert found.deadline == context.gk.needs.default_deadline("safety", "visit", received)


def test_the_full_phone_is_shown_on_asking_and_audited(qtbot, context: Context) -> None:  # noqa: ANN001
    context.gk.needs.raise_need(draft(1, 10, contact_name="张伟", contact_phone="13911112222"))
    page = open_page(qtbot, context)
    assert "139****2222" in page.facts.text() and "13911112222" not in page.facts.text()
    assert page.show_phone()
    qtbot.waitUntil(lambda: "13911112222" in page.message.text())
    assert any(line.action == "unmask" and line.table == "need" for line in context.gk.auditlog.browse())


def test_the_period_is_exported_as_a_sheet_and_a_pdf(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from tests.reports import pdftools

    context.gk.needs.raise_need(draft(0, 10, contact_phone="13911112222"))
    page = open_page(qtbot, context)
    panel = page.rates
    qtbot.waitUntil(lambda: panel.rates is not None)
    assert panel.export_excel(str(tmp_path / "needs.xlsx"))
    qtbot.waitUntil(lambda: panel.exported is not None)
    rows = list(load_workbook(tmp_path / "needs.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][4] == "139****2222"
    assert panel.export_pdf(str(tmp_path / "rates.pdf"))
    qtbot.waitUntil(lambda: panel.exported == tmp_path / "rates.pdf")
    assert "诉求办理“三率”统计表" in pdftools.text(tmp_path / "rates.pdf")


def test_the_callback_day_is_moved_from_the_page_with_its_reason(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    need_id = gk.needs.raise_need(draft(1, 10))
    gk.needs.start(need_id, gk.needs.need(need_id).version)
    gk.needs.resolve(need_id, gk.needs.need(need_id).version, "灯已换好",
                     callback_due=date.today() + timedelta(days=1))
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.current() is not None and page.current().id == need_id)
    first = date.today() + timedelta(days=1)
    assert "回访日期" in page.facts.text() and f"{first:%Y-%m-%d}" in page.facts.text()
    assert page.buttons["callback_day"].isEnabled()
    later = date.today() + timedelta(days=6)
    assert page.move_callback(later, "居民外出，下周回来")
    qtbot.waitUntil(lambda: gk.needs.need(need_id).callback_due == later)
    qtbot.waitUntil(lambda: f"{later:%Y-%m-%d}" in page.facts.text())
    page.wait_idle()
    last = page.history_tree.topLevelItem(page.history_tree.topLevelItemCount() - 1)
    assert last.text(1) == "改期回访" and "居民外出，下周回来" in last.text(2)
    assert f"{first:%Y-%m-%d} → {later:%Y-%m-%d}" in last.text(2)
    assert page.call_back(Satisfaction.SATISFIED)
    qtbot.waitUntil(lambda: gk.needs.need(need_id).status == "closed")
    qtbot.waitUntil(lambda: not page.buttons["callback_day"].isEnabled())


def test_a_grid_leader_shows_the_phone_of_their_own_grid_s_need_to_call_back(
        qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    own = gk.needs.raise_need(draft(1, 10, contact_name="张伟", contact_phone="13911112222"))
    walk_in = gk.needs.raise_need(draft(2, 10, code=None, address="金顶街路口", contact_name="路人",
                                        contact_phone="13722223333"))
    grid = next(node.id for node in gk.browse.tree() if node.name != "第二网格")
    context.gk = gk.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({grid})))
    page = open_page(qtbot, context)
    page.select_number(gk.needs.need(walk_in).number)
    qtbot.waitUntil(lambda: page.current().id == walk_in)
    assert not page.phone_button.isEnabled() and "本网格" in page.phone_button.toolTip()
    assert not page.show_phone()
    page.select_number(gk.needs.need(own).number)
    qtbot.waitUntil(lambda: page.current().id == own)
    assert "139****2222" in page.facts.text() and page.phone_button.isEnabled()
    assert page.show_phone()
    qtbot.waitUntil(lambda: "13911112222" in page.message.text())
    assert [(a.username, a.row_id) for a in gk.auditlog.browse()
            if a.action == "unmask" and a.table == "need"] == [("wang", own)]
