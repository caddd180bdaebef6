"""The 2025 presets and replay (lib.domain.replay), read from trade_flows rows, never typed in."""

import pandas as pd
import pytest

from lib import data
from lib.domain import replay as rp
from lib.domain import trade
from lib.domain.scenario import InputError, Restriction

REUTERS = f"{trade.CHINA_MAGNET_SERIES}, as reported by Reuters"
TRADE_PRESS = f"{trade.CHINA_MAGNET_SERIES} (as reported by a trade paper)"
COLUMNS = ["reporter", "flow", "partner", "period", "period_type", "period_start", "product_scope", "mass_t", "status",
           "source_id"]


def row(partner, month, mass_t, status="confirmed", source="reuters-x", scope=REUTERS, reporter="China", flow="export",
        period_type="month"):
    return (reporter, flow, partner, month, period_type, pd.Timestamp(f"{month}-01"), scope, mass_t, status, source)


def flows(*rows):
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    return frame.astype({c: "string" for c in COLUMNS if c not in ("period_start", "mass_t")} | {"mass_t": "Float64"})


def world(**months):
    """World rows: month=tonnes, keys like m2024_01."""
    return [row("World", k[1:].replace("_", "-"), v) for k, v in months.items()]


def test_one_customs_line_read_in_several_outlets_is_one_series():
    tf = flows(row("World", "2024-01", 100, scope=REUTERS), row("World", "2024-02", 300, scope=TRADE_PRESS))
    assert rp.presets(tf)["World"].baseline.months == ("2024-01", "2024-02")


def test_the_baseline_is_the_2024_average_and_says_how_many_months_it_rests_on():
    p = rp.presets(flows(*world(m2024_01=100, m2024_03=300, m2025_05=50)))["World"]
    assert p.baseline.mean_t == 200
    assert p.baseline.n_months == 2
    assert p.baseline.note == "The 2024 average for World rests on 2 months (2024-01, 2024-03), not 12."


def test_each_window_month_gets_its_ratio_to_the_2024_average():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=50, m2025_05=30, m2025_06=80, m2025_07=120)))["World"]
    assert [(f.month, f.ratio) for f in p.window] == [("2025-04", 0.5), ("2025-05", 0.3), ("2025-06", 0.8),
                                                      ("2025-07", 1.2)]


def test_the_preset_is_the_run_below_the_average_and_its_mean_depth():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=50, m2025_05=30, m2025_06=80, m2025_07=120)))["World"]
    assert p.run == ("2025-04", "2025-05", "2025-06")
    assert (p.length_months, p.start) == (3, "2025-04")
    assert p.cut_pct == pytest.approx(100 * (1 - (0.5 + 0.3 + 0.8) / 3))


def test_a_month_without_a_figure_ends_a_run_and_is_never_counted_as_restricted():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=50, m2025_06=30, m2025_07=40)))["World"]
    assert p.run == ("2025-06", "2025-07")
    assert p.cut_pct == pytest.approx(65)
    assert p.missing == ("2025-05",)
    assert any("2025-05" in n and "not counted as restricted" in n for n in p.notes)


def test_of_two_runs_as_long_the_earlier_is_taken():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=50, m2025_05=100, m2025_06=10, m2025_07=100)))["World"]
    assert p.run == ("2025-04",) and p.cut_pct == pytest.approx(50)


def test_the_threshold_sets_which_months_count_as_restricted():
    tf = flows(*world(m2024_01=100, m2025_04=95, m2025_05=50, m2025_06=100, m2025_07=100))
    assert rp.presets(tf)["World"].run == ("2025-04", "2025-05")
    assert rp.presets(tf, threshold=0.9)["World"].run == ("2025-05",)


def test_no_month_below_the_average_gives_a_cut_of_zero():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=100, m2025_05=120)))["World"]
    assert (p.cut_pct, p.length_months, p.run) == (0.0, 0, ())


def test_a_destination_without_2024_months_has_no_preset_and_says_so():
    p = rp.presets(flows(*world(m2024_01=100), row("Germany", "2025-05", 10)))["Germany"]
    assert not p.available and p.cut_pct is None and p.length_months is None
    assert "No monthly figure for 2024 for Germany in this series: no baseline (not guessed)." in p.notes
    with pytest.raises(InputError, match="no baseline"):
        p.restriction()


def test_unverified_figures_are_never_used():
    tf = flows(row("India", "2024-01", 100, status="unverified"), row("India", "2025-05", 10, status="unverified"))
    p = rp.presets(tf)["India"]
    assert p.baseline.mean_t is None and not p.window
    assert "Unverified figures for India (2024-01, 2025-05) are not used." in p.notes


