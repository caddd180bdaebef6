"""One run of bench/trade_bulk.py: python bench/trade_bulk_worker.py ENGINE SOURCE TARGET (prints one JSON line).

Kept apart from bench/trade_bulk.py so that the process imports nothing but its engine: its peak memory is then the
engine's, not the benchmark harness's.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RARE_EARTH = ("2805", "2846", "8505")


def _pandas(source: str, target: str) -> int:
    import pandas as pd

    frame = pd.read_csv(source, sep="\t", dtype=str, keep_default_na=False)
    kept = frame[frame["cmdCode"].str.startswith(RARE_EARTH)]
    kept.to_csv(target, sep="\t", index=False)
    return len(kept)


def _pyarrow(source: str, target: str) -> int:
    from lib.etl.trade import bulk

    return bulk.extract(Path(source), Path(target), RARE_EARTH)


def _duckdb(source: str, target: str) -> int:
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    # Its defaults buffer more (241 MB at 5 M lines, measured); these let it stream in a bounded space.
    con.execute("SET memory_limit = '100MB'")
    con.execute("SET preserve_insertion_order = false")
    where = " OR ".join(f"starts_with(cmdCode, '{c}')" for c in RARE_EARTH)
    con.execute(f"COPY (SELECT * FROM read_csv('{source}', delim='\\t', header=true, all_varchar=true) WHERE {where}) "
                f"TO '{target}' (HEADER, DELIMITER '\\t')")
    return con.execute(f"SELECT count(*) FROM read_csv('{target}', delim='\\t', header=true, all_varchar=true)").fetchone()[0]


def _polars(source: str, target: str) -> int:
    import polars as pl

    condition = pl.col("cmdCode").str.starts_with(RARE_EARTH[0])
    for code in RARE_EARTH[1:]:
        condition = condition | pl.col("cmdCode").str.starts_with(code)
    pl.scan_csv(source, separator="\t", infer_schema=False).filter(condition).sink_csv(target, separator="\t")
    return pl.scan_csv(target, separator="\t", infer_schema=False).select(pl.len()).collect().item()


WORKERS = {"pandas": _pandas, "pyarrow": _pyarrow, "duckdb": _duckdb, "polars": _polars}
IMPORTS = {"pandas": "pandas", "pyarrow": "pyarrow.csv", "duckdb": "duckdb", "polars": "polars"}


def peak_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a
    child would report its parent's size; VmHWM belongs to the process's own address space."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(engine: str, source: str, target: str) -> None:
    importlib.import_module(IMPORTS[engine])
    before = peak_mb()
    start = time.perf_counter()
    kept = WORKERS[engine](source, target)
    seconds = time.perf_counter() - start
    print(json.dumps({"engine": engine, "seconds": seconds, "kept": int(kept), "rss_before_mb": before,
                      "peak_mb": peak_mb()}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
