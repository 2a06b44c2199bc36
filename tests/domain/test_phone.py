"""Phone numbers: mobiles with optional +86, landlines with area codes, and masking."""

from __future__ import annotations

import pytest

from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.phone import mask_phone, normalise_phone


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("8619912345678", "19912345678"),
        ("010-88886666", "01088886666"),
        ("0755-1234567", "07551234567"),
        ("  ", None),
    ],
)
def test_accepted_forms_are_stored_plain(raw: str, stored: str | None) -> None:
    assert normalise_phone(raw) == stored


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "88886666", "010-123", "phone"])
def test_bad_numbers_are_refused_with_the_value(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw)
    assert raw in str(caught.value)
    assert "联系电话" in str(caught.value)


def test_mask_shows_first_three_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"
