"""Phone numbers: mainland mobiles and landlines with area codes.

Mobile: ``1[3-9]`` + 9 digits, optionally prefixed by +86 / 86. Landline: ``0`` + 2-3 digit
area code + 7-8 digits, separators (space, hyphen) allowed. Stored without separators or
country code, so that a search for the last digits finds them.
"""

from __future__ import annotations

import re

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T

FIELD = T("联系电话", "phone")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalise_phone(raw: str | None) -> str | None:
    """Return the stored form of a phone number, ``None`` for empty, or raise."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if _MOBILE.match(digits):
        return digits
    if digits.startswith("0") and _LANDLINE.match(digits):
        return digits
    raise ValidationError(FIELD, raw, T(
        "应为手机号（1开头11位）或带区号的固定电话（如010-88886666）",
        "must be a mobile (11 digits starting 1[3-9]) or a landline with area code "
        "(e.g. 010-88886666)",
    ))


def mask_phone(phone: str | None) -> str:
    """First 3 + 4 asterisks + last 4, as printouts and exports show by default."""
    if not phone:
        return ""
    if len(phone) < 8:
        return "*" * len(phone)
    return phone[:3] + "*" * 4 + phone[-4:]
