"""Resident ID numbers: GB 11643 check digits, dates, lengths and what a valid one tells."""

from __future__ import annotations

from datetime import date

import pytest

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import set_language
from gridkeeper.domain.idnumber import mask_id_number, parse_id_number


@pytest.mark.parametrize(
    ("raw", "born", "gender"),
    [
        ("11010519491231002X", date(1949, 12, 31), "F"),
        ("440524188001010014", date(1880, 1, 1), "M"),
    ],
)
def test_published_examples_are_valid(raw: str, born: date, gender: str) -> None:
    facts = parse_id_number(raw)
    assert facts.number == raw
    assert facts.birth_date == born
    assert facts.gender == gender


def test_lowercase_x_is_stored_as_capital() -> None:
    assert parse_id_number(" 11010519491231002x ").number == "11010519491231002X"


def test_wrong_check_digit_names_the_right_one() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number("110105194912310021")
    assert "校验位错误（应为X）" in str(caught.value)
    assert "110105194912310021" in str(caught.value)


def test_impossible_birth_date_is_refused() -> None:
    # 1949-02-30 does not exist; check digit made right so only the date is wrong
    from gridkeeper.domain.idnumber import check_char

    first17 = "11010519490230002"
    with pytest.raises(ValidationError, match="出生日期19490230不存在"):
        parse_id_number(first17 + check_char(first17))


@pytest.mark.parametrize("raw", ["1101051949123100", "11010519491231002X1", ""])
def test_wrong_length_is_refused(raw: str) -> None:
    with pytest.raises(ValidationError, match="应为18位"):
        parse_id_number(raw)


def test_letters_inside_are_refused() -> None:
    with pytest.raises(ValidationError, match="前17位应为数字"):
        parse_id_number("1101051949A231002X")


def test_message_in_english() -> None:
    set_language("en")
    with pytest.raises(ValidationError) as caught:
        parse_id_number("110105194912310021")
    assert str(caught.value) == (
        "ID number “110105194912310021” is invalid: wrong check digit (should be X)")


def test_mask_keeps_first_six_and_last_four() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
