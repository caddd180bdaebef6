import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lib.domain import shares, stages, trade
from lib.domain.usgs import latest_production
from lib.figures import layout, theme
from lib.figures.events import lanes
from lib.figures.production import production_lines, world_production_long_run
from lib.figures.reserves import reserves_bar, reserves_map
from lib.figures.stages import stage_concentration, stage_country_shares
from lib.figures.trade import by_scope, monthly_lines, partner_shares

ORDER = ["DS140", "MCS2024", "MCS2025", "MYB2022", "MCS2026"]
STAGE_LABELS = {"mining": "Mining", "refining": "Refining", "magnet_manufacturing": "Magnet manufacturing"}

TEXT = dict(title="A finding in one sentence", subtitle="Unit and coverage",
            source="Source: USGS, Mineral Commodity Summaries 2026 (Feb 2026)")


def typed(rows, columns):
    """Nullable dtypes, as lib.data returns them."""
    df = pd.DataFrame(rows, columns=columns)
    for col in df:
        if col == "year":
            df[col] = df[col].astype("Int64")
        elif col in {"reserves_t_reo", "mine_production_t_reo", "supply_kt", "share_pct", "mass_t", "value_usd"}:
            df[col] = pd.to_numeric(df[col]).astype("Float64")
        elif col == "estimated":
            df[col] = df[col].astype("boolean")
        elif col in {"period_start", "period_end", "event_date"}:
            df[col] = pd.to_datetime(df[col])
        else:
            df[col] = df[col].astype("string")
    return df


def reserve_rows():
    return typed([
        ("MCS2026", "China", "CHN", "country", 44e6, "value", "44,000,000", None),
        ("MCS2026", "Brazil", "BRA", "country", 21e6, "value", "21,000,000", None),
        ("MCS2026", "India", "IND", "country", None, "not_available", "NA", "Under review"),
        ("MCS2026", "Other countries", None, "other", 5e6, "value", "5,000,000", None),
        ("MCS2026", "World", None, "world", 88e6, "rounded", "88,000,000", None),
    ], ["edition", "country", "iso3", "entity_type", "reserves_t_reo", "value_status", "value_as_published", "note"])


def reserves():
    """One edition with each country's share of the listed countries, as the reserves spec gives it."""
    return shares.share_of_listed(reserve_rows(), "reserves_t_reo", ["edition"], skipna=True)


PROD_COLS = ["country", "entity_type", "year", "edition", "mine_production_t_reo", "value_status",
             "value_as_published", "estimated", "basis", "note"]


def production_rows():
    return typed([
        ("China", "country", 2023, "MCS2025", 255000, "value", "255,000", False, "official_quota", None),
        ("China", "country", 2024, "MCS2026", 270000, "value", "270,000", True, "official_quota", None),
        ("Myanmar", "country", 2023, "MCS2025", 43000, "value", "43,000", True, "estimated_from_china_imports", None),
        ("Myanmar", "country", 2024, "MCS2026", 31000, "value", "31,000", True, "estimated_from_china_imports", None),
        ("World", "world", 2023, "MCS2025", 376000, "rounded", "376,000", False, "estimated", None),
        ("World", "world", 2024, "MCS2026", 390000, "rounded", "390,000", False, "estimated", None),
    ], PROD_COLS)


def by_year(rows):
    """The latest edition per country and year, with the share of the year's world total (the mining spec)."""
    return shares.share_of_world(latest_production(rows, ORDER), "mine_production_t_reo", ["year"])


def production():
    return by_year(production_rows())


def world_long_run():
    return typed([
        ("World", "world", 1900, "DS140", 1000, "value", "1,000", False, "reported", None),
        ("World", "world", 1901, "DS140", 1100, "value", "1,100", False, "reported", None),
        ("World", "world", 2024, "MCS2026", 390000, "rounded", "390,000", False, "estimated", None),
    ], PROD_COLS)


STAGE_COLS = ["stage", "edition", "year", "case", "scenario", "country", "entity_type", "supply_kt", "share_pct"]


