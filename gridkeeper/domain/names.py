"""Pinyin forms of Chinese names for search: 张伟 -> "zhangwei" and "zw"."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import Any


@lru_cache(maxsize=65536)
def pinyin_forms(name: str) -> tuple[str, str]:
    """(full pinyin, initials), lowercase, without tones or spaces.

    This is pypinyin's ``lazy_pinyin`` of the whole name, found as pypinyin finds it: the name
    cut into words (a phrase such as 长林 is read as one), each word read. A word's reading is
    looked up once: a street's 250,000 residents share a few hundred surnames and given-name
    characters, so an import or a demo street reads three times faster.
    """
    syllables = [s for word in _words(name) for s in _word(word)]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def _words(name: str) -> Sequence[str]:
    """The words pypinyin cuts the name into. Most names start no phrase of its dictionary
    at any character (not even the first two characters of one): each character is then a
    word of its own, found without running the cutter."""
    cut, _, hans, prefixes = _pypinyin()
    if hans.match(name) and not any(name[i:i + 2] in prefixes for i in range(len(name) - 1)):
        return name
    return cut(name)  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    """A word's syllables, lowercase."""
    read = _pypinyin()[1]
    return tuple(s.lower() for s in chain.from_iterable(read(word)))


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Any, Any, Any]:
    """pypinyin's word cutter and its reading of one word (tone-less, unknown signs dropped),
    the two steps its ``lazy_pinyin`` takes, with what the cutter decides by: which text is
    all Chinese characters, and the beginnings of its dictionary's phrases. Imported on first
    use: its dictionaries cost 0.6 s, which start-up should not pay."""
    from pypinyin import Style
    from pypinyin.constants import RE_HANS
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import seg
    from pypinyin.seg.mmseg import p_set

    converter = DefaultConverter()
    return (seg, lambda word: converter.convert(word, Style.NORMAL, False, "ignore", strict=True),
            RE_HANS, p_set)
