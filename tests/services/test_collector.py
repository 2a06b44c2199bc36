"""Bulk jobs hold Python's cyclic collector off and leave it as they found it."""

from __future__ import annotations

import gc

import pytest

from gridkeeper.services.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_during_the_job_and_on_again_after_it_even_after_an_error():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the import failed")
    assert gc.isenabled()


def test_a_collector_the_desktop_app_switched_off_stays_off():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
