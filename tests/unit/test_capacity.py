"""lib.domain.capacity: totals that never cross a unit, one figure per facility, unverified figures kept out.

Each test builds a tiny table with only the columns that matter to it; ``fig`` fills in the rest.
"""

import pandas as pd
import pytest

from lib.domain import capacity as c
from lib.domain import capacity_lists as lists
from lib.domain import capacity_starts, china_quotas


def fig(**kw) -> dict:
    row = dict(
        figure_id="f", facility_id="plant", facility="Plant", company="Co", country="Ruritania", iso3="RUR",
        scope="facility", stage="magnet", measure="output_capacity", basis="total", phase="", value=1000.0,
        value_status="value", value_as_published="1,000", unit="t magnets/yr", facility_status="operating",
        expected_start=None, expected_start_year=None, original_start=None, original_start_year=None, start_phase=None,
        applies_to=None, applies_year=None, approximate=False, bound=None, stated_on="2025-01", status="secondary",
        source_id="src",
    )
    row.update(kw)
    return row


def table(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for col in ("expected_start_year", "original_start_year", "applies_year"):
        frame[col] = frame[col].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


# --- what may be charted ---------------------------------------------------------------------------


def test_an_unverified_figure_is_marked_and_kept_out_of_totals():
    t = table(fig(facility_id="a", value=100.0), fig(facility_id="b", value=900.0, status="unverified"))
    assert list(c.mark_for_chart(t)["shown_as"]) == ["fact", "unverified"]
    assert c.capacity_by_country(t)["operating_now"].tolist() == [100.0]


def test_a_range_is_shown_as_text_not_as_a_number():
    t = table(fig(value=None, value_status="range", value_as_published="850 to 1,000"))
    assert c.mark_for_chart(t)["shown_as"].tolist() == ["no number"]
    assert c.operating_now(t).empty


def test_company_and_area_totals_are_never_added_to_plants():
    t = table(
        fig(facility_id="yesan", value=1000.0),
        fig(facility_id="three-plants", value=7.0, unit="kt NdFeB/yr", scope="company_total"),
        fig(facility_id="all-ex-china", value=23.75, unit="kt NdFeB/yr", scope="ex_china_total", iso3=None),
    )
    assert c.capacity_by_country(t)[["unit", "operating_now"]].values.tolist() == [["t magnets/yr", 1000.0]]


def test_an_addition_claim_does_not_enter_a_total():
    t = table(fig(value=10000.0, basis="addition", facility_status="planned", expected_start_year=2028))
    assert c.announced_by(t, 2030).empty


# --- sums within one unit ---------------------------------------------------------------------------


def test_sums_are_taken_within_one_unit_and_never_across_units():
    t = table(
        fig(facility_id="a", stage="separation", value=10500.0, unit="t NdPr oxide/yr"),
        fig(facility_id="b", stage="separation", value=1250.0, unit="t NdPr/yr"),
        fig(facility_id="c", stage="separation", value=3000.0, unit="t NdPr oxide/yr"),
    )
    out = c.capacity_by_country(t).set_index("unit")["operating_now"]
    assert out.to_dict() == {"t NdPr oxide/yr": 13500.0, "t NdPr/yr": 1250.0}


def test_kilotonnes_are_not_converted_into_tonnes():
    t = table(fig(facility_id="a", value=2000.0), fig(facility_id="b", value=3.0, unit="kt magnets/yr"))
    out = c.capacity_by_country(t).set_index("unit")["operating_now"]
    assert out.to_dict() == {"kt magnets/yr": 3.0, "t magnets/yr": 2000.0}


def test_a_feedstock_figure_is_not_output_capacity():
    t = table(
        fig(facility_id="hre", stage="separation", measure="feedstock_capacity", value=5000.0, unit="t feedstock/yr"),
        fig(facility_id="ndpr", stage="separation", value=800.0, unit="t NdPr oxide/yr"),
    )
    assert c.capacity_by_country(t)["unit"].tolist() == ["t NdPr oxide/yr"]
    assert c.capacity_by_country(t, measure="feedstock_capacity")["operating_now"].tolist() == [5000.0]


def test_reported_output_and_targets_are_not_capacity():
    t = table(
        fig(facility_id="china", measure="reported_output", value=300000.0, applies_year=2024, iso3="CHN", country="China"),
        fig(facility_id="scheme", measure="output_target", value=6000.0, facility_status="planned", iso3="IND", country="India"),
    )
    assert c.capacity_by_country(t).empty
    assert lists.china_reported_output(t)["value"].tolist() == [300000.0]


def test_sums_are_split_by_country_and_stage():
    t = table(
        fig(facility_id="a", country="Estonia", iso3="EST", value=2000.0),
        fig(facility_id="b", country="Estonia", iso3="EST", stage="separation", value=3000.0, unit="t REO/yr"),
        fig(facility_id="c", country="Japan", iso3="JPN", value=500.0),
    )
    out = c.capacity_by_country(t)
    assert out[["iso3", "stage", "operating_now"]].values.tolist() == [
        ["EST", "magnet", 2000.0], ["EST", "separation", 3000.0], ["JPN", "magnet", 500.0]
    ]


# --- one figure per facility --------------------------------------------------------------------------


def test_several_statements_of_one_plant_count_once_as_the_latest():
    t = table(
        fig(figure_id="old", value=2000.0, stated_on="2023", facility_status="under_construction"),
        fig(figure_id="new", value=2000.0, stated_on="2025-09-19"),
        fig(figure_id="copy", value=2000.0, stated_on="2025-09-19", source_id="other"),
    )
    out = c.capacity_by_country(t)
    assert out["operating_now"].tolist() == [2000.0]
    assert out["n_operating_now"].tolist() == [1]


def test_an_expansion_total_replaces_the_operating_figure_rather_than_adding_to_it():
    t = table(
        fig(figure_id="now", value=1000.0, facility_status="ramping", stated_on="2025-01-22"),
        fig(figure_id="10x", value=10000.0, facility_status="planned", expected_start_year=2028, stated_on="2025-07-10"),
    )
    out = c.capacity_by_country(t)
    assert (out["operating_now"].item(), out["announced_total"].item()) == (1000.0, 10000.0)


def test_a_confirmed_figure_is_preferred_to_a_secondary_one_of_the_same_day():
    t = table(
        fig(figure_id="press", value=950.0, stated_on="2025-01", status="secondary"),
        fig(figure_id="filing", value=1000.0, stated_on="2025-01", status="confirmed", source_id="sec"),
    )
    assert c.operating_now(t)["figure_id"].tolist() == ["filing"]


def test_a_plant_its_company_calls_uncertain_is_left_out_of_announced_capacity():
    t = table(
        fig(figure_id="plan", value=5000.0, facility_status="planned", expected_start_year=2026, stated_on="2021-01"),
        fig(figure_id="doubt", value=None, value_status="not_stated", facility_status="uncertain", stated_on="2025-08"),
    )
    assert c.announced_by(t, 2030).empty


# --- outlook: operating now against announced for a window -------------------------------------------


def test_outlook_compares_operating_ex_china_capacity_with_capacity_announced_for_the_window():
    t = table(
        fig(facility_id="mp", figure_id="mp-now", value=1000.0, facility_status="ramping", stated_on="2025-01"),
        fig(facility_id="mp", figure_id="mp-10x", value=10000.0, facility_status="planned", expected_start_year=2028,
            stated_on="2025-07"),
        fig(facility_id="columbus", value=3000.0, facility_status="planned", expected_start_year=2027),
        fig(facility_id="late", value=5000.0, facility_status="planned", expected_start_year=2031),
        fig(facility_id="china", value=60000.0, iso3="CHN", country="China"),
    )
    row = c.capacity_outlook(t, window=(2028, 2030)).iloc[0]
    assert row["unit"] == "t magnets/yr"
    assert row["operating_now"] == 1000.0
    assert row["announced_before_window"] == 4000.0
    assert row["announced_by_window_end"] == 13000.0
    assert row["announced_in_window"] == 9000.0


def test_outlook_names_announcements_without_a_date_instead_of_adding_them():
    t = table(
        fig(facility_id="dated", value=3000.0, facility_status="planned", expected_start_year=2029),
        fig(facility_id="undated", facility="Undated plant", value=10000.0, facility_status="planned"),
    )
    row = c.capacity_outlook(t).iloc[0]
    assert row["announced_by_window_end"] == 3000.0
    assert row["undated_facilities"] == "Undated plant"


def test_a_plant_dated_by_another_source_is_not_listed_as_undated():
    t = table(
        fig(figure_id="release", facility="Benson plant, North Carolina", value=10000.0, facility_status="planned",
            stated_on="2025-11-03"),
        fig(figure_id="site", facility="Benson plant, North Carolina", value=10000.0, facility_status="planned",
            expected_start_year=2027, stated_on="2025-11"),
    )
    row = c.capacity_outlook(t).iloc[0]
    assert row["announced_by_window_end"] == 10000.0
    assert pd.isna(row["undated_facilities"])


def test_an_undated_phase_of_a_plant_counted_at_another_phase_is_named_by_its_phase():
    t = table(
        fig(figure_id="p1", facility="Narva plant, Narva", phase="phase 1", value=2000.0, facility_status="operating"),
        fig(figure_id="p2", facility="Narva plant, Narva", phase="phase 2", value=5000.0, facility_status="planned"),
    )
    row = c.capacity_outlook(t).iloc[0]
    assert row["announced_by_window_end"] == 2000.0
    assert row["undated_facilities"] == "Narva plant (phase 2)"


# --- qualified sums ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("approximate", "bound", "said"), [
    ((False, False), (None, None), "3,000"),
    ((True, False), (None, None), "about 3,000"),
    ((False, False), ("more_than", None), "more than 3,000"),
    ((False, False), ("up_to", None), "up to 3,000"),
    ((True, False), ("more_than", None), "about 3,000 or more"),
    ((False, False), ("more_than", "up_to"), "3,000 (a sum of 'up to' and 'more than' figures)"),
])
def test_a_sum_says_how_its_figures_are_qualified(approximate, bound, said):
    t = table(
        fig(facility_id="a", value=1000.0, approximate=approximate[0], bound=bound[0]),
        fig(facility_id="b", value=2000.0, approximate=approximate[1], bound=bound[1]),
    )
    row = c.capacity_outlook(t).iloc[0]
    assert c.qualified(f"{row['operating_now']:,.0f}", row["qualifier_operating_now"]) == said


