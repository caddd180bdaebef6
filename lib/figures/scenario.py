"""What-if scenarios: supply by source month by month, the shortfall over cut x cover, and the 2025 replay.

Every builder plots the frame it is given (lib.specs.scenario makes it from lib.domain.scenario and replay);
the assumptions are in the subtitle and source line the spec writes, never typed here.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import make_colorscale, sample_colorscale
from plotly.colors import sequential as seq
from plotly.subplots import make_subplots

from lib.figures.access import PATTERNS, ink_on, second_channel
from lib.figures.layout import DEFAULT_HEIGHT, empty_figure, finish, hover, nothing
from lib.figures.text import esc, short_tonnes, tonnes
from lib.figures.theme import BODY_SIZE, INK, MUTED, SERIES_DARK, SERIES_LIGHT, SMALL_SIZE, colour_for

# The scenario charts carry their assumptions under the plot: a taller figure keeps the plot readable.
SCENARIO_HEIGHT = DEFAULT_HEIGHT + 100
UNMET = "#B2182B"  # a dark red, and always hatched: the one segment a reader must not miss
UNMET_PATTERN = "x"
# The other segments' second channel never takes the shortfall's hatch.
OTHER_PATTERNS = tuple(p for p in PATTERNS if p != UNMET_PATTERN)
KIND_COLOURS = {"substitution": SERIES_LIGHT, "stock": SERIES_DARK, "unmet": UNMET}
SHORTFALL_SCALE = make_colorscale(list(seq.OrRd))


def _name(source: str, kind: str) -> str:
    return {"substitution": f"{source}: added", "stock": "Drawn from stock", "unmet": "Unmet demand (shortfall)"}.get(
        kind, source)


def _runs(months: list[pd.Timestamp]) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Consecutive months as (first, last) pairs."""
    out: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for m in months:
        if out and (m.year - out[-1][1].year) * 12 + m.month - out[-1][1].month == 1:
            out[-1] = (out[-1][0], m)
        else:
            out.append((m, m))
    return out


