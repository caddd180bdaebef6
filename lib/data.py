"""The one way in to data/: load a dataset as a typed DataFrame, or fail with a precise error.

Validation against the Table Schema in data/datapackage.json is frictionless's job. This module adds
what a schema cannot say: the file's bytes must be plain UTF-8 (frictionless would silently guess
another encoding or drop a BOM), and the cross-row invariants in `_INVARIANTS`.

Row numbers in messages count the header as row 1, as a spreadsheet does, so "row 12" is line 12.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from frictionless import Package

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
MAX_PROBLEMS = 25
# USGS rounds world totals to two or three significant digits, so listed countries may add up to a
# little more than the printed total. 5% is the widest gap that two-digit rounding can explain.
ROUNDING_TOLERANCE = 0.05
_VALIDATING = threading.Lock()


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where) or 'file'}: {self.message}"


class DataError(Exception):
    """A dataset file that cannot be used, with every problem found (file, row, column, expected)."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        lines = [f"{file}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"  … and {len(problems) - MAX_PROBLEMS} more")
        super().__init__("\n".join(lines))


def data_dir(directory: str | Path | None = None) -> Path:
    return Path(directory) if directory is not None else DATA_DIR


@lru_cache(maxsize=8)
def _descriptor(directory: Path) -> dict:
    return json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))


def descriptor(directory: str | Path | None = None) -> dict:
    """The data package descriptor (a plain dict) of the data directory."""
    return _descriptor(data_dir(directory))


def names(directory: str | Path | None = None) -> list[str]:
    return [r["name"] for r in descriptor(directory)["resources"]]


