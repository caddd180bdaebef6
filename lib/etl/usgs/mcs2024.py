"""MCS 2024 data release, rare-earths world file (usgs-mcs2024): reserves, production 2022-2023."""

from __future__ import annotations

import csv
from pathlib import Path

from lib.etl.usgs.files import RAW_FILES
from lib.etl.usgs.names import harmonise
from lib.etl.usgs.rows import WORLD_TOTAL_NOTE, production_row, reserve_row
from lib.etl.usgs.values import join_notes


def read_mcs2024(raw: Path) -> tuple[list[dict], list[dict]]:
    with open(raw / RAW_FILES["mcs2024"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    reserves, production = [], []
    for r in rows:
        name = r["Country"]
        entity = harmonise(name)[2]
        note = WORLD_TOTAL_NOTE if entity == "world" else ""
        reserves.append(
            reserve_row(
                "MCS2024", name, r["Reserves_t"], note=join_notes([r["Reserves_notes"], note]), source_id="usgs-mcs2024"
            )
        )
        for year in (2022, 2023):
            # The file's column names ('Prod_t_est_2022', 'Prod_t_est_2023') mark both years as estimated.
            prod_note = r["Prod_notes"]
            if entity == "world":
                basis = "estimated"
            elif prod_note.startswith("Production quota"):
                basis = "official_quota"  # China: 'Production quota; does not include undocumented production.'
            else:
                basis = "estimated"
            production.append(
                production_row(
                    "MCS2024",
                    name,
                    year,
                    r[f"Prod_t_est_{year}"],
                    True,
                    basis,
                    join_notes([prod_note, note]),
                    "usgs-mcs2024",
                )
            )
    return reserves, production
