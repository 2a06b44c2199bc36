"""Write plain rows as a formatted workbook: bold frozen header, fitted widths, real dates.

Every Excel export goes through :func:`write_workbook` (households, visits, rosters, the
completion report, the GUI's "export this table"), so they all look the same, and every CSV
through :func:`write_csv`.

The xlsx parts are written here directly, row by row into the zip, the way Excel writes
them: shared strings, a style per kind of cell, and the sheet-size declaration
(``<dimension>``) that lets readers size the sheet without parsing it first. openpyxl's
cell objects cost twenty seconds for a 54,000-resident register; this takes about one.
Text is always written as text: a value starting with "=" is a text cell in a workbook and
gets a leading apostrophe in a CSV (gridkeeper/io/formulas.py), never a live formula.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, TextIO

from gridkeeper.io.cells import column_letters
from gridkeeper.io.formulas import for_csv

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
WIDTH_SAMPLE = 2000  # rows looked at to fit column widths
ROWS_PER_WRITE = 2000  # rows of XML joined before they go to the zip

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EPOCH_TIME = datetime(1899, 12, 30)
# the cell styles of styles.xml below, by index
_HEADER, _TEXT, _DATE, _DATETIME = 1, 2, 3, 4


@dataclass(frozen=True)
class SheetData:
    """One sheet: its title, column titles and rows of plain values (str, int, float, date)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    text_columns: frozenset[int] = frozenset()  # 0-based: always written as text (IDs, phones)
    # 0-based column -> the values offered in a drop-down list (a form to fill in)
    choices: Mapping[int, Sequence[str]] = field(default_factory=dict)


def display_width(value: Any) -> int:
    """Width in Excel character units: CJK characters take two."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    shown = str(value)
    if shown.isascii():
        return len(shown)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown)


def write_workbook(path: str | Path, sheets: SheetData | Iterable[SheetData]) -> Path:
    """Write one or more sheets to ``path`` (.xlsx) and return the path."""
    path = Path(path)
    if isinstance(sheets, SheetData):
        sheets = [sheets]
    sheets = list(sheets)
    titles = _unique_titles([_sheet_title(s.title) for s in sheets])
    path.parent.mkdir(parents=True, exist_ok=True)
    strings = _SharedStrings()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, data in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
                _write_sheet(out, data, strings, selected=number == 1)
        archive.writestr("xl/sharedStrings.xml", strings.xml())
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/workbook.xml", _workbook(titles))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("docProps/app.xml", _APP)
    return path


def write_csv(target: Path | str | TextIO, sheet: SheetData) -> None:
    """One sheet as CSV (UTF-8 with BOM: Excel on Chinese Windows opens it without garbling),
    dates as ISO text, and text that a spreadsheet would run as a formula prefixed with an
    apostrophe (OWASP's advice; the importer drops it again)."""
    if isinstance(target, str | Path):
        with open(target, "w", newline="", encoding="utf-8-sig") as out:
            write_csv(out, sheet)
        return
    writer = csv.writer(target)
    writer.writerow([for_csv(title) for title in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return for_csv(value)


def write_rows(path: str | Path, columns: Sequence[str], rows: Sequence[Sequence[Any]],
               title: str = "Sheet1", text_columns: Iterable[int] = ()) -> Path:
    """The simple case: one sheet of plain rows under column titles (rosters, reports, GUI)."""
    return write_workbook(path, SheetData(title, columns, rows, frozenset(text_columns)))


# ---------------------------------------------------------------------------- cells

# characters XML 1.0 cannot carry: written as Excel writes them (_x0001_), as is a literal
# "_x" that would otherwise read as such an escape
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9A-Fa-f]{4}_)")
_MARKUP = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_x")


def _escape(text: str) -> str:
    if _MARKUP.search(text) is None:
        return text
    text = _UNWRITABLE.sub(lambda m: "_x005F_" if m[0] == "_" else f"_x{ord(m[0]):04X}_", text)
    # a carriage return as a reference: the reader would turn a raw one into a line feed
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


class _SharedStrings:
    """Every text of the workbook once, in the order first written (Excel's string table)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_escape(s)}</t></si>' if s[:1].isspace() or s[-1:].isspace()
            else f"<si><t>{_escape(s)}</t></si>" for s in self.index)
        return (f'{_XML}<sst xmlns="{_MAIN}" uniqueCount="{len(self.index)}">'
                f"{items}</sst>")


def _serial(value: date) -> int | float:
    """An Excel date serial (days since 1899-12-30; Excel's missing 29 Feb 1900 honoured)."""
    if isinstance(value, datetime):
        delta = value - _EXCEL_EPOCH_TIME
        days: int | float = delta.days + delta.seconds / 86_400 + delta.microseconds / 86_400e6
    else:
        days = (value - _EXCEL_EPOCH).days
    return days - 1 if 0 < days <= 60 else days


def _number(value: int | float) -> str:
    text = repr(value)
    return text if "inf" not in text and "nan" not in text else ""


# ---------------------------------------------------------------------------- the sheet


def _write_sheet(out: IO[bytes], data: SheetData, strings: _SharedStrings, selected: bool) -> None:
    width = max([len(data.columns)] + [len(r) for r in data.rows]) or 1
    last = len(data.rows) + 1
    letters = [column_letters(i + 1) for i in range(width)]
    tab = ' tabSelected="1"' if selected else ""
    head = [_XML, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}">',
            f'<dimension ref="A1:{letters[-1]}{last}"/>',
            f'<sheetViews><sheetView{tab} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
            '<sheetFormatPr defaultRowHeight="15"/>', _columns(data), "<sheetData>"]
    out.write("".join(head).encode())
    index = strings.index
    text_columns = data.text_columns
    chunk: list[str] = []
    number = 0
    for rows in ([data.columns], data.rows):
        for row in rows:
            number += 1
            line = [f'<row r="{number}">']
            for i, value in enumerate(row):
                if value is None or value == "":
                    continue
                kind = value.__class__
                if number == 1 or i in text_columns or kind is str:
                    text = value if kind is str else _text(value)
                    position = index.get(text)
                    if position is None:
                        position = index[text] = len(index)
                    style = _HEADER if number == 1 else _TEXT if i in text_columns else 0
                    line.append(f'<c r="{letters[i]}{number}" s="{style}" t="s"><v>{position}</v></c>'
                                if style else f'<c r="{letters[i]}{number}" t="s"><v>{position}</v></c>')
                elif kind is int or kind is float:
                    line.append(f'<c r="{letters[i]}{number}"><v>{_number(value)}</v></c>')
                elif kind is bool:
                    line.append(f'<c r="{letters[i]}{number}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, datetime):
                    line.append(f'<c r="{letters[i]}{number}" s="{_DATETIME}"><v>{_serial(value)}</v></c>')
                elif isinstance(value, date):
                    line.append(f'<c r="{letters[i]}{number}" s="{_DATE}"><v>{_serial(value)}</v></c>')
                elif isinstance(value, int | float):  # int and float subclasses (enums, numpy)
                    line.append(f'<c r="{letters[i]}{number}"><v>{_number(float(value))}</v></c>')
                else:  # anything else (a time, a Decimal) as its text
                    text = _text(value)
                    position = index.get(text)
                    if position is None:
                        position = index[text] = len(index)
                    line.append(f'<c r="{letters[i]}{number}" t="s"><v>{position}</v></c>')
            line.append("</row>")
            chunk.append("".join(line))
            if len(chunk) >= ROWS_PER_WRITE:
                out.write("".join(chunk).encode())
                chunk.clear()
    chunk.append("</sheetData>")
    if data.choices:
        chunk.append(_choice_lists(data.choices, letters, last))
    chunk.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
                 'footer="0.5"/></worksheet>')
    out.write("".join(chunk).encode())


def _text(value: Any) -> str:
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    return str(value)


def _columns(data: SheetData) -> str:
    widths = [display_width(c) for c in data.columns]
    for row in data.rows[:WIDTH_SAMPLE]:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], display_width(value))
    if not widths:
        return ""
    return "<cols>" + "".join(
        f'<col min="{i}" max="{i}" width="{min(width + 2, MAX_WIDTH)}" customWidth="1"/>'
        for i, width in enumerate(widths, start=1)) + "</cols>"


