"""Workbooks written straight as XML open as Excel would show them and read back unchanged."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from gridkeeper.io.workbook import SheetData, write_workbook
from gridkeeper.io.xlsx import read_sheet

COLUMNS = ["户编号", "姓名", "身份证号", "出生日期", "走访时间", "楼层", "备注"]
ROWS = [
    ["0100001", "张伟", "110105194001011234", date(1940, 1, 1), datetime(2026, 5, 1, 8, 5), 3,
     "=HYPERLINK(\"http://x\") & <b>"],
    ["0100002", " 李娜 ", "11010519400101123X", date(1900, 2, 28), None, -1.5,
     "第一行\r\n第二行\n_x0041_ \x01"],
    [12, None, None, None, None, 2.25, True],
]


def test_values_read_back_as_written_by_us_and_by_openpyxl(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "o.xlsx", SheetData("名单", COLUMNS, ROWS, frozenset({0, 2})))
    ours = [values for _, values in read_sheet(path).rows]
    assert ours[0] == COLUMNS
    assert ours[1][:6] == ["0100001", "张伟", "110105194001011234", datetime(1940, 1, 1),
                           datetime(2026, 5, 1, 8, 5), 3]
    assert ours[1][6] == "=HYPERLINK(\"http://x\") & <b>"  # text, never a formula
    assert ours[2][1] == " 李娜 " and ours[2][3] == datetime(1900, 2, 28)
    assert ours[2][6] == "第一行\r\n第二行\n_x0041_ _x0001_"  # a control character cannot be XML
    assert ours[3] == ["12", None, None, None, None, 2.25, True]  # a text column stays text
    sheet = load_workbook(path).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)] == \
        [[v if v is not None else None for v in row] for row in ours[1:3]]
    assert sheet["G2"].data_type == "s"


def test_the_sheet_declares_its_size_as_excel_does(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "o.xlsx", SheetData("名单", COLUMNS, ROWS))
    with zipfile.ZipFile(path) as z:
        head = z.read("xl/worksheets/sheet1.xml")[:400]
    assert b'<dimension ref="A1:G4"/>' in head
    book = load_workbook(path, read_only=True)
    assert (book.active.max_row, book.active.max_column) == (4, 7)


def test_several_sheets_of_one_title_get_names_excel_accepts(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "o.xlsx", [
        SheetData("2026年第48周/汇总", ["a"], [[1]]), SheetData("2026年第48周/汇总", ["b"], [[2]]),
        SheetData("", ["c"], [])])
    book = load_workbook(path)
    assert book.sheetnames == ["2026年第48周_汇总", "2026年第48周_汇总2", "Sheet"]
    assert book.worksheets[2]["A1"].value == "c" and book.worksheets[2].max_row == 1


def test_a_form_column_offers_its_choices_on_every_data_row(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "o.xlsx", SheetData(
        "花名册", ["序号", "走访结果"], [[1, None], [2, None], [3, None]], choices={1: ("见面", "未遇")}))
    sheet = load_workbook(path).active
    (choice,) = sheet.data_validations.dataValidation
    assert str(choice.sqref) == "B2:B4" and choice.formula1 == '"见面,未遇"'
    assert sheet.freeze_panes == "A2"
