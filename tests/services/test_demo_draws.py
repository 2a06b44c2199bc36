"""The demo's spelt-out draws take the numbers random.Random._randbelow would: a seed's street
stays the same."""

from __future__ import annotations

import random

import pytest


@pytest.mark.parametrize("n", [2, 3, 4, 7, 9, 10, 12, 16, 22, 37, 38, 40, 200, 365, 1000, 10**8])
def test_bits_until_below_n_is_randbelow(n: int) -> None:
    ours, theirs = random.Random(n), random.Random(n)
    bits, k = ours.getrandbits, n.bit_length()
    for _ in range(2000):
        drawn = bits(k)
        while drawn >= n:
            drawn = bits(k)
        assert drawn == theirs._randbelow(n)
