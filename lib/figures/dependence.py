"""A reporter's dependence on its suppliers, from official records: imports by partner, China's share, supplier
concentration, and the two sides of one flow. Every builder plots the frame it is given (lib.domain.official_trade
made it); a missing figure is a gap, never a zero.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.figures.access import ink_on, patterns
from lib.figures.layout import empty_figure, finish, hover, nothing
from lib.figures.text import br, column, esc, pct
from lib.figures.theme import BODY_SIZE, OKABE_ITO, OTHER_GREY, SERIES_DARK, colour_for

UNIT_AXIS = {"t": "Tonnes", "US$": "US$ million"}
# Values are drawn in millions (axis labels of ten digits crowd the plot); the hover keeps the full figure.
SCALE = {"t": 1.0, "US$": 1e6}
IMPORT_SIDE, EXPORT_SIDE = (OKABE_ITO[0], "solid", "circle"), (OKABE_ITO[1], "dash", "square")


def _amount(v, measure: str) -> str:
    if pd.isna(v):
        return "not available"
    return f"{v:,.0f} t" if measure == "t" else f"US${v:,.0f}"


def _measure(df: pd.DataFrame) -> str:
    return str(df["measure"].iloc[0]) if "measure" in df and len(df) else "t"


def _years(df: pd.DataFrame) -> list[int]:
    return list(range(int(df["year"].min()), int(df["year"].max()) + 1))


def partner_bars(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Stacked bars of annual imports, one series per partner in the frame's order ('Others' grey, last); a
    partner's missing year is an empty segment, and a year whose every figure is missing says so."""
    if nothing(df) or pd.to_numeric(df["value"], errors="coerce").notna().sum() == 0:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    measure = _measure(df)
    years = _years(df)
    partners = list(dict.fromkeys(df["partner"]))
    colours = [OTHER_GREY if p == "Others" else colour_for(p) for p in partners]
    fig = go.Figure()
    # Partners whose colours some viewers cannot tell apart also differ in pattern.
    for partner, colour, pattern in zip(partners, colours, patterns(colours), strict=True):
        g = df[df["partner"] == partner].set_index("year").reindex(years)
        value = pd.to_numeric(g["value"], errors="coerce").astype("float64")
        texts = [f"<b>{esc(partner)}</b> · {y}<br>{_amount(v, measure)}"
                 + (f"<br>{int(n)} countries" if partner == "Others" and pd.notna(n) else "")
                 for y, v, n in zip(years, value, g["unit_rows"], strict=True)]
        fig.add_trace(go.Bar(**hover(dict(
            x=years, y=value / SCALE[measure], name=esc(partner),
            marker=dict(color=colour, line=dict(color=colour, width=0.5),
                        pattern=dict(shape=pattern, fillmode="overlay", fgcolor=ink_on(colour), solidity=0.3)),
        ), texts)))
    # The legend in the frame's order (the largest partner first), not plotly's reversed order for stacks.
    fig.update_layout(barmode="stack", bargap=0.2, xaxis=dict(title=None), legend=dict(traceorder="normal"),
                      yaxis=dict(title=dict(text=UNIT_AXIS[measure]), rangemode="tozero"))
    return finish(fig, title, subtitle, source)


