"""Picking a visit's team (组团式服务) in a table cell: the household's stairwell contacts and
the grid's staff are offered, each with their role; choosing one adds them to the team typed
so far (names separated by 、), and any other name can still be typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gridkeeper.services.facade import GridKeeper

SEPARATORS = "、，, "


def names_of(team: str) -> list[str]:
    """The names in a team as typed: 张网格、王秀英 -> [张网格, 王秀英]."""
    for separator in SEPARATORS[1:]:
        team = team.replace(separator, SEPARATORS[0])
    return [name for name in team.split(SEPARATORS[0]) if name]


def with_member(team: str, name: str) -> str:
    """``team`` with ``name`` added (once)."""
    names = names_of(team)
    if name not in names:
        names.append(name)
    return "、".join(names)


class TeamDelegate(QStyledItemDelegate):
    """The editor of a team cell. ``household_of(row)`` says whose visit the row is."""

    def __init__(self, gk: GridKeeper, household_of: Callable[[int], int | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.household_of = household_of

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        household = self.household_of(index.row())
        members = self.gk.contacts.team_for(household) if household is not None else []
        box.addItem("", None)  # the team as typed so far (set in setEditorData)
        for member in members:
            box.addItem(f"{member.name}（{member.role}）", member.name)
        box.activated.connect(lambda i: self._add(box, i))
        return box

    def _add(self, box: QComboBox, position: int) -> None:
        name = box.itemData(position)
        if name:
            team = with_member(box.itemText(0), name)
            box.setItemText(0, team)
            box.setCurrentIndex(0)
            box.setEditText(team)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setItemText(0, text)
        editor.setCurrentIndex(0)
        editor.setEditText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        text = editor.currentText()
        model.setData(index, "、".join(names_of(text)))
