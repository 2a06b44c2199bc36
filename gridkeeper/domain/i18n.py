"""Language choice for messages produced by the core (errors, CLI output).

The Qt interface translates its own strings with Qt Linguist; the core cannot use Qt, so
its user-facing messages carry both languages as :class:`T` values and pick one here.
Chinese is the default: the users are Chinese office staff.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED = ("zh", "en")
_current = "zh"


def set_language(lang: str) -> None:
    global _current
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; choose one of {SUPPORTED}")
    _current = lang


def language() -> str:
    return _current


@dataclass(frozen=True)
class T:
    """A text in Chinese and English; ``str()`` gives the current language."""

    zh: str
    en: str

    def get(self, lang: str | None = None) -> str:
        return self.zh if (lang or _current) == "zh" else self.en

    def __str__(self) -> str:
        return self.get()

    def __format__(self, spec: str) -> str:
        return format(self.get(), spec)


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """An English count agreeing with its number: ``1 row``, ``2 rows`` (Chinese needs none).

    ``nouns`` is the plural where adding an s is wrong (``1 entry``, ``2 entries``)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"
