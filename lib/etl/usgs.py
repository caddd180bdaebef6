"""USGS ETL: data/raw/ -> data/reserves.csv, production.csv, us_salient.csv, import_sources.csv.

    python -m lib.etl.usgs            (from the project root)

Reads only the files in data/raw/ (see data/raw/PROVENANCE.md) and writes the four CSVs deterministically:
UTF-8, '\\n' line endings, rows in source order, integers without '.0'. The schemas are in data/datapackage.json.

Rules kept throughout:
- Nothing is invented. 'NA', 'W', '—'/'--', 'E' (net exporter) and lower bounds ('>95', '>75,000,000') never become
  numbers: the value is left empty, value_status says why, and value_as_published keeps the printed text.
  A dash means zero, so it is the one symbol stored as 0 (value_status 'zero').
- Country names go through COUNTRIES, the one mapping from USGS spellings to the names used in data/.
- USGS corrections published after the MCS 2026 data release (v1.0) are applied by named functions below; each
  checks that the version history in data/raw/ states it and that the v1.0 value is the one it replaces.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import warnings
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]

RAW_FILES = {
    "mcs2024": "usgs_mcs2024_rare_earths_world.csv",
    "mcs2025": "usgs_mcs2025_rare_earths_transcribed.csv",
    "mcs2026": "usgs_mcs2026_rare_earths_rows.csv",
    "versions": "usgs_mcs2026_version_history.txt",
    "myb2022": "usgs_myb2022_rare_earths_tables.xlsx",
    "ds140": "usgs_ds140_rare_earths_2020.xlsx",
}

# Column order exactly as in data/datapackage.json.
RESERVES_FIELDS = [
    "edition",
    "country",
    "iso3",
    "entity_type",
    "reserves_t_reo",
    "value_status",
    "value_as_published",
    "note",
    "correction",
    "source_id",
]
PRODUCTION_FIELDS = [
    "country",
    "iso3",
    "entity_type",
    "year",
    "edition",
    "mine_production_t_reo",
    "value_status",
    "value_as_published",
    "estimated",
    "basis",
    "note",
    "source_id",
]
SALIENT_FIELDS = [
    "edition",
    "chapter",
    "year",
    "statistic",
    "unit",
    "value",
    "value_status",
    "value_as_published",
    "estimated",
    "note",
    "source_id",
]
IMPORT_FIELDS = [
    "edition",
    "importer",
    "product",
    "period",
    "partner",
    "partner_iso3",
    "share_pct",
    "note",
    "source_id",
]

# ---------------------------------------------------------------------------------------------------------------
# Country names: the one mapping. USGS spelling -> (name used in data/, ISO 3166-1 alpha-3, entity_type).
# Aggregates have no ISO code.
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "Australia": ("Australia", "AUS", "country"),
    "Brazil": ("Brazil", "BRA", "country"),
    # USGS writes 'Burma' (U.S. Government usage); harmonised to the ISO 3166 short name.
    "Burma": ("Myanmar", "MMR", "country"),
    "Burundi": ("Burundi", "BDI", "country"),
    "Canada": ("Canada", "CAN", "country"),
    "Chile": ("Chile", "CHL", "country"),
    # In the import-source rows USGS adds 'Includes Hong Kong'; that footnote is kept in the row's note.
    "China": ("China", "CHN", "country"),
    "Estonia": ("Estonia", "EST", "country"),
    "Germany": ("Germany", "DEU", "country"),
    # Greenland is an autonomous territory of Denmark with its own ISO code; USGS lists it separately.
    "Greenland": ("Greenland", "GRL", "country"),
    "India": ("India", "IND", "country"),
    "Japan": ("Japan", "JPN", "country"),
    # The MCS 2026 data release writes 'Korea, Republic of' (the chapter text: 'Republic of Korea').
    "Korea, Republic of": ("South Korea", "KOR", "country"),
    "Madagascar": ("Madagascar", "MDG", "country"),
    "Malaysia": ("Malaysia", "MYS", "country"),
    "Netherlands": ("Netherlands", "NLD", "country"),
    "Nigeria": ("Nigeria", "NGA", "country"),
    "Russia": ("Russia", "RUS", "country"),
    "South Africa": ("South Africa", "ZAF", "country"),
    "Tanzania": ("Tanzania", "TZA", "country"),
    "Thailand": ("Thailand", "THA", "country"),
    "United States": ("United States", "USA", "country"),
    "Vietnam": ("Vietnam", "VNM", "country"),
    # Residuals: 'Other' (MCS 2025 table), 'other' (MCS 2025 import sources), 'Other countries' (MCS 2026 CSV).
    "Other": ("Other countries", "", "other"),
    "other": ("Other countries", "", "other"),
    "Other countries": ("Other countries", "", "other"),
    # World totals: MCS tables print 'World total (rounded)', the MCS 2026 CSV 'World total', MYB Table 8 'Total'.
    "World total (rounded)": ("World", "", "world"),
    "World total": ("World", "", "world"),
    "Total": ("World", "", "world"),
}
# import_sources.csv names its residual 'Other' (schema); the mapping above gives its entity_type.
IMPORT_RESIDUAL_LABEL = "Other"

# A USGS note that only points to the book's appendix and is attached to every reserves value: not repeated per row.
GENERIC_NOTES = {"See Appendix C for resource and reserve definitions and information concerning data sources."}
NOTE_SEPARATOR = " -- "  # as in the USGS data release's Notes column


def harmonise(name: str) -> tuple[str, str, str]:
    try:
        return COUNTRIES[name.strip()]
    except KeyError:
        raise KeyError(f"USGS name {name!r} is not in COUNTRIES; add it with its ISO3 code") from None


# ---------------------------------------------------------------------------------------------------------------
# Values
_NUMBER = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")


def parse_value(text: str, *, total: bool = False) -> tuple[Decimal | None, str]:
    """Printed value -> (number or None, value_status). Raises on anything not understood."""
    t = text.strip().replace("\xa0", " ")
    if t == "NA":
        return None, "not_available"
    if t == "W":
        return None, "withheld"
    if t == "E":  # in net-import-reliance rows: net exporter, not 'estimated'
        return None, "net_exporter"
    if t in ("—", "--", "–"):
        return Decimal(0), "zero"
    if t.startswith(">"):
        if not _NUMBER.fullmatch(t[1:].strip()):
            raise ValueError(f"unreadable lower bound {text!r}")
        return None, "lower_bound"
    t = t.removesuffix("%")
    if not _NUMBER.fullmatch(t):
        raise ValueError(f"unreadable value {text!r}")
    return Decimal(t.replace(",", "")), ("rounded" if total else "value")


def fmt_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def xlsx_text(cell) -> str:
    """The cell as displayed: numbers with the sheet's thousands separator ('#,##0'), text as is."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "#,##0" in cell.number_format and float(v).is_integer():
            return f"{int(v):,}"
        return str(v)
    return str(v).strip()


