"""Read a sheet (xlsx or CSV) as numbered rows and find its header among title rows.

Real register sheets start with a title row or two ("XX社区住户台账"), have merged cells
(one 楼号 over a building's rows, one 户编号 over a household's rows), blank rows and
stray spaces. :func:`open_table` streams the rows (:mod:`gridkeeper.io.xlsx` reads the sheet's
XML itself, so a 50,000-row workbook is read in about a second and never sits in memory as
cells), fills merged areas with their top-left value and maps the header's titles to field
keys by name, in any order, ignoring case and spacing. :mod:`gridkeeper.io.limits` holds every
file to what a real register needs, before and while it is read.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.io import limits
from gridkeeper.io.cells import column_letters, is_blank, text
from gridkeeper.io.xlsx import read_sheet

HEADER_SEARCH_ROWS = 30
_NOISE = re.compile(r"[\s_\-*＊:：]")


class UnreadableFile(GridKeeperError):
    zh = "无法读取文件“{path}”：{detail}"
    en = "Cannot read file “{path}”: {detail}"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path=path, detail=detail)


class HeaderNotFound(GridKeeperError):
    zh = "在“{path}”的前{rows}行中找不到表头（至少需要以下列：{needed}）"
    en = "No header row found in the first {rows} rows of “{path}” (columns needed: {needed})"

    def __init__(self, path: str, rows: int, needed: str) -> None:
        super().__init__(path=path, rows=rows, needed=needed)


def normalise_title(title: object) -> str:
    """Header text compared without case, spaces, underscores, hyphens, stars or colons."""
    return _NOISE.sub("", text(title).lower())


@dataclass(frozen=True)
class Column:
    """A field a table may carry, with the header titles that name it."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {normalise_title(n) for n in (self.zh, self.en, self.key, *self.aliases)}


@dataclass
class Table:
    """An opened sheet: where the header is, which column holds which field, and the rows."""

    path: Path
    sheet: str
    header_row: int  # 1-based sheet row number
    titles: list[str]  # the header as written
    mapping: dict[str, int]  # field key -> 0-based column index
    unknown: list[str]  # header titles that matched no field
    missing: list[str]  # required fields not found (zh titles)
    total_rows: int  # an estimate for progress
    _rows: Iterator[tuple[int, list[Any]]] = field(repr=False, default=iter(()))
    raw_header: list[Any] = field(default_factory=list)
    before_header: list[list[Any]] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Data rows after the header as (sheet row number, values), blank rows skipped."""
        for number, values in self._rows:
            if not is_blank(values):
                yield number, values

    def value(self, values: Sequence[Any], key: str) -> Any:
        index = self.mapping.get(key)
        if index is None or index >= len(values):
            return None
        return values[index]


def open_table(path: str | Path, columns: Sequence[Column]) -> Table:
    """Open ``path`` and find the header naming the most of ``columns``."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(str(path), "文件不存在 / no such file")
    suffix = path.suffix.lower()
    try:
        limits.check_file(path)
        if suffix in (".xlsx", ".xlsm"):
            sheet, total, rows = _xlsx_rows(path)
        elif suffix in (".csv", ".txt"):
            sheet, total, rows = _csv_rows(path)
        else:
            raise UnreadableFile(str(path), "只支持 .xlsx 和 .csv / only .xlsx and .csv are read")
        limits.check_rows(path, total)
    except GridKeeperError:
        raise
    except Exception as error:  # a corrupt zip or XML: say so instead of a traceback
        raise UnreadableFile(str(path), _why(error)) from error
    rows = _guarded(path, rows)
    names = {c.key: c.names() for c in columns}
    seen: list[tuple[int, list[Any]]] = []
    best: tuple[int, int, list[Any]] | None = None  # (matches, row number, values)
    for number, values in rows:
        seen.append((number, values))
        matches = len(_match(values, names))
        if matches >= 2 and (best is None or matches > best[0]):
            best = (matches, number, values)
            if matches == len(columns):
                break
        if number >= HEADER_SEARCH_ROWS:
            break
    required = [c for c in columns if c.required]
    if best is None:
        raise HeaderNotFound(str(path), HEADER_SEARCH_ROWS, "、".join(c.zh for c in required))
    _, header_row, header = best
    mapping = _match(header, names)
    # rows read past the header while searching are data: put them back in front
    replay = [(n, v) for n, v in seen if n > header_row]
    titles = [text(v) for v in header]
    return Table(
        path=path, sheet=sheet, header_row=header_row, titles=titles, mapping=mapping,
        unknown=[t for i, t in enumerate(titles) if t and i not in mapping.values()],
        missing=[c.zh for c in required if c.key not in mapping],
        total_rows=max(total - header_row, 0), _rows=_chain(replay, rows),
        raw_header=list(header), before_header=[v for n, v in seen if n < header_row],
    )


def _chain(first: list[tuple[int, list[Any]]], rest: Iterator[tuple[int, list[Any]]]
           ) -> Iterator[tuple[int, list[Any]]]:
    yield from first
    yield from rest


