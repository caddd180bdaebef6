"""Figure builders: a DataFrame in, a plotly Figure out. No Streamlit, no I/O.

Every builder takes keyword-only title (the finding), subtitle (unit and coverage) and
source (the source line) and passes them to finish(), so one figure serves the page, a PNG
export and a slide. Layout is tuned for 1280x720. In Streamlit, render with
st.plotly_chart(fig, theme=None, config=download_config(name)): the default Streamlit
theme would replace this template.
"""

from __future__ import annotations

import html
import math
import textwrap
import zlib

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from lib import metrics

# --- style ---------------------------------------------------------------------------------

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
    "World": "#404040",
    "Rest of world": "#9A9A9A",
}
ALIASES = {"USA": "United States", "U.S.": "United States", "United States of America": "United States",
           "Korea, Republic of": "South Korea", "Republic of Korea": "South Korea", "Korea": "South Korea",
           "Viet Nam": "Vietnam", "Russian Federation": "Russia", "Burma": "Myanmar"}
WORLD_GREY, OTHER_GREY, NA_GREY = "#404040", "#9A9A9A", "#7A7A7A"
_FALLBACK = ["#6699CC", "#997700", "#994455", "#004488", "#EE99AA", "#666633", "#225522", "#BB5566", "#77AADD"]
SERIES_DARK, SERIES_LIGHT = "#2F4B7C", "#8FB3D9"  # for measures that are not a country

TITLE_SIZE, BODY_SIZE, SOURCE_SIZE, SMALL_SIZE = 22, 16, 14, 13
# Characters per line; plotly does not wrap text itself. These fit a plot area about 700 px
# wide (a 1280 px screen with the sidebar open), so they also fit the 1280 px slide.
TITLE_WRAP, SUBTITLE_WRAP, SOURCE_WRAP = 60, 80, 100
NO_DATA = "No data reported for this selection"
TEMPLATE = "dashboard"

pio.templates[TEMPLATE] = go.layout.Template(layout=dict(
    font=dict(family="Liberation Sans, Arial, Helvetica, sans-serif", size=BODY_SIZE, color="#222222"),
    title=dict(font=dict(size=TITLE_SIZE, color="#111111")),
    paper_bgcolor="white", plot_bgcolor="white", colorway=OKABE_ITO,
    xaxis=dict(showgrid=False, zeroline=False, showline=True, linecolor="#555555", ticks="outside",
               tickcolor="#555555", automargin=True, title=dict(standoff=12)),
    yaxis=dict(showgrid=True, gridcolor="#E6E6E6", zeroline=False, showline=False, automargin=True, tickformat=",",
               title=dict(standoff=12)),
    legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom", title=dict(text=""),
                font=dict(size=BODY_SIZE), bgcolor="rgba(0,0,0,0)"),
    hoverlabel=dict(font=dict(size=BODY_SIZE), bgcolor="white", align="left"),
    separators=".,",
))


def colour_for(name, entity_type: str | None = None) -> str:
    """The colour of a country on every chart; greys for world and residual rows."""
    label = ALIASES.get(str(name), str(name))
    low = label.lower()
    if entity_type == "world" or low.startswith("world"):
        return WORLD_GREY
    if entity_type == "other" or low.startswith(("other", "rest of")) or low == "not itemised":
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


# --- text helpers --------------------------------------------------------------------------

def _esc(text) -> str:
    # Data text may hold '<' or '>' ('>90,000,000'), which plotly would read as markup.
    return "" if text is None or (not isinstance(text, str) and pd.isna(text)) else html.escape(str(text), quote=False)


def _lines(text, width: int) -> list[str]:
    if text is None or (not isinstance(text, str) and pd.isna(text)) or not str(text).strip():
        return []
    return [_esc(line) for para in str(text).split("\n") for line in (textwrap.wrap(para, width) or [""])]


def _true(x) -> bool:
    return x is not None and not pd.isna(x) and bool(x)


def _f(x) -> float:
    return float("nan") if x is None or pd.isna(x) else float(x)


def _br(text, width: int = 60) -> str:
    return "<br>".join(_lines(text, width))


def _tonnes(v) -> str:
    return "not available" if pd.isna(v) else f"{v:,.0f} t"


def _short_tonnes(v) -> str:
    if pd.isna(v):
        return ""
    if v >= 1e6:
        return f"{v / 1e6:.3g} Mt"
    return f"{v / 1e3:.3g} kt" if v >= 1e3 else f"{v:,.0f} t"


def _pct(v, digits: int = 0) -> str:
    return "" if pd.isna(v) else f"{v:.{digits}f}%"