def join_notes(parts) -> str:
    seen, out = set(), []
    for p in parts:
        p = " ".join(str(p).replace("\xa0", " ").split())
        if p and p not in seen and p not in GENERIC_NOTES:
            seen.add(p)
            out.append(p)
    return NOTE_SEPARATOR.join(out)


def split_csv_notes(notes: str) -> list[str]:
    return [p.strip() for p in notes.split(" -- ") if p.strip()]


def countries_named_in(sentence: str, pattern: str) -> list[str]:
    """'Reserves for Russia, South Africa, the United States, and Vietnam were revised' -> names."""
    m = re.search(pattern, sentence)
    if not m:
        return []
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1))
    return [n.strip().removeprefix("the ").strip() for n in names if n.strip()]


def revision_sentences(text: str) -> list[str]:
    """Sentences of a USGS note that say which values were revised."""
    out = []
    for part in split_csv_notes(text):
        out += [s.strip() for s in re.split(r"(?<=\.)\s+", part) if "revis" in s]
    return out


# ---------------------------------------------------------------------------------------------------------------
# Row builders


def reserve_row(edition, usgs_name, printed, note="", correction="", source_id=""):
    country, iso3, entity = harmonise(usgs_name)
    value, status = parse_value(printed, total=(entity == "world"))
    return {
        "edition": edition,
        "country": country,
        "iso3": iso3,
        "entity_type": entity,
        "reserves_t_reo": value,
        "value_status": status,
        "value_as_published": printed.strip(),
        "note": note,
        "correction": correction,
        "source_id": source_id,
    }


