"""Reading messy sheets: title rows, merged cells, blank rows, dates, damaged IDs, encodings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.io import cells
from gridkeeper.io.tables import HeaderNotFound, detect_encoding, open_table
from gridkeeper.io.workbook import SheetData, write_workbook
from gridkeeper.services.importer import HOUSEHOLD_COLUMNS
from tests.io.sheets import HEADER, write_sheet

FIELD = T("日期", "date")


@pytest.mark.parametrize("raw", ["2026-1-5", "2026/01/05", "2026年1月5日", "2026.1.5", "20260105",
                                 datetime(2026, 1, 5, 0, 0), date(2026, 1, 5), 46027, "46027"])
def test_dates_in_every_spelling_offices_use(raw: object) -> None:
    assert cells.parse_date(raw, FIELD) == date(2026, 1, 5)


def test_a_date_that_does_not_exist_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError, match="2026-2-30"):
        cells.parse_date("2026-2-30", FIELD)


@pytest.mark.parametrize("raw", [1.10105194001011e17, 110105194001011000, "1.10105E+17"])
def test_id_numbers_excel_turned_into_numbers_are_refused_as_damaged(raw: object) -> None:
    with pytest.raises(ValidationError, match="Excel"):
        cells.id_number_text(raw, FIELD)


def test_numbers_stored_as_numbers_read_as_plain_text() -> None:
    assert cells.text(1201.0) == "1201"
    assert cells.parse_int("3单元", FIELD) == 3
    assert cells.text("  张\u3000伟 ") == "张 伟"


def test_header_found_below_title_rows_in_any_order_and_case(tmp_path: Path) -> None:
    header = ["Name", "HOUSEHOLD CODE", "网 格", "小区", "楼号", "单元", "楼层", "门牌号", "Misc"]
    path = write_sheet(tmp_path / "t.xlsx", [["张伟", "H1", "一网格", "阳光", "1", 1, 2, "201", "x"]],
                       header=header, titles=["阳光社区住户台账", "2026年11月"])
    table = open_table(path, HOUSEHOLD_COLUMNS)
    assert table.header_row == 3
    assert table.mapping["name"] == 0 and table.mapping["household_code"] == 1
    assert table.mapping["grid"] == 2
    assert table.unknown == ["Misc"]
    assert [n for n, _ in table.rows()] == [4]


def test_merged_cells_fill_every_row_they_cover_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    row = ["H1", "一网格", "阳光小区", "1", 1, 1, "101", "张伟"] + [None] * 8
    second = [None] * 7 + ["李娜"] + [None] * 8
    path = write_sheet(tmp_path / "m.xlsx", [row, second, [None] * 16, row[:7] + ["王五"]],
                       titles=["台账"], merges=["A1:P1", "A3:A4", "B3:B4", "G3:G4"])
    table = open_table(path, HOUSEHOLD_COLUMNS)
    rows = list(table.rows())
    assert [n for n, _ in rows] == [3, 4, 6]
    assert table.value(rows[1][1], "household_code") == "H1"
    assert table.value(rows[1][1], "room") == "101"


def test_no_header_is_a_clear_error(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "x.xlsx", [["a", "b"]], header=["甲", "乙"])
    with pytest.raises(HeaderNotFound):
        open_table(path, HOUSEHOLD_COLUMNS)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(("\n".join([",".join(HEADER), "H1,第一网格,阳光小区,1,1,1,101,张伟"]) + "\n")
                     .encode(encoding))
    table = open_table(path, HOUSEHOLD_COLUMNS)
    rows = list(table.rows())
    assert table.value(rows[0][1], "name") == "张伟"
    assert table.value(rows[0][1], "grid") == "第一网格"


def test_encoding_guess_prefers_bom_then_utf8_then_gb18030() -> None:
    assert detect_encoding(b"\xef\xbb\xbfabc") == "utf-8-sig"
    assert detect_encoding("张伟".encode()) == "utf-8"
    assert detect_encoding("张伟,李娜".encode("gbk")) == "gb18030"


def test_written_workbook_has_bold_frozen_header_real_dates_and_text_ids(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_workbook(tmp_path / "o.xlsx", SheetData(
        "名单", ["姓名", "身份证号", "日期"], [["张伟", "110105194001011234", date(2026, 1, 5)]],
        frozenset({1})))
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet["B2"].value == "110105194001011234" and sheet["B2"].data_type == "s"
    assert sheet["C2"].is_date
    assert sheet.column_dimensions["B"].width >= 18
