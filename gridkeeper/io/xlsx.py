"""Read the first visible sheet of an xlsx workbook as numbered rows of plain values.

An xlsx file is a zip of XML parts: the workbook (sheet names, which are hidden, the 1904
date switch), the styles (which cells are dates), the shared strings and one part per
sheet. They are read here directly, streaming, without openpyxl's cell objects: a
54,000-row register is read in about a second instead of twenty.

The sheet is read twice. A first quick pass over the raw bytes finds what comes after the
cells (merged areas), counts the rows for the progress bar and decides how to parse. The
second pass yields the rows. Almost every cell is written in one of a few plain shapes
(``<c r="B2" s="3" t="s"><v>17</v></c>``, inline strings, empty styled cells, a formula
with its cached value); those are read with one regular expression. A cell of any other
shape (rich text, other attributes or quoting) is parsed on its own by the XML parser, and
a part that the expression could misread (comments, CDATA sections, namespace prefixes,
other encodings) is parsed by the XML parser throughout, so the values are the same
either way. A part with a DOCTYPE (entity definitions: never in a real workbook) is refused.

Values are what openpyxl's read-only mode gives with ``data_only``: text, int or float,
bool, datetime for numbers in a date style; formulas as their cached result.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path, PurePosixPath
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, fromstring, iterparse

from gridkeeper.io.cells import column_letters
from gridkeeper.io.limits import MAX_CELL_CHARS, MAX_COLUMNS, SheetBudget

CHUNK = 1 << 20  # bytes of XML handled at a time

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WINDOWS_EPOCH = datetime(1899, 12, 30)
_MAC_EPOCH = datetime(1904, 1, 1)


class UnsafeWorkbook(ValueError):
    """A part of the file declares a DOCTYPE: refused, never parsed."""


@dataclass
class SheetRows:
    """The sheet read: its title, a row count for progress, merged areas and the rows.

    ``rows`` yields (sheet row number, values) for each row the sheet holds, in the file's
    order (rows it leaves out are not given); ``merged`` holds (min_row, min_col, max_row,
    max_col), 1-based.
    """

    title: str
    total: int
    merged: list[tuple[int, int, int, int]]
    rows: Iterator[tuple[int, list[Any]]] = field(repr=False)


def read_sheet(path: str | Path, budget: SheetBudget | None = None) -> SheetRows:
    """Open ``path`` and read its first visible worksheet (the first one if all are hidden).

    ``budget`` holds the reading to :mod:`gridkeeper.io.limits` (rows, cells, columns,
    characters in a cell); the caller checks the zip directory first
    (:func:`gridkeeper.io.limits.check_workbook`) and the merged areas after.
    """
    archive = zipfile.ZipFile(path)
    try:
        book = _Book(archive)
        title, part = book.first_visible_sheet()
        survey = _survey(archive, part)
        rows = _rows(archive, part, book, survey, budget or SheetBudget(Path(path)))
    except BaseException:
        archive.close()
        raise
    return SheetRows(title, survey.total, survey.merged, rows)


def open_part(archive: zipfile.ZipFile, name: str) -> _Guarded:
    """The one place a part of the workbook is opened for reading: every byte read through it
    is looked at for a DOCTYPE, wherever it stands (XML allows comments before it, so it may
    come long after the first bytes), before any parser sees it."""
    return _Guarded(archive.open(name))


class _Guarded:
    """A part's stream that refuses a DOCTYPE in what it hands out."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._tail = b""  # the last bytes handed out: a DOCTYPE cut across two reads is found

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        _refuse_doctype(self._tail + data)
        self._tail = data[-8:]
        return data

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _Guarded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    with open_part(archive, name) as stream:
        return stream.read()


def _refuse_doctype(data: bytes) -> None:
    if b"<!DOCTYPE" in data or b"<!doctype" in data:  # XML spells it in capitals; both refused
        raise UnsafeWorkbook("DOCTYPE in a workbook part")


# ---------------------------------------------------------------------------- the workbook


