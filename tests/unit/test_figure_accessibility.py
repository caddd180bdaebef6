"""Every figure is readable by everyone: its text reaches 4.5:1 against what it sits on, and any two of its
series that some viewer could not tell apart by colour differ in dash, marker or pattern."""

import itertools

import plotly.io as pio
import pytest

from lib import data
from lib.domain import official_trade
from lib.figures import access
from lib.figures.layout import empty_figure
from lib.figures.theme import TEMPLATE
from lib.specs import capacity, dependence, official, registry, reserves, supply_chain


@pytest.fixture(scope="module")
def figures():
    d = {name: data.load(name) for name in data.names()}
    out = {key: spec.build(d, **registry.latest_params(d, key, "India")).figure for key, spec in registry.SPECS.items()}
    for edition in supply_chain.edition_choices(d):
        for year in supply_chain.year_choices(d, edition):
            out[f"stage-shares {edition} {year}"] = supply_chain.country_shares(d, edition, int(year)).figure
            out[f"concentration {edition} {year}"] = supply_chain.concentration(d, edition, int(year)).figure
    for edition in reserves.edition_choices(d):
        out[f"reserves {edition}"] = reserves.BAR.build(d, edition=edition).figure
    out["mining, every country"] = registry.SPECS["mining"].build(d, countries=tuple(d["production"][
        d["production"]["entity_type"] == "country"]["country"].unique())).figure
    # Every dependence chart for each reporter with records, product line and measure.
    for reporter in official_trade.reporters(d["trade_records"]):
        for product in dependence.product_choices(d, reporter):
            for measure in official_trade.MEASURES:
                for spec in dependence.PROFILE:
                    out[f"{spec.key} {reporter} {product} {measure}"] = spec.build(
                        d, country=reporter, product=product, measure=measure).figure
    # Every capacity chart: each stage and stated unit, and each stage's start dates.
    for label in capacity.stage_choices(d):
        stage = capacity.stage_of(label)
        for unit in capacity.unit_choices(d, stage):
            out[f"capacity {stage} {unit}"] = capacity.by_country(d, stage, unit).figure
    for label in capacity.start_stage_choices(d):
        out[f"capacity-starts {label}"] = capacity.starts(d, capacity.stage_of(label)).figure
    for measure in official_trade.MEASURES:
        out[f"official-imports {measure}"] = official.OFFICIAL_IMPORTS.build(d, measure=measure).figure
    out["no data"] = empty_figure(title="t", subtitle="s", source="src")
    return out


def _default_ink(fig) -> str:
    return fig.layout.font.color or pio.templates[TEMPLATE].layout.font.color


def _on_white(colour: str) -> str:
    """A translucent colour as it shows on the white page."""
    if colour.startswith("rgba"):
        r, g, b, a = (float(v) for v in colour[colour.index("(") + 1 : colour.index(")")].split(","))
        return f"rgb({r * a + 255 * (1 - a)}, {g * a + 255 * (1 - a)}, {b * a + 255 * (1 - a)})"
    return colour


def text_pairs(fig):
    """(where, text colour, background colour) for every piece of text the figure draws."""
    page = fig.layout.paper_bgcolor or "white"
    page = "#FFFFFF" if page == "white" else page
    ink = _default_ink(fig)
    for a in fig.layout.annotations:
        if a.text:
            yield f"annotation {a.name or a.text[:20]}", a.font.color or ink, _on_white(a.bgcolor) if a.bgcolor else page
    yield "legend", fig.layout.legend.font.color or ink, page
    for t in fig.data:
        if not getattr(t, "text", None) or not any(t.text):
            continue
        if t.type == "bar" and t.textposition == "inside":
            colours = t.marker.color if isinstance(t.marker.color, (list, tuple)) else [t.marker.color]
            for colour in colours:
                yield f"{t.name} inside its bar", t.insidetextfont.color or ink, colour
        else:
            colour = t.textfont.color if t.textfont and isinstance(t.textfont.color, str) else ink
            yield f"{t.name} labels", colour, page


@pytest.mark.parametrize("key", ["reserves", "mining", "magnet-exports", "stage-shares", "concentration", "imports-by-scope",
                                 "us-import-sources", "world-production", "reserves-map", "rare-earth-exports",
                                 "dependence-partners", "dependence-china-share", "dependence-concentration",
                                 "dependence-mirror", "china-feedstock", "capacity", "capacity-starts", "china-quotas",
                                 "india-capacity", "official-imports"])
def test_every_text_of_a_chart_reaches_4_5_to_1(figures, key):
    low = [(where, round(access.contrast(fg, bg), 2)) for where, fg, bg in text_pairs(figures[key]) if fg and bg
           and access.contrast(fg, bg) < access.AA_TEXT]
    assert low == []


def test_every_text_of_every_chart_and_choice_reaches_4_5_to_1(figures):
    low = {name: [(w, round(access.contrast(fg, bg), 2)) for w, fg, bg in text_pairs(fig) if access.contrast(fg, bg) < 4.5]
           for name, fig in figures.items()}
    assert {name: found for name, found in low.items() if found} == {}


def _channels(t) -> tuple:
    marker = t.marker
    symbol = getattr(marker, "symbol", None) if t.type == "scatter" else None
    symbol = symbol if isinstance(symbol, str) or symbol is None else symbol[0]
    pattern = marker.pattern.shape if t.type == "bar" and marker.pattern else None
    pattern = pattern if isinstance(pattern, str) or pattern is None else tuple(pattern)
    dash = t.line.dash if t.type == "scatter" and t.line else None
    return dash, (symbol or "").removesuffix("-open"), pattern


def series(fig):
    """The series a legend names, each with its colour and its other channels."""
    for t in fig.data:
        if t.type not in ("scatter", "bar"):
            continue
        colour = t.line.color if t.type == "scatter" and t.mode and "lines" in t.mode else t.marker.color
        legend_only = t.x is not None and len(t.x) == 1 and t.x[0] is None  # a key explaining a marker style
        if t.showlegend is False or not t.name or not isinstance(colour, str) or t.x is None or legend_only:
            continue
        yield t.name, colour, _channels(t)


def test_series_that_some_viewer_cannot_tell_apart_by_colour_differ_in_a_second_channel(figures):
    clashes = {}
    for name, fig in figures.items():
        for (a, ca, xa), (b, cb, xb) in itertools.combinations(list(series(fig)), 2):
            if access.difference(ca, cb) < access.MIN_DELTA_E and xa == xb:
                clashes.setdefault(name, []).append((a, b, round(access.difference(ca, cb), 1)))
    assert clashes == {}


def test_the_second_channel_is_kept_for_the_series_that_need_it():
    india, malaysia = "#CC79A7", "#44AA99"  # 3.6 apart for a deuteranope, 44 for normal vision
    assert access.difference(india, malaysia) < access.MIN_DELTA_E
    assert access.dashes([india, malaysia]) == ["solid", "dash"]
    assert access.dashes([india, "#000000"]) == ["solid", "solid"]


def test_contrast_is_21_for_black_on_white_and_1_for_white_on_white():
    assert access.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert access.contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)


def test_text_inside_a_dark_bar_is_white_and_inside_a_light_one_black():
    assert access.ink_on("#2F4B7C") == "#FFFFFF" and access.ink_on("#F0E442") == "#000000"