def supply_by_source(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Stacked monthly bars of supply by source (frame order: suppliers, substitution, stock drawn, unmet demand)
    under the demand line; months where the cut is in force are shaded. The frame: month, source, kind
    (supplier, substitution, stock, unmet), mass_t, and per month demand_t, stock_t (month end) and cut_pct."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df.assign(mass_t=pd.to_numeric(df["mass_t"], errors="coerce").astype("float64"))
    per_month = d.drop_duplicates("month").set_index("month").sort_index()
    months = list(per_month.index)
    series = [(s, k) for s, k in dict.fromkeys(zip(d["source"], d["kind"], strict=True))
              if k == "supplier" or d.loc[(d["source"] == s) & (d["kind"] == k), "mass_t"].abs().sum() > 0]
    colours = [KIND_COLOURS.get(k) or colour_for(s) for s, k in series]
    plain = [i for i, (_, k) in enumerate(series) if k != "unmet"]
    channel = dict(zip(plain, second_channel([colours[i] for i in plain]), strict=True))
    fig = go.Figure()
    for i, ((src, kind), colour) in enumerate(zip(series, colours, strict=True)):
        g = d[(d["source"] == src) & (d["kind"] == kind)].set_index("month").reindex(months)
        pattern = UNMET_PATTERN if kind == "unmet" else OTHER_PATTERNS[channel[i] % len(OTHER_PATTERNS)]
        name = _name(str(src), kind)
        texts = []
        for m, r in g.iterrows():
            line = f"<b>{esc(name)}</b> · {m:%b %Y}<br>{tonnes(r['mass_t'])} of {tonnes(per_month.at[m, 'demand_t'])} demand"
            if kind == "stock":
                line += f"<br>Stock left at month end: {tonnes(per_month.at[m, 'stock_t'])}"
            texts.append(line)
        fig.add_trace(go.Bar(**hover(dict(
            x=months, y=g["mass_t"], name=esc(name),
            marker=dict(color=colour, line=dict(width=0),
                        pattern=dict(shape=pattern, fgcolor=ink_on(colour), fillmode="overlay", solidity=0.35)),
        ), texts)))
    demand = per_month["demand_t"].astype("float64")
    fig.add_trace(go.Scatter(**hover(dict(
        x=months, y=demand, mode="lines", name="Demand (baseline)", line=dict(color=INK, width=2.5, dash="dash"),
    ), [f"<b>Demand (baseline)</b> · {m:%b %Y}<br>{tonnes(v)}" for m, v in demand.items()])))
    cut = pd.to_numeric(per_month["cut_pct"], errors="coerce").fillna(0)
    half = pd.Timedelta(days=15)
    # A plain shape and annotation: add_vrect does the same at several times the cost, on every slider move.
    for first, last in _runs([m for m, c in cut.items() if c > 0]):
        fig.add_shape(type="rect", x0=first - half, x1=last + half, y0=0, y1=1, xref="x", yref="paper",
                      fillcolor="rgba(0,0,0,0.07)", line_width=0, layer="below")
        fig.add_annotation(text="cut in force", x=first - half, y=1, xref="x", yref="paper", xanchor="left",
                           yanchor="top", showarrow=False, font=dict(size=SMALL_SIZE, color=MUTED))
    top = float(demand.max()) if len(demand) else 0.0
    fig.update_layout(
        barmode="relative", bargap=0.15, height=SCENARIO_HEIGHT, hovermode="closest",
        xaxis=dict(title=None, tickformat="%b %Y", dtick="M3",
                   range=[months[0] - half, months[-1] + half]),
        yaxis=dict(title=dict(text="Tonnes per month"), range=[0, top * 1.15 if top > 0 else 1]),
    )
    return finish(fig, title, subtitle, source)


def shortfall_grid(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """A heatmap of cumulative shortfall (t) over cut (rows) x months of cover (columns), each cell's value written
    in it in black or white, whichever reads better on its colour; the cell marked `chosen` is outlined.
    The frame: cut_pct, cover_months, shortfall_t, shortfall_pct, chosen (one row per cell)."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    cuts = sorted(df["cut_pct"].astype("float64").unique())
    covers = sorted(df["cover_months"].astype("float64").unique())
    grid = df.set_index(["cut_pct", "cover_months"])
    z = [[float(grid.at[(c, m), "shortfall_t"]) for m in covers] for c in cuts]
    share = [[float(grid.at[(c, m), "shortfall_pct"]) for m in covers] for c in cuts]
    top = max(max(row) for row in z) or 1.0
    xs, ys = [f"{m:g}" for m in covers], [f"{c:g}%" for c in cuts]
    colours = [sample_colorscale(SHORTFALL_SCALE, [min(v / top, 1.0) for v in row]) for row in z]
    hovers = [[f"Cut {c:g}%, {m:g} months of cover<br>Shortfall {tonnes(v)} ({p:.1f}% of the horizon's demand)"
               for m, v, p in zip(covers, row, prow, strict=True)] for c, row, prow in zip(cuts, z, share, strict=True)]
    fig = go.Figure(go.Heatmap(z=z, x=xs, y=ys, colorscale=SHORTFALL_SCALE, zmin=0, zmax=top, showscale=False,
                               xgap=1, ygap=1, hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[x for _ in ys for x in xs], y=[y for y in ys for _ in xs], mode="text", showlegend=False, hoverinfo="skip",
        text=[short_tonnes(v) or "0 t" for row in z for v in row],
        textfont=dict(size=SMALL_SIZE, color=[ink_on(c) for row in colours for c in row]),
    ))
    for _, r in df[df["chosen"].astype(bool)].iterrows():
        i, j = covers.index(float(r["cover_months"])), cuts.index(float(r["cut_pct"]))
        fig.add_shape(type="rect", x0=i - 0.5, x1=i + 0.5, y0=j - 0.5, y1=j + 0.5, xref="x", yref="y",
                      line=dict(color=INK, width=4), fillcolor="rgba(0,0,0,0)")
    fig.update_layout(
        height=SCENARIO_HEIGHT, showlegend=False,
        xaxis=dict(title=dict(text="Months of cover at the start"), type="category", showline=False, ticks=""),
        yaxis=dict(title=dict(text="Cut"), type="category", showgrid=False),
    )
    return finish(fig, title, subtitle, source)


def replay_lines(df: pd.DataFrame, *, baseline_year: int, title: str, subtitle: str, source: str) -> go.Figure:
    """One panel per partner (frame order), each on its own scale: its reported months as a line (gaps where no
    month is reported, hollow markers for secondary figures, ≈ over approximate ones) and its baseline as a dashed
    line, named in the panel's title with the months it rests on. The frame: replay.Replay.frame."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df.copy()
    partners = list(dict.fromkeys(d["partner"]))
    first, last = d["month"].min(), d["month"].max()
    months = pd.date_range(f"{first.year}-01-01", f"{last.year}-12-01", freq="MS")
    cols = 1 if len(partners) == 1 else 2
    rows = math.ceil(len(partners) / cols)
    titles = []
    for p in partners:
        g = d[d["partner"] == p]
        base, n = g["baseline_t"].iloc[0], int(g["baseline_months"].iloc[0])
        titles.append(f"<b>{esc(p)}</b>: " + (f"{baseline_year} average {tonnes(base)} ({n} month{'s' if n != 1 else ''}), dashed"
                                               if pd.notna(base) else f"no {baseline_year} month, no baseline"))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.1, vertical_spacing=0.2)
    for k, partner in enumerate(partners):
        row, col = k // cols + 1, k % cols + 1
        colour = colour_for(partner)
        g = d[d["partner"] == partner].set_index("month").reindex(months)
        present = g["partner"].notna()
        secondary = g["secondary"].astype("boolean").fillna(False).astype(bool)
        approximate = g["approximate"].astype("boolean").fillna(False).astype(bool)
        texts = []
        for (m, r), here in zip(g.iterrows(), present, strict=True):
            if not here:
                texts.append("")
                continue
            parts = [f"<b>{esc(partner)}</b> · {m:%b %Y}",
                     tonnes(r["mass_t"]) + (" <i>(secondary)</i>" if r["secondary"] else "")]
            if pd.notna(r["ratio"]):
                parts.append(f"{r['ratio']:.0%} of the {baseline_year} average")
            if r["approximate"]:
                parts.append(f"Approximate: the source says “{esc(r['as_published'])}”")
            parts.append(f"Source: {esc(r['source_ids'])}")
            texts.append("<br>".join(parts))
        fig.add_trace(go.Scatter(**hover(dict(
            x=months, y=pd.to_numeric(g["mass_t"], errors="coerce").astype("float64"), mode="lines+markers+text",
            name=esc(partner), showlegend=False, connectgaps=False, line=dict(color=colour, width=3),
            marker=dict(size=10, color=colour, line=dict(width=2, color=colour),
                        symbol=["circle-open" if s else "circle" for s in secondary]),
            text=["≈" if a else "" for a in approximate], textposition="top center",
            textfont=dict(size=BODY_SIZE, color=INK),
        ), texts)), row=row, col=col)
        base = d.loc[d["partner"] == partner, "baseline_t"].iloc[0]
        if pd.notna(base):
            fig.add_trace(go.Scatter(x=[months[0], months[-1]], y=[base, base], mode="lines", showlegend=False,
                                     name=f"{esc(partner)}: {baseline_year} average", hoverinfo="skip",
                                     line=dict(color=colour, width=2, dash="dash")), row=row, col=col)
        fig.update_yaxes(rangemode="tozero", row=row, col=col)
        fig.update_xaxes(tickformat="%b", dtick="M2", range=[months[0] - pd.Timedelta(days=15),
                                                              months[-1] + pd.Timedelta(days=15)], row=row, col=col)
    fig.update_annotations(font=dict(size=BODY_SIZE, color=INK))
    fig.update_layout(showlegend=False, yaxis=dict(title=dict(text="Tonnes per month")))
    return finish(fig, title, subtitle, source)
