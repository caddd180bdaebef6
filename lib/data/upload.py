"""Checking a CSV before it goes in: the same checks as the loader, on the bytes in memory, never written anywhere."""

from __future__ import annotations

from pathlib import Path

from lib.data import catalog
from lib.data.load import checked_frame
from lib.data.problems import DataError, Problem

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def check_upload(name: str, content: bytes, directory: str | Path | None = None) -> list[Problem]:
    """Every problem that would stop `content` from replacing dataset `name` (an empty list: it would load).

    The bytes are checked by the same path as `load` (the schema, the UTF-8 rules, the foreign keys against
    the tables in the data directory, the invariants), read from memory: nothing is written, on data/ or
    anywhere else on the server.
    """
    root = catalog.data_dir(directory)
    res = catalog.resource(name, root)
    if len(content) > MAX_UPLOAD_BYTES:
        return [Problem(None, None, f"the file is {len(content) / 1024 / 1024:.1f} MB; the limit is "
                                    f"{MAX_UPLOAD_BYTES / 1024 / 1024:.0f} MB (the largest dataset is far smaller)")]
    if b"\x00" in content:
        return [Problem(None, None, "this is a binary file, not a CSV: export the table as CSV (UTF-8) and upload that")]
    try:
        checked_frame(content, res, catalog.label(name, root), root, in_memory=True)
    except DataError as err:
        return err.problems
    return []
