"""Nothing personal leaks through an error: the user gets one translated line, the log gets
the details with ID numbers, phones and secrets masked, and SQL errors carry no parameters."""

from __future__ import annotations

import logging
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from gridkeeper.domain.register import ResidentDraft
from gridkeeper.redaction import RedactingFilter, error_log_handler, redact
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from tests.io.sheets import register_rows, write_sheet
from tests.security.conftest import PASSWORD, Office

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"


def test_redact_masks_id_numbers_phones_and_secrets() -> None:
    text = (f"resident {ID_NUMBER} / 110105194912310 phone {PHONE} or +86 139-1234-5678, "
            "landline 010-62345678; sqlite+pysqlcipher://:s3cret@/x.db "
            "postgresql+psycopg://gk:hunter2@db/gk PRAGMA key = 'it''s mine' "
            "[parameters: ('张伟', '11010519491231002X')]")
    masked = redact(text + " 王芳 wang.fang@example.com")
    for secret in (ID_NUMBER, "110105194912310", PHONE, "139-1234-5678", "62345678", "s3cret",
                   "hunter2", "it''s mine", "张伟", "王芳", "wang.fang@example.com"):
        assert secret not in masked, secret
    assert "gk:***@db" in masked and "<number>" in masked


def test_redact_keeps_what_helps_find_the_fault() -> None:
    text = 'File "gridkeeper/services/importer.py", line 412, in _plan: KeyError: 3.5 s, room 1201'
    assert redact(text) == text


def test_the_error_log_redacts_messages_and_tracebacks(tmp_path: Path) -> None:
    log = logging.getLogger("gridkeeper.test.leaks")
    handler = error_log_handler(tmp_path / "logs" / "error.log")
    log.addHandler(handler)
    try:
        try:
            raise ValueError(f"bad row: {ID_NUMBER} {PHONE}")
        except ValueError:
            log.exception("import of %s failed", ID_NUMBER)
    finally:
        log.removeHandler(handler)
        handler.close()
    written = (tmp_path / "logs" / "error.log").read_text(encoding="utf-8")
    assert "ValueError" in written and "Traceback" in written
    assert ID_NUMBER not in written and PHONE not in written
    if os.name == "posix":
        assert (tmp_path / "logs" / "error.log").stat().st_mode & 0o077 == 0


def test_redacting_filter_is_what_a_handler_needs() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "id %s", (ID_NUMBER,), None)
    assert RedactingFilter().filter(record) and ID_NUMBER not in record.getMessage()


def test_sql_errors_carry_no_parameters(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1", residents=(
        ResidentDraft(name="张伟", id_number=ID_NUMBER, phone=PHONE),)))
    from gridkeeper.redaction import user_message
    from gridkeeper.storage.models import Resident

    with pytest.raises(IntegrityError) as failed, gk.db.transaction() as session:
        session.execute(Resident.__table__.insert(), [
            {"household_id": 1, "name": "李娜", "id_number": ID_NUMBER, "phone": PHONE,
             "relation": "户主", "is_head": False, "status": "active"}])
    message = str(failed.value)
    assert PHONE not in message and "李娜" not in message  # the statement's values are hidden
    # PostgreSQL's own DETAIL line names the duplicate key: it never reaches a log or a user
    for shown in (redact(message), str(user_message(failed.value))):
        assert ID_NUMBER not in shown and PHONE not in shown and "李娜" not in shown


def _fsize_limit(limit: int):  # noqa: ANN202
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.sqlite_only  # the register's own file fills the disk
@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE stands in for a full disk")
def test_a_full_disk_during_an_import_prints_one_line_and_leaks_nothing(
        office: Office, tmp_path: Path) -> None:
    rows = register_rows(1500, seed=11)
    for row in rows:
        row[0] = "N" + str(row[0])
    sheet = write_sheet(tmp_path / "big.xlsx", rows)
    secrets = {str(row[9]) for row in rows} | {str(row[11]) for row in rows}
    with sqlite3.connect(office.path) as connection:
        before = connection.execute("SELECT count(*) FROM household").fetchone()[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRIDKEEPER_PASSWORD": PASSWORD,
           "XDG_DATA_HOME": str(tmp_path / "userdata")}
    limit = office.path.stat().st_size + 256 * 1024  # the import's journal outgrows this
    done = subprocess.run(
        [sys.executable, "-m", "gridkeeper", "--lang", "en", "--db", str(office.path),
         "--user", "staff", "import", "households", str(sheet)],
        capture_output=True, text=True, env=env, preexec_fn=_fsize_limit(limit), timeout=300)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk" in lines[0] and "full" in lines[0], done.stderr
    seen = done.stdout + done.stderr
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "userdata").rglob("*.log"))
    assert logs  # the details were kept for whoever looks into it
    for secret in secrets:
        assert secret not in seen and secret not in logs
    assert "INSERT" not in seen and "Traceback" not in seen
    with sqlite3.connect(office.path) as connection:
        assert connection.execute("SELECT count(*) FROM household").fetchone()[0] == before
