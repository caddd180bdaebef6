"""Comtrade bulk files: extract the rare-earth lines by streaming, against pandas.read_csv of the whole file.

Usage: .venv/bin/python -m bench.trade_bulk [--rows 1000000,5000000] [--engines pyarrow,duckdb,polars] [--repeats 1]

A bulk file holds every commodity for a reporter-year. The file used here is SYNTHETIC, made for this benchmark
only, in a temporary directory (never in data/): tab-separated text with a header of Comtrade's coded record fields
(the API's field names without its description and ISO fields; the exact column set of Comtrade's bulk files was
not available here to copy), random values, and commodity codes drawn from 5,000 six-digit codes among which are the
rare-earth lines 280530, 284610, 284690 and 850511. Its name says SYNTHETIC.

Each run is a fresh Python process that imports its engine, notes its memory, reads the file, keeps the lines whose
cmdCode starts with 2805, 2846 or 8505, writes them to a file and reports the time (reading to written output, not
the interpreter start) and its peak resident memory (getrusage ru_maxrss). pandas reads the whole file with
read_csv (every column as text) and filters it in memory: the baseline. Figures are printed, never asserted.
Targets: time <= 0.5x pandas, peak memory <= 0.25x pandas and flat from 1 to 5 million rows.

Also: a cold load and validation of all of data/ in a fresh process, with trade_records and without it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/<name>.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, machine, median  # noqa: E402

FIELDS = [
    "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "flowCode", "partnerCode",
    "partner2Code", "classificationCode", "classificationSearchCode", "isOriginalClassification", "cmdCode",
    "customsCode", "mosCode", "motCode", "qtyUnitCode", "qty", "isQtyEstimated", "altQtyUnitCode", "altQty",
    "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated", "cifvalue", "fobvalue",
    "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate",
]
RARE_EARTH = ("2805", "2846", "8505")
RARE_EARTH_LINES = ("280530", "284610", "284690", "850511")
ENGINES = ("pyarrow", "duckdb", "polars")
CHUNK = 250_000


def synthetic(directory: Path, rows: int, seed: int = 14) -> Path:
    """Write the synthetic bulk-format file in chunks (the generator never holds the whole file either)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    path = directory / f"SYNTHETIC-comtrade-bulk-format-{rows}-rows.txt"
    rng = np.random.default_rng(seed)
    pool = np.array(sorted(set(RARE_EARTH_LINES) | {f"{c:06d}" for c in rng.choice(np.arange(10_000, 970_000), 4_996,
                                                                                      replace=False)}))
    # Real M49 codes (country_converter's), so that the extracted lines import: the figures stay synthetic.
    from lib.data import countries

    partners = np.array(sorted(str(c) for c in countries.m49_codes()))
    options = pacsv.WriteOptions(delimiter="\t", quoting_style="none", include_header=False)
    path.write_text("\t".join(FIELDS) + "\n", encoding="utf-8")  # pyarrow would quote the names
    sink = path.open("ab")
    writer = None
    written = 0
    while written < rows:
        n = min(CHUNK, rows - written)
        mass = rng.integers(0, 10_000_000, n)
        value = rng.integers(1, 50_000_000, n)
        columns = {
            "typeCode": ["C"] * n, "freqCode": ["A"] * n, "refPeriodId": ["20240101"] * n, "refYear": ["2024"] * n,
            "refMonth": ["52"] * n, "period": ["2024"] * n, "reporterCode": ["156"] * n,
            "flowCode": rng.choice(["M", "X"], n), "partnerCode": rng.choice(partners, n), "partner2Code": ["0"] * n,
            "classificationCode": ["H6"] * n, "classificationSearchCode": ["HS"] * n,
            "isOriginalClassification": ["True"] * n, "cmdCode": rng.choice(pool, n), "customsCode": ["C00"] * n,
            "mosCode": ["0"] * n, "motCode": ["0"] * n, "qtyUnitCode": ["8"] * n, "qty": mass.astype(str),
            "isQtyEstimated": ["False"] * n, "altQtyUnitCode": ["-1"] * n, "altQty": ["0"] * n,
            "isAltQtyEstimated": ["False"] * n, "netWgt": mass.astype(str), "isNetWgtEstimated": ["False"] * n,
            "grossWgt": ["0"] * n, "isGrossWgtEstimated": ["False"] * n, "cifvalue": value.astype(str),
            "fobvalue": [""] * n, "primaryValue": value.astype(str), "legacyEstimationFlag": ["0"] * n,
            "isReported": ["True"] * n, "isAggregate": ["False"] * n,
        }
        table = pa.table({f: pa.array(columns[f], pa.string()) for f in FIELDS})
        if writer is None:
            writer = pacsv.CSVWriter(sink, table.schema, write_options=options)
        writer.write_table(table)
        written += n
    writer.close()
    sink.close()
    return path


