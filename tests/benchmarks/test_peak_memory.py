"""The bench's peak memory of a command is the command's own, not the bench's.

The bench holds whole demo registers in memory while it starts the commands it measures; a
figure that counted the bench's peak as the command's would fail a command that is within
its limit (and hide one that is not)."""

import sys

import pytest

from bench.measures import _run_counted

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _hold(megabytes: int) -> bytearray:
    block = bytearray(megabytes * 1024 * 1024)
    for i in range(0, len(block), 4096):  # touch every page so it is resident
        block[i] = 1
    return block


def test_a_small_command_started_by_a_large_process_is_measured_small():
    held = _hold(300)
    command = [sys.executable, "-c",
               "x = bytearray(40 * 1024 * 1024)\n"
               "for i in range(0, len(x), 4096): x[i] = 1\n"
               "import time; time.sleep(0.2)"]
    peak = _run_counted(command)
    assert 40 <= peak < 150, peak
    assert len(held) == 300 * 1024 * 1024
