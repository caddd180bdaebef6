"""python -m lib.etl.trade FILE_OR_FOLDER... --out DIR      import official trade records into DIR/trade_records.csv
python -m lib.etl.trade fetch --reporter IND --partners all --codes 850511,2846,280530 --years 2019-2025 [--monthly]
python -m lib.etl.trade bulk BULK_FILE --out DIR [--codes 2805,2846,8505]     keep a bulk file's rare-earth lines

Rebuild the committed table from the bundled raw files (byte for byte):

    python -m lib.etl.trade data/raw/trade/* --out data

The run says which rows it took and which it skipped, and why. A rejected file stops the run: the error names the
file, the record or row, the field and what was expected, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import detect, importer


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c.strip().replace(".", "") for c in (text or "").split(",") if c.strip())


def import_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.etl.trade", description="Import official trade records.")
    parser.add_argument("paths", nargs="+", type=Path, help="Comtrade JSON/CSV, DataWeb .xlsx, or raw folders with import.json")
    parser.add_argument("--out", type=Path, required=True, help="directory to write trade_records.csv into")
    parser.add_argument("--source-id", help="source_id (in data/sources.csv) of files given outside a raw folder")
    parser.add_argument("--retrieved", type=date.fromisoformat, help="date the files were downloaded, YYYY-MM-DD")
    parser.add_argument("--codes", help="keep only these commodity codes (prefixes, e.g. 2846,8505)")
    parser.add_argument("--partners-queried", type=int, help="number of partners the query named (no World row)")
    parser.add_argument("--max-mb", type=float, default=detect.MAX_BYTES / 1024 / 1024, help="largest file to read")
    args = parser.parse_args(argv)
    not_imported: list[str] = []
    jobs = importer.jobs_for(args.paths, args.source_id, args.retrieved, _codes(args.codes), args.partners_queried,
                             not_imported)
    outcome = importer.run(jobs, int(args.max_mb * 1024 * 1024), importer.Outcome(not_imported=not_imported))
    for line in importer.summary(outcome):
        print(line)
    if outcome.errors:
        for err in outcome.errors:
            print(err, file=sys.stderr)
        print(f"{len(outcome.errors)} file(s) rejected: nothing written to {args.out}", file=sys.stderr)
        return 1
    target = importer.write(outcome, args.out)
    print(f"wrote {target}: {len(outcome.rows)} rows from {len(outcome.results)} files")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "fetch":
        from . import fetch

        return fetch.main(argv[1:])
    if argv and argv[0] == "bulk":
        from . import bulk

        return bulk.main(argv[1:])
    return import_main(argv)


if __name__ == "__main__":
    sys.exit(main())