def _flag(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df:
        return pd.Series(False, index=df.index)
    return df[col].astype("object").fillna(False).astype(bool)


def _is(df: pd.DataFrame, col: str, *values) -> pd.Series:
    return df[col].isin(values).fillna(False).astype(bool) if col in df else pd.Series(False, index=df.index)


def _text_col(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df:
        return pd.Series("", index=df.index, dtype="object")
    return df[col].astype("object").where(df[col].notna(), "")


def _hover(trace_kwargs: dict, texts) -> dict:
    return trace_kwargs | {"hovertext": list(texts), "hovertemplate": "%{hovertext}<extra></extra>"}


# --- the frame every figure shares ---------------------------------------------------------

LEGEND_SHORT_NAME = 28  # characters that fit a third of the plot width at the body font size


def _legend_names(fig: go.Figure) -> list[str]:
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or not names:
        return []
    # Plotly's default hides the legend of a single-trace figure.
    if fig.layout.showlegend is None and len(fig.data) < 2 and not any(t.showlegend for t in fig.data):
        return []
    return names


def _legend_grid(names: list[str]) -> tuple[float, int]:
    """(entry width as a fraction of the plot, rows). A fixed grid makes the legend's height
    predictable, so the title block above it can be sized exactly instead of guessed."""
    if not names:
        return 1.0, 0
    per_row = 1 if max(len(n) for n in names) > LEGEND_SHORT_NAME else 3
    return 1 / per_row, math.ceil(len(names) / per_row)


def _tick_lines(fig: go.Figure) -> int:
    """Lines in the longest category label on the x axis (stage labels run to three)."""
    lines = 1
    for t in fig.data:
        xs = getattr(t, "x", None)
        if xs is not None and len(xs) and isinstance(xs[0], str):
            lines = max(lines, *(str(x).count("<br>") + 1 for x in xs))
    return lines


# Advance widths of Liberation Sans Regular (metric-compatible with Arial, the template's font), in
# thousandths of an em, for printable ASCII from space to '~'; other characters count as the widest, 'W'.
_GLYPHS = "".join(chr(c) for c in range(32, 127))
_WIDTHS = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
           556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
           500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
           556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
           278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_EM = dict(zip(_GLYPHS, _WIDTHS, strict=True))


def _text_px(text: str, size: float) -> float:
    return sum(_EM.get(ch, 944) for ch in html.unescape(text)) * size / 1000


def _y_tick_labels(fig: go.Figure) -> list[str]:
    """The first y axis's tick labels, or for a numeric axis the longest one plotly could print."""
    axis = fig.layout.yaxis
    if axis.visible is False:
        return []
    if axis.ticktext is not None:
        return [str(t) for t in axis.ticktext]
    if axis.tickvals is not None:
        return [f"{v:,}" for v in axis.tickvals]
    values = [v for t in fig.data if (getattr(t, "yaxis", None) or "y") == "y" and getattr(t, "y", None) is not None
              for v in t.y]
    words = [str(v) for v in values if isinstance(v, str)]
    if words:
        return words
    numbers = [abs(float(v)) for v in values if v is not None and not pd.isna(v)]
    if not numbers:
        return []
    top = max(numbers) * 1.1  # plotly pads the range a little; its top tick is no longer than this
    return [f"{top:,.0f}" if top >= 10 else f"{top:.1f}"]


def _left_margin(fig: go.Figure) -> int:
    """Room for the y axis's tick labels and title, reserved before plotly lays the chart out.

    Plotly's automargin would find the room itself, but only by drawing the chart a second time,
    which costs a viewer's browser about a fifth of the chart's first draw (bench/RESULTS.md, 1f).
    Automargin stays on as the safety net should this estimate ever fall short.
    """
    labels = _y_tick_labels(fig)
    room = max((_text_px(t, BODY_SIZE) for t in labels), default=0) + 14
    if labels and fig.layout.yaxis.title.text:
        room += BODY_SIZE + 12 + 6  # the rotated title's line, its standoff and a little air
    return max(70, math.ceil(room))


def _has_bottom_axis(fig: go.Figure) -> bool:
    if fig.layout.xaxis.visible is False:
        return False
    return any(t.type not in ("choropleth", "scattergeo") for t in fig.data)


def finish(fig: go.Figure, title: str, subtitle: str, source: str) -> go.Figure:
    """Apply the template, put title and subtitle on top and the source line under the plot.

    All three are annotations (named 'title', 'subtitle', 'source') placed in pixels from
    the plot area, and the margins are computed from the wrapped line counts, so the text
    neither overlaps the plot nor gets clipped at 1280x720. Plotly's own title is not used
    because it misplaces multi-line titles. The plain strings are also kept in layout.meta.
    """
    title_lines, sub_lines, src_lines = (_lines(title, TITLE_WRAP), _lines(subtitle, SUBTITLE_WRAP),
                                         _lines(source, SOURCE_WRAP))
    entry_width, legend_rows = _legend_grid(_legend_names(fig))
    header = 26 * legend_rows
    if any(a.y == 1 and a.yanchor == "bottom" for a in fig.layout.annotations):
        header = max(header, 28)  # subplot titles sit just above the plot area
    sub_h = 21 * len(sub_lines)
    title_h = 28 * len(title_lines)
    has_x_title = bool(fig.layout.xaxis.title.text)
    below = (14 + 22 * _tick_lines(fig) + (30 if has_x_title else 0)) if _has_bottom_axis(fig) else 8
    fig.update_layout(
        template=TEMPLATE,
        margin=dict(t=header + sub_h + title_h + 30, b=below + 19 * len(src_lines) + 14, l=_left_margin(fig),
                    r=40),
        meta=dict(title=title, subtitle=subtitle, source=source),
    )
    if fig.layout.height is None:
        # Streamlit's default 450 px leaves too little plot once title and source are in.
        fig.update_layout(height=620)
    if header:
        fig.update_layout(legend=dict(y=1.0, yanchor="bottom", yref="paper", x=0, xanchor="left",
                                      entrywidth=entry_width - 0.01, entrywidthmode="fraction"))
    common = dict(showarrow=False, align="left", x=0, xref="paper", yref="paper", xanchor="left")
    fig.add_annotation(name="subtitle", text="<br>".join(sub_lines), y=1, yanchor="bottom", yshift=header + 6,
                       font=dict(size=BODY_SIZE, color="#444444"), **common)
    fig.add_annotation(name="title", text="<br>".join(title_lines), y=1, yanchor="bottom",
                       yshift=header + sub_h + 10, font=dict(size=TITLE_SIZE, color="#111111"), **common)
    fig.add_annotation(name="source", text="<br>".join(src_lines), y=0, yanchor="top", yshift=-below,
                       font=dict(size=SOURCE_SIZE, color="#444444"), **common)
    return fig


def empty_figure(*, title: str, subtitle: str, source: str, message: str = NO_DATA) -> go.Figure:
    """A figure that says there is nothing to show, with the usual title and source."""
    fig = go.Figure()
    fig.add_annotation(name="no_data", text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=20, color="#555555"))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), showlegend=False)
    return finish(fig, title, subtitle, source)