def resource(name: str, directory: str | Path | None = None) -> dict:
    for r in descriptor(directory)["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(f"no dataset named {name!r}; the package has {names(directory)}")


def descriptor_bytes(directory: str | Path | None = None) -> bytes:
    return (data_dir(directory) / DESCRIPTOR).read_bytes()


def read_bytes(name: str, directory: str | Path | None = None) -> bytes:
    """The dataset's file as stored, for downloads."""
    return (data_dir(directory) / resource(name, directory)["path"]).read_bytes()


def load(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """The dataset `name` as a DataFrame typed by its schema. Raises DataError if anything is wrong."""
    root = data_dir(directory)
    res = resource(name, root)
    label = f"data/{res['path']}"
    path = root / res["path"]
    if not path.exists():
        raise DataError(label, [Problem(None, None, "file not found")])
    _check_bytes(path.read_bytes(), res, label)
    _validate(root, res, label)
    frame = _typed_frame(path, res)
    problems = [p for check in _INVARIANTS.get(name, ()) for p in check(frame)]
    if problems:
        raise DataError(label, problems)
    return frame


def _check_bytes(raw: bytes, res: dict, label: str) -> None:
    expected = ", ".join(f["name"] for f in res["schema"]["fields"])
    if not raw.strip():
        raise DataError(label, [Problem(None, None, f"file is empty; expected a header row: {expected}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            label, [Problem(1, None, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        raise DataError(
            label,
            [Problem(line, None, f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8")],
        ) from None


@lru_cache(maxsize=8)
def _package(root: Path, stamp: tuple[int, int]) -> Package:
    # Building a Package parses and checks the whole descriptor, which costs more than validating a
    # small table: build one per data directory (and descriptor version) and reuse it.
    return Package(_descriptor(root), basepath=str(root))


def _validate(root: Path, res: dict, label: str) -> None:
    stat = (root / DESCRIPTOR).stat()
    package = _package(root, (stat.st_mtime_ns, stat.st_size))
    with _VALIDATING:  # the package's resources are shared: one validation at a time
        report = package.get_resource(res["name"]).validate(limit_errors=MAX_PROBLEMS + 1)
    errors = report.tasks[0].errors if report.tasks else report.errors
    if not errors:
        return
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    # A ragged row also fails every constraint on its absent cells; one problem says it better.
    ragged = {e.row_number: e.type for e in errors if e.type in ("missing-cell", "extra-cell")}
    problems, header_done = [], False
    for row, kind in ragged.items():
        problems.append(Problem(row, None, _RAGGED[kind] + f" ({len(fields)} columns)"))
    for e in errors:
        if e.type in ("missing-label", "incorrect-label", "extra-label", "blank-label", "duplicate-label"):
            if not header_done:
                problems.append(_header_problem(e, list(fields)))
                header_done = True
            continue
        row = getattr(e, "row_number", None)
        if row in ragged:
            continue
        column = getattr(e, "field_name", None) or None
        problems.append(Problem(row, column, _explain(e, fields.get(column or ""), res)))
    raise DataError(label, problems)


_RAGGED = {
    "missing-cell": "the row has fewer values than the header",
    "extra-cell": "the row has more values than the header",
}


def _header_problem(error, expected: list[str]) -> Problem:
    found = list(getattr(error, "labels", []) or [])
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    parts = [f"header should be: {', '.join(expected)}"]
    if missing:
        parts.append(f"missing column(s): {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected column(s): {', '.join(extra)}")
    if not missing and not extra:
        parts.append("columns are out of order")
    return Problem(1, None, "; ".join(parts))


def _explain(error, field: dict | None, res: dict) -> str:
    cell = getattr(error, "cell", None)
    got = f", got {cell!r}" if cell not in (None, "") else ""
    if error.type == "type-error" and field:
        hint = ""
        if field["type"] in ("number", "integer") and cell and "," in cell:
            hint = " (no thousands separators: write 45500, not 45,500)"
        return f"expected a {field['type']}{got}{hint}"
    if error.type == "constraint-error" and field:
        return f"{_constraint_text(field, cell)}{got}"
    if error.type == "primary-key":
        key = ", ".join(res["schema"]["primaryKey"])
        return f"duplicate key: another row has the same ({key})"
    if error.type == "foreign-key":
        return f"source_id not found in sources.csv: {error.note}"
    return error.message


def _constraint_text(field: dict, cell) -> str:
    c = field.get("constraints", {})
    if cell in (None, "") and c.get("required"):
        return "a value is required"
    if "enum" in c:
        return f"expected one of {', '.join(c['enum'])}"
    bounds = []
    if "minimum" in c:
        bounds.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        bounds.append(f"≤ {c['maximum']}")
    if bounds:
        return f"expected a {field['type']} {' and '.join(bounds)}"
    if "pattern" in c:
        return f"expected text matching {c['pattern']}"
    if c.get("unique"):
        return "value must be unique in the column"
    return "value breaks a constraint"


def _typed_frame(path: Path, res: dict) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    for f in fields:
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
    return frame


# --- invariants a Table Schema cannot express -------------------------------------------------


def _world_not_below_listed(value_col: str, by: list[str]):
    def check(frame: pd.DataFrame) -> list[Problem]:
        problems = []
        rows = frame.reset_index(drop=True)
        for key, group in rows.groupby(by, dropna=False):
            world = group[group["entity_type"] == "world"][value_col].dropna()
            listed = group[group["entity_type"] != "world"][value_col].sum(skipna=True)
            if world.empty or listed == 0:
                continue
            total = float(world.iloc[0])
            if listed > total * (1 + ROUNDING_TOLERANCE):
                row = int(world.index[0]) + 2
                problems.append(
                    Problem(
                        row,
                        value_col,
                        f"world total {total:,.0f} is below the sum of listed countries {listed:,.0f} "
                        f"for {dict(zip(by, key, strict=True))}, "
                        f"more than rounding ({ROUNDING_TOLERANCE:.0%}) explains",
                    )
                )
        return problems

    return check


_INVARIANTS = {
    "reserves": [_world_not_below_listed("reserves_t_reo", ["edition"])],
    "production": [_world_not_below_listed("mine_production_t_reo", ["edition", "year"])],
}


# --- checking an upload before it goes in -----------------------------------------------------

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
_SOURCES = "sources.csv"


def check_upload(name: str, content: bytes, directory: str | Path | None = None) -> list[Problem]:
    """Every problem that would stop `content` from replacing dataset `name` (an empty list: it would load).

    The bytes are checked by the same path as `load`: in a temporary directory that holds a copy of the
    descriptor and sources.csv, so the schema, the UTF-8 rules, the foreign keys and the invariants are
    the ones the app applies. Nothing is written to the data directory.
    """
    root = data_dir(directory)
    res = resource(name, root)
    if len(content) > MAX_UPLOAD_BYTES:
        return [Problem(None, None, f"the file is {len(content) / 1024 / 1024:.1f} MB; the limit is "
                                    f"{MAX_UPLOAD_BYTES / 1024 / 1024:.0f} MB (the largest dataset is far smaller)")]
    if b"\x00" in content:
        return [Problem(None, None, "this is a binary file, not a CSV: export the table as CSV (UTF-8) and upload that")]
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        staging = Path(tmp)
        shutil.copyfile(root / DESCRIPTOR, staging / DESCRIPTOR)
        shutil.copyfile(root / _SOURCES, staging / _SOURCES)
        target = staging / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        try:
            load(name, staging)
        except DataError as err:
            return err.problems
        finally:
            _descriptor.cache_clear()  # keep the caches for the real directory only
            _package.cache_clear()
    return []


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table (row, column, what is expected), for showing as data, never as markdown."""
    frame = pd.DataFrame(
        [{"row": p.row, "column": p.column or "", "problem": p.message} for p in problems],
        columns=["row", "column", "problem"],
    )
    return frame.astype({"row": "Int64", "column": "string", "problem": "string"})
