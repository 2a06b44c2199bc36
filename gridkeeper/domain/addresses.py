"""How an address is written on paper and in lists: 阳光小区 3号楼 2单元 1201."""

from __future__ import annotations


def address_text(estate: str, building: str, unit: int, room: str) -> str:
    """Estate, building (with 号楼 unless it already says 号 / 栋 / 幢 / 楼), unit and room."""
    building_text = building if building.endswith(("号", "栋", "幢", "楼")) else f"{building}号楼"
    return f"{estate} {building_text} {unit}单元 {room}"
