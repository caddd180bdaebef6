"""MCS 2025 chapter, transcribed (usgs-mcs2025): reserves, production 2023-2024, salient statistics, import sources."""

from __future__ import annotations

import csv
from pathlib import Path

from lib.etl.usgs.files import RAW_FILES
from lib.etl.usgs.names import harmonise
from lib.etl.usgs.rows import WORLD_TOTAL_NOTE, import_row, production_row, reserve_row
from lib.etl.usgs.values import countries_named_in, join_notes, markers, parse_value

# 'Reserves for Russia, South Africa, the United States, and Vietnam were revised ...'
RESERVES_REVISED = r"Reserves for (.+?) were revised"

MCS2025_BASIS_BY_FOOTNOTE = {
    "12": "estimated_from_china_imports",  # 'Estimated based on reported import data for China. ...'
    "14": "official_quota",  # 'Production quota; does not include undocumented production.'
}


def read_mcs2025(raw: Path) -> dict[str, list[dict]]:
    with open(raw / RAW_FILES["mcs2025"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    footnotes = {r["row_label"]: r["value_as_published"] for r in rows if r["section"] == "footnotes"}
    texts = {r["group_label"]: r["value_as_published"] for r in rows if r["section"] == "text"}

    def fn_texts(markers):
        return [footnotes[m] for m in markers if m.isdigit()]

    # World mine production and reserves table
    reserves, production = [], []
    revised = set(countries_named_in(texts["World Mine Production and Reserves"], RESERVES_REVISED))
    for r in (r for r in rows if r["section"] == "world_mine_production_and_reserves"):
        name = r["row_label"]
        entity = harmonise(name)[2]
        value_fn = markers(r["value_markers"])
        world_note = [WORLD_TOTAL_NOTE] if entity == "world" else []
        if r["group_label"] == "Reserves":
            rev = [texts["World Mine Production and Reserves"]] if name in revised else []
            reserves.append(
                reserve_row(
                    "MCS2025",
                    name,
                    r["value_as_published"],
                    note=join_notes(fn_texts(value_fn) + rev + world_note),
                    source_id="usgs-mcs2025",
                )
            )
            continue
        # Mine production: the column heading 'Mine production' carries 'e', so every number is an estimate.
        # A dash (zero) is not read as an estimate, as in USGS's own data release for MCS 2026.
        value, status = parse_value(r["value_as_published"])
        is_estimate = "e" in markers(r["group_markers"], r["column_markers"]) and status != "zero"
        basis = next((MCS2025_BASIS_BY_FOOTNOTE[m] for m in value_fn if m in MCS2025_BASIS_BY_FOOTNOTE), None)
        if basis is None:
            basis = "estimated" if (is_estimate or entity == "world") else "reported"
        production.append(
            production_row(
                "MCS2025",
                name,
                r["column"],
                r["value_as_published"],
                is_estimate,
                basis,
                join_notes(fn_texts(value_fn) + world_note),
                "usgs-mcs2025",
            )
        )

    # Salient statistics
    salient = []
    for r in (r for r in rows if r["section"] == "salient_statistics_united_states"):
        group, label = r["group_label"], r["row_label"]
        statistic = f"{group} {label}".strip()
        if group.startswith("Price"):
            unit = "USD per kg"
        elif group.startswith("Net import reliance"):
            unit = "percent"
        elif label.endswith(", number"):
            unit = "number"
        else:
            unit = "t REO"
        printed = r["value_as_published"]
        value, status = parse_value(printed)
        marks = markers(r["group_markers"], r["row_markers"], r["column_markers"], r["value_markers"])
        salient.append(
            {
                "edition": "MCS2025",
                "chapter": "Rare Earths",
                "year": int(r["column"]),
                "statistic": statistic,
                "unit": unit,
                "value": value,
                "value_status": status,
                "value_as_published": printed,
                "estimated": "e" in marks and status != "zero",
                "note": join_notes(fn_texts(marks)),
                "source_id": "usgs-mcs2025",
            }
        )

    # Import sources
    imports = []
    for r in (r for r in rows if r["section"] == "import_sources"):
        value, status = parse_value(r["value_as_published"])
        if status != "value":
            raise ValueError(f"import share not a number: {r}")
        imports.append(
            import_row(
                "MCS2025",
                r["group_label"],
                r["column"],
                r["row_label"],
                value,
                join_notes(fn_texts(markers(r["row_markers"])) + [texts["Import Sources"]]),
                "usgs-mcs2025",
            )
        )
    return {"reserves": reserves, "production": production, "salient": salient, "imports": imports}
