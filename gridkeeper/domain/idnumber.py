"""Resident ID numbers (居民身份证号码) under GB 11643-1999.

18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd for men,
even for women) and a check character computed mod 11 over weighted digits.

A masked number (:func:`mask_id_number`) hides exactly the 8 birth-date digits, so wherever
one is shown its holder's birth date may be shown as the year only (:func:`shown_birth`):
the full date, or the year with the age on a given day (which tells on which side of that
day the birthday falls), would give the hidden digits back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import mul

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
FIELD = T("身份证号", "ID number")
_SHAPE = re.compile(r"^\d{17}[\dX]$")


@dataclass(frozen=True)
class IdFacts:
    """What a valid ID number tells: the normalised number, birth date and gender."""

    number: str
    birth_date: date
    gender: str  # "M" or "F"


_ZEROES = ord("0") * sum(WEIGHTS)  # what the digits' character codes add beyond their values


def check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError(f"17 digits expected: {first17!r}")
    # weighted over the digits' character codes, less what the code of "0" adds to each
    return CHECK_CHARS[(sum(map(mul, first17.encode(), WEIGHTS)) - _ZEROES) % 11]


def parse_id_number(raw: str) -> IdFacts:
    """Validate and normalise an ID number, or raise :class:`ValidationError`.

    Spaces are trimmed and a lowercase ``x`` becomes ``X`` (how it is stored).
    """
    number = str(raw).strip().upper()
    if len(number) != 18:
        raise ValidationError(FIELD, raw, T(f"应为18位，实际{len(number)}位",
                                            f"must have 18 characters, not {len(number)}"))
    if not _SHAPE.match(number):
        raise ValidationError(FIELD, raw, T("前17位应为数字，末位为数字或X",
                                            "the first 17 must be digits, the last a digit or X"))
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(FIELD, raw, T(f"出生日期{number[6:14]}不存在",
                                            f"birth date {number[6:14]} does not exist")) from None
    if born.year < 1850 or born > date.today():
        raise ValidationError(FIELD, raw, T(f"出生日期{number[6:14]}不合理",
                                            f"birth date {number[6:14]} is implausible"))
    expected = check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(FIELD, raw, T(f"校验位错误（应为{expected}）",
                                            f"wrong check digit (should be {expected})"))
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdFacts(number=number, birth_date=born, gender=gender)


def is_valid_id_number(raw: str) -> bool:
    try:
        parse_id_number(raw)
    except ValidationError:
        return False
    return True


def mask_id_number(number: str | None) -> str:
    """First 6 + 8 asterisks + last 4, as printouts and exports show by default."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * 8 + number[-4:]


BIRTH_DATE = T("出生日期", "Birth date")
BIRTH_YEAR = T("出生年份", "Birth year")


def shown_birth(born: date | None, unmasked: bool) -> date | int | None:
    """A birth date as it may be shown beside an ID number: the date beside the full number,
    the year only beside a masked one. Every output that masks ID numbers (exports, printed
    documents, the screen) shows birth dates through this, under :func:`birth_title`."""
    if born is None:
        return None
    return born if unmasked else born.year


def birth_title(unmasked: bool) -> T:
    """The column or label for :func:`shown_birth`'s value."""
    return BIRTH_DATE if unmasked else BIRTH_YEAR
