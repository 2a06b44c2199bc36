"""移交: every household of one worker (责任人) handed to another in one audited step, when a
worker leaves or grids are redrawn."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.services.facade import GridKeeper
from ui.operations import Changes, Operations
from ui.texts import error_text


class HandoverDialog(QDialog):
    def __init__(self, gk: GridKeeper, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.operations = operations
        self.setWindowTitle(self.tr("移交住户"))
        # a street office: two communities may each have a 王芳 and a 第1网格, so each is
        # named with its community where that is needed, and handed over within it
        self.source = QComboBox()
        places = gk.browse.worker_places()
        names = [name for name, _community in places]
        for name, community in places:
            shown = f"{name}（{community}）" if names.count(name) > 1 else name
            self.source.addItem(shown, (name, community))
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.addItems(sorted(set(names), key=names.index))
        self.target.setCurrentText("")
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        communities = gk.browse.communities()
        for community in communities:
            for node in community.grids:
                shown = f"{community.name} · {node.name}" if len(communities) > 1 else node.name
                self.grid.addItem(shown, (node.name, community.name))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("原责任人"), self.source)
        form.addRow(self.tr("接手人"), self.target)
        form.addRow(self.tr("范围"), self.grid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("移交"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.hand_over)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("原责任人的全部住户一次移交给接手人，记入审计日志和各户档案。")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.moved: int | None = None

    def hand_over(self) -> bool:
        """Start the handover off the UI thread; True when started."""
        source, community = self.source.currentData() or (self.source.currentText(), None)
        target = self.target.currentText().strip()
        grid, grid_community = self.grid.currentData() or (None, None)
        if grid is not None and grid_community != community:
            self.message.setText(self.tr("所选网格不在原责任人所在社区（%1）").replace("%1", community or ""))
            return False
        handover = self.gk.register.handover

        def done(count: int) -> None:
            self.moved = count
            self.accept()

        self.operations.run(self, lambda: handover(source, target, grid=grid, community=community),
                            Changes(households=True),
                            done=done, failed=lambda e: self.message.setText(error_text(e)),
                            label=self.tr("正在移交…"))
        return True
