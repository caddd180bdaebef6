"""Comtrade bulk files: keep the lines of some commodity codes without loading the whole file.

A bulk file holds every commodity for a reporter-year (millions of lines); the rare-earth lines are a few hundred.
pyarrow's streaming CSV reader goes through the file in blocks and keeps the matching lines, so memory stays that of
a few blocks whatever the file's size. bench/trade_bulk.py chose it by measurement against DuckDB, polars and
pandas.read_csv of the whole file (bench/RESULTS.md, section 7): as fast as the others, the lowest and flattest peak
memory, and no new dependency (pandas already brings pyarrow). Every column is read as text: codes keep their
leading zeros and values their digits.

    python -c "from lib.etl.trade import bulk; bulk.extract(Path('COMTRADE-….txt'), Path('rare_earths.txt'), ('2846',))"

The output is tab-separated with the same header, and imports like any Comtrade CSV (python -m lib.etl.trade).
"""

from __future__ import annotations

import gzip
from pathlib import Path

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
            column = batch.column("cmdCode")
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
