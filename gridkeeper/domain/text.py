"""Text a user types or imports: how long each field may be, and no control characters.

A register's text ends up in workbooks, CSV files and PDFs. Control characters (ESC, BEL,
NUL, ...) cannot be written into an Excel file at all, so one accepted resident name would
break every later export; a 100,000-character name never finishes laying out its roster.
:func:`clean` refuses both with the field's name, so the importer reports row and column and
the editor points at the field. The limits are generous for the field (the longest real
Chinese and minority names are some 20 characters) and match the database's columns.

A value that starts like a formula (``=``, ``+``, ``-``, ``@``) is kept as typed: it is stored
as text, and every export neutralises it (gridkeeper/io/formulas.py); :func:`looks_like_formula`
lets an import warn about it.
"""

from __future__ import annotations

import re
import unicodedata

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T

# field -> most characters (the database's column sizes where they are set)
LIMITS = {
    "code": 40, "grid": 50, "estate": 100, "building": 20, "room": 20, "name": 50,
    "relation": 20, "worker": 50, "phone": 20, "notes": 2000, "category": 40,
    "visit_notes": 5000, "need": 5000, "team_member": 50,
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ALLOWED_IN_LINES = "\n\t"


# the characters _control looks for (Unicode categories Cc and Cs, line and paragraph
# separators, non-characters), so that text without any is passed in one search
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]")


def _control(text: str, multiline: bool) -> tuple[int, str] | None:
    """The first control character (position, its name) that the field may not hold."""
    if _SUSPECT.search(text) is None:
        return None
    for position, ch in enumerate(text):
        if ch in _ALLOWED_IN_LINES and multiline:
            continue
        if ch == "\r" and multiline:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029\ufffe\uffff":
            name = unicodedata.name(ch, None) or f"U+{ord(ch):04X}"
            return position + 1, name
    return None


def clean(value: object, field: T, limit: int | str, *, multiline: bool = False) -> str:
    """``value`` as text, trimmed; refused when too long or holding a control character.

    ``limit`` is a number of characters or a key of :data:`LIMITS`. ``multiline`` fields
    (notes) may hold line breaks and tabs.
    """
    most = LIMITS[limit] if isinstance(limit, str) else limit
    text = "" if value is None else str(value).strip()
    found = _control(text, multiline)
    if found is not None:
        position, name = found
        shown = "".join("?" if unicodedata.category(c) == "Cc" else c for c in text[:30])
        raise ValidationError(field, shown, T(f"第{position}个字符是控制字符（{name}），不能使用",
                                              f"holds a control character ({name}) at character "
                                              f"{position}"))
    if len(text) > most:
        raise ValidationError(field, text[:20] + "…", T(
            f"太长：{len(text)}个字符，最多{most}个", f"is too long: {len(text)} characters, at most {most}"))
    return text


def looks_like_formula(text: str | None) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula if it were written as typed."""
    return bool(text) and str(text).startswith(FORMULA_STARTS)
