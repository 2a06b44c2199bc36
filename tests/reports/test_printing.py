"""Printing from a demo community through ``gk.printing`` and the command line: the roster
numbers and audit entries are recorded, masking holds, and rights are enforced."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gridkeeper.cli import main
from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.progress import Cancelled
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, Building, Grid, Household, PrintedRoster, Resident
from tests.reports import pdftools
from tests.reports.conftest import TODAY


def first_grid(gk: GridKeeper) -> tuple[int, str]:
    with gk.db.reading() as session:
        row = session.execute(select(Grid.id, Grid.name).order_by(Grid.sort_order, Grid.id)).first()
        assert row is not None
        return row.id, row.name


def audit_entries(gk: GridKeeper, action: str) -> list[dict[str, object]]:
    with gk.db.reading() as session:
        return [json.loads(d) for d in session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == action).order_by(AuditEntry.id))]


def printed(gk: GridKeeper) -> int:
    with gk.db.reading() as session:
        return session.scalar(select(func.count()).select_from(PrintedRoster)) or 0


def test_a_grid_keeps_one_roster_number_per_week_and_each_print_says_which_it_is(
        demo_gk: GridKeeper, tmp_path: Path) -> None:
    grid_id, grid = first_grid(demo_gk)
    roster = demo_gk.roster.roster("2026-W48", grid=grid, as_of=TODAY)
    assert roster.rows, "the demo grid should have someone due"
    result = demo_gk.printing.rosters("2026-W48", tmp_path / "r.pdf", grid=grid, as_of=TODAY)
    again = demo_gk.printing.rosters("2026-W48", tmp_path / "r2.pdf", grid=grid, as_of=TODAY)
    number = f"2026W48-{grid_id:03d}"
    assert result.numbers == again.numbers == (number,)  # a reprint keeps the number
    assert re.fullmatch(r"[0-9A-Z-]+", number)
    with demo_gk.db.reading() as session:
        rows = session.scalars(select(PrintedRoster).where(PrintedRoster.number == number)
                               .order_by(PrintedRoster.id)).all()
        assert [(r.copy, r.week, r.grid_id, r.printed_by) for r in rows] == [
            (1, "2026-W48", grid_id, "system"), (2, "2026-W48", grid_id, "system")]
        assert rows[0].households == ",".join(str(r.household_id) for r in roster.rows)
    entry = audit_entries(demo_gk, "print")[-1]
    assert entry == {"document": "roster", "week": "2026-W48", "grid": grid, "number": number,
                     "copy": 2, "households": len(roster.rows), "unmasked": False}
    first, second = pdftools.text(result.files[0]), pdftools.text(again.files[0])
    assert f"花名册编号：{number}" in first and "第1次打印" in first and "第2次打印" not in first
    assert f"花名册编号：{number}" in second and "第2次打印" in second
    positions = [first.find(r.head) for r in roster.rows if r.head]
    assert -1 not in positions and positions == sorted(positions)
    pdftools.assert_masked(first)
    pdftools.assert_cjk_font_embedded(result.files[0])


def test_all_grids_print_as_one_pdf_or_one_file_each(demo_gk: GridKeeper, tmp_path: Path) -> None:
    with demo_gk.db.reading() as session:
        grids = session.scalar(select(func.count()).select_from(Grid))
    one = demo_gk.printing.rosters("2026-W49", tmp_path / "all.pdf", as_of=TODAY)
    assert len(one.files) == 1 and len(one.numbers) == grids
    assert pdftools.pages(one.files[0]) == one.pages >= grids
    each = demo_gk.printing.rosters("2026-W49", tmp_path / "each", as_of=TODAY, per_grid=True)
    assert len(each.files) == grids and all(f.parent == tmp_path / "each" for f in each.files)
    assert each.numbers == one.numbers  # the same sheets, printed a second time


def test_a_cancelled_print_leaves_no_file_and_no_record(demo_gk: GridKeeper, tmp_path: Path) -> None:
    before = printed(demo_gk)

    def cancel(fraction: float, text: str) -> None:
        if fraction > 0.5:
            raise Cancelled()

    with pytest.raises(Cancelled):
        demo_gk.printing.rosters("2026-W50", tmp_path / "c.pdf", as_of=TODAY, progress=cancel)
    assert printed(demo_gk) == before
    assert not list(tmp_path.iterdir())


def test_full_numbers_need_the_unmask_right_and_are_audited(demo_gk: GridKeeper, tmp_path: Path) -> None:
    grid_id, grid = first_grid(demo_gk)
    leader = demo_gk.acting_as(Actor("liu", Role.GRID_LEADER, frozenset({grid_id})))
    with pytest.raises(PermissionDenied):
        leader.printing.rosters("2026-W48", tmp_path / "x.pdf", grid=grid, as_of=TODAY, unmasked=True)
    assert not (tmp_path / "x.pdf").exists()
    with demo_gk.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "refused", AuditEntry.username == "liu")) == 1
    staff = demo_gk.acting_as(Actor("wang", Role.STAFF))
    with demo_gk.db.reading() as session:
        code = session.scalar(
            select(Household.code).join(Resident, Resident.household_id == Household.id)
            .where(Resident.id_number.is_not(None)).order_by(Household.id).limit(1))
        number = session.scalar(
            select(Resident.id_number).join(Household, Household.id == Resident.household_id)
            .where(Household.code == code, Resident.id_number.is_not(None)).limit(1))
    masked = staff.printing.visit_log("2026", tmp_path / "m.pdf", household=code)
    full = staff.printing.visit_log("2026", tmp_path / "f.pdf", household=code, unmasked=True)
    pdftools.assert_masked(pdftools.text(masked.files[0]))
    assert number in pdftools.text(full.files[0])
    unmask = audit_entries(demo_gk, "unmask")[-1]
    assert unmask == {"document": "visit_log", "household": code, "period": "2026", "unmasked": True}


def test_a_grid_leader_prints_only_their_own_grid(demo_gk: GridKeeper, tmp_path: Path) -> None:
    grid_id, grid = first_grid(demo_gk)
    leader = demo_gk.acting_as(Actor("liu", Role.GRID_LEADER, frozenset({grid_id})))
    result = leader.printing.rosters("2026-W48", tmp_path / "mine.pdf", as_of=TODAY)
    assert result.numbers == (f"2026W48-{grid_id:03d}",)
    texts = pdftools.page_texts(result.files[0])
    assert all(f"网格：{grid}" in t for t in texts)


def test_grid_visit_log_is_chronological_and_masked(demo_gk: GridKeeper, tmp_path: Path) -> None:
    _, grid = first_grid(demo_gk)
    result = demo_gk.printing.visit_log("2026-10", tmp_path / "g.pdf", grid=grid)
    content = pdftools.text(result.files[0])
    assert f"{grid} 走访记录（按日期）" in content
    table = content.split("走访记录（按日期）", 1)[1]
    # the first column's dates (a review's own date is printed in the last column)
    dates = re.findall(r"(?m)^\s*(2026-10-\d\d)", table)
    assert dates and dates == sorted(dates)
    assert not re.search(r"(^|\s|、)（网格员）", table), "every team member is named"
    pdftools.assert_masked(content)


def test_completion_report_from_the_demo(demo_gk: GridKeeper, tmp_path: Path) -> None:
    figures = demo_gk.completion.figures("2026Q3", by="grid", as_of=TODAY)
    result = demo_gk.printing.completion("2026Q3", tmp_path / "c.pdf", as_of=TODAY)
    content = pdftools.text(result.files[0])
    assert pdftools.pages(result.files[0]) == result.pages
    assert f"五、未完成走访的住户（{len(figures.total.missed_households)} 户）" in content
    for group in figures.groups:
        assert group.label in content
    assert "制表人" in content and "审核人" in content
    pdftools.assert_masked(content)
    assert audit_entries(demo_gk, "print")[-1]["document"] == "completion"


def test_command_line_prints_roster_report_and_visit_log(demo_gk: GridKeeper, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_gk.db.path)
    _, grid = first_grid(demo_gk)
    with demo_gk.db.reading() as session:
        code = session.scalar(select(Household.code).order_by(Household.id).limit(1))
    assert main(["--db", db, "roster", "--week", "2026-W48", "--grid", grid,
                 "--date", TODAY.isoformat(), "--pdf", str(tmp_path / "r.pdf")]) == 0
    assert main(["--db", db, "report", "--period", "2026Q3", "--date", TODAY.isoformat(),
                 "--pdf", str(tmp_path / "c.pdf")]) == 0
    assert main(["--db", db, "visitlog", "--household", str(code), "--period", "2026-11",
                 "--pdf", str(tmp_path / "h.pdf")]) == 0
    assert main(["--db", db, "visitlog", "--grid", grid, "--period", "2026-11",
                 "--pdf", str(tmp_path / "g.pdf")]) == 0
    assert "走访花名册" in pdftools.text(tmp_path / "r.pdf")
    assert "走访完成情况报告" in pdftools.text(tmp_path / "c.pdf")
    assert "民情日志" in pdftools.text(tmp_path / "h.pdf")
    assert main(["--db", db, "visitlog", "--household", "NO-SUCH", "--period", "2026-11",
                 "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "NO-SUCH" in capsys.readouterr().err


def test_the_office_may_print_full_numbers_by_default_but_only_for_those_allowed(
        demo_gk: GridKeeper, tmp_path: Path) -> None:
    from gridkeeper.services.settings import MASK_KEY

    grid_id, _grid = first_grid(demo_gk)
    with demo_gk.db.reading() as session:
        code, number = session.execute(
            select(Household.code, Resident.id_number).join(Resident, Resident.household_id == Household.id)
            .join(Building, Building.id == Household.building_id)
            .where(Resident.id_number.is_not(None), Building.grid_id == grid_id)
            .order_by(Household.id).limit(1)).one()
    demo_gk.settings.save(values={MASK_KEY: "0"})  # 设置: masking off by default
    staff = demo_gk.acting_as(Actor("wang", Role.STAFF))
    full = staff.printing.visit_log("2026", tmp_path / "f.pdf", household=code)
    assert number in pdftools.text(full.files[0])
    assert audit_entries(demo_gk, "unmask")[-1]["household"] == code  # still audited
    leader = demo_gk.acting_as(Actor("liu", Role.GRID_LEADER, frozenset({grid_id})))
    masked = leader.printing.visit_log("2026", tmp_path / "m.pdf", household=code)
    pdftools.assert_masked(pdftools.text(masked.files[0]))  # not allowed to see: masked anyway
