"""Addresses: how one is written on paper and in lists (阳光小区 3号楼 2单元 1201), and
addresses as residents and the 12345 hotline write them, read into building, unit and room.

"北京市石景山区金顶街街道阳光小区3号楼2单元501室", "阳光小区3-2-501", "阳光小区三号楼二门501":
the part before the building is where the estate's name is looked for (by the caller, who
knows the estates); the rest gives building (楼号), unit (单元) and room (门牌号). An address
without all three names no household, so it is not read as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十]+(?=\s*(?:号楼|号|栋|幢|座|单元|门))")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")
_LONG = re.compile(
    r"(?P<building>[0-9A-Za-z]+)\s*(?:号楼|号|栋|幢|座|楼)\s*-?\s*"
    r"(?P<unit>\d{1,2})\s*(?:单元|号门|门)\s*-?\s*(?:\d{1,2}\s*层\s*)?"
    r"(?P<room>\d{3,5})(?!\d)")
_DASHED = re.compile(
    r"(?<![0-9A-Za-z])(?P<building>[0-9A-Za-z]{1,4})-(?P<unit>\d{1,2})-(?P<room>\d{3,5})(?!\d)")



def address_text(estate: str, building: str, unit: int, room: str) -> str:
    """Estate, building (with 号楼 unless it already says 号 / 栋 / 幢 / 楼), unit and room."""
    building_text = building if building.endswith(("号", "栋", "幢", "楼")) else f"{building}号楼"
    return f"{estate} {building_text} {unit}单元 {room}"


@dataclass(frozen=True)
class AddressParts:
    """What an address says about where a household lives."""

    before: str  # the text before the building: district, street, estate
    building: str  # as written, without 号楼 ("3", "A")
    unit: int
    room: str

    def building_spellings(self) -> tuple[str, ...]:
        """How a register may have written this building's number."""
        b = self.building
        return (b, f"{b}号", f"{b}号楼", f"{b}栋", f"{b}幢", f"{b}座")


def _chinese_to_digits(match: re.Match[str]) -> str:
    text = match.group(0)
    if "十" not in text:
        return "".join(str(_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))


def parse_address(text: str | None) -> AddressParts | None:
    """Building, unit and room of ``text``; None when it does not name all three."""
    if not text:
        return None
    clean = _CHINESE_NUMBER.sub(_chinese_to_digits, text.translate(_FULL_WIDTH))
    clean = re.sub(r"\s+", "", clean)
    found = _LONG.search(clean) or _DASHED.search(clean)
    if found is None:
        return None
    return AddressParts(before=clean[:found.start()], building=found["building"].upper(),
                        unit=int(found["unit"]), room=found["room"])
