"""The what-if charts on the bundled data: titles computed from the run, frames that are what the figures plot, and
every assumption in the Finding, inside the figure and on the slide."""

import io

import numpy as np
import pandas as pd
import pytest

from lib import data
from lib.domain import replay, scenario
from lib.domain.scenario import InputError
from lib.exports import pdf, pptx
from lib.figures import access
from lib.figures.scenario import UNMET_PATTERN
from lib.figures.text import assumption_note
from lib.specs import registry
from lib.specs import scenario as sc


@pytest.fixture(scope="module")
def d():
    return {name: data.load(name) for name in sc.NEEDS}


def figure_text(fig, name="source") -> str:
    """An annotation's text as a reader sees it: lines joined, markup's escapes undone."""
    (a,) = [a for a in fig.layout.annotations if a.name == name]
    return a.text.replace("<br>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def words(text: str) -> str:
    return " ".join(text.split())


CUSTOM = {"preset": sc.CUSTOM, "cut": 80.0, "start": "2025-05", "length": 2}


# --- inputs -----------------------------------------------------------------------------------------------------

def test_a_repeat_of_2025_takes_its_cut_start_and_length_from_the_data(d):
    p = replay.presets(d["trade_flows"])["World"]  # India has no 2024 month: the world's preset stands in
    r = sc.inputs(d).scenario.restriction
    assert (r.cut_pct, r.start, r.length_months) == (round(p.cut_pct, 1), p.start, p.length_months)


def test_an_importer_with_its_own_2024_months_takes_its_own_preset(d):
    p = replay.presets(d["trade_flows"])["United States"]
    r = sc.inputs(d, importer="United States").scenario.restriction
    assert (r.cut_pct, r.start) == (round(p.cut_pct, 1), p.start)


def test_a_custom_restriction_is_the_users(d):
    r = sc.inputs(d, **CUSTOM, ramp=2).scenario.restriction
    assert (r.cut_pct, r.start, r.length_months, r.ramp_months) == (80.0, "2025-05", 2, 2)


def test_the_baseline_is_the_first_reading_the_data_gives_for_the_importer(d):
    i = sc.inputs(d)
    assert i.option is next(iter(next(iter(sc.choices(d)["India"].values())).values()))
    assert i.scenario.baseline.source_ids == i.option.source_ids


@pytest.mark.parametrize("params, field", [
    ({**CUSTOM, "cut": 150.0}, "Restriction.cut_pct"),
    ({"cover": -1.0}, "Stocks.cover_months"),
    ({**CUSTOM, "start": "2024-06"}, "Restriction.start"),
    ({**CUSTOM, "start": "May 2025"}, "Restriction.start"),
    ({"extra": -5.0}, "Substitution.extra_t['Other suppliers']"),
    ({"importer": "Narnia"}, "importer"),
])
def test_bad_input_raises_an_input_error_naming_the_field(d, params, field):
    with pytest.raises(InputError) as err:
        sc.inputs(d, **params)
    assert err.value.field == field


def test_the_source_rows_are_those_of_the_baseline_and_the_preset(d):
    i = sc.inputs(d)
    assert set(i.option.source_ids) <= set(i.rows["source_id"])
    assert set(i.preset.source_ids) <= set(i.rows["source_id"])
    assert set(sc.inputs(d, **CUSTOM).rows["source_id"]) == set(i.option.source_ids)


# --- the scenario chart -----------------------------------------------------------------------------------------

def test_the_title_states_the_first_month_short_and_the_shortfall_in_t_and_pct_computed_from_the_run(d):
    result = scenario.run(sc.inputs(d).scenario)
    s = result.summary
    title = sc.scenario_chart(d).title
    assert title == (f"India runs short from {scenario.month_label(s.first_shortfall)}: "
                     f"{s.cumulative_shortfall_t:,.0f} t over 24 months, {s.shortfall_share_pct:.1f}% of its baseline demand")


def test_enough_cover_gives_a_title_that_says_what_absorbs_the_cut(d):
    lost = scenario.run(sc.inputs(d).scenario).summary.lost_t
    title = sc.scenario_chart(d, cover=6.0).title
    assert title == f"India does not run short: its stock makes up the {lost:,.0f} t the cut removes"
    assert sc.scenario_chart(d, cover=1.0, extra=5000.0, lag=1).title.startswith(
        "India does not run short: its stock and other suppliers make up")


def test_the_frame_is_the_run_by_source_and_adds_up_to_demand_each_month(d):
    found = sc.scenario_chart(d)
    result = scenario.run(sc.inputs(d).scenario)
    pd.testing.assert_frame_equal(found.frame[["month", "source", "kind", "mass_t"]], result.by_source)
    by_month = found.frame.groupby("month")
    np.testing.assert_allclose(by_month["mass_t"].sum(), by_month["demand_t"].first())


def test_the_figure_plots_the_frames_tonnages_and_marks_unmet_demand(d):
    found = sc.scenario_chart(d)
    bars = {t.name: t for t in found.figure.data if t.type == "bar"}
    unmet = found.frame[found.frame["kind"] == "unmet"]["mass_t"].to_numpy()
    np.testing.assert_allclose(bars["Unmet demand (shortfall)"].y, unmet)
    assert bars["Unmet demand (shortfall)"].marker.pattern.shape == UNMET_PATTERN
    assert "Demand (baseline)" in {t.name for t in found.figure.data}


def test_every_assumption_the_baseline_and_how_the_cut_was_read_are_in_the_finding(d):
    found = sc.scenario_chart(d)
    i = sc.inputs(d)
    assert found.assumptions == (*scenario.assumptions(i.scenario), *scenario.data_basis(i.scenario), sc.preset_words(i))
    assert sc.preset_words(i).startswith("Cut from the data: China's magnet exports to the world were 56%, 26%, 68% of "
                                         "their 2024 average (5 months) (some of them secondary) in April–June 2025")


def test_a_custom_cut_has_no_line_on_how_it_was_read(d):
    i = sc.inputs(d, **CUSTOM)
    assert sc.scenario_chart(d, **CUSTOM).assumptions == (*scenario.assumptions(i.scenario),
                                                          *scenario.data_basis(i.scenario))


@pytest.mark.parametrize("key", ["scenario", "scenario-grid"])
def test_the_assumptions_are_inside_the_figure_under_its_source_line(d, key):
    found = registry.SPECS[key].build(d, **CUSTOM, cover=1.5, extra=100.0, lag=1)
    footnote = figure_text(found.figure)
    assert words(footnote).startswith(words(found.source))
    made = [line for line in found.assumptions if line.startswith("Assumption")]
    assert len(made) == 4
    assert words(assumption_note(made)) in words(footnote)
    assert "no re-exports through third countries" in words(footnote)


def test_a_split_typed_by_the_user_is_labelled_as_the_users_assumption_in_the_figure(d):
    found = sc.scenario_chart(d, product="Rare-earth magnets", split="China 90, Japan 10")
    assert "typed by the user, not data" in words(figure_text(found.figure))
    assert "split typed by the user" in found.figure.layout.meta["subtitle"]


def test_the_footnote_puts_assumptions_and_data_under_their_own_labels():
    note = assumption_note(["Assumption: no stock.", "Assumption (typed by the user, not data): a split.", "Baseline: 9 t."])
    assert note == "Assumptions, not data: No stock. Assumption (typed by the user, not data): a split. Data: Baseline: 9 t."


def test_a_china_only_baseline_says_demand_is_chinas_supply_alone(d):
    assert "Demand here is China's supply alone" in sc.scenario_chart(d, importer="United States").takeaway


# --- the grid ---------------------------------------------------------------------------------------------------

def test_the_grid_frame_holds_each_cells_shortfall_from_the_model_and_one_chosen_cell(d):
    found = sc.grid_chart(d, cover=0.7)
    sco = sc.inputs(d, cover=0.7).scenario
    cuts, covers = sorted(found.frame["cut_pct"].unique()), sorted(found.frame["cover_months"].unique())
    expected = scenario.sensitivity_grid(sco, cuts, covers).stack().to_numpy()
    np.testing.assert_allclose(found.frame.set_index(["cut_pct", "cover_months"])["shortfall_t"].to_numpy(), expected)
    chosen = found.frame[found.frame["chosen"]]
    assert chosen[["cut_pct", "cover_months"]].values.tolist() == [[sco.restriction.cut_pct, 0.7]]


def test_the_grids_title_gives_the_cover_that_would_spare_any_shortfall(d):
    s = scenario.run(sc.inputs(d).scenario).summary
    need = (s.lost_t - s.substituted_t) / sc.inputs(d).scenario.baseline.demand_t
    assert sc.grid_chart(d).title.startswith(f"At a 50.1% cut, {need:.1f} months of cover would spare India any shortfall")


def test_every_cells_value_is_written_in_it_at_4_5_to_1(d):
    fig = sc.grid_chart(d).figure
    (heat,) = [t for t in fig.data if t.type == "heatmap"]
    (labels,) = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert len(labels.text) == np.size(heat.z)
    from plotly.colors import sample_colorscale
    top = np.max(heat.z)
    scale = [list(stop) for stop in heat.colorscale]
    cells = [c for row in heat.z for c in sample_colorscale(scale, [v / top for v in row])]
    ratios = [access.contrast(ink, cell) for ink, cell in zip(labels.textfont.color, cells, strict=True)]
    assert min(ratios) >= access.AA_TEXT


def test_the_chosen_cell_is_outlined(d):
    found = sc.grid_chart(d)
    (rect,) = found.figure.layout.shapes
    covers = sorted(found.frame["cover_months"].unique())
    cuts = sorted(found.frame["cut_pct"].unique())
    chosen = found.frame[found.frame["chosen"]].iloc[0]
    assert (rect.x0 + 0.5, rect.y0 + 0.5) == (covers.index(chosen["cover_months"]), cuts.index(chosen["cut_pct"]))


def test_the_cover_axis_stops_where_even_a_full_cut_runs_no_shortfall(d):
    found = sc.grid_chart(d)
    last = found.frame[found.frame["cover_months"] == found.frame["cover_months"].max()]
    before = found.frame[found.frame["cover_months"] < found.frame["cover_months"].max()]
    assert (last["shortfall_t"] == 0).all() and (before["shortfall_t"] > 0).any()


# --- the replay -------------------------------------------------------------------------------------------------

def test_the_replay_frame_is_the_domains_replay(d):
    pd.testing.assert_frame_equal(sc.replay_chart(d).frame, replay.replay(d["trade_flows"]).frame)


def test_the_replay_draws_a_panel_each_for_the_world_india_the_united_states_and_germany(d):
    fig = sc.replay_chart(d).figure
    assert [t.name for t in fig.data if t.mode == "lines+markers+text"] == list(replay.REPLAY_PARTNERS)


def test_the_replay_leaves_unreported_months_as_gaps_and_marks_secondary_points(d):
    found = sc.replay_chart(d)
    (india,) = [t for t in found.figure.data if t.name == "India" and t.mode == "lines+markers+text"]
    reported = found.frame[found.frame["partner"] == "India"]
    assert np.isnan(np.asarray(india.y, dtype=float)).sum() == 12 - len(reported)
    assert all(s.endswith("-open") for s, y in zip(india.marker.symbol, india.y, strict=True) if y == y)  # all secondary


def test_the_replay_title_is_computed_from_the_world_and_the_deepest_destination(d):
    frame = replay.replay(d["trade_flows"]).frame
    world = frame[frame["partner"] == "World"]
    low = world.loc[world["ratio"].idxmin()]
    assert sc.replay_chart(d).title.startswith(f"China's magnet exports fell to {low['ratio']:.0%} of their 2024 average "
                                               f"in {low['month']:%B %Y}")


# --- the deck ---------------------------------------------------------------------------------------------------

def test_the_decks_scenario_for_india_is_a_repeat_of_2025(d):
    assert registry.latest_params(d, "scenario", "India") == {"importer": "India", "preset": sc.PRESET}
    assert registry.latest_params(d, "scenario", "Japan")["importer"] == "India"  # Japan has no baseline


def test_the_scenario_slide_states_its_assumptions(d):
    from pptx import Presentation

    found = sc.scenario_chart(d)
    prs = Presentation(io.BytesIO(pptx.deck([found], "India", d["sources"], images=False)))
    shapes = {s.name: s for s in prs.slides[1].shapes}
    assert shapes["assumptions"].text_frame.text == assumption_note(found.assumptions)
    assert shapes["footnote"].text_frame.text == found.source


def test_a_slide_without_assumptions_has_no_assumptions_box(d):
    from pptx import Presentation

    prs = Presentation(io.BytesIO(pptx.deck([sc.replay_chart(d)], "India", d["sources"], images=False)))
    assert "assumptions" not in {s.name for s in prs.slides[1].shapes}


def test_the_pdf_page_of_the_scenario_states_its_assumptions(d):
    from pypdf import PdfReader

    found = sc.scenario_chart(d)
    reader = PdfReader(io.BytesIO(pdf.deck_pdf([found], "India", d["sources"], images=False)))
    page = words(reader.pages[1].extract_text())
    assert words(assumption_note(found.assumptions)) in page
    assert len(reader.pages) == 3  # cover, the scenario on one page, sources