def _nothing(df) -> bool:
    return df is None or len(df) == 0


def _one_edition(df: pd.DataFrame, builder: str) -> None:
    if "edition" in df and df["edition"].nunique() > 1:
        raise ValueError(f"{builder} shows one edition; filter the frame to one first.")


def _legend_key(fig: go.Figure, name: str, **marker) -> None:
    """A legend-only entry that explains a marker style."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                             marker=dict(size=12, color=NA_GREY) | marker, showlegend=True))


# --- reserves ------------------------------------------------------------------------------

def _reserves_hover(d: pd.DataFrame, world_text: str) -> list[str]:
    out = []
    for _, r in d.iterrows():
        shown = r["value_as_published"] if pd.notna(r.get("value_as_published")) else _tonnes(r["reserves_t_reo"])
        if pd.notna(r["share_pct"]):
            share = f"Share of world: {r['share_pct']:.1f}%"
        elif world_text:
            share = f"Share of world: not computable (world total published as {_esc(world_text)})"
        else:
            share = "Share of world: no world total in this table"
        status = "" if r.get("value_status") in ("value", None) else f" ({_esc(r.get('value_status'))})"
        note = _br(r.get("note")) if pd.notna(r.get("note")) else ""
        out.append(f"<b>{_esc(r['country'])}</b><br>Reserves: {_esc(shown)} t REO{status}<br>{share}"
                   + (f"<br>{note}" if note else ""))
    return out


def _reserves_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    d = metrics.share_of_world(df, "reserves_t_reo", ["edition"] if "edition" in df else [])
    world = d[_is(d, "entity_type", "world")]
    world_text = str(world["value_as_published"].iloc[0]) if len(world) and "value_as_published" in d else ""
    d = d[~_is(d, "entity_type", "world")].copy()
    d["_value"] = metrics.as_float(d["reserves_t_reo"])
    return d, world_text


def reserves_bar(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Horizontal bars of one edition's reserves, largest on top; NA countries kept with an 'NA' marker."""
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    _one_edition(df, "reserves_bar")
    d, world_text = _reserves_frame(df)
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    is_other = _is(d, "entity_type", "other")
    numbered = d[d["_value"].notna() & ~is_other].sort_values("_value", ascending=False)
    missing = d[d["_value"].isna() & ~is_other].sort_values("country")
    residual = d[is_other]
    order = list(numbered["country"]) + list(missing["country"]) + list(residual["country"])
    bars = pd.concat([numbered, residual[residual["_value"].notna()]])
    fig = go.Figure(go.Bar(**_hover(dict(
        x=bars["_value"] / 1e6, y=bars["country"], orientation="h", showlegend=False,
        marker=dict(color=[colour_for(c, e) for c, e in zip(bars["country"], bars["entity_type"], strict=True)]),
        text=[_short_tonnes(v) for v in bars["_value"]], textposition="outside", cliponaxis=False,
    ), _reserves_hover(bars, world_text))))
    gaps = pd.concat([missing, residual[residual["_value"].isna()]])
    if len(gaps):
        labels = [_esc(t) or "NA" for t in _text_col(gaps, "value_as_published")]
        fig.add_trace(go.Scatter(**_hover(dict(
            x=[0] * len(gaps), y=gaps["country"], mode="markers+text", name="Not available (no figure published)",
            marker=dict(symbol="line-ns-open", size=22, color=NA_GREY, line=dict(width=3)),
            text=labels, textposition="middle right", textfont=dict(color=NA_GREY), cliponaxis=False,
        ), _reserves_hover(gaps, world_text))))
    top = float(bars["_value"].max() / 1e6) if len(bars) else 1.0
    fig.update_layout(
        showlegend=bool(len(gaps)), bargap=0.25,
        # Every country gets its label: plotly would otherwise skip every other one on a short chart.
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", showgrid=False, title=None,
                   tickmode="array", tickvals=order, ticktext=[_esc(c) for c in order]),
        height=max(620, 300 + 30 * len(order)),
        xaxis=dict(title=dict(text="Million tonnes REO"), range=[0, top * 1.18], tickformat=",", showgrid=True,
                   gridcolor="#E6E6E6", showline=False),
    )
    return finish(fig, title, subtitle, source)


