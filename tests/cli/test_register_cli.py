"""The register's changes through the command line: history, moves, handovers, contacts,
lifts, campaign lists, tags in ``info`` and moves in ``import --dry-run``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gridkeeper.cli import main
from gridkeeper.domain.register import ResidentDraft
from gridkeeper.services.facade import open_gridkeeper
from tests.conftest import household
from tests.io.sheets import id_number, write_sheet
from tests.reports.pdftools import text as pdf_text

ID_A = id_number(date(1941, 2, 3), 1, True)
ID_B = id_number(date(1978, 4, 5), 2, False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    location = str(tmp_path / "r.db")
    gk = open_gridkeeper(location)
    gk.register.save_household(household("A1", room="501", floor=5, worker="张网格", residents=(
        ResidentDraft(name="赵奶奶", id_number=ID_A, phone="13912345678"),
        ResidentDraft(name="赵强", id_number=ID_B, relation="子"))))
    gk.register.save_household(household("B1", room="102", worker="张网格"))
    gk.close()
    return location


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_moves_handovers_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db, "household", "move-member", "--from", "A1", "--name", "赵强",
               "--to", "B1", "--relation", "子", "--date", "2026-11-20")[0] == 0
    assert run(capsys, "--db", db, "household", "move", "B1", "--grid", "第二网格", "--estate",
               "幸福小区", "--building", "7", "--unit", "1", "--floor", "3", "--room", "301")[0] == 0
    code, out, _ = run(capsys, "--db", db, "handover", "--from", "张网格", "--to", "李网格")
    assert code == 0 and "2 户" in out
    code, out, _ = run(capsys, "--db", db, "household", "history", "B1")
    assert code == 0
    assert "赵强 迁入（来自 A1）" in out and "迁址：阳光小区 1-1-102 → 幸福小区 7-1-301" in out
    assert "责任人：张网格 → 李网格" in out
    code, out, _ = run(capsys, "--db", db, "--lang", "en", "household", "history", "A1")
    assert "赵强 moved out (to B1)" in out
    code, _, err = run(capsys, "--db", db, "household", "move-member", "--from", "A1", "--name",
                       "无此人", "--to", "B1")
    assert code == 1 and "无此人" in err
    code, out, _ = run(capsys, "--db", db, "household", "next-code", "--grid", "第一网格")
    assert code == 0 and out.strip() == "A2"  # B1 moved to another grid


def test_contacts_lifts_campaign_lists_and_tags(db: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    building = "阳光小区 1"
    assert run(capsys, "--db", db, "contacts", "add", "--building", building, "--role", "楼门长",
               "--name", "王秀英", "--unit", "1", "--phone", "13700001234")[0] == 0
    assert run(capsys, "--db", db, "contacts", "add", "--building", building, "--role", "社区民警",
               "--name", "李警官")[0] == 0
    code, out, _ = run(capsys, "--db", db, "contacts", "list", "--building", building)
    assert code == 0 and "楼门长 王秀英 137****1234" in out and "社区民警 李警官" in out
    assert run(capsys, "--db", db, "contacts", "remove", "--building", building, "--name",
               "李警官")[0] == 0
    assert "李警官" not in run(capsys, "--db", db, "contacts", "list", "--building", building)[1]
    assert run(capsys, "--db", db, "lift", "--building", building, "no")[0] == 0
    code, out, _ = run(capsys, "--db", db, "info")
    assert "各标签户数" in out and "stranded_elderly 1" in out
    assert run(capsys, "--db", db, "campaign", "save", "暴雨", "--category", "悬空老人",
               "--category", "高龄", "--building", building, "--floors", "4-")[0] == 0
    assert run(capsys, "--db", db, "campaign", "list")[1].strip() == "暴雨"
    pdf = tmp_path / "暴雨.pdf"
    code, out, _ = run(capsys, "--db", db, "campaign", "print", "暴雨", "--pdf", str(pdf))
    assert code == 0 and "1 户" in out
    content = pdf_text(pdf)
    assert "赵奶奶" in content and "139****5678" in content and "楼门长 王秀英" in content
    code, _, err = run(capsys, "--db", db, "campaign", "save", "x", "--floors", "四楼")
    assert code == 1 and "楼层" in err


def test_import_dry_run_shows_the_moves(db: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "full.xlsx"
    assert run(capsys, "--db", db, "export", "households", str(sheet), "--full")[0] == 0
    rows = [list(r) for r in load_workbook(sheet).active.iter_rows(values_only=True)]
    titles = [str(t) for t in rows[0]]
    for r in rows[1:]:
        if r[titles.index("姓名")] == "赵强":
            r[titles.index("户编号")], r[titles.index("门牌号")] = "B1", "102"
            r[titles.index("楼层")] = 1
    edited = write_sheet(tmp_path / "edited.xlsx", rows[1:], header=titles)
    code, out, err = run(capsys, "--db", db, "import", "households", str(edited), "--dry-run")
    assert code == 0 and err == "" and "迁移成员 1：赵强（A1 → B1）" in out


@pytest.mark.parametrize(("seed", "households"), [(51, 900), (7, 3300)])
def test_an_unchanged_full_export_of_a_demo_reimports_without_a_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int, households: int) -> None:
    db = str(tmp_path / "demo.db")
    sheet = str(tmp_path / "full.xlsx")
    assert run(capsys, "--db", db, "demo", "--households", str(households), "--seed", str(seed),
               "--date", "2026-11-20")[0] == 0
    assert run(capsys, "--db", db, "export", "households", sheet, "--full")[0] == 0
    code, out, err = run(capsys, "--db", db, "import", "households", sheet, "--dry-run")
    assert code == 0 and err == "", err
    assert f"无变化户 {households}" in out and "问题 0" in out
    code, out, err = run(capsys, "--db", str(tmp_path / "fresh.db"), "import", "households", sheet)
    assert code == 0 and err == "" and "问题 0" in out



def test_english_counts_agree_with_their_number(db: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "--lang", "en", "handover", "--from", "张网格",
                       "--to", "李网格")
    assert code == 0 and out.startswith("2 households handed over")
    single = str(tmp_path / "one.db")
    gk = open_gridkeeper(single)
    gk.register.save_household(household("C1", worker="张网格"))
    gk.close()
    code, out, _ = run(capsys, "--db", single, "--lang", "en", "handover", "--from", "张网格",
                       "--to", "李网格")
    assert code == 0 and out.startswith("1 household handed over")