def stage_rows():
    return typed([
        ("mining", "IEA", 2023, "actual", None, "China", "country", 40, None),
        ("mining", "IEA", 2023, "actual", None, "Myanmar", "country", 8, None),
        ("mining", "IEA", 2023, "actual", None, "Rest of world", "other", 12, None),
        ("mining", "IEA", 2023, "actual", None, "World", "world", 60, None),
        ("mining", "IEA", 2030, "projection", "base case", "China", "country", 50, None),
        ("mining", "IEA", 2030, "projection", "base case", "Rest of world", "other", 30, None),
        ("mining", "IEA", 2030, "projection", "base case", "World", "world", 80, None),
        ("magnet_manufacturing", "IEA", 2023, "actual", None, "China", "country", None, 94),
    ], STAGE_COLS)


def stage_table():
    rows = stage_rows()
    rows.attrs["labels"] = {"stage": STAGE_LABELS}  # as lib.data attaches the schema's labels
    return rows


def concentration():
    return stages.concentration_by_stage(stage_table(), stage_table())


def country_shares():
    return stages.country_shares(stage_table(), stage_table())


TRADE_COLS = ["reporter", "flow", "partner", "period", "period_type", "period_start", "period_end",
              "product_scope", "mass_t", "status", "reported_change", "source_id"]


def trade_rows(*rows):
    return typed(list(rows), TRADE_COLS)


def monthly(*rows):
    """Month rows as the magnet-exports spec gives them: one figure per series and month."""
    return trade.monthly(trade.charted(typed(list(rows), TRADE_COLS)))


def month(partner, period, mass, status="confirmed", scope="HS 8505.11", period_type="month"):
    start = pd.Period(period[:7], "M")
    return ("China", "export", partner, period, period_type, str(start.start_time.date()),
            str(start.end_time.date()), scope, mass, status, None, "reuters-1")


def events():
    return typed([
        ("2025-04-04", "day", "China (MOFCOM/GAC)", "Export licences for seven REEs",
         "Seven medium and heavy rare earths need export licences.", "export_control", "CHN", "confirmed"),
        ("2030-01-01", "day", "China", "Far future", "Outside any data range", "market", "CHN", "confirmed"),
    ], ["event_date", "date_precision", "actor", "title", "description", "category", "countries", "status"])


def india():
    return typed([
        ("India", "import", "China", "FY2024-25", "fiscal_year", "2024-04-01", "2025-03-31",
         "Permanent magnets (HS 8505.11)", 54000, "confirmed", None, "mint-1"),
        ("India", "import", "China", "FY2024-25", "fiscal_year", "2024-04-01", "2025-03-31",
         "All magnets (HS 8505)", 87000, "confirmed", None, "ie-1"),
        ("India", "import", "World", "FY2024-25", "fiscal_year", "2024-04-01", "2025-03-31",
         "All magnets (HS 8505)", 99000, "unverified", None, "blog-1"),
    ], TRADE_COLS)


def india_charted():
    return trade.charted(india(), "India", "import")


def us_sources():
    return typed([
        ("MCS2026", "United States", "Compounds and metals", "2021–24", "China", "CHN", 70, None),
        ("MCS2026", "United States", "Compounds and metals", "2021–24", "Other", None, 17, None),
        ("MCS2026", "United States", "Compounds and metals", "2021–24", "Malaysia", "MYS", 13, None),
    ], ["edition", "importer", "product", "period", "partner", "partner_iso3", "share_pct", "note"])


BUILDERS = {
    "reserves_bar": lambda: reserves_bar(reserves(), **TEXT),
    "reserves_map": lambda: reserves_map(reserves(), **TEXT),
    "production_lines": lambda: production_lines(production(), **TEXT),
    "production_share": lambda: production_lines(production(), mode="share", **TEXT),
    "world_production_long_run": lambda: world_production_long_run(world_long_run(), **TEXT),
    "stage_concentration": lambda: stage_concentration(concentration(), **TEXT),
    "stage_country_shares": lambda: stage_country_shares(country_shares(), **TEXT),
    "monthly_lines": lambda: monthly_lines(monthly(month("World", "2025-03", 5000), month("World", "2025-05", 1200)),
                                           events(), **TEXT),
    "by_scope": lambda: by_scope(india_charted(), **TEXT),
    "partner_shares": lambda: partner_shares(us_sources(), share_of="U.S. imports", **TEXT),
}