def share_line(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """One partner's `share_pct` per year, as given (0–100%); a year without a share is a gap."""
    if nothing(df) or pd.to_numeric(df["share_pct"], errors="coerce").notna().sum() == 0:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    measure = _measure(df)
    years = _years(df)
    g = df.set_index("year").reindex(years)
    share = pd.to_numeric(g["share_pct"], errors="coerce").astype("float64")
    partner = str(df["partner"].iloc[0])
    colour = colour_for(partner)
    texts = [f"<b>{esc(partner)}</b> · {y}<br>{pct(s, 1)} of {esc(str(d).removeprefix('share of '))}"
             f"<br>{_amount(v, measure)} of {_amount(t, measure)}" if pd.notna(s) else f"{y}: no share"
             for y, s, d, v, t in zip(years, share, column(g, "denominator"), g["value"], g["total"], strict=True)]
    fig = go.Figure(go.Scatter(**hover(dict(
        x=years, y=share, mode="lines+markers", name=esc(partner), connectgaps=False,
        line=dict(color=colour, width=3), marker=dict(size=8, color=colour),
    ), texts)))
    fig.update_layout(showlegend=False, xaxis=dict(title=None),
                      yaxis=dict(title=dict(text=f"{partner}'s share, %"), range=[0, 105], ticksuffix="%"))
    return finish(fig, title, subtitle, source)


def concentration_panels(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Two panels over the years: HHI (0–10,000) above, the top-3 share (%) below, as given."""
    if nothing(df) or pd.to_numeric(df["top_share_pct"], errors="coerce").notna().sum() == 0:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    years = _years(df)
    g = df.set_index("year").reindex(years)
    hhi = pd.to_numeric(g["hhi"], errors="coerce").astype("float64")
    top3 = pd.to_numeric(g["top3_share_pct"], errors="coerce").astype("float64")
    notes = [br(n) for n in column(g, "note")]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=("HHI (10,000: a single supplier)", "Top 3 suppliers' share, %"))
    fig.add_trace(go.Scatter(**hover(dict(
        x=years, y=hhi, mode="lines+markers", name="HHI", connectgaps=False,
        line=dict(color=SERIES_DARK, width=3), marker=dict(size=8, color=SERIES_DARK, symbol="circle"),
    ), [f"<b>{y}</b><br>HHI {h:,.0f}<br>Largest: {esc(c)} {pct(s, 1)}<br>{n}" if pd.notna(h) else f"{y}: no HHI<br>{n}"
        for y, h, c, s, n in zip(years, hhi, g["top_country"], g["top_share_pct"], notes, strict=True)])), row=1, col=1)
    fig.add_trace(go.Scatter(**hover(dict(
        x=years, y=top3, mode="lines+markers", name="Top 3 share", connectgaps=False,
        line=dict(color=OKABE_ITO[1], width=3, dash="dash"), marker=dict(size=8, color=OKABE_ITO[1], symbol="square"),
    ), [f"<b>{y}</b><br>Top 3: {pct(v, 1)}<br>{n}" if pd.notna(v) else f"{y}: no share<br>{n}"
        for y, v, n in zip(years, top3, notes, strict=True)])), row=2, col=1)
    fig.update_yaxes(range=[0, 10500], tickformat=",", row=1, col=1)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", row=2, col=1)
    fig.update_annotations(font=dict(size=BODY_SIZE))
    fig.update_layout(showlegend=False, xaxis2=dict(title=None))
    return finish(fig, title, subtitle, source)


def mirror_lines(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """For each importer–exporter pair, one panel: the importer's reported imports and the exporter's reported
    exports of the same flow, per year, as given. Not reconciled: the gap is in the hover."""
    if nothing(df) or pd.to_numeric(df["value"], errors="coerce").notna().sum() == 0:
        return empty_figure(title=title, subtitle=subtitle, source=source)
    measure = _measure(df)
    years = _years(df)
    pairs = list(dict.fromkeys(zip(df["importer"], df["exporter"], strict=True)))
    titles = [f"{esc(e)} → {esc(i)}" for i, e in pairs] if len(pairs) > 1 else None
    fig = make_subplots(rows=1, cols=len(pairs), horizontal_spacing=0.1, subplot_titles=titles)
    for col, (importer, exporter) in enumerate(pairs, start=1):
        pair = df[(df["importer"] == importer) & (df["exporter"] == exporter)]
        for side, g in pair.groupby("side", sort=False):
            # The importer's figure solid with circles, the exporter's dashed with squares: told apart without colour.
            colour, dash, symbol = IMPORT_SIDE if "reports imports" in side else EXPORT_SIDE
            g = g.set_index("year").reindex(years)
            value = pd.to_numeric(g["value"], errors="coerce").astype("float64")
            basis = column(g, "value_basis")
            texts = [f"<b>{esc(side)}</b> · {y}<br>{_amount(v, measure)}"
                     + (f" ({esc(b)})" if b and measure == "US$" else "")
                     + (f"<br>Imports minus exports: {_amount(gap, measure)}" if pd.notna(gap) else "")
                     for y, v, b, gap in zip(years, value, basis, g["gap"], strict=True)]
            fig.add_trace(go.Scatter(**hover(dict(
                x=years, y=value / SCALE[measure], mode="lines+markers", name=esc(side), connectgaps=False,
                line=dict(color=colour, width=3, dash=dash), marker=dict(size=8, color=colour, symbol=symbol),
            ), texts)), row=1, col=col)
    fig.update_yaxes(rangemode="tozero")
    fig.update_annotations(font=dict(size=BODY_SIZE))
    fig.update_layout(xaxis=dict(title=None), yaxis=dict(title=dict(text=UNIT_AXIS[measure])))
    return finish(fig, title, subtitle, source)
