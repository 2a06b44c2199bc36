"""Every interface string has its English: a string added without it shows Chinese in the
English interface (``--lang en``)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def test_every_interface_string_has_english(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("fill_en", TRANSLATIONS / "fill_en.py")
    assert spec is not None and spec.loader is not None
    fill_en = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fill_en)
    # a copy of the tree's layout, so lupdate reads ui/ and writes only the copy
    copy = tmp_path / "resources" / "translations" / "gridkeeper_en.ts"
    copy.parent.mkdir(parents=True)
    shutil.copy(TRANSLATIONS / "gridkeeper_en.ts", copy)
    shutil.copytree(TRANSLATIONS.parents[1] / "ui", tmp_path / "ui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert fill_en.update(copy) == [], "add the English to resources/translations/fill_en.py"
    assert copy.with_suffix(".qm").read_bytes() == (TRANSLATIONS / "gridkeeper_en.qm").read_bytes(), (
        "run python resources/translations/fill_en.py and commit the .ts and .qm")
