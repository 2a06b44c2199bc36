"""Cell values as offices type them, turned into the values the register stores.

Excel gives numbers where text was meant (ID numbers, room numbers), dates as Excel dates,
as serial numbers or as text in several spellings, and text with stray spaces. Each parser
returns the clean value or raises :class:`ValidationError` naming the field and the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.io.formulas import read_back

# Excel's day 0 (it counts 1900-02-29, so serials from 61 on are off by one from 1899-12-31)
_EXCEL_EPOCH = date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b]+")
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")
_INT_SUFFIX = re.compile(r"^(-?\d+)\s*(?:单元|层|楼|f|F)?$")


def text(value: object) -> str:
    """The cell as trimmed text: 3.0 becomes "3", inner runs of spaces become one space, and
    the apostrophe our exports put before a formula-like value is gone again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return read_back(_SPACES.sub(" ", str(value)).strip())


def is_blank(values: list[object] | tuple[object, ...]) -> bool:
    for value in values:
        if value is None:
            continue
        if value.__class__ is str and value and not value[0].isspace() and value[0] != "\u200b":
            return False  # text that does not start with a space is never trimmed away
        if text(value) != "":
            return False
    return True


def parse_date(value: object, field: T) -> date | None:
    """An Excel date, an Excel serial number, or text like 2026-1-5, 2026/01/05, 2026年1月5日."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 1900-01-01 .. 9999-12-31 as Excel serials
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValidationError(field, value, T("不是日期", "is not a date"))
    raw = text(value)
    if not raw:
        return None
    match = _DATE_TEXT.match(raw) or _COMPACT_DATE.match(raw)
    if match is None:
        if re.fullmatch(r"\d{4,5}(?:\.0+)?", raw):  # a serial number that arrived as text (CSV)
            return _EXCEL_EPOCH + timedelta(days=int(float(raw)))
        raise ValidationError(field, raw, T("日期格式应为2026-01-05、2026/1/5或2026年1月5日",
                                            "a date should look like 2026-01-05, 2026/1/5 "
                                            "or 2026年1月5日"))
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValidationError(field, raw, T("日期不存在", "no such date")) from None


_TIME_TEXT = re.compile(r"^(.*?)[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?分?$")


def parse_datetime(value: object, field: T) -> datetime | None:
    """A date with its time of day: an Excel date-time, or text like 2026-11-02 09:15,
    2026/11/2 9:15:30 or 2026年11月2日 9时15分; a date alone is taken at midnight."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, float) and not isinstance(value, bool) and not value.is_integer() \
            and 1 <= value < 2958466:  # an Excel serial with a fraction of a day
        return datetime.combine(_EXCEL_EPOCH, datetime.min.time()) + timedelta(
            seconds=round(value * 86400))
    raw = text(value) if not isinstance(value, date) else ""
    match = _TIME_TEXT.match(raw) if raw else None
    if match is None:
        day = parse_date(value, field)
        return datetime.combine(day, datetime.min.time()) if day else None
    day = parse_date(match[1], field)
    hour, minute, second = int(match[2]), int(match[3]), int(match[4] or 0)
    if day is None or hour > 23 or minute > 59 or second > 59:
        raise ValidationError(field, raw, T("时间不存在", "no such time"))
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute, second=second)


def parse_int(value: object, field: T) -> int | None:
    """A whole number, also written "3单元" or "12层"."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise ValidationError(field, value, T("应为整数", "must be a whole number"))
    raw = text(value)
    if not raw:
        return None
    match = _INT_SUFFIX.match(raw)
    if match is None:
        raise ValidationError(field, raw, T("应为整数", "must be a whole number"))
    return int(match[1])


def id_number_text(value: object, field: T) -> str | None:
    """The ID number as text, refusing numbers Excel has already rounded to 15 digits.

    Excel keeps 15 significant digits, so an 18-digit number typed into a number cell
    comes back as 1.10101199001011E+17 with its last digits gone: it cannot be repaired.
    """
    if value is None:
        return None
    damaged = T("已被Excel按数字存储而损坏（只保留15位有效数字），请把该列设为文本后重新录入",
                "was damaged by Excel storing it as a number (only 15 digits kept); "
                "format the column as text and type it again")
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)
                                    and value >= 10**15):
        shown = f"{value:.14E}" if isinstance(value, float) else str(value)
        raise ValidationError(field, shown, damaged)
    raw = text(value).replace(" ", "")
    if _SCIENTIFIC.match(raw):
        raise ValidationError(field, raw, damaged)
    return raw or None


def split_list(value: object, separators: str = "、,，;；/") -> list[str]:
    """Several entries in one cell, separated by 、 , ; or / (full- or half-width)."""
    raw = text(value)
    if not raw:
        return []
    parts = re.split("[" + re.escape(separators) + "]", raw)
    return [p.strip() for p in parts if p.strip()]


def column_letters(column: int) -> str:
    """A worksheet column's letters, as Excel names it: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
