"""The needs contracts of the command line: import needs, export needs, report --needs."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gridkeeper.cli import main
from gridkeeper.domain.enums import NeedChannel, Satisfaction
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.services.facade import open_gridkeeper
from tests.conftest import household
from tests.reports import pdftools

HEADER = ["工单号", "来源", "受理时间", "诉求人", "联系电话", "地址", "诉求内容", "类别", "办理时限"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    location = str(tmp_path / "needs.db")
    gk = open_gridkeeper(location)
    gk.register.save_household(household("H1", building="3", unit=2, room="501", phone="13800000001"))
    gk.register.save_household(household("H2", grid="第二网格", building="5", room="101"))
    gk.close()
    return location


def tickets(path: Path) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["GD1", "12345", "2026-11-02 09:00", "张伟", "13800000001", "阳光小区3号楼2单元501",
                        "车位被占", "停车", "2026-11-11"])
    book.active.append(["GD2", "12345", "2026-11-03 09:00", "赵敏", "", "不知名路口", "路灯不亮",
                        "路灯照明", ""])
    book.save(path)
    return path


def test_import_needs_lists_the_unlinked_and_a_second_run_adds_nothing(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tickets(tmp_path / "gd.xlsx")
    assert main(["--db", db, "import", "needs", str(sheet)]) == 0
    out, err = capsys.readouterr()
    assert "新增工单 2" in out
    assert "未关联住户" in out and "第3行 工单GD2：找不到对应住户（不知名路口）" in out
    assert "路灯照明" in err and "其他" in err  # the unknown category: a warning
    assert main(["--db", db, "--lang", "en", "import", "needs", str(sheet)]) == 0
    out, _err = capsys.readouterr()
    assert "unchanged 2" in out and "tickets added" not in out
    gk = open_gridkeeper(db)
    assert len(gk.needs.list_needs()) == 2
    gk.close()


def test_a_malformed_ticket_sheet_exits_1_and_writes_nothing(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["GD9", "短信", "2026-11-02 09:00", "", "", "阳光小区", "内容", "", ""])
    book.save(tmp_path / "bad.xlsx")
    assert main(["--db", db, "import", "needs", str(tmp_path / "bad.xlsx"),
                 "--errors", str(tmp_path / "errors.xlsx")]) == 1
    _out, err = capsys.readouterr()
    assert "第2行“来源”列：“短信”" in err
    assert (tmp_path / "errors.xlsx").exists()
    gk = open_gridkeeper(db)
    assert gk.needs.list_needs() == []
    gk.close()


def test_export_needs_masks_phones_unless_full_and_imports_back(db: str, tmp_path: Path) -> None:
    assert main(["--db", db, "import", "needs", str(tickets(tmp_path / "gd.xlsx"))]) == 0
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.csv"
    assert main(["--db", db, "export", "needs", str(masked), "--period", "2026-11"]) == 0
    assert main(["--db", db, "export", "needs", str(full), "--period", "2026-11", "--full"]) == 0
    rows = list(load_workbook(masked).active.iter_rows(values_only=True))
    assert list(rows[0][:9]) == HEADER
    assert rows[1][4] == "138****0001" and rows[1][0] == "GD1" and rows[1][11] == "H1"
    with full.open(encoding="utf-8-sig") as f:
        back = list(csv.reader(f))
    assert back[1][4] == "13800000001"
    assert main(["--db", db, "export", "needs", str(tmp_path / "dec.xlsx"), "--period", "2026-12"]) == 0
    assert len(list(load_workbook(tmp_path / "dec.xlsx").active.iter_rows())) == 1  # header only
    # the full export is a ticket sheet: importing it again changes nothing
    assert main(["--db", db, "import", "needs", str(full)]) == 0
    gk = open_gridkeeper(db)
    assert len(gk.needs.list_needs()) == 2
    assert [e.detail for e in gk.auditlog.browse() if e.action == "export" and e.table == "need"][0]
    gk.close()


def test_report_needs_per_group_as_csv_json_and_pdf(db: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    gk = open_gridkeeper(db)
    now = datetime(2026, 12, 1, 9)
    first = gk.needs.raise_need(NeedDraft(description="车位被占", category="parking", household_code="H1",
                                          channel=NeedChannel.PHONE, handler="李娜",
                                          received_at=datetime(2026, 11, 2, 9)), now=now)
    gk.needs.raise_need(NeedDraft(description="路灯", category="safety", household_code="H2",
                                  channel=NeedChannel.WALK_IN, received_at=datetime(2026, 11, 3, 9)),
                        now=now)
    gk.needs.start(first, gk.needs.need(first).version, now=datetime(2026, 11, 2, 10))
    gk.needs.resolve(first, gk.needs.need(first).version, "已清理", now=datetime(2026, 11, 4, 10))
    gk.needs.call_back(first, gk.needs.need(first).version, Satisfaction.SATISFIED,
                       now=datetime(2026, 11, 5, 10))
    gk.close()
    out_csv = tmp_path / "rates.csv"
    assert main(["--db", db, "report", "--period", "2026-11", "--needs", "--csv", str(out_csv)]) == 0
    with out_csv.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:10] == ["group", "received", "responded_on_time", "resolved",
                                  "resolved_on_time", "called_back", "satisfied", "response_rate",
                                  "resolution_rate", "satisfaction_rate"]
    assert [(r["group"], r["received"], r["response_rate"], r["satisfaction_rate"]) for r in rows] == [
        ("第一网格", "1", "1.0000", "1.0000"), ("第二网格", "1", "0.0000", ""),
        ("合计", "2", "0.5000", "1.0000")]
    assert main(["--db", db, "report", "--period", "2026-11", "--needs", "--by", "handler", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [g["group"] for g in report["groups"]] == ["李娜", "（未分派）"]
    assert report["total"]["resolution_rate"] == 0.5 and report["by"] == "handler"
    assert set(report["total"]) == {"received", "responded_on_time", "resolved", "resolved_on_time",
                                    "called_back", "satisfied", "response_rate", "resolution_rate",
                                    "satisfaction_rate"}
    pdf = tmp_path / "rates.pdf"
    assert main(["--db", db, "report", "--period", "2026-11", "--needs", "--by", "category",
                 "--pdf", str(pdf)]) == 0
    text = " ".join(pdftools.text(pdf).split())
    assert "诉求办理“三率”统计表" in text and "按诉求类别" in text
    assert "停车 1 1 100.0% 1 1 100.0% 1 1 100.0%" in text
    assert "按期解决率：在办理时限当天或之前解决的诉求" in text
    assert main(["--db", db, "report", "--period", "2026-11", "--needs", "--by", "worker", "--json"]) == 2
    assert main(["--db", db, "report", "--period", "2026-11", "--by", "handler", "--json"]) == 2
