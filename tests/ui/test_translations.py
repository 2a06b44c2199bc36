"""Every interface string has its English: a string added without it shows Chinese in the
English interface (``--lang en``); and a count reads "1 line", "2 lines"."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

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


# what a count in English is followed by; a translation that puts one right after a number
# says "1 lines" (a count written %n takes its plural forms from the .ts instead)
COUNTED = re.compile(r"%\d+\s+(?:[a-z-]+\s+)?(households|visits|lines|pages|needs|times|rows|grids|"
                     r"residents|records|entries|days)\b")
FIXED = {"共 %1 件；超期 %2 件，%3 天内到期 %4 件"}  # "within 2 days": the window is a constant


def test_a_count_in_english_agrees_with_its_number(qapp) -> None:  # noqa: ANN001
    tree = ET.parse(TRANSLATIONS / "gridkeeper_en.ts")
    wrong = [f"{m.findtext('source')} -> {m.findtext('translation')}" for m in tree.iter("message")
             if m.get("numerus") != "yes" and m.findtext("source") not in FIXED
             and COUNTED.search(m.findtext("translation") or "")]
    assert wrong == []
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "gridkeeper_en.qm"))
    assert translator.translate("AuditPage", "共 %n 条", "", 1) == "%n line"
    assert translator.translate("AuditPage", "共 %n 条", "", 2) == "%n lines"
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("AuditPage", "共 %n 条", "", 1) == "1 line"
        assert QCoreApplication.translate("RosterEntryModel", "%1 %n天", "", 1) == "%1 1 day"
        assert QCoreApplication.translate("RosterEntryModel", "%1 %n天", "", 6) == "%1 6 days"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("AuditPage", "共 %n 条", "", 1) == "共 1 条"  # Chinese: no forms
