"""The look every figure shares: one template, one colour per country, the type sizes.

Layout is tuned for 1280x720. In Streamlit, render with st.plotly_chart(fig, theme=None,
config=download_config(name)): Streamlit's own theme would replace this template.
"""

from __future__ import annotations

import zlib

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
# Okabe-Ito has seven colours; the rarer countries take Paul Tol's 'muted' and 'dark' sets,
# also designed for colour-blind readers. Countries that share a chart most often
# (the big producers) get the most distinct Okabe-Ito hues.
COUNTRY_COLOURS = {
    "China": "#D55E00",
    "United States": "#0072B2",
    "Australia": "#E69F00",
    "Myanmar": "#009E73",
    "India": "#CC79A7",
    "Brazil": "#56B4E9",
    "Vietnam": "#882255",
    "Russia": "#332288",
    "Malaysia": "#44AA99",
    "Thailand": "#999933",
    "Nigeria": "#117733",
    "Madagascar": "#AA4499",
    "Japan": "#CC6677",
    "Germany": "#DDCC77",
    "South Korea": "#88CCEE",
    "Greenland": "#F0E442",
    "Tanzania": "#663333",
    "South Africa": "#225555",
    "Canada": "#EE8866",
}
# NA_GREY also writes "NA" beside a missing bar, so it keeps 4.5:1 on white.
WORLD_GREY, OTHER_GREY, NA_GREY = "#404040", "#9A9A9A", "#6E6E6E"
_FALLBACK = ["#6699CC", "#997700", "#994455", "#004488", "#EE99AA", "#666633", "#225522", "#BB5566", "#77AADD"]
SERIES_DARK, SERIES_LIGHT = "#2F4B7C", "#8FB3D9"  # for measures that are not a country
INK, MUTED, AXIS, GRID = "#111111", "#444444", "#555555", "#E6E6E6"

TITLE_SIZE, BODY_SIZE, SOURCE_SIZE, SMALL_SIZE = 22, 16, 14, 13
FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
TEMPLATE = "dashboard"

pio.templates[TEMPLATE] = go.layout.Template(layout=dict(
    font=dict(family=FONT_FAMILY, size=BODY_SIZE, color="#222222"),
    title=dict(font=dict(size=TITLE_SIZE, color=INK)),
    paper_bgcolor="white", plot_bgcolor="white", colorway=OKABE_ITO,
    xaxis=dict(showgrid=False, zeroline=False, showline=True, linecolor=AXIS, ticks="outside",
               tickcolor=AXIS, automargin=True, title=dict(standoff=12)),
    yaxis=dict(showgrid=True, gridcolor=GRID, zeroline=False, showline=False, automargin=True, tickformat=",",
               title=dict(standoff=12)),
    legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom", title=dict(text=""),
                font=dict(size=BODY_SIZE), bgcolor="rgba(0,0,0,0)"),
    hoverlabel=dict(font=dict(size=BODY_SIZE), bgcolor="white", align="left"),
    separators=".,",
))


def colour_for(name, entity_type: str | None = None) -> str:
    """The colour of a country on every chart; greys for world and residual rows."""
    label = str(name)
    low = label.lower()
    if entity_type == "world" or low.startswith("world"):
        return WORLD_GREY
    if entity_type in ("other", "unassigned") or low.startswith(("other", "rest of", "not itemised")):
        return OTHER_GREY
    if label in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[label]
    # crc32, not hash(): Python salts str hashes per process, and colours must not move.
    return _FALLBACK[zlib.crc32(label.encode("utf-8")) % len(_FALLBACK)]


def download_config(filename: str) -> dict:
    """Plotly config for a client-side PNG of the figure as laid out for a 1280x720 slide."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(filename).removesuffix(".png")) or "chart"
    return {
        "toImageButtonOptions": {"format": "png", "filename": safe, "scale": 2, "width": 1280, "height": 720},
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
        "responsive": True,
        # The map outline is served by the app itself (static/), not fetched from plotly's CDN.
        "topojsonURL": "app/static/",
    }
