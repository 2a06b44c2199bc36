"""An account of one community, attacking the other communities of its street office.

The office's register grows a second community (a demo of its own: the same grid names and
household codes as the first, so names alone tell nothing apart), and the first community
gets its own office staff account. Through the desktop's door and through every command it
reaches for the other community's households, visits and needs, prints, exports and imports:
each is refused, every refusal is in the audit log under its own name, and nothing of the
other community is read out or changed. On SQLite and on the server alike.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gridkeeper.cli import main
from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.needs import NeedDraft
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import TEST_SERVER, needs_sqlcipher
from tests.reports import pdftools
from tests.security.conftest import TODAY, WEEK, Office, _build, copied_register, logged_in

HOME = "阳光社区"  # the first demo's community, where the account works


def _build_street(location: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _build(location, capsys, monkeypatch)
    assert main(["--db", location, "--user", "admin", "demo", "--households", "120", "--seed", "3",
                 "--date", TODAY]) == 0
    assert main(["--db", location, "--user", "admin", "user", "add", "sun", "--role", "staff",
                 "--community", HOME]) == 0
    assert main(["--db", location, "--user", "admin", "user", "add", "sunboss", "--role", "supervisor",
                 "--community", HOME]) == 0
    if not TEST_SERVER:  # the copies take the file alone: everything in it, nothing left in the WAL
        with sqlite3.connect(location) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    capsys.readouterr()


@pytest.fixture
def street(request: pytest.FixtureRequest) -> Iterator[Office]:
    yield from copied_register("street", _build_street, request)


@pytest.fixture
def sun(street: Office) -> Iterator[GridKeeper]:
    """The community's office staff, logged in through the door the desktop app uses."""
    with logged_in(street, "sun") as keeper:
        yield keeper


def _theirs(street: Office) -> dict[str, Any]:
    """A household of the other community whose code the home community uses too, one of
    its visits and one of its needs."""
    household_id, code = street.query(
        "SELECT h.id, h.code FROM household h JOIN community c ON c.id = h.community_id"
        " WHERE c.name <> :home AND h.code IN (SELECT h2.code FROM household h2"
        " JOIN community c2 ON c2.id = h2.community_id WHERE c2.name = :home)"
        " ORDER BY h.id LIMIT 1", home=HOME)[0]
    visit_id, visit_version = street.query(
        "SELECT id, version FROM visit WHERE household_id = :h ORDER BY id LIMIT 1", h=household_id)[0]
    grid = street.query("SELECT c.name, g.name FROM grid g JOIN community c ON c.id = g.community_id"
                        " WHERE c.name <> :home ORDER BY g.id LIMIT 1", home=HOME)[0]
    need_id, version = street.query(
        "SELECT n.id, n.version FROM need n JOIN community c ON c.id = n.community_id"
        " WHERE c.name <> :home AND n.household_id IS NOT NULL ORDER BY n.id LIMIT 1", home=HOME)[0]
    return {"household": household_id, "code": code, "visit": visit_id, "need": need_id,
            "version": version, "visit_version": visit_version, "grid": f"{grid[0]}/{grid[1]}"}


ATTEMPTS: dict[str, Callable[[GridKeeper, dict[str, Any]], object]] = {
    "view a household": lambda gk, o: gk.register.view(o["household"]),
    "edit a household": lambda gk, o: gk.register.load_draft(o["household"]),
    "its history": lambda gk, o: gk.history.of_household(o["household"]),
    "its visits in the detail pane": lambda gk, o: gk.browse.visits(o["household"]),
    "its open needs in the detail pane": lambda gk, o: gk.browse.open_needs(o["household"]),
    "its visit rule": lambda gk, o: gk.roster.explain(o["household"]),
    "a visit": lambda gk, o: gk.visits.visit_detail(o["visit"]),
    "correct a visit": lambda gk, o: gk.visits.edit_visit(o["visit"], o["visit_version"],
                                                          {"notes": "改"}),
    "a need": lambda gk, o: gk.needs.need(o["need"]),
    "a note on a need": lambda gk, o: gk.needs.add_note(o["need"], o["version"], "已联系物业"),
    "its stairwell contacts": lambda gk, o: gk.contacts.contacts_for_household(o["household"]),
    "its grid's visit log": lambda gk, o: gk.printing.visit_log("2026-10", None, grid=o["grid"]),
    "its grid's roster": lambda gk, o: gk.printing.rosters(WEEK, None, grid=o["grid"]),
    "its grid's completion": lambda gk, o: gk.completion.figures("2026-10", grid=o["grid"]),
}


@pytest.mark.parametrize("what", sorted(ATTEMPTS))
def test_another_communitys_record_is_refused_and_the_refusal_audited(
        street: Office, sun: GridKeeper, what: str) -> None:
    theirs = _theirs(street)
    mark = len(street.audit())
    with pytest.raises(GridKeeperError):
        ATTEMPTS[what](sun, theirs)
    seen = street.audit_since(mark)
    refusals = [(who, detail) for who, action, detail in seen if action == "refused"]
    assert refusals and all(who == "sun" for who, _ in refusals), seen
    assert all(action == "refused" for _, action, _ in seen)  # nothing else written


