"""Core values in the interface language: the core's bilingual T labels and error messages."""

from __future__ import annotations

from gridkeeper.domain.enums import Gender, HouseholdStatus, NeedStatus, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import language
from gridkeeper.domain.policy import rule_label  # noqa: F401 - the interface's name for it


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


