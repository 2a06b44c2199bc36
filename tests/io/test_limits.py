"""The reading limits keep real sheets readable: a title merged across the whole sheet, merged
household codes over rows the file leaves out, a row far down; the hostile cases are in
tests/security/test_hostile_files.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from gridkeeper.io import limits
from gridkeeper.io.tables import Column, open_table

COLUMNS = (Column("code", "户编号", "code", required=True), Column("name", "姓名", "name", required=True))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _workbook(path: Path, rows: str, tail: str = "") -> Path:
    base = io.BytesIO()
    Workbook().save(base)
    source = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = f"<worksheet {NS}><sheetData>{rows}</sheetData>{tail}</worksheet>"
                out.writestr(info.filename, xml)
            else:
                out.writestr(info, source.read(info.filename))
    return path


def _cells(row: int, *values: str) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values) if v)
    return f'<row r="{row}">{cells}</row>'


def test_a_title_merged_across_every_column_is_read(tmp_path: Path) -> None:
    rows = _cells(1, "阳光社区住户台账") + _cells(2, "户编号", "姓名") + _cells(3, "H1", "张伟")
    merged = '<mergeCells count="1"><mergeCell ref="A1:XFD1"/></mergeCells>'
    path = _workbook(tmp_path / "t.xlsx", rows, merged)
    table = open_table(path, COLUMNS)
    assert table.header_row == 2 and list(table.rows()) == [(3, ["H1", "张伟"])]


def test_a_merged_code_fills_rows_the_file_leaves_out(tmp_path: Path) -> None:
    rows = _cells(1, "户编号", "姓名") + _cells(2, "H1", "张伟") + _cells(5, "", "李娜")
    path = _workbook(tmp_path / "m.xlsx", rows, '<mergeCells count="1"><mergeCell ref="A2:A5"/></mergeCells>')
    found = list(open_table(path, COLUMNS).rows())
    assert found[0] == (2, ["H1", "张伟"]) and found[-1] == (5, ["H1", "李娜"])
    assert [number for number, _ in found] == [2, 3, 4, 5]


def test_rows_far_down_are_read_without_walking_the_gap(tmp_path: Path) -> None:
    rows = _cells(1, "户编号", "姓名") + _cells(2, "H1", "张伟") + _cells(1_048_576, "H2", "李娜")
    found = list(open_table(_workbook(tmp_path / "g.xlsx", rows), COLUMNS).rows())
    assert found == [(2, ["H1", "张伟"]), (1_048_576, ["H2", "李娜"])]


def test_merged_areas_beyond_the_limit_are_refused(tmp_path: Path) -> None:
    with pytest.raises(limits.SheetRefused, match="合并单元格"):
        limits.clip_merged(tmp_path / "x.xlsx", [(1, 1, 100_000, 60)])


def test_empty_cells_far_right_are_ignored_but_a_value_there_is_refused(tmp_path: Path) -> None:
    header = _cells(1, "户编号", "姓名")
    quiet = _workbook(tmp_path / "q.xlsx", header + '<row r="2"><c r="A2" t="inlineStr"><is><t>H1</t>'
                      '</is></c><c r="B2" t="inlineStr"><is><t>张伟</t></is></c><c r="XFD2" s="1"/></row>')
    assert list(open_table(quiet, COLUMNS).rows()) == [(2, ["H1", "张伟"])]
    loud = _workbook(tmp_path / "l.xlsx", header + '<row r="2"><c r="XFD2"><v>1</v></c></row>')
    with pytest.raises(limits.SheetRefused, match="列号"):
        list(open_table(loud, COLUMNS).rows())