def production_row(edition, usgs_name, year, printed, estimated, basis, note, source_id, rounded_total=True):
    country, iso3, entity = harmonise(usgs_name)
    value, status = parse_value(printed, total=(entity == "world" and rounded_total))
    return {
        "country": country,
        "iso3": iso3,
        "entity_type": entity,
        "year": int(year),
        "edition": edition,
        "mine_production_t_reo": value,
        "value_status": status,
        "value_as_published": printed.strip(),
        "estimated": bool(estimated),
        "basis": basis,
        "note": note,
        "source_id": source_id,
    }


WORLD_TOTAL_NOTE = "World total (rounded)."

# ---------------------------------------------------------------------------------------------------------------
# MCS 2024 data release, rare-earths world file (usgs-mcs2024)


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


# ---------------------------------------------------------------------------------------------------------------
# MCS 2025 chapter, transcribed (usgs-mcs2025)

MCS2025_BASIS_BY_FOOTNOTE = {
    "12": "estimated_from_china_imports",  # 'Estimated based on reported import data for China. ...'
    "14": "official_quota",  # 'Production quota; does not include undocumented production.'
}


def _markers(*fields: str) -> list[str]:
    out = []
    for f in fields:
        out += [m.strip() for m in f.split(",") if m.strip()]
    return out


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
        value_fn = _markers(r["value_markers"])
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
        is_estimate = "e" in _markers(r["group_markers"], r["column_markers"]) and status != "zero"
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
        markers = _markers(r["group_markers"], r["row_markers"], r["column_markers"], r["value_markers"])
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
                "estimated": "e" in markers and status != "zero",
                "note": join_notes(fn_texts(markers)),
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
                join_notes(fn_texts(_markers(r["row_markers"])) + [texts["Import Sources"]]),
                "usgs-mcs2025",
            )
        )
    return {"reserves": reserves, "production": production, "salient": salient, "imports": imports}


def import_row(edition, product, period, usgs_partner, share, note, source_id):
    partner, iso3, entity = harmonise(usgs_partner)
    if entity == "other":
        partner = IMPORT_RESIDUAL_LABEL
    return {
        "edition": edition,
        "importer": "United States",
        "product": product,
        "period": period,
        "partner": partner,
        "partner_iso3": iso3,
        "share_pct": share,
        "note": note,
        "source_id": source_id,
    }


# ---------------------------------------------------------------------------------------------------------------
# MCS 2026 data release v1.0, rare-earth rows (usgs-mcs2026), with the later USGS corrections

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
CORRECTED_VALUE_SOURCE = "usgs-mcs2026-chapter"
CORRECTED_NOTE_SOURCE = "usgs-mcs2026-versions"
UNITS = {"metric tons": "t REO", "percent": "percent", "dollars per kilogram": "USD per kg", "number": "number"}
MCS2026_FN12 = "Estimated based on reported import data for China."
QUOTA_NOTE = "Production quota; does not include undocumented production."
RESERVES_REVISED = r"Reserves for (.+?) were revised"
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


@dataclass(frozen=True)
class Published:
    version: str
    date: str
    evidence: str  # words of the USGS version history that state the correction

    def check(self, versions: str) -> None:
        flat = " ".join(versions.split())
        if self.evidence not in flat:
            raise ValueError(f"version history does not state: {self.evidence!r}")

    def label(self) -> str:
        return f"USGS MCS 2026 version {self.version} ({self.date})"


def _one(rows, **key):
    hits = [r for r in rows if all(r[k] == v for k, v in key.items())]
    if len(hits) != 1:
        raise ValueError(f"expected one row for {key}, found {len(hits)}")
    return hits[0]


V1_1 = Published(
    "1.1", "5 Mar 2026", "footnote 14 was removed from China's 2024 mine production and added to India's reserves"
)
V1_1_FOOTNOTE_14 = (
    "A 2015 report from OSCOM indicated that monazite reserves from their operations were "
    "256,000 tons; rare-earth reserves were not reported."
)