def _choice_lists(choices: Mapping[int, Sequence[str]], letters: list[str], last: int) -> str:
    """A drop-down of the values on each such column's data rows; other text is still
    allowed (a list refusing it would stop someone writing 外出住院 where the importer reads it)."""
    lists = []
    for column, values in choices.items():
        letter = letters[column] if column < len(letters) else column_letters(column + 1)
        listed = _escape('"' + ",".join(values) + '"')
        lists.append(f'<dataValidation type="list" allowBlank="1" showErrorMessage="0" '
                     f'sqref="{letter}2:{letter}{max(last, 2)}"><formula1>{listed}</formula1>'
                     "</dataValidation>")
    return f'<dataValidations count="{len(lists)}">{"".join(lists)}</dataValidations>'


def _sheet_title(title: str) -> str:
    # Excel forbids these characters and more than 31 characters in a sheet name
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return cleaned[:31]


def _unique_titles(titles: list[str]) -> list[str]:
    """Excel refuses two sheets of the same name (compared without case)."""
    seen: set[str] = set()
    unique = []
    for title in titles:
        candidate, n = title, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{title[: 31 - len(str(n))]}{n}"
        seen.add(candidate.lower())
        unique.append(candidate)
    return unique


# ---------------------------------------------------------------------------- the package

# cell styles: 0 plain, 1 header (bold on light blue, centred), 2 text ("@": Excel keeps an ID
# number as typed), 3 date, 4 date and time
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP = (f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>GridKeeper</Application></Properties>')


def _workbook(titles: list[str]) -> str:
    sheets = "".join(f'<sheet name="{_attribute(t)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(titles, start=1))
    return (f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><bookViews><workbookView '
            f'activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>')


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{_RELS}/worksheet" '
                     f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    return (f'{_XML}<Relationships xmlns="{_PACKAGE_RELS}">{sheets}'
            f'<Relationship Id="rId{count + 1}" Type="{_RELS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{_RELS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>')


def _content_types(count: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                     f'ContentType="{office}.spreadsheetml.worksheet+xml"/>'
                     for i in range(1, count + 1))
    return (f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.main+xml"/>'
            f"{sheets}"
            f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{office}.spreadsheetml.sharedStrings+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/>'
            "</Types>")
