"""`import visits` of a street office whose communities number their households alike:
the 社区 column of the sheet (and of the roster and visits exports) tells them apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridkeeper.cli import main
from gridkeeper.services.facade import open_gridkeeper
from gridkeeper.storage.models import Community, Household, Visit
from tests.io.sheets import write_sheet

WEEK, DAY = "2026-W48", "2026-11-25"


def test_the_community_column_takes_a_shared_code_to_its_own_community(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "street.db")
    for seed in ("1", "2"):
        assert main(["--db", db, "demo", "--households", "40", "--seed", seed, "--date", DAY]) == 0
    gk = open_gridkeeper(db)
    with gk.db.reading() as session:
        names = list(session.scalars(select(Community.name).order_by(Community.id)))
    gk.close()

    # the roster form names each line's community after its old columns
    form = tmp_path / "form.xlsx"
    assert main(["--db", db, "export", "roster", str(form), "--week", WEEK, "--date", DAY]) == 0
    header = [c.value for c in load_workbook(form).active[1]]
    assert header[-10:] == ["花名册编号", "序号", "走访结果", "走访日期", "走访方式", "走访人", "情况记录",
                            "诉求", "跟进日期", "社区"]
    assert {r[-1] for r in load_workbook(form).active.iter_rows(min_row=2, values_only=True)} == set(names)

    plain = tmp_path / "plain.xlsx"
    write_sheet(plain, [["0100001", "2026-11-20", "见面", "王芳"]],
                header=["户编号", "走访日期", "走访结果", "走访人"])
    capsys.readouterr()
    assert main(["--db", db, "import", "visits", str(plain)]) == 1
    refused = capsys.readouterr().err
    assert "几个社区都有这个户编号" in refused and all(name in refused for name in names)

    named = tmp_path / "named.xlsx"
    write_sheet(named, [["0100001", "2026-11-20", "见面", "王芳", names[1]]],
                header=["户编号", "走访日期", "走访结果", "走访人", "社区"])
    assert main(["--db", db, "import", "visits", str(named)]) == 0
    assert "新增条 1" in capsys.readouterr().out
    gk = open_gridkeeper(db)
    with gk.db.reading() as session:
        got = session.execute(select(Community.name).join(Household, Household.community_id == Community.id)
                              .join(Visit, Visit.household_id == Household.id)
                              .where(Visit.visit_date == "2026-11-20", Household.code == "0100001",
                                     Visit.recorded_by == "system")).scalars().all()
    gk.close()
    assert got == [names[1]]

    # the visits export carries the column, and imports back without a problem
    out = tmp_path / "visits.xlsx"
    assert main(["--db", db, "export", "visits", str(out)]) == 0
    assert [c.value for c in load_workbook(out).active[1]][-1] == "社区"
    capsys.readouterr()
    assert main(["--db", db, "import", "visits", str(out), "--dry-run"]) == 0
    assert "新增条" not in capsys.readouterr().out
