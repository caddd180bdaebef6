"""Trade: monthly series with policy events, imports by product scope, import shares by partner.

Every builder plots the rows it is given; which reporter, flow and status may be drawn is decided before
(lib.domain.trade). Secondary figures are marked (hollow markers, dotted bars), never hidden.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.figures.access import dashes, ink_on, patterns, symbols
from lib.figures.events import events_layer
from lib.figures.layout import empty_figure, finish, hover, legend_key, nothing
from lib.figures.text import br, column, esc, number, pct, tonnes
from lib.figures.theme import BODY_SIZE, GRID, NA_GREY, OKABE_ITO, colour_for


def _approximate(r) -> bool:
    flag = r.get("approximate")
    return flag is not None and not pd.isna(flag) and bool(flag)


def _hover(r: pd.Series, when: str, value_text: str) -> str:
    secondary = " <i>(secondary)</i>" if r.get("status") == "secondary" else ""
    parts = [f"<b>{esc(r['partner'])}</b> · {when}", value_text + secondary]
    if _approximate(r):
        parts.append(f"Approximate: the source says “{esc(r.get('value_as_published'))}”")
    if pd.notna(r.get("product_scope")):
        parts.append(br(r["product_scope"]))
    if pd.notna(r.get("reported_change")) and r.get("reported_change"):
        parts.append(f"Reported change: {esc(r['reported_change'])}")
    if pd.notna(r.get("source_id")):
        parts.append(f"Source: {esc(r['source_id'])}")
    return "<br>".join(parts)


def monthly_lines(df: pd.DataFrame, events: pd.DataFrame | None = None, *, title: str, subtitle: str,
                  source: str) -> go.Figure:
    """One line per (partner, product scope) over the months of the frame (a `month` column, one row per
    series and month); missing months are gaps, secondary figures hollow markers, events dotted lines."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df.copy()
    months = pd.date_range(d["month"].min(), d["month"].max(), freq="MS")
    several_scopes = d["product_scope"].nunique() > 1
    volume = pd.to_numeric(d["mass_t"], errors="coerce").fillna(0).groupby(d["partner"]).sum()
    # World first, then the largest destinations, so the legend reads in order of size.
    series = sorted(d.groupby(["partner", "product_scope"]).groups,
                    key=lambda k: (str(k[0]).lower() != "world", -volume[k[0]]))
    fig = go.Figure()
    colours = [colour_for(partner) for partner, _ in series]
    # Lines whose colours some viewers cannot tell apart also differ in dash and marker shape.
    for (partner, scope), colour, dash, symbol in zip(series, colours, dashes(colours), symbols(colours), strict=True):
        g = d[(d["partner"] == partner) & (d["product_scope"] == scope)].set_index("month").reindex(months)
        secondary = (g["status"] == "secondary").fillna(False).astype(bool)
        name = f"{partner} ({scope})" if several_scopes else str(partner)
        texts = ["" if pd.isna(r["partner"]) else _hover(r, f"{m:%b %Y}", tonnes(number(r["mass_t"]))) for m, r in g.iterrows()]
        fig.add_trace(go.Scatter(**hover(dict(
            x=months, y=pd.to_numeric(g["mass_t"], errors="coerce").astype("float64"), mode="lines+markers", name=name,
            connectgaps=False, line=dict(color=colour, width=4 if str(partner).lower() == "world" else 2.5, dash=dash),
            marker=dict(size=10, color=colour, line=dict(width=2, color=colour),
                        symbol=[f"{symbol}-open" if s else symbol for s in secondary]),
        ), texts)))
    if (d["status"] == "secondary").any():
        legend_key(fig, "secondary source (hollow)", symbol="circle-open", line=dict(width=2, color=NA_GREY))
    events_layer(fig, events, months[0], months[-1] + pd.offsets.MonthEnd(1))
    fig.update_layout(xaxis=dict(title=None, tickformat="%b %Y", range=[months[0] - pd.Timedelta(days=15),
                                                                            months[-1] + pd.Timedelta(days=15)]),
                      yaxis=dict(title=dict(text="Tonnes per month"), rangemode="tozero"), hovermode="closest")
    return finish(fig, title, subtitle, source)


