"""Give freed heap memory back to the operating system after large answers.

A /v1/parse/batch answer with full distributions is hundreds of thousands of Python floats and
several MB of JSON. When they are freed, glibc's allocator keeps most of those pages for later
(in the heaps of the threads that used them), so a worker's RSS stays at its high-water mark.
Two measures (glibc only; elsewhere they do nothing):

- ``release_free_memory``: ``malloc_trim(0)`` returns the free pages of every heap. It is not free
  (it walks every heap), so it runs after large answers only, once the answer has been rendered to
  JSON bytes.
- ``map_large_blocks``, once at start-up: fixes glibc's mmap threshold at its usual ceiling. Left
  dynamic, glibc raises the threshold each time a large block is freed and the heap trim threshold
  with it (to twice that), so the pages of freed blocks below it stay with the process. A fixed
  threshold keeps RSS after large batches lower at the same throughput; a much lower one keeps memory
  as low but costs throughput.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable

# Answers of at least this many texts are followed by a trim.
TRIM_AFTER_TEXTS = 32
# Blocks at least this large get their own memory mapping (glibc's ceiling for its dynamic threshold).
MMAP_THRESHOLD_BYTES = 32 << 20
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number for it, from glibc's malloc.h


def _glibc_function(name: str, argtypes: list[type], restype: type) -> Callable[..., int] | None:
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    try:
        function = getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to do
        return None
    function.argtypes, function.restype = argtypes, restype
    return function  # type: ignore[no-any-return]


_malloc_trim = _glibc_function("malloc_trim", [ctypes.c_size_t], ctypes.c_int)
_mallopt = _glibc_function("mallopt", [ctypes.c_int, ctypes.c_int], ctypes.c_int)


def map_large_blocks() -> bool:
    """Fix glibc's mmap threshold at ``MMAP_THRESHOLD_BYTES``; False where that is not possible."""
    return _mallopt is not None and _mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1


def release_free_memory() -> bool:
    """Return free heap pages to the OS; False where the C library has no ``malloc_trim``."""
    if _malloc_trim is None:
        return False
    _malloc_trim(0)
    return True
