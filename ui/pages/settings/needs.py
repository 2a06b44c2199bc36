"""The needs tab of the settings page: the need categories with their default deadlines, the
default deadline of each channel, the response and callback limits, and what makes a hot
spot. The page (page.py) loads, saves and marks errors for it like its other tabs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import NeedChannel
from gridkeeper.domain.i18n import language
from gridkeeper.services.settings import (
    HOT_SPOT_COUNT_KEY,
    HOT_SPOT_DAYS_KEY,
    NEED_CALLBACK_KEY,
    NEED_RESPONSE_KEY,
    NeedCategoryDraft,
    SettingsSnapshot,
    channel_deadline_key,
)

NEED_CATEGORY_COLUMNS = (
    ("code", QT_TRANSLATE_NOOP("SettingsPage", "代码")),
    ("name_zh", QT_TRANSLATE_NOOP("SettingsPage", "中文名称")),
    ("name_en", QT_TRANSLATE_NOOP("SettingsPage", "英文名称")),
    ("deadline_days", QT_TRANSLATE_NOOP("SettingsPage", "办理时限（工作日）")),
)


class NeedSettings(QWidget):
    """The needs tab; ``changed`` for every edit."""

    changed = Signal()

    def __init__(self, table_factory: type, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories = table_factory(NEED_CATEGORY_COLUMNS, NeedCategoryDraft, editable)
        self.new_category = QPushButton(self.tr("新增诉求类别"))
        self.new_category.clicked.connect(lambda: self.categories.add(NeedCategoryDraft(
            code="", name_zh="", name_en="", deadline_days=15,
            sort_order=self.categories.rowCount())))
        self.categories.edited.connect(self.changed)

        def number(low: int, high: int, suffix: str) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(suffix)
            box.valueChanged.connect(self.changed)
            return box

        self.response_box = number(0, 30, self.tr(" 个工作日"))
        self.callback_box = number(0, 30, self.tr(" 个工作日"))
        self.hot_count_box = number(2, 100, self.tr(" 件"))
        self.hot_days_box = number(1, 366, self.tr(" 天"))
        self.channel_edits: dict[str, QLineEdit] = {}
        lang = language()
        channels = QFormLayout()
        for channel in NeedChannel:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("不限"))
            edit.setMaximumWidth(80)
            edit.textChanged.connect(lambda _t: self.changed.emit())
            self.channel_edits[channel_deadline_key(channel.value)] = edit
            channels.addRow(channel.label.get(lang) + ("：" if lang == "zh" else ":"), edit)

        limits = QGroupBox(self.tr("响应与回访时限"))
        form = QFormLayout(limits)
        form.addRow(self.tr("响应时限："), self.response_box)
        form.addRow(self.tr("解决后回访："), self.callback_box)
        channel_box = QGroupBox(self.tr("各来源默认办理时限（工作日，留空为不限）"))
        channel_box.setLayout(channels)
        hot = QGroupBox(self.tr("热点（未诉先办）"))
        hot_form = QFormLayout(hot)
        hot_form.addRow(self.tr("同类诉求件数："), self.hot_count_box)
        hot_form.addRow(self.tr("统计天数："), self.hot_days_box)
        hot_note = QLabel(self.tr("同一楼栋在统计天数内有这么多件同类诉求即为热点；诉求所在单元的各户"
                                  "列入下周走访名单（原因：热点）。"))
        hot_note.setWordWrap(True)
        hot_form.addRow(hot_note)
        left = QGroupBox(self.tr("诉求类别"))
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.categories, 1)
        note_row = QHBoxLayout()
        note = QLabel(self.tr("新登记的诉求默认办理时限取类别和来源两者中更短的一个；登记时可以改。"))
        note.setWordWrap(True)
        note_row.addWidget(note, 1)
        note_row.addWidget(self.new_category)
        left_layout.addLayout(note_row)
        right = QVBoxLayout()
        right.addWidget(limits)
        right.addWidget(channel_box)
        right.addWidget(hot)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 3)
        layout.addLayout(right, 2)
        for widget in (self.new_category, self.response_box, self.callback_box, self.hot_count_box,
                       self.hot_days_box, *self.channel_edits.values()):
            widget.setEnabled(editable)

    def fill(self, snapshot: SettingsSnapshot) -> None:
        self.categories.fill(snapshot.need_categories)
        values = snapshot.values
        self.response_box.setValue(int(values[NEED_RESPONSE_KEY]))
        self.callback_box.setValue(int(values[NEED_CALLBACK_KEY]))
        self.hot_count_box.setValue(int(values[HOT_SPOT_COUNT_KEY]))
        self.hot_days_box.setValue(int(values[HOT_SPOT_DAYS_KEY]))
        for key, edit in self.channel_edits.items():
            edit.setText(values[key])

    def values(self) -> dict[str, str]:
        return {NEED_RESPONSE_KEY: str(self.response_box.value()),
                NEED_CALLBACK_KEY: str(self.callback_box.value()),
                HOT_SPOT_COUNT_KEY: str(self.hot_count_box.value()),
                HOT_SPOT_DAYS_KEY: str(self.hot_days_box.value()),
                **{key: edit.text().strip() for key, edit in self.channel_edits.items()}}

    def value_widgets(self) -> dict[str, QWidget]:
        return {NEED_RESPONSE_KEY: self.response_box, NEED_CALLBACK_KEY: self.callback_box,
                HOT_SPOT_COUNT_KEY: self.hot_count_box, HOT_SPOT_DAYS_KEY: self.hot_days_box,
                **self.channel_edits}
