"""Accounts of one community on the command line: ``user add --community``, ``user community``,
``user list``, and what such an account's commands show, print, export and import."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gridkeeper.cli import main
from gridkeeper.services.facade import open_gridkeeper
from tests.conftest import household

PASSWORD = "correct horse"
SUN, JIN = "阳光社区", "金顶街社区"


@pytest.fixture
def street(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """Two communities, each with a 第1网格 and a household 0001; an administrator."""
    db = str(tmp_path / "street.db")
    gk = open_gridkeeper(db)
    gk.register.save_household(household("0001", grid="第1网格", community=SUN, estate="阳光小区"))
    gk.register.save_household(household("0001", grid="第1网格", community=JIN, estate="金顶小区"))
    gk.register.save_household(household("0002", grid="第2网格", community=JIN, estate="金顶小区",
                                         building="2"))
    gk.close()
    monkeypatch.setenv("GRIDKEEPER_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("GRIDKEEPER_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "userdata"))
    assert main(["--db", db, "user", "add", "admin", "--role", "admin"]) == 0
    assert main(["--db", db, "--user", "admin", "user", "add", "sun", "--role", "staff",
                 "--community", SUN]) == 0
    capsys.readouterr()
    return db


def run(db: str, user: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--db", db, "--user", user, *args])
    seen = capsys.readouterr()
    return code, seen.out, seen.err


def test_user_add_with_a_community_and_user_list_shows_it(street: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(street, "admin", "user", "list", capsys=capsys)
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert code == 0 and SUN in lines["sun"] and "whole street" in lines["admin"]
    code, _, err = run(street, "admin", "user", "add", "boss", "--role", "admin", "--community", SUN,
                       capsys=capsys)
    assert code == 1 and "administrator" in err
    code, _, err = run(street, "admin", "user", "add", "x", "--role", "staff", "--community", "无此社区",
                       capsys=capsys)
    assert code == 1 and "无此社区" in err


def test_user_community_moves_an_account_and_street_opens_it(street: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(street, "admin", "user", "community", "sun", JIN, capsys=capsys)[0] == 0
    code, out, _ = run(street, "sun", "info", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["households"] == 2
    assert run(street, "admin", "user", "community", "sun", "--street", capsys=capsys)[0] == 0
    code, out, _ = run(street, "sun", "info", "--json", capsys=capsys)
    assert json.loads(out)["households"] == 3
    code, _, err = run(street, "sun", "user", "community", "sun", SUN, capsys=capsys)
    assert code == 1  # only an administrator changes accounts


def test_a_grid_leader_of_a_community_is_granted_its_grid_by_the_bare_name(
        street: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(street, "admin", "user", "add", "lead", "--role", "grid_leader",
                       "--community", JIN, "--grid", "第1网格", capsys=capsys)
    assert code == 0, err
    _, out, _ = run(street, "admin", "user", "list", capsys=capsys)
    assert f"{JIN}/第1网格" in next(line for line in out.splitlines() if line.startswith("lead"))
    code, _, err = run(street, "admin", "user", "grant", "lead", f"{SUN}/第1网格", capsys=capsys)
    assert code == 1 and JIN in err


def test_a_community_account_sees_prints_and_exports_only_its_community(
        street: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(street, "sun", "info", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["households"] == 1
    target = tmp_path / "h.csv"
    assert run(street, "sun", "export", "households", str(target), capsys=capsys)[0] == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert {r["社区"] for r in rows} == {SUN}
    code, _, err = run(street, "sun", "roster", "--week", "2026-W47", "--grid", f"{JIN}/第1网格",
                       "--csv", str(tmp_path / "r.csv"), capsys=capsys)
    assert code == 1 and not (tmp_path / "r.csv").exists()
    code, _, err = run(street, "sun", "backup", "--to", str(tmp_path / "b"), capsys=capsys)
    assert code == 1 and "street office accounts only" in err


def test_a_community_account_imports_into_its_community_only(
        street: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "in.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["户编号", "社区", "网格", "小区", "楼号", "单元", "楼层", "门牌号", "姓名",
                         "与户主关系"])
        writer.writerow(["0009", JIN, "第1网格", "金顶小区", "1", "1", "3", "301", "赵六", "户主"])
    code, _, err = run(street, "sun", "import", "households", str(sheet), capsys=capsys)
    assert code != 0 and "not this account's community" in err + _
    code, out, _ = run(street, "admin", "info", "--json", capsys=capsys)
    assert json.loads(out)["households"] == 3