def reserves_map(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Choropleth of one edition's reserves by iso3; NA countries in a separate grey layer."""
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    _one_edition(df, "reserves_map")
    d, world_text = _reserves_frame(df)
    d = d[_is(d, "entity_type", "country") & d["iso3"].notna() & (_text_col(d, "iso3") != "")]
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    known, gaps = d[d["_value"].notna()], d[d["_value"].isna()]
    fig = go.Figure(go.Choropleth(**_hover(dict(
        locations=known["iso3"], z=known["_value"] / 1e6, locationmode="ISO-3", name="Reserves",
        colorscale=[[0, "#D6E6F4"], [0.5, "#4A90C2"], [1, "#08306B"]], marker_line=dict(color="white", width=0.5),
        colorbar=dict(title=dict(text="Mt REO"), thickness=16, len=0.75, x=1.0),
    ), _reserves_hover(known, world_text))))
    if len(gaps):
        fig.add_trace(go.Choropleth(**_hover(dict(
            locations=gaps["iso3"], z=[0] * len(gaps), locationmode="ISO-3", showscale=False, showlegend=True,
            name="Not available (NA)", colorscale=[[0, "#BDBDBD"], [1, "#BDBDBD"]],
            marker_line=dict(color="white", width=0.5),
        ), _reserves_hover(gaps, world_text))))
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="#FFFFFF", showland=True, landcolor="#EFEFEF",
                    lataxis_range=[-58, 85], bgcolor="white")
    fig.update_layout(showlegend=bool(len(gaps)))
    return finish(fig, title, subtitle, source)


# --- production ----------------------------------------------------------------------------

BASIS_TEXT = {
    "reported": "reported",
    "estimated": "USGS estimate",
    "official_quota": "China's official mining quota (undocumented output not included)",
    "estimated_from_china_imports": "USGS estimate from China's reported imports from this country",
    "reo_content_of_exports": "REO content of exports",
}


def _production_hover(r: pd.Series, country: str, year: int, share=None) -> str:
    published = r.get("value_as_published")
    shown = f"{_esc(published)} t" if pd.notna(published) else _tonnes(_f(r.get("mine_production_t_reo")))
    est = " (estimated)" if _true(r.get("estimated")) else ""
    parts = [f"<b>{_esc(country)}</b> {year}", f"{shown} REO{est}"]
    if share is not None and pd.notna(share):
        parts.append(f"Share of world: {share:.1f}%")
    if pd.notna(r.get("basis")) and r.get("basis") != "reported":
        parts.append(f"Basis: {_esc(BASIS_TEXT.get(r['basis'], r['basis']))}")
    parts.append(f"USGS edition: {_esc(r.get('edition'))}")
    if pd.notna(r.get("note")) and r.get("note"):
        parts.append(_br(r["note"]))
    return "<br>".join(parts)


def production_lines(df: pd.DataFrame, mode: str = "absolute", *, title: str, subtitle: str, source: str) -> go.Figure:
    """Mine production by country over years (latest edition per year); hollow markers = estimated.

    mode='share' divides by the same year's world row (missing where there is none).
    """
    if mode not in ("absolute", "share"):
        raise ValueError("mode is 'absolute' or 'share'")
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = metrics.latest_production(df)
    d = metrics.share_of_world(d, "mine_production_t_reo", ["year"])
    d = d[_is(d, "entity_type", "country")].copy()
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["year"] = d["year"].astype("int64")
    d["estimated"] = _flag(d, "estimated")
    years = list(range(d["year"].min(), d["year"].max() + 1))
    last = d.sort_values("year").groupby("country")["mine_production_t_reo"].last()
    countries = metrics.as_float(last).sort_values(ascending=False, na_position="last").index
    fig = go.Figure()
    for country in countries:
        g = d[d["country"] == country].set_index("year").reindex(years)  # absent years become gaps
        y = metrics.as_float(g["share_pct"]) if mode == "share" else metrics.as_float(g["mine_production_t_reo"]) / 1e3
        present = g["country"].notna()
        fig.add_trace(go.Scatter(**_hover(dict(
            x=years, y=y, mode="lines+markers", name=country, connectgaps=False,
            line=dict(color=colour_for(country), width=3),
            marker=dict(size=10, color=colour_for(country), line=dict(width=2, color=colour_for(country)),
                        symbol=["circle-open" if _true(e) else "circle" for e in g["estimated"]]),
        ), [_production_hover(r, country, yr, r["share_pct"]) if p else ""
            for (yr, r), p in zip(g.iterrows(), present, strict=True)])))
    if d["estimated"].any():
        _legend_key(fig, "reported", symbol="circle")
        _legend_key(fig, "estimated (hollow)", symbol="circle-open", line=dict(width=2, color=NA_GREY))
    axis = "% of world mine production" if mode == "share" else "Thousand tonnes REO"
    fig.update_layout(xaxis=dict(title=None, dtick=1 if len(years) <= 12 else None),
                      yaxis=dict(title=dict(text=axis), rangemode="tozero"))
    return finish(fig, title, subtitle, source)