def test_the_capacity_added_in_the_window_keeps_the_bound_of_the_figure_that_adds_it():
    t = table(
        fig(figure_id="now", value=1000.0, stated_on="2024-01"),
        fig(figure_id="phase-2", value=6000.0, bound="more_than", facility_status="planned", expected_start_year=2029,
            stated_on="2026-01"),
        fig(facility_id="other", value=3000.0, approximate=True, facility_status="planned", expected_start_year=2027),
    )
    row = c.capacity_outlook(t, window=(2028, 2030)).iloc[0]
    assert (row["announced_in_window"], row["qualifier_announced_in_window"]) == (5000.0, "more than")
    assert row["qualifier_announced_by_window_end"] == "about … or more"


def test_a_country_total_on_a_bar_says_about_when_a_figure_in_it_is_approximate():
    t = table(fig(facility_id="a", value=1000.0, approximate=True), fig(facility_id="b", value=2000.0))
    assert c.capacity_stack(t, "magnet", "t magnets/yr")["country_total_as_stated"].unique().tolist() == ["about 3,000"]


# --- start dates and slips ---------------------------------------------------------------------------


def test_timeline_shows_a_slip_from_the_first_announced_start_to_the_latest():
    t = table(
        fig(figure_id="fid", expected_start_year=2025, stated_on="2022-04", facility_status="under_construction"),
        fig(figure_id="mid", expected_start_year=2026, stated_on="2024-02-21", facility_status="under_construction"),
        fig(figure_id="now", value=None, value_status="not_stated", expected_start_year=2027, stated_on="2025-10",
            facility_status="under_construction"),
    )
    out = capacity_starts.start_timeline(t)
    assert out["start_year"].tolist() == [2025, 2026, 2027]
    assert out["slip_years"].unique().tolist() == [2]


