"""USGS ETL: data/raw/ -> data/reserves.csv, production.csv, us_salient.csv, import_sources.csv.

    python -m lib.etl.usgs            (from the project root)

Reads only the files in data/raw/ (see data/raw/PROVENANCE.md), one reader per publication, and writes the four
CSVs deterministically: UTF-8, '\\n' line endings, rows in source order, integers without '.0'. Their columns are
the schemas' in data/datapackage.json.

Rules kept throughout:
- Nothing is invented. 'NA', 'W', '—'/'--', 'E' (net exporter) and lower bounds ('>95', '>75,000,000') never become
  numbers: the value is left empty, value_status says why, and value_as_published keeps the printed text.
  A dash means zero, so it is the one symbol stored as 0 (value_status 'zero').
- Country names and ISO codes come from country_converter (lib/data/countries.py); USGS's aggregate rows
  ('World total', 'Other countries') are named in names.AGGREGATES.
- USGS corrections published after the MCS 2026 data release (v1.0) are applied by named functions in
  corrections.py; each checks that the version history in data/raw/ states it and that the v1.0 value is the one
  it replaces.
"""

from lib.etl.usgs.build import build

__all__ = ["build"]
