"""Hostile sheets: each is refused with one line naming the problem, within 10 s and under
1 GB of memory, and nothing is written.

Every file is imported through the real command line in a child process whose address space
is capped at 1 GB (RLIMIT_AS) and whose peak memory is read back (RUSAGE_CHILDREN). The
samples are built here: small files that once exhausted the machine (a merged range over the
whole sheet, a row a million rows down, a cell in column ZZZZZZ, a zip bomb), files that once
gave raw tracebacks (truncated XML, a string index that is not there, a number that is not one)
and what an attacker would try next (entity expansion, a string-table bomb, a renamed file).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.io.sheets import HEADER, register_rows
from tests.security.conftest import PASSWORD, Office

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS and RUSAGE_CHILDREN are POSIX")

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 10  # of the child's CPU time: the machine is shared, its wall clock is not ours
WALL_SECONDS = 60  # a hang or a wait is caught all the same
MEMORY = 1 << 30
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float  # wall clock
    peak_mb: float
    cpu_seconds: float = 0.0


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


# The command as `python -m gridkeeper` runs it, noting on the way out the process's own peak
# resident memory (VmHWM, which exec resets). wait4's ru_maxrss cannot tell it: a forked child
# starts from the test process's resident size, hundreds of MB late in a full run.
_PEAK_NOTED = (
    "import atexit, os, runpy\n"
    "def note():\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "    open(os.environ['PEAK_KB_FILE'], 'w').write(status)\n"
    "atexit.register(note)\n"
    "runpy.run_module('gridkeeper', run_name='__main__', alter_sys=True)\n")


def import_as_staff(office: Office, sheet: Path, kind: str = "households") -> Outcome:
    """The import in a child capped at 1 GB; its own peak memory (not the test process's,
    which a forked child starts from) and its own CPU time from wait4."""
    peak_file = office.path.parent / "child.peak"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRIDKEEPER_PASSWORD": PASSWORD,
           "XDG_DATA_HOME": str(office.path.parent / "userdata"), "PEAK_KB_FILE": str(peak_file)}
    out, err = office.path.parent / "child.out", office.path.parent / "child.err"
    started = time.monotonic()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", _PEAK_NOTED, "--lang", "en", "--db", office.location, "--user",
             "staff", "import", kind, str(sheet)],
            stdout=stdout, stderr=stderr, env=env, preexec_fn=_cap_memory)
        killer = threading.Timer(120, child.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    texts = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    out.unlink()
    err.unlink()
    # a child killed before its exit handlers ran leaves no note: the inherited figure is an
    # upper bound then
    peak_kb = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    peak_file.unlink(missing_ok=True)
    return Outcome(child.returncode, texts[0], texts[1], seconds, peak_kb / 1024,
                   usage.ru_utime + usage.ru_stime)


def _counts(office: Office) -> tuple[int, ...]:
    return tuple(office.query(
        "SELECT (SELECT count(*) FROM household), (SELECT count(*) FROM resident), "
        "(SELECT count(*) FROM visit)")[0])


# -- building the samples --------------------------------------------------------------------


def _base_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in register_rows(2, seed=5):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_xml(rows: str, tail: str = "") -> str:
    header = "".join(f'<c t="inlineStr"><is><t>{title}</t></is></c>' for title in HEADER)
    return (f'<worksheet {NS}><sheetData><row r="1">{header}</row>{rows}</sheetData>{tail}'
            "</worksheet>")


def _data_row(number: int, extra: str = "", code: str = "X1") -> str:
    cells = [f'<c t="inlineStr"><is><t>{code}</t></is></c>', '<c t="inlineStr"><is><t>第1网格</t></is></c>',
             '<c t="inlineStr"><is><t>阳光小区</t></is></c>', "<c><v>1</v></c>", "<c><v>1</v></c>",
             "<c><v>1</v></c>", '<c t="inlineStr"><is><t>101</t></is></c>',
             '<c t="inlineStr"><is><t>张伟</t></is></c>']
    return f'<row r="{number}">{"".join(cells)}{extra}</row>'


def workbook_with(path: Path, sheet: str | Callable[[zipfile.ZipFile], None] | None = None,
                  extra: dict[str, bytes] | None = None) -> Path:
    """The base workbook with its sheet replaced (text, or a writer for huge content)."""
    base = zipfile.ZipFile(io.BytesIO(_base_workbook()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in base.infolist():
            if info.filename == "xl/worksheets/sheet1.xml" and sheet is not None:
                if callable(sheet):
                    sheet(out)
                else:
                    out.writestr(info.filename, sheet)
            elif extra and info.filename in extra:
                continue
            else:
                out.writestr(info, base.read(info.filename))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


def _spaces(name: str, size: int, start: bytes, end: bytes) -> Callable[[zipfile.ZipFile], None]:
    def write(out: zipfile.ZipFile) -> None:
        chunk = b" " * (1 << 24)
        with out.open(name, "w", force_zip64=True) as member:
            member.write(start)
            for _ in range(size // len(chunk)):
                member.write(chunk)
            member.write(end)
    return write


def merged_bomb(folder: Path) -> Path:
    return workbook_with(folder / "merged.xlsx", _sheet_xml(
        _data_row(2), '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))


def many_merges(folder: Path) -> Path:
    merges = "".join(f'<mergeCell ref="A{r}:IV{r + 99}"/>' for r in range(3, 300_000, 100))
    return workbook_with(folder / "merges.xlsx", _sheet_xml(
        _data_row(2), f'<mergeCells count="3000">{merges}</mergeCells>'))


def row_gap(folder: Path) -> Path:
    return workbook_with(folder / "gap.xlsx", _sheet_xml(_data_row(2) + _data_row(1_048_576, code="X2")))


def row_beyond_excel(folder: Path) -> Path:
    return workbook_with(folder / "beyond.xlsx", _sheet_xml(_data_row(2) + _data_row(999_999_999, code="X2")))


def far_column(folder: Path) -> Path:
    return workbook_with(folder / "zzzzzz.xlsx", _sheet_xml(
        _data_row(2, '<c r="ZZZZZZ2"><v>1</v></c>')))


def zip_bomb(folder: Path) -> Path:
    start = f'<worksheet {NS}><sheetData>'.encode()
    return workbook_with(folder / "bomb.xlsx", _spaces(
        "xl/worksheets/sheet1.xml", 1536 * 2**20, start, b"</sheetData></worksheet>"))


def string_table_bomb(folder: Path) -> Path:
    start = f'<sst {NS} count="1" uniqueCount="1"><si><t>'.encode()
    workbook_with(folder / "sst.xlsx", _sheet_xml('<row r="2"><c t="s"><v>0</v></c></row>'))
    target = folder / "sst-bomb.xlsx"
    base = zipfile.ZipFile(folder / "sst.xlsx")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in base.infolist():
            out.writestr(info, base.read(info.filename))
        _spaces("xl/sharedStrings.xml", 200 * 2**20, start, b"</t></si></sst>")(out)
    return target


def truncated_xml(folder: Path) -> Path:
    whole = _sheet_xml(_data_row(2) + _data_row(3, code="X2"))
    return workbook_with(folder / "truncated.xlsx", whole[: len(whole) * 2 // 3])


def bad_string_index(folder: Path) -> Path:
    return workbook_with(folder / "sst-index.xlsx", _sheet_xml(
        '<row r="2"><c r="A2" t="s"><v>99999</v></c><c r="B2" t="s"><v>-4</v></c></row>'))


def not_a_number(folder: Path) -> Path:
    return workbook_with(folder / "nan.xlsx", _sheet_xml(
        '<row r="2"><c r="A2"><v>H1</v></c><c r="E2"><v>three</v></c></row>'))


def entity_expansion(folder: Path) -> Path:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    xml = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>' +
           _sheet_xml('<row r="2"><c t="inlineStr"><is><t>&j;</t></is></c></row>'))
    return workbook_with(folder / "laughs.xlsx", xml)


def renamed_text(folder: Path) -> Path:
    path = folder / "renamed.xlsx"
    path.write_text("户编号,姓名\nH1,张伟\n", encoding="utf-8")
    return path


def long_cell(folder: Path) -> Path:
    return workbook_with(folder / "long.xlsx", _sheet_xml(
        _data_row(2).replace("<t>张伟</t>", "<t>" + "张" * 100_000 + "</t>")))


def big_csv(folder: Path) -> Path:
    path = folder / "big.csv"
    line = ("H000001,第1网格,阳光小区,1,1,1,101,张伟,男,,,,户主,,," + " " * 200 + "\n").encode()
    with open(path, "wb") as out:
        out.write(",".join(HEADER).encode() + b"\n")
        block = line * 4096
        while out.tell() < 200 * 2**20:
            out.write(block)
    return path


def many_rows_csv(folder: Path) -> Path:
    path = folder / "rows.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(HEADER) + "\n")
        out.write("H1,第1网格,阳光小区,1,1,1,101,张伟\n" * 400_000)
    return path


def wide_csv(folder: Path) -> Path:
    path = folder / "wide.csv"
    path.write_text(",".join(HEADER) + "\n" + "H1,第1网格,阳光小区,1,1,1,101,张伟" + ",x" * 5000 + "\n",
                    encoding="utf-8")
    return path


def binary_csv(folder: Path) -> Path:
    path = folder / "binary.csv"
    path.write_bytes(bytes(range(256)) * 4000)
    return path


SAMPLES: dict[str, tuple[Callable[[Path], Path], str]] = {
    # name: (builder, words the one line must contain)
    "merged range over the whole sheet": (merged_bomb, "merged"),
    "3,000 merged blocks of 100 x 256 cells": (many_merges, "merged"),
    "a row beyond Excel's last": (row_beyond_excel, "row"),
    "a cell in column ZZZZZZ": (far_column, "column"),
    "1.5 GB zip bomb": (zip_bomb, "unpacked size"),
    "200 MB string table": (string_table_bomb, "unpacked size"),
    "truncated XML": (truncated_xml, "damaged"),
    "bad shared-string index": (bad_string_index, "shared string"),
    "a number that is not one": (not_a_number, "not a number"),
    "entity expansion": (entity_expansion, ""),
    "a text file named .xlsx": (renamed_text, "xlsx"),
    "100,000 characters in a cell": (long_cell, "characters"),
    "200 MB CSV": (big_csv, "file size"),
    "400,000-row CSV": (many_rows_csv, "rows"),
    "5,000-column CSV": (wide_csv, "column"),
    "binary noise as CSV": (binary_csv, ""),
}


def test_a_row_a_million_rows_down_costs_nothing(office: Office, tmp_path: Path) -> None:
    """Row 1,048,576 is Excel's own last row: the rows between are not walked through."""
    outcome = import_as_staff(office, row_gap(tmp_path))
    assert outcome.code == 0, outcome.err
    assert outcome.cpu_seconds < SECONDS and outcome.seconds < WALL_SECONDS and outcome.peak_mb < 400
    assert "added households 2: X1, X2" in outcome.out  # --lang en: English punctuation


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_hostile_file_is_refused_in_one_line_quickly_and_within_memory(
        office: Office, tmp_path: Path, name: str) -> None:
    build, words = SAMPLES[name]
    sheet = build(tmp_path)
    before = _counts(office)
    (office.path.parent / "userdata").mkdir(exist_ok=True)
    files = sorted(p.name for p in office.path.parent.iterdir())
    outcome = import_as_staff(office, sheet)
    lines = outcome.err.strip().splitlines()
    assert outcome.code != 0, outcome.out
    assert "Traceback" not in outcome.err and "MemoryError" not in outcome.err, outcome.err[-2000:]
    if words:  # the file itself refused: one line naming the problem
        assert len(lines) == 1 and words in lines[0], outcome.err[-2000:]
    else:  # read, and every row's problem listed (or one line): never a crash
        assert lines, outcome.err
    assert outcome.cpu_seconds < SECONDS, f"{name}: {outcome.cpu_seconds:.1f} s of CPU"
    assert outcome.seconds < WALL_SECONDS, f"{name}: {outcome.seconds:.1f} s"
    assert outcome.peak_mb < MEMORY / 2**20, f"{name}: {outcome.peak_mb:.0f} MB"
    assert _counts(office) == before
    assert sorted(p.name for p in office.path.parent.iterdir()) == files  # not even a backup
    print(f"{name}: {outcome.seconds:.1f} s, {outcome.peak_mb:.0f} MB peak: {lines[0][:120]}")


def test_a_street_scale_register_still_imports_within_the_limits(office: Office, tmp_path: Path) -> None:
    """54,000 residents (18,000 households) in one workbook: well inside every limit."""
    from openpyxl import Workbook as Streamed

    rows = register_rows(18_000, seed=1)
    workbook = Streamed(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "street.xlsx"
    workbook.save(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRIDKEEPER_PASSWORD": PASSWORD,
           "XDG_DATA_HOME": str(tmp_path / "userdata")}
    done = subprocess.run(
        [sys.executable, "-m", "gridkeeper", "--lang", "en", "--db", office.location, "--user", "staff",
         "import", "households", str(path), "--dry-run"],
        capture_output=True, text=True, env=env, preexec_fn=_cap_memory, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"rows read {len(rows)}" in done.stdout
