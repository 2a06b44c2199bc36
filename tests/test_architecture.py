"""The layers point one way: the import contracts in pyproject.toml hold.

domain <- storage <- services <- (cli, ui); reports and io are plain and used by the
services; the GUI never reaches the command line, the documents or SQL; no Qt in the core.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    run = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                          "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    """The check itself works: a copy of the tree where the domain imports Qt is refused."""
    import shutil

    for package in ("gridkeeper", "ui"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "gridkeeper" / "domain" / "periods.py").open("a") as module:
        module.write("\nimport PySide6.QtCore  # noqa\n")
    run = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                          "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode != 0
    assert "No Qt in the core BROKEN" in " ".join(run.stdout.split())