def test_an_original_date_reported_later_counts_as_the_first_announcement():
    t = table(fig(expected_start_year=2027, original_start="initially slated for 2024", original_start_year=2024,
                  stated_on="2025-06", facility_status="under_construction"))
    out = capacity_starts.start_timeline(t)
    assert sorted(out["kind"]) == ["announced", "original, as reported later"]
    assert out["slip_years"].unique().tolist() == [3]


def test_a_second_phase_is_not_read_as_a_delay_of_the_first():
    t = table(
        fig(figure_id="p1", phase="phase 1", expected_start_year=2025, stated_on="2023"),
        fig(figure_id="p2", phase="phase 2", expected_start_year=2028, stated_on="2023", value=5000.0),
    )
    assert capacity_starts.start_timeline(t)["slip_years"].tolist() == [0, 0]


def test_a_later_source_reporting_a_later_original_plan_than_first_announced_shows_a_slip():
    # USA Rare Earth: 'expected to start production in 2023' (2022); 'initially slated ... in 2024' (2024), for the
    # plant's initial phase: start_phase links the whole-plant statement to that phase.
    t = table(
        fig(figure_id="first", value=None, value_status="not_stated", expected_start_year=2023, stated_on="2022-06-09",
            start_phase="initial"),
        fig(figure_id="later", phase="initial", original_start_year=2024, stated_on="2024", start_phase="initial"),
    )
    out = capacity_starts.start_timeline(t)
    assert out["phase"].unique().tolist() == ["initial"]
    assert (out["first_announced_year"].iloc[0], out["latest_announced_year"].iloc[0]) == (2023, 2024)
    assert out["slip_years"].unique().tolist() == [1]


