"""Write plain rows as a formatted workbook: bold frozen header, fitted widths, real dates.

Every Excel export goes through :func:`write_workbook` (households, visits, rosters, the
completion report, the GUI's "export this table"), so they all look the same, and every CSV
through :func:`write_csv`. Write-only mode keeps memory flat for street-scale exports. Text
is always written as text: a value starting with "=" is a text cell in a workbook and gets a
leading apostrophe in a CSV (gridkeeper/io/formulas.py), never a live formula.
"""

from __future__ import annotations

import contextlib
import csv
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from gridkeeper.io.formulas import for_csv

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
WIDTH_SAMPLE = 2000  # rows looked at to fit column widths


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
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown)


def write_workbook(path: str | Path, sheets: SheetData | Iterable[SheetData]) -> Path:
    """Write one or more sheets to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook

    path = Path(path)
    if isinstance(sheets, SheetData):
        sheets = [sheets]
    workbook = Workbook(write_only=True)
    try:
        _fill(workbook, sheets)
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(path)
    except BaseException:
        _abandon(workbook)
        raise
    return path


def _fill(workbook: Any, sheets: Iterable[SheetData]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    centre = Alignment(horizontal="center", vertical="center")
    for data in sheets:
        sheet = workbook.create_sheet(_sheet_title(data.title))
        widths = [display_width(c) for c in data.columns]
        for row in data.rows[:WIDTH_SAMPLE]:
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], display_width(value))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        for column, values in data.choices.items():
            sheet.data_validations.append(_choice_list(column, values, len(data.rows)))
        header = []
        for title in data.columns:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font, cell.fill, cell.alignment = bold, fill, centre
            header.append(cell)
        sheet.append(header)
        for row in data.rows:
            sheet.append([_cell(sheet, v, i in data.text_columns, WriteOnlyCell)
                          for i, v in enumerate(row)])


def _abandon(workbook: Any) -> None:
    """A workbook that failed half-way (a full disk): its sheets' writers closed and their
    temporary files removed now, rather than failing again when collected (a traceback on the
    way out) and leaving rows of the register in the temp folder."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def _choice_list(column: int, values: Sequence[str], rows: int) -> Any:
    """A drop-down of ``values`` on the column's data rows; other text is still allowed (a
    list refusing it would stop someone writing 外出住院 where the importer reads it)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column + 1)
    choice = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                            showErrorMessage=False)
    choice.add(f"{letter}2:{letter}{max(rows, 1) + 1}")
    return choice


def _cell(sheet: Any, value: Any, as_text: bool, cell_type: Any) -> Any:
    if value is None or value == "":
        return None
    if as_text:
        cell = cell_type(sheet, value=str(value))
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
        cell.number_format = "@"  # keeps Excel from turning an ID number into 1.1E+17
        return cell
    if isinstance(value, str):
        cell = cell_type(sheet, value=value)
        cell.data_type = "s"  # a name like "=1+1" is a text cell, never a formula (injection)
        return cell
    if isinstance(value, datetime):
        cell = cell_type(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = cell_type(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _sheet_title(title: str) -> str:
    # Excel forbids these characters and more than 31 characters in a sheet name
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return cleaned[:31]


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
