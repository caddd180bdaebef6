"""The official series on Trade flows: one partner's annual figures per product line, each code with its scope and
its relation to the press's figures of the same flow."""

import pandas as pd
import pytest
from conftest import loaded

from lib.domain import official_trade as ot
from lib.domain import trade
from lib.figures.official import code_panels
from lib.specs import official


@pytest.fixture(scope="module")
def d() -> dict:
    return {name: loaded(name) for name in official.NEEDS}


def test_us_imports_from_china_in_2025_add_every_unit_of_a_code_by_value(d):
    frame = official.series(d, "US$").set_index(["commodity_code", "year"])["value"]
    # HTS 8505 from China, 2025: the kilogram lines, the lines counted in pieces and those with no unit, summed.
    assert frame[("8505", 2025)] == 74_061_130 + 344_128_552 + 0
    assert frame[("2846", 2025)] == 100_698_766 and frame[("2805", 2025)] == 35_855_435


def test_a_code_partly_counted_in_pieces_has_no_tonnage(d):
    frame = official.series(d, "t").set_index(["commodity_code", "year"])["value"]
    assert pd.isna(frame[("8505", 2025)])
    assert round(frame[("2846", 2025)], 3) == 12_047.397


def test_only_whole_years_are_drawn(d):
    assert set(official.series(d)["period_type"]) == {"year"}


def test_the_title_gives_each_codes_latest_figure(d):
    found = official.official_imports(d)
    assert found.title.startswith("The United States' recorded imports from China in 2025: code 8505 (magnets) "
                                  "US$418 million")
    assert "USITC DataWeb" in found.figure.layout.meta["subtitle"]
    assert found.source.startswith("Source: ") and "Latest period: 2025" in found.source


def test_each_code_has_its_scope_and_its_relation_to_the_press(d):
    notes = {code: (scope, words) for code, scope, words in official.relations(d)}
    assert set(notes) == {"8505", "2846", "2805", "850511"}
    assert notes["8505"][0] == ot.CODE_SCOPE["8505"]
    assert trade.CHINA_MAGNET_SERIES in notes["8505"][1] and "counted in pieces" in notes["8505"][1]
    assert trade.CHINA_RARE_EARTHS_WORDS in notes["2846"][1]


def test_the_magnet_note_sets_the_press_figure_of_the_same_flow_beside_the_official_one(d):
    words = dict((code, w) for code, _, w in official.relations(d))["8505"]
    press = ot.press_counterpart(d["trade_flows"], "magnets", "China", "United States")
    last = press.iloc[-1]
    assert f"In {int(last['year'])}, the press reported {last['mass_t']:,.0f} t" in words
    assert last["source_id"] in words and "no complete figure in tonnes" in words


def test_the_press_counterpart_never_takes_an_unverified_figure():
    flows = pd.DataFrame([dict(reporter="China", flow="export", partner="Aland", period_type="year",
                               period_start="2025-01-01", product_scope=trade.CHINA_MAGNET_SERIES, mass_t=1.0,
                               value_usd=None, status="unverified", source_id="x")])
    assert ot.press_counterpart(flows, "magnets", "China", "Aland").empty


def test_a_line_without_a_press_series_has_no_counterpart(d):
    assert ot.press_counterpart(d["trade_flows"], "compounds", "China", "United States").empty


def test_the_hs_850511_notes_are_listed_even_where_no_figure_of_the_code_is_drawn(d):
    notes = {code: (scope, words) for code, scope, words in official.relations(d)}
    assert "850511" not in set(official.series(d)["commodity_code"])
    assert notes["850511"][0] == ot.CODE_SCOPE["850511"]
    assert notes["850511"][1].startswith(ot.PRESS_RELATION["850511"]) and "No figure of this code is drawn" in notes["850511"][1]


def test_the_hs_850511_notes_are_listed_when_no_official_figure_is_drawn_at_all(d):
    empty = {**d, "trade_records": d["trade_records"].iloc[0:0]}
    assert [code for code, _, _ in official.relations(empty)] == list(ot.ALWAYS_EXPLAINED)


def test_the_india_magnet_code_is_named_as_ferrite_cores():
    assert "India's ITC-HS 8505.11.10 is ferrite cores" in ot.PRESS_RELATION["850511"]


# --- The builder, on a tiny inline frame --------------------------------------------------------------------------

def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(line=line, commodity_code=code, year=year, value=value, measure="t", partner="China")
                         for line, code, year, value in rows])


def test_one_panel_per_code_and_a_code_with_no_figure_says_so():
    fig = code_panels(frame(("Magnets", "8505", 2024, None), ("Magnets", "8505", 2025, None),
                            ("Rare-earth compounds", "2846", 2024, 10.0), ("Rare-earth compounds", "2846", 2025, 12.0)),
                      title="t", subtitle="s", source="src")
    assert [t.name for t in fig.data] == ["Magnets: code 8505", "Rare-earth compounds: code 2846"]
    assert any(a.name == "no figure 8505" and "No figure in tonnes" in a.text for a in fig.layout.annotations)
    assert list(fig.data[1].y) == [10.0, 12.0]


def test_a_missing_year_is_a_gap_not_a_zero():
    fig = code_panels(frame(("Rare-earth compounds", "2846", 2023, 5.0), ("Rare-earth compounds", "2846", 2025, 7.0)),
                      title="t", subtitle="s", source="src")
    assert list(fig.data[0].x) == [2023, 2024, 2025] and pd.isna(fig.data[0].y[1])
