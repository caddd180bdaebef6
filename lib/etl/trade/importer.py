"""Files and raw folders -> one trade_records table, all or nothing.

A raw folder under data/raw/trade/ carries an import.json that says which of its files are records, which source they
are (source_id), when each was retrieved, and which codes to keep:

    {"source_id": "un-comtrade-chn-m-2846", "codes": ["2846"],
     "files": [{"file": "1993.json", "retrieved": "2026-07-10"}, …]}

Any rejected file, or a key that two files share, stops the run before anything is written: the output directory keeps
its previous table, and no temporary file is left in it.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data import rules_trade
from lib.domain import official_trade as ot

from . import comtrade, dataweb, detect
from .records import FILENAME, Context, Problem, Result, TradeFileError, cell, key_fields, to_csv, write_atomic

IMPORT_FILE = "import.json"
READERS = {"comtrade-json": comtrade.read_json, "comtrade-csv": comtrade.read_csv, "dataweb-xlsx": dataweb.read_workbook}


@dataclass
class Job:
    path: Path
    ctx: Context


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    errors: list[TradeFileError] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        return [row for result in self.results for row in result.rows]


def import_file(path: Path, ctx: Context, max_bytes: int = detect.MAX_BYTES, label: str | None = None) -> Result:
    label = label or str(path)
    detect.check_size(path.stat().st_size, label, max_bytes)
    return import_bytes(path.read_bytes(), ctx, label, max_bytes)


def import_bytes(raw: bytes, ctx: Context, label: str, max_bytes: int = detect.MAX_BYTES,
                 advice: str = detect.TOO_LARGE) -> Result:
    """A file's content, in memory (a file read from disk, or a viewer's upload): detected, read and checked by the
    same code, with `label` naming it in every problem."""
    detect.check_size(len(raw), label, max_bytes, advice)
    unpacked = detect.unwrap(raw, label, max_bytes)
    if unpacked is not raw:
        detect.check_size(len(unpacked), label, max_bytes, advice, unpacked=True)
    fmt = detect.detect(unpacked, label)
    return READERS[fmt](unpacked, label, ctx)


def jobs_for(paths: list[Path], source_id: str | None, retrieved: date | None, codes: tuple[str, ...],
             partners_queried: int | None, not_imported: list[str]) -> list[Job]:
    jobs = []
    for path in paths:
        if path.is_dir():
            jobs += _folder_jobs(path, not_imported)
            continue
        manifest = _import_manifest(path.parent)
        entry = next((e for e in manifest.get("files", []) if e["file"] == path.name), None) if manifest else None
        sid = source_id or (manifest or {}).get("source_id")
        if not sid:
            raise SystemExit(f"{path}: name its source with --source-id ID (an id in data/sources.csv), or import the "
                             f"folder it sits in with its {IMPORT_FILE}")
        when = retrieved or (date.fromisoformat(entry["retrieved"]) if entry else None)
        keep = codes or tuple((manifest or {}).get("codes", ()))
        query = f"{path.parent.name}/{path.name}" if manifest else path.name
        jobs.append(Job(path, Context(sid, query, when, keep, partners_queried)))
    return jobs


def _import_manifest(folder: Path) -> dict | None:
    target = folder / IMPORT_FILE
    return json.loads(target.read_text(encoding="utf-8")) if target.exists() else None


def _folder_jobs(folder: Path, not_imported: list[str]) -> list[Job]:
    manifest = _import_manifest(folder)
    if manifest is None:
        raise SystemExit(f"{folder}: a folder is imported through its {IMPORT_FILE} (source_id, files, retrieved dates); "
                         "give the files themselves instead, with --source-id and --retrieved")
    listed = {e["file"] for e in manifest["files"]}
    for other in sorted(p.name for p in folder.iterdir() if p.is_file()):
        if other not in listed and other != IMPORT_FILE:
            not_imported.append(f"{folder / other}: not listed in {IMPORT_FILE} (kept as provenance)")
    codes = tuple(manifest.get("codes", ()))
    return [
        Job(folder / e["file"], Context(manifest["source_id"], f"{folder.name}/{e['file']}",
                                        date.fromisoformat(e["retrieved"]) if e.get("retrieved") else None, codes,
                                        manifest.get("partners_queried")))
        for e in manifest["files"]
    ]


def run(jobs: list[Job], max_bytes: int = detect.MAX_BYTES, outcome: Outcome | None = None) -> Outcome:
    outcome = outcome or Outcome()
    for job in jobs:
        try:
            outcome.results.append(import_file(job.path, job.ctx, max_bytes))
        except TradeFileError as err:
            outcome.errors.append(err)
    if not outcome.errors:
        outcome.errors += _shared_keys(outcome.results)
    if not outcome.errors and outcome.rows:
        broken = table_problems(outcome.rows)
        if broken:
            outcome.errors.append(TradeFileError(f"{FILENAME} (the table these files make)", broken))
    return outcome


def frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as the table's CSV holds them, read back as text: what would be written (and what a maintainer would
    add), to the digit, with no float noise."""
    return pd.read_csv(io.BytesIO(to_csv(rows)), dtype=str, keep_default_na=False, na_values=[""])


def table_problems(rows: list[dict], of: str = FILENAME) -> list[Problem]:
    """The rules of the whole table (lib.data.rules_trade), which data/ is held to on every load, on these rows; a
    row counts the rows of the table they make (`of`), as its CSV numbers them (the header is row 1)."""
    return [Problem(f"row {p.row} of {of}" if p.row is not None else None, p.column, p.message)
            for p in rules_trade.problems(ot.typed(frame(rows)))]


def _shared_keys(results: list[Result]) -> list[TradeFileError]:
    first: dict[tuple, str] = {}
    errors = []
    keys = key_fields()
    for result in results:
        problems = []
        for row in result.rows:
            key = tuple(cell(row[k]) for k in keys)
            if key in first:
                problems.append(Problem(row.get("_where"), None, f"duplicate key: {first[key]} has the same "
                                                                 f"({', '.join(keys)}) = ({', '.join(key)})"))
            else:
                first[key] = row.get("_where", result.file)
        if problems:
            errors.append(TradeFileError(result.file, problems))
    return errors


def write(outcome: Outcome, out_dir: Path) -> Path:
    """Write the table only when every file was taken."""
    if outcome.errors:
        raise RuntimeError("refusing to write a table from a run with rejected files")
    target = out_dir / FILENAME
    write_atomic(target, to_csv(outcome.rows))
    return target


def skip_groups(result: Result) -> list[tuple[int, str, str]]:
    """What a file's skipped rows were, by reason, largest group first: (how many, the reason, the first place)."""
    groups: dict[str, list] = {}
    for skip in result.skipped:
        groups.setdefault(re.sub(r"\d+", "#", skip.reason), []).append(skip)
    return [(len(skips), skips[0].reason, skips[0].where) for skips in sorted(groups.values(), key=lambda s: -len(s))]


def summary(outcome: Outcome) -> list[str]:
    """What was taken and what was skipped, and why: skips grouped by reason, with the first place each occurred."""
    lines = []
    for result in outcome.results:
        line = f"{result.file}: {result.format}, took {len(result.rows)} rows"
        if not result.skipped:
            lines.append(line)
            continue
        lines.append(f"{line}, skipped {len(result.skipped)}:")
        lines += [f"    {n:>5} × {reason} (first: {where})" for n, reason, where in skip_groups(result)]
    lines += outcome.not_imported
    return lines
