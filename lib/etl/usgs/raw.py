"""Refresh data/raw/ from full USGS downloads (a maintainer's tool, never run by the app).

    python -m lib.etl.usgs.raw SOURCE_DIR [RAW_DIR]

SOURCE_DIR holds the files as downloaded (names as in data/raw/PROVENANCE.md):
usgs_mcs2026_commodities_data.csv (all commodities, cp1252), usgs_mcs2024_rare_earths_world.csv,
usgs_myb2022_rare_earths_tables.xlsx, usgs_ds140_rare_earths_2020.xlsx, usgs_mcs2026_version_history.txt.
The hand transcriptions (usgs_mcs2025_rare_earths_transcribed.csv) are not made here.
After running it, update the sha256 sums in PROVENANCE.md and rerun `python -m lib.etl.usgs`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

RARE_EARTH_CHAPTERS = ("RARE EARTHS", "RARE EARTHS (Heavy)")
COPIED_AS_IS = (
    "usgs_myb2022_rare_earths_tables.xlsx",
    "usgs_ds140_rare_earths_2020.xlsx",
    "usgs_mcs2026_version_history.txt",
)


def trim_mcs2026(src: Path, dst: Path) -> int:
    """Keep the header and the rare-earth rows of the MCS 2026 data release; cp1252 -> UTF-8.

    Lines are kept byte for byte apart from the encoding (CRLF endings included); no record spans lines.
    """
    text = src.read_bytes().decode("cp1252")
    lines = text.split("\r\n")
    header, body = lines[0], lines[1:]
    kept = [ln for ln in body if any(ln.startswith(ch + ",") for ch in RARE_EARTH_CHAPTERS)]
    dst.write_bytes(("\r\n".join([header, *kept]) + "\r\n").encode("utf-8"))
    return len(kept)


def trim_mcs2024(src: Path, dst: Path, n_columns: int = 8) -> int:
    """Drop the BOM, the empty trailing columns and the all-empty lines a spreadsheet added.

    Data lines are otherwise untouched: only the run of empty trailing fields is cut after column 8.
    """
    text = src.read_bytes().decode("utf-8-sig")
    out = []
    for line in text.split("\r\n"):
        if not line.strip(","):
            continue  # an all-empty line (padding), not data
        extra = "," * (44 - n_columns)
        if not line.endswith(extra):
            raise ValueError(f"unexpected trailing columns in: {line[:60]}")
        out.append(line[: -len(extra)])
    dst.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    return len(out) - 1


def main(source_dir: str, raw_dir: str = "data/raw") -> None:
    src, raw = Path(source_dir), Path(raw_dir)
    raw.mkdir(parents=True, exist_ok=True)
    n26 = trim_mcs2026(src / "usgs_mcs2026_commodities_data.csv", raw / "usgs_mcs2026_rare_earths_rows.csv")
    n24 = trim_mcs2024(src / "usgs_mcs2024_rare_earths_world.csv", raw / "usgs_mcs2024_rare_earths_world.csv")
    for name in COPIED_AS_IS:
        shutil.copyfile(src / name, raw / name)
    print(f"MCS2026 rare-earth rows: {n26}; MCS2024 rows: {n24}; copied {len(COPIED_AS_IS)} files")


if __name__ == "__main__":
    main(*sys.argv[1:])