def correct_v1_1_footnote_14(data: dict, versions: str) -> None:
    """v1.1: footnote 14 leaves China's 2024 production and goes to India's reserves, with new text."""
    V1_1.check(versions)
    if V1_1_FOOTNOTE_14 not in " ".join(versions.split()):
        raise ValueError("v1.1 footnote text not found in version history")
    china = _one(data["production"], edition="MCS2026", country="China", year=2024)
    if QUOTA_NOTE not in china["note"] or china["basis"] != "official_quota":
        raise ValueError("China 2024 (MCS2026 v1.0) no longer carries the quota footnote; review the correction")
    china["note"] = join_notes(
        [
            f"Correction, {V1_1.label()}: footnote 14 ('{QUOTA_NOTE}') was removed from this value. "
            "What remains is USGS's mark 'Estimated.' (also the only mark in the chapter as revised to v1.3), "
            "so basis is 'estimated', not 'official_quota'; USGS no longer says whether it is the quota. "
            "(MCS 2025 gave the same 270,000 t for 2024 as China's production quota.)"
        ]
    )
    china["basis"] = "estimated"
    china["source_id"] = CORRECTED_NOTE_SOURCE
    india = _one(data["reserves"], edition="MCS2026", country="India")
    if india["value_status"] != "not_available":
        raise ValueError("India reserves (MCS2026 v1.0) are no longer NA; review the correction")
    india["note"] = join_notes([india["note"], V1_1_FOOTNOTE_14])
    india["correction"] = (
        f"{V1_1.label()}: footnote 14 added to India's reserves with this text (the v1.0 data "
        "release gives NA without a footnote). Value unchanged: NA."
    )
    india["source_id"] = CORRECTED_NOTE_SOURCE


V1_3 = Published("1.3", "27 May 2026", 'the value of reserves for Brazil was changed from "21,000,000" to "11,000,000"')
V1_3_SENTENCE = "Reserves for Australia, Brazil, and Malaysia were revised based on Government reports."


def correct_v1_3_brazil_reserves(data: dict, versions: str) -> None:
    """v1.3: Brazil reserves 21,000,000 -> 11,000,000; world >85,000,000 -> >75,000,000; sentence names Brazil."""
    V1_3.check(versions)
    for phrase in ('from ">85,000,000" to ">75,000,000"', V1_3_SENTENCE):
        if phrase not in " ".join(versions.split()):
            raise ValueError(f"version history does not state: {phrase!r}")
    old_sentence = "Reserves for Australia and Malaysia were revised based on Government reports."
    brazil = _one(data["reserves"], edition="MCS2026", country="Brazil")
    world = _one(data["reserves"], edition="MCS2026", country="World")
    if brazil["value_as_published"] != "21,000,000" or world["value_as_published"] != ">85,000,000":
        raise ValueError("MCS2026 v1.0 Brazil/World reserves are not the values v1.3 corrects; review")
    brazil.update(
        reserves_t_reo=Decimal(11_000_000),
        value_status="value",
        value_as_published="11,000,000",
        note=join_notes([brazil["note"], V1_3_SENTENCE]),
        source_id=CORRECTED_VALUE_SOURCE,
        correction=(
            f"{V1_3.label()}: Brazil's reserves changed from 21,000,000 (data release v1.0) "
            "to 11,000,000, and the sentence before the table now names Brazil among the "
            "reserves revised based on Government reports."
        ),
    )
    world.update(
        value_as_published=">75,000,000",
        source_id=CORRECTED_VALUE_SOURCE,
        correction=(
            f"{V1_3.label()}: world total revised down from >85,000,000 (data release v1.0) "
            "to >75,000,000 to reflect the change to Brazil's reserves."
        ),
    )
    for name in ("Australia", "Malaysia"):
        row = _one(data["reserves"], edition="MCS2026", country=name)
        if old_sentence not in row["note"]:
            raise ValueError(f"{name} (MCS2026 v1.0) lacks the v1.0 revision sentence; review")
        row["note"] = row["note"].replace(old_sentence, V1_3_SENTENCE)
        row["source_id"] = CORRECTED_NOTE_SOURCE
        row["correction"] = (
            f"{V1_3.label()}: the sentence before the table was revised from '{old_sentence}' "
            f"to '{V1_3_SENTENCE}'. Value unchanged."
        )


