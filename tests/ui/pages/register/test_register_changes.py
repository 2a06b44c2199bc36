"""The register page as the community changes: new households get a code and stay selected,
people without ID numbers, people moving in, handovers, campaign lists, history and tags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.register import AssignmentDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from tests.io.sheets import id_number
from ui.context import Context
from ui.pages.register.editor import BIRTH, GENDER, ID_NUMBER, NAME, STATUS, HouseholdEditor
from ui.texts import WORD_JOINER, plain

ID_MOVER = id_number(date(1950, 5, 6), 7, True)


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    gk.register.save_household(household("0100007", room="101", worker="张网格", residents=(
        ResidentDraft(name="孙奶奶", id_number=ID_MOVER),
        ResidentDraft(name="孙强", relation="子", birth_date=date(1980, 1, 1), gender="M",
                      categories=(AssignmentDraft("veteran", date(2020, 1, 1)),)))))
    gk.register.save_household(household("0100008", room="102", worker="张网格"))
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "tester")


def new_editor(qtbot, context: Context) -> HouseholdEditor:  # noqa: ANN001
    editor = HouseholdEditor(context.gk, None, None, context.operations)
    qtbot.addWidget(editor)
    return editor


def test_a_new_household_gets_the_next_code_and_is_selected_once_saved(qtbot, context: Context) -> None:  # noqa: ANN001
    from ui.pages.register.page import Page

    page = Page(context)
    qtbot.addWidget(page)
    page.set_scope(None, None)
    page.wait_idle()
    editor = page.new_household()
    assert editor is not None and editor.code.text() == "0100009"
    editor.estate.setText("阳光小区")
    editor.building.setText("1")
    editor.room.setText("103")
    editor.residents.item(0, NAME).setText("周爷爷")
    # no ID number: birth date and gender typed by hand
    editor.residents.item(0, GENDER).setText("男")
    editor.residents.item(0, BIRTH).setText("1941/5/6")
    assert editor.save()
    context.operations.wait()
    page.wait_idle()
    assert page.selected_id() == context.gk.register.household_id("0100009")
    saved = context.gk.register.load_draft(page.selected_id())  # type: ignore[arg-type]
    assert (saved.residents[0].birth_date, saved.residents[0].gender) == (date(1941, 5, 6), "M")
    # 85 without an ID number: 高龄 all the same
    explanation = context.gk.roster.explain(page.selected_id(), date(2026, 11, 20))  # type: ignore[arg-type]
    assert "elderly_80" in {c.code for c in explanation.categories}


def test_a_badly_typed_birth_date_is_refused_at_its_cell(qtbot, context: Context) -> None:  # noqa: ANN001
    editor = new_editor(qtbot, context)
    editor.residents.item(0, NAME).setText("无名")
    editor.residents.item(0, BIRTH).setText("五月六日")
    assert "出生日期" in editor.message.text()
    assert editor.save() is False


def test_someone_living_elsewhere_is_moved_in_when_the_user_agrees(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    editor = HouseholdEditor(gk, gk.register.household_id("0100008"), None, context.operations)
    qtbot.addWidget(editor)
    asked: list[str] = []
    editor.confirm = lambda text: asked.append(text) or True  # type: ignore[method-assign]
    editor.add_resident(ResidentDraft(name="孙奶奶", relation="母亲"))
    editor.residents.item(1, ID_NUMBER).setText(ID_MOVER)
    assert editor.save()
    context.operations.wait()
    context.operations.wait()
    assert asked and "0100007" in asked[0]
    moved = gk.register.load_draft(gk.register.household_id("0100008"))
    assert sorted(r.name for r in moved.residents) == sorted(["张伟", "孙奶奶"])
    history = gk.history.of_household(moved.id)  # type: ignore[arg-type]
    assert history[-1].text.zh == "孙奶奶 迁入（来自 0100007）"


def test_a_member_s_status_is_kept_from_the_editor(qtbot, context: Context) -> None:  # noqa: ANN001
    gk = context.gk
    editor = HouseholdEditor(gk, gk.register.household_id("0100007"), None, context.operations)
    qtbot.addWidget(editor)
    status = editor.residents.cellWidget(1, STATUS)
    status.setCurrentIndex(status.findData("moved_out"))
    assert editor.save()
    context.operations.wait()
    draft = gk.register.load_draft(gk.register.household_id("0100007"))
    assert [r.status for r in draft.residents] == ["active", "moved_out"]


def test_handover_and_campaign_lists_from_the_register_page(qtbot, context: Context, tmp_path: Path) -> None:  # noqa: ANN001
    from ui.pages.register.page import Page

    page = Page(context)
    qtbot.addWidget(page)
    dialog = page.hand_over()
    assert dialog is not None
    dialog.source.setCurrentText("张网格")
    dialog.target.setCurrentText("李网格")
    dialog.hand_over()
    context.operations.wait()
    assert dialog.moved == 2
    campaigns = page.campaign_lists()
    campaigns.name.setCurrentText("退役军人慰问")
    for i in range(campaigns.categories.count()):
        item = campaigns.categories.item(i)
        if item.text() == "退役军人":
            from PySide6.QtCore import Qt

            item.setCheckState(Qt.CheckState.Checked)
    campaigns.save()
    context.operations.wait()
    assert [d.name for d in context.gk.campaigns.lists()] == ["退役军人慰问"]
    assert campaigns.print_list(str(tmp_path / "list.pdf"))
    context.operations.wait()
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")
    assert "1 户" in campaigns.count.text()


def test_the_detail_shows_tags_member_status_and_history(qtbot, context: Context) -> None:  # noqa: ANN001
    from ui.pages.register.detail import HouseholdDetail

    gk = context.gk
    gk.register.handover("张网格", "李网格")
    detail = HouseholdDetail(gk)
    qtbot.addWidget(detail)
    detail.show_household(gk.register.household_id("0100007"))
    detail.wait_idle()
    text = detail.view.toPlainText().replace(WORD_JOINER, "")  # a chip's name is kept unbroken
    assert "退役军人" in text and "户档案变动" in text and "责任人：张网格 → 李网格" in text



def test_the_detail_wraps_between_facts_never_inside_a_birth_year(
        qtbot, context: Context) -> None:  # noqa: ANN001
    import re

    from tests.ui.lines import shown_lines
    from ui.pages.register.detail import HouseholdDetail

    gk = context.gk
    detail = HouseholdDetail(gk)
    qtbot.addWidget(detail)
    detail.show_household(gk.register.household_id("0100007"))
    detail.wait_idle()
    whole = plain(detail.view.toPlainText())
    facts = re.findall(r"\d{4}年生|\d{3}\*{4}\d{4}", whole)  # birth years, masked phones
    assert facts, whole
    for width in range(90, 420):  # narrower than a 1024 px window leaves the pane, and wider
        shown = shown_lines(detail.view.document().clone(), width)
        broken = [fact for fact in facts if not any(fact in line for line in shown)]
        assert not broken, (width, broken, [line for line in shown if "*" in line or "年" in line])

def test_a_street_office_s_tree_lists_grids_under_their_communities(qtbot, gk: GridKeeper,
                                                                    tmp_path: Path) -> None:  # noqa: ANN001
    from dataclasses import replace

    from ui.main_window import COMMUNITY, SCOPE_ROLE, MainWindow

    gk.register.save_household(household("A1", grid="第10网格"))
    gk.register.save_household(replace(household("B1", grid="第2网格", building="9", room="901"),
                                       community="金顶街社区"))
    gk.register.save_household(replace(household("B2", grid="第1网格", building="8", room="801"),
                                       community="金顶街社区"))
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "tester")
    window = MainWindow(context)
    qtbot.addWidget(window)
    root = window.scope.topLevelItem(0)
    communities = [root.child(i) for i in range(root.childCount())]
    assert [c.text(0) for c in communities] == ["示范社区", "金顶街社区"]
    second = communities[1]
    assert [second.child(i).text(0) for i in range(second.childCount())] == ["第1网格", "第2网格"]
    assert tuple(communities[1].data(0, SCOPE_ROLE))[0] == COMMUNITY
    window.scope.setCurrentItem(communities[1])
    register = window.register()
    register.wait_idle()
    shown = {register.model.index(r, 0).data() for r in range(register.model.rowCount())}
    assert shown == {"B1", "B2"}


def test_the_handover_dialog_names_a_worker_by_community_where_two_share_a_name(
        qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    from dataclasses import replace

    from ui.operations import Operations
    from ui.pages.register.handover import HandoverDialog

    gk.register.save_household(household("A1", grid="第1网格", worker="王芳"))
    gk.register.save_household(replace(household("B1", grid="第1网格", building="9", worker="王芳"),
                                       community="金顶街社区"))
    operations = Operations()
    dialog = HandoverDialog(gk, operations)
    qtbot.addWidget(dialog)
    names = [dialog.source.itemText(i) for i in range(dialog.source.count())]
    assert "王芳（示范社区）" in names and "王芳（金顶街社区）" in names
    dialog.source.setCurrentText("王芳（金顶街社区）")
    dialog.target.setCurrentText("李强")
    dialog.grid.setCurrentText("示范社区 · 第1网格")  # another community's grid: said, not done
    assert not dialog.hand_over() and "金顶街社区" in dialog.message.text()
    dialog.grid.setCurrentText("金顶街社区 · 第1网格")
    assert dialog.hand_over()
    operations.wait()
    assert dialog.moved == 1
    assert gk.register.load_draft(gk.register.household_id("A1")).worker == "王芳"


def test_in_a_street_office_the_editor_keeps_each_household_in_its_own_community_s_grid(
        qtbot, gk: GridKeeper, tmp_path: Path) -> None:  # noqa: ANN001
    from dataclasses import replace

    from ui.pages.register.page import Page

    gk.register.save_household(household("0100001", grid="第1网格"))
    gk.register.save_household(replace(household("0900001", grid="第1网格", building="9", room="901"),
                                       community="金顶街社区"))
    context = Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "t.db", "t")
    theirs = gk.register.household_id("0900001")
    editor = HouseholdEditor(gk, theirs, None, context.operations)
    qtbot.addWidget(editor)
    assert editor.grid.currentText() == "第1网格（金顶街社区）"
    editor.phone.setText("13800001111")
    assert editor.save()
    context.operations.wait()
    assert gk.register.load_draft(theirs).community == "金顶街社区"
    # a new household from the register looking at 金顶街's 第1网格: that grid, its codes
    page = Page(context)
    qtbot.addWidget(page)
    grid_id = next(g.id for c in gk.browse.communities() for g in c.grids if c.name == "金顶街社区")
    page.set_scope(grid_id, None)
    page.wait_idle()
    new = page.new_household()
    assert new.grid.currentText() == "第1网格（金顶街社区）" and new.code.text() == "0900002"
    new.estate.setText("西山小区")
    new.building.setText("9")
    new.room.setText("902")
    new.residents.item(0, NAME).setText("钱多多")
    assert new.save()
    context.operations.wait()
    assert gk.register.load_draft(gk.register.household_id("0900002")).community == "金顶街社区"
    with pytest.raises(ValidationError, match="金顶街社区"):
        gk.register.next_code("第1网格")  # the name alone says no grid
    assert gk.register.next_code("第1网格", community="示范社区") == "0100002"
