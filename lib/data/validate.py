"""A file against its Table Schema: frictionless validates, this module says what it found in plain words.

Frictionless reports a ragged row as a failure of every constraint on its absent cells, and a wrong header
as one error per column; both are folded here into the one problem a person would name.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lib.data import catalog
from lib.data.problems import MAX_PROBLEMS, DataError, Problem

if TYPE_CHECKING:
    from frictionless import Package

_VALIDATING = threading.Lock()
_HEADER_ERRORS = ("missing-label", "incorrect-label", "extra-label", "blank-label", "duplicate-label")
_RAGGED = {
    "missing-cell": "the row has fewer values than the header",
    "extra-cell": "the row has more values than the header",
}


@lru_cache(maxsize=8)
def _package(root: Path, stamp: tuple[int, int]) -> Package:
    # Building a Package parses and checks the whole descriptor, which costs more than validating a
    # small table: build one per data directory (and descriptor version) and reuse it.
    from frictionless import Package  # 150 ms to import, and needed only for a file in doubt

    return Package(catalog.descriptor(root), basepath=str(root))


def forget() -> None:
    _package.cache_clear()


def validate(root: Path, res: dict, label: str, content: bytes | None = None) -> None:
    """Raise DataError listing every problem frictionless finds in the resource's file, or in `content` read
    in its place (an upload: frictionless reads it from memory, the tables it refers to from `root`)."""
    if content is None:
        stat = (root / catalog.DESCRIPTOR).stat()
        package = _package(root, (stat.st_mtime_ns, stat.st_size))
        with _VALIDATING:  # the package's resources are shared: one validation at a time
            report = package.get_resource(res["name"]).validate(limit_errors=MAX_PROBLEMS + 1)
    else:
        report = _in_memory(root, res["name"], content).validate(limit_errors=MAX_PROBLEMS + 1)
    errors = report.tasks[0].errors if report.tasks else report.errors
    if errors:
        raise DataError(label, _problems(errors, res, root))


def _in_memory(root: Path, name: str, content: bytes):
    # A package of its own (building one costs ~25 ms), whose resource `name` reads `content` through
    # frictionless's buffer loader: its own CSV parser, dialect and row numbers, as for a file, and no file.
    # (Passing the bytes as the resource's source when building it is not the same: that is a resource-error.)
    from frictionless import Package

    resource = Package(catalog.descriptor(root), basepath=str(root)).get_resource(name)
    resource.path = None
    resource.data = content
    resource.scheme = "buffer"
    return resource


def _problems(errors, res: dict, root: Path) -> list[Problem]:
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    ragged = {e.row_number: e.type for e in errors if e.type in _RAGGED}
    problems = [Problem(row, None, _RAGGED[kind] + f" ({len(fields)} columns)") for row, kind in ragged.items()]
    header_done = False
    for e in errors:
        if e.type in _HEADER_ERRORS:
            if not header_done:
                problems.append(_header_problem(e, list(fields)))
                header_done = True
            continue
        row = getattr(e, "row_number", None)
        if row in ragged:
            continue
        if e.type == "foreign-key":
            problems.append(_reference_problem(e, res, root))
            continue
        column = getattr(e, "field_name", None) or None
        problems.append(Problem(row, column, _explain(e, fields.get(column or ""), res)))
    return problems


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
    return error.message


# Up to this many values of the table referred to are listed in the message (editions, not sources).
LISTED_REFERENCES = 12


def _reference_problem(error, res: dict, root: Path) -> Problem:
    """A value that the table it refers to (sources.csv, editions.csv) does not have."""
    columns, values = list(error.field_names), [str(v) for v in error.field_cells]
    target = error.reference_name or res["name"]
    target_res = catalog.resource(target, root)
    message = f"{', '.join(values)} not found in {target_res['path']}"
    known = _known_values(catalog.path(target, root), list(error.reference_field_names))
    if known and len(known) <= LISTED_REFERENCES:
        message += f" (it has: {', '.join(known)})"
    return Problem(error.row_number, ", ".join(columns), message)


def _known_values(path: Path, columns: list[str]) -> list[str]:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=columns)
    except (OSError, ValueError):
        return []
    return [", ".join(row) for row in frame[columns].itertuples(index=False)]


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