MCS2026_CORRECTIONS = (correct_v1_1_footnote_14, correct_v1_3_brazil_reserves)


# ---------------------------------------------------------------------------------------------------------------
# Minerals Yearbook 2022, Table 8 (usgs-myb2022)

MYB_BASIS_BY_FOOTNOTE = {
    "3": "official_quota",  # 'Official production quota. Illegal production could not be quantified.'
    "5": "reo_content_of_exports",  # 'Rare-earth oxide content of exports.'
}


def _split_label(label: str) -> tuple[str, list[str]]:
    """'Indiae, 4' -> ('India', ['e', '4']). Names are matched against COUNTRIES, longest first."""
    for name in sorted(COUNTRIES, key=len, reverse=True):
        if label.startswith(name):
            return name, _markers(label[len(name) :])
    raise KeyError(f"MYB label {label!r} does not start with a name in COUNTRIES")


def read_myb2022(raw: Path) -> list[dict]:
    with warnings.catch_warnings():
        # the workbook's print area for sheet T7 is not understood by openpyxl; T8 is unaffected
        warnings.filterwarnings("ignore", message="Print area cannot be set", category=UserWarning)
        wb = openpyxl.load_workbook(raw / RAW_FILES["myb2022"])
    ws = wb["T8"]
    header = next(
        r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("Country or locality")
    )
    year_cols = [
        (c, int(ws.cell(header, c).value))
        for c in range(2, ws.max_column + 1)
        if isinstance(ws.cell(header, c).value, int)
    ]
    footnotes, body = {}, []
    for r in range(header + 1, ws.max_row + 1):
        text = xlsx_text(ws.cell(r, 1))
        if not text:
            continue
        m = re.fullmatch(r"(\d+)(\D.*)", text)
        if m:
            footnotes[m.group(1)] = m.group(2).strip()
        elif not text.startswith("eEstimated"):
            body.append(r)
    out = []
    for r in body:
        name, row_markers = _split_label(xlsx_text(ws.cell(r, 1)))
        entity = harmonise(name)[2]
        for col, year in year_cols:
            printed = xlsx_text(ws.cell(r, col))
            cell_markers = _markers(xlsx_text(ws.cell(r, col + 1)))
            markers = row_markers + cell_markers
            _, status = parse_value(printed, total=(entity == "world"))
            estimated = "e" in markers
            notes = []
            if entity == "world":
                # fn 1: 'totals may include estimated data. Totals ... are rounded to no more than three
                # significant digits; may not add to totals shown.'
                notes.append(footnotes["1"])
            if "r" in markers:
                notes.append("Revised.")
            notes += [footnotes[m] for m in markers if m.isdigit()]
            basis = next((MYB_BASIS_BY_FOOTNOTE[m] for m in markers if m in MYB_BASIS_BY_FOOTNOTE), None)
            if basis is None:
                # fn 1: 'All data are reported unless otherwise noted'; a total is a sum that includes estimates.
                basis = "estimated" if (estimated or entity == "world") else "reported"
            out.append(
                production_row("MYB2022", name, year, printed, estimated, basis, join_notes(notes), "usgs-myb2022")
            )
    return out


# ---------------------------------------------------------------------------------------------------------------
# Data Series 140 (usgs-ds140): world production 1900-2020


# The workbook's embedded notes define the column; the sheet footer gives the status of its data.
DS140_NOTE = (
    "World production data were for REO equivalent content of ores produced. "
    "Data are calculated, estimated, or reported."
)


