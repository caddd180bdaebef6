"""Chart specs on the bundled data: each title states a finding computed from the sourced values, and each
chart's frame is exactly what it plots."""

import pandas as pd
import pytest

from lib.domain import country, trade
from lib.specs import mining, registry, reserves, supply_chain
from lib.specs import trade as trade_specs


@pytest.fixture(scope="module")
def d(bundled):
    return bundled


def test_reserves_title_states_the_largest_holder_and_its_share_of_what_usgs_lists(d):
    found = reserves.BAR.build(d, edition="MCS2026")
    assert found.title.startswith("China holds the largest rare-earth reserves: 44.0 Mt")
    assert "of what USGS lists" in found.title


def test_reserves_takeaway_names_the_countries_usgs_gives_no_figure_for(d):
    assert "India" in reserves.BAR.build(d, edition="MCS2026").takeaway
    assert "India" not in reserves.BAR.build(d, edition="MCS2025").takeaway


def test_reserve_editions_come_newest_first_from_the_editions_table(d):
    assert reserves.edition_choices(d) == ["MCS2026", "MCS2025", "MCS2024"]


def test_mining_title_is_computed_from_the_latest_usgs_year(d):
    found = mining.mining(d, ["China", "United States"])
    assert found.title == "China mined 69% of the world's rare earths in 2025 (270,000 t of 390,000 t)"


def test_mining_takeaway_says_how_usgs_marks_the_latest_figures_not_a_typed_claim(d):
    takeaway = mining.mining(d, ["China", "Myanmar"]).takeaway
    assert takeaway.startswith("China's figure for 2025: USGS estimate.")
    assert "Myanmar from China's reported imports" in takeaway


def test_the_mining_frame_holds_the_shares_the_chart_plots(d):
    frame = mining.mining(d, ["China"]).frame
    china_2025 = frame[(frame["country"] == "China") & (frame["year"] == 2025)]
    assert china_2025["share_pct"].iloc[0] == pytest.approx(270000 / 390000 * 100)


def test_concentration_of_the_iea_2024_workbook_base_year(d):
    found = supply_chain.concentration(d, "IEA GCMO 2024", 2023)
    assert found.title == "China holds 61% of mining, 92% of refining, 94% of magnet manufacturing"


def test_a_projection_year_is_labelled_as_a_projection(d):
    assert supply_chain.concentration(d, "IEA GCMO 2024", 2030).title.endswith("(projection)")


def test_the_second_refiner_is_named_from_the_data(d):
    title = supply_chain.country_shares(d, "IEA GCMO 2024", 2023).title
    assert title.startswith("China refines 92% of magnet rare earths; Malaysia is second with")


def test_the_magnet_making_note_names_its_source_from_the_data(d):
    note = supply_chain.stated_share_note(d)
    assert "China 94%" in note and "secondary" in note


def test_magnet_exports_title_names_the_trough_month(d):
    assert "1,238 t in May 2025" in trade_specs.magnet_exports(d).title


def test_magnet_exports_merge_outlets_reporting_the_same_customs_line(d):
    assert set(trade_specs.magnet_exports(d).frame["product_scope"]) == {trade.CHINA_MAGNET_SERIES}


def test_the_magnet_exports_frame_holds_no_unverified_figure(d):
    assert "unverified" not in set(trade_specs.magnet_exports(d).frame["status"])


def test_magnet_exports_annotate_only_day_dated_controls_and_deals(d):
    events = trade.policy_events(d["events"])
    assert set(events["category"]) <= {"export_control", "trade_deal"}
    assert (events["date_precision"] == "day").all()


@pytest.mark.parametrize("key", registry.SPECS)
def test_every_chart_carries_a_source_line_with_its_latest_period_and_vintage(d, key):
    found = registry.SPECS[key].build(d, **registry.latest_params(d, key, "India"))
    assert found.source.startswith("Source")
    assert "Latest period: " in found.source and "Data published up to" in found.source


def test_india_headline_says_reserves_are_not_available_and_what_mcs2025_gave(d):
    (fact,) = country.reserves_fact(d, "India")
    assert fact.value == "not available"
    assert "MCS2025 gave 6.9 Mt" in fact.reading