def test_without_a_start_phase_a_whole_plant_date_is_not_compared_with_a_phase():
    t = table(
        fig(figure_id="first", expected_start_year=2023, stated_on="2022"),
        fig(figure_id="later", phase="initial", original_start_year=2024, stated_on="2024"),
    )
    assert capacity_starts.start_timeline(t)["slip_years"].tolist() == [0, 0]


def test_unverified_start_dates_are_left_out_of_the_timeline_unless_asked_for():
    t = table(fig(expected_start_year=2026, status="unverified"))
    assert capacity_starts.start_timeline(t).empty
    assert len(capacity_starts.start_timeline(t, include_unverified=True)) == 1


# --- closing-note lists and the India line ------------------------------------------------------------


def test_facilities_without_a_usable_figure_are_listed():
    t = table(
        fig(facility_id="evac", facility="Sumter", value=None, value_status="not_stated", value_as_published="not disclosed"),
        fig(facility_id="lone", facility="Lone", value=3.0, unit="kg magnets/yr", status="unverified"),
        fig(facility_id="ok", facility="OK"),
    )
    assert lists.facilities_without_figures(t)["facility"].tolist() == ["Lone", "Sumter"]


def test_india_line_keeps_capacity_output_and_target_apart():
    t = table(
        fig(facility_id="scheme", measure="output_target", value=6000.0, iso3="IND", facility_status="planned"),
        fig(facility_id="irel", measure="output_capacity", value=5000.0, unit="t refined rare earths/yr", iso3="IND",
            stage="oxide_refining", status="confirmed"),
        fig(facility_id="vizag", value=3000.0, unit="kg magnets/yr", iso3="IND", status="unverified"),
        fig(facility_id="elsewhere", iso3="USA"),
    )
    out = lists.india_line(t)
    assert out["measure"].tolist() == ["output_capacity", "output_capacity", "output_target"]
    assert out.set_index("unit")["shown_as"]["kg magnets/yr"] == "unverified"


# --- China's quotas ---------------------------------------------------------------------------------


