"""The one way in to data/: a dataset as a typed DataFrame, or a DataError naming file, row and column.

A file that lib.data.clean finds valid beyond doubt against its Table Schema is typed from the cells it read;
any other is validated by frictionless (lib.data.validate), which names what is wrong. Before it, this module
checks what a schema cannot say about the bytes: the file exists, is plain UTF-8 (frictionless would
silently guess another encoding or drop a BOM) and holds at least one row; after it, the rules of
lib.data.rules.
"""

from __future__ import annotations

import hashlib
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
    label = catalog.label(name, root)
    path = root / res["path"]
    raw = path.read_bytes()
    check_bytes(raw, res, label)
    strings = clean.cells(raw.decode("utf-8"), res, root)
    if strings is None:  # in doubt: frictionless says what is wrong, if anything
        validate(root, res, label)
        strings = clean.read_cells(path)
    frame = typed_frame(strings, res)
    problems = rules.check(name, frame)
    if problems:
        raise DataError(label, problems)
    return frame


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
