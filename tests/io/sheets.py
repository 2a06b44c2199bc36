"""Generated register sheets for the import tests and the benchmark: valid residents with
real check digits, and helpers to make them messy the way office sheets are."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from gridkeeper.domain.idnumber import check_char

HEADER = ["户编号", "网格", "小区", "楼号", "单元", "楼层", "门牌号", "姓名", "性别", "身份证号",
          "出生日期", "联系电话", "与户主关系", "人员类别", "登记日期", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华"


def id_number(born: date, serial: int, female: bool) -> str:
    sequence = serial % 500 * 2 + (0 if female else 1)
    first17 = f"110105{born:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def register_rows(households: int, seed: int = 1, per_household: Sequence[int] = (1, 2, 3, 4, 5),
                  ) -> list[list[Any]]:
    """Rows of a valid register sheet (without header): several residents per household."""
    rng = random.Random(seed)
    rows: list[list[Any]] = []
    serial = 0
    for h in range(households):
        building = h // 120 + 1
        unit, floor, door = h % 120 // 40 + 1, h % 40 // 2 + 1, h % 2 + 1
        size = rng.choice(per_household)
        for r in range(size):
            serial += 1
            female = rng.random() < 0.5
            # year from the serial's block, day and sequence from the serial: unique numbers
            born = date(1930 + serial // 1000 % 90, 1, 1) + timedelta(days=serial % 365)
            rows.append([
                f"H{h + 1:06d}", f"第{building % 10 + 1}网格", "阳光小区", str(building), unit, floor,
                f"{floor}{door:02d}", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                "女" if female else "男", id_number(born, serial, female), None,
                f"13{rng.randrange(100000000, 999999999)}", "户主" if r == 0 else "家属",
                rng.choice(["", "", "", "低保", "残疾人", "特困", "高龄"]) if r == 0 else "",
                date(2020, 1, 1) + timedelta(days=h % 1000), "",
            ])
    return rows


def write_sheet(path: Path, rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER,
                titles: Sequence[str] = (), merges: Sequence[str] = ()) -> Path:
    """A workbook with optional title rows above the header and merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    for title in titles:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for area in merges:
        sheet.merge_cells(area)
    workbook.save(path)
    return path
