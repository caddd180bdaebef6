"""MCS 2026 data release v1.0, rare-earth rows (usgs-mcs2026), with the later USGS corrections applied."""

from __future__ import annotations

import csv
from pathlib import Path

from lib.etl.usgs.corrections import MCS2026_CORRECTIONS, QUOTA_NOTE
from lib.etl.usgs.files import RAW_FILES
from lib.etl.usgs.mcs2025 import RESERVES_REVISED
from lib.etl.usgs.names import harmonise
from lib.etl.usgs.rows import WORLD_TOTAL_NOTE, import_row, production_row, reserve_row
from lib.etl.usgs.values import countries_named_in, join_notes, parse_value, revision_sentences, split_csv_notes

CHAPTERS = {"RARE EARTHS": "Rare Earths", "RARE EARTHS (Heavy)": "Rare Earths (Heavy)"}

# Which source a MCS 2026 row cites (ids of data/sources.csv):
# - usgs-mcs2026: values read from the data release (v1.0), Rare Earths chapter, unchanged by any correction.
# - usgs-mcs2026-heavy: rows of the Rare Earths (Heavy) chapter, the publication they belong to. Read from the same
#   data release file; the values are identical to the heavy chapter PDF (checked when the raw file was made).
# - usgs-mcs2026-chapter: values a correction changed (Brazil's reserves, the world total): the corrected value is
#   printed in the chapter's table as revised to version 1.3.
# - usgs-mcs2026-versions: rows whose value is unchanged but whose footnote or note a correction changed (India's
#   reserves, China's 2024 production, Australia's and Malaysia's reserves): the version history states the change.
MCS2026_SOURCE_BY_CHAPTER = {"Rare Earths": "usgs-mcs2026", "Rare Earths (Heavy)": "usgs-mcs2026-heavy"}
UNITS = {"metric tons": "t REO", "percent": "percent", "dollars per kilogram": "USD per kg", "number": "number"}
MCS2026_FN12 = "Estimated based on reported import data for China."
PRODUCTION_REVISED = r"revisions were made to the {year} production for (.+?) based on"


def read_mcs2026(raw: Path) -> dict[str, list[dict]]:
    with open(raw / RAW_FILES["mcs2026"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    reserves, production, salient, imports = [], [], [], []
    for r in rows:
        chapter = CHAPTERS[r["MCS chapter"]]
        notes = split_csv_notes(r["Notes"])
        estimated = "Estimated." in notes
        detail_notes = [n for n in notes if n != "Estimated."]  # 'Estimated.' is carried by the flag
        section = r["Section"]
        if section == "World Mine Production and Reserves":
            entity = harmonise(r["Country"])[2]
            world_note = [WORLD_TOTAL_NOTE] if entity == "world" else []
            sentences = revision_sentences(r["Other notes"])
            if r["Statistics"] == "Reserves":
                rev = [s for s in sentences if r["Country"] in countries_named_in(s, RESERVES_REVISED)]
                reserves.append(
                    reserve_row(
                        "MCS2026",
                        r["Country"],
                        r["Value"],
                        note=join_notes(detail_notes + rev + world_note),
                        source_id="usgs-mcs2026",
                    )
                )
            elif r["Statistics"] == "Production":
                pattern = PRODUCTION_REVISED.format(year=r["Year"])
                rev = [s for s in sentences if r["Country"] in countries_named_in(s, pattern)]
                if any(n.startswith(MCS2026_FN12) for n in detail_notes):
                    basis = "estimated_from_china_imports"
                elif QUOTA_NOTE in detail_notes:
                    basis = "official_quota"
                elif "Reported." in detail_notes:
                    basis = "reported"
                elif estimated or entity == "world":
                    basis = "estimated"
                else:
                    basis = "reported"  # a dash (zero) with no note
                production.append(
                    production_row(
                        "MCS2026",
                        r["Country"],
                        r["Year"],
                        r["Value"],
                        estimated,
                        basis,
                        join_notes(detail_notes + rev + world_note),
                        "usgs-mcs2026",
                    )
                )
            else:
                raise ValueError(f"unexpected statistic {r['Statistics']!r}")
        elif section.startswith("Salient Statistics"):
            value, status = parse_value(r["Value"])
            salient.append(
                {
                    "edition": "MCS2026",
                    "chapter": chapter,
                    "year": int(r["Year"]),
                    "statistic": r["Statistics_detail"],
                    "unit": UNITS[r["Unit"]],
                    "value": value,
                    "value_status": status,
                    "value_as_published": r["Value"],
                    "estimated": estimated,
                    "note": join_notes(detail_notes),
                    "source_id": MCS2026_SOURCE_BY_CHAPTER[chapter],
                }
            )
        elif section == "Import Sources":
            value, status = parse_value(r["Value"])
            if status != "value" or UNITS[r["Unit"]] != "percent":
                raise ValueError(f"import share not a percentage: {r}")
            imports.append(
                import_row(
                    "MCS2026",
                    r["Statistics_detail"],
                    r["Year"],
                    r["Country"],
                    value,
                    join_notes(detail_notes),
                    MCS2026_SOURCE_BY_CHAPTER[chapter],
                )
            )
        else:
            raise ValueError(f"unexpected section {section!r}")
    out = {"reserves": reserves, "production": production, "salient": salient, "imports": imports}
    versions = (raw / RAW_FILES["versions"]).read_text(encoding="utf-8")
    for correction in MCS2026_CORRECTIONS:
        correction(out, versions)
    return out