def by_scope(df: pd.DataFrame, measure: str = "mass_t", *, title: str, subtitle: str, source: str) -> go.Figure:
    """Grouped bars by period, one series per product scope (and partner), never stacked or summed.

    Periods of different length (month, fiscal year) share the axis as labelled categories.
    """
    if measure not in ("mass_t", "value_usd"):
        raise ValueError("measure is 'mass_t' or 'value_usd'")
    d = df[pd.to_numeric(df[measure], errors="coerce").notna()].copy() if not nothing(df) else df
    if nothing(d):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d["_start"] = pd.to_datetime(d["period_start"]) if "period_start" in d else pd.NaT
    d["_end"] = pd.to_datetime(d["period_end"]) if "period_end" in d else pd.NaT
    periods = list(d.sort_values(["_start", "_end", "period"]).drop_duplicates("period")["period"].astype(str))
    scopes = list(dict.fromkeys(d["product_scope"].astype(str)))
    partners = d["partner"].nunique()
    by_scope_ = len(scopes) > 1
    fmt = (lambda v: f"{v:,.0f} t") if measure == "mass_t" else (lambda v: f"US${v:,.0f}")
    fig = go.Figure()
    groups = list(d.groupby(["product_scope", "partner"], sort=False))
    colours = [OKABE_ITO[scopes.index(str(scope)) % len(OKABE_ITO)] if by_scope_ else colour_for(partner)
               for (scope, partner), _ in groups]
    # Series whose colours some viewers cannot tell apart also differ in pattern; a secondary figure is a
    # lighter bar with its outline kept, and says so in its hover.
    for ((scope, partner), g), colour, pattern in zip(groups, colours, patterns(colours), strict=True):
        secondary = list((g["status"] == "secondary").fillna(False))
        name = f"{partner}: {scope}" if partners > 1 and by_scope_ else (str(scope) if by_scope_ else str(partner))
        value = pd.to_numeric(g[measure], errors="coerce").astype("float64")
        when = [f"{p} ({esc(t)}{', ' + f'{s:%d %b %Y}–{e:%d %b %Y}' if pd.notna(s) and pd.notna(e) else ''})"
                for p, t, s, e in zip(g["period"], column(g, "period_type"), g["_start"], g["_end"], strict=True)]
        fig.add_trace(go.Bar(**hover(dict(
            x=g["period"].astype(str), y=value, name=esc(name),
            marker=dict(color=colour, opacity=[0.55 if s else 1.0 for s in secondary],
                        line=dict(color=colour, width=2),
                        pattern=dict(shape=pattern, fillmode="overlay", fgcolor=ink_on(colour), solidity=0.3)),
            text=[("≈ " if _approximate(r) else "") + fmt(v) for (_, r), v in zip(g.iterrows(), value, strict=True)],
            textposition="outside", cliponaxis=False,
        ), [_hover(r, w, fmt(v)) for (_, r), w, v in zip(g.iterrows(), when, value, strict=True)])))
    if (d["status"] == "secondary").any():
        fig.add_trace(go.Bar(x=[None], y=[None], name="secondary source (lighter)", hoverinfo="skip",
                             marker=dict(color=NA_GREY, opacity=0.55, line=dict(color=NA_GREY, width=2))))
    fig.update_layout(barmode="group", bargap=0.3, xaxis=dict(title=None, categoryorder="array", categoryarray=periods),
                      yaxis=dict(title=dict(text="Tonnes" if measure == "mass_t" else "US dollars"), rangemode="tozero"))
    return finish(fig, title, subtitle, source)


def partner_shares(df: pd.DataFrame, *, share_of: str, title: str, subtitle: str, source: str) -> go.Figure:
    """Horizontal bars of each partner's `share_pct` (as given), one panel per product and period, the
    residual ('Other') last. `share_of` says of what ('U.S. imports')."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    d = df[pd.to_numeric(df["share_pct"], errors="coerce").notna()]
    if d.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    panels = list(d.groupby(["product", "period"], sort=False))
    titles = [f"{esc(p)}, {esc(per)}" for (p, per), _ in panels] if len(panels) > 1 else None
    fig = make_subplots(rows=1, cols=len(panels), horizontal_spacing=0.12, subplot_titles=titles)
    for i, ((product, period), g) in enumerate(panels, start=1):
        g = g.assign(_v=pd.to_numeric(g["share_pct"], errors="coerce").astype("float64"),
                     _other=g["partner"].astype(str).str.lower().str.startswith("other"))
        g = g.sort_values(["_other", "_v"], ascending=[True, False])
        fig.add_trace(go.Bar(**hover(dict(
            x=g["_v"], y=g["partner"], orientation="h", showlegend=False,
            marker=dict(color=[colour_for(p, "other" if o else None) for p, o in zip(g["partner"], g["_other"], strict=True)]),
            text=[pct(v) for v in g["_v"]], textposition="outside", cliponaxis=False,
        ), [f"<b>{esc(p)}</b><br>{v:.0f}% of {esc(share_of)}<br>{esc(product)}, {esc(period)}" + (f"<br>{br(n)}" if n else "")
            for p, v, n in zip(g["partner"], g["_v"], column(g, "note"), strict=True)])), row=1, col=i)
        fig.update_yaxes(categoryorder="array", categoryarray=list(g["partner"]), autorange="reversed",
                         showgrid=False, row=1, col=i)
        fig.update_xaxes(range=[0, 115], showgrid=True, gridcolor=GRID, showline=False, ticksuffix="%", row=1, col=i)
    fig.update_annotations(font=dict(size=BODY_SIZE))
    fig.update_layout(xaxis=dict(title=dict(text=f"Share of {share_of}")), bargap=0.3)
    return finish(fig, title, subtitle, source)
