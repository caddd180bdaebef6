"""The curated capacity and china_quotas tables say what their sources say, in the sources' units, and no more."""

import re

import pandas as pd
import pytest
from conftest import loaded

from lib import data
from lib.data import catalog
from lib.domain import capacity as domain
from lib.domain import china_quotas, editions


@pytest.fixture(scope="module")
def capacity() -> pd.DataFrame:
    return loaded("capacity")


@pytest.fixture(scope="module")
def quotas() -> pd.DataFrame:
    return loaded("china_quotas")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return loaded("sources").set_index("source_id")


def quota(quotas, year, kind):
    rows = quotas[(quotas["year"] == year) & (quotas["quota_type"] == kind) & (quotas["status"] == "confirmed")]
    assert len(rows) == 1, (year, kind)
    return rows.iloc[0]


# --- loading and sources ----------------------------------------------------------------------------


def test_both_datasets_load_through_the_package(capacity, quotas):
    assert len(capacity) > 50 and len(quotas) >= 16


@pytest.mark.parametrize("name", ["capacity", "china_quotas"])
def test_every_source_id_resolves(name, sources):
    assert set(loaded(name)["source_id"]) <= set(sources.index)


def test_every_statement_is_dated_as_its_source(capacity, sources):
    assert (capacity["stated_on"] == capacity["source_id"].map(sources["published"])).all()


def test_every_new_source_says_how_it_was_read(capacity, quotas, sources):
    used = set(capacity["source_id"]) | set(quotas["source_id"])
    assert sources.loc[sorted(used), "read_via"].notna().all()


# --- units ------------------------------------------------------------------------------------------


def test_no_row_mixes_units_or_figures(capacity):
    figures = capacity[capacity["value_status"] == "value"]
    assert figures["unit"].notna().all()
    # one unit per row, and one number per cell: two figures in a source are two rows
    assert not capacity["unit"].dropna().str.contains(";").any()
    assert not figures["value_as_published"].str.contains(";").any()


def test_a_range_or_words_keep_the_text_and_no_number(capacity):
    rows = capacity[capacity["value_status"].isin(["range", "not_a_number", "not_stated"])]
    assert rows["value"].isna().all()
    assert rows.loc[rows["value_status"] == "range", "value_as_published"].str.contains(r"\d.*(?:-|to).*\d").all()


def test_kilotonnes_stay_kilotonnes(capacity):
    row = capacity.set_index("figure_id").loc["projectblue-exchina-existing-2025"]
    assert (row["value"], row["unit"]) == (23.75, "kt NdFeB/yr")


def test_feedstock_figures_are_never_output_capacity(capacity):
    feedstock_unit = capacity["unit"] == "t feedstock/yr"
    assert (capacity.loc[feedstock_unit, "measure"] == "feedstock_capacity").all()
    lynas_hre = capacity.set_index("figure_id").loc["lynas-malaysia-new-hre-2025"]
    assert (lynas_hre["measure"], lynas_hre["value"], lynas_hre["bound"]) == ("feedstock_capacity", 5000, "up_to")


def test_a_facility_is_in_one_country(capacity):
    assert capacity.groupby("facility_id")["country"].nunique().max() == 1


def test_an_announced_start_year_is_the_year_the_source_names(capacity):
    dated = capacity[capacity["expected_start_year"].notna()]
    for row in dated.itertuples():
        assert str(row.expected_start_year) in row.expected_start, row.figure_id


# --- labels -----------------------------------------------------------------------------------------


def test_a_start_phase_names_a_phase_its_facility_has(capacity):
    linked = capacity[capacity["start_phase"].notna()]
    assert not linked.empty
    for r in linked.itertuples():
        phases = set(capacity[(capacity["facility_id"] == r.facility_id) & (capacity["stage"] == r.stage)]["phase"].dropna())
        assert r.start_phase in phases, (r.figure_id, r.start_phase)


