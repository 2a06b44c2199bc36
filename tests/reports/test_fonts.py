"""Finding a CJK TrueType font: the office's choice first, then what the platform ships."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from gridkeeper import fonts
from gridkeeper.fonts import FontNotFound, find_cjk_font, is_truetype

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
needs_wqy = pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei is not installed")


@pytest.fixture(autouse=True)
def _fresh_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    fonts._default_font.cache_clear()


def test_a_chinese_truetype_font_is_found_on_this_machine() -> None:
    choice = find_cjk_font()
    assert choice.path.is_file()
    assert is_truetype(choice.path, choice.index)


@needs_wqy
def test_the_second_face_of_a_collection_can_be_chosen_by_path() -> None:
    choice = find_cjk_font(f"{WQY}#1")
    assert (choice.path, choice.index) == (WQY, 1)
    assert "Mono" in choice.family


@needs_wqy
def test_a_font_can_be_chosen_by_family_name() -> None:
    choice = find_cjk_font("WenQuanYi Micro Hei")
    assert choice.path == WQY


def test_a_chosen_font_that_cannot_be_embedded_is_refused_with_a_message(tmp_path: Path) -> None:
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + bytes(60))  # CFF outlines: reportlab cannot embed these
    with pytest.raises(FontNotFound) as error:
        find_cjk_font(str(cff))
    assert "fonts-wqy-microhei" in str(error.value)


@needs_wqy
def test_the_environment_variable_names_the_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "office.ttc"
    shutil.copy(WQY, copy)
    monkeypatch.setenv(fonts.ENV_FONT, str(copy))
    assert find_cjk_font().path == copy


@needs_wqy
def test_windows_fonts_are_looked_for_under_windir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "Fonts").mkdir()
    shutil.copy(WQY, tmp_path / "Fonts" / "simhei.ttf")  # stands in for SimHei
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    choice = find_cjk_font()
    assert choice.family == "SimHei"
    assert choice.path == tmp_path / "Fonts" / "simhei.ttf"


def test_fontconfig_lines_give_path_face_and_family() -> None:
    line = "/usr/share/fonts/x/wqy-microhei.ttc: WenQuanYi Micro Hei Mono,文泉驛等寬微米黑:index=1"
    choice = fonts._parse_fc_line(line)
    assert choice is not None
    assert (str(choice.path), choice.index, choice.family) == (
        "/usr/share/fonts/x/wqy-microhei.ttc", 1, "WenQuanYi Micro Hei Mono")


def test_a_chosen_font_without_chinese_characters_is_refused() -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVu Sans is not installed")
    with pytest.raises(FontNotFound):
        find_cjk_font(str(latin))
