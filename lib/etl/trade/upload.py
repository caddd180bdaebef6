"""A viewer's own extract, checked in memory by the same importers as the command line: its limits, its rows as a
trade_records frame (for that viewer's session) and as trade_records CSV (for a maintainer). Nothing is written.

The content is never put in a file: detection and the readers take bytes (importer.import_bytes), a DataWeb workbook
is opened from io.BytesIO, and the CSV offered back is built in memory by the table's own deterministic writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.domain import official_trade as ot

from . import importer
from .records import Context, Problem, Result, TradeFileError, fields, to_csv

# Under the server's own cap (server.maxUploadSize, 5 MB, in .streamlit/config.toml), which the browser enforces
# before this check; a Comtrade download of a few codes and years, or a DataWeb workbook, is far smaller.
MAX_UPLOAD_BYTES = 4 * 1024 * 1024
# Rows of trade_records one upload may give: the whole published table holds about 12,000, and a session keeps its
# upload in memory for as long as it lasts.
MAX_UPLOAD_ROWS = 20_000
# The headings of the product lines the charts draw (their codes at four digits, as prefixes): an extract of every
# commodity keeps only these, and says how many rows of other codes it left out.
CODES = tuple(sorted({code[:4] for line in ot.PRODUCT_LINES for code in line.codes}))
SOURCE_ID = "viewer-upload"  # not a source of data/sources.csv: a maintainer gives the real one when adding the rows
TOO_LARGE = ("an upload is for an extract of a few codes and years: query fewer, or bring the file in with "
             "python -m lib.etl.trade FILE --out DIR")


@dataclass(frozen=True)
class Checked:
    """What the check of one uploaded file found: its format, its rows (a frame in the columns of trade_records) and
    what was skipped, by reason; or the error that rejected it whole. (The importer's row dicts are not kept: a
    session holds the frame only.)"""

    name: str
    format: str | None = None
    records: pd.DataFrame | None = None
    skipped: pd.DataFrame | None = None
    error: TradeFileError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def context(name: str, today: date | None = None) -> Context:
    """What the file itself may not say. A Comtrade file does not record when it was downloaded: the day of the
    upload stands in for it (a DataWeb workbook's own download date is read from the workbook)."""
    return Context(SOURCE_ID, name, today or date.today(), CODES)


def check(name: str, raw: bytes, today: date | None = None, max_bytes: int = MAX_UPLOAD_BYTES,
          max_rows: int = MAX_UPLOAD_ROWS) -> Checked:
    """The uploaded file `name` with content `raw`, read by the importers, the product lines' codes kept."""
    try:
        result = importer.import_bytes(raw, context(name, today), name, max_bytes, TOO_LARGE)
        if len(result.rows) > max_rows:
            raise TradeFileError(name, [Problem(None, None, f"the file gives {len(result.rows):,} rows of trade_records; "
                                                            f"an upload is previewed up to {max_rows:,} rows ({TOO_LARGE})")])
        if not result.rows:
            raise TradeFileError(name, [_nothing_kept(result)])
        broken = importer.table_problems(result.rows, of="the trade_records rows read from it")
        if broken:
            raise TradeFileError(name, broken)
    except TradeFileError as err:
        return Checked(name, error=err)
    except Exception as err:  # a viewer's file gets a message, never a broken page
        return unreadable(name, f"the file could not be read ({type(err).__name__})")
    return Checked(name, result.format, compact(importer.frame(result.rows)), skips(result))


def unreadable(name: str, what: str) -> Checked:
    """The check of a file that could not be read at all, `what` saying why, and what was expected instead."""
    return Checked(name, error=TradeFileError(name, [Problem(None, None, (
        f"{what}; expected a Comtrade CSV or JSON download or a DataWeb .xlsx export, unchanged"))]))


def compact(records: pd.DataFrame) -> pd.DataFrame:
    """The rows with each column that repeats its values (reporter, flow, codes, periods, sources: most of them)
    held as categories. A session keeps its upload for as long as it lasts: at the row limit the text columns took
    12 MB, as categories about 1 MB (bench/RESULTS.md, 13). The values, and so the CSV offered back, are the same."""
    repeated = [col for col in records.columns if records[col].nunique(dropna=True) < len(records) / 2]
    return records.astype(dict.fromkeys(repeated, "category"))


def _nothing_kept(result: Result) -> Problem:
    groups = importer.skip_groups(result)
    why = f": {groups[0][0]:,} × {groups[0][1]} (first: {groups[0][2]})" if groups else ""
    return Problem(None, None, f"the file holds no figure this table keeps (a total of one reporter, flow, code and "
                               f"period){why}")


def csv_bytes(records: pd.DataFrame) -> bytes:
    """A kept upload as trade_records CSV, by the writer that writes data/trade_records.csv (same columns, order,
    number format and row order)."""
    rows = records[fields()].astype(object).where(records[fields()].notna(), None).to_dict("records")
    return to_csv(rows)


def problems(err: TradeFileError) -> pd.DataFrame:
    """A rejection as a table: the file, where in it (record, row, sheet or byte), the field, what was expected."""
    return pd.DataFrame([{"file": err.file, "where": p.where or "the whole file", "field": p.field or "",
                          "problem": p.message} for p in err.problems], columns=["file", "where", "field", "problem"])


def skips(result: Result) -> pd.DataFrame:
    """What the file held that the table does not keep, by reason, with the first place it occurred."""
    return pd.DataFrame(importer.skip_groups(result), columns=["rows", "skipped because", "first at"])
