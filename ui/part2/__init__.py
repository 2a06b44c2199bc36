"""Part 2 pages of the desktop GUI (issue 7): one module per page.

Workaround, applied on import: with PySide6 / shiboken6 6.12.0 on CPython 3.11 every call of
a Qt method returning void gives back ``None`` without a new reference, so ``None``'s count
drops by one per call (measured: 1000 ``QTableWidgetItem.setText`` calls, -999). Filling a
whole street's roster (13,000 cells) drives it to zero and the interpreter aborts with
"none_dealloc: deallocating None". ``None`` is never freed, so lifting its count once by a
large margin is harmless, also after PySide fixes the bug (CPython 3.12 makes None immortal).
"""

from __future__ import annotations

import ctypes
import sys

if sys.version_info < (3, 12):
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
