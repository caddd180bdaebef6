"""Comtrade bulk files: keep the lines of some commodity codes without loading the whole file.

A bulk file holds every commodity for a reporter-year (millions of lines); the rare-earth lines are a few hundred.
pyarrow's streaming CSV reader goes through the file in blocks and keeps the matching lines, so memory stays that of
a few blocks whatever the file's size. bench/trade_bulk.py chose it by measurement against DuckDB, polars and
pandas.read_csv of the whole file (bench/RESULTS.md, section 7): as fast as the others, the lowest and flattest peak
memory, and no new dependency (pandas already brings pyarrow). Every column is read as text: codes keep their
leading zeros and values their digits.

    python -m lib.etl.trade bulk COMTRADE-….txt[.gz] --out DIR [--codes 2805,2846,8505]

writes DIR/<file's stem>.<codes>.txt (codes by default the four-digit headings of the product lines the charts draw,
lib.domain.official_trade), tab-separated with the same header; it imports like any Comtrade CSV (python -m
lib.etl.trade FILE --source-id … --retrieved … --out data). The output appears whole or not at all.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from pathlib import Path

CODE_FIELD = "cmdCode"


class BulkError(Exception):
    pass

# Measured (bench/RESULTS.md, section 7): 1 MB blocks read through a Python file object keep the peak at ~130 MB
# from 1 to 5 million lines; 8 MB blocks, or a path that pyarrow opens itself, grow with the file.
BLOCK_BYTES = 1024 * 1024


def extract(source: Path, target: Path, codes: tuple[str, ...], block_bytes: int = BLOCK_BYTES) -> int:
    """Write the lines of `source` whose cmdCode starts with one of `codes` to `target`; return how many."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    header = _header(source)
    delimiter = "\t" if "\t" in header else ","
    if CODE_FIELD not in header.split(delimiter):
        raise BulkError(f"{source}: row 1 (the header) has no field {CODE_FIELD!r}: expected a Comtrade bulk file, "
                        f"tab- or comma-separated, with Comtrade's field names; got {header[:120]!r}")
    handle = gzip.open(source, "rb") if _is_gzip(source) else source.open("rb")
    reader = pacsv.open_csv(
        handle,
        read_options=pacsv.ReadOptions(block_size=block_bytes),
        parse_options=pacsv.ParseOptions(delimiter=delimiter),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in header.split(delimiter)},
                                             strings_can_be_null=False),
    )
    kept = 0
    options = pacsv.WriteOptions(delimiter="\t", quoting_style="needed")
    with handle, pacsv.CSVWriter(target, reader.schema, write_options=options) as writer:
        for batch in reader:
            column = batch.column(CODE_FIELD)
            mask = pc.starts_with(column, codes[0])
            for code in codes[1:]:
                mask = pc.or_(mask, pc.starts_with(column, code))
            selected = batch.filter(mask)
            if selected.num_rows:
                writer.write_batch(selected)
                kept += selected.num_rows
    return kept


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _header(path: Path) -> str:
    opener = gzip.open if _is_gzip(path) else open
    with opener(path, "rt", encoding="utf-8-sig") as handle:
        return handle.readline().rstrip("\r\n").replace('"', "")


def default_codes() -> tuple[str, ...]:
    """The headings of every product line the charts draw (imported here, not above: extract() itself stays free of
    pandas, whose memory bench/trade_bulk.py would otherwise count)."""
    from lib.domain import official_trade

    return tuple(dict.fromkeys(c[:4] for line in official_trade.PRODUCT_LINES for c in line.codes))


def main(argv: list[str]) -> int:
    defaults = ",".join(default_codes())
    parser = argparse.ArgumentParser(prog="python -m lib.etl.trade bulk",
                                     description="Keep the lines of some commodity codes of a Comtrade bulk file.")
    parser.add_argument("file", type=Path, help="a Comtrade bulk file (.txt or .csv, gzip-compressed or not)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the extract into")
    parser.add_argument("--codes", default=defaults,
                        help=f"commodity code prefixes, comma-separated (default {defaults})")
    args = parser.parse_args(argv)
    codes = tuple(c.strip().replace(".", "") for c in args.codes.split(",") if c.strip())
    if not codes:
        parser.error("--codes: expected at least one code")
    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.file.name.removesuffix(".gz").rsplit(".", 1)[0]
    target = args.out / f"{stem}.{'-'.join(codes)}.txt"
    partial = target.with_name(f".{target.name}.part")
    try:
        kept = extract(args.file, partial, codes)
        os.replace(partial, target)
    except BulkError as err:
        print(f"{err}; nothing written", file=sys.stderr)
        return 1
    finally:
        partial.unlink(missing_ok=True)
    print(f"kept {kept} lines of codes {', '.join(codes)} from {args.file} in {target}")
    print(f"import them: python -m lib.etl.trade {target} --source-id ID --retrieved YYYY-MM-DD --out data")
    return 0
