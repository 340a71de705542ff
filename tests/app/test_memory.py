"""app.memory: both glibc calls are found and succeed here (Debian's glibc)."""

from __future__ import annotations

from app.memory import map_large_blocks, release_free_memory


def test_mmap_threshold_is_fixed():
    assert map_large_blocks() is True


def test_free_memory_is_released():
    assert release_free_memory() is True
