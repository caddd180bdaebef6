"""Whether a file is certainly valid against its Table Schema, in a few vectorised passes.

Frictionless checks a table cell by cell in Python: about 0.2 ms a row, so trade_records' 12,000 rows take seconds
and a million-record table minutes (bench/RESULTS.md, 10). Most loads are of a file that is valid. This module
answers, with pandas, one question only: is this file valid beyond doubt? When it is, frictionless has nothing to
find and is not run; when anything is in doubt, frictionless validates as before and its precise problems are
reported (lib.data.validate).

So every test here is at least as strict as frictionless's: a value it would accept in some spellings ('+1', 'TRUE',
' 1') but that is not in the one plain spelling the curated files use is "in doubt", never "clean". The schemas
use only what is handled here (tests/unit/test_clean.py keeps it so); any other schema feature is in doubt too.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.data import catalog

HANDLED_TYPES = {"string", "number", "integer", "date", "boolean"}
HANDLED_CONSTRAINTS = {"required", "enum", "pattern", "minimum", "maximum", "unique"}
HANDLED_SCHEMA = {"fields", "primaryKey", "foreignKeys", "missingValues"}
_SPELLING = {
    "number": re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?"),
    "integer": re.compile(r"-?\d+"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "boolean": re.compile(r"true|false|True|False"),
}


def handled(res: dict) -> bool:
    """Whether every feature of the resource's schema is one this module checks."""
    schema = res["schema"]
    return (
        set(schema) <= HANDLED_SCHEMA
        and schema.get("missingValues", [""]) == [""]
        and all(f["type"] in HANDLED_TYPES and f.get("format", "default") == "default"
                and set(f.get("constraints", {})) <= HANDLED_CONSTRAINTS for f in schema["fields"])
    )


def read_cells(source) -> pd.DataFrame:
    """A CSV's cells as text, an empty cell as missing (the schemas' one missing value): what the loader types."""
    return pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def cells(text: str, res: dict, root: Path) -> pd.DataFrame | None:
    """`text`, the file of resource `res` in `root`, read as cells, if frictionless would find no problem in it;
    None if anything is in doubt."""
    try:
        return _cells(text, res, root)
    except (ValueError, TypeError, KeyError, OSError, pd.errors.ParserError, re.error, csv.Error):
        # Whatever this fast reading cannot make sense of (a table it refers to broken, say) is in doubt:
        # frictionless reads it and says what is wrong.
        return None


def is_clean(text: str, res: dict, root: Path) -> bool:
    return cells(text, res, root) is not None


def _cells(text: str, res: dict, root: Path) -> pd.DataFrame | None:
    if not handled(res):
        return None
    names = [f["name"] for f in res["schema"]["fields"]]
    if not _rectangular(text, len(names)):
        return None
    frame = read_cells(io.StringIO(text))
    if list(frame.columns) != names:
        return None
    clean = (all(_field_ok(frame[f["name"]], f) for f in res["schema"]["fields"])
             and _key_ok(frame, res["schema"].get("primaryKey"))
             and all(_reference_ok(frame, fk, res, root) for fk in res["schema"].get("foreignKeys", [])))
    return frame if clean else None


def _rectangular(text: str, width: int) -> bool:
    """Every line a row of exactly `width` cells: no ragged row, no blank row (frictionless reports both)."""
    return all(len(row) == width for row in csv.reader(io.StringIO(text)))


def _field_ok(col: pd.Series, field: dict) -> bool:
    c = field.get("constraints", {})
    present = col.dropna()
    if c.get("required") and len(present) != len(col):
        return False
    kind = field["type"]
    if kind in _SPELLING and not present.str.fullmatch(_SPELLING[kind]).all():
        return False
    if kind == "date" and pd.to_datetime(present, format="%Y-%m-%d", errors="coerce").isna().any():
        return False
    if "enum" in c and not present.isin([str(v) for v in c["enum"]]).all():
        return False
    if "pattern" in c and not present.str.fullmatch(c["pattern"]).all():
        return False
    if "minimum" in c or "maximum" in c:
        if kind not in ("number", "integer"):
            return False
        values = pd.to_numeric(present)
        if "minimum" in c and (values < c["minimum"]).any():
            return False
        if "maximum" in c and (values > c["maximum"]).any():
            return False
    if c.get("unique") and col.duplicated().any():  # nulls count: two empty cells are in doubt
        return False
    return True


def _key_ok(frame: pd.DataFrame, key) -> bool:
    if not key:
        return True
    key = [key] if isinstance(key, str) else list(key)
    return not frame[key].isna().any().any() and not frame.duplicated(subset=key).any()


def _reference_ok(frame: pd.DataFrame, fk: dict, res: dict, root: Path) -> bool:
    """Every row's value is in the table it refers to (a row whose every key cell is empty refers to nothing)."""
    fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
    ref = fk["reference"]
    ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else list(ref["fields"])
    target = ref.get("resource") or res["name"]
    if target == res["name"]:
        have = pd.MultiIndex.from_frame(frame[ref_fields].dropna())
    else:
        path = catalog.path(target, root)
        if not path.exists():
            return False
        stat = path.stat()
        have = _values(path, stat.st_mtime_ns, stat.st_size, tuple(ref_fields))
    rows = frame[fields]
    rows = rows[~rows.isna().all(axis=1)]
    if rows.isna().any().any():
        return False
    return bool(pd.MultiIndex.from_frame(rows).isin(have).all())


@lru_cache(maxsize=32)
def _values(path: Path, mtime_ns: int, size: int, fields: tuple[str, ...]) -> pd.MultiIndex:
    # Most tables refer to sources.csv: read its keys once per version of the file, not once per table.
    return pd.MultiIndex.from_frame(read_cells(path)[list(fields)].dropna())
