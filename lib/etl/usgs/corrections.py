"""USGS's corrections to the MCS 2026 data release (v1.1 to v1.3), each checked against the version history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lib.etl.usgs.values import join_notes

# The sources the corrected rows cite (ids of data/sources.csv): a changed value is printed in the chapter as
# revised to v1.3; an unchanged value whose footnote or note changed is stated by the version history.
CORRECTED_VALUE_SOURCE = "usgs-mcs2026-chapter"
CORRECTED_NOTE_SOURCE = "usgs-mcs2026-versions"
QUOTA_NOTE = "Production quota; does not include undocumented production."


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
