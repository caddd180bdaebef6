"""python -m lib.etl.usgs [RAW_DIR [OUT_DIR]]: rebuild the USGS tables and report the world-total checks."""

import sys
from pathlib import Path

from lib.etl.usgs.build import build
from lib.etl.usgs.files import ROOT


def main(argv: list[str]) -> None:
    raw = Path(argv[0]) if argv else ROOT / "data" / "raw"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "data"
    counts, checks = build(raw, out)
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    for msg in checks:
        print("check:", msg)


main(sys.argv[1:])
