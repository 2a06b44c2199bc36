"""The real tools a person would use to check a PDF (poppler-utils): page count, text, fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

if shutil.which("pdftotext") is None:  # pragma: no cover
    pytest.skip("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed",
                allow_module_level=True)

# an unmasked resident ID number (18 characters) or mainland mobile (11 digits)
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dX](?![\d*])")
FULL_MOBILE = re.compile(r"(?<![\d*])1[3-9]\d{9}(?![\d*])")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pages(path: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.MULTILINE)
    assert found, "pdfinfo gave no page count"
    return int(found[1])


def text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return _run(*args, str(path), "-")


def page_texts(path: Path) -> list[str]:
    # pdftotext separates pages with a form feed
    return text(path).split("\f")[:pages(path)]


def word_heights(path: Path) -> list[float]:
    """The height of every word's box on every page (about its font size in points)."""
    words = _run("pdftotext", "-bbox", str(path), "-")
    boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', words)
    return [float(high) - float(low) for low, high in boxes]


_WORD_BOX = r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>'


def word_boxes(path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page (width, height, its words as (left, top, right, bottom, text)), in points
    from the top left corner, as ``pdftotext -bbox`` finds them."""
    found = []
    for page in _run("pdftotext", "-bbox", str(path), "-").split("<page ")[1:]:
        size = re.search(r'width="([\d.]+)" height="([\d.]+)"', page)
        assert size, "pdftotext gave no page size"
        words = [(float(x0), float(y0), float(x1), float(y1), word)
                 for x0, y0, x1, y1, word in re.findall(_WORD_BOX, page)]
        found.append((float(size[1]), float(size[2]), words))
    return found


def crowded_words(path: Path) -> list[tuple[int, str, str]]:
    """(page, word, what is wrong) for every word that leaves its page or overlaps another
    word (a clipped or overprinted name is either)."""
    found = []
    for number, (width, height, words) in enumerate(word_boxes(path), 1):
        for i, (x0, y0, x1, y1, word) in enumerate(words):
            if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
                found.append((number, word, "off the page"))
            for ox0, oy0, ox1, oy1, other in words[i + 1:]:
                # more than a point of ink in common: two words printed over each other
                if min(x1, ox1) - max(x0, ox0) > 1 and min(y1, oy1) - max(y0, oy0) > 1:
                    found.append((number, word, f"over {other}"))
    return found


def fonts(path: Path) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) per font of the PDF."""
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    found = []
    for line in lines:
        parts = line.split()
        name = parts[0]
        emb = parts[-5]  # name type... encoding emb sub uni object ID
        found.append((name, " ".join(parts[1:-6]), emb == "yes"))
    return found


def assert_cjk_font_embedded(path: Path) -> None:
    listed = fonts(path)
    assert listed, "no fonts in the PDF"
    assert all(embedded for _, _, embedded in listed), listed
    assert any("TrueType" in kind for _, kind, _ in listed), listed


def assert_masked(content: str) -> None:
    assert not FULL_ID.search(content), FULL_ID.search(content)
    assert not FULL_MOBILE.search(content), FULL_MOBILE.search(content)
