"""A visit's team picked from the stairwell's standing contacts and the grid's staff."""

from __future__ import annotations

from sqlalchemy import select

from gridkeeper.services.contacts import ContactDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Building
from tests.conftest import household
from ui.widgets.team_picker import TeamDelegate, names_of, with_member


def test_names_are_read_and_added_once() -> None:
    assert names_of("张网格、王秀英, 李警官") == ["张网格", "王秀英", "李警官"]
    assert with_member("张网格", "王秀英") == "张网格、王秀英"
    assert with_member("张网格、王秀英", "王秀英") == "张网格、王秀英"


def test_the_team_cell_offers_the_stairwell_contacts_and_adds_the_one_chosen(qtbot, gk: GridKeeper) -> None:  # noqa: ANN001
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QWidget

    hid = gk.register.save_household(household("H1", unit=1, worker="张网格"))
    with gk.db.reading() as session:
        building = session.scalar(select(Building.id))
    gk.contacts.set_contacts(building, [ContactDraft("王秀英", "楼门长", unit=1),
                                        ContactDraft("李警官", "社区民警")])
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("张网格"))
    parent = QWidget()
    qtbot.addWidget(parent)
    delegate = TeamDelegate(gk, lambda row: hid)
    index = model.index(0, 0)
    editor = delegate.createEditor(parent, None, index)  # type: ignore[arg-type]
    delegate.setEditorData(editor, index)
    offered = [editor.itemText(i) for i in range(editor.count())]
    assert "王秀英（楼门长）" in offered and "李警官（社区民警）" in offered and "张网格（网格员）" in offered
    editor.activated.emit(offered.index("王秀英（楼门长）"))
    delegate.setModelData(editor, model, index)
    assert model.data(index) == "张网格、王秀英"