EMPTY = {
    "reserves_bar": lambda df: reserves_bar(df, **TEXT),
    "reserves_map": lambda df: reserves_map(df, **TEXT),
    "production_lines": lambda df: production_lines(df, **TEXT),
    "world_production_long_run": lambda df: world_production_long_run(df, **TEXT),
    "stage_concentration": lambda df: stage_concentration(df, **TEXT),
    "stage_country_shares": lambda df: stage_country_shares(df, **TEXT),
    "monthly_lines": lambda df: monthly_lines(df, None, **TEXT),
    "by_scope": lambda df: by_scope(df, **TEXT),
    "partner_shares": lambda df: partner_shares(df, share_of="U.S. imports", **TEXT),
}


def annotation(fig, name):
    found = [a for a in fig.layout.annotations if a.name == name]
    assert len(found) == 1, f"expected one {name!r} annotation"
    return found[0]


def trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"expected one trace named {name!r}, got {[t.name for t in fig.data]}"
    return found[0]


# --- frame shared by every figure -----------------------------------------------------------

@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_puts_the_source_line_under_the_chart(name):
    fig = BUILDERS[name]()
    src = annotation(fig, "source")
    assert src.text == TEXT["source"]
    assert (src.xref, src.yref, src.x, src.y, src.xanchor, src.yanchor) == ("paper", "paper", 0, 0, "left", "top")
    assert src.yshift < 0 and src.font.size >= 13
    assert fig.layout.margin.b >= -src.yshift + 19


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_puts_title_and_subtitle_above_the_plot(name):
    fig = BUILDERS[name]()
    title, subtitle = annotation(fig, "title"), annotation(fig, "subtitle")
    assert (title.text, subtitle.text) == (TEXT["title"], TEXT["subtitle"])
    assert title.y == 1 and title.yanchor == "bottom" and title.yshift > subtitle.yshift > 0
    assert title.font.size >= 22 and subtitle.font.size >= 16
    assert fig.layout.margin.t > title.yshift + 22


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_uses_the_dashboard_template_and_serialises(name):
    fig = BUILDERS[name]()
    assert fig.layout.template == pio.templates[theme.TEMPLATE]
    assert pio.from_json(fig.to_json())  # plotly validates every property on the way back


@pytest.mark.parametrize("name", EMPTY)
def test_builders_return_a_figure_for_an_empty_frame(name):
    fig = EMPTY[name](pd.DataFrame())
    assert isinstance(fig, go.Figure)
    assert annotation(fig, "no_data").text == layout.NO_DATA
    assert annotation(fig, "source").text == TEXT["source"]


def test_a_long_source_line_is_wrapped():
    fig = layout.finish(go.Figure(), "t", "s", "word " * 80)
    assert annotation(fig, "source").text.count("<br>") >= 2


def test_source_text_is_escaped_so_markup_cannot_break_it():
    fig = layout.finish(go.Figure(), "t", "s", "World total published as >90,000,000 <script>")
    assert "<script>" not in annotation(fig, "source").text
    assert "&gt;90,000,000" in annotation(fig, "source").text


def test_template_is_legible_on_a_projector():
    layout = pio.templates[theme.TEMPLATE].layout
    assert layout.font.size >= 16 and layout.title.font.size >= 22
    assert layout.legend.orientation == "h"
    assert layout.xaxis.showgrid is False


