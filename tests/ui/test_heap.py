"""The desktop process gives back what it no longer uses: source lines PySide6 made Python
read, and (on Linux) the C heap's freed pages."""

from __future__ import annotations

import linecache
import sys

import pytest

from ui.collector import install_collector
from ui.heap import forget_source_lines, give_back_freed, keep_large_blocks_apart


def test_the_source_lines_read_on_import_are_forgotten_by_the_collectors_timer(qapp) -> None:  # noqa: ANN001
    collector = install_collector(qapp)
    linecache.getline(__file__, 1)  # as PySide6's import hook does for every module
    assert __file__ in linecache.cache
    collector.collect_if_due()
    assert __file__ not in linecache.cache
    forget_source_lines()  # nothing to forget: nothing happens
    assert not linecache.cache


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_large_blocks_are_given_back_on_linux() -> None:
    assert keep_large_blocks_apart()
    give_back_freed()
