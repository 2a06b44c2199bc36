"""The household editor: address, status, worker, notes and a residents sub-table with their
categories. A new household is offered the next free code of its grid; a person without an ID
number is given a birth date and gender by hand; someone registered in another household is
moved here (asked first), someone who moved out or died comes back as the same record.

Save hands a draft to RegisterService.save_household (one transaction, run as an operation off
the UI thread); a conflicting edit made elsewhere is reported, never overwritten. Esc, Cancel
or closing the window with changes asks first: save, discard or stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridkeeper.domain.enums import Gender, HouseholdStatus, ResidentStatus
from gridkeeper.domain.errors import ConcurrentEdit, DuplicateIdNumber, ValidationError
from gridkeeper.domain.i18n import language
from gridkeeper.domain.idnumber import parse_id_number
from gridkeeper.domain.phone import normalise_phone
from gridkeeper.domain.register import AssignmentDraft, HouseholdDraft, ResidentDraft
from gridkeeper.services.facade import GridKeeper
from ui.operations import Changes, Operations
from ui.texts import error_text, gender_label
from ui.widgets.unsaved import Choice, ask_to_save

NAME, GENDER, ID_NUMBER, BIRTH, PHONE, RELATION, HEAD, STATUS = range(8)
_TYPED_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def typed_date(text: str) -> date | None:
    """A birth date as people type it: 1941-05-06, 1941/5/6, 1941.5.6, 1941年5月6日."""
    found = _TYPED_DATE.match(text.strip())
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
BAD = QBrush(QColor("#ffcdd2"))


class HouseholdEditor(QDialog):
    saved = Signal(int)

    def __init__(self, gk: GridKeeper, household_id: int | None, parent: QWidget | None = None,
                 operations: Operations | None = None, grid_id: int | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.household_id = household_id
        # the window's writer; an editor on its own (tests) has its own
        self.operations = operations if operations is not None else Operations(self)
        self.saving = False
        self.setWindowTitle(self.tr("新建住户") if household_id is None else self.tr("编辑住户"))
        self.resize(900, 640)
        self.draft: HouseholdDraft | None = None
        # per resident row: its id/version and its category drafts
        self._resident_meta: list[tuple[int | None, int | None]] = []
        self._categories: list[list[AssignmentDraft]] = []
        self._chips = gk.browse.categories()

        self.code = QLineEdit()
        self._proposed = ""  # the code offered for the grid chosen (replaced when the grid changes)
        self.grid = QComboBox()
        self.grid.setEditable(True)
        # a street office's communities may each have a 第1网格: each grid is named with its
        # community there, and a new grid may be typed as 第9网格（金顶街社区）
        communities = gk.browse.communities()
        for community in communities:
            for node in community.grids:
                shown = f"{node.name}（{community.name}）" if len(communities) > 1 else node.name
                self.grid.addItem(shown, (node.name, community.name, node.id))
        if grid_id is not None:  # a new household of the grid the register is looking at
            self.grid.setCurrentIndex(max(0, next(
                (i for i in range(self.grid.count()) if self.grid.itemData(i)[2] == grid_id), 0)))
        # 登记日期; the lowest date reads "on the register before records began" (blank)
        self.registered = QDateEdit(QDate.currentDate())
        self.registered.setCalendarPopup(True)
        self.registered.setDisplayFormat("yyyy-MM-dd")
        self.registered.setMinimumDate(QDate(1900, 1, 1))
        self.registered.setSpecialValueText(self.tr("记录开始前已在册"))
        self.registered.setMaximumDate(QDate.currentDate())
        self.estate = QLineEdit()
        self.building = QLineEdit()
        self.unit = QSpinBox()
        self.unit.setRange(1, 99)
        self.floor = QSpinBox()
        self.floor.setRange(-5, 200)
        self.floor.setValue(1)
        self.room = QLineEdit()
        self.phone = QLineEdit()
        self.status = QComboBox()
        for status in HouseholdStatus:
            self.status.addItem(status.label.get(language()), status.value)
        self.status_until = QDateEdit(QDate.currentDate())
        self.status_until.setCalendarPopup(True)
        self.status_until.setDisplayFormat("yyyy-MM-dd")
        self.worker = QComboBox()
        self.worker.setEditable(True)
        self.worker.addItem("")
        self.worker.addItems(gk.browse.workers())
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)

        form = QFormLayout()
        address = QHBoxLayout()
        for label, widget in (
            (self.tr("小区"), self.estate),
            (self.tr("楼"), self.building),
            (self.tr("单元"), self.unit),
            (self.tr("层"), self.floor),
            (self.tr("门牌"), self.room),
        ):
            address.addWidget(QLabel(label))
            address.addWidget(widget)
        form.addRow(self.tr("户编号"), self.code)
        form.addRow(self.tr("网格"), self.grid)
        form.addRow(self.tr("地址"), address)
        form.addRow(self.tr("登记日期"), self.registered)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        self.until_label = QLabel(self.tr("暂停至"))
        status_row.addWidget(self.until_label)
        status_row.addWidget(self.status_until)
        status_row.addStretch(1)
        form.addRow(self.tr("状态"), status_row)
        form.addRow(self.tr("户联系电话"), self.phone)
        form.addRow(self.tr("责任人"), self.worker)
        form.addRow(self.tr("备注"), self.notes)

        self.residents = QTableWidget(0, 8)
        self.residents.setHorizontalHeaderLabels(
            [
                self.tr("姓名"),
                self.tr("性别"),
                self.tr("身份证号"),
                self.tr("出生日期"),
                self.tr("电话"),
                self.tr("与户主关系"),
                self.tr("户主"),
                self.tr("状态"),
            ]
        )
        self.residents.horizontalHeaderItem(BIRTH).setToolTip(
            self.tr("有身份证号时自动填写；没有身份证号时请填写，如 1941-05-06"))
        self.residents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.residents.horizontalHeader().setSectionResizeMode(ID_NUMBER, QHeaderView.ResizeMode.Stretch)
        self.residents.setMinimumHeight(150)
        self.residents.itemChanged.connect(self._cell_changed)
        self.residents.currentCellChanged.connect(lambda row, *_: self._show_categories(row))
        add = QPushButton(self.tr("添加成员"))
        add.clicked.connect(lambda: self.add_resident(ResidentDraft(name="", relation="")))
        remove = QPushButton(self.tr("删除成员"))
        remove.clicked.connect(self._remove_resident)
        resident_buttons = QHBoxLayout()
        resident_buttons.addWidget(add)
        resident_buttons.addWidget(remove)
        resident_buttons.addStretch(1)

        self.category_table = QTableWidget(0, 5)
        self.category_table.setHorizontalHeaderLabels(
            [
                self.tr("人员类别"),
                self.tr("起始日期"),
                self.tr("截止日期"),
                self.tr("残疾类别"),
                self.tr("残疾等级"),
            ]
        )
        self.category_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.category_table.setMaximumHeight(150)
        add_category = QPushButton(self.tr("添加类别"))
        add_category.clicked.connect(lambda: self._add_category_row(None))
        remove_category = QPushButton(self.tr("删除类别"))
        remove_category.clicked.connect(
            lambda: self.category_table.removeRow(self.category_table.currentRow())
        )
        category_buttons = QHBoxLayout()
        category_buttons.addWidget(add_category)
        category_buttons.addWidget(remove_category)
        category_buttons.addStretch(1)
        self._category_row = -1

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消 (Esc)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        people = QGroupBox(self.tr("家庭成员"))
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.residents)
        people_layout.addLayout(resident_buttons)
        people_layout.addWidget(QLabel(self.tr("所选成员的人员类别")))
        people_layout.addWidget(self.category_table)
        people_layout.addLayout(category_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(people, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(self._status_changed)

        if household_id is not None:
            self.load(gk.register.load_draft(household_id))
        else:
            self.add_resident(ResidentDraft(name="", is_head=True))
            self._propose_code()
            self.grid.currentTextChanged.connect(lambda _text: self._propose_code())
        self._status_changed()
        self._loaded = self.current_draft()  # what "unchanged" means for the questions on leaving

    def confirm(self, text: str) -> bool:
        """Ask a yes/no question (tests answer it themselves)."""
        answer = QMessageBox.question(self, self.windowTitle(), text)
        return answer == QMessageBox.StandardButton.Yes

    def grid_choice(self) -> tuple[str, str | None]:
        """The grid chosen or typed, and its community (None: the one the name is found in)."""
        text = self.grid.currentText().strip()
        index = self.grid.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0 and self.grid.itemData(index):
            name, community, _grid_id = self.grid.itemData(index)
            return name, community
        typed = re.fullmatch(r"(.+?)\s*[（(]\s*(.+?)\s*[）)]", text)
        return (typed.group(1), typed.group(2)) if typed else (text, None)

    def _propose_code(self) -> None:
        """The next free code of the chosen grid, while the code is not typed by hand."""
        grid, community = self.grid_choice()
        try:
            proposal = self.gk.register.next_code(grid, community=community) if grid else ""
        except ValidationError:  # a typed name two communities share: say which on saving
            proposal = ""
        if self.code.text().strip() in ("", self._proposed):
            self.code.setText(proposal)
        self._proposed = proposal
        self.code.setPlaceholderText(proposal)

    def _offer_move(self, error: DuplicateIdNumber) -> bool:
        """Someone living in another household typed in here: move them (the same record,
        categories and history) if the user says so, and save again."""
        question = error_text(error) + "\n\n" + self.tr(
            "把此人迁入本户吗？迁入后仍是同一份档案，人员类别和记录随人迁移；原户留下迁出记录。")
        if not self.confirm(question):
            return False
        number = str(error.params.get("value", ""))
        for row in range(self.residents.rowCount()):
            item = self.residents.item(row, ID_NUMBER)
            if item is not None and item.text().strip().upper() == number:
                self._resident_meta[row] = (error.resident_id, None)
        self.save()
        return True

    # --- loading -------------------------------------------------------------------------
    def load(self, draft: HouseholdDraft) -> None:
        self.draft = draft
        self.code.setText(draft.code)
        self.code.setReadOnly(True)
        self.registered.setDate(QDate(draft.registered_on) if draft.registered_on
                                else self.registered.minimumDate())
        index = next((i for i in range(self.grid.count())
                      if self.grid.itemData(i)[:2] == (draft.grid, draft.community)), -1)
        if index >= 0:
            self.grid.setCurrentIndex(index)
        else:
            self.grid.setCurrentText(draft.grid)
        self.estate.setText(draft.estate)
        self.building.setText(draft.building)
        self.unit.setValue(draft.unit)
        self.floor.setValue(draft.floor)
        self.room.setText(draft.room)
        self.phone.setText(draft.phone or "")
        self.status.setCurrentIndex(max(0, self.status.findData(draft.status)))
        if draft.status_until:
            self.status_until.setDate(QDate(draft.status_until))
        self.worker.setCurrentText(draft.worker or "")
        self.notes.setPlainText(draft.notes or "")
        self.residents.setRowCount(0)
        self._resident_meta.clear()
        self._categories.clear()
        for resident in draft.residents:
            self.add_resident(resident)
        if draft.residents:
            self.residents.setCurrentCell(0, NAME)

    def add_resident(self, r: ResidentDraft) -> None:
        row = self.residents.rowCount()
        self.residents.blockSignals(True)
        self.residents.insertRow(row)
        for column, text in (
            (NAME, r.name),
            (GENDER, gender_label(r.gender)),
            (ID_NUMBER, r.id_number or ""),
            (BIRTH, r.birth_date.isoformat() if r.birth_date else ""),
            (PHONE, r.phone or ""),
            (RELATION, r.relation),
        ):
            item = QTableWidgetItem(text)
            if column in (GENDER, BIRTH):
                # from the ID number when there is one; typed in by hand for someone without
                item.setData(Qt.ItemDataRole.UserRole, r.gender if column == GENDER else r.birth_date)
                if r.id_number:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.residents.setItem(row, column, item)
        head = QCheckBox()
        head.setChecked(r.is_head)
        head.setStyleSheet("margin-left:8px")
        self.residents.setCellWidget(row, HEAD, head)
        status = QComboBox()
        for value in ResidentStatus:
            status.addItem(value.label.get(language()), value.value)
        status.setCurrentIndex(max(0, status.findData(r.status)))
        self.residents.setCellWidget(row, STATUS, status)
        self.residents.blockSignals(False)
        self._resident_meta.append((r.id, r.version))
        self._categories.append(list(r.categories))

    def _remove_resident(self) -> None:
        row = self.residents.currentRow()
        if row < 0:
            return
        self._category_row = -1
        self.residents.removeRow(row)
        del self._resident_meta[row]
        del self._categories[row]

    # --- live validation -----------------------------------------------------------------
    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == ID_NUMBER:
            self._check_id(item.row())
        elif item.column() == PHONE:
            self._check_phone(item.row())
        elif item.column() in (GENDER, BIRTH):
            self._check_typed(item.row())

    def _check_typed(self, row: int) -> bool:
        """Gender and birth date typed for someone without an ID number (an 85-year-old
        without one is 高龄 all the same)."""
        id_item = self.residents.item(row, ID_NUMBER)
        if id_item is not None and id_item.text().strip():
            return True  # taken from the ID number
        gender, birth = self.residents.item(row, GENDER), self.residents.item(row, BIRTH)
        self.residents.blockSignals(True)
        try:
            text = gender.text().strip()
            try:
                value = Gender.parse(text).value if text else None
            except ValueError:
                gender.setBackground(BAD)
                self.message.setText(self.tr("性别应为男或女"))
                return False
            gender.setBackground(QBrush())
            gender.setData(Qt.ItemDataRole.UserRole, value)
            text = birth.text().strip()
            day = typed_date(text)
            if text and (day is None or day > date.today()):
                birth.setBackground(BAD)
                self.message.setText(self.tr("出生日期“%1”无效，应写作 1941-05-06").replace("%1", text))
                return False
            birth.setBackground(QBrush())
            birth.setData(Qt.ItemDataRole.UserRole, day)
            self.message.clear()
            return True
        finally:
            self.residents.blockSignals(False)

    def _check_id(self, row: int) -> bool:
        item = self.residents.item(row, ID_NUMBER)
        text = item.text().strip() if item else ""
        self.residents.blockSignals(True)
        try:
            if not text:
                item.setBackground(QBrush())
                return True
            try:
                facts = parse_id_number(text)
            except ValidationError as error:
                item.setBackground(BAD)
                self.message.setText(error_text(error))
                return False
            item.setBackground(QBrush())
            self.message.clear()
            gender = self.residents.item(row, GENDER)
            gender.setText(gender_label(facts.gender))
            gender.setData(Qt.ItemDataRole.UserRole, facts.gender)
            birth = self.residents.item(row, BIRTH)
            birth.setText(facts.birth_date.isoformat())
            birth.setData(Qt.ItemDataRole.UserRole, facts.birth_date)
            for derived in (gender, birth):  # the ID number says it: not typed over
                derived.setFlags(derived.flags() & ~Qt.ItemFlag.ItemIsEditable)
                derived.setBackground(QBrush())
            return True
        finally:
            self.residents.blockSignals(False)

    def _check_phone(self, row: int) -> bool:
        item = self.residents.item(row, PHONE)
        self.residents.blockSignals(True)
        try:
            normalise_phone(item.text())
        except ValidationError as error:
            item.setBackground(BAD)
            self.message.setText(error_text(error))
            return False
        finally:
            self.residents.blockSignals(False)
        item.setBackground(QBrush())
        self.message.clear()
        return True

    def _status_changed(self) -> None:
        suspended = self.status.currentData() == HouseholdStatus.SUSPENDED
        self.status_until.setVisible(suspended)
        self.until_label.setVisible(suspended)

    # --- categories of the selected resident ---------------------------------------------
    def _show_categories(self, row: int) -> None:
        self._keep_categories()
        self._category_row = row
        self.category_table.setRowCount(0)
        if 0 <= row < len(self._categories):
            for assignment in self._categories[row]:
                self._add_category_row(assignment)

    def _add_category_row(self, a: AssignmentDraft | None) -> None:
        if self._category_row < 0 and a is None:
            if self.residents.rowCount() == 0:
                return
            self._category_row = max(0, self.residents.currentRow())
        row = self.category_table.rowCount()
        self.category_table.insertRow(row)
        kind = QComboBox()
        for chip in self._chips:
            kind.addItem(chip.name_zh if language() == "zh" else chip.name_en, chip.code)
        if a is not None:
            kind.setCurrentIndex(max(0, kind.findData(a.category)))
        since = QDateEdit(QDate(a.valid_from) if a else QDate.currentDate())
        since.setCalendarPopup(True)
        since.setDisplayFormat("yyyy-MM-dd")
        until = QDateEdit()
        until.setCalendarPopup(True)
        until.setDisplayFormat("yyyy-MM-dd")
        until.setSpecialValueText(self.tr("长期"))
        until.setMinimumDate(QDate(1900, 1, 1))
        until.setDate(QDate(a.valid_to) if a and a.valid_to else until.minimumDate())
        disability = QComboBox()
        kinds = (
            "",
            self.tr("视力"),
            self.tr("听力"),
            self.tr("言语"),
            self.tr("肢体"),
            self.tr("智力"),
            self.tr("精神"),
            self.tr("多重"),
        )  # the 7 kinds of the disability card, 1-7
        for i, label in enumerate(kinds):
            disability.addItem(label, i or None)
        disability.setCurrentIndex(a.disability_kind or 0 if a else 0)
        grade = QSpinBox()
        grade.setRange(0, 4)
        grade.setSpecialValueText("—")
        grade.setValue(a.disability_grade or 0 if a else 0)
        for column, widget in enumerate((kind, since, until, disability, grade)):
            self.category_table.setCellWidget(row, column, widget)
        self.category_table.setItem(row, 0, QTableWidgetItem())
        self.category_table.item(row, 0).setData(Qt.ItemDataRole.UserRole, a.id if a else None)

    def _keep_categories(self) -> None:
        """Store the category table back into the resident it belongs to."""
        row = self._category_row
        if not 0 <= row < len(self._categories):
            return
        kept = []
        for r in range(self.category_table.rowCount()):
            kind, since, until, disability, grade = (self.category_table.cellWidget(r, c) for c in range(5))
            until_date = None if until.date() == until.minimumDate() else until.date().toPython()
            kept.append(
                AssignmentDraft(
                    category=kind.currentData(),
                    valid_from=since.date().toPython(),
                    valid_to=until_date,
                    disability_kind=disability.currentData(),
                    disability_grade=grade.value() or None,
                    id=self.category_table.item(r, 0).data(Qt.ItemDataRole.UserRole),
                )
            )
        self._categories[row] = kept

    # --- saving --------------------------------------------------------------------------
    def current_draft(self) -> HouseholdDraft:
        self._keep_categories()
        residents = []
        for row in range(self.residents.rowCount()):

            def text(column: int, row: int = row) -> str:
                item = self.residents.item(row, column)
                return item.text().strip() if item else ""

            resident_id, version = self._resident_meta[row]
            birth = self.residents.item(row, BIRTH).data(Qt.ItemDataRole.UserRole)
            residents.append(
                ResidentDraft(
                    name=text(NAME),
                    id_number=text(ID_NUMBER) or None,
                    gender=None
                    if text(ID_NUMBER)
                    else self.residents.item(row, GENDER).data(Qt.ItemDataRole.UserRole),
                    birth_date=None if text(ID_NUMBER) else birth,
                    phone=text(PHONE) or None,
                    relation=text(RELATION)
                    or ("户主" if self.residents.cellWidget(row, HEAD).isChecked() else ""),
                    is_head=self.residents.cellWidget(row, HEAD).isChecked(),
                    status=self.residents.cellWidget(row, STATUS).currentData(),
                    categories=tuple(self._categories[row]),
                    id=resident_id,
                    version=version,
                )
            )
        status = self.status.currentData()
        base = self.draft or HouseholdDraft(
            code="", grid="", estate="", building="", unit=1, floor=1, room=""
        )
        registered = self.registered.date()
        grid, community = self.grid_choice()
        return replace(
            base,
            code=self.code.text().strip() or self._proposed,
            registered_on=None if registered == self.registered.minimumDate() else registered.toPython(),
            grid=grid,
            community=community or base.community,
            estate=self.estate.text(),
            building=self.building.text(),
            unit=self.unit.value(),
            floor=self.floor.value(),
            room=self.room.text(),
            phone=self.phone.text() or None,
            notes=self.notes.toPlainText() or None,
            worker=self.worker.currentText() or None,
            status=status,
            status_until=self.status_until.date().toPython() if status == HouseholdStatus.SUSPENDED else None,
            status_since=base.status_since
            if status == base.status
            else (date.today() if status != HouseholdStatus.ACTIVE else None),
            residents=tuple(residents),
        )

    def unsaved_work(self) -> str:
        if self.saving or self.current_draft() == self._loaded:
            return ""
        code = self.code.text().strip()
        return (self.tr("住户 %1 的修改尚未保存。").replace("%1", code) if code
                else self.tr("新建住户尚未保存。"))

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: changes are saved, dropped or kept open."""
        what = self.unsaved_work()
        if what:
            choice = ask_to_save(self, what)
            if choice is Choice.CANCEL:
                return
            if choice is Choice.SAVE:
                self.save()  # closes once saved; a refusal keeps it open with the reason
                return
        super().reject()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Check the ID numbers and phones, then save off the UI thread; True when started.
        The dialog closes once saved (``saved`` is emitted, then ``then`` runs)."""
        if self.saving:
            return False
        for row in range(self.residents.rowCount()):
            if not self._check_id(row) or not self._check_phone(row) or not self._check_typed(row):
                return False
        draft = self.current_draft()
        save_household = self.gk.register.save_household
        self.saving = True

        def saved(household_id: int) -> None:
            self.saving = False
            self._loaded = draft
            self.household_id = household_id
            self.saved.emit(household_id)
            self.accept()
            if then is not None:
                then()

        def refused(error: Exception) -> None:
            self.saving = False
            if isinstance(error, DuplicateIdNumber) and error.resident_id is not None \
                    and self._offer_move(error):
                return
            text = error_text(error)
            if isinstance(error, ConcurrentEdit):
                text += "\n" + self.tr("另一处已修改此户：您的修改未保存。请关闭后重新打开以查看最新内容。")
            self.message.setText(text)

        self.operations.run(self, lambda: save_household(draft), Changes(households=True), done=saved,
                            failed=refused, label=self.tr("正在保存住户…"))
        return True