def quota(year, kind, value, status="confirmed", source="reuters", value_status="value", scope_note=None):
    return dict(year=year, quota_type=kind, quota_t_reo=value, value_status=value_status, status=status,
                source_id=source, scope_note=scope_note)


def quotas(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    frame["quota_t_reo"] = frame["quota_t_reo"].astype("Float64")
    return frame


def test_the_best_labelled_source_gives_the_year_and_agreeing_sources_are_counted():
    q = quotas(quota(2022, "smelting_separation", 202000.0, status="secondary", source="giti",
                     scope_note="imported feed is not subject to this quota"),
               quota(2022, "smelting_separation", 202000.0))
    row = china_quotas.quota_series(q).iloc[0]
    assert (row["source_id"], row["n_sources"]) == ("reuters", 2)
    assert "imported feed" in row["scope_notes"]


def test_sources_that_disagree_on_a_quota_stop_the_series():
    q = quotas(quota(2020, "mining", 140000.0), quota(2020, "mining", 135000.0, status="secondary", source="x"))
    with pytest.raises(ValueError, match="disagree"):
        china_quotas.quota_series(q)


def test_an_unpublished_quota_stays_empty_beside_usgs_production():
    q = quotas(quota(2024, "mining", 270000.0), quota(2024, "smelting_separation", 254000.0),
               quota(2025, "mining", None, value_status="not_published"),
               quota(2025, "smelting_separation", None, value_status="not_published"))
    production = pd.DataFrame([
        dict(country="China", iso3="CHN", year=2024, edition="MCS2025", mine_production_t_reo=270000.0, basis="official_quota"),
        dict(country="China", iso3="CHN", year=2024, edition="MCS2026", mine_production_t_reo=270000.0, basis="estimated"),
        dict(country="United States", iso3="USA", year=2024, edition="MCS2026", mine_production_t_reo=45000.0, basis="reported"),
    ])
    out = china_quotas.quotas_beside_production(q, production, ["MCS2025", "MCS2026"]).set_index("year")
    assert out.loc[2024, "mining_quota_t_reo"] == 270000.0
    assert out.loc[2024, "usgs_edition"] == "MCS2026"
    assert pd.isna(out.loc[2025, "mining_quota_t_reo"]) and not out.loc[2025, "mining_quota_published"]
    assert pd.isna(out.loc[2025, "usgs_mine_production_t_reo"])


def test_usgs_production_comes_from_the_edition_the_order_puts_last():
    q = quotas(quota(2024, "mining", 270000.0), quota(2024, "smelting_separation", 254000.0))
    production = pd.DataFrame([
        dict(country="China", iso3="CHN", year=2024, edition="MCS2025", mine_production_t_reo=270000.0, basis="official_quota"),
        dict(country="China", iso3="CHN", year=2024, edition="MCS2026", mine_production_t_reo=270000.0, basis="estimated"),
    ])
    out = china_quotas.quotas_beside_production(q, production, ["MCS2026", "MCS2025"])
    assert out[["usgs_edition", "usgs_basis"]].values.tolist() == [["MCS2025", "official_quota"]]


def test_an_edition_missing_from_the_order_is_an_error_not_a_guess():
    q = quotas(quota(2024, "mining", 270000.0))
    production = pd.DataFrame([
        dict(country="China", iso3="CHN", year=2024, edition="MCS2027", mine_production_t_reo=1.0, basis="estimated"),
    ])
    with pytest.raises(ValueError, match="MCS2027"):
        china_quotas.quotas_beside_production(q, production, ["MCS2025", "MCS2026"])


# --- a country's profile -------------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["South Korea", "Malaysia", "United States"])
def test_a_total_over_plants_in_several_countries_is_on_each_named_countrys_profile(country):
    from lib.domain import country as profile

    t = table(
        fig(figure_id="three", facility="JS Link's three plants", country="South Korea; Malaysia; United States",
            iso3=None, scope="company_total"),
        fig(figure_id="elsewhere", facility="Elsewhere plant", country="Korea Elsewhere"),
    )
    assert profile.facility_rows({"capacity": t}, country)["facility"].tolist() == ["JS Link's three plants"]