class _Book:
    """What the sheet's values depend on: sheet names and parts, date styles, shared strings."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        names = set(archive.namelist())
        workbook = _office_document(archive, names)
        self.workbook_part = workbook
        root = fromstring(_read_part(archive, workbook))
        ns = _namespace(root)
        properties = root.find(f"{ns}workbookPr")
        self.epoch = _MAC_EPOCH if properties is not None and _true(
            properties.get("date1904")) else _WINDOWS_EPOCH
        self.sheets = [(s.get("name") or "", s.get("state") or "visible", s.get(f"{{{_DOC_REL}}}id"))
                       for s in root.iter(f"{ns}sheet")]
        self.targets = _relationships(archive, names, workbook)
        self.strings_part = self._part_of_type(names, "/sharedStrings")
        self.styles_part = self._part_of_type(names, "/styles")
        self._strings: list[str] | None = None
        self._date_styles: frozenset[int] | None = None

    def _part_of_type(self, names: set[str], kind: str) -> str | None:
        found = next((target for target, rel_type in self.targets.values()
                      if rel_type.endswith(kind) and target in names), None)
        return found

    def first_visible_sheet(self) -> tuple[str, str]:
        sheets = [(name, state, self.targets.get(rid or ""))
                  for name, state, rid in self.sheets]
        sheets = [(name, state, target[0]) for name, state, target in sheets
                  if target is not None and target[1].endswith("/worksheet")]
        if not sheets:
            raise ValueError("no worksheet in the workbook")
        name, _state, part = next((s for s in sheets if s[1] == "visible"), sheets[0])
        if part not in set(self.archive.namelist()):
            raise ValueError(f"worksheet part {part} missing")
        return name, part

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = _shared_strings(self.archive, self.strings_part) \
                if self.strings_part else []
        return self._strings

    @property
    def date_styles(self) -> frozenset[int]:
        if self._date_styles is None:
            self._date_styles = _date_styles(self.archive, self.styles_part) \
                if self.styles_part else frozenset()
        return self._date_styles


def _true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


def _namespace(element: Element) -> str:
    return element.tag[: element.tag.index("}") + 1] if element.tag.startswith("{") else ""


def _office_document(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" in names:
        for rel in fromstring(_read_part(archive, "_rels/.rels")).iter(_REL):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    raise ValueError("not an xlsx workbook (no xl/workbook.xml)")


def _relationships(archive: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (part name in the zip, relationship type) of ``part``."""
    folder = PurePosixPath(part).parent
    rels = str(folder / "_rels" / (PurePosixPath(part).name + ".rels"))
    if rels not in names:
        return {}
    found = {}
    for rel in fromstring(_read_part(archive, rels)).iter(_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else _normal(folder / target)
        found[rel.get("Id", "")] = (resolved, rel.get("Type", ""))
    return found


def _normal(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


# ---------------------------------------------------------------------------- styles

_BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
# as openpyxl decides (openpyxl.styles.numbers.is_date_format): quoted literals and
# bracketed locale/colour codes do not count, [h] [m] [s] do
_FORMAT_NOISE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")


def is_date_format(code: str | None) -> bool:
    """A number format that shows a date or a time."""
    if code is None:
        return False
    return _DATE_LETTER.search(_FORMAT_NOISE.sub("", code.split(";")[0])) is not None


def _date_styles(archive: zipfile.ZipFile, part: str) -> frozenset[int]:
    """Indexes of the cell styles (the ``s`` of a cell) whose number format is a date."""
    root = fromstring(_read_part(archive, part))
    ns = _namespace(root)
    custom: dict[int, str] = {}
    formats = root.find(f"{ns}numFmts")
    for fmt in formats.iter(f"{ns}numFmt") if formats is not None else ():
        number = _int(fmt.get("numFmtId"))
        if number is not None:
            custom[number] = fmt.get("formatCode") or ""
    styles = root.find(f"{ns}cellXfs")
    dates = set()
    for index, xf in enumerate(styles.iter(f"{ns}xf") if styles is not None else ()):
        number = _int(xf.get("numFmtId")) or 0
        if (is_date_format(custom[number]) if number in custom
                else number in _BUILTIN_DATE_FORMATS):
            dates.add(index)
    return frozenset(dates)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------- text

_ENTITY = re.compile(r"&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))


def _plain_text(raw: bytes) -> str:
    """Character data as the XML parser would give it: entities replaced, line ends as \\n."""
    text = raw.decode()
    if "\r" in text:  # before the entities: a &#13; stays a carriage return
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    return text


def _rich_text(element: Element, ns: str) -> str:
    """The text of a string item (<si> or <is>): its <t> and its runs' <t>, without the
    phonetic guide (<rPh>) Japanese and Chinese Excel add."""
    parts = []
    for child in element:
        if child.tag == f"{ns}t":
            parts.append(child.text or "")
        elif child.tag == f"{ns}r":
            run = child.find(f"{ns}t")
            if run is not None:
                parts.append(run.text or "")
    return "".join(parts)


# ---------------------------------------------------------------------------- shared strings

_STRING_ITEM = re.compile(
    rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>|<si><t/></si>|<si/>|(<si\b)')


def _shared_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    """Every shared string in order, plain text (openpyxl also drops the 'x005F_' escape)."""
    with open_part(archive, part) as stream:
        strings = _fast_strings(stream)
    if strings is None:  # comments, CDATA or prefixes: the XML parser reads it
        with open_part(archive, part) as stream:
            strings = _parsed_strings(stream)
    return [s.replace("x005F_", "") if "x005F_" in s else s for s in strings]


def _fast_strings(stream: _Guarded) -> list[str] | None:
    strings: list[str] = []
    pending = b""
    head = True
    root = b""
    while True:
        chunk = stream.read(CHUNK)
        data = pending + chunk
        if head:
            root, data, simple = _document_head(data)
            head = False
        else:
            simple = not _complex(data)
        if not simple:
            return None
        cut = data.rfind(b"</si>") + 5 if chunk else len(data)
        if cut < 5 and chunk:
            pending = data
            continue
        region, pending = data[:cut], data[cut:]
        skip_to = 0
        for match in _STRING_ITEM.finditer(region):
            if match.start() < skip_to:
                continue
            text, other = match.groups()
            if other is None:
                strings.append(_plain_text(text) if text else "")
                continue
            end = region.find(b"</si>", match.end())
            close = region.find(b">", match.end())
            end = close + 1 if region[close - 1:close] == b"/" else end + 5
            item = fromstring(root + region[match.start():end] + _closing(root))[0]
            strings.append(_rich_text(item, _namespace(item)))
            skip_to = end
        if not chunk:
            return strings


def _parsed_strings(stream: _Guarded) -> list[str]:
    strings = []
    for _, element in iterparse(stream, events=("end",)):
        if element.tag.endswith("}si") or element.tag == "si":
            strings.append(_rich_text(element, _namespace(element)))
            element.clear()
    return strings


# ---------------------------------------------------------------------------- the sheet

_DECLARATION = re.compile(rb'<\?xml[^>]*?encoding=["\']([A-Za-z0-9._-]+)["\']')
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)(\s[^>]*)?>")
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_ROW_NUMBER = re.compile(rb'(?<![\w:])r\s*=\s*["\'](\d+)["\']')
# a cell in a plain shape: column letters, style, type, then the value (<v>) or an inline
# string (<is><t>); a formula (<f>) before the value is passed over (its result is read)
_CELL = (
    rb'<c(?: r="([A-Z]{1,3})\d{1,7}")?(?: s="(\d{1,6})")?(?: t="([a-zA-Z]{1,9})")?'
    rb'(?:/>|>(?:<f(?: [^>]*)?(?:/>|>[^<]*</f>))?(?:<v>([^<]*)</v>)?</c>'
    rb'|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
)
_TOKEN = re.compile(_CELL + rb"|<row\b([^>]*)>|(<c\b)")


@dataclass
class _Survey:
    total: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    simple: bool = True  # the plain-shape reader may be used
    root: bytes = b""  # the sheet's opening tag, to parse an odd cell on its own


def _document_head(data: bytes) -> tuple[bytes, bytes, bool]:
    """The part's first bytes split: (the root element's opening tag, what follows it,
    whether the part is plain UTF-8 XML without namespace prefixes on its elements, so that
    the expressions above read it)."""
    _refuse_doctype(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return b"", data, False
    body = data.removeprefix(b"\xef\xbb\xbf")
    if body.startswith(b"<?xml"):
        declared = _DECLARATION.match(body)
        if declared and declared[1].lower() not in (b"utf-8", b"utf8"):
            return b"", data, False
        body = body[body.index(b"?>") + 2:]
    root = _ROOT.match(body)
    if root is None or b":" in root[1] or root[0].endswith(b"/>"):
        return b"", data, False
    rest = body[root.end():]
    return root[0].lstrip(), rest, not _complex(rest)


def _complex(data: bytes) -> bool:
    """Comments, CDATA, DOCTYPE or processing instructions: the XML parser reads those."""
    if b"<!" in data:
        _refuse_doctype(data)
        return True
    return b"<?" in data


def _closing(root: bytes) -> bytes:
    return b"</" + _ROOT.match(root)[1] + b">"  # type: ignore[index]


def _damaged(what: str) -> ParseError:
    """A part that ends before its XML does (a truncated file), as the XML parser says it."""
    error = ParseError(f"{what}: no element found")
    error.position = (0, 0)
    return error


def _survey(archive: zipfile.ZipFile, part: str) -> _Survey:
    """One pass over the sheet's raw bytes: rows, merged areas, which reader to use."""
    survey = _Survey()
    rows = 0
    end = b""  # the last bytes read: the document must end with its root's closing tag
    with open_part(archive, part) as stream:
        pending = b""
        head = True
        while True:
            chunk = stream.read(CHUNK)
            data = pending + chunk
            if head:  # the declaration and the root's opening tag set apart
                survey.root, data, survey.simple = _document_head(data)
                head = False
            # cut after the last '>': no tag is split, so nothing is counted twice or missed
            cut = data.rfind(b">") + 1 if chunk else len(data)
            region, pending = data[:cut], data[cut:]
            if survey.simple and _complex(region):
                survey.simple = False
            if region:
                end = (end + region)[-256:]
            rows += region.count(b"<row ") + region.count(b"<row>") + region.count(b":row ")
            if b"mergeCell" in region:
                for m in _MERGE.finditer(region):
                    survey.merged.append((int(m[2]), _column(m[1]), int(m[4]), _column(m[3])))
            if not chunk:
                if survey.root and not end.rstrip().endswith(_closing(survey.root)):
                    raise _damaged("the sheet ends early")
                break
    survey.total = rows
    survey.merged = sorted(set(survey.merged))
    if not survey.simple:  # a prefixed or odd file: merged areas found by the XML parser
        survey.merged = _parsed_merges(archive, part)
    return survey


def _parsed_merges(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    found = set()
    with open_part(archive, part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            tag = element.tag
            if tag.endswith("}mergeCell") or tag == "mergeCell":
                first, _, last = (element.get("ref") or "").partition(":")
                start, end = _reference(first), _reference(last or first)
                if start and end:
                    found.add((start[0], start[1], end[0], end[1]))
            elif tag.endswith("}row") or tag.endswith("}c"):
                element.clear()
    return sorted(found)


_REFERENCE = re.compile(r"^([A-Za-z]{1,7})(\d{0,10})$")


def _reference(ref: str) -> tuple[int, int] | None:
    """(row, column) of a reference like B12 (row 0 when it names a column only)."""
    match = _REFERENCE.match(ref.strip())
    return (int(match[2] or 0), _column(match[1].upper().encode())) if match else None


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for ch in letters:
            number = number * 26 + ch - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = number
    return number


def _rows(archive: zipfile.ZipFile, part: str, book: _Book, survey: _Survey,
          budget: SheetBudget) -> Iterator[tuple[int, list[Any]]]:
    """Every row the sheet holds as (number, values); the archive is closed at the end."""
    try:
        with open_part(archive, part) as stream:
            cells = _Cells(book, budget)
            if survey.simple:
                yield from _plain_rows(stream, cells, survey.root)
            else:
                yield from _parsed_rows(stream, cells)
    finally:
        archive.close()


class _Cells:
    """Turns a cell's type, style and raw value into the value the importer gets, holding the
    sheet to :mod:`gridkeeper.io.limits` as it goes."""

    def __init__(self, book: _Book, budget: SheetBudget) -> None:
        self.book = book
        self.budget = budget
        self.date_styles = book.date_styles
        self.epoch = book.epoch
        self._dates: dict[bytes, Any] = {}

    def number(self, raw: bytes, style: int | None, where: Where) -> Any:
        try:
            value: Any = int(raw)
        except ValueError:
            try:
                value = float(raw)
            except ValueError:
                value = self._odd_number(raw, where)
        if style is not None and style in self.date_styles:
            found = self._dates.get(raw)
            if found is None:
                found = self._dates[raw] = _from_excel(value, self.epoch)
            return found
        return value

    @staticmethod
    def _odd_number(raw: bytes, where: Where) -> float:
        try:
            return float(raw)  # "inf", "1_000" and the like
        except ValueError:
            text = raw[:40].decode(errors="replace")
            raise ValueError(f"cell {_cell_name(where)}: “{text}” is not a number") from None

    def string(self, raw: bytes, where: Where) -> str:
        strings = self.book.strings
        try:
            index = int(raw)
        except ValueError:
            index = -1
        if not 0 <= index < len(strings):
            raise self.budget.refuse("共享字符串编号", "the shared string index", len(strings) - 1,
                                     f"cell {_cell_name(where)}: {raw[:20].decode(errors='replace')}")
        return strings[index]

    def value(self, kind: bytes | None, style: int | None, raw: bytes | None, where: Where) -> Any:
        """A cell with a <v> (or none): ``kind`` is its ``t`` attribute."""
        if not raw:
            return None
        if kind is None or kind == b"n":
            return self.number(raw, style, where)
        if kind == b"s":
            return self.string(raw, where)
        if kind == b"b":
            return raw.strip() == b"1"
        if kind == b"d":
            return _from_iso(raw.decode())
        if kind == b"inlineStr":
            return None  # its text is in <is>, not <v>
        return _plain_text(raw)  # "str" (a formula's text) and "e" (an error) as their text

    def element(self, cell: Element, ns: str, where: str) -> Any:
        """The value of a cell parsed by the XML parser."""
        kind = cell.get("t")
        style = _int(cell.get("s"))
        if kind == "inlineStr":
            inline = cell.find(f"{ns}is")
            return _rich_text(inline, ns) if inline is not None else None
        raw = cell.findtext(f"{ns}v")
        if not raw:
            return None
        if kind in (None, "n", "s", "b", "d"):
            return self.value(kind.encode() if kind else None, style, raw.strip().encode(), where)
        return raw

    def keep(self, values: list[Any], column: int, cell: Any, number: int, where: Where) -> None:
        """Put a cell's value at its 1-based column (empty cells before it as None): a value
        beyond the register's width or too long is refused, an empty cell there dropped."""
        if column > MAX_COLUMNS or column < 1:
            if cell is None or cell == "" or column < 1:
                return
            self.budget.column(column, number, _cell_name(where))
        if cell.__class__ is str and len(cell) > MAX_CELL_CHARS:
            self.budget.text(cell, number, _cell_name(where))
        if column > len(values):
            values.extend([None] * (column - len(values)))
        values[column - 1] = cell


def _from_excel(value: float, epoch: datetime) -> Any:
    """An Excel serial as a datetime (a time for fractions of a day), as openpyxl converts it;
    a number out of the date range stays the number."""
    try:
        day, fraction = divmod(value, 1)
        diff = timedelta(milliseconds=round(fraction * 86_400_000))
        if 0 <= value < 1 and diff.days == 0:
            minutes, seconds = divmod(diff.seconds, 60)
            hours, minutes = divmod(minutes, 60)
            return time(hours, minutes, seconds, diff.microseconds)
        if 0 < value < 60 and epoch == _WINDOWS_EPOCH:
            day += 1  # Excel counts a 29 February 1900 that never was
        return epoch + timedelta(days=day) + diff
    except (OverflowError, ValueError):
        return value


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?Z?$")


def _from_iso(raw: str) -> Any:
    """A cell of type "d" (ISO 8601 text, written by some programs)."""
    match = _ISO.match(raw.strip())
    if match is None:
        return raw
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                        int(second or 0), int(float(fraction) * 1_000_000) if fraction else 0)
    except ValueError:
        return raw


def _plain_rows(stream: _Guarded, cells: _Cells, root: bytes) -> Iterator[tuple[int, list[Any]]]:
    """Rows read with the plain-shape expression, chunk by chunk, cut after a whole row."""
    closing = _closing(root)
    budget_row = cells.budget.row
    date_styles = {str(style).encode() for style in cells.date_styles}
    strings = cells.book.strings if cells.book.strings_part else []
    keep = cells.keep
    number = 0
    count = 0  # cell elements in the row, empty ones included
    values: list[Any] | None = None
    pending = b""
    inside = False
    while True:
        chunk = stream.read(CHUNK)
        data = pending + chunk
        if not inside:
            start = data.find(b"<sheetData")
            if start < 0:
                pending = data[-64:] if chunk else b""
                if not chunk:
                    break
                continue
            data = data[start:]
            if data.startswith(b"<sheetData/>"):
                break
            inside = True
        end = data.find(b"</sheetData>")
        last = end >= 0 or not chunk
        if last:
            if end < 0:
                raise _damaged("the sheet's cells end early")
            region, pending = data[:end], b""
        else:
            cut = data.rfind(b"</row>")
            if cut < 0:
                pending = data
                continue
            region, pending = data[: cut + 6], data[cut + 6:]
        skip_to = 0
        column = 0
        for match in _TOKEN.finditer(region):
            letters, style, kind, raw, inline, row, other = match.groups()
            if row is not None:
                if values is not None:
                    budget_row(number, count)
                    yield number, values
                found = _ROW_NUMBER.search(row)
                number = int(found[1]) if found else number + 1
                count = column = 0
                if row.endswith(b"/"):  # an empty row, formatted
                    values = None
                    budget_row(number, 0)
                    yield number, []
                else:
                    values = []
                continue
            if skip_to and match.start() < skip_to:
                continue  # inside a cell read on its own below
            count += 1
            if values is None:
                values = []  # a cell outside a row: kept with the row before
            if other is not None:
                close = region.find(b">", match.end())
                end_at = close + 1 if region[close - 1:close] == b"/" \
                    else region.find(b"</c>", close) + 4
                if close < 0 or end_at < 4:
                    raise _damaged("a cell is not closed")
                element = fromstring(root + region[match.start():end_at] + closing)[0]
                ref = element.get("r") or ""
                position = _reference(ref) if ref else None
                column = position[1] if position else column + 1
                keep(values, column, cells.element(element, _namespace(element), ref or str(number)),
                     number, ref)
                skip_to = end_at
                continue
            column = (_COLUMNS.get(letters) or _column(letters)) if letters else column + 1
            if inline is not None:
                cell: Any = _plain_text(inline) if inline else ""
                if len(cell) > MAX_CELL_CHARS:
                    cells.budget.text(cell, number, _cell_name((column, number)))
            elif not raw:
                cell = None
            elif kind is None or kind == b"n":
                if style is not None and style in date_styles:
                    cell = cells.number(raw, int(style), (column, number))
                else:
                    try:
                        cell = int(raw)
                    except ValueError:  # 1.5, 1E+3, or not a number at all (said so)
                        cell = cells.number(raw, None, (column, number))
            elif kind == b"s":
                position = int(raw) if raw.isdigit() else -1
                cell = strings[position] if 0 <= position < len(strings) \
                    else cells.string(raw, (column, number))
                if len(cell) > MAX_CELL_CHARS:
                    cells.budget.text(cell, number, _cell_name((column, number)))
            else:
                cell = cells.value(kind, int(style) if style else None, raw,
                                   (column, number))
                if cell.__class__ is str and len(cell) > MAX_CELL_CHARS:
                    cells.budget.text(cell, number, _cell_name((column, number)))
            if column > MAX_COLUMNS:
                keep(values, column, cell, number, (column, number))
            elif column == len(values) + 1:
                values.append(cell)
            elif column > len(values):
                values.extend([None] * (column - len(values) - 1))
                values.append(cell)
            else:
                values[column - 1] = cell
        if last:
            break
    if values is not None:
        budget_row(number, count)
        yield number, values


# where a cell is, for a message: its reference, or (column, row) turned into one only then
Where = str | tuple[int, int]


def _cell_name(where: Where) -> str:
    return where if isinstance(where, str) else f"{column_letters(where[0])}{where[1]}"


def _parsed_rows(stream: _Guarded, cells: _Cells) -> Iterator[tuple[int, list[Any]]]:
    """Rows read by the XML parser (files the plain-shape expression must not read)."""
    number = 0
    for _, element in iterparse(stream, events=("end",)):
        tag = element.tag
        if not (tag.endswith("}row") or tag == "row"):
            continue
        ns = _namespace(element)
        ref = element.get("r")
        number = int(ref) if ref and ref.strip().isdigit() else number + 1
        values: list[Any] = []
        column = 0
        count = 0
        for cell in element.iter(f"{ns}c"):
            count += 1
            ref = cell.get("r") or ""
            position = _reference(ref) if ref else None
            column = position[1] if position else column + 1
            cells.keep(values, column, cells.element(cell, ns, ref or str(number)), number, ref)
        element.clear()
        cells.budget.row(number, count)
        yield number, values