def test_india_gaps_include_the_missing_monthly_china_figures(d):
    assert any("monthly figure of China's magnet exports" in g for g in country.gaps(d, "India"))


def test_a_monthly_figure_from_a_secondary_source_alone_leaves_the_confirmed_monthly_gap():
    rows = pd.DataFrame({"reporter": ["China", "China"], "partner": ["India", "India"], "flow": ["export", "export"],
                         "period_type": ["month", "year"], "status": ["secondary", "confirmed"],
                         "product_scope": [trade.CHINA_MAGNET_SERIES] * 2})
    assert "No monthly figure of China's magnet exports to it from a confirmed source." in country.trade_gaps(
        {"trade_flows": rows}, "India")


def test_a_confirmed_monthly_figure_closes_the_monthly_gap():
    rows = pd.DataFrame({"reporter": ["China"], "partner": ["India"], "flow": ["export"], "period_type": ["month"],
                         "status": ["confirmed"], "product_scope": [trade.CHINA_MAGNET_SERIES]})
    assert not any("monthly figure" in g for g in country.trade_gaps({"trade_flows": rows}, "India"))


def test_rare_earth_metals_and_compounds_are_not_magnet_products():
    scopes = pd.DataFrame({"product_scope": [
        "Permanent magnets, all types (as reported by Mint)", "Rare-earth magnets (as reported by Swarajya)",
        "Rare-earth permanent magnets (China customs magnet line within HS 8505.11), as reported by Reuters",
        "Rare-earth metals, as reported by Business Standard", "Organic and inorganic compounds of rare-earth metals",
        "Rare earths, 17-element group (China customs headline rare-earth export line)"]})
    assert trade.magnets(scopes).index.tolist() == [0, 1, 2]


def test_the_magnet_imports_chart_holds_magnet_scopes_only(d):
    found = trade_specs.importer_by_scope(d, "India")
    assert found.frame["product_scope"].str.startswith(trade.MAGNET_SCOPES).all()
    assert not found.frame["product_scope"].str.contains("metals|compounds|Rare earths").any()


def test_every_listed_country_has_a_profile_that_says_something_or_says_what_is_missing(d):
    for name in country.countries(d):
        assert country.headline(d, name) or country.gaps(d, name), name


def test_a_fiscal_half_reads_as_a_month_range(d):
    t = d["trade_flows"]
    row = t[(t["reporter"] == "India") & (t["period_type"] == "fiscal_half")].iloc[0]
    assert trade.period_label(row) == "Apr – Sep 2025"


def test_a_deck_for_india_holds_its_imports_and_capacity_and_one_for_the_united_states_its_import_sources(d):
    assert registry.key_charts(d, "India")[-2:] == ("imports-by-scope", "india-capacity")
    assert "us-import-sources" in registry.key_charts(d, "United States")
    assert "official-imports" in registry.key_charts(d, "United States")
    assert registry.key_charts(d, "Japan") == registry.KEY_CHARTS


def test_a_deck_for_the_united_states_holds_its_dependence_charts_and_one_for_china_its_feedstock(d):
    us = registry.key_charts(d, "United States")
    assert {"dependence-partners", "dependence-china-share", "dependence-concentration", "dependence-mirror"} <= set(us)
    china = registry.key_charts(d, "China")
    assert "china-feedstock" in china and "dependence-partners" not in china


def test_building_every_chart_and_country_table_leaves_the_loaded_data_unchanged(d):
    # The app shares one loaded frame per dataset between all sessions (st.cache_resource): nothing may write to it.
    before = {name: frame.copy() for name, frame in d.items()}
    for name in ("India", "China", "United States"):
        for key, spec in registry.SPECS.items():
            spec.build(d, **registry.latest_params(d, key, name))
        country.headline(d, name), country.gaps(d, name)
        for _, part in country.TABLES:
            part.build(d, name)
    reserves.revisions(d), mining.revisions(d)
    for name, frame in d.items():
        assert frame.equals(before[name]), name