def test_a_code_both_communities_use_is_the_accounts_own(street: Office, sun: GridKeeper) -> None:
    theirs = _theirs(street)
    own = sun.register.household_id(theirs["code"])
    assert own != theirs["household"]
    assert sun.register.view(own).community == HOME
    with pytest.raises(GridKeeperError):  # nor can its own draft be pointed at theirs
        sun.register.save_household(replace(sun.register.load_draft(own), id=theirs["household"]))
    with pytest.raises(GridKeeperError):
        sun.visits.record_visit(VisitDraft(
            visit_date=date(2026, 11, 19), method=VisitMethod.HOME, outcome=VisitOutcome.MET,
            team=("网格员",), household_id=theirs["household"]))
    with pytest.raises(GridKeeperError):
        sun.needs.raise_need(NeedDraft("楼道灯不亮", household_id=theirs["household"]))


def _codes_of(street: Office, community_is_home: bool) -> set[str]:
    return {code for code, in street.query(
        "SELECT h.code FROM household h JOIN community c ON c.id = h.community_id WHERE "
        + ("c.name = :home" if community_is_home else "c.name <> :home"), home=HOME)}


def test_commands_show_print_and_export_only_the_community(street: Office, tmp_path: Path) -> None:
    seen = street.run("info", "--json", user="sun")
    assert seen.code == 0 and json.loads(seen.out)["communities"] == 1
    homes = int(street.query("SELECT count(*) FROM household h JOIN community c ON c.id = h.community_id"
                             " WHERE c.name = :home", home=HOME)[0][0])
    assert json.loads(seen.out)["households"] == homes
    for kind in ("households", "visits", "needs"):
        target = tmp_path / f"{kind}.csv"
        seen = street.run("export", kind, str(target), "--full", user="sun")
        assert seen.code == 0, seen.err
        rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
        assert rows
        if kind == "households":
            assert {r["社区"] for r in rows} == {HOME}
    target = tmp_path / "roster.csv"
    assert street.run("roster", "--week", WEEK, "--date", TODAY, "--csv", str(target), user="sun").code == 0
    rostered = {r["household_code"] for r in csv.DictReader(target.open(encoding="utf-8-sig"))}
    assert rostered and rostered <= _codes_of(street, True)
    other = street.query("SELECT c.name, g.name FROM grid g JOIN community c ON c.id = g.community_id"
                         " WHERE c.name <> :home ORDER BY g.id LIMIT 1", home=HOME)[0]
    mark = len(street.audit())
    for command in (["roster", "--week", WEEK, "--grid", f"{other[0]}/{other[1]}", "--pdf",
                     str(tmp_path / "r.pdf")],
                    ["report", "--period", "2026-10", "--grid", f"{other[0]}/{other[1]}", "--pdf",
                     str(tmp_path / "c.pdf")],
                    ["visitlog", "--grid", f"{other[0]}/{other[1]}", "--period", "2026-10",
                     "--pdf", str(tmp_path / "v.pdf")]):
        seen = street.run(*command, user="sun")
        assert seen.code != 0, command
    assert not list(tmp_path.glob("*.pdf"))
    assert [who for who, action, _ in street.audit_since(mark) if action == "refused"] and all(
        who == "sun" for who, action, _ in street.audit_since(mark))


def test_a_community_s_report_covers_all_its_grids_under_its_own_name(street: Office, tmp_path: Path) -> None:
    # not a list of every grid of the community on every page's header, running off the page
    target = tmp_path / "report.pdf"
    seen = street.run("report", "--period", "2026-10", "--date", TODAY, "--pdf", str(target), user="sunboss")
    assert seen.code == 0, seen.err
    pages = pdftools.page_texts(target)
    assert "范围：全部网格" in re.sub(r"\s+", "", pages[0])
    assert all(f"{HOME} 走访完成情况报告 · 全部网格" in page for page in pages)


