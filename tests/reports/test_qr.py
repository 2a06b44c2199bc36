"""The roster's QR code: the modules reportlab's own encoder gives, mask choice included
(scanners read either; the printed page must not change when the encoder is sped up)."""

from __future__ import annotations

import random

import pytest
from reportlab.graphics.barcode import qrencoder

from gridkeeper.reports.qr import qr_codes, qr_modules


def reportlab_modules(text: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return code.modules  # type: ignore[no-any-return]


@pytest.mark.parametrize("number", [f"2026W{week:02d}-{grid:03d}" for week in (1, 9, 27, 48, 53)
                                    for grid in (1, 2, 17, 123, 999)])
def test_a_roster_number_gets_the_code_reportlab_makes(number: str) -> None:
    assert qr_modules(number) == reportlab_modules(number)


def test_any_text_up_to_a_few_versions_gets_the_code_reportlab_makes() -> None:
    draw = random.Random(20)
    alphabet = "0123456789ABCDEFGHWXYZ-. abcxyz网格花名册"
    texts = ["".join(draw.choice(alphabet) for _ in range(draw.randint(1, 90))) for _ in range(150)]
    differ = [t for t in texts if qr_modules(t) != reportlab_modules(t)]
    assert differ == []
    assert {len(qr_modules(t)) for t in texts} >= {21, 25, 29}  # several versions were made


def test_codes_made_together_are_the_codes_made_one_by_one() -> None:
    draw = random.Random(7)
    texts = [f"2026W{draw.randint(1, 53):02d}-{draw.randint(1, 999):03d}" for _ in range(40)]
    texts += ["网格" * n for n in (1, 5, 12)] + ["A" * 60, "x"]  # other versions among them
    assert qr_codes(texts) == [reportlab_modules(t) for t in texts]
