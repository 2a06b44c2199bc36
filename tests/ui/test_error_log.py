"""The error log keeps what a developer needs and nothing about residents; an error nobody
handled reaches the user and the log, never only stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from gridkeeper.domain.errors import DuplicateIdNumber
from ui import error_log
from ui.tasks import Runner

ID_NUMBER = "11010519491231002X"


def test_a_librarys_message_reaches_the_log_without_numbers_names_or_addresses(tmp_path: Path) -> None:
    path = error_log.install_error_log(tmp_path)
    try:
        raise ValueError(f"UNIQUE failed: resident.id_number {ID_NUMBER} 张伟 13812345678")
    except ValueError as error:
        error_log.report_error(error)
    logged = path.read_text(encoding="utf-8")
    assert "UNIQUE failed: resident.id_number" in logged
    for secret in (ID_NUMBER, "张伟", "13812345678"):
        assert secret not in logged


def test_a_typed_error_is_logged_by_its_type_only(tmp_path: Path) -> None:
    try:
        raise DuplicateIdNumber(ID_NUMBER, "H002", "王芳")
    except DuplicateIdNumber as error:
        logged = error_log.format_error(error)
    assert "DuplicateIdNumber" in logged and "test_error_log.py" in logged
    assert ID_NUMBER not in logged and "王芳" not in logged


def test_an_uncaught_exception_is_logged_and_shown_with_the_logs_path(tmp_path: Path) -> None:
    path = error_log.install_error_log(tmp_path)
    shown: list[tuple[str, str]] = []
    restore = error_log.install_excepthook(lambda error, where: shown.append((str(error), where)))
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # what Python does with an exception in a slot
    finally:
        restore()
    assert shown == [("boom", str(path))]
    assert path == tmp_path / "logs" / "gridkeeper.log"
    assert "ValueError: boom" in path.read_text(encoding="utf-8")
    assert sys.excepthook is not None and error_log._show is None  # the old hooks are back


def test_a_background_job_without_an_error_handler_is_reported(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    error_log.install_error_log(tmp_path)
    shown: list[str] = []
    restore = error_log.install_excepthook(lambda error, _where: shown.append(type(error).__name__))
    try:
        runner = Runner()

        def work() -> None:
            raise OSError("disk full")

        runner.submit(work, lambda _result: None)
        qtbot.waitUntil(lambda: shown == ["OSError"])
    finally:
        restore()


def test_the_message_names_the_log_and_a_typed_error_speaks_for_itself(qtbot) -> None:  # noqa: ANN001
    text = error_log.error_message(OSError("x"), "/data/logs/gridkeeper.log")
    assert "OSError" in text and "/data/logs/gridkeeper.log" in text
    assert error_log.error_message(DuplicateIdNumber(ID_NUMBER, "H002", "王芳"), "") .startswith("身份证号")
