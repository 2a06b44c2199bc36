"""Pinyin for search: each name read exactly as pypinyin reads the whole name."""

from __future__ import annotations

import random

from pypinyin import Style, lazy_pinyin

from gridkeeper.domain.names import pinyin_forms
from gridkeeper.services import demo_data


def read_whole(name: str) -> tuple[str, str]:
    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def test_names_read_as_pypinyin_reads_them_whole() -> None:
    rng = random.Random(11)
    surnames = [s for s, _ in demo_data.SURNAMES]
    given = [*demo_data.MALE_CHARS, *demo_data.FEMALE_CHARS, *demo_data.OLD_MALE, *demo_data.OLD_FEMALE]
    names = [rng.choice(surnames) + rng.choice(given) + (rng.choice(given) if rng.random() < 0.6 else "")
             for _ in range(5000)]
    # names whose reading depends on the word they make (长, 重, 乐, 单, 曾 ...), compound
    # surnames, minority names with a middle dot, Latin letters, digits, spaces, empty text
    names += ["周长林", "单雄信", "曾国藩", "乐嘉", "重阳", "解放", "欧阳修", "阿卜杜·热合曼",
              "Zhang伟", "张 伟", "李2", "", "·", "长长长", "朝阳朝阳"]
    for name in names:
        assert pinyin_forms(name) == read_whole(name), name


def test_a_word_of_two_characters_is_read_as_the_word() -> None:
    assert pinyin_forms("周长林") == ("zhouchanglin", "zcl")
    assert pinyin_forms("张伟") == ("zhangwei", "zw")


def test_text_that_begins_phrases_anywhere_is_cut_as_pypinyin_cuts_it() -> None:
    # characters that start, continue or end phrases of pypinyin's dictionary, beside plain
    # given-name characters, Latin letters, a middle dot and a space, in every position
    pool = "长林中国人民大学朝阳欧阳解放重庆单于曾经乐园伟芳秀英·Ab 1"
    rng = random.Random(5)
    for _ in range(3000):
        name = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        assert pinyin_forms(name) == read_whole(name), name
