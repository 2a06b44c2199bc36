"""Rosters printed before roster sheets existed keep their numbers: each becomes a sheet."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from gridkeeper.services.facade import open_database, open_gridkeeper
from gridkeeper.storage import migrate
from tests.conftest import household


def test_earlier_prints_become_sheets_that_open_by_their_old_number(tmp_path: Path) -> None:
    location = str(tmp_path / "printed.db")
    gk = open_gridkeeper(location)
    for code, room in (("H1", "101"), ("H2", "102")):
        gk.register.save_household(household(code, room=room))
    ids = {code: gk.register.household_id(code) for code in ("H1", "H2")}
    gk.close()
    db = open_database(location)
    config = migrate._config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with db.engine.begin() as connection:
        grid = connection.execute(text("select id from grid")).scalar()
        for number, households in (("2026W48-001-01", f"{ids['H2']},{ids['H1']},99999"),
                                   ("2026W48-001-02", f"{ids['H1']}")):
            connection.execute(text(
                "insert into printed_roster (number, week, grid_id, printed_at, printed_by, "
                "households, version) values (:n, '2026-W48', :g, '2026-11-23 09:00:00', 'liu', :h, 1)"),
                {"n": number, "g": grid, "h": households})
    db.dispose()

    gk = open_gridkeeper(location)
    assert migrate.current_revision(gk.db) == migrate.HEAD
    sheet = gk.sheets.open("2026W48-001-01")
    assert [(line.seq, line.household_code) for line in sheet.lines] == [(1, "H2"), (2, "H1")]
    assert sheet.prints == 1
    assert [line.household_code for line in gk.sheets.open("2026W48-001-02").lines] == ["H1"]
    with gk.db.reading() as session:
        copies = session.execute(text("select number, copy from printed_roster order by id")).all()
    assert copies == [("2026W48-001-01", 1), ("2026W48-001-02", 1)]
    gk.close()
