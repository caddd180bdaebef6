"""The raw USGS files the ETL reads, by publication (see data/raw/PROVENANCE.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

RAW_FILES = {
    "mcs2024": "usgs_mcs2024_rare_earths_world.csv",
    "mcs2025": "usgs_mcs2025_rare_earths_transcribed.csv",
    "mcs2026": "usgs_mcs2026_rare_earths_rows.csv",
    "versions": "usgs_mcs2026_version_history.txt",
    "myb2022": "usgs_myb2022_rare_earths_tables.xlsx",
    "ds140": "usgs_ds140_rare_earths_2020.xlsx",
}