def test_a_confirmed_figure_is_taken_over_a_secondary_one_for_the_same_month():
    tf = flows(row("World", "2024-01", 100), row("World", "2024-01", 90, status="secondary", source="blog", scope=TRADE_PRESS))
    p = rp.presets(tf)["World"]
    assert p.baseline.mean_t == 100 and p.baseline.figures[0].source_ids == ("reuters-x",)


def test_figures_that_agree_keep_all_their_sources():
    tf = flows(row("World", "2024-01", 100, source="a"), row("World", "2024-01", 100, source="b"))
    assert rp.presets(tf)["World"].baseline.figures[0].source_ids == ("a", "b")


def test_figures_that_disagree_at_the_same_status_leave_the_month_out():
    tf = flows(row("World", "2024-01", 100, source="a"), row("World", "2024-01", 120, source="b"), row("World", "2024-02", 50))
    p = rp.presets(tf)["World"]
    assert p.baseline.months == ("2024-02",)
    assert "2024-01: the confirmed figures disagree (100 t in a; 120 t in b); month left out." in p.notes


def test_secondary_figures_are_marked():
    tf = flows(row("World", "2024-01", 100), row("World", "2025-05", 40, status="secondary", source="blog"))
    p = rp.presets(tf)["World"]
    assert p.has_secondary and p.statuses == ("confirmed", "secondary")
    assert [f.secondary for f in p.window] == [True]
    assert "Rests in part on secondary figures (marked)." in p.notes


def test_the_preset_lists_the_sources_of_every_figure_used():
    tf = flows(row("World", "2024-01", 100, source="a"), row("World", "2025-05", 40, source="b"),
               row("World", "2025-08", 40, source="later"))
    assert rp.presets(tf)["World"].source_ids == ("a", "b")


def test_other_series_flows_and_periods_are_ignored():
    tf = flows(row("World", "2024-01", 100),
               row("World", "2024-02", 9e9, scope=f"{trade.CHINA_MAGNET_SERIES} and magnet alloys, as reported by X"),
               row("World", "2024-03", 9e9, scope="Rare-earth permanent magnets and magnet alloys (Adamas)"),
               row("World", "2024-04", 9e9, flow="import"),
               row("World", "2024-05", 9e9, reporter="India"),
               row("World", "2024-06", 9e9, period_type="quarter"))
    assert rp.presets(tf)["World"].baseline.months == ("2024-01",)


def test_a_run_at_the_edge_of_the_window_is_flagged_as_possibly_longer():
    p = rp.presets(flows(*world(m2024_01=100, m2025_04=50, m2025_05=50, m2025_06=50, m2025_07=50)))["World"]
    assert any("may have begun earlier" in n for n in p.notes) and any("may have lasted longer" in n for n in p.notes)


def test_the_world_comes_first_then_destinations_by_name():
    tf = flows(row("Japan", "2025-05", 1), row("World", "2024-01", 100), row("Germany", "2025-05", 1))
    assert list(rp.presets(tf)) == ["World", "Germany", "Japan"]


def test_a_preset_becomes_a_restriction_of_its_depth_and_length():
    p = rp.presets(flows(*world(m2024_01=100, m2025_05=40, m2025_06=60, m2025_07=100)))["World"]
    r = p.restriction()
    assert (r.supplier, r.cut_pct, r.start, r.length_months, r.ramp_months) == ("China", pytest.approx(50), "2025-05", 2, 0)
    assert isinstance(r, Restriction)
    assert p.restriction(start="2026-03", ramp_months=2).start == "2026-03"


def test_the_threshold_must_be_a_ratio_up_to_one():
    with pytest.raises(InputError, match="threshold: expected a ratio"):
        rp.presets(flows(*world(m2024_01=100)), threshold=1.5)


def test_a_table_without_the_trade_flows_columns_is_refused():
    with pytest.raises(InputError, match="trade_flows: expected a table with the trade_flows columns"):
        rp.presets(pd.DataFrame({"partner": ["World"]}))


def test_the_preset_table_has_one_row_per_destination():
    tf = flows(*world(m2024_01=100, m2025_05=40), row("Germany", "2025-05", 1))
    table = rp.preset_table(rp.presets(tf))
    assert table["partner"].tolist() == ["World", "Germany"]
    assert table["cut_pct"].isna().tolist() == [False, True]


def approximate(frame, row_number, words):
    """The table with one row's figure given by its source as approximate, in `words`."""
    flags = [i == row_number for i in range(len(frame))]
    return frame.assign(approximate=pd.array(flags, dtype="boolean"),
                        value_as_published=pd.array([words if f else None for f in flags], dtype="string"))


