"""Pinyin forms of Chinese names for search: 张伟 -> "zhangwei" and "zw"."""

from __future__ import annotations

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
    cut, _ = _pypinyin()
    syllables = [s.lower() for word in cut(name) for s in _word(word)]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    _, read = _pypinyin()
    return tuple(chain.from_iterable(read(word)))


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Any]:
    """pypinyin's word cutter and its reading of one word (tone-less, unknown signs dropped),
    the two steps its ``lazy_pinyin`` takes. Imported on first use: its dictionaries cost
    0.6 s, which start-up should not pay."""
    from pypinyin import Style
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import seg

    converter = DefaultConverter()
    return seg, lambda word: converter.convert(word, Style.NORMAL, False, "ignore", strict=True)
