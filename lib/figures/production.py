"""Mine production: countries over years, and the world since 1900. Estimates are hollow markers."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures.access import dashes, symbols
from lib.figures.layout import empty_figure, finish, hover, legend_key, nothing
from lib.figures.text import br, esc, flag, number, tonnes, true
from lib.figures.theme import NA_GREY, WORLD_GREY, colour_for

VALUE = "mine_production_t_reo"
BASIS_TEXT = {
    "reported": "reported",
    "estimated": "USGS estimate",
    "official_quota": "China's official mining quota (undocumented output not included)",
    "estimated_from_china_imports": "USGS estimate from China's reported imports from this country",
    "reo_content_of_exports": "REO content of exports",
}


def _hover(r: pd.Series, country: str, year: int) -> str:
    published = r.get("value_as_published")
    shown = f"{esc(published)} t" if pd.notna(published) else tonnes(number(r.get(VALUE)))
    est = " (estimated)" if true(r.get("estimated")) else ""
    parts = [f"<b>{esc(country)}</b> {year}", f"{shown} REO{est}"]
    if pd.notna(r.get("share_pct")):
        parts.append(f"Share of world: {r['share_pct']:.1f}%")
    if pd.notna(r.get("basis")) and r.get("basis") != "reported":
        parts.append(f"Basis: {esc(BASIS_TEXT.get(r['basis'], r['basis']))}")
    parts.append(f"USGS edition: {esc(r.get('edition'))}")
    if pd.notna(r.get("note")) and r.get("note"):
        parts.append(br(r["note"]))
    return "<br>".join(parts)


def production_lines(df: pd.DataFrame, mode: str = "absolute", *, title: str, subtitle: str, source: str) -> go.Figure:
    """One line per country over the years of the frame (one row per country and year, as given), in
    tonnes or, with mode='share', its `share_pct` column; absent years are gaps, estimates hollow."""
    if mode not in ("absolute", "share"):
        raise ValueError("mode is 'absolute' or 'share'")
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df[df["entity_type"] == "country"].copy()
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["year"] = d["year"].astype("int64")
    d["estimated"] = flag(d, "estimated")
    years = list(range(d["year"].min(), d["year"].max() + 1))
    last = d.sort_values("year").groupby("country")[VALUE].last()
    countries = pd.to_numeric(last, errors="coerce").sort_values(ascending=False, na_position="last").index
    fig = go.Figure()
    colours = [colour_for(c) for c in countries]
    # Lines whose colours some viewers cannot tell apart also differ in dash and marker shape.
    for country, colour, dash, symbol in zip(countries, colours, dashes(colours), symbols(colours), strict=True):
        g = d[d["country"] == country].set_index("year").reindex(years)  # absent years become gaps
        column = g["share_pct"] if mode == "share" else g[VALUE] / 1e3
        present = g["country"].notna()
        fig.add_trace(go.Scatter(**hover(dict(
            x=years, y=pd.to_numeric(column, errors="coerce").astype("float64"), mode="lines+markers", name=country,
            connectgaps=False, line=dict(color=colour, width=3, dash=dash),
            marker=dict(size=10, color=colour, line=dict(width=2, color=colour),
                        symbol=[f"{symbol}-open" if true(e) else symbol for e in g["estimated"]]),
        ), [_hover(r, country, yr) if p else "" for (yr, r), p in zip(g.iterrows(), present, strict=True)])))
    if d["estimated"].any():
        legend_key(fig, "reported", symbol="circle")
        legend_key(fig, "estimated (hollow)", symbol="circle-open", line=dict(width=2, color=NA_GREY))
    axis = "% of world mine production" if mode == "share" else "Thousand tonnes REO"
    fig.update_layout(xaxis=dict(title=None, dtick=1 if len(years) <= 12 else None),
                      yaxis=dict(title=dict(text=axis), rangemode="tozero"))
    return finish(fig, title, subtitle, source)


def world_production_long_run(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """World mine production over the years of the frame (one world row per year, as given), one line."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df[df["entity_type"] == "world"].copy()
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["year"] = d["year"].astype("int64")
    d = d.set_index("year")
    years = list(range(d.index.min(), d.index.max() + 1))
    g = d.reindex(years)
    texts = [_hover(r, "World", yr) if pd.notna(r["edition"]) else "" for yr, r in g.iterrows()]
    fig = go.Figure(go.Scatter(**hover(dict(
        x=years, y=pd.to_numeric(g[VALUE], errors="coerce").astype("float64") / 1e3, mode="lines", name="World",
        connectgaps=False, line=dict(color=WORLD_GREY, width=3),
    ), texts)))
    fig.update_layout(showlegend=False, hovermode="x",
                      xaxis=dict(title=None), yaxis=dict(title=dict(text="Thousand tonnes REO"), rangemode="tozero"))
    return finish(fig, title, subtitle, source)
