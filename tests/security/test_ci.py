"""The encrypted-register tests run in CI, never skip there: the ``test`` extra installs
SQLCipher and ``.ci/run`` makes a missing one a failure (tests/conftest.needs_sqlcipher)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_test_extra_installs_sqlcipher_and_ci_requires_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(r.startswith("sqlcipher3-binary") for r in project["optional-dependencies"]["test"])
    assert "export GRIDKEEPER_REQUIRE_ENCRYPTION=1" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
