"""The README's two set-up blocks, "Run the app" and "Run the tests", are what a newcomer pastes
on a fresh Debian or Ubuntu (and what .ci/run executes): each makes and uses its own virtual
environment, and the test block installs every library the app needs on a real display, so
the test that opens the window on Xvfb checks the app block's list."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def block(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1]
    return section.split("```sh\n", 1)[1].split("\n```", 1)[0].replace("\\\n", " ")


def apt_packages(code: str) -> set[str]:
    line = next(line for line in code.splitlines() if "apt-get install" in line)
    return {word for word in line.split("install", 1)[1].split() if not word.startswith("-")}


def test_each_block_makes_and_uses_its_own_virtual_environment() -> None:
    for heading in ("Run the app", "Run the tests"):
        code = block(heading)
        assert "python3 -m venv .venv" in code and ". .venv/bin/activate" in code
        assert re.search(r"^python -m pip install -e ", code, re.MULTILINE), heading  # the venv's pip
        assert "python3-venv" in apt_packages(code)


def test_the_test_block_installs_what_the_app_needs_on_a_display() -> None:
    app, tests = apt_packages(block("Run the app")), apt_packages(block("Run the tests"))
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= app
    assert app <= tests and "xvfb" in tests


def test_the_app_block_fills_the_demo_before_the_first_start() -> None:
    assert block("Run the app").splitlines()[-1].startswith("python main.py --demo ")
