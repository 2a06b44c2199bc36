"""How big an incoming sheet may be: limits no real register reaches, checked before and while
reading, so that a hostile file is refused in seconds with bounded memory and nothing written.

A street office's whole register (60,000 households, about 160,000 residents) is a 12 MB
workbook whose sheet XML is some 120 MB, or a 20 MB CSV; the measured 54,000-resident
workbook is 4 MB with 40 MB of sheet XML and 870,000 cells. The limits leave two to ten
times that room. Every check raises :class:`SheetRefused` naming the limit and where it was
crossed; the table reader (:mod:`gridkeeper.io.tables`) calls them, and anything faster that
replaces its reading keeps calling them (they are cheap: a comparison per row or cell).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from gridkeeper.domain.errors import GridKeeperError

MAX_FILE_BYTES = 100 * 2**20  # the file as it lies on disk, workbook or CSV
MAX_SHEET_XML_BYTES = 256 * 2**20  # one worksheet, uncompressed
MAX_SHARED_STRINGS_BYTES = 64 * 2**20  # the workbook's string table (held whole while the sheet is read)
MAX_OTHER_PART_BYTES = 16 * 2**20  # styles, workbook, relations, ...
MAX_PARTS = 1000  # members of the workbook's zip
MAX_RATIO = 100  # uncompressed / compressed for a part over 1 MB (real sheets: 5-15)
MAX_ROWS = 300_000  # data rows
MAX_ROW_NUMBER = 1_048_576  # Excel's last row
MAX_COLUMNS = 256  # a register uses 16-40; empty cells further right are ignored
MAX_CELLS_PER_ROW = 1024  # cell elements in one row, empty ones included
MAX_CELLS = 10_000_000  # cell elements in the sheet
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_MERGED_CELLS = 5_000_000  # cells covered by merged areas (a household's code over its rows)


class SheetRefused(GridKeeperError):
    """The file goes beyond what any register needs: refused before it costs the machine."""

    zh = "文件“{path}”未导入：{what}超过上限 {limit}（{where}）"
    en = "File “{path}” was not imported: {what_en} exceeds the limit of {limit} ({where})"

    def __init__(self, path: str, what: str, what_en: str, limit: int | str, where: str) -> None:
        super().__init__(path=path, what=what, what_en=what_en, limit=limit, where=where)


@dataclass
class SheetBudget:
    """What one reading of one sheet has used so far (rows, cells)."""

    path: Path
    rows: int = 0
    cells: int = 0

    def refuse(self, what: str, what_en: str, limit: int | str, where: str) -> SheetRefused:
        return SheetRefused(str(self.path), what, what_en, limit, where)

    def row(self, number: int, cells: int = 0) -> None:
        """A row read: its number, and how many cell elements it held."""
        if number > MAX_ROW_NUMBER:
            raise self.refuse("行号", "the row number", f"{MAX_ROW_NUMBER:,}", f"row {number:,}")
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise self.refuse("行数", "the number of rows", f"{MAX_ROWS:,}", f"row {number:,}")
        if cells > MAX_CELLS_PER_ROW:
            raise self.refuse("一行的单元格数", "the cells in one row", f"{MAX_CELLS_PER_ROW:,}",
                              f"row {number:,}: {cells:,}")
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise self.refuse("单元格总数", "the number of cells", f"{MAX_CELLS:,}", f"row {number:,}")

    def column(self, number: int, row: int, ref: str) -> bool:
        """Whether to keep a cell with a value in column ``number``: beyond the register's
        width it is refused (an empty one is simply skipped by the caller)."""
        if number > MAX_COLUMNS:
            raise self.refuse("列号", "the column", f"{MAX_COLUMNS} (IV)", f"cell {ref or row}")
        return True

    def text(self, value: str, row: int, ref: str) -> str:
        if len(value) > MAX_CELL_CHARS:
            raise self.refuse("单元格文字长度", "the text in one cell", f"{MAX_CELL_CHARS:,}",
                              f"cell {ref or f'row {row}'}: {len(value):,} characters")
        return value


def check_file(path: Path) -> None:
    """The file's size on disk, before anything reads it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SheetRefused(str(path), "文件大小", "the file size", f"{MAX_FILE_BYTES // 2**20} MB",
                           f"{size / 2**20:,.0f} MB")


def check_rows(path: Path, total: int) -> None:
    """The rows the file holds, counted before any is read (a CSV's lines, a sheet's rows)."""
    if total > MAX_ROWS + 100:  # the header and title rows above it
        raise SheetRefused(str(path), "行数", "the number of rows", f"{MAX_ROWS:,}", f"{total:,} rows")


def check_workbook(path: Path) -> None:
    """The workbook's zip directory, before any part is read: sizes as declared (the reader
    stops at the declared size), count of parts and compression ratio (zip bombs)."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise SheetRefused(str(path), "压缩包内文件数", "the parts in the workbook", MAX_PARTS,
                               f"{len(parts):,}")
        for part in parts:
            name = part.filename.lower()
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                limit = MAX_SHEET_XML_BYTES
            elif name == "xl/sharedstrings.xml":
                limit = MAX_SHARED_STRINGS_BYTES
            elif name.endswith((".xml", ".rels")) or name.endswith("vbaproject.bin"):
                limit = MAX_OTHER_PART_BYTES
            else:  # pictures and printer settings: never read, but still unpacked by none
                limit = MAX_SHEET_XML_BYTES
            if part.file_size > limit:
                raise SheetRefused(str(path), "解压后大小", "the unpacked size", f"{limit // 2**20} MB",
                                   f"{part.filename}: {part.file_size / 2**20:,.0f} MB")
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > 2**20 and ratio > MAX_RATIO:
                raise SheetRefused(str(path), "压缩比", "the compression ratio", MAX_RATIO,
                                   f"{part.filename}: {ratio:,.0f}")


def clip_merged(path: Path, areas: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merged areas (min_row, min_col, max_row, max_col) cut to the register's width; their
    covered cells counted (a one-line title merged across the whole sheet is fine, a range
    over a million rows is not)."""
    clipped = []
    covered = 0
    for r1, c1, r2, c2 in areas:
        if r2 < r1 or c2 < c1 or r1 < 1 or c1 < 1:
            continue
        if c1 > MAX_COLUMNS:
            continue
        c2 = min(c2, MAX_COLUMNS)
        if r2 > MAX_ROW_NUMBER:
            raise SheetRefused(str(path), "合并单元格的行号", "a merged area's row", f"{MAX_ROW_NUMBER:,}",
                               f"rows {r1:,}-{r2:,}")
        covered += (r2 - r1 + 1) * (c2 - c1 + 1)
        if covered > MAX_MERGED_CELLS:
            raise SheetRefused(str(path), "合并单元格覆盖的格数", "the cells covered by merged areas",
                               f"{MAX_MERGED_CELLS:,}", f"rows {r1:,}-{r2:,}")
        clipped.append((r1, c1, r2, c2))
    return clipped