def _guarded(path: Path, rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    """The rows, with any failure of the file while they are read (truncated XML, a string
    index that is not there, a number that is not one) turned into one clear error."""
    try:
        yield from rows
    except GridKeeperError:
        raise
    except Exception as error:
        raise UnreadableFile(str(path), _why(error)) from error


def _why(error: BaseException) -> str:
    """What is wrong with the file, in a line (never the file's contents at length)."""
    from xml.etree.ElementTree import ParseError

    if isinstance(error, ParseError):
        line, column = getattr(error, "position", (0, 0))
        return (f"表格的 XML 已损坏（第{line}行第{column}列） / the sheet's XML is damaged "
                f"(line {line}, column {column}): {str(error).split(':')[0]}")
    if isinstance(error, zipfile.BadZipFile | zipfile.LargeZipFile):
        return f"不是有效的 .xlsx 文件 / not a valid .xlsx file ({error})"
    if isinstance(error, UnicodeDecodeError):
        return f"编码无法识别 / unknown encoding (byte {error.start})"
    if isinstance(error, MemoryError):
        return "文件太大，内存不足 / too large for the memory"
    if isinstance(error, ValueError | KeyError | IndexError):
        return f"内容有误 / bad content: {str(error)[:200]}"
    return f"{type(error).__name__}: {str(error)[:200]}"

def _match(values: Sequence[Any], names: Mapping[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        title = normalise_title(value)
        if not title:
            continue
        for key, accepted in names.items():
            if key not in found and title in accepted:
                found[key] = index
                break
    return found


def _xlsx_rows(path: Path) -> tuple[str, int, Iterator[tuple[int, list[Any]]]]:
    limits.check_workbook(path)  # sizes and ratios from the zip directory, before any part is read
    budget = limits.SheetBudget(path)
    sheet = read_sheet(path, budget)
    areas = limits.clip_merged(path, sheet.merged)
    return sheet.title, sheet.total, _filled(sheet.rows, areas, budget)


def _filled(rows: Iterator[tuple[int, list[Any]]], areas: list[tuple[int, int, int, int]],
            budget: limits.SheetBudget) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows with merged areas filled from their top-left cell.

    Rows missing from the file are given (empty) only where they matter: within the header
    search and inside merged areas; a jump from row 3 to row 1,000,000 costs nothing. Merged
    areas are swept top to bottom, so memory follows the areas, not the cells they cover.
    """
    starts = sorted(areas)
    spans = _spans([(1, HEADER_SEARCH_ROWS)] + [(r1, r2) for r1, _, r2, _ in starts])
    active: list[tuple[int, int, int, int]] = []
    waiting = 0
    tops: dict[tuple[int, int], Any] = {}
    expected = 1

    def fill(number: int, values: list[Any]) -> list[Any]:
        nonlocal active, waiting
        while waiting < len(starts) and starts[waiting][0] <= number:
            active.append(starts[waiting])
            waiting += 1
        if active:
            active = [a for a in active if a[2] >= number]
        if not active:
            return values
        width = max(len(values), max(c2 for _, _, _, c2 in active))
        values += [None] * (width - len(values))
        for r1, c1, _r2, c2 in active:
            if r1 == number:
                tops[(r1, c1)] = values[c1 - 1]
            top = tops.get((r1, c1))
            for column in range(c1, c2 + 1):
                if (number, column) != (r1, c1):
                    values[column - 1] = top
        return values

    try:
        for number, values in rows:
            for gap in _rows_between(spans, expected, number):
                budget.row(gap)
                yield gap, fill(gap, [])
            yield number, fill(number, values)
            expected = number + 1
    finally:
        close = getattr(rows, "close", None)
        if close is not None:  # the reader's generator: closes the workbook's zip
            close()


def _spans(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Row ranges merged into sorted, disjoint spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _rows_between(spans: list[tuple[int, int]], first: int, stop: int) -> Iterator[int]:
    """Row numbers from ``first`` up to (not including) ``stop`` that lie within ``spans``."""
    if first >= stop:
        return
    index = max(bisect.bisect_right(spans, (first, 1 << 62)) - 1, 0)
    for start, end in spans[index:]:
        if start >= stop:
            break
        yield from range(max(start, first), min(end, stop - 1) + 1)


def detect_encoding(head: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if error.start < len(head) - 3:
            return "gb18030"
    return "utf-8"


def _csv_rows(path: Path) -> tuple[str, int, Iterator[tuple[int, list[Any]]]]:
    """A CSV file streamed (never read whole): encoding from its first bytes, dialect from its
    first lines, the row count for progress from one quick pass over the bytes."""
    with open(path, "rb") as probe:
        head = probe.read(65536)
    encoding = detect_encoding(head)
    try:
        sample = head.decode(encoding, errors="ignore")[:8192]
    except LookupError:  # pragma: no cover - detect_encoding names known codecs only
        sample = ""
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    total = _count_lines(path)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        budget = limits.SheetBudget(path)
        with open(path, encoding=encoding, newline="") as source:
            reader = csv.reader(source, dialect)
            for number, values in enumerate(reader, start=1):
                if len(values) > limits.MAX_COLUMNS:
                    if any(v.strip() for v in values[limits.MAX_COLUMNS:]):
                        budget.column(len(values), number, f"row {number}")
                    values = values[: limits.MAX_COLUMNS]
                for column, value in enumerate(values, start=1):
                    if len(value) > limits.MAX_CELL_CHARS:
                        budget.text(value, number, f"{column_letters(column)}{number}")
                budget.row(number, len(values))
                yield number, list(values)

    return path.stem, total, rows()


def _count_lines(path: Path) -> int:
    lines = 1
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines
