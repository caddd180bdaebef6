"""Checking a CSV before it goes in: the same checks as the loader, on a copy, never in data/."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from lib.data import catalog, validate
from lib.data.load import load
from lib.data.problems import DataError, Problem

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def check_upload(name: str, content: bytes, directory: str | Path | None = None) -> list[Problem]:
    """Every problem that would stop `content` from replacing dataset `name` (an empty list: it would load).

    The bytes are checked by the same path as `load`, in a temporary directory holding a copy of the
    descriptor and of the tables the dataset refers to (sources, editions), so the schema, the UTF-8 rules,
    the foreign keys and the invariants are the ones the app applies. Nothing is written to data/.
    """
    root = catalog.data_dir(directory)
    res = catalog.resource(name, root)
    if len(content) > MAX_UPLOAD_BYTES:
        return [Problem(None, None, f"the file is {len(content) / 1024 / 1024:.1f} MB; the limit is "
                                    f"{MAX_UPLOAD_BYTES / 1024 / 1024:.0f} MB (the largest dataset is far smaller)")]
    if b"\x00" in content:
        return [Problem(None, None, "this is a binary file, not a CSV: export the table as CSV (UTF-8) and upload that")]
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        staging = Path(tmp)
        shutil.copyfile(root / catalog.DESCRIPTOR, staging / catalog.DESCRIPTOR)
        for ref in catalog.references(name, root):
            shutil.copyfile(catalog.path(ref, root), staging / catalog.resource(ref, root)["path"])
        target = staging / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        try:
            load(name, staging)
        except DataError as err:
            return err.problems
        finally:
            catalog.forget()  # keep the caches for the real directory only
            validate.forget()
    return []