def read_ds140(raw: Path) -> list[dict]:
    wb = openpyxl.load_workbook(raw / RAW_FILES["ds140"], data_only=False)
    ws = wb["Rare earths"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Year")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "World production")
    out = []
    for r in range(header + 1, ws.max_row + 1):
        year = ws.cell(r, 1).value
        if not isinstance(year, int):
            break
        out.append(
            production_row(
                "DS140",
                "World total",
                year,
                xlsx_text(ws.cell(r, col)),
                False,
                "estimated",
                DS140_NOTE,
                "usgs-ds140",
                rounded_total=False,
            )
        )  # a series, not a table total labelled as rounded
    return out


# ---------------------------------------------------------------------------------------------------------------
# Writing and checks


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return fmt_number(v)
    return str(v)


def to_csv(rows: list[dict], fields: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    for r in rows:
        w.writerow([_cell(r[f]) for f in fields])
    return buf.getvalue().encode("utf-8")


def _check_unique(rows, key, table):
    seen = set()
    for r in rows:
        k = tuple(r[f] for f in key)
        if k in seen:
            raise ValueError(f"{table}: duplicate primary key {k}")
        seen.add(k)


def world_total_checks(reserves: list[dict], production: list[dict]) -> list[str]:
    """Report (never fix) world totals that fall below the sum of the listed countries by more than rounding."""
    msgs = []
    groups: dict[tuple, list[dict]] = {}
    for r in reserves:
        groups.setdefault(("reserves", r["edition"], None), []).append(r)
    for r in production:
        groups.setdefault(("production", r["edition"], r["year"]), []).append(r)
    for (table, edition, year), rows in sorted(groups.items(), key=lambda kv: str(kv[0])):
        world = [r for r in rows if r["entity_type"] == "world"]
        parts = [r for r in rows if r["entity_type"] != "world"]
        if not world or not parts:
            continue
        value_col = "reserves_t_reo" if table == "reserves" else "mine_production_t_reo"
        total = sum((r[value_col] or 0) for r in parts)
        w = world[0]
        if w["value_status"] == "lower_bound":
            continue  # '>N': the sum of the listed entries may exceed N
        bound = w[value_col]
        if bound is None:
            continue
        # rounding slack: half a unit of the last non-zero digit of the published total (390,000 -> 5,000)
        digits = str(int(bound))
        unit = Decimal(10) ** (len(digits) - len(digits.rstrip("0")))
        slack = unit / 2
        if total > bound + slack:
            msgs.append(
                f"{table} {edition}{'' if year is None else ' ' + str(year)}: listed entries sum to "
                f"{fmt_number(total)}, above the world total {w['value_as_published']}"
            )
    return msgs


def build(raw_dir: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Read data/raw/ files from raw_dir and write the four CSVs into out_dir. Returns row counts."""
    raw, out = Path(raw_dir), Path(out_dir)
    res24, prod24 = read_mcs2024(raw)
    m25 = read_mcs2025(raw)
    m26 = read_mcs2026(raw)
    reserves = res24 + m25["reserves"] + m26["reserves"]
    production = read_ds140(raw) + read_myb2022(raw) + prod24 + m25["production"] + m26["production"]
    salient = m25["salient"] + m26["salient"]
    imports = m25["imports"] + m26["imports"]
    tables = {
        "reserves.csv": (reserves, RESERVES_FIELDS, ["edition", "country"]),
        "production.csv": (production, PRODUCTION_FIELDS, ["country", "year", "edition"]),
        "us_salient.csv": (salient, SALIENT_FIELDS, ["edition", "chapter", "year", "statistic"]),
        "import_sources.csv": (imports, IMPORT_FIELDS, ["edition", "importer", "product", "partner"]),
    }
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (rows, fields, key) in tables.items():
        _check_unique(rows, key, name)
        (out / name).write_bytes(to_csv(rows, fields))
        counts[name] = len(rows)
    return counts


def main(argv: list[str]) -> None:
    raw = Path(argv[0]) if argv else ROOT / "data" / "raw"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "data"
    counts = build(raw, out)
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    res24, prod24 = read_mcs2024(raw)
    m25, m26 = read_mcs2025(raw), read_mcs2026(raw)
    for msg in world_total_checks(
        res24 + m25["reserves"] + m26["reserves"], read_myb2022(raw) + prod24 + m25["production"] + m26["production"]
    ):
        print("check:", msg)


if __name__ == "__main__":
    main(sys.argv[1:])
