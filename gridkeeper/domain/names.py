"""Pinyin forms of Chinese names for search: 张伟 -> "zhangwei" and "zw"."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def pinyin_forms(name: str) -> tuple[str, str]:
    """(full pinyin, initials), lowercase, without tones or spaces."""
    # imported on first use: its dictionaries cost 0.6 s, which start-up should not pay
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    return "".join(syllables), "".join(s[0] for s in syllables if s)