def test_palette_is_okabe_ito():
    assert set(pio.templates[theme.TEMPLATE].layout.colorway) == {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


def test_download_config_exports_a_png_at_double_scale_without_the_logo():
    config = theme.download_config("reserves 2026.png")
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["scale"] == 2
    assert config["toImageButtonOptions"]["filename"] == "reserves_2026"
    assert config["displaylogo"] is False


# --- colours --------------------------------------------------------------------------------

def test_country_has_the_same_colour_on_every_chart():
    china = theme.COUNTRY_COLOURS["China"]
    bar = reserves_bar(reserves(), **TEXT).data[0]
    assert bar.marker.color[list(bar.y).index("China")] == china
    assert trace(production_lines(production(), **TEXT), "China").line.color == china
    stacked = stage_country_shares(country_shares(), **TEXT)
    assert trace(stacked, "China").marker.color == china
    exports = monthly_lines(monthly(month("China", "2025-03", 5)), None, **TEXT)
    assert trace(exports, "China").line.color == china
    us = partner_shares(us_sources(), share_of="U.S. imports", **TEXT).data[0]
    assert us.marker.color[list(us.y).index("China")] == china


def test_an_unlisted_country_gets_a_stable_colour_that_is_not_grey():
    colour = theme.colour_for("Estonia")
    assert colour == theme.colour_for("Estonia")
    assert colour not in (theme.WORLD_GREY, theme.OTHER_GREY)


def test_world_and_residual_rows_are_grey():
    assert theme.colour_for("World") == theme.WORLD_GREY
    assert theme.colour_for("Rest of world") == theme.OTHER_GREY
    assert theme.colour_for("Other countries") == theme.OTHER_GREY
    assert theme.colour_for("Anything", "other") == theme.OTHER_GREY


# --- reserves --------------------------------------------------------------------------------

def test_reserves_bar_puts_the_largest_country_on_top():
    fig = reserves_bar(reserves(), **TEXT)
    assert list(fig.layout.yaxis.categoryarray)[:2] == ["China", "Brazil"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_not_available_reserves_are_a_labelled_marker_at_zero_not_dropped():
    fig = reserves_bar(reserves(), **TEXT)
    na = fig.data[1]
    assert list(na.y) == ["India"] and list(na.x) == [0] and list(na.text) == ["NA"]
    assert "India" not in list(fig.data[0].y)
    assert "not available" in na.name.lower()


def test_reserves_hover_shows_the_share_it_is_given_and_says_of_what():
    fig = reserves_bar(reserves(), **TEXT)
    china = fig.data[0].hovertext[list(fig.data[0].y).index("China")]
    assert "Share of the countries USGS lists: 62.9%" in china  # 44 of the 70 Mt listed


def test_the_reserves_csv_is_exactly_what_the_chart_plots():
    frame = reserves()
    bars = reserves_bar(frame, **TEXT).data[0]
    listed = frame.set_index("country")["share_pct"]
    for name, text in zip(bars.y, bars.hovertext, strict=True):
        assert f"{listed[name]:.1f}%" in text


def test_reserves_bar_refuses_to_mix_editions():
    df = pd.concat([reserves(), reserves().assign(edition="MCS2025")])
    with pytest.raises(ValueError):
        reserves_bar(df, **TEXT)


def test_reserves_map_shows_not_available_countries_in_their_own_layer():
    fig = reserves_map(reserves(), **TEXT)
    assert list(fig.data[0].locations) == ["CHN", "BRA"]
    assert list(fig.data[1].locations) == ["IND"]


# --- production ------------------------------------------------------------------------------

def test_estimated_production_points_have_hollow_markers():
    fig = production_lines(production(), **TEXT)
    assert list(trace(fig, "China").marker.symbol) == ["circle", "circle-open"]


def test_official_quota_and_import_based_estimates_are_explained_in_hover():
    fig = production_lines(production(), **TEXT)
    assert "official mining quota" in trace(fig, "China").hovertext[0]
    assert "China's reported imports" in trace(fig, "Myanmar").hovertext[0]


def test_share_mode_plots_the_share_column_it_is_given():
    fig = production_lines(production(), mode="share", **TEXT)
    assert list(trace(fig, "China").y) == pytest.approx([255000 / 3760, 270000 / 3900])


def test_share_mode_hover_and_line_agree_with_the_frame():
    frame = production()
    china = trace(production_lines(frame, mode="share", **TEXT), "China")
    shares_given = frame[frame["country"] == "China"]["share_pct"].tolist()
    assert list(china.y) == pytest.approx(shares_given)
    assert all(f"{v:.1f}%" in t for v, t in zip(shares_given, china.hovertext, strict=True))


def test_a_missing_production_year_is_a_gap_not_a_joined_line():
    df = by_year(pd.concat([production_rows(), typed([("China", "country", 2021, "MCS2024", 168000, "value", "168,000",
                                                         False, "official_quota", None)], PROD_COLS)]))
    china = trace(production_lines(df, **TEXT), "China")
    assert list(china.x) == [2021, 2022, 2023, 2024]
    assert math.isnan(china.y[1]) and china.connectgaps is False


def test_world_long_run_shows_the_edition_in_hover_and_gaps_for_missing_years():
    fig = world_production_long_run(world_long_run(), **TEXT)
    line = fig.data[0]
    assert "DS140" in line.hovertext[0] and "MCS2026" in line.hovertext[-1]
    assert len(line.x) == 2024 - 1900 + 1 and math.isnan(line.y[2])


# --- stages ----------------------------------------------------------------------------------

def test_projections_are_labelled():
    fig = stage_concentration(concentration(), **TEXT)
    labels = list(fig.data[0].x)
    assert any("projection, base case" in x and "2030" in x for x in labels)
    assert not any("projection" in x and "2023" in x for x in labels)


def test_projections_are_drawn_hatched_and_lighter():
    fig = stage_concentration(concentration(), **TEXT)
    bars = fig.data[0]
    proj = ["projection" in x for x in bars.x]
    assert [s == "/" for s in bars.marker.pattern.shape] == proj
    assert all((o < 1) == p for o, p in zip(bars.marker.opacity, proj, strict=True))


def test_stages_run_from_mine_to_magnets():
    fig = stage_concentration(concentration(), **TEXT)
    assert [x.split("<br>")[0] for x in fig.data[0].x] == ["Mining", "Mining", "Magnet manufacturing"]


def test_hhi_is_labelled_as_a_lower_bound_when_the_residual_is_left_out():
    fig = stage_concentration(concentration(), **TEXT)
    assert "HHI ≥" in fig.data[1].text[0]


def test_stage_with_only_a_stated_share_says_top3_is_not_published():
    fig = stage_concentration(concentration(), **TEXT)
    notes = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert len(notes) == 1 and "not" in notes[0].text[0]


def test_stage_country_shares_fill_the_unitemised_remainder_rather_than_inflating_countries():
    fig = stage_country_shares(country_shares(), **TEXT)
    rest = trace(fig, stages.UNASSIGNED)
    assert len(rest.x) == 1 and rest.x[0].startswith("Magnet manufacturing")
    assert rest.y[0] == pytest.approx(6)
    assert fig.layout.barmode == "stack"


# --- trade -----------------------------------------------------------------------------------

def test_missing_months_are_gaps_not_zeros():
    df = monthly(month("World", "2025-01", 5000), month("World", "2025-04", 1200))
    line = monthly_lines(df, None, **TEXT).data[0]
    assert len(line.x) == 4
    assert line.y[0] == 5000 and line.y[3] == 1200
    assert math.isnan(line.y[1]) and math.isnan(line.y[2])
    assert line.connectgaps is False


def test_unverified_trade_rows_are_never_handed_to_a_chart():
    df = monthly(month("World", "2025-01", 5000), month("Germany", "2025-01", 999, status="unverified"),
                 month("World", "2025-02", 77, status="unverified"))
    fig = monthly_lines(df, None, **TEXT)
    assert [t.name for t in fig.data] == ["World"]
    assert 77 not in list(fig.data[0].y) and 999 not in list(fig.data[0].y)


def test_only_unverified_rows_give_the_no_data_figure():
    fig = monthly_lines(monthly(month("World", "2025-01", 5, status="unverified")), None, **TEXT)
    assert annotation(fig, "no_data")


def test_secondary_trade_rows_have_hollow_markers_and_say_so_in_hover():
    df = monthly(month("World", "2025-01", 5000), month("World", "2025-02", 4000, status="secondary"))
    line = monthly_lines(df, None, **TEXT).data[0]
    assert list(line.marker.symbol) == ["circle", "circle-open"]
    assert "(secondary)" in line.hovertext[1] and "(secondary)" not in line.hovertext[0]


def test_a_confirmed_figure_wins_over_a_secondary_one_for_the_same_month():
    df = monthly(month("World", "2025-01", 4000, status="secondary"), month("World", "2025-01", 5000))
    assert list(monthly_lines(df, None, **TEXT).data[0].y) == [5000]


def test_quarterly_and_cumulative_rows_are_left_off_the_monthly_chart():
    df = monthly(month("World", "2025-01", 5000), month("World", "2025-Q1", 15000, period_type="quarter"))
    assert list(monthly_lines(df, None, **TEXT).data[0].y) == [5000]


def test_policy_events_are_vertical_lines_with_a_label_and_hover_details():
    df = monthly(month("World", "2025-03", 5000), month("World", "2025-05", 1200))
    fig = monthly_lines(df, events(), **TEXT)
    lines = [s for s in fig.layout.shapes if s.name == "event"]
    assert len(lines) == 1 and lines[0].yref == "paper"  # the 2030 event is outside the data
    labels = [a for a in fig.layout.annotations if a.name == "event"]
    assert "Export licences" in labels[0].text
    hover = trace(fig, "Policy events")
    assert hover.yaxis == "y2" and "heavy rare earths" in hover.hovertext[0]


def test_events_days_apart_put_their_labels_on_opposite_sides_of_their_lines():
    close = typed([
        ("2025-10-30", "day", "US; China", "Summit", "Leaders meet.", "diplomacy", "CHN", "confirmed"),
        ("2025-11-07", "day", "China", "Controls suspended", "Suspended.", "export_control", "CHN", "confirmed"),
    ], ["event_date", "date_precision", "actor", "title", "description", "category", "countries", "status"])
    df = monthly(month("World", "2024-01", 5000), month("World", "2025-12", 6000))  # two years: 8 days is 13 px
    labels = [a for a in monthly_lines(df, close, **TEXT).layout.annotations if a.name == "event"]
    assert [a.xanchor for a in labels] == ["left", "right"]


def test_three_events_in_a_fortnight_each_get_a_label_that_touches_no_other():
    placed = lanes([0, 3, 6], 730)
    assert len(set(placed)) == 3


def test_each_product_scope_is_its_own_series_and_never_stacked():
    df = monthly(month("World", "2025-01", 5000, scope="HS 8505.11"), month("World", "2025-01", 6000, scope="HS 8505"))
    fig = monthly_lines(df, None, **TEXT)
    assert sorted(t.name for t in fig.data) == ["World (HS 8505)", "World (HS 8505.11)"]


def test_india_product_scopes_are_grouped_side_by_side_never_stacked():
    fig = by_scope(india_charted(), **TEXT)
    assert fig.layout.barmode == "group"
    names = [t.name for t in fig.data]
    assert "Permanent magnets (HS 8505.11)" in names and "All magnets (HS 8505)" in names


def test_imports_handed_to_the_chart_leave_out_unverified_rows():
    fig = by_scope(india_charted(), **TEXT)
    assert all(99000 not in list(t.y) for t in fig.data if t.y is not None)


def test_us_import_sources_put_other_last():
    bars = partner_shares(us_sources(), share_of="U.S. imports", **TEXT).data[0]
    assert list(bars.y) == ["China", "Malaysia", "Other"]


def test_the_magnet_series_holds_only_chinas_exports_not_indias_imports():
    scope = trade.CHINA_MAGNET_SERIES
    indian = ("India", "import", "China", "2025-01", "month", "2025-01-01", "2025-01-31", scope, 123, "confirmed", None, "mint-1")
    rows = trade.china_magnet_exports(trade_rows(month("World", "2025-01", 5000, scope=scope), indian))
    assert rows["reporter"].unique().tolist() == ["China"]


def test_figures_are_tall_enough_for_the_page_by_default():
    assert reserves_bar(reserves(), **TEXT).layout.height >= 600


def _title_lines(fig) -> int:
    return next(a.text for a in fig.layout.annotations if a.name == "title").count("<br>") + 1


def test_a_wide_left_margin_wraps_the_title_shorter_so_it_fits_above_the_plot():
    title = "A title of some length that would run past the plot's right edge once long labels push it right"
    narrow = layout.finish(go.Figure(go.Bar(y=["a"], x=[1], orientation="h")), title, "s", "src")
    wide = layout.finish(go.Figure(go.Bar(y=["a label as long as a plant's name, and longer still"], x=[1],
                                          orientation="h")), title, "s", "src")
    assert wide.layout.margin.l > narrow.layout.margin.l
    assert _title_lines(wide) > _title_lines(narrow)
