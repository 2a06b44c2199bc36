"""The printed roster as a whole: its number readable by a scanner from the QR code, the
index of an all-grids print in the street's order of communities, and the pages a reprint
gives of the same sheet."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Community, Grid
from tests.conftest import household
from tests.reports import pdftools

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

TODAY = date(2026, 11, 24)


def qr_codes(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """What a scanner reads from the page printed at 100 dpi, in greyscale."""
    stem = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(stem)], check=True)
    return [code.text for code in zxingcpp.read_barcodes(Image.open(f"{stem}.png"))]


@pytest.fixture
def street(gk: GridKeeper) -> GridKeeper:
    """Two communities whose grids' own sort orders would interleave them."""
    for n, (code, grid) in enumerate((("E1", "东区1网格"), ("W1", "西区1网格"), ("E2", "东区2网格"),
                                      ("W2", "西区2网格")), start=1):
        gk.register.save_household(household(code, grid=grid, building=str(n)))
    with gk.db.transaction() as session:
        west, east = Community(name="西区社区", sort_order=1), Community(name="东区社区", sort_order=2)
        session.add_all([west, east])
        session.flush()
        for prefix, community in (("西区", west), ("东区", east)):
            session.execute(update(Grid).where(Grid.name.like(f"{prefix}%"))
                            .values(community_id=community.id))
        for order, name in enumerate(("东区1网格", "西区1网格", "东区2网格", "西区2网格")):
            session.execute(update(Grid).where(Grid.name == name).values(sort_order=order))
    return gk


def test_an_all_grids_print_follows_the_communities_and_opens_with_their_index(
        street: GridKeeper, tmp_path: Path) -> None:
    result = street.printing.rosters("2026-W48", tmp_path / "all.pdf", as_of=TODAY)
    texts = pdftools.page_texts(result.files[0])
    index = texts[0]
    order = ["西区1网格", "西区2网格", "东区1网格", "东区2网格"]
    assert [index.find(name) for name in order] == sorted(index.find(name) for name in order)
    assert index.find("西区社区") < index.find("东区社区")
    for number in result.numbers:
        assert number in index
    grids = [next(name for name in order if f"网格：{name}" in t) for t in texts[1:]]
    assert grids == order  # one page each, in the index's order
    assert all("本表 1 户" in t for t in texts[1:])


def test_the_qr_code_in_the_header_reads_back_as_the_roster_number(street: GridKeeper,
                                                                  tmp_path: Path) -> None:
    result = street.printing.rosters("2026-W48", tmp_path / "one.pdf", grid="西区2网格", as_of=TODAY)
    assert qr_codes(result.files[0], 1, tmp_path) == [result.numbers[0]]
    assert f"花名册编号：{result.numbers[0]}" in pdftools.text(result.files[0])


def test_every_page_of_a_long_grid_carries_its_header_and_its_own_page_number(
        gk: GridKeeper, tmp_path: Path) -> None:
    for n in range(40):
        gk.register.save_household(household(f"L{n:02d}", grid="长网格", floor=n // 4 + 1,
                                             room=f"{n // 4 + 1}0{n % 4 + 1}"))
    result = gk.printing.rosters("2026-W48", tmp_path / "long.pdf", grid="长网格", as_of=TODAY)
    texts = pdftools.page_texts(result.files[0])
    assert len(texts) >= 3
    for page, text in enumerate(texts, start=1):
        assert "网格：长网格" in text and f"花名册编号：{result.numbers[0]}" in text
        assert "类别图例" in text and "本表 40 户" in text
        assert f"第{page}页/共{len(texts)}页" in "".join(text.split())
    assert all(qr_codes(result.files[0], page, tmp_path) == [result.numbers[0]]
               for page in (1, len(texts)))