def test_a_figure_the_source_gives_as_approximate_is_used_and_marked_with_its_words():
    tf = approximate(flows(*world(m2024_01=100, m2025_05=40)), 1, "nearly 40 tonnes")
    p = rp.presets(tf)["World"]
    assert p.cut_pct == pytest.approx(60) and p.has_approximate
    assert p.window[0].as_published == "nearly 40 tonnes"
    assert "Rests in part on figures the source gives as approximate (2025-05 'nearly 40 tonnes')." in p.notes


def test_the_replay_marks_approximate_points_with_the_sources_words():
    tf = approximate(flows(*world(m2024_01=100, m2025_05=40, m2025_06=50)), 2, "about 50 t")
    points = rp.replay(tf).frame.query("partner == 'World'")
    assert points["approximate"].tolist() == [False, True]
    assert points["as_published"].isna().tolist() == [True, False] and points["as_published"].iloc[1] == "about 50 t"


# --- replay --------------------------------------------------------------------------------------------------------

def test_the_replay_sets_each_2025_month_against_the_2024_average():
    tf = flows(*world(m2024_01=100, m2025_05=25, m2025_06=50), row("United States", "2025-06", 5, status="secondary"))
    r = rp.replay(tf)
    world_rows = r.frame.loc[r.frame["partner"] == "World"]
    assert world_rows[["period", "mass_t", "baseline_t", "ratio"]].values.tolist() == [["2025-05", 25, 100, 0.25],
                                                                                     ["2025-06", 50, 100, 0.5]]
    assert list(r.frame.columns) == rp.REPLAY_COLUMNS


def test_the_replay_gives_a_status_per_point_and_marks_secondary_ones():
    tf = flows(*world(m2024_01=100, m2025_05=25), row("United States", "2025-06", 5, status="secondary", source="blog"))
    us = rp.replay(tf).frame.query("partner == 'United States'").iloc[0]
    assert (us["status"], us["secondary"], us["source_ids"]) == ("secondary", True, "blog")


def test_the_replay_keeps_points_without_a_baseline_and_says_why():
    r = rp.replay(flows(row("Germany", "2025-07", 1116)))
    germany = r.frame.query("partner == 'Germany'").iloc[0]
    assert pd.isna(germany["baseline_t"]) and pd.isna(germany["ratio"]) and germany["baseline_months"] == 0
    assert "no baseline (not guessed)" in r.notes["Germany"][0]


def test_the_replay_says_when_a_partner_has_no_usable_2025_figure():
    r = rp.replay(flows(row("India", "2025-05", 150, status="unverified")))
    assert r.frame.query("partner == 'India'").empty
    assert "Unverified figures for India (2025-05) are not used." in r.notes["India"]
    assert "No usable monthly figure for India in 2025." in r.notes["India"]


def test_the_replay_covers_world_india_the_united_states_and_germany_by_default():
    assert list(rp.replay(flows()).baselines) == ["World", "India", "United States", "Germany"]


# --- the real table: structure only (its figures are being extended elsewhere) ------------------------------------

@pytest.fixture(scope="module")
def real():
    return data.load("trade_flows")


def test_on_the_real_table_every_preset_has_its_baseline_and_notes(real):
    found = rp.presets(real)
    assert "World" in found and list(found)[0] == "World"
    for p in found.values():
        assert p.notes
        assert p.available == (p.baseline.n_months > 0 and bool(p.window))
        if p.available:
            assert 0 <= p.cut_pct <= 100 and p.length_months == len(p.run)
            assert p.source_ids and set(p.statuses) <= {"confirmed", "secondary"}


def test_on_the_real_table_the_replay_has_its_columns_and_known_sources(real):
    r = rp.replay(real)
    known = set(data.load("sources")["source_id"].astype(str))
    assert list(r.frame.columns) == rp.REPLAY_COLUMNS
    assert set(r.frame["partner"]) <= set(rp.REPLAY_PARTNERS)
    assert set(r.frame["status"]) <= {"confirmed", "secondary"}
    assert {s for ids in r.frame["source_ids"] for s in ids.split("; ")} <= known
    assert (r.frame["period"].str[:4] == "2025").all()


def test_one_destinations_preset_can_be_asked_for_by_name_even_without_rows():
    tf = flows(*world(m2024_01=100, m2025_05=40))
    assert rp.preset(tf, "World").cut_pct == pytest.approx(60)
    assert not rp.preset(tf, "Laos").available


def test_the_figures_used_are_listed_one_per_partner_and_month():
    tf = flows(row("World", "2024-01", 100, source="a"), row("World", "2024-01", 100, source="b"),
               row("India", "2025-05", 150, status="unverified"))
    assert rp.monthly_figures(tf).values.tolist() == [["World", "2024-01", 100.0, "confirmed", "a; b"]]
