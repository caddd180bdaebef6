"""Read every USGS publication once, write the four tables with the columns their schemas list."""

from __future__ import annotations

from pathlib import Path

from lib.data import catalog
from lib.etl.usgs.ds140 import read_ds140
from lib.etl.usgs.mcs2024 import read_mcs2024
from lib.etl.usgs.mcs2025 import read_mcs2025
from lib.etl.usgs.mcs2026 import read_mcs2026
from lib.etl.usgs.myb2022 import read_myb2022
from lib.etl.usgs.write import check_unique, to_csv, world_total_checks

# Output dataset -> the kind of rows each reader returns for it.
TABLES = {"reserves": "reserves", "production": "production", "us_salient": "salient", "import_sources": "imports"}


def build(raw_dir: str | Path, out_dir: str | Path) -> tuple[dict[str, int], list[str]]:
    """Read data/raw/ files from raw_dir, write the four CSVs into out_dir. Returns row counts per file and the
    world-total checks' messages."""
    raw, out = Path(raw_dir), Path(out_dir)
    res24, prod24 = read_mcs2024(raw)
    m25, m26 = read_mcs2025(raw), read_mcs2026(raw)
    rows = {
        "reserves": res24 + m25["reserves"] + m26["reserves"],
        "production": read_ds140(raw) + read_myb2022(raw) + prod24 + m25["production"] + m26["production"],
        "salient": m25["salient"] + m26["salient"],
        "imports": m25["imports"] + m26["imports"],
    }
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, kind in TABLES.items():
        res = catalog.resource(name)
        check_unique(rows[kind], res["schema"]["primaryKey"], res["path"])
        (out / res["path"]).write_bytes(to_csv(rows[kind], catalog.fields(name)))
        counts[res["path"]] = len(rows[kind])
    checks = world_total_checks(rows["reserves"], [r for r in rows["production"] if r["edition"] != "DS140"])
    return counts, checks
