"""The capacity charts: each title states what its frame shows, within one stated unit, and no unverified figure is
drawn as fact."""

import pytest
from conftest import loaded

from lib.domain import capacity as domain
from lib.specs import capacity, registry


@pytest.fixture(scope="module")
def d():
    return {name: loaded(name) for name in ("capacity", "china_quotas", "production", "editions", "sources")}


def every_stage_and_unit(d):
    for label in capacity.stage_choices(d):
        stage = capacity.stage_of(label)
        for unit in capacity.unit_choices(d, stage):
            yield stage, unit


def test_each_capacity_chart_holds_one_stated_unit(d):
    for stage, unit in every_stage_and_unit(d):
        frame = capacity.by_country(d, stage, unit).frame
        assert set(frame["unit"]) == {unit}, (stage, unit)


def test_no_capacity_chart_draws_an_unverified_figure(d):
    frames = [capacity.by_country(d, s, u).frame for s, u in every_stage_and_unit(d)]
    frames += [capacity.starts(d, capacity.stage_of(s)).frame for s in capacity.start_stage_choices(d)]
    frames.append(capacity.india(d).frame)
    for frame in frames:
        assert "unverified" not in set(frame["status"])


def test_the_magnet_title_sets_what_runs_outside_china_against_what_is_announced_for_2028_2030(d):
    outlook = domain.capacity_outlook(d["capacity"], window=capacity.WINDOW)
    row = outlook[(outlook["stage"] == "magnet") & (outlook["unit"] == "t magnets/yr")].iloc[0]
    title = capacity.by_country(d, "magnet", "t magnets/yr").title
    assert f"{row['operating_now']:,.0f} running against" in title
    assert f"{row['announced_in_window']:,.0f} more announced for 2028–2030" in title
    assert f"{row['announced_by_window_end']:,.0f} in all by 2030" in title
    assert title.startswith("Magnets outside China (t magnets/yr): about 6,200 running against about 9,000 more "
                            "announced for 2028–2030 (about 31,000 in all by 2030)")


def test_a_total_that_adds_a_more_than_figure_says_more_than(d):
    # Energy Fuels' Phase 2: 'over 6,000' t NdPr oxide/yr by Q1 2029, in place of Phase 1's 1,000.
    title = capacity.by_country(d, "separation", "t NdPr oxide/yr").title
    assert "more than 5,000 more announced for 2028–2030" in title


def test_a_unit_with_only_undated_announcements_says_so_instead_of_claiming_no_plant(d):
    title = capacity.by_country(d, "separation", "t NdPr/yr").title
    assert "none announced with a start year by 2030; 1 announced with no start year" in title


def test_plants_with_no_start_year_and_stated_totals_are_listed_under_the_chart_not_added(d):
    notes = capacity.by_country_notes(d, "magnet", "t magnets/yr")
    assert notes[0].startswith("Announced with no start date, so not in the 2030 figure:")
    assert "never added" in notes[1] and "23.75 kt NdFeB/yr" in notes[1]


def test_no_plant_counted_in_the_2030_figure_is_listed_as_left_out_of_it(d):
    outside = d["capacity"][d["capacity"]["iso3"] != "CHN"]
    counted = domain.announced_by(outside, capacity.WINDOW[1])
    for stage, unit in every_stage_and_unit(d):
        notes = capacity.by_country_notes(d, stage, unit)
        if not notes or not notes[0].startswith("Announced with no start date"):
            continue
        listed = notes[0].split(": ", 1)[1].rstrip(".").split("; ")
        plants = counted[(counted["stage"] == stage) & (counted["unit"] == unit)]
        for r in plants.itertuples():
            name = domain.short_name(r.facility)
            assert name not in listed, (stage, unit, name)
            assert f"{name} ({r.phase})" not in listed, (stage, unit, name)


def test_vulcan_is_counted_in_the_2030_magnet_figure_and_neo_narva_left_out_only_for_its_second_phase(d):
    notes = capacity.by_country_notes(d, "magnet", "t magnets/yr")[0]
    assert "Vulcan" not in notes
    assert "Neo Estonia sintered magnet plant (phase 2)" in notes
    assert "Midwest Advanced Materials magnet plant (expansion)" in notes


