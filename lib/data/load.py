"""The one way in to data/: a dataset as a typed DataFrame, or a DataError naming file, row and column.

A file that lib.data.clean finds valid beyond doubt against its Table Schema is typed from the cells it read;
any other is validated by frictionless (lib.data.validate), which names what is wrong. Before it, this module
checks what a schema cannot say about the bytes: the file exists, is plain UTF-8 (frictionless would
silently guess another encoding or drop a BOM) and holds at least one row; after it, the rules of
lib.data.rules.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.data import catalog, clean, rules
from lib.data.problems import DataError, Problem
from lib.data.validate import validate


def load(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """The dataset `name` as a DataFrame typed by its schema. Raises DataError if anything is wrong."""
    root = catalog.data_dir(directory)
    res = catalog.resource(name, root)
    label = catalog.label(name, root)
    path = root / res["path"]
    if not path.exists():
        raise DataError(label, [Problem(None, None, "file not found")])
    raw = path.read_bytes()
    # Validating a large table (trade_records: 12,000 rows) takes frictionless a second or more; a file already
    # validated, unchanged, with the same descriptor and the same tables it refers to, is not validated again.
    key = (str(root), name, hashlib.sha256(raw).hexdigest(), _stamp(root / catalog.DESCRIPTOR),
           *(_stamp(catalog.path(ref, root)) for ref in catalog.references(name, root)))
    return _checked(key, root, name).copy()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=64)
def _checked(key: tuple, root: Path, name: str) -> pd.DataFrame:
    res = catalog.resource(name, root)
    return checked_frame((root / res["path"]).read_bytes(), res, catalog.label(name, root), root)


def checked_frame(raw: bytes, res: dict, label: str, root: Path, *, in_memory: bool = False) -> pd.DataFrame:
    """`raw`, as the file of resource `res` in `root`, typed; DataError if anything is wrong.

    in_memory: frictionless, if needed, reads `raw` itself rather than the resource's file (an upload, which
    is never written anywhere)."""
    check_bytes(raw, res, label)
    text = raw.decode("utf-8")
    strings = clean.cells(text, res, root)
    if strings is None:  # in doubt: frictionless says what is wrong, if anything
        validate(root, res, label, raw if in_memory else None)
        strings = clean.read_cells(io.StringIO(text))
        _comma_separated(strings, res, label)
    frame = typed_frame(strings, res)
    problems = rules.check(res["name"], frame)
    if problems:
        raise DataError(label, problems)
    return frame


def _comma_separated(strings: pd.DataFrame, res: dict, label: str) -> None:
    # Frictionless guesses the delimiter: a file separated by semicolons passes it, and would be read here as
    # one column.
    expected = [f["name"] for f in res["schema"]["fields"]]
    if list(strings.columns) != expected:
        raise DataError(label, [Problem(1, None, "the columns are not separated by commas; save the file as CSV "
                                                 f"with comma separators (header should be: {', '.join(expected)})")])


def check_bytes(raw: bytes, res: dict, label: str) -> None:
    expected = ", ".join(f["name"] for f in res["schema"]["fields"])
    if not raw.strip():
        raise DataError(label, [Problem(None, None, f"file is empty; expected a header row: {expected}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(label, [Problem(1, None, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        raise DataError(label, [Problem(line, None, f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8")]) from None
    # A header with nothing under it (or only empty lines, or only commas) validates, and would show as a
    # chart with no data and no word why: say so here.
    body = [line for line in text.splitlines()[1:] if line.strip(" ,\t\r")]
    if not body:
        raise DataError(label, [Problem(None, None, "file has a header but no rows of data")])


def typed_frame(frame: pd.DataFrame, res: dict) -> pd.DataFrame:
    """The file's cells (text) typed by its schema, in place."""
    for f in res["schema"]["fields"]:
        col = frame[f["name"]]
        kind = f["type"]
        if kind == "number":
            frame[f["name"]] = pd.to_numeric(col).astype("Float64")
        elif kind == "integer":
            frame[f["name"]] = pd.to_numeric(col).astype("Int64")
        elif kind == "boolean":
            frame[f["name"]] = col.map({"true": True, "false": False, "True": True, "False": False}).astype("boolean")
        elif kind == "date":
            frame[f["name"]] = pd.to_datetime(col, format="%Y-%m-%d")
        else:
            frame[f["name"]] = col.astype("string")
    frame.attrs["dataset"] = res["name"]
    frame.attrs["scope"] = res.get("scope", "")  # what the figures count, as the publisher states it
    # Coded columns carry their labels (Table Schema `categories`), so derivations need not repeat them.
    frame.attrs["labels"] = {f["name"]: {c["value"]: c["label"] for c in f["categories"]}
                             for f in res["schema"]["fields"] if f.get("categories")}
    return frame
