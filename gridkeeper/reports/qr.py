"""QR codes for printed roster numbers: reportlab's encoder, with its mask chosen faster.

reportlab's ``QRCode.make()`` lays the code out nine times (once per mask pattern to score
it, then for real) and scores each in pure Python: about 2 ms a code, 0.4 s for the 215
grids of a 20,000-household print. Here the data is laid out once, the eight masked
variants are scored together with numpy by exactly reportlab's rules (including their
quirks: the finder-like pattern is looked for along rows only, one orientation, never in
the last position), and the code is laid out once more with the winner. The modules are the
ones ``make()`` gives; tests/reports/test_qr.py holds the two equal.
"""

from __future__ import annotations

import numpy as np
from reportlab.graphics.barcode import qrencoder

# the pattern reportlab's rule 3 looks for: dark light dark dark dark light dark, light x4
_FINDER_LIKE = np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], dtype=bool)


def _masks(n: int) -> np.ndarray:
    """The eight mask patterns over an n x n grid (row i, column j), as reportlab has them."""
    i, j = np.indices((n, n))
    return np.stack([
        (i + j) % 2 == 0,
        i % 2 == 0,
        j % 3 == 0,
        (i + j) % 3 == 0,
        (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0,
        ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    ])


def _runs(x: np.ndarray) -> np.ndarray:
    """Rule 1 along axis 1 of (mask, n, n): a run of L >= 5 same-coloured modules costs L - 2
    (counted as the runs' windows of five, L - 4, plus 2 for each run)."""
    n = x.shape[1]
    change = x[:, 1:, :] != x[:, :-1, :]
    same = ~change
    five = same[:, 0:n - 4] & same[:, 1:n - 3] & same[:, 2:n - 2] & same[:, 3:n - 1]
    # a window of five opens a run when the module before it differs (or it is the first)
    opens = np.concatenate([np.ones_like(change[:, :1]), change[:, :n - 5]], axis=1)
    return five.sum(axis=(1, 2)) + 2 * (five & opens).sum(axis=(1, 2))  # type: ignore[no-any-return]


def lost_points(variants: np.ndarray) -> np.ndarray:
    """reportlab's ``QRUtil.getLostPoint`` of each of the (mask, n, n) module grids."""
    n = variants.shape[1]
    score = _runs(variants) + _runs(variants.transpose(0, 2, 1))
    block = ((variants[:, :-1, :-1] == variants[:, 1:, :-1]) & (variants[:, :-1, :-1] == variants[:, :-1, 1:])
             & (variants[:, :-1, :-1] == variants[:, 1:, 1:]))
    score += 3 * block.sum(axis=(1, 2))
    # along rows only (reportlab compares its columns, tuples, with a list: never equal),
    # windows starting before the last possible one; two matches never overlap
    width = len(_FINDER_LIKE)
    found = np.ones((variants.shape[0], n, n - width), dtype=bool)
    for k, dark in enumerate(_FINDER_LIKE):
        found &= variants[:, :, k:k + n - width] == dark
    score += 40 * found.sum(axis=(1, 2))
    dark_share = variants.sum(axis=(1, 2)) * 100 // (n * n)
    score += 10 * (np.abs(dark_share - 50) // 5)
    return score  # type: ignore[no-any-return]


def qr_modules(text: str) -> list[list[bool]]:
    """The modules (rows of dark/light) of ``text`` as a QR code, error correction M:
    what reportlab's ``QRCode.make()`` gives, in a fraction of its time."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(True, 0)  # the test layout: format bits light, data under mask 0
    positions = np.array(code.dataPosIterator(), dtype=np.int64)  # (column, row) pairs
    cols, rows = positions[:, 0], positions[:, 1]
    bits = np.zeros(len(positions), dtype=bool)
    data = code._dataBitList[:len(positions)]  # noqa: SLF001 - the bits mapData placed
    bits[:len(data)] = data
    n = code.getModuleCount()
    masks = _masks(n)
    variants = np.repeat(np.array(code.modules, dtype=bool)[None], 8, axis=0)
    variants[:, rows, cols] = bits[None, :] ^ masks[:, rows, cols]
    scores = lost_points(variants)
    best = int(np.argmin(scores))  # the first of equals, as reportlab keeps the first
    code.makeImpl(False, best)
    return code.modules  # type: ignore[no-any-return]
