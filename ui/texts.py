"""Core values in the interface language: the core's bilingual T labels and error messages."""

from __future__ import annotations

import re

from gridkeeper.domain.enums import Gender, HouseholdStatus, NeedStatus, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import language
from gridkeeper.domain.policy import rule_label  # noqa: F401 - the interface's name for it

WORD_JOINER = "\u2060"  # no line break here, and nothing drawn


def unbroken(text: str) -> str:
    """``text`` kept on one line where a label wraps: a legend's or a chip's name (Chinese may
    otherwise break between any two characters, 逾|期, and English at its spaces)."""
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


def plain(text: str) -> str:
    """``text`` as read: without the marks that keep runs of it on one line."""
    return text.replace(WORD_JOINER, "").replace("\u00a0", " ")


_CLAUSE_END = re.compile(r"([，；：,;:]\s*)")


def unbroken_clauses(text: str) -> str:
    """``text`` wrapping only after a comma, semicolon or colon: a count stays with its unit and
    its name ("预警 56 个", "at risk 56"), a date or percentage stays whole."""
    return "".join(piece if _CLAUSE_END.fullmatch(piece) else unbroken(piece)
                   for piece in _CLAUSE_END.split(text) if piece)


def status_label(code: str) -> str:
    try:
        return HouseholdStatus(code).label.get(language())
    except ValueError:
        return code


def gender_label(code: str | None) -> str:
    return Gender(code).label.get(language()) if code in ("M", "F") else ""


def method_label(code: str) -> str:
    try:
        return VisitMethod(code).label.get(language())
    except ValueError:
        return code


def outcome_label(code: str) -> str:
    try:
        return VisitOutcome(code).label.get(language())
    except ValueError:
        return code


def need_status_label(code: str) -> str:
    try:
        return NeedStatus(code).label.get(language())
    except ValueError:
        return code


def error_text(error: Exception) -> str:
    if isinstance(error, GridKeeperError):
        return error.message(language())
    return str(error)


