"""The database's own defences, on SQLite and on PostgreSQL (GRIDKEEPER_TEST_DB): the audit
log's guards are checked by ``check``, the demo leaves the sequences where inserts can go on,
and the README's PostgreSQL set-up keeps the login role away from the audit log."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gridkeeper.cli import main
from gridkeeper.domain.enums import VisitMethod, VisitOutcome
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper
from tests.conftest import TEST_SERVER, household

ROOT = Path(__file__).resolve().parents[2]
on_postgres = pytest.mark.skipif(not TEST_SERVER, reason="PostgreSQL only: run with .ci/postgres.sh")


def _raw(gk: GridKeeper, *statements: str) -> None:
    """Behind the app's back, as someone with the database's password would."""
    with gk.db.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def _guard_findings(gk: GridKeeper) -> list[str]:
    return [f.message.en for f in gk.integrity.check().findings if f.kind == "audit_guard"]


def test_check_finds_no_problem_with_the_guards_in_place(gk: GridKeeper) -> None:
    assert _guard_findings(gk) == []


def _drop(gk: GridKeeper) -> None:
    if gk.db.is_sqlite:
        _raw(gk, "DROP TRIGGER audit_log_no_delete")
    else:
        _raw(gk, "DROP TRIGGER audit_log_no_change ON audit_log")


def _disable(gk: GridKeeper) -> None:
    if gk.db.is_sqlite:  # SQLite cannot disable a trigger: the attacker swaps it for a harmless one
        _raw(gk, "DROP TRIGGER audit_log_no_update",
             "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END")
    else:
        _raw(gk, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")


def _hollow(gk: GridKeeper) -> None:
    if gk.db.is_sqlite:
        _raw(gk, "DROP TRIGGER audit_log_no_delete",
             "CREATE TRIGGER audit_log_no_delete AFTER INSERT ON audit_log BEGIN SELECT 1; END")
    else:
        _raw(gk, "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql "
                 "AS $$ BEGIN RETURN OLD; END $$")


@pytest.mark.parametrize("attack", [_drop, _disable, _hollow])
def test_check_reports_a_dropped_disabled_or_hollowed_guard_and_fix_restores_it(
        gk: GridKeeper, attack) -> None:  # noqa: ANN001
    attack(gk)
    found = _guard_findings(gk)
    assert found and all("audit log" in f for f in found)
    report = gk.integrity.check(fix=True)
    assert [f for f in report.remaining if f.kind == "audit_guard"] == []
    assert _guard_findings(gk) == []
    with pytest.raises(Exception, match="append-only"), gk.db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log")


def test_check_on_the_command_line_fails_while_a_guard_is_missing(
        gk: GridKeeper, db_location: str, capsys: pytest.CaptureFixture[str]) -> None:
    _drop(gk)
    assert main(["--lang", "en", "--db", db_location, "check"]) == 1
    assert "audit log" in capsys.readouterr().out


def test_after_the_demo_every_table_still_takes_new_rows(gk: GridKeeper) -> None:
    from datetime import date

    gk.demo.generate(DemoOptions(households=30, seed=3, today=date(2026, 11, 20)))
    household_id = gk.register.save_household(household("AFTER-DEMO", grid="第1网格", building="99"))
    gk.visits.record_visit(VisitDraft(household_id=household_id, visit_date=date(2026, 11, 20),
                                method=VisitMethod.HOME, outcome=VisitOutcome.MET, team=("刘洋",)))
    assert gk.register.household_id("AFTER-DEMO") == household_id


# -- the README's PostgreSQL set-up --------------------------------------------------------


def _readme_setup() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(-- the login role does not own the audit log.*?)```", readme, re.S)
    assert block, "README: the PostgreSQL set-up block"
    return block.group(1)


@on_postgres
def test_the_readme_set_up_keeps_the_login_role_away_from_the_audit_log(
        db_location: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    suffix = uuid.uuid4().hex[:8]
    owner, login = f"gk_owner_{suffix}", f"gk_app_{suffix}"
    server = make_url(db_location)
    database = server.database
    script = (_readme_setup().replace("gridkeeper_owner", owner).replace("gridkeeper_app", login)
              .replace("CREATE DATABASE gridkeeper OWNER", f"ALTER DATABASE {database} OWNER TO")
              .replace("'change me'", "'secret'"))
    admin = create_engine(db_location, isolation_level="AUTOCOMMIT")
    code = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    statements = [s.strip() for s in code.split(";") if s.strip()]
    as_owner_url = server.set(username=owner, password="secret").render_as_string(hide_password=False)
    as_login_url = server.set(username=login, password="secret").render_as_string(hide_password=False)
    try:
        with admin.connect() as connection:
            for statement in statements:
                if "GRANT" in statement or "REVOKE" in statement or "ALTER DEFAULT" in statement:
                    continue  # on the tables: after the owner has made them
                connection.execute(text(statement))
        assert main(["--db", as_owner_url, "init"]) == 0  # the owner makes (and upgrades) the schema
        owner_engine = create_engine(as_owner_url, isolation_level="AUTOCOMMIT")
        with owner_engine.connect() as connection:
            for statement in statements:
                if "GRANT" in statement or "REVOKE" in statement or "ALTER DEFAULT" in statement:
                    connection.execute(text(statement))
        owner_engine.dispose()
        # the offices' daily work, as the login role
        assert main(["--db", as_login_url, "demo", "--households", "20"]) == 0
        assert main(["--db", as_login_url, "info"]) == 0
        capsys.readouterr()
        assert main(["--lang", "en", "--db", as_login_url, "check"]) == 0
        seen = capsys.readouterr().out
        assert "no problems" in seen and "audit_owner" not in seen
        assert main(["--lang", "en", "--db", as_owner_url, "check"]) == 0
        assert "[audit_owner]" in capsys.readouterr().out  # the owner is told it should not log in
        attacker = create_engine(as_login_url)
        for attempt in ("DELETE FROM audit_log", "UPDATE audit_log SET username = 'x'", "TRUNCATE audit_log",
                        "DROP TRIGGER audit_log_no_change ON audit_log",
                        "ALTER TABLE audit_log DISABLE TRIGGER ALL", "DROP TABLE audit_log"):
            with pytest.raises(Exception), attacker.begin() as connection:  # noqa: B017
                connection.exec_driver_sql(attempt)
        attacker.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{database}" OWNER TO CURRENT_USER'))
            for role in (login, owner):
                connection.execute(text(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER'))
                connection.execute(text(f'DROP OWNED BY "{role}"'))
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
