"""The USGS ETL (lib/etl/usgs/): data/raw/ -> reserves, production, us_salient, import_sources."""

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from lib.etl import usgs

OUTPUTS = ["reserves.csv", "production.csv", "us_salient.csv", "import_sources.csv"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Run the ETL on a copy of data/raw/ into a temporary folder."""
    base = tmp_path_factory.mktemp("etl")
    shutil.copytree(ROOT / "data" / "raw", base / "raw")
    usgs.build(base / "raw", base / "out")
    return base / "out"


def rows(built: Path, name: str, **match) -> list[dict]:
    with open(built / name, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if all(r[k] == v for k, v in match.items())]


def one(built: Path, name: str, **match) -> dict:
    found = rows(built, name, **match)
    assert len(found) == 1, found
    return found[0]


def test_rerunning_the_etl_reproduces_the_committed_csvs_byte_for_byte(built):
    for name in OUTPUTS:
        assert (built / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_brazil_reserves_correction_v1_3_is_applied_with_its_reason(built):
    brazil = one(built, "reserves.csv", edition="MCS2026", country="Brazil")
    assert brazil["reserves_t_reo"] == "11000000"
    assert brazil["value_as_published"] == "11,000,000"
    assert "version 1.3" in brazil["correction"] and "21,000,000" in brazil["correction"]
    assert brazil["source_id"] == "usgs-mcs2026-chapter"


def test_lower_bound_world_total_is_missing_with_flag(built):
    world = one(built, "reserves.csv", edition="MCS2026", country="World")
    assert world["reserves_t_reo"] == ""
    assert world["value_status"] == "lower_bound"
    assert world["value_as_published"] == ">75,000,000"
    assert world["entity_type"] == "world" and world["iso3"] == ""


def test_india_2026_reserves_are_not_available_with_the_oscom_footnote(built):
    india = one(built, "reserves.csv", edition="MCS2026", country="India")
    assert india["reserves_t_reo"] == ""
    assert india["value_status"] == "not_available"
    assert india["value_as_published"] == "NA"
    assert "OSCOM" in india["note"] and "256,000 tons" in india["note"]
    assert "version 1.1" in india["correction"]


def test_burma_is_harmonised_to_myanmar(built):
    for name in ("reserves.csv", "production.csv"):
        assert rows(built, name, country="Burma") == []
        assert all(r["iso3"] == "MMR" for r in rows(built, name, country="Myanmar"))
    myanmar = one(built, "production.csv", country="Myanmar", year="2024", edition="MCS2026")
    assert myanmar["value_as_published"] == "27,000"


def test_china_2024_production_in_mcs2026_loses_the_quota_footnote(built):
    china = one(built, "production.csv", country="China", year="2024", edition="MCS2026")
    assert china["basis"] == "estimated"
    assert "version 1.1" in china["note"]
    assert one(built, "production.csv", country="China", year="2024", edition="MCS2025")["basis"] == "official_quota"


def test_net_exporter_e_is_not_read_as_a_number(built):
    row = one(
        built,
        "us_salient.csv",
        edition="MCS2026",
        year="2024",
        statistic="Net import reliance as a percentage of apparent consumption: Mineral concentrates",
    )
    assert (row["value"], row["value_status"], row["value_as_published"]) == ("", "net_exporter", "E")


def test_a_dash_is_stored_as_zero_with_its_flag(built):
    burundi = one(built, "production.csv", country="Burundi", year="2022", edition="MYB2022")
    assert burundi["mine_production_t_reo"] == "0"
    assert (burundi["value_status"], burundi["value_as_published"]) == ("zero", "--")


def test_fused_footnote_digits_are_separated_from_transcribed_values(built):
    # The MCS 2025 PDF text reads "1213,000": footnote 12 and 13,000.
    australia = one(built, "production.csv", country="Australia", year="2024", edition="MCS2025")
    assert australia["mine_production_t_reo"] == "13000"
    assert australia["basis"] == "estimated_from_china_imports"


def test_ds140_gives_world_production_for_every_year_1900_to_2020(built):
    years = [int(r["year"]) for r in rows(built, "production.csv", edition="DS140")]
    assert years == list(range(1900, 2021))
    assert {r["country"] for r in rows(built, "production.csv", edition="DS140")} == {"World"}


def test_numbers_are_written_without_a_trailing_decimal(built):
    text = (built / "production.csv").read_text(encoding="utf-8")
    assert ".0," not in text
    assert (
        one(
            built,
            "us_salient.csv",
            edition="MCS2026",
            year="2023",
            statistic="Price, average, dollars per kilogram: Lanthanum oxide, 99.5% minimum",
        )["value"]
        == "0.96"
    )


def test_import_shares_of_each_product_add_up_to_100(built):
    totals: dict = {}
    for r in rows(built, "import_sources.csv"):
        key = (r["edition"], r["product"])
        totals[key] = totals.get(key, 0) + int(r["share_pct"])
    assert totals and all(total == 100 for total in totals.values()), totals
