"""Writes run off the UI thread, one after another, and say what they changed; a failed write
is never silent."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from gridkeeper.domain.errors import NotFound
from ui import error_log
from ui.operations import NOTHING, Changes, Operations


def test_a_write_runs_off_the_ui_thread_and_announces_its_changes(qtbot) -> None:  # noqa: ANN001
    operations = Operations()
    asker = QWidget()
    qtbot.addWidget(asker)
    threads: list[int] = []
    results: list[object] = []
    announced: list[tuple[Changes, object]] = []
    labels: list[str] = []
    operations.changed.connect(lambda changes, initiator: announced.append((changes, initiator)))
    operations.activity.connect(labels.append)

    def work() -> int:
        threads.append(threading.get_ident())
        return 42

    operations.run(asker, work, Changes(visits=True), done=results.append, label="正在保存走访结果…")
    assert operations.running == 1
    operations.wait()
    assert threads and threads[0] != threading.get_ident()
    assert results == [42]
    assert announced == [(Changes(visits=True), asker)]
    assert labels == ["正在保存走访结果…", ""]  # the busy indicator came and went
    assert operations.running == 0


def test_writes_happen_in_the_order_asked(qtbot) -> None:  # noqa: ANN001
    operations = Operations()
    order: list[int] = []
    for n in range(20):
        operations.run(None, lambda n=n: order.append(n))
    operations.wait()
    assert order == list(range(20))


def test_changes_combine_and_say_whether_rosters_may_differ() -> None:
    both = Changes(households=True) | Changes(needs=True)
    assert both == Changes(households=True, needs=True)
    assert both.rosters and not Changes(accounts=True).rosters and not Changes(printed=True).rosters
    assert Changes(needs=True).rosters  # a need may make a hot spot: its stairwell goes on the roster
    assert not NOTHING and Changes(printed=True)


def test_a_typed_refusal_goes_to_the_page_and_nothing_is_announced(qtbot) -> None:  # noqa: ANN001
    operations = Operations()
    refused: list[Exception] = []
    announced: list[object] = []
    operations.changed.connect(lambda *args: announced.append(args))

    def work() -> None:
        raise NotFound("住户", "household", "H404")

    operations.run(None, work, Changes(households=True), failed=refused.append)
    operations.wait()
    assert [type(e) for e in refused] == [NotFound]
    assert announced == []


def test_a_failed_write_without_a_handler_is_reported_not_lost(qtbot, tmp_path) -> None:  # noqa: ANN001
    path = error_log.install_error_log(tmp_path)
    shown: list[str] = []
    restore = error_log.install_excepthook(
        lambda error, where: shown.append(f"{type(error).__name__} {where}"))
    try:
        operations = Operations()

        def work() -> None:
            raise PermissionError(13, "Permission denied", "/home/li/走访名单.xlsx")

        operations.run(None, work)
        operations.wait()
    finally:
        restore()
    assert shown == [f"PermissionError {path}"]
    logged = path.read_text(encoding="utf-8")
    assert "PermissionError" in logged and "test_operations.py" in logged
    assert "走访名单" not in logged  # Chinese text may be a name or an address: never logged


def test_the_page_that_asked_is_gone_but_the_changes_are_still_announced(qtbot) -> None:  # noqa: ANN001
    operations = Operations()
    asker = QWidget()
    called: list[object] = []
    announced: list[tuple[Changes, object]] = []
    operations.changed.connect(lambda changes, initiator: announced.append((changes, initiator)))
    gate = threading.Event()
    operations.run(asker, lambda: gate.wait(5), Changes(households=True), done=called.append)
    asker.deleteLater()
    qtbot.waitUntil(lambda: not _alive(asker))
    gate.set()
    operations.wait()
    assert called == [] and announced == [(Changes(households=True), None)]


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)
