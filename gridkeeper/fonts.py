"""Finding a CJK TrueType font on this PC, for the PDFs and the GUI (no Qt here).

Chinese text must render on a fresh machine. The search order is: the font chosen in the
settings (a file path, ``path#index`` for one face of a ``.ttc``, or a family name), the
``GRIDKEEPER_FONT`` environment variable, then the fonts each platform ships: on Windows
Microsoft YaHei, SimHei and SimSun under ``%WINDIR%\\Fonts``; on Linux WenQuanYi or any
Chinese font fontconfig (``fc-list``) knows; on macOS the system's Chinese fonts.

Only fonts with TrueType outlines (a ``glyf`` table) qualify, because reportlab can embed
those and not CFF-based OpenType (Noto Sans CJK, Source Han): a font that displays on screen
but fails at print time would be worse than a clear message now.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gridkeeper.domain.errors import GridKeeperError

ENV_FONT = "GRIDKEEPER_FONT"
# the key of the shared setting (table ``setting``) that names the font chosen by the office
SETTING_KEY = "cjk_font"

# (file name, face index, family) in order of preference
WINDOWS_FONTS: tuple[tuple[str, int, str], ...] = (
    ("msyh.ttc", 0, "Microsoft YaHei"),
    ("msyh.ttf", 0, "Microsoft YaHei"),
    ("simhei.ttf", 0, "SimHei"),
    ("simsun.ttc", 0, "SimSun"),
    ("simkai.ttf", 0, "KaiTi"),
)
LINUX_FONTS: tuple[tuple[str, int, str], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "WenQuanYi Micro Hei"),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0, "WenQuanYi Micro Hei"),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "AR PL UMing"),
)
MAC_FONTS: tuple[tuple[str, int, str], ...] = (
    ("/Library/Fonts/Arial Unicode.ttf", 0, "Arial Unicode MS"),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0, "Arial Unicode MS"),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0, "Heiti SC"),
)
# fontconfig families tried first, in order, before any other Chinese font it lists
PREFERRED_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei")


@dataclass(frozen=True)
class FontChoice:
    """A font file, the face inside it (``.ttc`` collections hold several) and its family."""

    path: Path
    index: int
    family: str


class FontNotFound(GridKeeperError):
    zh = ("找不到可用的中文 TrueType 字体（{detail}）。请安装文泉驿微米黑（Debian/Ubuntu："
          "apt install fonts-wqy-microhei），或在设置中指定字体文件")
    en = ("No usable Chinese TrueType font found ({detail}). Install WenQuanYi Micro Hei "
          "(Debian/Ubuntu: apt install fonts-wqy-microhei) or choose a font file in the settings")

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)


def find_cjk_font(preferred: str | None = None) -> FontChoice:
    """The CJK font to use: ``preferred`` when it is usable, else the first the platform has.

    Raises :class:`FontNotFound` when a ``preferred`` font is named but unusable (the user
    asked for it, so silently using another would hide their mistake) or when none exists.
    """
    if preferred and preferred.strip():
        choice = _resolve(preferred.strip())
        if choice is None:
            raise FontNotFound(detail=f"“{preferred}” 不是可嵌入的 TrueType 字体 / "
                                      f"“{preferred}” is not an embeddable TrueType font")
        return choice
    return _default_font(os.environ.get(ENV_FONT, "").strip())


@lru_cache(maxsize=4)
def _default_font(from_env: str) -> FontChoice:
    # cached: fc-list costs tens of milliseconds and the fonts do not change while we run
    if from_env:
        choice = _resolve(from_env)
        if choice is not None:
            return choice
    for choice in _platform_candidates():
        if is_truetype(choice.path, choice.index):
            return choice
    raise FontNotFound(detail=f"platform {sys.platform}")


def _resolve(spec: str) -> FontChoice | None:
    """A path (``path#index`` picks a face) or a family name known to fontconfig/Windows."""
    path_part, _, index_part = spec.partition("#")
    index = int(index_part) if index_part.isdigit() else 0
    path = Path(path_part).expanduser()
    if path.is_file():
        if is_truetype(path, index) and has_chinese(path, index):
            return FontChoice(path, index, _family_of(path, index) or path.stem)
        return None
    wanted = spec.casefold()
    for choice in _platform_candidates():
        if choice.family.casefold() == wanted and is_truetype(choice.path, choice.index):
            return choice
    return None


def _platform_candidates() -> Iterator[FontChoice]:
    if sys.platform.startswith("win"):
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        yield from _existing((str(folder / name), index, family) for name, index, family in WINDOWS_FONTS)
    elif sys.platform == "darwin":
        yield from _existing(MAC_FONTS)
    yield from _existing(LINUX_FONTS)
    yield from _fontconfig_fonts()


def _existing(candidates: Iterable[tuple[str, int, str]]) -> Iterator[FontChoice]:
    for path, index, family in candidates:
        if Path(path).is_file():
            yield FontChoice(Path(path), index, family)


def _fontconfig_fonts() -> Iterator[FontChoice]:
    """Chinese fonts fontconfig knows, the preferred families first."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file", "index", "family"], capture_output=True, text=True,
            timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    found: list[FontChoice] = []
    for line in out.splitlines():
        choice = _parse_fc_line(line)
        if choice is not None:
            found.append(choice)

    def rank(choice: FontChoice) -> tuple[int, str]:
        family = choice.family.casefold()
        for order, name in enumerate(PREFERRED_FAMILIES):
            if family == name.casefold():
                return order, str(choice.path)
        return len(PREFERRED_FAMILIES), str(choice.path)

    yield from sorted(found, key=rank)


def _parse_fc_line(line: str) -> FontChoice | None:
    # "/path/font.ttc: Family,别名:index=1" (fields are printed in fontconfig's own order)
    path, sep, rest = line.partition(": ")
    if not sep:
        return None
    family, index = "", 0
    for field in rest.split(":"):
        if field.startswith("index="):
            index = int(field[6:]) if field[6:].isdigit() else 0
        elif field and not family:
            family = field.split(",")[0].strip()
    if not family:
        family = Path(path).stem
    return FontChoice(Path(path.strip()), index, family)


def is_truetype(path: Path, index: int = 0) -> bool:
    """Whether the face has TrueType outlines (``glyf``), i.e. reportlab can embed it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return False
                handle.seek(12 + 4 * index)
                offset = struct.unpack(">I", handle.read(4))[0]
                handle.seek(offset)
                head = handle.read(12)
            elif index != 0:
                return False
            if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False  # "OTTO" is CFF-based OpenType
            tables = struct.unpack(">H", head[4:6])[0]
            directory = handle.read(16 * tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i:i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags and b"cmap" in tags


def has_chinese(path: Path, index: int = 0) -> bool:
    """Whether the face maps common Chinese characters (a file the user picked may not)."""
    try:
        from reportlab.pdfbase.ttfonts import TTFontFile

        mapped = TTFontFile(str(path), subfontIndex=index).charToGlyph
    except Exception:  # any unreadable font is simply not usable
        return False
    return all(ord(ch) in mapped for ch in "中文社区")


def _family_of(path: Path, index: int) -> str | None:
    """The family name stored in the font (name ID 1), for display; None when unreadable."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    try:
        offset = 0
        if data[:4] == b"ttcf":
            offset = struct.unpack(">I", data[12 + 4 * index:16 + 4 * index])[0]
        tables = struct.unpack(">H", data[offset + 4:offset + 6])[0]
        for i in range(tables):
            entry = offset + 12 + 16 * i
            if data[entry:entry + 4] == b"name":
                start = struct.unpack(">I", data[entry + 8:entry + 12])[0]
                return _read_family(data, start)
    except (struct.error, IndexError, UnicodeDecodeError):
        return None
    return None


def _read_family(data: bytes, start: int) -> str | None:
    count, strings = struct.unpack(">HH", data[start + 2:start + 6])
    best: str | None = None
    for i in range(count):
        rec = start + 6 + 12 * i
        platform, encoding, language, name_id, length, off = struct.unpack(
            ">HHHHHH", data[rec:rec + 12])
        if name_id != 1:
            continue
        raw = data[start + strings + off:start + strings + off + length]
        if platform == 3:  # Windows, UTF-16BE: prefer English (0x409) when present
            text = raw.decode("utf-16-be")
            if language == 0x409:
                return text
            best = best or text
        elif platform == 1 and encoding == 0:
            best = best or raw.decode("latin-1")
    return best
