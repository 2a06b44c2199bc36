"""The app opens on a real X display through Qt's xcb plugin, not only offscreen: the libraries
the README's apt lines name are enough (without libxcb-icccm4 or libxcb-keysyms1 Qt refuses to
start and wrongly blames libxcb-cursor0). It runs on a virtual display, Xvfb, which the README's
test block installs; a machine without Xvfb skips it and says so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

NO_XVFB = "no virtual X display: apt-get install xvfb (the README's test block does)"
pytestmark = [pytest.mark.sqlite_only, pytest.mark.skipif(shutil.which("Xvfb") is None, reason=NO_XVFB)]


def test_the_window_opens_on_an_x_display(tmp_path: Path) -> None:
    read, write = os.pipe()
    # -displayfd: the server picks a free display and writes its number when it is ready
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as ready:
            number = ready.readline().strip()
        assert number, "Xvfb did not start"
        out = tmp_path / "window.png"
        env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb",
               "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "main.py", "--db", str(tmp_path / "register.db"), "--demo", "40",
             "--screenshot", str(out), "--size", "1024x700"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert "platform plugin" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        server.terminate()
        server.wait(timeout=30)
