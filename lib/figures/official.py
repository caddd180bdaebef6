"""Official statistics of one flow, one panel per commodity code: each code at its own scale, since a four-digit
magnet heading is worth ten times a compounds heading. Plots the frame it is given (lib.domain.official_trade made
it); a missing figure is a gap, never a zero, and a code with no figure in the measure says so in its panel.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.figures.dependence import SCALE, UNIT_AXIS
from lib.figures.layout import empty_figure, finish, hover, nothing
from lib.figures.text import esc
from lib.figures.theme import BODY_SIZE, MUTED, colour_for

PANEL_HEIGHT = 190  # pixels a panel needs to read its bars and its axis


def _amount(v, measure: str) -> str:
    if pd.isna(v):
        return "no figure in the records"
    return f"{v:,.0f} t" if measure == "t" else f"US${v:,.0f}"


def code_panels(df: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """Bars of the annual figure, one panel per (line, code) in the frame's order, years shared across panels."""
    if nothing(df):
        return empty_figure(title=title, subtitle=subtitle, source=source)
    measure = str(df["measure"].iloc[0])
    years = list(range(int(df["year"].min()), int(df["year"].max()) + 1))
    panels = list(dict.fromkeys(zip(df["line"], df["commodity_code"], strict=True)))
    names = [f"{esc(line)}: code {esc(code)}" for line, code in panels]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.09, subplot_titles=names)
    for row, ((line, code), name) in enumerate(zip(panels, names, strict=True), start=1):
        g = df[(df["line"] == line) & (df["commodity_code"] == code)].set_index("year").reindex(years)
        value = pd.to_numeric(g["value"], errors="coerce").astype("float64")
        partner = str(df["partner"].iloc[0])
        colour = colour_for(partner)
        texts = [f"<b>{name}</b> · {y}<br>{esc(partner)}: {_amount(v, measure)}" for y, v in zip(years, value, strict=True)]
        fig.add_trace(go.Bar(**hover(dict(x=years, y=value / SCALE[measure], name=name, showlegend=False,
                                          marker=dict(color=colour, line=dict(color=colour, width=0.5))), texts)),
                      row=row, col=1)
        fig.update_yaxes(title=dict(text=UNIT_AXIS[measure]), rangemode="tozero", row=row, col=1)
        if value.notna().sum() == 0:
            # Where the panel has no bar, it says why rather than showing an empty axis as a zero.
            fig.add_annotation(name=f"no figure {code}", text=f"No figure in {UNIT_AXIS[measure].lower()} in the records",
                               x=0.5, y=0.5, xref=f"x{row if row > 1 else ''} domain", yref=f"y{row if row > 1 else ''} domain",
                               showarrow=False, font=dict(size=BODY_SIZE, color=MUTED))
    fig.update_annotations(font=dict(size=BODY_SIZE))
    fig.update_layout(bargap=0.2, height=max(620, 260 + PANEL_HEIGHT * len(panels)))
    return finish(fig, title, subtitle, source)
