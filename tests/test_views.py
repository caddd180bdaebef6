"""Views on the bundled data: each chart's title states a finding computed from the sourced values."""

import pytest

from lib import country, data, views


@pytest.fixture(scope="module")
def d():
    return {name: data.load(name) for name in data.names()}


def test_reserves_title_states_the_largest_holder_and_its_share_of_what_usgs_lists(d):
    view = views.reserves(d, "MCS2026")
    assert view.title.startswith("China holds the largest rare-earth reserves: 44.0 Mt")
    assert "of what USGS lists" in view.title


def test_reserves_takeaway_names_the_countries_usgs_gives_no_figure_for(d):
    assert "India" in views.reserves(d, "MCS2026").takeaway
    assert "India" not in views.reserves(d, "MCS2025").takeaway


def test_mining_title_is_computed_from_the_latest_usgs_year(d):
    view = views.mining(d, ["China", "United States"])
    assert view.title == "China mined 69% of the world's rare earths in 2025 (270,000 t of 390,000 t)"


def test_concentration_of_the_iea_2024_workbook_base_year(d):
    view = views.concentration(d, "IEA GCMO 2024", 2023)
    assert view.title == "China holds 61% of mining, 92% of refining, 94% of magnet making"


def test_a_projection_year_is_labelled_as_a_projection(d):
    assert views.concentration(d, "IEA GCMO 2024", 2030).title.endswith("(projection)")


def test_magnet_exports_title_names_the_trough_month(d):
    assert "1,238 t in May 2025" in views.magnet_exports(d).title


def test_magnet_exports_merge_outlets_reporting_the_same_customs_line(d):
    scopes = set(views.magnet_exports(d).frame["product_scope"])
    assert scopes == {views.CHINA_MAGNET_SERIES}


def test_magnet_exports_annotate_only_day_dated_controls_and_deals(d):
    events = views.trade_events(d)
    assert set(events["category"]) <= {"export_control", "trade_deal"}
    assert (events["date_precision"] == "day").all()


def test_every_view_carries_a_source_line_naming_its_publishers(d):
    for view in (views.reserves(d, "MCS2025"), views.world_production(d), views.magnet_exports(d),
                 views.india_imports(d), views.us_import_sources(d), views.stage_shares(d, "IEA GCMO 2025", 2024)):
        assert view.source.startswith("Source")
        assert "read 2026-11-25" in view.source


def test_india_headline_says_reserves_are_not_available_and_what_mcs2025_gave(d):
    fact = country.reserves_fact(d, "India")
    assert fact.value == "not available"
    assert "MCS2025 gave 6.9 Mt" in fact.reading


def test_india_gaps_include_the_missing_monthly_china_figures(d):
    assert any("monthly figure of China's magnet exports" in g for g in country.gaps(d, "India"))


def test_every_listed_country_has_a_profile_without_error(d):
    for name in country.countries(d):
        country.headline(d, name)
        country.gaps(d, name)


def test_a_fiscal_half_reads_as_a_month_range(d):
    t = d["trade_flows"]
    row = t[(t["reporter"] == "India") & (t["period_type"] == "fiscal_half")].iloc[0]
    assert country.period_label(row) == "Apr – Sep 2025"


def test_building_every_view_and_country_table_leaves_the_loaded_data_unchanged():
    # The app shares one loaded frame per dataset between all sessions (st.cache_resource): nothing may write to it.
    d = {name: data.load(name) for name in data.names()}
    before = {name: frame.copy() for name, frame in d.items()}
    for name in ("India", "China", "United States"):
        for build in views.all_views(d, name).values():
            build()
        country.headline(d, name), country.profile_tables(d, name), country.gaps(d, name)
    views.reserves_revisions(d), views.production_revisions(d), views.reserves_map(d, "MCS2026")
    for name, frame in d.items():
        assert frame.equals(before[name]), name