def test_another_community_s_worker_has_no_evidence_pack_or_roster_here(
        street: Office, tmp_path: Path) -> None:
    # the worker lookups answer a name of the other community's staff as unknown (a pack of
    # zeros under their name and community was printed) and note the attempt, for the
    # community's account and for a grid leader of one of its grids alike
    theirs, = street.query(
        "SELECT w.name FROM worker w JOIN community c ON c.id = w.community_id WHERE c.name <> :home"
        " AND w.name NOT IN (SELECT w2.name FROM worker w2 JOIN community c2 ON c2.id = w2.community_id"
        " WHERE c2.name = :home) ORDER BY w.id LIMIT 1", home=HOME)[0]
    ours, = street.query("SELECT w.name FROM worker w JOIN community c ON c.id = w.community_id"
                         " WHERE c.name = :home ORDER BY w.id LIMIT 1", home=HOME)[0]
    other = _other_community(street)
    pack = str(tmp_path / "pack.pdf")
    for user in ("sunboss", "leader"):
        mark = len(street.audit())
        for command in (["report", "--period", "2026-10", "--worker", theirs, "--pdf", pack],
                        ["report", "--period", "2026-10", "--worker", f"{other}/{theirs}", "--json"],
                        ["roster", "--week", WEEK, "--date", TODAY, "--worker", theirs, "--community", other,
                         "--json"]):
            seen = street.run(*command, user=user)
            assert seen.code != 0 and theirs not in seen.out, (user, command)
        assert not list(tmp_path.glob("*.pdf"))
        refusals = [who for who, action, _ in street.audit_since(mark) if action == "refused"]
        assert refusals == [user] * 3
    seen = street.run("report", "--period", "2026-10", "--worker", ours, "--pdf", str(tmp_path / "ours.pdf"),
                      user="sunboss")
    assert seen.code == 0, seen.err


def _other_community(street: Office) -> str:
    return street.query("SELECT name FROM community WHERE name <> :home", home=HOME)[0][0]


def test_the_street_office_sees_every_community(street: Office, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    assert street.run("export", "households", str(target), user="staff").code == 0
    communities = {r["社区"] for r in csv.DictReader(target.open(encoding="utf-8-sig"))}
    assert HOME in communities and len(communities) == 2


def test_an_import_cannot_reach_into_another_community(street: Office, tmp_path: Path) -> None:
    theirs = _theirs(street)
    name, number = street.query("SELECT name, id_number FROM resident WHERE household_id = :h"
                                " AND id_number IS NOT NULL ORDER BY id LIMIT 1", h=theirs["household"])[0]
    other = street.query("SELECT name FROM community WHERE name <> :home", home=HOME)[0][0]
    sheet = tmp_path / "in.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["户编号", "社区", "网格", "小区", "楼号", "单元", "楼层", "门牌号", "姓名",
                         "身份证号", "与户主关系"])
        writer.writerow(["Z0001", other, "第1网格", "外小区", "1", "1", "1", "101", "赵六", "", "户主"])
        writer.writerow(["Z0002", "", "第1网格", "外小区", "1", "1", "1", "102", name, number, "户主"])
    before = street.query("SELECT count(*) FROM household")[0][0]
    mark = len(street.audit())
    seen = street.run("import", "households", str(sheet), "--only-good", user="sun")
    assert "refused households 2: Z0001, Z0002" in seen.out, seen
    assert "not this account's community" in seen.err and "another community" in seen.err
    assert street.query("SELECT count(*) FROM household")[0][0] == before
    assert street.query("SELECT household_id FROM resident WHERE id_number = :n", n=number)[0][0] == \
        theirs["household"]
    assert any(action == "refused" and who == "sun" for who, action, _ in street.audit_since(mark))


def test_whole_register_work_is_the_street_offices(street: Office, tmp_path: Path) -> None:
    for user, command in (("sun", ["backup", "--to", str(tmp_path / "b")]),
                          ("sun", ["encrypt", "--to", str(tmp_path / "e.db")]),
                          ("sunboss", ["audit"]),
                          ("sun", ["user", "list"]),
                          ("sun", ["check"]),
                          ("sun", ["demo", "--households", "10"])):
        seen = street.run(*command, user=user)
        assert seen.code != 0 and "street office accounts only" in seen.err, (command, seen)
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
    assert not (tmp_path / "e.db").exists()


@pytest.mark.sqlite_only
@needs_sqlcipher()
def test_an_encrypted_street_keeps_each_community_to_itself(street: Office, tmp_path: Path) -> None:
    key = "street key 2026"
    street.monkeypatch.setenv("GRIDKEEPER_NEW_DB_KEY", key)
    target = tmp_path / "secret.db"
    seen = street.run("encrypt", "--to", str(target), user="admin")
    assert seen.code == 0, seen.err
    street.monkeypatch.setenv("GRIDKEEPER_DB_KEY", key)
    export = tmp_path / "h.csv"
    seen = street.run("export", "households", str(export), db=str(target), user="sun")
    assert seen.code == 0, seen.err
    assert {r["社区"] for r in csv.DictReader(export.open(encoding="utf-8-sig"))} == {HOME}
    other = street.query("SELECT c.name, g.name FROM grid g JOIN community c ON c.id = g.community_id"
                         " WHERE c.name <> :home ORDER BY g.id LIMIT 1", home=HOME)[0]
    seen = street.run("roster", "--week", WEEK, "--date", TODAY, "--grid", f"{other[0]}/{other[1]}",
                      "--pdf", str(tmp_path / "r.pdf"), db=str(target), user="sun")
    assert seen.code != 0 and not (tmp_path / "r.pdf").exists()
    seen = street.run("backup", "--to", str(tmp_path / "b"), db=str(target), user="sun")
    assert seen.code != 0 and "street office accounts only" in seen.err
