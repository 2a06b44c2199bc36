"""The PyInstaller spec builds a one-folder app that starts: the proof that the Windows build
recipe works, run on Linux. Slow (about a minute to build): marked ``slow`` and ``build``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.build,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller not installed (pip install -e .[test])"),
]


@pytest.fixture(scope="module")
def built_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "gridkeeper.spec")],
        check=True, cwd=ROOT, timeout=900,
    )
    app = work / "dist" / "GridKeeper" / ("GridKeeper.exe" if os.name == "nt" else "GridKeeper")
    assert app.exists()
    return app


def _run(app: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # a clean environment: the built app must not lean on this checkout or its virtualenv
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(app), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def test_built_app_creates_migrates_and_fills_a_database(built_app: Path, tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    empty = _run(built_app, "--db", str(db), "info", cwd=tmp_path)
    assert empty.returncode == 0, empty.stderr
    assert "住户: 0" in empty.stdout  # the migrations shipped with the app created the schema

    demo = _run(built_app, "--db", str(db), "demo", "--households", "40", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    filled = _run(built_app, "--db", str(db), "info", cwd=tmp_path)
    assert "住户: 40" in filled.stdout


def test_built_app_prints_a_roster_pdf_with_chinese_text(built_app: Path, tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert _run(built_app, "--db", str(db), "demo", "--households", "40", cwd=tmp_path).returncode == 0
    pdf = tmp_path / "roster.pdf"
    printed = _run(built_app, "--db", str(db), "roster", "--week", "2026-W47", "--pdf", str(pdf),
                   cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not (ROOT / "ui" / "app.py").exists(), reason="the GUI (ui/app.py) is not there yet")
def test_built_app_opens_the_main_window_offscreen(built_app: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out.png"
    started = _run(built_app, "--db", str(tmp_path / "office.db"), "--demo", "40", "--screenshot", str(shot),
                   cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
