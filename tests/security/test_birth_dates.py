"""The 8 digits a masked ID number hides ARE its holder's birth date: wherever a masked number
is shown (exports, printed documents, the register's detail pane) the birth date beside it is
the year only, so nobody rebuilds the full number from the two. With the unmask permission
(full data, audited) the date is shown whole.

Each way in is tried as the people who use it: exports through the command line as office
staff without ``--full``, the visit log and every other PDF as printed by default, and the
detail pane of the real main window after logging in as a grid leader and a supervisor."""

from __future__ import annotations

import csv
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.reports import pdftools
from tests.security.conftest import PASSWORD, TODAY, WEEK, Office

MASKED = re.compile(r"(\d{6})\*{8}(\d{3}[\dX])")
MONTH = TODAY[:7]


def _residents(office: Office) -> dict[str, date]:
    """Every resident's full ID number -> birth date, read behind the app's back."""
    return {number: born if isinstance(born, date) else date.fromisoformat(born)
            for number, born in office.query(
                "SELECT id_number, birth_date FROM resident WHERE id_number IS NOT NULL"
                " AND birth_date IS NOT NULL")}


def _date_forms(born: date) -> tuple[str, ...]:
    return (born.isoformat(), born.strftime("%Y%m%d"), born.strftime("%Y/%m/%d"),
            f"{born.year}年{born.month}月{born.day}日", f"{born.year}.{born.month:02d}.{born.day:02d}")


def _rebuilt(cells: list[str], numbers: dict[str, date]) -> list[str]:
    """Full ID numbers that a row's masked number and the dates beside it give back."""
    found = []
    for cell in cells:
        for head, tail in MASKED.findall(cell):
            for other in cells:
                for digits in re.findall(r"(?<!\d)(\d{4})\D?(\d{2})\D?(\d{2})(?!\d)", other):
                    if (candidate := head + "".join(digits) + tail) in numbers:
                        found.append(candidate)
    return found


