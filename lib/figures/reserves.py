"""Reserves of one edition: bars largest first, and a world map. Countries without a figure keep their place."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures.layout import empty_figure, finish, hover, nothing
from lib.figures.text import br, column, esc, short_tonnes, tonnes
from lib.figures.theme import GRID, NA_GREY, colour_for

VALUE = "reserves_t_reo"


def _one_edition(df: pd.DataFrame, builder: str) -> None:
    if "edition" in df and df["edition"].nunique() > 1:
        raise ValueError(f"{builder} shows one edition; filter the frame to one first.")


def _hover(d: pd.DataFrame) -> list[str]:
    out = []
    for _, r in d.iterrows():
        shown = r["value_as_published"] if pd.notna(r.get("value_as_published")) else tonnes(r[VALUE])
        status = "" if r.get("value_status") in ("value", None) else f" ({esc(r.get('value_status'))})"
        share = f"<br>Share of the countries USGS lists: {r['share_pct']:.1f}%" if pd.notna(r.get("share_pct")) else ""
        note = f"<br>{br(r.get('note'))}" if pd.notna(r.get("note")) else ""
        out.append(f"<b>{esc(r['country'])}</b><br>Reserves: {esc(shown)} t REO{status}{share}{note}")
    return out


def _listed(df: pd.DataFrame) -> pd.DataFrame:
    d = df[df["entity_type"] != "world"].copy()
    d["_value"] = pd.to_numeric(d[VALUE], errors="coerce").astype("float64")
    return d


def reserves_bar(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Horizontal bars of one edition's reserves, largest on top; NA countries kept with an 'NA' marker."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    _one_edition(df, "reserves_bar")
    d = _listed(df)
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    is_other = d["entity_type"] == "other"
    numbered = d[d["_value"].notna() & ~is_other].sort_values("_value", ascending=False)
    missing = d[d["_value"].isna() & ~is_other].sort_values("country")
    residual = d[is_other]
    order = list(numbered["country"]) + list(missing["country"]) + list(residual["country"])
    bars = pd.concat([numbered, residual[residual["_value"].notna()]])
    fig = go.Figure(go.Bar(**hover(dict(
        x=bars["_value"] / 1e6, y=bars["country"], orientation="h", showlegend=False,
        marker=dict(color=[colour_for(c, e) for c, e in zip(bars["country"], bars["entity_type"], strict=True)]),
        text=[short_tonnes(v) for v in bars["_value"]], textposition="outside", cliponaxis=False,
    ), _hover(bars))))
    gaps = pd.concat([missing, residual[residual["_value"].isna()]])
    if len(gaps):
        labels = [esc(t) or "NA" for t in column(gaps, "value_as_published")]
        fig.add_trace(go.Scatter(**hover(dict(
            x=[0] * len(gaps), y=gaps["country"], mode="markers+text", name="Not available (no figure published)",
            marker=dict(symbol="line-ns-open", size=22, color=NA_GREY, line=dict(width=3)),
            text=labels, textposition="middle right", textfont=dict(color=NA_GREY), cliponaxis=False,
        ), _hover(gaps))))
    top = float(bars["_value"].max() / 1e6) if len(bars) else 1.0
    fig.update_layout(
        showlegend=bool(len(gaps)), bargap=0.25,
        # Every country gets its label: plotly would otherwise skip every other one on a short chart.
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", showgrid=False, title=None,
                   tickmode="array", tickvals=order, ticktext=[esc(c) for c in order]),
        height=max(620, 300 + 30 * len(order)),
        xaxis=dict(title=dict(text="Million tonnes REO"), range=[0, top * 1.18], tickformat=",", showgrid=True,
                   gridcolor=GRID, showline=False),
    )
    return finish(fig, title, subtitle, source)


def reserves_map(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Choropleth of one edition's reserves by iso3; NA countries in a separate grey layer."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    _one_edition(df, "reserves_map")
    d = _listed(df)
    d = d[(d["entity_type"] == "country") & d["iso3"].notna() & (column(d, "iso3") != "")]
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    known, gaps = d[d["_value"].notna()], d[d["_value"].isna()]
    fig = go.Figure(go.Choropleth(**hover(dict(
        locations=known["iso3"], z=known["_value"] / 1e6, locationmode="ISO-3", name="Reserves",
        colorscale=[[0, "#D6E6F4"], [0.5, "#4A90C2"], [1, "#08306B"]], marker_line=dict(color="white", width=0.5),
        colorbar=dict(title=dict(text="Mt REO"), thickness=16, len=0.75, x=1.0),
    ), _hover(known))))
    if len(gaps):
        fig.add_trace(go.Choropleth(**hover(dict(
            locations=gaps["iso3"], z=[0] * len(gaps), locationmode="ISO-3", showscale=False, showlegend=True,
            name="Not available (NA)", colorscale=[[0, "#BDBDBD"], [1, "#BDBDBD"]],
            marker_line=dict(color="white", width=0.5),
        ), _hover(gaps))))
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="#FFFFFF", showland=True, landcolor="#EFEFEF",
                    lataxis_range=[-58, 85], bgcolor="white")
    fig.update_layout(showlegend=bool(len(gaps)))
    return finish(fig, title, subtitle, source)