def world_production_long_run(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """World mine production, first year to latest, one line; the edition of each year in hover."""
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = metrics.latest_production(df)
    d = d[_is(d, "entity_type", "world")].copy()
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["year"] = d["year"].astype("int64")
    d["_rank"] = d["edition"].map({e: i for i, e in enumerate(metrics.EDITION_ORDER)})
    d = d.sort_values(["year", "_rank"]).drop_duplicates("year", keep="last").set_index("year")
    years = list(range(d.index.min(), d.index.max() + 1))
    g = d.reindex(years)
    texts = [_production_hover(r, "World", yr) if pd.notna(r["edition"]) else "" for yr, r in g.iterrows()]
    fig = go.Figure(go.Scatter(**_hover(dict(
        x=years, y=metrics.as_float(g["mine_production_t_reo"]) / 1e3, mode="lines", name="World", connectgaps=False,
        line=dict(color=WORLD_GREY, width=3),
    ), texts)))
    fig.update_layout(showlegend=False, hovermode="x",
                      xaxis=dict(title=None), yaxis=dict(title=dict(text="Thousand tonnes REO"), rangemode="tozero"))
    return finish(fig, title, subtitle, source)


# --- supply-chain stages -------------------------------------------------------------------

STAGE_ORDER = ["mining", "refining", "magnet_manufacturing"]
STAGE_LABEL = {"mining": "Mining", "refining": "Refining", "magnet_manufacturing": "Magnet manufacturing"}


def _stage_label(r) -> str:
    label = f"{STAGE_LABEL.get(r['stage'], r['stage'])}<br>{int(r['year'])}"
    if r.get("case") == "projection":
        scenario = r.get("scenario") if isinstance(r.get("scenario"), str) and r.get("scenario") else None
        label += f"<br><i>projection, {_esc(scenario)}</i>" if scenario else "<br><i>projection</i>"
    return label


def _stage_sorted(df: pd.DataFrame) -> pd.DataFrame:
    key = df["stage"].map({s: i for i, s in enumerate(STAGE_ORDER)}).fillna(len(STAGE_ORDER))
    case = df["case"].map({"actual": 0, "projection": 1}) if "case" in df else 0
    return df.assign(_s=key, _c=case).sort_values(["_s", "_c", "year"]).drop(columns=["_s", "_c"])


def _projection_style(is_proj: list[bool]) -> dict:
    # overlay: the bar keeps its colour and the hatching is drawn on top of it.
    return dict(pattern=dict(shape=["/" if p else "" for p in is_proj], fillmode="overlay",
                             fgcolor="white", solidity=0.3),
                opacity=[0.65 if p else 1.0 for p in is_proj])


def stage_concentration(conc_df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Top-1 and top-3 country shares per stage (mine -> refining -> magnets), HHI in the label.

    Takes metrics.concentration() output. Projections are hatched, lighter and labelled.
    """
    if _nothing(conc_df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = _stage_sorted(conc_df).reset_index(drop=True)
    x = [_stage_label(r) for _, r in d.iterrows()]
    proj = list(_is(d, "case", "projection"))
    top1, top3, hhi = metrics.as_float(d["top_share_pct"]), metrics.as_float(d["top3_share_pct"]), metrics.as_float(d["hhi"])
    residual = _flag(d, "residual_excluded")
    fig = go.Figure()
    fig.add_trace(go.Bar(**_hover(dict(
        x=x, y=top1, name="Largest country", offsetgroup="top1",
        marker=dict(color=SERIES_DARK) | _projection_style(proj),
        text=[f"{_esc(c)} {_pct(v)}" if pd.notna(v) else "" for c, v in zip(d["top_country"], top1, strict=True)],
        textposition="outside", cliponaxis=False,
    ), [f"<b>{lbl}</b><br>Largest: {_esc(c)} {_pct(v, 1)}<br>{_br(n)}"
        for lbl, c, v, n in zip(x, d["top_country"], top1, _text_col(d, "note"), strict=True)])))
    hhi_text = [("" if pd.isna(h) else f"HHI {'≥ ' if r else ''}{h:,.0f}") for h, r in zip(hhi, residual, strict=True)]
    fig.add_trace(go.Bar(**_hover(dict(
        x=x, y=top3, name="Top 3 countries", offsetgroup="top3",
        marker=dict(color=SERIES_LIGHT) | _projection_style(proj),
        text=[f"{_pct(v)}<br>{h}" if pd.notna(v) else "" for v, h in zip(top3, hhi_text, strict=True)],
        textposition="outside", cliponaxis=False,
    ), [f"<b>{lbl}</b><br>Top 3: {_pct(v, 1)}<br>{h}" for lbl, v, h in zip(x, top3, hhi_text, strict=True)])))
    missing = [lbl for lbl, v, t in zip(x, top3, top1, strict=True) if pd.isna(v) and pd.notna(t)]
    if missing:
        fig.add_trace(go.Scatter(x=missing, y=[1] * len(missing), mode="text", showlegend=False, hoverinfo="skip",
                                 offsetgroup="top3", text=["top 3, HHI:<br>not<br>published"] * len(missing),
                                 textposition="top center", textfont=dict(size=SMALL_SIZE, color="#555555")))
    if any(proj):
        _legend_key(fig, "projection (hatched)", symbol="square", color=SERIES_LIGHT, opacity=0.6)
    fig.update_layout(barmode="group", bargap=0.3, scattermode="group",
                      yaxis=dict(title=dict(text="% of world supply"), range=[0, 115], tickvals=[0, 25, 50, 75, 100]),
                      xaxis=dict(title=None, showline=False, ticks=""))
    return finish(fig, title, subtitle, source)


def stage_country_shares(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """100% stacked bars per stage: each country's share of world supply.

    Shares are of the source's world row where it has tonnages, else the share it states;
    what the source leaves unassigned is drawn as 'Not itemised', never spread over countries.
    """
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    keys = [k for k in ("stage", "edition", "year", "case") if k in df]
    d = metrics.share_of_world(df, "supply_kt", keys, out_col="_share")
    if "share_pct" in d:
        d["_share"] = d["_share"].where(d["_share"].notna(), metrics.as_float(d["share_pct"]))
    d = d[~_is(d, "entity_type", "world") & d["_share"].notna()]
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    groups = _stage_sorted(d.drop_duplicates(keys)[keys + (["scenario"] if "scenario" in d else [])])
    labels = {tuple(r[k] for k in keys): _stage_label(r) for _, r in groups.iterrows()}
    x_order = list(labels.values())
    d = d.assign(_x=[labels[tuple(r[k] for k in keys)] for _, r in d.iterrows()])
    rest = (100 - d.groupby("_x")["_share"].sum()).clip(lower=0)
    rest = rest[rest > 0.5]
    totals = d[_is(d, "entity_type", "country")].groupby("country")["_share"].sum().sort_values(ascending=False)
    series = [(c, d[d["country"] == c]) for c in totals.index]
    series += [(c, d[d["country"] == c]) for c in d.loc[_is(d, "entity_type", "other"), "country"].unique()]
    fig = go.Figure()
    proj_of = {lbl: "projection" in lbl for lbl in x_order}
    for name, g in series:
        fig.add_trace(go.Bar(**_hover(dict(
            x=g["_x"], y=g["_share"], name=name, marker=dict(color=colour_for(name, g["entity_type"].iloc[0]))
            | _projection_style([proj_of[v] for v in g["_x"]]),
            text=[f"{_esc(name)} {v:.0f}%" if v >= 8 else "" for v in g["_share"]], textposition="inside",
            insidetextanchor="middle",
        ), [f"<b>{_esc(name)}</b><br>{lbl}<br>{v:.1f}% of world"
            for lbl, v in zip(g["_x"], g["_share"], strict=True)])))
    if len(rest):
        fig.add_trace(go.Bar(**_hover(dict(
            x=list(rest.index), y=list(rest.values), name="Not itemised by the source",
            marker=dict(color="white", line=dict(color=OTHER_GREY, width=1.5),
                        pattern=dict(shape=".", fgcolor=OTHER_GREY)),
        ), [f"{lbl}<br>{v:.1f}%: 100% minus the shares the source gives" for lbl, v in rest.items()])))
    fig.update_layout(barmode="stack", bargap=0.35, legend=dict(traceorder="normal"),
                      xaxis=dict(title=None, categoryorder="array", categoryarray=x_order, showline=False, ticks=""),
                      yaxis=dict(title=dict(text="% of world supply"), range=[0, 100.5], tickvals=[0, 25, 50, 75, 100]))
    return finish(fig, title, subtitle, source)


# --- trade ---------------------------------------------------------------------------------

def _shown_trade(df: pd.DataFrame | None, reporter: str, flow: str) -> pd.DataFrame | None:
    """The rows of one reporter's flow that may be drawn.

    Keeping to one reporter and flow stops, say, India's imports from China being merged
    into China's exports to India. Unverified rows rest on one weak source: never drawn.
    """
    if _nothing(df):
        return df
    keep = ~_is(df, "status", "unverified")
    if "reporter" in df:
        keep &= _is(df, "reporter", reporter)
    if "flow" in df:
        keep &= _is(df, "flow", flow)
    return df[keep]


def _month_start(df: pd.DataFrame) -> pd.Series:
    if "period_start" in df and df["period_start"].notna().all():
        start = pd.to_datetime(df["period_start"])
    else:
        start = pd.to_datetime(df["period"].astype(str).str[:7], format="%Y-%m")
    return start.dt.to_period("M").dt.to_timestamp()


CLOSE_EVENTS_DAYS = 10


def _events_layer(fig: go.Figure, events: pd.DataFrame | None, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """Vertical lines with staggered short labels; hover on an invisible marker at each label."""
    if _nothing(events):
        return
    ev = events.assign(_d=pd.to_datetime(events["event_date"]))
    ev = ev[(ev["_d"] >= lo) & (ev["_d"] <= hi)].sort_values("_d").reset_index(drop=True)
    if ev.empty:
        return
    # Labels run up the event line, right of it; an event followed within ten days by another has its
    # label left of its line, so a close pair (30 Oct and 7 Nov 2025) reads apart instead of touching. The
    # label background is light enough that a data line under it still shows.
    ys = [0.99] * len(ev)
    close_to_next = (ev["_d"].shift(-1) - ev["_d"]) <= pd.Timedelta(days=CLOSE_EVENTS_DAYS)
    for (_, e), y, left in zip(ev.iterrows(), ys, close_to_next, strict=True):
        fig.add_shape(type="line", x0=e["_d"], x1=e["_d"], y0=0, y1=1, xref="x", yref="paper",
                      line=dict(color="#777777", width=1.5, dash="dot"), name="event")
        label = _esc(textwrap.shorten(str(e["title"]), 30, placeholder="…"))
        fig.add_annotation(x=e["_d"], y=y, xref="x", yref="paper", text=label, showarrow=False, name="event",
                           textangle=-90, xanchor="right" if left else "left", yanchor="top", xshift=-2 if left else 2,
                           bgcolor="rgba(255,255,255,0.6)", font=dict(size=SMALL_SIZE, color="#333333"))
    texts = [f"<b>{_esc(e['title'])}</b><br>{e['_d']:%d %b %Y}"
             + (" (month only)" if e.get("date_precision") == "month" else "")
             + (f" · {_esc(e['actor'])}" if pd.notna(e.get("actor")) else "")
             + (f"<br>{_br(e['description'])}" if pd.notna(e.get("description")) else "")
             + (" <i>(secondary)</i>" if e.get("status") == "secondary" else "")
             for _, e in ev.iterrows()]
    fig.add_trace(go.Scatter(**_hover(dict(
        x=ev["_d"], y=ys, yaxis="y2", mode="markers", name="Policy events", showlegend=False,
        marker=dict(size=18, color="rgba(0,0,0,0)"),
    ), texts)))
    fig.update_layout(yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True))


def _trade_hover(r: pd.Series, when: str, value_text: str) -> str:
    parts = [f"<b>{_esc(r['partner'])}</b> · {when}", value_text
             + (" <i>(secondary)</i>" if r.get("status") == "secondary" else "")]
    if pd.notna(r.get("product_scope")):
        parts.append(_br(r["product_scope"]))
    if pd.notna(r.get("reported_change")) and r.get("reported_change"):
        parts.append(f"Reported change: {_esc(r['reported_change'])}")
    if pd.notna(r.get("source_id")):
        parts.append(f"Source: {_esc(r['source_id'])}")
    return "<br>".join(parts)


def magnet_exports(df: pd.DataFrame, events: pd.DataFrame | None = None, *, title: str, subtitle: str,
                   source: str, reporter: str = "China", flow: str = "export") -> go.Figure:
    """China's monthly magnet exports (t) for World and each destination; missing months are gaps.

    Only month rows of the reporter's flow are drawn. Unverified rows are dropped; secondary
    rows get hollow markers. Each (partner, product scope) is its own line, so scopes are
    never merged; a confirmed figure wins over a secondary one for the same month.
    """
    d = _shown_trade(df, reporter, flow)
    if not _nothing(d):
        d = d[_is(d, "period_type", "month")].copy()
    if _nothing(d):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["_month"] = _month_start(d)
    d["_rank"] = d["status"].map({"confirmed": 0, "secondary": 1}).fillna(2) if "status" in d else 0
    d = d.sort_values("_rank").drop_duplicates(["partner", "product_scope", "_month"], keep="first")
    months = pd.date_range(d["_month"].min(), d["_month"].max(), freq="MS")
    several_scopes = d["product_scope"].nunique() > 1
    volume = metrics.as_float(d["mass_t"]).fillna(0).groupby(d["partner"]).sum()
    # World first, then the largest destinations, so the legend reads in order of size.
    world_first = sorted(d.groupby(["partner", "product_scope"]).groups,
                         key=lambda k: (str(k[0]).lower() != "world", -volume[k[0]]))
    fig = go.Figure()
    for partner, scope in world_first:
        g = d[(d["partner"] == partner) & (d["product_scope"] == scope)].set_index("_month").reindex(months)
        colour = colour_for(partner)
        secondary = _is(g, "status", "secondary")
        name = f"{partner} ({scope})" if several_scopes else str(partner)
        texts = ["" if pd.isna(r["partner"]) else _trade_hover(r, f"{m:%b %Y}", _tonnes(_f(r["mass_t"])))
                 for m, r in g.iterrows()]
        fig.add_trace(go.Scatter(**_hover(dict(
            x=months, y=metrics.as_float(g["mass_t"]), mode="lines+markers", name=name, connectgaps=False,
            line=dict(color=colour, width=4 if str(partner).lower() == "world" else 2.5),
            marker=dict(size=10, color=colour, line=dict(width=2, color=colour),
                        symbol=["circle-open" if s else "circle" for s in secondary]),
        ), texts)))
    if _is(d, "status", "secondary").any():
        _legend_key(fig, "secondary source (hollow)", symbol="circle-open", line=dict(width=2, color=NA_GREY))
    _events_layer(fig, events, months[0], months[-1] + pd.offsets.MonthEnd(1))
    fig.update_layout(xaxis=dict(title=None, tickformat="%b %Y", range=[months[0] - pd.Timedelta(days=15),
                                                                            months[-1] + pd.Timedelta(days=15)]),
                      yaxis=dict(title=dict(text="Tonnes per month"), rangemode="tozero"), hovermode="closest")
    return finish(fig, title, subtitle, source)


def india_imports(df: pd.DataFrame, measure: str = "mass_t", *, title: str, subtitle: str, source: str,
                  reporter: str = "India", flow: str = "import") -> go.Figure:
    """India's reported imports by period as grouped bars, one series per product scope (and partner).

    Different product scopes are different series side by side: never stacked or summed.
    Periods of different length (month, fiscal year) share the axis as labelled categories.
    """
    if measure not in ("mass_t", "value_usd"):
        raise ValueError("measure is 'mass_t' or 'value_usd'")
    d = _shown_trade(df, reporter, flow)
    if not _nothing(d):
        d = d[metrics.as_float(d[measure]).notna()].copy()
    if _nothing(d):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["_start"] = pd.to_datetime(d["period_start"]) if "period_start" in d else pd.NaT
    d["_end"] = pd.to_datetime(d["period_end"]) if "period_end" in d else pd.NaT
    periods = list(d.sort_values(["_start", "_end", "period"]).drop_duplicates("period")["period"].astype(str))
    scopes = list(dict.fromkeys(d["product_scope"].astype(str)))
    partners = d["partner"].nunique()
    fig = go.Figure()
    for (scope, partner), g in d.groupby(["product_scope", "partner"], sort=False):
        by_scope = len(scopes) > 1
        colour = OKABE_ITO[scopes.index(str(scope)) % len(OKABE_ITO)] if by_scope else colour_for(partner)
        secondary = list(_is(g, "status", "secondary"))
        name = f"{partner}: {scope}" if partners > 1 and by_scope else (str(scope) if by_scope else str(partner))
        value = metrics.as_float(g[measure])
        fmt = (lambda v: f"{v:,.0f} t") if measure == "mass_t" else (lambda v: f"US${v:,.0f}")
        when = [f"{p} ({_esc(t)}{', ' + f'{s:%d %b %Y}–{e:%d %b %Y}' if pd.notna(s) and pd.notna(e) else ''})"
                for p, t, s, e in zip(g["period"], _text_col(g, "period_type"), g["_start"], g["_end"], strict=True)]
        fig.add_trace(go.Bar(**_hover(dict(
            x=g["period"].astype(str), y=value, name=_esc(name),
            marker=dict(color=colour, pattern=dict(shape=["." if s else "" for s in secondary], fillmode="overlay",
                                                   fgcolor="white", solidity=0.3)),
            text=[fmt(v) for v in value], textposition="outside", cliponaxis=False,
        ), [_trade_hover(r, w, fmt(v)) for (_, r), w, v in zip(g.iterrows(), when, value, strict=True)])))
    if _is(d, "status", "secondary").any():
        fig.add_trace(go.Bar(x=[None], y=[None], name="secondary source (dotted)", hoverinfo="skip",
                             marker=dict(color=NA_GREY, pattern=dict(shape=".", fillmode="overlay", fgcolor="white",
                                                                     solidity=0.5))))
    fig.update_layout(barmode="group", bargap=0.3,
                      xaxis=dict(title=None, categoryorder="array", categoryarray=periods),
                      yaxis=dict(title=dict(text="Tonnes" if measure == "mass_t" else "US dollars"),
                                 rangemode="tozero"))
    return finish(fig, title, subtitle, source)


def us_import_sources(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Horizontal bars of import shares by partner; one panel per product and period."""
    if _nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df[metrics.as_float(df["share_pct"]).notna()]
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    panels = list(d.groupby(["product", "period"], sort=False))
    titles = [f"{_esc(p)}, {_esc(per)}" for (p, per), _ in panels] if len(panels) > 1 else None
    fig = make_subplots(rows=1, cols=len(panels), horizontal_spacing=0.12, subplot_titles=titles)
    for i, ((product, period), g) in enumerate(panels, start=1):
        g = g.assign(_v=metrics.as_float(g["share_pct"]), _other=g["partner"].astype(str).str.lower().str.startswith("other"))
        g = g.sort_values(["_other", "_v"], ascending=[True, False])
        fig.add_trace(go.Bar(**_hover(dict(
            x=g["_v"], y=g["partner"], orientation="h", showlegend=False,
            marker=dict(color=[colour_for(p, "other" if o else None)
                               for p, o in zip(g["partner"], g["_other"], strict=True)]),
            text=[_pct(v) for v in g["_v"]], textposition="outside", cliponaxis=False,
        ), [f"<b>{_esc(p)}</b><br>{v:.0f}% of U.S. imports<br>{_esc(product)}, {_esc(period)}"
            + (f"<br>{_br(n)}" if n else "")
            for p, v, n in zip(g["partner"], g["_v"], _text_col(g, "note"), strict=True)])),
            row=1, col=i)
        fig.update_yaxes(categoryorder="array", categoryarray=list(g["partner"]), autorange="reversed",
                         showgrid=False, row=1, col=i)
        fig.update_xaxes(range=[0, 115], showgrid=True, gridcolor="#E6E6E6", showline=False,
                         ticksuffix="%", row=1, col=i)
    fig.update_annotations(font=dict(size=BODY_SIZE))
    fig.update_layout(xaxis=dict(title=dict(text="Share of U.S. imports")), bargap=0.3)
    return finish(fig, title, subtitle, source)
