"""QR codes for printed roster numbers: reportlab's encoder, with its mask chosen faster.

reportlab's ``QRCode.make()`` lays the code out nine times (once per mask pattern to score
it, then for real) and scores each in pure Python: about 2 ms a code, 0.4 s for the 215
grids of a 20,000-household print. Here reportlab's classes read the text into its data
segments, which are written into bytes with their Reed-Solomon error correction by integer
arithmetic (reportlab does both a bit and a polynomial term at a time); the function
patterns and the data's places are laid out once per version; the eight masked variants
are scored together with numpy by exactly reportlab's rules (including their quirks: the
finder-like pattern is looked for along rows only, one orientation, never in the last
position), and the winner gets its format bits from reportlab's own code. The modules are
the ones ``make()`` gives; tests/reports/test_qr.py holds the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

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


class _Bits:
    """The data's bits as one integer: what reportlab's bit buffer holds, put a value at a
    time instead of a bit at a time."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length

    def putBit(self, bit: bool) -> None:  # noqa: N802 - the buffer's interface in reportlab
        self.put(1 if bit else 0, 1)

    def getLengthInBits(self) -> int:  # noqa: N802 - the buffer's interface in reportlab
        return self.length


_generators: dict[int, list[int]] = {}  # error correction codewords -> generator's exponents


def _remainder(data: list[int], count: int) -> list[int]:
    """The ``count`` Reed-Solomon error correction codewords of ``data`` (GF(256), the QR
    code's generator polynomial, reportlab's tables)."""
    exp, log = qrencoder.EXP_TABLE, qrencoder.LOG_TABLE
    generator = _generators.get(count)
    if generator is None:
        poly = qrencoder.QRUtil.getErrorCorrectPolynomial(count)
        generator = _generators[count] = [log[c] for c in poly.num[1:]]
    remainder = [0] * count
    for byte in data:
        factor = byte ^ remainder[0]
        del remainder[0]
        remainder.append(0)
        if factor:
            shift = log[factor]
            for i, g in enumerate(generator):
                remainder[i] ^= exp[(g + shift) % 255]
    return remainder


def _codewords(code: qrencoder.QRCode) -> list[int]:
    """What reportlab's ``QRCode.createData`` gives: the data with its mode and length, the
    terminator and padding, then each block's error correction, interleaved."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(code.version, code.errorCorrectLevel)
    bits = _Bits()
    for data in code.dataList:
        data.write(bits, code.version)
    room = 8 * sum(block.dataCount for block in blocks)
    if bits.length > room:
        raise ValueError(f"code length overflow ({bits.length} > {room})")
    if bits.length + 4 <= room:
        bits.put(0, 4)
    bits.put(0, -bits.length % 8)
    padding = (room - bits.length) // 8
    value = (bits.value << (8 * padding)) | int.from_bytes(bytes([0xEC, 0x11] * padding)[:padding], "big")
    stream = list(value.to_bytes(room // 8, "big"))
    data_blocks, check_blocks = [], []
    offset = 0
    for block in blocks:
        data_blocks.append(stream[offset:offset + block.dataCount])
        offset += block.dataCount
        check_blocks.append(_remainder(data_blocks[-1], block.totalCount - block.dataCount))
    return [d for group in (data_blocks, check_blocks) for column in zip_longest(*group)
            for d in column if d is not None]


_layouts: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}


def _layout(version: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What every code of ``version`` shares: its function patterns with the format bits
    light (reportlab's test layout), where the data bits go (rows, columns, in placing order)
    and the eight masks at those places."""
    found = _layouts.get(version)
    if found is None:
        code = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
        code.addData("0")
        code.makeImpl(True, 0)  # the data placed here is overwritten by every code's own
        positions = np.array(code.dataPosIterator(), dtype=np.int64)  # (column, row) pairs
        cols, rows = positions[:, 0], positions[:, 1]
        n = code.getModuleCount()
        found = _layouts[version] = (np.array(code.modules, dtype=bool), rows, cols, _masks(n)[:, rows, cols])
    return found


def qr_modules(text: str) -> list[list[bool]]:
    """The modules (rows of dark/light) of ``text`` as a QR code, error correction M:
    what reportlab's ``QRCode.make()`` gives, in a fraction of its time."""
    return qr_codes([text])[0]


def qr_codes(texts: Sequence[str]) -> list[list[list[bool]]]:
    """:func:`qr_modules` of each text; the codes of one version are scored together."""
    codes = []
    for text in texts:
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.version = code.calculate_version()
        codes.append(code)
    by_version: dict[int, list[int]] = {}
    for k, code in enumerate(codes):
        by_version.setdefault(code.version, []).append(k)
    for version, members in by_version.items():
        base, rows, cols, masks = _layout(version)
        # the data's bits, first byte's highest bit first, light where the data ends (as mapData)
        bits = np.zeros((len(members), len(rows)), dtype=bool)
        for i, k in enumerate(members):
            placed = np.unpackbits(np.array(_codewords(codes[k]), dtype=np.uint8))[:len(rows)]
            bits[i, :len(placed)] = placed
        variants = np.repeat(base[None], 8 * len(members), axis=0).reshape(len(members), 8, *base.shape)
        variants[:, :, rows, cols] = bits[:, None, :] ^ masks[None]
        scores = lost_points(variants.reshape(-1, *base.shape)).reshape(len(members), 8)
        for i, k in enumerate(members):
            code, best = codes[k], int(np.argmin(scores[i]))  # the first of equals, as reportlab
            # the winner with its real format (and version) bits, as makeImpl(False, best) has it
            code.moduleCount = base.shape[0]
            code.modules = variants[i, best].tolist()
            code.setupTypeInfo(False, best)
            if version >= 7:
                code.setupTypeNumber(False)
    return [code.modules for code in codes]
