"""What the desktop process keeps of memory it no longer uses.

Two things held a street's desktop app tens of megabytes above what its pages hold:

- glibc's malloc (Linux) raises its threshold for giving large blocks their own mapping each
  time such a block is freed (up to 32 MB), so after the first big computation every later
  large block (numpy columns of a street's households, lists of a hundred thousand rows) is
  carved from the heap and stays there once freed. A fixed threshold of 1 MiB keeps such
  blocks mapped on their own: freed, they go back to the system (at 128 KiB the mapping of
  every middling block cost half a second of system time over a tour of the pages for no
  less memory). Freed pages inside the heap are given back once a second.
- PySide6 reads the source of every module imported after it (to see whether the module uses
  its optional features) and Python's line cache keeps every line read: 24 MB after start-up,
  30 MB after every page has been opened. Nothing here shows source lines (the error log reads
  the few it needs again), so the cache is emptied whenever it has filled.

Elsewhere (Windows, macOS) the allocator is left as it is.
"""

from __future__ import annotations

import ctypes
import linecache
import sys

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
_LARGE_BLOCK = 1024 * 1024
_LIBC = None
if sys.platform.startswith("linux"):
    try:
        _LIBC = ctypes.CDLL(None)
        _LIBC.malloc_trim  # noqa: B018 - glibc's, absent from other C libraries
    except (OSError, AttributeError):
        _LIBC = None


def keep_large_blocks_apart() -> bool:
    """Give every block of 1 MiB or more its own mapping, returned when freed (glibc only);
    True when the allocator took it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _LARGE_BLOCK))
    except (OSError, AttributeError):  # another C library (musl): left alone
        return False


def give_back_freed() -> None:
    """Return the C heap's free pages to the system (glibc only)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def forget_source_lines() -> None:
    """Empty Python's cache of source lines (filled by PySide6's import hook)."""
    if linecache.cache:
        linecache.clearcache()