def test_confirmed_figures_come_from_wire_text_or_the_issuers_own_channel(capacity):
    confirmed = set(capacity.loc[capacity["status"] == "confirmed", "source_id"])
    assert confirmed == {
        "bloomberg-2023-04-12-irel-moneycontrol",  # Bloomberg wire text
        "reuters-2020-01-22-magnets-canada", "reuters-2023-08-22-marketscreener-vietnam",  # Reuters wire text
        "pib-2026-05-15-repm-extension",  # PIB's own release, as the REPM events cite it
        "pib-2015-03-12-irel-datais",  # PIB release in a verbatim archive, as PIB via pibtracker.com is
        "wagov-2022-04-iluka-refinery",  # government site
        "mp-2025-01-22-sec-ex99",  # company release as filed with the SEC
        "mp-2025-07-10-businesswire", "prnewswire-2025-11-03-vulcan",  # company newswire
        "energyfuels-2024-06-10-prnewswire", "energyfuels-2025-08-21-prnewswire",  # newswire text with its dateline
        "posco-2024-03-star-group", "shinetsu-2017-vietnam-magnets",  # company's own site
    }


def test_a_reprint_of_a_company_release_is_secondary(capacity):
    reprints = capacity[capacity["source_id"].isin(["marketscreener-2025-01-mp", "inn-2026-02-26-mp-northlake"])]
    assert (reprints["status"] == "secondary").all() and len(reprints) == 2


def test_each_source_gets_one_label(capacity, quotas):
    both = pd.concat([capacity[["source_id", "status"]], quotas[["source_id", "status"]]])
    assert both.groupby("source_id")["status"].nunique().max() == 1


def test_a_publisher_keeps_the_label_it_has_in_the_trade_and_policy_data(capacity, quotas, sources):
    """Who wrote the text decides the label, whichever table cites it (the publisher up to its first ',' or ' (')."""
    publisher = sources["publisher"].str.split(r",| \(", regex=True).str[0].str.strip()
    frames = [capacity, quotas, loaded("trade_flows"), loaded("events")]
    rows = pd.concat([f[["status", "source_id"]] for f in frames], ignore_index=True)
    labels = rows.assign(publisher=publisher.loc[rows["source_id"]].to_numpy()).groupby("publisher")["status"].nunique()
    assert (labels == 1).all(), labels[labels > 1]


def test_unverified_rows_are_flagged_and_never_enter_a_total(capacity, sources):
    unverified = capacity[capacity["status"] == "unverified"]
    assert set(unverified["source_id"]) == {
        "lcdproduct-2025-10-31-lynas", "24brussels-2025-04-solvay", "yovizag-2023-05-repm",
        "sanwenwang-2023-07-18-magnet-capacity",
    }
    assert sources.loc[sorted(set(unverified["source_id"])), "note"].str.contains("UNVERIFIED").all()
    assert not domain.chartable(capacity, measure=None)["status"].eq("unverified").any()
    assert set(domain.mark_for_chart(unverified)["shown_as"]) == {"unverified"}


# --- India and China lines ---------------------------------------------------------------------------


def test_the_magnet_scheme_is_a_target_not_capacity(capacity):
    scheme = capacity.set_index("figure_id").loc["india-repm-scheme-2025"]
    assert (scheme["measure"], scheme["value"], scheme["unit"]) == ("output_target", 6000, "t magnets/yr")
    assert scheme["source_id"] == "pib-2026-05-15-repm-extension"


def test_irel_stated_capacity_is_five_thousand_tonnes_of_refined_rare_earths(capacity):
    irel = capacity.set_index("figure_id").loc["irel-refined-2023"]
    assert (irel["measure"], irel["value"], irel["unit"], irel["status"]) == (
        "output_capacity", 5000, "t refined rare earths/yr", "confirmed"
    )


def test_china_magnet_output_is_recorded_as_output_not_capacity(capacity):
    china = capacity[(capacity["iso3"] == "CHN") & (capacity["unit"] == "t magnets/yr") & (capacity["applies_year"] == 2024)]
    row = china[china["facility_id"] == "china-ndfeb-output"].iloc[0]
    assert (row["measure"], row["value"], bool(row["approximate"])) == ("reported_output", 300000, True)


# --- quotas ------------------------------------------------------------------------------------------