def _rows(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return [list(row) for row in csv.reader(f)]
    book = load_workbook(path, read_only=True)
    try:
        return [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(
            values_only=True)]
    finally:
        book.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_masked_household_export_gives_the_birth_year_not_the_date(
        office: Office, tmp_path: Path, suffix: str) -> None:
    numbers = _residents(office)
    target = tmp_path / f"households{suffix}"
    assert office.run("export", "households", str(target), user="staff").code == 0
    title, *rows = _rows(target)
    assert "出生日期" not in title and "出生年份" in title
    masked = [row for row in rows if MASKED.search(row[title.index("身份证号")])]
    assert len(masked) >= len(numbers) * 0.9  # the demo's residents with an ID number
    assert [number for row in rows for number in _rebuilt(row, numbers)] == []
    years = {int(float(row[title.index("出生年份")])) for row in masked}
    assert years <= {born.year for born in numbers.values()} and len(years) > 10
    text = target.read_bytes().decode("utf-8", "replace") if suffix == ".csv" else ""
    for born in list(numbers.values())[:200]:
        assert born.isoformat() not in text


def test_a_full_export_keeps_the_birth_date_for_whoever_may_see_it(office: Office, tmp_path: Path) -> None:
    numbers = _residents(office)
    target = tmp_path / "households.csv"
    assert office.run("export", "households", str(target), "--full", user="staff").code == 0
    title, *rows = _rows(target)
    number, born = title.index("身份证号"), title.index("出生日期")
    full = {row[number]: row[born] for row in rows if row[number] in numbers}
    assert len(full) == len(numbers)
    assert all(numbers[n].isoformat() == b for n, b in full.items())


GRID_1 = ("FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id"
          " WHERE g.name = '第1网格'")


def _household_with_ids(office: Office) -> str:
    """A household of 第1网格 (the grid leader's) with the most residents holding an ID number."""
    return office.query(
        f"SELECT h.code {GRID_1} AND EXISTS (SELECT 1 FROM resident r WHERE r.household_id = h.id"
        " AND r.id_number IS NOT NULL) ORDER BY (SELECT count(*) FROM resident r"
        " WHERE r.household_id = h.id) DESC, h.code LIMIT 1")[0][0]


def _worker(office: Office) -> str:
    return office.query(
        "SELECT w.name " + GRID_1.replace("FROM household h",
                                          "FROM household h JOIN worker w ON w.id = h.worker_id")
        + " GROUP BY w.id, w.name ORDER BY count(*) DESC, w.name LIMIT 1")[0][0]


def _printed(office: Office, tmp_path: Path, user: str) -> dict[str, str]:
    """Every PDF the command line prints by default (masked), as text."""
    household = _household_with_ids(office)
    out = tmp_path / user
    out.mkdir()
    runs = {
        "visit log card": ("visitlog", "--household", household, "--period", MONTH[:4]),
        "visit log grid": ("visitlog", "--grid", "第1网格", "--period", MONTH),
        "roster": ("roster", "--week", WEEK, "--grid", "第1网格"),
        "completion": ("report", "--period", MONTH),
        "evidence pack": ("report", "--period", MONTH, "--worker", _worker(office)),
        "need rates": ("report", "--period", MONTH, "--needs"),
    }
    texts = {}
    for name, args in runs.items():
        target = out / f"{name.replace(' ', '-')}.pdf"
        seen = office.run(*args, "--pdf", str(target), "--date", TODAY, user=user) \
            if args[0] != "visitlog" else office.run(*args, "--pdf", str(target), user=user)
        assert seen.code == 0, (name, seen.err)
        texts[name] = pdftools.text(target)
    return texts


@pytest.mark.parametrize("user", ["staff", "leader"])
def test_no_printed_document_shows_a_birth_date_beside_a_masked_id_number(
        office: Office, tmp_path: Path, user: str) -> None:
    numbers = _residents(office)
    texts = _printed(office, tmp_path, user)
    assert MASKED.search(texts["visit log card"])  # the card lists its residents, masked
    for name, text in texts.items():
        pdftools.assert_masked(text)
        flat = re.sub(r"\s+", "", text)
        for number, born in numbers.items():
            assert number not in flat, name
            if MASKED.search(text):
                assert not any(form in flat for form in _date_forms(born)), (name, born)
    card = texts["visit log card"]
    assert "出生年份" in card and "出生日期" not in card


def test_the_unmasked_visit_log_prints_the_birth_date(office: Office, tmp_path: Path) -> None:
    numbers = _residents(office)
    household = _household_with_ids(office)
    target = tmp_path / "card.pdf"
    assert office.run("visitlog", "--household", household, "--period", MONTH[:4], "--pdf", str(target),
                      "--unmasked", user="staff").code == 0
    flat = re.sub(r"\s+", "", pdftools.text(target))
    shown = [n for n in numbers if n in flat]
    assert shown and all(numbers[n].isoformat() in flat for n in shown)


# -- the register's detail pane, in the real window after logging in ---------------------------

def _detail_text(office: Office, qtbot, user: str, unmask: bool = False) -> tuple[str, list[str]]:  # noqa: ANN001
    """Log in as ``user``, open the register, select its first household; the detail pane's
    text and the ID numbers of that household's residents."""
    from PySide6.QtCore import QSettings

    from gridkeeper.domain.roles import SYSTEM
    from gridkeeper.services.accounts import AccountService
    from gridkeeper.services.facade import GridKeeper
    from gridkeeper.services.startup import open_checked
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.texts import plain

    opened = open_checked(office.location)
    actor = AccountService(opened.db, SYSTEM).login(user, PASSWORD)
    gk = GridKeeper(opened.db, actor)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Context(gk, settings, str(office.path), actor.username))
    qtbot.addWidget(window)
    try:
        window.show_page("register")
        page = window.page("register")
        window.wait_idle()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        page.table.selectRow(0)
        detail = page.detail
        qtbot.waitUntil(lambda: detail.household_code is not None)
        if unmask:
            detail.unmask_button.click()
            detail.wait_idle()
            qtbot.waitUntil(lambda: "*" not in detail.view.toPlainText().split("适用规则")[0])
        ids = [n for (n,) in office.query(
            "SELECT r.id_number FROM resident r JOIN household h ON h.id = r.household_id"
            " WHERE h.code = :code AND r.id_number IS NOT NULL", code=detail.household_code)]
        return plain(detail.view.toPlainText()), ids
    finally:
        window.close()
        opened.db.dispose()
        if opened.lock is not None:
            opened.lock.release()


@pytest.mark.parametrize("user", ["leader", "boss"])
def test_the_detail_pane_shows_the_birth_year_beside_a_masked_id_number(
        office: Office, qtbot, user: str) -> None:  # noqa: ANN001
    numbers = _residents(office)
    text, ids = _detail_text(office, qtbot, user)
    assert ids and MASKED.search(text)
    flat = re.sub(r"\s+", "", text)
    for number in ids:
        born = numbers[number]
        assert number not in flat
        assert not any(form in flat for form in _date_forms(born)), born
        assert f"{born.year}年生" in flat
    assert _rebuilt([text], numbers) == []


def test_the_detail_pane_shows_the_birth_date_once_staff_unmask(office: Office, qtbot) -> None:  # noqa: ANN001
    numbers = _residents(office)
    text, ids = _detail_text(office, qtbot, "staff", unmask=True)
    assert ids and all(n in text and numbers[n].isoformat() in text for n in ids)