# --- the engines: bench/trade_bulk_worker.py, one fresh process per run ----------------------------------------


def run(engine: str, source: Path, directory: Path) -> dict:
    target = directory / f"extract-{engine}.txt"
    out = subprocess.run([sys.executable, str(Path(__file__).with_name("trade_bulk_worker.py")), engine, str(source),
                          str(target)],
                         cwd=APP.parent, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(APP.parent)})
    target.unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- data/ cold load ---------------------------------------------------------------------------------------------

_PROBE = """
import json, sys, time
from lib import data
names = [n for n in data.names() if sys.argv[1] == "with" or n != "trade_records"]
t = time.perf_counter()
for n in names: data.load(n)
print(json.dumps({"cold": time.perf_counter() - t, "n": len(names)}))
"""


def cold_load(which: str, repeats: int) -> dict:
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _PROBE, which], cwd=APP.parent, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONPATH": str(APP.parent)})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"cold": median([r["cold"] for r in runs]), "n": runs[0]["n"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,5000000")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    engines = ["pandas", *args.engines.split(",")]
    print(f"# Comtrade bulk extraction ({machine()}); synthetic bulk-format files, median of {args.repeats}")
    print("| rows | file | engine | time | vs pandas | peak memory | vs pandas | lines kept |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="trade-bulk-") as tmp:
        directory = Path(tmp)
        for rows in (int(r) for r in args.rows.split(",")):
            start = time.perf_counter()
            source = synthetic(directory, rows)
            made = time.perf_counter() - start
            size = source.stat().st_size / 1024 / 1024
            results = {}
            for engine in engines:
                runs = [run(engine, source, directory) for _ in range(args.repeats)]
                results[engine] = {"seconds": median([r["seconds"] for r in runs]),
                                   "peak_mb": median([r["peak_mb"] for r in runs]),
                                   "rss_before_mb": median([r["rss_before_mb"] for r in runs]), "kept": runs[0]["kept"]}
            base = results["pandas"]
            for engine, r in results.items():
                print(f"| {rows:,} | {size:,.0f} MB | {engine} | {r['seconds']:.2f} s | {r['seconds'] / base['seconds']:.2f}× "
                      f"| {r['peak_mb']:,.0f} MB (imports {r['rss_before_mb']:,.0f}) | {r['peak_mb'] / base['peak_mb']:.2f}× "
                      f"| {r['kept']:,} |")
            if len({r["kept"] for r in results.values()}) != 1:
                print(f"!! engines disagree on the lines kept: { {e: r['kept'] for e, r in results.items()} }")
            print(f"(synthetic file of {rows:,} rows written in {made:.1f} s, then deleted)")
            source.unlink()
    with_t, without = cold_load("with", 3), cold_load("without", 3)
    print(f"\ncold load + validation of data/ (fresh process, median of 3): {without['n']} datasets without "
          f"trade_records {without['cold'] * 1000:,.0f} ms; {with_t['n']} with it {with_t['cold'] * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
