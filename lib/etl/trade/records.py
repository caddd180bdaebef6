"""The trade_records row: its fields (lib.data.catalog, from data/datapackage.json), an importer's problems, the writer.

The CSV writer is deterministic so that re-importing data/raw/trade/ reproduces data/trade_records.csv byte for byte:
UTF-8 without BOM, '\\n' line endings, rows sorted by their key, numbers written from Decimal (no float noise,
integers without '.0', no exponent), booleans as true/false, missing values as empty cells.
"""

from __future__ import annotations

import calendar
import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from lib.data import catalog

ROOT = Path(__file__).resolve().parents[3]
RESOURCE = "trade_records"
FILENAME = "trade_records.csv"
KIND_ORDER = {"world": 0, "country": 1, "group": 2, "nes": 3, "special": 4}


def fields() -> list[str]:
    """The table's columns in the order of its schema (data/datapackage.json), which is the order written."""
    return catalog.fields(RESOURCE)


def key_fields() -> list[str]:
    return list(catalog.resource(RESOURCE)["schema"]["primaryKey"])


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported: where (record/row/sheet), which field, and what was expected."""

    where: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [p for p in (self.where, f"field '{self.field}'" if self.field else None) if p]
        return f"{', '.join(parts) or 'file'}: {self.message}"


class TradeFileError(Exception):
    """A file that was rejected as a whole. Nothing from it is written."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        shown = problems[:25]
        lines = [f"{file}: rejected, {len(problems)} problem(s)"] + [f"  - {p}" for p in shown]
        if len(problems) > len(shown):
            lines.append(f"  … and {len(problems) - len(shown)} more")
        super().__init__("\n".join(lines))

    def __reduce__(self):
        # Rebuilt from its file and problems (an upload's check returns it from a child process, by pickle).
        return type(self), (self.file, self.problems)


@dataclass(frozen=True)
class Skip:
    """A row or block left out on purpose, with the reason (reported, never silent)."""

    where: str
    reason: str


@dataclass
class Result:
    """What one file gave: rows for trade_records and what was skipped, and why."""

    file: str
    format: str
    rows: list[dict] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What the file itself may not say: which source it is, when it was retrieved, which codes to keep."""

    source_id: str
    query_id: str
    retrieved: date | None = None
    codes: tuple[str, ...] = ()  # prefixes; empty keeps every code
    partners_queried: int | None = None

    def keeps(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


def new_row(**values) -> dict:
    names = fields()
    unknown = set(values) - set(names)
    if unknown:
        raise KeyError(f"not trade_records fields: {sorted(unknown)}")
    return {name: values.get(name) for name in names}


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sort_key(row: dict) -> tuple:
    return (
        row["source_id"], row["reporter_iso3"], row["flow"], row["classification"] or "", row["commodity_code"],
        row["period_type"], cell(row["period_start"]), row["period"], KIND_ORDER.get(row["partner_kind"], 9),
        row["partner"], row["quantity_unit"],
    )


def duplicate_keys(rows: list[dict]) -> list[tuple[tuple, list[str]]]:
    """Keys held by more than one row, with where each came from (row['_where'])."""
    seen: dict[tuple, list[str]] = {}
    keys = key_fields()
    for row in rows:
        seen.setdefault(tuple(cell(row[k]) for k in keys), []).append(row.get("_where", "?"))
    return [(k, w) for k, w in seen.items() if len(w) > 1]


def to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = fields()
    writer.writerow(names)
    for row in sorted(rows, key=sort_key):
        writer.writerow([cell(row[n]) for n in names])
    return out.getvalue().encode("utf-8")


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the table is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- periods ----------------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> dict:
    return {"period_type": "year", "period": f"{year:04d}", "period_start": date(year, 1, 1), "period_end": date(year, 12, 31)}


def month_period(year: int, month: int) -> dict:
    return {
        "period_type": "month", "period": f"{year:04d}-{month:02d}",
        "period_start": date(year, month, 1), "period_end": _month_end(year, month),
    }


def cumulative_period(year: int, first: int, last: int) -> dict:
    return {
        "period_type": "cumulative", "period": f"{year:04d}-{first:02d}..{last:02d}",
        "period_start": date(year, first, 1), "period_end": _month_end(year, last),
    }
