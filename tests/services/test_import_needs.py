"""A batch of 12345 hotline tickets: matched by address then phone, unmatched ones listed for
a person, re-imports update and never duplicate, malformed sheets write nothing."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from gridkeeper.domain.enums import NeedChannel, Role
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.domain.roles import Actor
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.need_transfer import NeedImportService
from tests.conftest import household

NOW = datetime(2026, 12, 1, 18)
HEADER = ["工单号", "来源", "受理时间", "诉求人", "联系电话", "地址", "诉求内容", "类别", "办理时限"]


@pytest.fixture
def office(gk: GridKeeper) -> GridKeeper:
    save = gk.register.save_household
    save(household("H1", building="3", unit=2, room="501", floor=5, phone="13800000001"))
    save(household("H2", building="3", unit=2, room="502", floor=5,
                   residents=(ResidentDraft(name="李秀英", phone="13900000002"),)))
    save(household("H3", building="4", unit=1, room="101", phone="13700000003"))
    save(household("H4", building="4", unit=1, room="102", phone="13700000003"))  # one phone, two flats
    return gk


def sheet(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
        return path
    book = Workbook()
    book.active.append(["12345市民服务热线 派单明细"])  # the title row hotline sheets carry
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


BATCH = [
    # matched by address (Chinese numerals, 门 for 单元)
    ["GD2611020001", "12345", datetime(2026, 11, 2, 9, 15), "张伟", "13811112222",
     "石景山区阳光小区三号楼二门501", "楼下车位被长期占用", "停车", date(2026, 11, 11)],
    # no address match: found by the resident's phone
    ["GD2611020002", "12345热线", "2026-11-02 10:30", "李秀英", "139-0000-0002",
     "阳光小区", "暖气不热", "供暖", "5个工作日"],
    # the phone is two households' and the address names none: unlinked, several
    ["GD2611020003", "hotline", "2026/11/3 8:00", "王强", "13700000003",
     "阳光小区附近", "路灯不亮", "安全隐患", None],
    # nothing matches: unlinked, none
    ["GD2611020004", "来电", "2026-11-03 11:00", "赵敏", "138****9999",
     "金顶街模式口大街12号", "路面坑洼", "市政道路", None],
    # a referral with its own ticket number space
    ["GD2611020001", "部门转办", "2026-11-04 14:00", "", "", "阳光小区3号楼2单元502",
     "区住建委转：外墙脱落", "房屋维修", "2026-11-20"],
]


def test_a_hotline_batch_matches_households_and_lists_the_unmatched(office: GridKeeper,
                                                                   tmp_path: Path) -> None:
    importer = NeedImportService(office.db, office.actor)
    result = importer.import_needs(sheet(tmp_path / "batch.xlsx", BATCH), now=NOW)
    assert result.written and result.problems == []
    assert result.added == ["GD2611020001", "GD2611020002", "GD2611020003", "GD2611020004",
                            "GD2611020001"]
    assert [(u.row, u.ticket_no, u.why) for u in result.unlinked] == [
        (5, "GD2611020003", "several"), (6, "GD2611020004", "none")]
    rows = {(r.channel, r.ticket_no): r for r in office.needs.list_needs()}
    first = rows["hotline_12345", "GD2611020001"]
    assert (first.household_code, first.received_at, first.category, first.deadline) == (
        "H1", datetime(2026, 11, 2, 9, 15), "parking", date(2026, 11, 11))
    assert (first.contact_name, first.contact_phone) == ("张伟", "138****2222")  # masked on screen
    assert office.needs.full_phone(first.id) == "13811112222"  # to call back: audited
    assert any(line.action == "unmask" and line.table == "need" for line in office.auditlog.browse())
    second = rows["hotline_12345", "GD2611020002"]
    assert second.household_code == "H2"  # by the resident's phone
    assert second.deadline == date(2026, 11, 9)  # 5 working days from Monday 2 November
    # 供暖 is not an office category: 其他, the hotline's word kept, a warning not a refusal
    assert (second.category, second.category_text) == ("other", "供暖")
    assert any(w.value == "供暖" for w in result.warnings)
    assert rows["hotline_12345", "GD2611020003"].unlinked == "several"
    assert rows["phone", "GD2611020004"].unlinked == "none"
    assert rows["phone", "GD2611020004"].contact_phone == "138****9999"  # masked by the hotline: kept
    assert rows["referred", "GD2611020001"].household_code == "H2"
    # the unmatched wait on the needs page for a person to link them
    assert [r.ticket_no for r in office.needs.list_needs(unlinked=True)] == ["GD2611020004", "GD2611020003"]
    assert any(line.action == "import" and line.table == "need" for line in office.auditlog.browse())


def test_a_reimport_updates_and_never_duplicates(office: GridKeeper, tmp_path: Path) -> None:
    importer = NeedImportService(office.db, office.actor)
    importer.import_needs(sheet(tmp_path / "first.xlsx", BATCH), now=NOW)
    need_id = next(r.id for r in office.needs.list_needs() if r.ticket_no == "GD2611020001"
                   and r.channel == "hotline_12345")
    office.needs.start(need_id, office.needs.need(need_id).version, now=datetime(2026, 11, 2, 11))
    office.needs.assign(need_id, office.needs.need(need_id).version, "李娜",
                        now=datetime(2026, 11, 2, 11))
    again = [list(row) for row in BATCH]
    again[0][6] = "楼下车位被长期占用，已多次反映"  # the hotline added to the ticket
    again[0][8] = date(2026, 11, 9)
    again[3][5] = "阳光小区4号楼1单元102"  # the address now names a household
    result = importer.import_needs(sheet(tmp_path / "again.csv", again), now=NOW)
    assert result.added == [] and result.problems == []
    assert sorted(result.changed) == ["GD2611020001", "GD2611020004"]
    assert len(result.unchanged) == 3
    assert len(office.needs.list_needs()) == 5
    row = office.needs.need(need_id)
    assert (row.description, row.deadline) == ("楼下车位被长期占用，已多次反映", date(2026, 11, 9))
    assert (row.status, row.handler) == ("in_progress", "李娜")  # the handling is kept
    assert [e.kind for e in office.needs.history(need_id)][-1] == "updated"
    linked = next(r for r in office.needs.list_needs() if r.ticket_no == "GD2611020004")
    assert (linked.household_code, linked.unlinked) == ("H4", None)
    assert [u.ticket_no for u in result.unlinked] == ["GD2611020003"]


def test_a_malformed_sheet_writes_nothing_and_names_each_problem(office: GridKeeper, tmp_path: Path) -> None:
    bad = [list(row) for row in BATCH]
    bad[1][1] = "微信"  # unknown 来源
    bad[2][2] = "昨天上午"  # not a time
    bad[3][6] = ""  # no content
    bad.append(list(BATCH[0]))  # the same ticket twice
    importer = NeedImportService(office.db, office.actor)
    result = importer.import_needs(sheet(tmp_path / "bad.xlsx", bad), now=NOW)
    assert not result.written
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "来源"), (5, "受理时间"), (6, "诉求内容"), (8, "工单号")]
    assert "12345" in str(result.problems[0].reason)
    assert office.needs.list_needs() == []
    dry = importer.import_needs(sheet(tmp_path / "bad.xlsx", bad), dry_run=True, now=NOW)
    assert not dry.written and len(dry.problems) == 4
    partial = importer.import_needs(sheet(tmp_path / "bad.xlsx", bad), only_good=True, now=NOW)
    assert partial.written and partial.added == ["GD2611020001", "GD2611020001"]
    report = importer.save_error_report(result, tmp_path / "errors.xlsx")
    errors = {row[0]: row[-1] for row in load_workbook(report).active.iter_rows(values_only=True)}
    assert "来源" in errors[4] and "受理时间" in errors[5] and errors[3] in (None, "")


def test_english_keys_and_every_channel_spelling(office: GridKeeper, tmp_path: Path) -> None:
    header = ["ticket_no", "channel", "received_at", "person", "phone", "address", "content",
              "category", "deadline"]
    spellings = ["12345", "12345热线", "hotline", "来电", "phone", "来访", "walk-in", "走访", "visit",
                 "部门转办", "referral"]
    rows = [[f"T{i}", s, "2026-11-02 09:00", "", "", "阳光小区3号楼2单元501", "诉求", "other", ""]
            for i, s in enumerate(spellings)]
    result = NeedImportService(office.db, office.actor).import_needs(
        sheet(tmp_path / "en.csv", rows, header), now=NOW)
    assert result.written
    channels = {r.ticket_no: r.channel for r in office.needs.list_needs()}
    assert [channels[f"T{i}"] for i in range(len(spellings))] == [
        NeedChannel.HOTLINE] * 3 + [NeedChannel.PHONE] * 2 + [NeedChannel.WALK_IN] * 2 + [
        NeedChannel.VISIT] * 2 + [NeedChannel.REFERRED] * 2


def test_only_staff_import_tickets(office: GridKeeper, tmp_path: Path) -> None:
    leader = office.acting_as(Actor("wang", Role.GRID_LEADER, frozenset({1})))
    with pytest.raises(PermissionDenied):
        NeedImportService(leader.db, leader.actor).import_needs(sheet(tmp_path / "b.xlsx", BATCH))


def test_overlong_cells_are_refused_by_row_never_cut_or_crashing(office: GridKeeper, tmp_path: Path) -> None:
    rows = [list(BATCH[0]), list(BATCH[1]), list(BATCH[2])]
    rows[0][6] = "占" * 6000  # a pasted essay
    rows[1][7] = "类" * 80  # the hotline's category text, far too long to keep
    rows[2][5] = "地" * 300
    result = NeedImportService(office.db, office.actor).import_needs(
        sheet(tmp_path / "long.xlsx", rows), now=NOW)
    assert not result.written
    assert [(p.row, p.column) for p in result.problems] == [(3, "诉求内容"), (4, "类别"), (5, "地址")]
    assert office.needs.list_needs() == []
