"""Give freed heap memory back to the operating system after large answers.

A /v1/parse/batch answer with full distributions is hundreds of thousands of Python floats and
several MB of JSON. When they are freed, glibc's allocator keeps most of those pages for later
(in the heaps of the threads that used them), so a worker's RSS stays at its high-water mark.
``malloc_trim(0)`` returns the free pages of every heap. It costs a few milliseconds, so it runs
after large answers only, once the answer has been rendered to JSON bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable

# Answers of at least this many texts are followed by a trim.
TRIM_AFTER_TEXTS = 32


def _find_malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to do
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim  # type: ignore[no-any-return]


_malloc_trim = _find_malloc_trim()


def release_free_memory() -> bool:
    """Return free heap pages to the OS; False where the C library has no ``malloc_trim``."""
    if _malloc_trim is None:
        return False
    _malloc_trim(0)
    return True