def test_2018_quotas_are_as_reuters_reported_them(quotas):
    assert quota(quotas, 2018, "mining")["quota_t_reo"] == 120000
    assert quota(quotas, 2018, "smelting_separation")["quota_t_reo"] == 115000
    assert quota(quotas, 2018, "mining")["source_id"].startswith("reuters-")


def test_2024_quotas_are_as_reuters_reported_them(quotas):
    assert quota(quotas, 2024, "mining")["quota_t_reo"] == 270000
    assert quota(quotas, 2024, "smelting_separation")["quota_t_reo"] == 254000


def test_2025_quotas_are_recorded_as_unpublished_with_no_number(quotas):
    rows = quotas[quotas["year"] == 2025]
    assert set(rows["value_status"]) == {"not_published"}
    assert rows["quota_t_reo"].isna().all()
    assert "reuters-2025-07-18-cna" in set(rows["source_id"])


def test_every_year_2018_to_2024_has_both_quotas_and_sources_agree(quotas):
    series = china_quotas.quota_series(quotas)
    published = series[series["value_status"] == "value"]
    assert sorted(set(published["year"])) == list(range(2018, 2025))
    assert (published.groupby("year")["quota_type"].nunique() == 2).all()


def test_usgs_gives_chinas_mining_quota_as_its_production_in_the_quota_years(quotas):
    order = editions.order(loaded("editions"))
    beside = china_quotas.quotas_beside_production(quotas, loaded("production"), order).set_index("year")
    published = beside[beside["mining_quota_published"].fillna(False).astype(bool)]
    assert (published["mining_quota_t_reo"] == published["usgs_mine_production_t_reo"]).all()
    # 2025: USGS has a figure, China published no quota; the row keeps both facts and computes nothing
    assert pd.notna(beside.loc[2025, "usgs_mine_production_t_reo"]) and pd.isna(beside.loc[2025, "mining_quota_t_reo"])


def test_the_imported_feedstock_caveat_is_kept(quotas):
    notes = " ".join(quotas["scope_note"].dropna())
    assert re.search(r"imported raw materials is not subject to this quota", notes)
    description = data.resource("china_quotas")["description"]
    assert "imported raw materials" in description and "not China's total processing capacity" in description


# --- malformed files --------------------------------------------------------------------------------


def _one_row_file(name: str, **changes) -> str:
    """The header of the real file and its first row, with some cells changed."""
    frame = pd.read_csv(catalog.path(name), dtype=str, keep_default_na=False, nrows=1)
    for column, cell in changes.items():
        frame.loc[0, column] = cell
    return frame.to_csv(index=False)


def test_a_number_typed_beside_a_range_is_reported_with_row_and_column(package_dir):
    package_dir.write("capacity", _one_row_file("capacity", value_status="range"))
    with pytest.raises(data.DataError) as caught:
        data.load("capacity", package_dir.path)
    problem = caught.value.problems[0]
    assert (caught.value.file, problem.row, problem.column) == ("data/capacity.csv", 2, "value")
    assert "only where value_status is value" in problem.message


def test_a_figure_without_its_unit_is_reported(package_dir):
    package_dir.write("capacity", _one_row_file("capacity", unit=""))
    with pytest.raises(data.DataError) as caught:
        data.load("capacity", package_dir.path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "unit")]


def test_an_unpublished_quota_with_a_number_is_reported(package_dir):
    package_dir.write("china_quotas", _one_row_file("china_quotas", value_status="not_published"))
    with pytest.raises(data.DataError) as caught:
        data.load("china_quotas", package_dir.path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "quota_t_reo")]


def test_each_research_row_left_out_is_listed_once_with_its_reason():
    """docs/updating-data.md lists each row of the 160-row research file that is in no table, once."""
    import re
    from pathlib import Path

    text = Path(__file__).parents[2].joinpath("docs", "updating-data.md").read_text(encoding="utf-8")
    listed = []
    for line in text.split("## Research figures not in the tables", 1)[1].splitlines():
        if line.startswith("- r"):
            for a, b in re.findall(r"r(\d{3})(?:–r(\d{3}))?", line.split(" ", 1)[1].split(" (")[0].split(":")[0]):
                listed += range(int(a), int(b or a) + 1)
    assert listed and len(listed) == len(set(listed)) and all(1 <= n <= 160 for n in listed)
