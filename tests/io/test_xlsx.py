"""The streaming xlsx reader gives what openpyxl gives, on workbooks from Excel, WPS,
LibreOffice, openpyxl and hand-written XML in every shape the format allows."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from gridkeeper.io.tables import UnreadableFile, open_table
from gridkeeper.io.workbook import SheetData, write_workbook
from gridkeeper.io.xlsx import UnsafeWorkbook, is_date_format, read_sheet
from gridkeeper.services.importer import HOUSEHOLD_COLUMNS

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" '
          'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" '
          'formatCode="0.00_ "/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/>'
          '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs></styleSheet>')


def rows_of(path: Path) -> list[list[Any]]:
    """Our reader's rows by number, those the file leaves out empty and trailing empty cells
    and rows dropped (openpyxl pads them)."""
    rows: list[list[Any]] = []
    for number, values in read_sheet(path).rows:
        rows += [[] for _ in range(number - 1 - len(rows))]
        rows.append(values)
    return _trim(rows)


def openpyxl_rows(path: Path) -> list[list[Any]]:
    book = load_workbook(path, read_only=True, data_only=True)
    sheet = next((s for s in book.worksheets if s.sheet_state == "visible"), book.worksheets[0])
    rows = _trim([[c.value for c in row] for row in sheet.iter_rows()])
    book.close()
    return rows


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    trimmed = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        trimmed.append(row)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def package(path: Path, sheet: str, *, strings: str | None = None, styles: str = STYLES,
            workbook: str | None = None, sheets: int = 1) -> Path:
    """An xlsx written part by part, so every shape of XML can be tried."""
    sheet_list = "".join(f'<sheet name="表{i + 1}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                         for i in range(sheets))
    workbook = workbook or (f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheet_list}'
                            '</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{RELS}/worksheet" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(sheets))
    rels += f'<Relationship Id="rS" Type="{RELS}/styles" Target="styles.xml"/>'
    if strings is not None:
        rels += f'<Relationship Id="rT" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType='
                      '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(sheets))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.spreadsheetml.styles+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
               if strings is not None else "")
            + "</Types>"))
        z.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>"))
        z.writestr("xl/styles.xml", styles)
        for i in range(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheet if i == 0 else
                       f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
    return path


def worksheet(body: str, after: str = "", root: str = f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">',
              close: str = "</worksheet>") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"{root}<sheetData>{body}</sheetData>{after}{close}")


def test_a_workbook_saved_by_openpyxl_with_shared_strings_reads_the_same(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["阳光社区住户台账"])
    sheet.append(["户编号", "姓名", "出生日期", "单元", "面积", "在册", "备注"])
    sheet.append(["H1", "张伟", date(1950, 3, 4), 3, 65.5, True, "  前后空格 & <特殊>  "])
    sheet.append([None, "李娜", datetime(2026, 1, 5, 9, 30), None, None, False, "第二行\n换行"])
    sheet.append([])
    sheet.append(["H2", "王五", None, "3单元", 1e20, None, "=不是公式"])
    sheet["C6"].number_format = "yyyy-mm-dd"
    sheet["C6"] = 45000
    sheet.merge_cells("A3:A4")
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert rows_of(path) == openpyxl_rows(path)
    assert rows_of(path)[2][2] == datetime(1950, 3, 4)
    assert read_sheet(path).merged == [(3, 1, 4, 1)]


def test_our_own_export_reads_the_same(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "export.xlsx", SheetData(
        "名单", ["户编号", "姓名", "身份证号", "出生日期", "走访时间", "楼层"],
        [["0100001", "张伟", "110105194001011234", date(1940, 1, 1), datetime(2026, 5, 1, 8, 5), 3],
         ["0100002", "李&娜", None, None, None, -1]], frozenset({0, 2})))
    assert rows_of(path) == openpyxl_rows(path)
    assert rows_of(path)[1][0] == "0100001"


def test_shared_strings_in_rich_runs_and_phonetic_guides(tmp_path: Path) -> None:
    strings = (f'<sst xmlns="{MAIN}" count="6" uniqueCount="6">'
               "<si><t>张伟</t></si>"
               '<si><t xml:space="preserve"> 前空格</t></si>'
               "<si><r><rPr><b/></rPr><t>加</t></r><r><t>粗</t></r></si>"
               "<si><t>东城</t><rPh sb=\"0\" eb=\"2\"><t>とうじょう</t></rPh></si>"
               "<si><t>A &amp; B &lt;x&gt; &#20013;&#x6587;</t></si>"
               "<si><t/></si>"
               "</sst>")
    cells = "".join(f'<c r="{col}1" t="s"><v>{i}</v></c>' for i, col in enumerate("ABCDEF"))
    path = package(tmp_path / "s.xlsx", worksheet(f'<row r="1">{cells}</row>'), strings=strings)
    assert rows_of(path) == [["张伟", " 前空格", "加粗", "东城", "A & B <x> 中文", ""]]
    assert rows_of(path) == openpyxl_rows(path)


def test_every_plain_and_odd_cell_shape(tmp_path: Path) -> None:
    body = (
        '<row r="1" spans="1:9" x14ac:dyDescent="0.25">'
        '<c r="A1" s="1"><v>46027</v></c>'                       # a date serial in a built-in date style
        '<c r="B1" s="2"><v>46027</v></c>'                       # a Chinese custom date format
        '<c r="C1" s="3"><v>3.50</v></c>'                        # a number format, not a date
        '<c r="D1" t="inlineStr"><is><t>行内</t></is></c>'
        '<c r="E1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>'
        '<c r="F1" t="b"><v>1</v></c>'
        '<c r="G1" t="e"><v>#N/A</v></c>'
        '<c r="H1"><f>1+2</f><v>3</v></c>'
        '<c r="I1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        "</row>"
        '<row r="3"><c r="B3" s="4"/><c r="C3" t="n"><v>-7</v></c><c r="D3"><v>1E+3</v></c></row>'
        "<row><c><v>5</v></c><c t='inlineStr'><is><t>单引号</t></is></c>"
        '<c t="s" s="0" r="E4"><v>0</v></c></row>'                 # attributes in another order
        '<row r="6" spans="1:2"/>'                                  # an empty formatted row
        '<row r="7"><c r="A7" s="1"><v>0.5</v></c><c r="B7" s="1"><v>45000.25</v></c>'
        '<c r="C7" t="inlineStr"><is><t>第一行&#13;\r\n第二行</t></is></c></row>'
    )
    strings = f'<sst xmlns="{MAIN}"><si><t>共享</t></si></sst>'
    ws = worksheet(body, root=(f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}" xmlns:x14ac='
                               '"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'))
    path = package(tmp_path / "odd.xlsx", ws, strings=strings)
    ours = rows_of(path)
    assert ours == openpyxl_rows(path)
    assert ours[0][:3] == [datetime(2026, 1, 5), datetime(2026, 1, 5), 3.5]
    assert ours[0][3:] == ["行内", "富文本", True, "#N/A", 3, "ab"]
    assert ours[2] == [None, None, -7, 1000.0]
    assert ours[3] == [5, "单引号", None, None, "共享"]
    assert ours[6][0] == time(12, 0) and ours[6][1] == datetime(2023, 3, 15, 6, 0)
    assert ours[6][2] == "第一行\r\n第二行"
    numbers = [n for n, _ in read_sheet(path).rows]
    assert numbers == [1, 3, 4, 6, 7]  # the rows the file holds, numbered as Excel shows them


def test_namespace_prefixes_comments_and_cdata_are_read_by_the_xml_parser(tmp_path: Path) -> None:
    prefixed = worksheet(
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c>'
        '<x:c r="B1"><x:v>2</x:v></x:c></x:row>',
        after='<x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells>',
        root=f'<x:worksheet xmlns:x="{MAIN}">', close="</x:worksheet>").replace(
        "<sheetData>", "<x:sheetData>").replace("</sheetData>", "</x:sheetData>")
    path = package(tmp_path / "prefixed.xlsx", prefixed)
    assert rows_of(path) == [["前缀", 2]] == openpyxl_rows(path)
    assert read_sheet(path).merged == [(1, 1, 2, 1)]
    commented = worksheet(
        '<row r="1"><!-- <c r="A1"><v>9</v></c> --><c r="B1" t="inlineStr">'
        "<is><t><![CDATA[<c r=\"C1\"><v>1</v></c>]]></t></is></c></row>")
    path = package(tmp_path / "commented.xlsx", commented)
    assert rows_of(path) == [[None, '<c r="C1"><v>1</v></c>']] == openpyxl_rows(path)


def test_the_first_visible_sheet_is_read_and_the_1904_calendar_honoured(tmp_path: Path) -> None:
    workbook = (f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr date1904="1"/><sheets>'
                '<sheet name="隐藏" sheetId="1" state="hidden" r:id="rId1"/>'
                '<sheet name="台账" sheetId="2" r:id="rId2"/></sheets></workbook>')
    path = package(tmp_path / "hidden.xlsx", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
                   workbook=workbook, sheets=2)
    sheet = read_sheet(path)
    assert sheet.title == "台账" and list(sheet.rows) == []
    path = package(tmp_path / "mac.xlsx", worksheet('<row r="1"><c r="A1" s="1"><v>1</v></c></row>'),
                   workbook=workbook.replace(' state="hidden"', ""), sheets=2)
    assert rows_of(path) == [[datetime(1904, 1, 2)]] == openpyxl_rows(path)


def test_merged_cells_and_the_row_count_come_from_the_first_pass(tmp_path: Path) -> None:
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 2001))
    after = '<mergeCells count="2"><mergeCell ref="B2:C3"/><mergeCell ref="A5:A9"/></mergeCells>'
    path = package(tmp_path / "big.xlsx", worksheet(body, after))
    sheet = read_sheet(path)
    assert sheet.total == 2000
    assert sheet.merged == [(2, 2, 3, 3), (5, 1, 9, 1)]
    assert sum(1 for _ in sheet.rows) == 2000


def test_a_large_sheet_streamed_in_chunks_loses_no_row_or_cell(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from gridkeeper.io import xlsx

    monkeypatch.setattr(xlsx, "CHUNK", 97)  # every row and many cells cut across chunks
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>第{r}行</t></is></c>'
                   f'<c r="C{r}" t="s"><v>{r % 2}</v></c><c r="D{r}" s="1"><v>{40000 + r}</v></c>'
                   f'<c r="E{r}" t="inlineStr"><is><r><t>a</t></r></is></c></row>'
                   for r in range(1, 301))
    strings = f'<sst xmlns="{MAIN}"><si><t>甲</t></si><si><r><t>乙</t></r></si></sst>'
    path = package(tmp_path / "chunks.xlsx", worksheet(body), strings=strings)
    assert rows_of(path) == openpyxl_rows(path)


def test_a_doctype_is_refused_and_a_broken_file_is_unreadable(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            '"&lol;&lol;&lol;&lol;">]>' + worksheet('<row r="1"><c r="A1" t="inlineStr">'
                                                    "<is><t>&lol2;</t></is></c></row>"))
    path = package(tmp_path / "bomb.xlsx", bomb)
    with pytest.raises(UnsafeWorkbook):
        list(read_sheet(path).rows)
    with pytest.raises(UnreadableFile):
        open_table(path, HOUSEHOLD_COLUMNS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile):
        open_table(broken, HOUSEHOLD_COLUMNS)


@pytest.mark.parametrize("where", ["sheet", "strings"])
def test_a_doctype_behind_a_long_comment_is_refused_too(tmp_path: Path, where: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """XML allows comments before the DOCTYPE: one far past the first bytes read is still
    refused, not handed to the XML parser."""
    from gridkeeper.io import xlsx

    monkeypatch.setattr(xlsx, "CHUNK", 1000)
    doctype = ('<?xml version="1.0"?><!--' + " " * 5000 + '--><!DOCTYPE x [<!ENTITY e "e">]>')
    sheet = worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    strings = f'<sst xmlns="{MAIN}"><si><t>甲</t></si></sst>'
    if where == "sheet":
        sheet = doctype + sheet.split("\n", 1)[1]
    else:
        strings = doctype + strings
    path = package(tmp_path / "hidden.xlsx", sheet, strings=strings)
    with pytest.raises(UnsafeWorkbook):
        list(read_sheet(path).rows)
    with pytest.raises(UnreadableFile):
        open_table(path, HOUSEHOLD_COLUMNS)


@pytest.mark.parametrize("code", ["yyyy-mm-dd", "m/d/yy", '[$-804]yyyy"年"m"月"d"日"', "h:mm:ss",
                                  "[h]:mm", "0.00", "#,##0", '"days"0', "[Red]0.00", "@",
                                  "General", "mmm-yy", "0.00_ ;[Red]\\-0.00\\ ", "dd/mm/yyyy;@"])
def test_date_formats_are_told_apart_as_openpyxl_does(code: str) -> None:
    from openpyxl.styles.numbers import is_date_format as theirs

    assert is_date_format(code) == theirs(code)
