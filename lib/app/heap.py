"""Freed memory handed back to the system after a viewer's upload is read.

Reading a workbook at the upload's row limit allocates some tens of MB in passing (openpyxl's cells, the importer's
row dicts, the CSV it types). Python frees them, but glibc's allocator keeps the freed pages in the arena of the
thread that ran the session's script, so each viewer who uploaded left the server 40-75 MB larger, and a later
upload in another thread did not reuse them (bench/RESULTS.md, 11 and 13). malloc_trim(0) gives them back, and
pyarrow's pool (mimalloc, which holds the text columns' buffers) is asked to release what it no longer uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

import pyarrow


def _trimmer():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)  # glibc only: musl has none, and there is nothing to do


_MALLOC_TRIM = _trimmer()


def trim() -> None:
    """Give the free pages of the C heap and of pyarrow's pool back to the system."""
    pyarrow.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