def test_the_quota_title_runs_from_2018_to_2024_and_says_2025_was_not_published(d):
    assert capacity.quotas(d).title == ("China's mining quota rose from 120,000 t in 2018 to 270,000 t in 2024; "
                                        "the 2025 quotas were issued, not published")


def test_the_quota_chart_says_quotas_are_not_processing_capacity(d):
    assert "not China's processing capacity" in capacity.quotas(d).takeaway


def test_india_title_sets_its_built_magnet_capacity_against_the_scheme_target(d):
    found = capacity.india(d)
    assert found.title == "India has 500 t/yr of magnet capacity built, none of it in operation yet, against a 6,000 t/yr target"
    assert "Unverified, not charted: IREL Rare Earth Permanent Magnet plant" in found.takeaway


def test_india_chart_keeps_feedstock_and_feed_preparation_out(d):
    frame = capacity.india(d).frame
    assert "feedstock_capacity" not in set(frame["measure"]) and "feed_preparation" not in set(frame["stage"])


def test_what_cannot_be_answered_names_china_separation_and_magnet_capacity_and_plants_without_figures(d):
    gaps = capacity.unanswered(d)
    assert gaps[0].startswith("China's total separation capacity: no national figure was found")
    assert "The national figure is output: around 300,000 t magnets in 2024" in gaps[1]
    assert gaps[2].startswith("Facilities with no stated capacity figure:")


def test_every_capacity_chart_is_in_the_registry_and_india_deck_holds_its_line(d):
    assert {"capacity", "capacity-starts", "china-quotas", "india-capacity"} <= set(registry.SPECS)
    assert "india-capacity" in registry.country_charts(d, "India")
    assert "india-capacity" not in registry.country_charts(d, "Japan")


def test_china_deck_holds_its_quotas(d):
    assert "china-quotas" in registry.country_charts(d, "China")
    assert "china-quotas" not in registry.country_charts(d, "India")


def test_the_magnet_timeline_title_names_the_slip_the_sources_give(d):
    found = capacity.starts(d, "magnet")
    assert found.title.endswith("1 with a later start than first announced: USA Rare Earth magnet plant, 2023 to 2024")
    slipped = [t for t in found.figure.data if t.mode == "lines"]
    assert [list(t.x) for t in slipped] == [[2023, 2024]]


def test_each_phase_of_a_plant_has_its_own_row_on_the_timeline(d):
    figure = capacity.starts(d, "magnet").figure
    rows = {y for trace in figure.data if trace.y is not None for y in trace.y if y is not None}
    mp = {r for r in rows if r.startswith("MP Materials")}
    assert {r.rsplit("<br>· ", 1)[1] for r in mp} == {"10X", "Independence", "Independence + 10X"}


def test_the_quota_chart_says_which_usgs_figures_are_the_quota_and_which_estimates_from_their_basis(d):
    assert ("For 2018–2023 USGS gives China's official quota as its mine production; for 2024–2025 its figure is an "
            "estimate.") in capacity.quotas(d).takeaway


def test_every_figure_on_india_line_has_a_bar_and_a_label_of_its_own(d):
    found = capacity.india(d)
    bars = [y for trace in found.figure.data if trace.type == "bar" for y in trace.y]
    assert len(bars) == len(set(bars)) == len(found.frame)


def test_chinas_magnet_bar_is_labelled_as_some_plants_and_never_as_chinas_capacity(d):
    found = capacity.by_country(d, "magnet", "t magnets/yr")
    china = found.frame[found.frame["iso3"] == "CHN"]
    assert set(china["country"]) == {"China (some plants only)"}
    assert "JL Mag" in found.takeaway and "it is not China's capacity" in found.takeaway


def test_chinese_company_magnet_capacities_are_listed_beside_the_missing_national_figure_not_summed(d):
    text = next(t for t in capacity.unanswered(d) if t.startswith("China's magnet capacity"))
    assert "The national figure is output: around 300,000 t magnets in 2024" in text
    assert "JL Mag Rare-Earth (Jinli Yongci) high-performance magnet plants 40,000 t magnets/yr" in text
    assert "never added up into a national one" in text
